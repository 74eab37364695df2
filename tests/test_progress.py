"""Progress lines: redrawn on a terminal, plain lines in a log, nothing when quick or quiet."""

from __future__ import annotations

import io
import time
from pathlib import Path

import pytest

from generator.progress import Progress
from tests.conftest import run


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_log_gets_one_plain_line_per_long_phase() -> None:
    out, clock = io.StringIO(), Clock()
    progress = Progress(out, live=False, clock=clock)
    progress.phase("checking 10,000 claims and 1,000 seeds")
    clock.now += 4.4
    progress.phase("rendering the pages of 10,000 claims")
    clock.now += 0.5  # quick: no line
    progress.phase("building the site from 11,210 generated files with MkDocs")
    clock.now += 61.25
    progress.done()
    assert out.getvalue() == (
        "checking 10,000 claims and 1,000 seeds: done in 4.4 s\n"
        "building the site from 11,210 generated files with MkDocs: done in 61.2 s\n"
    )


def test_quick_runs_and_quiet_runs_print_nothing() -> None:
    out, clock = io.StringIO(), Clock()
    progress = Progress(out, live=True, clock=clock)
    progress.phase("checking 2 claims and 2 seeds")
    clock.now += 0.3
    progress.done()
    assert out.getvalue() == ""
    quiet = Progress(None, live=True, clock=clock)
    quiet.phase("checking 2 claims and 2 seeds")
    clock.now += 30
    quiet.done()  # nothing to write to, nothing written


def test_a_terminal_gets_one_line_redrawn_with_the_time_so_far() -> None:
    out, clock = io.StringIO(), Clock()
    progress = Progress(out, live=True, clock=clock)
    progress.phase("checking 10,000 claims and 1,000 seeds")
    clock.now += 2.0
    deadline = time.monotonic() + 10
    while "…" not in out.getvalue() and time.monotonic() < deadline:
        time.sleep(0.05)
    progress.done()
    text = out.getvalue()
    assert text.startswith("\r\x1b[Kchecking 10,000 claims and 1,000 seeds… 2.0 s"), text
    assert text.endswith("\r\x1b[Kchecking 10,000 claims and 1,000 seeds: done in 2.0 s\n")


def test_check_and_build_take_quiet(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("check", "--quiet", "--root", str(project)).code == 0
    assert run("build", "--quiet", "--root", str(project)).code == 0
    assert capsys.readouterr().err == ""
