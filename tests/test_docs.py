"""Every command and every problem code is documented in the README (sqlite-utils' habit):
the table of codes is the registry (``generator/codes.py``) written out."""

from __future__ import annotations

import io
import os
import re
from contextlib import redirect_stdout

from generator.cli import main
from generator.codes import Code
from tests.conftest import ROOT

README = ROOT / "README.md"


def codes_table() -> str:
    rows = [f"| `{code}` | {code.meaning} | {code.fix} |" for code in Code]
    return "\n".join(["| code | means | fix |", "|---|---|---|", *rows]) + "\n"


def test_the_readme_table_of_problem_codes_is_the_registry() -> None:
    """REGENERATE=1 rewrites the table from generator/codes.py; review the diff."""
    readme = README.read_text(encoding="utf-8")
    head, section = readme.split("## Problem codes\n", 1)
    section, tail = section.split("\n## ", 1)
    intro, table = section.split("| code |", 1)
    table = "| code |" + table
    if os.environ.get("REGENERATE"):
        table = codes_table() + ("\n" if table.endswith("\n\n") else "")
        README.write_text(f"{head}## Problem codes\n{intro}{table}\n## {tail}", encoding="utf-8")
    assert table.rstrip("\n") + "\n" == codes_table()


def test_codes_are_unique_slugs_with_a_meaning_and_a_fix() -> None:
    assert len({c.value for c in Code}) == len(Code)
    for code in Code:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", code), code
        assert code.meaning and code.fix and "\n" not in code.meaning + code.fix, code


def commands() -> list[str]:
    """The commands ``python -m generator --help`` lists."""
    out = io.StringIO()
    with redirect_stdout(out):
        assert main(["--help"]) == 0
    listing = out.getvalue().split("COMMAND\n", 1)[1]
    return re.findall(r"^    ([a-z][a-z-]*)(?: |$)", listing, re.MULTILINE)


def test_every_command_is_documented() -> None:
    readme = README.read_text(encoding="utf-8")
    assert "check" in commands() and "build" in commands()
    for command in commands():
        assert f"python -m generator {command}" in readme


def test_documents_cite_only_files_in_the_repository() -> None:
    """A reader of the repository can follow every reference: no notes outside it, and every
    relative link in README, CONTRIBUTING, docs/ and bench/README points at a file that exists."""
    pages = [
        README,
        ROOT / "CONTRIBUTING.md",
        ROOT / "bench" / "README.md",
        *sorted((ROOT / "docs").glob("*.md")),
    ]
    sources = [*sorted((ROOT / "generator").rglob("*.py")), *sorted((ROOT / "tests").glob("*.py"))]
    outside = re.compile(r"\.\./shared\b")  # the team's design notes, which a cloner does not have
    for path in [*pages, *sources]:
        assert not outside.search(path.read_text(encoding="utf-8")), path
    broken = []
    for page in pages:
        for target in re.findall(
            r"\]\((?![a-z]+:)([^)#\s]+)[^)]*\)", page.read_text(encoding="utf-8")
        ):
            if not (page.parent / target).exists():
                broken.append(f"{page.relative_to(ROOT)}: {target}")
    assert broken == []
