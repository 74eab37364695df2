"""Builds that cannot collide or leave debris: a lock, a site switched by one rename, and the
remains of killed builds removed by the next one. Real builds in child processes."""

from __future__ import annotations

import fcntl
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from tests.conftest import ROOT, run

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}


def start_build(project: Path, output: int = subprocess.PIPE) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "generator", "build", "--root", str(project), "--format", "text"],
        stdout=output,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
        env=ENV,
    )


def debris(project: Path) -> list[str]:
    """Whatever a finished build should not have left: staging, extra versions, partials."""
    left = [p.name for p in project.glob(".build-*")]
    versions = list(project.glob(".site-*"))
    if len(versions) != 1 or (project / "site").resolve() != versions[0]:
        left += [p.name for p in versions]
    left += [str(p) for p in (project / "site_src").rglob("*.partial")]
    return left


def test_a_second_build_waits_for_the_first(project: Path) -> None:
    fd = os.open(project / ".build.lock", os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX)  # a build in progress
    try:
        second = start_build(project)
        assert second.stdout is not None
        line = second.stdout.readline()
        assert line == "another build is running in this folder; waiting for it to finish…\n"
        time.sleep(0.5)
        assert second.poll() is None and not (project / "site").exists()
    finally:
        os.close(fd)  # the first build ends
    out, _ = second.communicate(timeout=300)
    assert second.returncode == 0, out
    assert (project / "site" / "index.html").is_file()
    assert debris(project) == []


def test_two_builds_at_once_both_succeed_and_leave_one_site(project: Path) -> None:
    builds = [start_build(project) for _ in range(2)]
    outputs = [b.communicate(timeout=300)[0] for b in builds]
    assert [b.returncode for b in builds] == [0, 0], outputs
    assert (project / "site" / "index.html").is_file()
    assert (project / "site").is_symlink()
    assert debris(project) == []


def test_a_build_killed_at_any_moment_leaves_a_whole_site_and_no_debris(project: Path) -> None:
    assert run("build", "--root", str(project)).code == 0  # the last good site
    claim = project / "claims" / "all-troops-expelled.yaml"
    start = time.monotonic()
    assert start_build(project, subprocess.DEVNULL).wait(timeout=300) == 0
    duration = time.monotonic() - start
    absent: list[float] = []
    watching = True

    def watch() -> None:  # a reader of site/ never finds it missing or empty
        while watching:
            if not (project / "site" / "index.html").is_file():
                absent.append(time.monotonic())
            time.sleep(0.0005)

    # Each build removes the debris of the one killed before it, so what a kill left is
    # recorded right after it: at least one kill must land inside a build, or nothing was tested.
    left_by_kill: list[list[str]] = []
    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        for number, moment in enumerate((0.1, 0.3, 0.5, 0.7, 0.85, 0.95, 1.05)):
            text = claim.read_text(encoding="utf-8")
            claim.write_text(text.replace("claim: ", f"claim: ({number}) ", 1), encoding="utf-8")
            build = start_build(project, subprocess.DEVNULL)
            time.sleep(duration * moment)
            build.send_signal(signal.SIGKILL)
            build.wait(timeout=60)
            left_by_kill.append(debris(project))
    finally:
        watching = False
        watcher.join()
    assert absent == []
    assert any(left_by_kill), "no kill landed inside a build: nothing was tested"
    result = run("build", "--root", str(project))
    assert result.code == 0, result.out
    assert debris(project) == []
