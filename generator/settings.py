"""The few site settings pages need, read from mkdocs.yml (a mapping) so that the generator
does not depend on MkDocs itself."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any
from urllib.parse import quote_plus, urlencode, urljoin, urlsplit

import yaml

from generator.codes import Code
from generator.problems import Problem, Problems, Spot


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
        root = self.edit_root
        if not root:
            return None
        if self._edit_by_appending and _PLAIN_PATH.fullmatch(path):
            return f"{root}{path}"  # what urljoin gives (asked for every claim page)
        return urljoin(root, path)

    @cached_property
    def _edit_by_appending(self) -> bool:
        """Whether ``urljoin(edit_root, path)`` is ``edit_root + path`` for a plain path."""
        root = self.edit_root
        return root is not None and urljoin(root, "claims/x.yaml") == f"{root}claims/x.yaml"

    def report_url(self, claim_id: str) -> str | None:
        """The "Report an error" issue form on GitHub, with the claim filled in."""
        if self._report_form is None:
            return None
        # urlencode of {"template": …, "claim": claim_id, "title": "Error in …: claim_id"},
        # the constant part encoded once
        claim = quote_plus(claim_id)
        return f"{self._report_form}&claim={claim}&title={_REPORT_TITLE}{claim}"

    @cached_property
    def _report_form(self) -> str | None:
        if not self.repo_url or urlsplit(self.repo_url).hostname != "github.com":
            return None
        return f"{self.repo_url}/issues/new?{urlencode({'template': REPORT_FORM})}"


_PLAIN_PATH = re.compile(r"(?:[A-Za-z0-9_-][A-Za-z0-9_.-]*/)*[A-Za-z0-9_-][A-Za-z0-9_.-]*")
_REPORT_TITLE = quote_plus("Error in a fact-check: ")


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


# What check validates in mkdocs.yml: the settings the generator reads, each with the kind of
# value it must be. MkDocs validates its own options when it builds; these are checked with
# the claims, so that a wrong one is a located problem line and never a traceback.
_URL = "an http(s) URL"
_TEXT = "text"
_SETTINGS = {
    ("site_name",): _TEXT,
    ("site_url",): _URL,
    ("repo_url",): _URL,
    ("edit_uri",): _TEXT,
    ("extra", "publisher"): "a name, or a mapping with name and url",
    ("extra", "publisher", "name"): _TEXT,
    ("extra", "publisher", "url"): _URL,
}
SETTINGS_FILE = "mkdocs.yml"


def check(root: Path) -> list[Problem]:
    """Problems with the generator's settings in ``mkdocs.yml`` (none if it is absent or is
    not YAML: MkDocs reports that itself, in its own words)."""
    try:
        text = (root / SETTINGS_FILE).read_text(encoding="utf-8")
        tree = yaml.compose(text, Loader=yaml.SafeLoader)  # composed only: no tag is run
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return []
    problems = Problems()
    if isinstance(tree, yaml.MappingNode):
        _check_mapping(tree, (), problems)
    return problems


def _check_mapping(node: yaml.MappingNode, path: tuple[str, ...], problems: Problems) -> None:
    for key, value in node.value:
        if not isinstance(key, yaml.ScalarNode):
            continue
        here = (*path, key.value)
        if value.tag == "tag:yaml.org,2002:null":
            continue  # unset: the default applies
        expected = _SETTINGS.get(here)
        if here == ("extra",) and isinstance(value, yaml.MappingNode):
            _check_mapping(value, here, problems)
        elif expected is None:
            continue  # not one of ours; MkDocs and the theme check theirs
        elif here == ("extra", "publisher") and isinstance(value, yaml.MappingNode):
            _check_mapping(value, here, problems)
        elif not _is_text(value) or (expected == _URL and not _is_url(value.value)):
            problems.add(
                Spot(SETTINGS_FILE, value.start_mark.line + 1, value.start_mark.column + 1),
                Code.BAD_SETTING,
                f"{'.'.join(here)} must be {expected}, found {_found(value)}",
                _EXAMPLES[here],
            )


def _is_text(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:str"


def _is_url(text: str) -> bool:
    return urlsplit(text).scheme in ("http", "https") and bool(urlsplit(text).netloc)


def _found(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    return f"'{node.value}'"


_EXAMPLES = {
    ("site_name",): "for example: site_name: Kursk claims, checked",
    ("site_url",): "for example: site_url: https://factcheck.example.org/",
    ("repo_url",): "for example: repo_url: https://github.com/owner/repository",
    ("edit_uri",): "for example: edit_uri: edit/main/site_src/",
    ("extra", "publisher"): "for example: publisher: {name: The Desk, url: https://example.org/}",
    ("extra", "publisher", "name"): "for example: name: The Desk",
    ("extra", "publisher", "url"): "for example: url: https://example.org/",
}
