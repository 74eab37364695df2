"""The few site settings pages need, read from mkdocs.yml (a mapping) so that the generator
does not depend on MkDocs itself."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urljoin, urlsplit

import yaml


@dataclass(frozen=True, kw_only=True)
class Settings:
    site_name: str
    site_url: str  # absolute, ends with '/'
    edit_root: str | None  # URL that, joined with a repository path, edits that file
    publisher: str
    publisher_url: str
    repo_url: str | None = None  # the repository's page (issues, issue forms)

    @classmethod
    def from_mkdocs(cls, config: Mapping[str, Any]) -> Settings:
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
            repo_url=repo_url.rstrip("/") if repo_url else None,
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

    def report_url(self, claim_id: str) -> str | None:
        """The "Report an error" issue form on GitHub, with the claim filled in."""
        if not self.repo_url or urlsplit(self.repo_url).hostname != "github.com":
            return None
        query = urlencode(
            {
                "template": REPORT_FORM,
                "claim": claim_id,
                "title": f"Error in a fact-check: {claim_id}",
            }
        )
        return f"{self.repo_url}/issues/new?{query}"


# Where the site is published, given at build time (the publish workflow passes what GitHub
# Pages and the repository say) instead of editing mkdocs.yml. ``build`` reads them as the
# defaults of --site-url and --repo-url; the hook reads them for a plain ``mkdocs build``.
SITE_URL_VAR = "FACTCHECK_SITE_URL"
REPO_URL_VAR = "FACTCHECK_REPO_URL"
REPORT_FORM = "report-an-error.yml"  # .github/ISSUE_TEMPLATE/
RESERVED = ("example", "test", "invalid", "localhost")  # RFC 2606/6761 names: never published


def address_overrides(site_url: str | None, repo_url: str | None) -> dict[str, str]:
    """MkDocs settings that put the site at ``site_url`` and link ``repo_url``."""
    overrides = {}
    if site_url:
        overrides["site_url"] = site_url.rstrip("/") + "/"
    if repo_url:
        overrides["repo_url"] = repo_url.rstrip("/")
        overrides["repo_name"] = urlsplit(repo_url).path.strip("/") or repo_url
    return overrides


def placeholders(config: Mapping[str, Any]) -> list[str]:
    """The address settings that still point at a placeholder (a reserved host such as
    example.org, or a repository of the owner 'example'), as 'name: value'."""
    extra = config.get("extra")
    publisher = extra.get("publisher") if isinstance(extra, Mapping) else None
    values = {
        "site_url": config.get("site_url"),
        "repo_url": config.get("repo_url"),
        "extra.publisher.url": publisher.get("url") if isinstance(publisher, Mapping) else None,
    }
    found = []
    for name, value in values.items():
        text = _text(value)
        if name == "site_url" and not text:
            found.append("site_url: (not set)")
        elif text and _placeholder(text, repository=name == "repo_url"):
            found.append(f"{name}: {text}")
    return found


def _placeholder(url: str, *, repository: bool = False) -> bool:
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    labels = host.split(".")
    if labels[-1] in RESERVED or host.removeprefix("www.") in (
        "example.org",
        "example.com",
        "example.net",
    ):
        return True
    if any(host.endswith(f".example.{tld}") for tld in ("org", "com", "net")):
        return True
    return repository and parts.path.strip("/").split("/")[0].lower() == "example"


def _text(value: object) -> str | None:
    """A setting that should be text: numbers are written out, lists and mappings ignored."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return None
    return str(value)
