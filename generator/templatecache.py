"""The theme's templates, compiled once and kept in ``.cache/templates/`` (and in memory
across the preview's rebuilds).

MkDocs makes a new Jinja environment for every build, and Jinja compiles each template
from its source the first time it is used: about fifty of Material's and ours, which at 100
claims cost a fifth of the whole build. Jinja can keep compiled templates (its bytecode
cache); MkDocs does not ask it to. Here it does, in a folder named after the environment's
settings that change what a template compiles to (Jinja's version, extensions, syntax,
autoescaping), so that a build under other settings never reads another's. Jinja itself
checks each entry against its template's source (a checksum) and its Python version, and
compiles again on any difference; its files are written whole, then renamed into place."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import jinja2
from jinja2.bccache import Bucket
from mkdocs.theme import Theme

FOLDER = ".cache/templates"


class Templates(jinja2.BytecodeCache):
    """Compiled templates, in memory for as long as the process runs (the preview's
    rebuilds), and on disk in ``folder``, if any."""

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
    own, and those Material's search plugin makes to read its translations)."""
    get_env = theme.get_env

    def keeping() -> jinja2.Environment:
        env = get_env()
        install(env, root)
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
