"""A project on disk, loaded and checked: what every command starts from."""

from __future__ import annotations

from pathlib import Path

from generator.checking import Checked, check
from generator.loading import load_project
from generator.problems import Problem


def load_and_check(root: Path) -> tuple[Checked, list[Problem]]:
    project, problems = load_project(root)
    checked, more = check(project)
    return checked, [*problems, *more]
