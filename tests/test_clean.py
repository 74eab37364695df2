"""``make clean`` leaves exactly a fresh clone plus ``.venv``: everything generated goes,
nothing hand-written does."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

MAKE = shutil.which("make")


def tracked_files() -> list[str]:
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
    ).stdout.decode("utf-8")
    return [name for name in listed.split("\0") if name and (ROOT / name).is_file()]


def snapshot(root: Path) -> dict[str, bytes | None]:
    """Every file (its bytes) and folder (None) under ``root``, ``.venv`` left out."""
    return {
        path.relative_to(root).as_posix(): path.read_bytes() if path.is_file() else None
        for path in sorted(root.rglob("*"))
        if path.relative_to(root).parts[0] != ".venv"
    }


@pytest.mark.skipif(MAKE is None, reason="make is not installed (the README requires it)")
def test_make_clean_leaves_a_fresh_clone_plus_venv(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh"
    for name in tracked_files():  # what a clone of this commit holds
        (fresh / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, fresh / name)
    # Hand-written, not yet committed: a new page and the contributor's notes stay.
    (fresh / "site_src" / "new-page.md").write_text("# New\n", encoding="utf-8")
    (fresh / "NOTES.md").write_text("to check: the bridge claim\n", encoding="utf-8")
    tree = tmp_path / "tree"
    shutil.copytree(fresh, tree)
    (tree / ".venv").mkdir()
    (tree / ".venv" / "kept").write_text("the environment stays\n", encoding="utf-8")

    # What the tools leave behind: a built site with its generated pages, a staging folder
    # of an interrupted build, the caches of pytest, hypothesis, ruff, Python and pip.
    built = subprocess.run(
        [sys.executable, "-m", "generator", "build"],
        cwd=tree,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
        check=False,
    )
    assert (tree / "site" / "index.html").is_file(), built.stdout + built.stderr
    assert (tree / "site_src" / "claims").is_dir()
    for debris in (
        ".build-x1y2z3/docs/index.md",
        ".pytest_cache/v/cache/lastfailed",
        ".hypothesis/examples/ab/cd",
        ".ruff_cache/0.6/123",
        "factcheck_generator.egg-info/PKG-INFO",
        "generator/__pycache__/cli.cpython-311.pyc",
        "tests/__pycache__/conftest.cpython-311.pyc",
    ):
        (tree / debris).parent.mkdir(parents=True, exist_ok=True)
        (tree / debris).write_text("generated\n", encoding="utf-8")
    assert snapshot(tree) != snapshot(fresh)

    subprocess.run([MAKE, "-s", "clean"], cwd=tree, check=True, timeout=60)

    assert snapshot(tree) == snapshot(fresh)
    assert (tree / ".venv" / "kept").read_text(encoding="utf-8") == "the environment stays\n"
