"""Writing the site: generated pages into site_src/ and the MkDocs build into site/.

Nothing is written until everything has succeeded. MkDocs builds in strict mode from a copy
of the hand-written pages in a temporary folder, with the rendered pages handed to the hook
in the MkDocs config (``pages.CONFIG_KEY``), not through files or the environment. Only
then are site/ and the generated part of site_src/ switched to their new versions, each in
one rename (``versions``); a generated page that did not change is not written again.

Builds can be killed at any moment and run twice at once. One build at a time holds
``.build.lock`` (an OS lock, released when its process dies; the second build waits). Each
build first removes what killed builds left: ``.build-*`` staging folders, site and
generated-page versions that ``site`` and ``.generated`` do not point at. ``site`` is a
symbolic link to a versioned folder ``.site-*``; the new version is switched in by renaming a
new link over the old one, which is atomic, so a reader always finds a whole site at
``site/``.
This module and ``mkdocs_hook`` are the only ones that know MkDocs; this one imports it only
inside a build."""

from __future__ import annotations

import gc
import logging
import os
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from generator import cardcache, pages, urls, versions
from generator.cards import Card
from generator.checked import Checked
from generator.progress import Progress, count
from generator.settings import (
    REPO_URL_VAR,
    SITE_URL_VAR,
    Settings,
    address_overrides,
    placeholders,
)

if TYPE_CHECKING:  # MkDocs is imported only inside a build
    from mkdocs.config.defaults import MkDocsConfig


def build(
    handed: list[Checked],
    root: Path,
    *,
    site_url: str | None = None,
    repo_url: str | None = None,
    deploy: bool = False,
    progress: Progress | None = None,
    on_wait: Callable[[], None] = lambda: None,
) -> str | None:
    """Build ``root/site``; on failure return what went wrong and leave everything as it was.

    ``handed`` holds the checked project, and is emptied once its pages are rendered: MkDocs
    then runs without it (about 150 MiB at 10,000 claims), if the caller kept no other
    reference to it. ``site_url`` and ``repo_url`` replace those of mkdocs.yml; ``deploy``
    refuses a build that would still publish a placeholder address. ``on_wait`` is called if
    another build holds the lock, before waiting for it."""
    with _lock(root, on_wait), collecting_rarely():
        remove_debris(root)
        return _build(handed, root, site_url, repo_url, deploy, progress)


def _build(
    handed: list[Checked],
    root: Path,
    site_url: str | None,
    repo_url: str | None,
    deploy: bool,
    progress: Progress | None,
) -> str | None:
    with tempfile.TemporaryDirectory(dir=root, prefix=".build-") as tmp:
        staging, target = Path(tmp) / "docs", Path(tmp) / "site"
        copy_hand_written(root / "site_src", staging)
        try:
            config = _config(root, staging, target, address_overrides(site_url, repo_url))
        except Exception as error:  # MkDocs reports config mistakes as several exception types
            return f"mkdocs.yml: {error}"
        found = placeholders(config) if deploy else []
        if found:
            return (
                "this build is for deployment, but it would publish placeholder addresses:\n"
                + "".join(f"  {line}\n" for line in found)
                + "give the real ones: --site-url URL --repo-url URL (or the variables "
                f"{SITE_URL_VAR} and {REPO_URL_VAR}), or set them in mkdocs.yml"
            )
        checked = handed.pop()
        step = _nothing
        if progress is not None:
            progress.phase(
                f"rendering the pages of {count(len(checked.claims), 'claim')} and "
                f"{count(len(checked.seeds), 'source')}",
                len(checked.claims) + len(checked.seeds),
            )
            step = progress.step
            config["extra"][pages.PROGRESS_KEY] = progress  # the hook counts MkDocs' pages
        cards: dict[str, Card] = {}
        # Each page as UTF-8 as soon as it is rendered (what site_src/ holds and MkDocs reads).
        utf8 = pages.render_site_utf8(checked, Settings.from_mkdocs(config), step, cards)
        del checked  # rendered: MkDocs needs only the pages
        # The next version of site_src/'s generated pages waits in the staging folder, so
        # that the build holds no second copy of the pages: the hook frees each one once
        # MkDocs has written it.
        generated = Path(tmp) / "generated"
        versions.prepare(root / "site_src", utf8, generated)
        config["extra"][pages.CONFIG_KEY] = utf8  # the hook adds them, in memory
        config["extra"][pages.CARDS_KEY] = cards  # and draws and places the share cards
        del utf8
        gc.freeze()  # what check and render made lives to the end: no collection walks it again
        gc.set_threshold(YOUNG_OBJECTS)
        gc.enable()  # (off until now: see collecting_rarely)
        failure = _mkdocs(config)
        if failure:
            return failure
        version = Path(tempfile.mkdtemp(dir=root, prefix=".site-"))
        target.replace(version)  # the empty folder is replaced: its name is ours alone
        old = switch(root, version, Path(tmp))
        # The old site's files (some 22,000 at 10,000 claims) go in a thread, while this one
        # switches site_src/ and removes the old generated pages: removing files is mostly
        # waiting on the file system, and the two removals overlap.
        removing = threading.Thread(target=_remove, args=(old,))
        removing.start()
        try:
            versions.switch(root, generated, Path(tmp))
        finally:
            removing.join()
    cardcache.prune(root, cards.values())  # after the switch: the old site's cards are unused
    return None


