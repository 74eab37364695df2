"""Data at the bottom: each module imports only modules below it in the pipeline, so a change
high up (a page, the CLI) never reaches down, and there are no import cycles. The order is the
one docs/architecture.md describes; a new module takes its place in this list."""

from __future__ import annotations

import ast

from tests.conftest import ROOT

PIPELINE = [
    # problems and data
    "codes",
    "problems",
    "memo",
    "model",
    "escaping",
    "urls",
    "icons",
    # reading files
    "yamltree",
    "markup",
    "fields",
    "registers",
    "schemas",
    "naming",
    "loading",
    # anchoring and checking
    "folding",
    "lines",
    "anchoring",
    "explaining",
    "checked",
    "provenance",
    "editorial",
    "checking",
    "settings",
    "project",
    # commands' own logic
    "finding",
    "diffing",
    "gitbase",
    "scaffolding",
    "reporting",
    "progress",
    # the site
    "png",
    "cards",
    "pages",
    "prerender",
    "htmlfeed",
    "searchsections",
    "shell",
    "mkdocs_pages",
    "carryover",
    "cardcache",
    "templatecache",
    "preview",
    "versions",
    "publishing",
    "mkdocs_hook",
    "cli",
    "__main__",
]


def imported(path) -> set[str]:
    """The generator modules a file imports (top-level names: ``pages.claim`` is ``pages``)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            parts = node.module.split(".")
            if parts[0] == "generator":
                if len(parts) > 1:
                    names.add(parts[1])
                else:
                    names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.Import):
            names |= {a.name.split(".")[1] for a in node.names if a.name.startswith("generator.")}
    return names


def test_every_module_has_its_place() -> None:
    modules = {p.stem for p in (ROOT / "generator").glob("*.py")} - {"__init__"}
    assert modules | {"pages"} == set(PIPELINE)


def test_modules_import_only_what_lies_below_them() -> None:
    wrong = []
    for path in sorted((ROOT / "generator").rglob("*.py")):
        relative = path.relative_to(ROOT / "generator")
        me = relative.parts[0] if len(relative.parts) > 1 else path.stem
        if me == "__init__":
            continue
        below = set(PIPELINE[: PIPELINE.index(me)])
        for name in imported(path) - {me}:
            if name not in below:
                wrong.append(f"generator/{relative.as_posix()} imports {name}")
    assert wrong == []
