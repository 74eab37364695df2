"""The few site settings pages need, read from mkdocs.yml (a mapping) so that the generator
does not depend on MkDocs itself."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

import yaml


@dataclass(frozen=True, kw_only=True)
class Settings:
    site_name: str
    site_url: str  # absolute, ends with '/'
    edit_root: str | None  # URL that, joined with a repository path, edits that file
    publisher: str
    publisher_url: str

    @classmethod
    def from_mkdocs(cls, config: Mapping) -> Settings:
        site_url = (_text(config.get("site_url")) or "https://example.org/").rstrip("/") + "/"
        repo_url, edit_uri = _text(config.get("repo_url")), _text(config.get("edit_uri"))
        edit_root = None
        if repo_url and edit_uri:
            # edit_uri points at docs_dir (site_src/); the repository root is one level up.
            edit_root = urljoin(urljoin(repo_url.rstrip("/") + "/", edit_uri), "../")
        extra = config.get("extra")
        publisher = extra.get("publisher") if isinstance(extra, Mapping) else None
        if isinstance(publisher, str):  # 'publisher: The Desk' names it
            publisher = {"name": publisher}
        if not isinstance(publisher, Mapping):
            publisher = {}
        site_name = _text(config.get("site_name")) or "Fact checks"
        return cls(
            site_name=site_name,
            site_url=site_url,
            edit_root=edit_root,
            publisher=_text(publisher.get("name")) or site_name,
            publisher_url=_text(publisher.get("url")) or site_url,
        )

    @classmethod
    def read(cls, root: Path) -> Settings:
        """From ``mkdocs.yml`` on disk; its ``!!python/name`` tags are skipped, not run."""

        class _Loader(yaml.SafeLoader):
            pass

        _Loader.add_multi_constructor("", lambda loader, suffix, node: None)
        text = (root / "mkdocs.yml").read_text(encoding="utf-8")
        return cls.from_mkdocs(yaml.load(text, Loader=_Loader) or {})

    def edit_url(self, path: str) -> str | None:
        return urljoin(self.edit_root, path) if self.edit_root else None


def _text(value: object) -> str | None:
    """A setting that should be text: numbers are written out, lists and mappings ignored."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return None
    return str(value)