YOUNG_OBJECTS = 20_000  # new objects between two collections while MkDocs builds


@contextmanager
def collecting_rarely() -> Iterator[None]:
    """How a build uses Python's cyclic collector (``cli`` holds this over check and build).
    What a build makes mostly lives to its end, and makes few reference cycles: collecting
    at Python's pace (every 700 new objects) walked it again and again for nothing: 0.72 s
    of CPU at 10,000 claims. Here the collector is off while the project is checked and its
    pages rendered; what exists then is frozen out of it (``gc.freeze``), and it runs every
    ``YOUNG_OBJECTS`` new objects while MkDocs builds: 0.13 s. (Turned off altogether, it
    would leave some 10 MiB of cycles to the end.)"""
    collecting, thresholds = gc.isenabled(), gc.get_threshold()
    gc.disable()
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()
        if collecting:
            gc.enable()


def _remove(folder: Path | None) -> None:
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)


def _nothing() -> None:
    pass


LOCK = ".build.lock"


@contextmanager
def _lock(root: Path, on_wait: Callable[[], None]) -> Iterator[None]:
    """Hold the build lock of ``root``; the OS releases it if this process dies."""
    import fcntl

    fd = os.open(root / LOCK, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            on_wait()
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def switch(root: Path, version: Path, scratch: Path) -> Path | None:
    """Point ``root/site`` at ``version`` in one rename; return the version it left, if any,
    for the caller to remove."""
    site = root / "site"
    link = scratch / "site-link"
    link.symlink_to(version.name)
    old = _current(root)
    # A plain folder, from before versions, is exchanged with the link in one step where the
    # system can (versions.exchange); it ends up in ``scratch``, removed with it.
    versions.replace_with_link(site, link, scratch / "previous")
    return old if old is not None and old != version else None


def _current(root: Path) -> Path | None:
    """The version folder ``root/site`` points at, if it is one of ours."""
    return versions.ours(root, root / "site", ".site-")


def remove_debris(root: Path) -> None:
    """Remove what killed builds left behind (call with the lock held)."""
    versions.remove_all_but(_current(root), [*root.glob(".build-*"), *root.glob(".site-*")])
    versions.remove_debris(root)
    for partial in (root / cardcache.FOLDER).glob("*.partial"):
        partial.unlink(missing_ok=True)


def copy_hand_written(site_src: Path, target: Path) -> None:
    """Copy ``site_src`` to ``target``, leaving out what the generator owns there."""
    top = str(site_src)

    def generated(directory: str, names: list[str]) -> set[str]:
        if directory != top:
            return set()
        return {n for n in names if urls.is_generated(n) or urls.is_generated(f"{n}/x")}

    shutil.copytree(site_src, target, ignore=generated)


def _config(root: Path, docs: Path, site: Path, overrides: dict[str, str]) -> MkDocsConfig:
    from mkdocs.config import load_config

    return load_config(
        str(root / "mkdocs.yml"), docs_dir=str(docs), site_dir=str(site), strict=True, **overrides
    )


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(f"{record.levelname}: {record.getMessage()}")


def _mkdocs(config: MkDocsConfig) -> str | None:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.exceptions import MkDocsException

    collect = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collect)
    try:
        # As ``mkdocs build`` does: plugins are told a build starts (MkDocs keeps their
        # instances for the process, so one that served before would otherwise carry its
        # ``serve --dirty`` state, and the search plugin merge its previous index, into this
        # build) and that it ended.
        config.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(config)
        finally:
            config.plugins.on_shutdown()
    except MkDocsException as error:
        return "\n".join([*collect.messages, str(error)])
    finally:
        logger.removeHandler(collect)
    return None
