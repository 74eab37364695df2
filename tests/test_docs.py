"""Every command and every problem code is documented in the README (sqlite-utils' habit)."""

from __future__ import annotations

import re

from generator.cli import _parser
from tests.conftest import ROOT

SOURCES = sorted((ROOT / "generator").glob("*.py"))


def problem_codes() -> set[str]:
    """The codes the generator can emit, read from its source."""
    codes: set[str] = set()
    for path in SOURCES:
        text = path.read_text(encoding="utf-8")
        add = r'problems\.add\(\s*[^,()]+(?:\([^()]*\))?,\s*"([a-z0-9-]+)"'
        codes |= set(re.findall(add, text))
        codes |= set(re.findall(r'\bcode="([a-z0-9-]+)"', text))
        codes |= set(re.findall(r'_wrong\(|"(wrong-type)"', text)) - {""}
    return codes


def test_problem_codes_are_found() -> None:
    assert {"quote-not-found", "quote-ambiguous", "yaml-tag", "unknown-verdict"} <= problem_codes()


def test_every_problem_code_is_documented() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Problem codes", 1)[1].split("\n## ", 1)[0]
    documented = set(re.findall(r"^\| `([a-z0-9-]+)` \|", section, re.MULTILINE))
    assert problem_codes() - documented == set()
    assert documented - problem_codes() == set(), "README documents codes that no longer exist"


def test_every_command_is_documented() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = _parser()._subparsers._group_actions[0].choices
    for command in commands:
        assert f"python -m generator {command}" in readme
