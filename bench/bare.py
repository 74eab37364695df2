"""The floor for ``check``: a bare C-loader ``yaml.load`` of every claim and seed metadata
file, plus reading every archived text. ``python bench/bare.py ROOT`` runs it as a command."""

from __future__ import annotations

import sys
from pathlib import Path

import yaml


def bare_yaml(root: Path) -> None:
    for folder in ("claims", "seeds"):
        for path in sorted((root / folder).glob("*.yaml")):
            yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    for path in sorted((root / "seeds").glob("*.txt")):
        path.read_text(encoding="utf-8")


if __name__ == "__main__":
    bare_yaml(Path(sys.argv[1]))
