"""The contributor's documents and hooks: they exist, point at what exists, and run."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml

from generator import settings
from tests.conftest import ROOT

CHANGED = ["claims/kursk-retaken.yaml", "seeds/006_x.txt", "seeds/006_x.yaml", "verdicts.yaml"]
UNRELATED = ["site_src/about.md", "generator/cli.py", "README.md", "claims/schema.json"]


def test_readme_links_contributing_and_contributing_links_the_method() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert "](CONTRIBUTING.md)" in readme
    assert "](site_src/methodology.md)" in guide
    template = (ROOT / ".github" / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    assert "## Reviewer's checklist" in template and "](../CONTRIBUTING.md)" in template
    for page, text in (("CONTRIBUTING.md", guide), (".github/PULL_REQUEST_TEMPLATE.md", template)):
        for target in re.findall(r"\]\(([^)#\s]+)[^)]*\)", text):
            if ":" in target:
                continue  # an address, not a file
            assert ((ROOT / page).parent / target).exists(), f"{page}: {target}"


def test_report_an_error_form_takes_the_claim_the_site_fills_in() -> None:
    form = yaml.safe_load((ROOT / ".github" / "ISSUE_TEMPLATE" / settings.REPORT_FORM).read_text())
    assert form["name"] == "Report an error in a fact-check"
    assert "claim" in [field.get("id") for field in form["body"]]
    suggest = yaml.safe_load(
        (ROOT / ".github" / "ISSUE_TEMPLATE" / "suggest-a-claim.yml").read_text()
    )
    assert suggest["name"] == "Suggest a claim to check"


def hooks() -> list[dict]:
    local = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    published = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    return [*local["repos"][0]["hooks"], *published]


def test_the_hooks_run_on_claim_and_seed_files_only() -> None:
    for hook in hooks():
        assert {"id", "name", "entry", "language"} <= set(hook)
        assert hook["pass_filenames"] is False  # check reads the whole project
        files = re.compile(hook["files"])
        assert all(files.search(p) for p in CHANGED), hook["id"]
        assert not any(files.search(p) for p in UNRELATED), hook["id"]


def test_the_hooks_entries_check_the_project(project: Path) -> None:
    local, published = hooks()
    done = subprocess.run(local["entry"].split(), cwd=ROOT, capture_output=True, encoding="utf-8")
    assert done.returncode == 0, done.stdout + done.stderr
    # The published hook runs in an environment where the package is installed.
    entry = [sys.executable, *published["entry"].split()[1:]]
    env = {"PYTHONPATH": str(ROOT), "GITHUB_ACTIONS": "", "PATH": "/usr/bin:/bin"}
    assert subprocess.run(entry, cwd=project, env=env, capture_output=True).returncode == 0
    (project / "claims" / "broken.yaml").write_text("claim: [unclosed\n", encoding="utf-8")
    broken = subprocess.run(entry, cwd=project, env=env, capture_output=True, encoding="utf-8")
    assert broken.returncode == 1 and "error[yaml-syntax]" in broken.stdout
