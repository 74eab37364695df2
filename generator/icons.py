"""Verdict icons: Material for MkDocs' own SVG files, inlined so badges need no JavaScript,
no Markdown extension and no particular builder."""

from __future__ import annotations

from functools import cache
from importlib.resources import files


@cache
def svg(name: str) -> str | None:
    """The SVG markup of a Material icon such as ``material/check-circle``, or None."""
    try:
        path = files("material") / "templates" / ".icons" / f"{name}.svg"
        return path.read_text(encoding="utf-8").strip() if path.is_file() else None
    except ModuleNotFoundError:  # pragma: no cover - mkdocs-material is a dependency
        return None
