"""Progress lines: redrawn on a terminal, plain lines in a log, nothing when quick or quiet."""

from __future__ import annotations

import io
import time
from pathlib import Path

import pytest

from generator import publishing
from generator.progress import TICK, Progress
from generator.project import load_and_check
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


class Recorder:
    """A progress that notes each phase and how many steps it got."""

    def __init__(self) -> None:
        self.phases: list[list[object]] = []

    def phase(self, text: str, total: int = 0) -> None:
        self.phases.append([text, total, 0])

    def step(self) -> None:
        self.phases[-1][2] += 1  # type: ignore[operator]


def test_a_counted_phase_shows_its_count_on_a_terminal() -> None:
    out, clock = io.StringIO(), Clock()
    progress = Progress(out, live=True, clock=clock)
    progress.phase("checking 10,000 claims and 1,000 seeds", 11_000)
    for _ in range(4_200):
        progress.step()
    clock.now += 12.3
    deadline = time.monotonic() + 10
    while "·" not in out.getvalue() and time.monotonic() < deadline:
        time.sleep(0.05)
    progress.done()
    text = out.getvalue()
    assert "\r\x1b[Kchecking 10,000 claims and 1,000 seeds 4,200/11,000 · 12 s" in text, text
    assert text.endswith("\r\x1b[Kchecking 10,000 claims and 1,000 seeds: done in 12.3 s\n")


def test_counting_does_not_draw_more_often_than_every_tick() -> None:
    out, clock = io.StringIO(), Clock()
    progress = Progress(out, live=True, clock=clock)
    clock.now += 10  # past DELAY: every tick may draw
    started = time.monotonic()
    progress.phase("reading 1,000,000 claims and 1 seed", 1_000_001)
    while time.monotonic() - started < 1.0:
        for _ in range(1000):
            progress.step()
    progress.done()
    redraws = out.getvalue().count("\r\x1b[K") - 1  # the last one ends the phase
    assert 1 <= redraws <= 1.0 / TICK + 2, out.getvalue()


def test_a_log_gets_no_count_only_the_line_of_a_long_phase() -> None:
    out, clock = io.StringIO(), Clock()
    progress = Progress(out, live=False, clock=clock)
    progress.phase("checking 10,000 claims and 1,000 seeds", 11_000)
    for _ in range(11_000):
        progress.step()
    clock.now += 4.4
    progress.done()
    assert out.getvalue() == "checking 10,000 claims and 1,000 seeds: done in 4.4 s\n"


def test_check_counts_each_file_read_and_each_seed_and_claim_checked(project: Path) -> None:
    recorder = Recorder()
    load_and_check(project, phase=recorder.phase, step=recorder.step)
    assert recorder.phases == [
        ["reading 2 claims and 2 seeds", 4, 4],
        ["checking 2 claims and 2 seeds", 4, 4],
    ]


def test_build_counts_the_pages_rendered_and_those_mkdocs_reads_and_writes(
    project: Path,
) -> None:
    recorder = Recorder()
    checked, problems = load_and_check(project)
    assert not problems
    assert publishing.build([checked], project, progress=recorder) is None  # type: ignore[arg-type]
    texts = [phase[0] for phase in recorder.phases]
    pages = sum(1 for _ in (project / "site").rglob("index.html"))
    assert texts == [
        "rendering the pages of 2 claims and 2 sources",
        f"reading {pages:,} pages (MkDocs)",
        f"writing {pages:,} pages (MkDocs)",
    ], recorder.phases
    assert all(total == steps for _, total, steps in recorder.phases), recorder.phases
