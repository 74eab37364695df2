"""The project as it was at a git revision, read into a temporary folder for ``diff``.

Only ``git`` itself is run, with arguments (never a shell); the files come out of
``git archive`` as a tar stream and are unpacked with the standard library's "data" filter,
so no name in the archive can write outside the temporary folder."""

from __future__ import annotations

import io
import subprocess
import tarfile
from pathlib import Path

PROJECT_FILES = ("verdicts.yaml", "claims", "seeds")


class GitError(Exception):
    """Why the revision cannot be read, in words for the person who typed it."""


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=False)
    except FileNotFoundError as error:
        raise GitError("git is not installed; diff reads the older revision with git") from error


def extract(root: Path, revision: str, target: Path) -> str:
    """Write the project files of ``revision`` into ``target``; return the commit's id."""
    prefix = _git(root, "rev-parse", "--show-prefix", "--show-toplevel")
    if prefix.returncode != 0:
        raise GitError(
            f"{root} is not in a git repository; diff compares the project with a git revision"
        )
    if revision.startswith("-"):
        raise GitError(f"'{revision}' is not a git revision")
    found = _git(
        root, "rev-parse", "--verify", "--quiet", "--end-of-options", revision + "^{commit}"
    )
    if found.returncode != 0:
        shallow = _git(root, "rev-parse", "--is-shallow-repository").stdout.strip() == b"true"
        if shallow:
            raise GitError(
                f"revision '{revision}' is not in this shallow clone; fetch the history it needs "
                "(git fetch --unshallow, or fetch-depth: 0 with actions/checkout)"
            )
        raise GitError(
            f"unknown revision '{revision}': name a commit, branch or tag "
            "(e.g. origin/main; see git log)"
        )
    commit = found.stdout.decode("ascii").strip()
    # Trees are read from the top of the work tree: below it, git filters them by the folder.
    folder, top = prefix.stdout.decode("utf-8").splitlines()
    tree = f"{commit}:{folder}"
    listed = _git(Path(top), "ls-tree", "--name-only", tree)
    present = set(listed.stdout.decode("utf-8", "replace").splitlines())
    names = [n for n in PROJECT_FILES if n in present]
    target.mkdir(parents=True, exist_ok=True)
    for name in ("claims", "seeds"):
        (target / name).mkdir(exist_ok=True)
    if names:
        archive = _git(Path(top), "archive", "--format=tar", tree, "--", *names)
        if archive.returncode != 0:
            raise GitError(archive.stderr.decode("utf-8", "replace").strip())
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(target, filter="data")
    return commit
