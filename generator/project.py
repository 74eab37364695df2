"""A project on disk, loaded and checked: what every command starts from."""

from __future__ import annotations

import gc
from pathlib import Path

from generator import settings
from generator.checked import Checked
from generator.checking import check
from generator.loading import load_project
from generator.memo import Memo
from generator.problems import Problem


def load_and_check(root: Path, kept: Memo | None = None) -> tuple[Checked, list[Problem]]:
    """``kept``: the live preview's memory of its previous rebuilds (see ``memo``)."""
    # Loading makes hundreds of thousands of small objects and no reference cycles; the
    # cyclic collector would only rescan them again and again (about 10% at 10,000 claims).
    gc.disable()
    try:
        project, problems = load_project(root, kept)
        checked, more = check(project, kept)
    finally:
        gc.enable()
    return checked, [*problems, *more, *settings.check(root)]
