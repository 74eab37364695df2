"""Shared helpers: a throw-away copy of the fixture project, and the CLI run in-process."""

from __future__ import annotations

import io
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.cli import main
from generator.publishing import copy_hand_written

TESTS = Path(__file__).parent
FIXTURE = TESTS / "fixture"
ROOT = TESTS.parent


@dataclass
class Run:
    code: int
    out: str


def run(*args: str) -> Run:
    """``python -m generator ARGS`` in-process; stdout captured."""
    out = io.StringIO()
    code = main(list(args), out=out)
    return Run(code=code, out=out.getvalue())


def make_project(root: Path) -> Path:
    """A copy of tests/fixture (two seeds, the scale, two valid claims) with the repository's
    own site configuration, hand-written pages and theme overrides, the hook pointed at this
    checkout."""
    shutil.copytree(FIXTURE, root)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    hook = (ROOT / "generator" / "mkdocs_hook.py").as_posix()
    (root / "mkdocs.yml").write_text(
        config.replace("- generator/mkdocs_hook.py", f"- {hook}"), encoding="utf-8"
    )
    copy_hand_written(ROOT / "site_src", root / "site_src")
    shutil.copytree(ROOT / "overrides", root / "overrides")
    return root


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "project")
