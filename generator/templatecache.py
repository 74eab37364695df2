"""The theme's templates, compiled once and kept in ``.cache/templates/`` (and in memory
across the preview's rebuilds).

MkDocs makes a new Jinja environment for every build, and Jinja compiles each template
from its source the first time it is used: about fifty of Material's and ours, which at 100
claims cost a fifth of the whole build. Jinja can keep compiled templates (its bytecode
cache); MkDocs does not ask it to. Here it does, in a folder named after the environment's
settings that change what a template compiles to (Jinja's version, extensions, syntax,
autoescaping), so that a build under other settings never reads another's. Jinja itself
checks each entry against its template's source (a checksum) and its Python version, and
compiles again on any difference; its files are written whole, then renamed into place.

MkDocs also lists every file of the theme's folders at each build, to copy the static ones
into the site: Material's folder holds some 14,500 files (its icons mostly), each walked and
matched against a dozen patterns. An installed theme's folder (wherever it is installed,
often in the project's ``.venv/``) is listed once and its list kept in ``LISTED``, with the
modification time of each of its folders: a file added, removed or renamed anywhere in it
changes its folder's time, and the folder is listed again. The project's own theme folder
(``custom_dir``) is listed every time, as MkDocs lists it."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Collection
from pathlib import Path
from typing import Any

import jinja2
import mkdocs
from jinja2.bccache import Bucket
from mkdocs.theme import Theme

FOLDER = ".cache/templates"
LISTED = ".cache/theme-files.json"


class Templates(jinja2.BytecodeCache):
    """Compiled templates, in memory for as long as the process runs (the preview's
    rebuilds), and on disk through ``disk``, if any."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}
        self.settings = ""
        self.disk: jinja2.FileSystemBytecodeCache | None = None

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.compiled:  # the bucket checks the template's checksum itself
            bucket.bytecode_from_string(self.compiled[bucket.key])
        elif self.disk is not None:
            self.disk.load_bytecode(bucket)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()
        if self.disk is not None:
            self.disk.dump_bytecode(bucket)


_KEPT = Templates()


def keep(theme: Theme, root: Path) -> None:
    """Have every Jinja environment ``theme`` makes keep its compiled templates (MkDocs'
    own, and those Material's search plugin makes to read its translations), and list the
    installed theme's folders once."""
    get_env = theme.get_env
    static = tuple(theme.static_templates)

    def keeping() -> jinja2.Environment:
        env = get_env()
        install(env, root)
        _list_once(env, root, static, theme.custom_dir)
        return env

    theme.get_env = keeping  # type: ignore[method-assign]


def install(env: jinja2.Environment, root: Path) -> None:
    """Have ``env`` keep its compiled templates in memory and in the project's ``FOLDER``
    (where a folder for other settings is removed: it is from an earlier setup)."""
    found = settings(env)
    if found != _KEPT.settings:
        _KEPT.compiled.clear()
        _KEPT.settings = found
    _KEPT.disk = None
    parent = root / FOLDER
    folder = parent / found
    try:
        if not folder.is_dir():
            shutil.rmtree(parent, ignore_errors=True)
            folder.mkdir(parents=True)
        _KEPT.disk = jinja2.FileSystemBytecodeCache(str(folder))
    except OSError:
        pass  # a read-only project: kept in memory only
    env.bytecode_cache = _KEPT


def settings(env: jinja2.Environment) -> str:
    """What, besides a template's source, decides what it compiles to, as a short digest."""
    autoescape: object = env.autoescape
    if callable(env.autoescape):
        autoescape = f"{env.autoescape.__module__}.{env.autoescape.__qualname__}"
    described = repr(
        (
            # when jinja2 was installed: a compiled template is never read by another
            # installation, nor from a folder a project's files could bring with them
            os.stat(os.path.dirname(jinja2.__file__)).st_mtime_ns,
            jinja2.__version__,
            sorted(env.extensions),
            autoescape,
            env.optimized,
            env.block_start_string,
            env.block_end_string,
            env.variable_start_string,
            env.variable_end_string,
            env.comment_start_string,
            env.comment_end_string,
            env.line_statement_prefix,
            env.line_comment_prefix,
            env.trim_blocks,
            env.lstrip_blocks,
            env.newline_sequence,
            env.keep_trailing_newline,
        )
    )
    return hashlib.blake2b(described.encode(), digest_size=8).hexdigest()


