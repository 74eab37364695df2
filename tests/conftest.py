"""Shared helpers: a throw-away copy of the fixture project, and the CLI run in-process."""

from __future__ import annotations

import io
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.cli import main

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


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A fresh copy of tests/fixture: two seeds, the scale, two valid claims."""
    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root)
    return root
