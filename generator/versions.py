"""Folders that change in one step for a reader: a new version is made beside the current one,
then a symbolic link is renamed over the link to the old one (a rename is atomic).

``site`` is such a link, to a ``.site-*`` folder (``publishing.switch``). The generated part of
``site_src/`` (``urls.GENERATED_DIRS`` and ``GENERATED_FILES``) is a set of links,
``site_src/claims -> ../.generated/claims`` and so on, all through one link ``.generated`` to a
``.generated-*`` folder that holds them all: renaming a new ``.generated`` over the old one
switches every generated page at once, so ``site_src/`` holds entirely the old pages or
entirely the new, whenever a build is killed. In a new version, a file whose content did not
change is a hard link to the old one (its time kept, nothing written); the others are new.

A checkout from before versions has plain folders where the links go, and a plain ``site/``.
Each is swapped with its link in one step where the system can (Linux's ``renameat2`` with
``RENAME_EXCHANGE``, macOS's ``renamex_np`` with ``RENAME_SWAP``); elsewhere the folder is
renamed aside and the link renamed in, leaving a moment without it, once per checkout."""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
import stat
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

from generator import urls

LINK = ".generated"
PREFIX = ".generated-"
NAMES = (*urls.GENERATED_DIRS, *urls.GENERATED_FILES)


def exchange(a: Path, b: Path) -> bool:
    """Swap the paths ``a`` and ``b`` in one step; False where the system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
    except OSError:  # pragma: no cover - every POSIX system has a C library
        return False
    first, second = os.fsencode(a), os.fsencode(b)
    if hasattr(libc, "renameat2"):  # Linux (glibc 2.28+, musl)
        at_fdcwd, rename_exchange = -100, 2
        done = libc.renameat2(at_fdcwd, first, at_fdcwd, second, rename_exchange)
    elif hasattr(libc, "renamex_np"):  # pragma: no cover - macOS
        rename_swap = 2
        done = libc.renamex_np(first, second, rename_swap)
    else:  # pragma: no cover
        return False
    if done == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False  # an old kernel, or a file system without the call
    raise OSError(code, os.strerror(code), os.fsdecode(first))


def replace_with_link(path: Path, link: Path, aside: Path) -> None:
    """Put the symbolic link ``link`` in place of ``path``, whatever ``path`` is: in one rename
    or exchange where possible. A folder it replaces ends up at ``link`` (exchanged) or at
    ``aside``; the caller removes them."""
    if path.is_dir() and not path.is_symlink():
        if exchange(link, path):
            return
        path.rename(aside)  # the one moment without ``path``
    link.replace(path)


def current(root: Path) -> Path | None:
    """The version ``root/.generated`` points at, if it is one of ours."""
    return ours(root, root / LINK, PREFIX)


def ours(root: Path, link: Path, prefix: str) -> Path | None:
    """The folder ``link`` points at, if it is a version of ours: ``root/<prefix>*``."""
    if not link.is_symlink():
        return None
    target = root / os.readlink(link)
    if target.parent != root or not target.name.startswith(prefix):
        return None
    return target


def prepare(site_src: Path, rendered: Mapping[str, bytes], version: Path) -> None:
    """Make ``version`` (a new folder on the same file system, such as the build's staging
    folder) a version of the generated pages holding ``rendered`` (as UTF-8); ``switch``
    moves it in. Plain ``os`` calls on strings: some 12,000 files at 10,000 claims."""
    version.mkdir()
    for name in urls.GENERATED_DIRS:  # every link has a folder to point at
        (version / name).mkdir()
    made = {"", *urls.GENERATED_DIRS}
    # Where each generated name's pages are now, its links followed once, not per page.
    now = {name: os.path.realpath(site_src / name) for name in NAMES}
    into = os.fspath(version)
    for path, data in rendered.items():
        folder, _, _ = path.rpartition("/")
        if folder not in made:
            os.makedirs(os.path.join(into, folder), exist_ok=True)
            made.add(folder)
        target = os.path.join(into, path)
        top, _, rest = path.partition("/")
        if top not in now:
            now[top] = os.path.realpath(site_src / top)
        old = os.path.join(now[top], rest) if rest else now[top]
        if _same(old, data):
            try:
                os.link(old, target)
                continue
            except OSError:  # a file system without hard links: write it
                pass
        with open(target, "wb") as file:
            file.write(data)


def _same(path: str, data: bytes) -> bool:
    """Whether ``path`` is a file holding exactly ``data``."""
    try:
        with open(path, "rb") as file:
            if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
                return False
            if os.fstat(file.fileno()).st_size != len(data):
                return False
            return file.read() == data
    except OSError:
        return False


def _settle(root: Path, staged: Path) -> Path:
    """Move the prepared ``staged`` folder in beside the current version, under a new name."""
    version = Path(tempfile.mkdtemp(dir=root, prefix=PREFIX))
    staged.replace(version)  # the empty folder is replaced: its name is ours alone
    return version


def switch(root: Path, staged: Path, scratch: Path) -> None:
    """Make the version prepared in ``staged`` the generated part of ``root/site_src`` in one
    rename, then remove the version it replaced. ``scratch`` is a folder of this build's own,
    removed after."""
    version = _settle(root, staged)
    _links(root, scratch)
    old = current(root)
    link = scratch / "generated-link"
    link.symlink_to(version.name)
    link.replace(root / LINK)
    if old is not None and old != version:
        shutil.rmtree(old, ignore_errors=True)


def _links(root: Path, scratch: Path) -> None:
    """Make each generated name in ``site_src`` a link through ``.generated``. In a checkout
    from before versions, the pages there first become a version of their own, so that a
    reader sees the same pages before, during and after the links replace the folders."""
    site_src = root / "site_src"
    wanted = {name: os.path.join("..", LINK, name) for name in NAMES}
    missing = [
        name
        for name in NAMES
        if not ((site_src / name).is_symlink() and os.readlink(site_src / name) == wanted[name])
    ]
    if not missing:
        return
    if current(root) is None:
        prepare(site_src, _read(site_src), scratch / "before")
        before = _settle(root, scratch / "before")
        link = scratch / "generated-before"
        link.symlink_to(before.name)
        link.replace(root / LINK)
    site_src.mkdir(exist_ok=True)
    for name in missing:
        link = scratch / f"link-{name}"
        link.symlink_to(wanted[name])
        replace_with_link(site_src / name, link, scratch / f"old-{name}")


def _read(site_src: Path) -> dict[str, bytes]:
    """The generated pages as they are in ``site_src`` (plain folders, from before versions)."""
    found = {}
    for name in NAMES:
        path = site_src / name
        files = [path] if path.is_file() else sorted(path.rglob("*")) if path.is_dir() else []
        for file in files:
            if file.is_file() and not file.name.endswith(".partial"):
                try:
                    data = file.read_bytes()
                    data.decode("utf-8")
                    found[file.relative_to(site_src).as_posix()] = data
                except (OSError, UnicodeError):
                    continue  # not ours to keep: the next version will not have it
    return found


def remove_debris(root: Path) -> None:
    """Remove versions that ``.generated`` does not point at (call with the build lock)."""
    remove_all_but(current(root), root.glob(f"{PREFIX}*"))


def remove_all_but(keep: Path | None, paths: Iterable[Path]) -> None:
    """Remove each of ``paths`` (folder, file or link) but ``keep``."""
    for path in paths:
        if path == keep:
            continue
        if path.is_symlink() or not path.is_dir():
            path.unlink(missing_ok=True)
        else:
            shutil.rmtree(path, ignore_errors=True)