# --- the theme's files, listed once ------------------------------------------------------

_Listing = dict[str, Any]  # {"folders": {folder: mtime_ns}, "names": [template names]}
_listed: dict[str, _Listing] = {}  # by folder, static templates and MkDocs' version
_read: list[Path] = []  # the LISTED files read into _listed in this process


def _list_once(
    env: jinja2.Environment, root: Path, static: tuple[str, ...], custom_dir: str | None
) -> None:
    """Have ``env.list_templates`` keep its list of each installed theme folder (all but the
    project's ``custom_dir``, wherever the environment is installed: often inside the
    project, in ``.venv/``), as MkDocs calls it (``Files.add_files_from_theme``: a filter,
    no extensions)."""
    loader = env.loader
    if not isinstance(loader, jinja2.FileSystemLoader) or loader.followlinks:
        return
    list_templates = env.list_templates
    own = os.path.abspath(custom_dir) if custom_dir else None

    def listed(
        extensions: Collection[str] | None = None,
        filter_func: Callable[[str], bool] | None = None,
    ) -> list[str]:
        if extensions is not None or filter_func is None:
            return list_templates(extensions, filter_func)
        names: set[str] = set()
        for folder in loader.searchpath:
            folder = os.path.abspath(folder)
            if folder == own:
                names.update(n for n in _walk(folder)[1] if filter_func(n))
            else:
                names.update(_kept(root, folder, static, filter_func))
        return sorted(names)

    env.list_templates = listed  # type: ignore[method-assign]


def _kept(
    root: Path, folder: str, static: tuple[str, ...], filter_func: Callable[[str], bool]
) -> list[str]:
    """The names in ``folder`` that ``filter_func`` (MkDocs', which reads the static
    templates) keeps: from memory or ``LISTED`` if no folder in it changed, else walked."""
    key = "\0".join((folder, *static, mkdocs.__version__))
    path = root / LISTED
    if path not in _read:
        _read.append(path)
        with contextlib.suppress(OSError, ValueError, AttributeError, TypeError):
            _listed.update(json.loads(path.read_text(encoding="utf-8")))
    kept = _listed.get(key)
    if _valid(kept, folder) and _unchanged(kept["folders"]):  # type: ignore[index]
        return list(kept["names"])  # type: ignore[index]
    folders, names = _walk(folder)
    _listed[key] = {"folders": folders, "names": [n for n in names if filter_func(n)]}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", dir=path.parent, delete=False) as out:
            json.dump(_listed, out)
        os.replace(out.name, path)
    except OSError:
        pass  # kept in memory only
    return list(_listed[key]["names"])


def _valid(kept: object, folder: str) -> bool:
    """Whether ``kept`` is a listing of ``folder`` as ``_walk`` makes them: the folder's own
    time among its folders' (a file in the project cannot know it), names inside it."""
    if not isinstance(kept, dict):
        return False
    folders, names = kept.get("folders"), kept.get("names")
    return (
        isinstance(folders, dict)
        and folder in folders
        and all(f == folder or f.startswith(folder + os.sep) for f in folders)
        and isinstance(names, list)
        and all(isinstance(n, str) and _SAFE_NAME.fullmatch(n) for n in names)
    )


_SAFE_NAME = re.compile(r"(?!/)(?!.*(?:^|/)\.\.(?:/|$))[^\\\0]+")


def _unchanged(folders: dict[str, int]) -> bool:
    try:
        return all(os.stat(f).st_mtime_ns == mtime for f, mtime in folders.items())
    except (OSError, TypeError):
        return False


def _walk(top: str) -> tuple[dict[str, int], list[str]]:
    """Each folder under ``top`` with its modification time (read before it is listed), and
    the template names under ``top``, as jinja2's ``FileSystemLoader`` lists them."""
    folders: dict[str, int] = {}
    names: list[str] = []
    pending = [top]
    while pending:
        folder = pending.pop()
        try:
            folders[folder] = os.stat(folder).st_mtime_ns
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                pending.append(entry.path)
            else:
                names.append(entry.path[len(top) :].strip(os.sep).replace(os.sep, "/"))
    return folders, sorted(names)
