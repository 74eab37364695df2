"""Writing the site: generated pages into site_src/ and the MkDocs build into site/.

Nothing is written until everything has succeeded. MkDocs builds in strict mode from a copy
of the hand-written pages in a temporary folder, with the rendered pages handed to the hook
in the MkDocs config (``pages.CONFIG_KEY``), not through files or the environment. Only
then is site/ swapped in and site_src/ brought up to date, writing only files that changed.
This module and ``mkdocs_hook`` are the only ones that know MkDocs; this one imports it only
inside a build."""

from __future__ import annotations

import logging
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from generator import pages, urls
from generator.checked import Checked
from generator.progress import count
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
    checked: Checked,
    root: Path,
    *,
    site_url: str | None = None,
    repo_url: str | None = None,
    deploy: bool = False,
    progress: Callable[[str], None] = lambda phase: None,
) -> str | None:
    """Build ``root/site``; on failure return what went wrong and leave everything as it was.

    ``site_url`` and ``repo_url`` replace those of mkdocs.yml; ``deploy`` refuses a build
    that would still publish a placeholder address."""
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
        progress(f"rendering the pages of {count(len(checked.claims), 'claim')}")
        rendered = pages.render_site(checked, Settings.from_mkdocs(config))
        config["extra"][pages.CONFIG_KEY] = rendered  # the hook adds them, in memory
        progress(f"building the site from {count(len(rendered), 'generated file')} with MkDocs")
        failure = _mkdocs(config)
        if failure:
            return failure
        if (root / "site").exists():
            (root / "site").rename(Path(tmp) / "previous")
        target.rename(root / "site")
    sync(root / "site_src", rendered)
    return None


def sync(folder: Path, rendered: dict[str, str]) -> list[str]:
    """Make the generated part of ``folder`` equal ``rendered``; return the paths written or
    removed. Unchanged files are not touched, hand-written ones never."""
    changed = []
    for path, content in rendered.items():
        target = folder / path
        data = content.encode("utf-8")
        if target.is_file() and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(target.name + ".partial")
        partial.write_bytes(data)
        partial.replace(target)  # atomic: a reader never sees half a page
        changed.append(path)
    for name in urls.GENERATED_DIRS:
        for stale in sorted((folder / name).rglob("*"), reverse=True):
            relative = stale.relative_to(folder).as_posix()
            if stale.is_file() and relative not in rendered:
                stale.unlink()
                changed.append(relative)
            elif stale.is_dir() and not any(stale.iterdir()):
                stale.rmdir()
    for name in urls.GENERATED_FILES:
        if name not in rendered and (folder / name).is_file():
            (folder / name).unlink()
            changed.append(name)
    return changed


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
        mkdocs_build(config)
    except MkDocsException as error:
        return "\n".join([*collect.messages, str(error)])
    finally:
        logger.removeHandler(collect)
    return None
