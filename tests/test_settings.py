"""Site settings: read without MkDocs, checked with located problem lines, never a crash."""

from __future__ import annotations

from pathlib import Path

from generator import settings
from generator.settings import Settings
from tests.conftest import ROOT, run


def test_the_repositorys_settings_are_clean() -> None:
    assert settings.check(ROOT) == []


def test_a_publisher_given_as_a_name_is_that_name() -> None:
    read = Settings.from_mkdocs({"site_name": "Site", "extra": {"publisher": "The Desk"}})
    assert (read.publisher, read.publisher_url) == ("The Desk", "https://example.org/")


def test_a_wrong_setting_is_a_problem_line_and_the_build_stops(project: Path) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("    name: Kursk claims, checked", "    name: [1, 2]"), "utf-8")
    result = run("build", "--format", "text", "--root", str(project))
    assert result.code == 1
    assert "error[bad-setting]: extra.publisher.name must be text, found a list" in result.out
    assert "Traceback" not in result.out
    assert not (project / "site").exists()
