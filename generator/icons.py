"""Verdict icons: Material for MkDocs' own SVG files, inlined so badges need no JavaScript,
no Markdown extension and no particular builder."""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from generator.escaping import Markup


@cache
def svg(name: str) -> Markup | None:
    """The SVG markup of a Material icon such as ``material/check-circle``, or None. Markup as
    it is: Material's own file, and ``name`` is a checked icon name (``checking.py``)."""
    try:
        path = files("material") / "templates" / ".icons" / f"{name}.svg"
        return Markup(path.read_text(encoding="utf-8").strip()) if path.is_file() else None
    except ModuleNotFoundError:  # pragma: no cover - mkdocs-material is a dependency
        return None
