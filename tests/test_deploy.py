"""The published address, given at build time: the publish workflow passes the URL GitHub
Pages gives the site and the repository's own, without editing mkdocs.yml."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import run

SITE = "https://desk.github.io/kursk-claims/"
REPO = "https://github.com/desk/kursk-claims"
PLACEHOLDERS = ("factcheck.example.org", "github.com/example/")  # mkdocs.yml's


def every_text(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): p.read_text(encoding="utf-8")
        for p in site.rglob("*")
        if p.suffix in (".html", ".xml", ".json", ".jsonld")
    }


def assert_published_at_the_given_address(site: Path) -> None:
    texts = every_text(site)
    page = texts["claims/all-troops-expelled/index.html"]
    assert f'<link rel="canonical" href="{SITE}claims/all-troops-expelled/">' in page
    review = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1)
    )
    assert review["url"] == f"{SITE}claims/all-troops-expelled/"
    assert review["publisher"]["url"] == SITE
    assert (
        f'href="{REPO}/issues/new?template=report-an-error.yml&amp;claim=all-troops-expelled'
        in (page)
    )
    assert f'href="{REPO}/edit/main/claims/all-troops-expelled.yaml"' in page
    assert f'href="{REPO}"' in page  # the header's repository link
    assert f"<loc>{SITE}claims/all-troops-expelled/</loc>" in texts["sitemap.xml"]
    assert f"<id>{SITE}claims/all-troops-expelled/</id>" in texts["data/feed.xml"]
    assert f'"url":"{SITE}claims/' in texts["data/claimreview.json"]
    leaks = sorted(n for n, text in texts.items() if any(p in text for p in PLACEHOLDERS))
    assert not leaks, f"the placeholder address is still in {leaks}"


def test_build_for_deployment_carries_the_given_addresses(project: Path) -> None:
    result = run(
        "build", "--root", str(project), "--deploy", "--site-url", SITE, "--repo-url", REPO
    )
    assert result.code == 0, result.out
    assert_published_at_the_given_address(project / "site")
    assert "factcheck.example.org" in (project / "mkdocs.yml").read_text(encoding="utf-8")


def test_the_addresses_come_from_the_environment_too(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the publish workflow does: variables, read by ``build`` and by the hook."""
    monkeypatch.setenv("FACTCHECK_SITE_URL", SITE.rstrip("/"))  # configure-pages gives no '/'
    monkeypatch.setenv("FACTCHECK_REPO_URL", REPO)
    assert run("build", "--root", str(project), "--deploy").code == 0
    assert_published_at_the_given_address(project / "site")

    plain = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", "plain"],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        encoding="utf-8",
    )
    assert plain.returncode == 0, plain.stderr
    assert_published_at_the_given_address(project / "plain")


def test_a_deployment_build_refuses_the_placeholder_address(project: Path) -> None:
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("the last good site", encoding="utf-8")
    result = run("build", "--root", str(project), "--deploy", "--repo-url", REPO)
    assert result.code == 1
    assert result.out == (
        "error: the site build failed; site/ is unchanged\n"
        "this build is for deployment, but it would publish placeholder addresses:\n"
        "  site_url: https://factcheck.example.org/\n"
        "give the real ones: --site-url URL --repo-url URL (or the variables "
        "FACTCHECK_SITE_URL and FACTCHECK_REPO_URL), or set them in mkdocs.yml\n"
    )
    assert (project / "site" / "index.html").read_text(encoding="utf-8") == "the last good site"

    result = run("build", "--root", str(project), "--deploy", "--site-url", SITE)
    assert result.code == 1
    assert "  repo_url: https://github.com/example/kursk-factcheck\n" in result.out


def test_an_address_that_is_not_http_is_a_usage_error(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("build", "--root", str(project), "--site-url", "javascript:alert(1)").code == 2
    assert (
        capsys.readouterr().err == "error: --site-url 'javascript:alert(1)' is not an http(s) URL\n"
    )
