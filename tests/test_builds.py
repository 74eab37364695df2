"""Builds that cannot collide or leave debris: a lock, a site and generated pages switched by
one rename each, and the remains of killed builds removed by the next one. Real builds in
child processes."""

from __future__ import annotations

import fcntl
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from generator import urls, versions
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
    for link, prefix in (("site", ".site-"), (".generated", ".generated-")):
        found = list(project.glob(prefix + "*"))
        if len(found) != 1 or (project / link).resolve() != found[0]:
            left += [p.name for p in found]
    left += [str(p) for p in (project / "site_src").rglob("*.partial")]
    return left


def generated(project: Path) -> dict[str, str]:
    """The generated pages in site_src, as a reader finds them (through the links)."""
    site_src = project / "site_src"
    found = {}
    for folder, _, files in os.walk(site_src, followlinks=True):
        for name in files:
            path = Path(folder, name)
            relative = path.relative_to(site_src).as_posix()
            if urls.is_generated(relative):
                found[relative] = path.read_text(encoding="utf-8")
    return found


def edition(pages: dict[str, str]) -> set[str]:
    """Which build the pages come from: the "(N)" the kill test writes into the claim, read on
    every page that shows it (the claim page, the listings, the source pages)."""
    return {
        match
        for text in pages.values()
        for match in re.findall(r"\((\d+)\) All Ukrainian troops", text)
    } or {"none"}


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
    # After each kill, site_src's generated pages are all of one build: the last that finished
    # or the one killed (if it got as far as its switch), never a mixture of the two.
    left_by_kill: list[list[str]] = []
    pages = generated(project)
    names, editions = set(pages), [edition(pages)]
    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        moments = (0.1, 0.3, 0.5, 0.7, 0.8, 0.85, 0.9, 0.95, 0.98, 1.0, 1.05)
        for number, moment in enumerate(moments):
            text = claim.read_text(encoding="utf-8")
            text = re.sub(r"(?m)^claim: (\(\d+\) )?", f"claim: ({number}) ", text, count=1)
            claim.write_text(text, encoding="utf-8")
            build = start_build(project, subprocess.DEVNULL)
            time.sleep(duration * moment)
            build.send_signal(signal.SIGKILL)
            build.wait(timeout=60)
            left_by_kill.append(debris(project))
            pages = generated(project)
            assert set(pages) == names, number  # every page there, none extra
            editions.append(edition(pages))
            assert len(editions[-1]) == 1, (number, editions[-1])  # not a mixture
            assert editions[-1] <= {*editions[-2], str(number)}, (number, editions)
    finally:
        watching = False
        watcher.join()
    assert absent == []
    assert any(left_by_kill), "no kill landed inside a build: nothing was tested"
    result = run("build", "--root", str(project))
    assert result.code == 0, result.out
    assert debris(project) == []


def older_layout(project: Path) -> None:
    """Turn a built project into a checkout from before versions: a plain site/ folder and
    plain folders of generated pages in site_src/."""
    for link in [project / "site", *(project / "site_src" / n for n in versions.NAMES)]:
        target = link.resolve()
        link.unlink()
        if target.is_dir():
            shutil.copytree(target, link)
        else:
            shutil.copy2(target, link)
    (project / ".generated").unlink()
    for version in [*project.glob(".site-*"), *project.glob(".generated-*")]:
        shutil.rmtree(version)


def assert_versioned(project: Path) -> None:
    assert (project / "site").is_symlink()
    for name in versions.NAMES:
        assert os.readlink(project / "site_src" / name) == f"../.generated/{name}"
    assert debris(project) == []
    versioned = (".site-", ".generated-")  # one of each, as debris() has checked
    left = {p.name for p in project.iterdir() if not p.name.startswith(versioned)}
    assert left - ORIGINAL == LAYOUT - ORIGINAL


ORIGINAL = {"claims", "seeds", "verdicts.yaml", "claimants.yaml", "team.yaml", "mkdocs.yml"}
ORIGINAL |= {"site_src", "overrides", "triage.yaml"}
LAYOUT = {"site", ".generated", ".build.lock", ".cache"}  # .cache: the share cards (cardcache)


def test_the_first_build_in_an_older_checkout_is_atomic_for_a_reader(project: Path) -> None:
    """site/ and the generated folders of site_src/ are plain folders the first time: each is
    exchanged with its link in one step (renameat2), so a reader never finds one missing, and
    finds the old pages until the one switch to the new."""
    assert run("build", "--root", str(project)).code == 0
    older_layout(project)
    old = generated(project)
    claim = project / "claims" / "all-troops-expelled.yaml"
    text = claim.read_text(encoding="utf-8")
    claim.write_text(text.replace("claim: ", "claim: (1) ", 1), encoding="utf-8")
    seen: list[str] = []
    watching = True

    def watch() -> None:
        while watching:
            if not (project / "site" / "index.html").is_file():
                seen.append("site/ missing")
            page = project / "site_src" / "claims" / "all-troops-expelled.md"
            try:
                seen.append(page.read_text(encoding="utf-8").split("\n", 2)[1])
            except OSError:
                seen.append("page missing")
            time.sleep(0.0002)

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        build = start_build(project)
        out, _ = build.communicate(timeout=300)
    finally:
        watching = False
        watcher.join()
    assert build.returncode == 0, out
    assert_versioned(project)
    titles = list(dict.fromkeys(seen))  # in order, each once
    assert titles == [old["claims/all-troops-expelled.md"].split("\n", 2)[1], titles[-1]]
    assert "(1) All Ukrainian" in titles[-1]


def test_without_an_exchange_the_first_build_renames_aside(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where the system cannot exchange two paths, each plain folder is renamed aside and the
    link renamed in: the same layout afterwards, and nothing left behind."""
    assert run("build", "--root", str(project)).code == 0
    before = generated(project)
    older_layout(project)
    monkeypatch.setattr(versions, "exchange", lambda a, b: False)
    assert run("build", "--root", str(project)).code == 0
    assert_versioned(project)
    assert generated(project) == before
    assert (project / "site" / "index.html").is_file()


def test_exchange_swaps_a_folder_and_a_link_in_one_step(tmp_path: Path) -> None:
    """What the first build relies on (Linux's renameat2; macOS's renamex_np)."""
    folder, link = tmp_path / "site", tmp_path / "link"
    folder.mkdir()
    (folder / "index.html").write_text("old\n", encoding="utf-8")
    link.symlink_to(".site-1")
    assert versions.exchange(link, folder)
    assert os.readlink(folder) == ".site-1"
    assert (link / "index.html").read_text(encoding="utf-8") == "old\n"
