"""Problem lines in three formats: compiler-style text, GitHub annotations, JSON."""

from __future__ import annotations

import json
from collections.abc import Sequence

from generator.problems import Problem

FORMATS = ("text", "github", "json")


def render(problems: Sequence[Problem], fmt: str) -> str:
    ordered = sorted(problems, key=lambda p: p.sort_key)
    if fmt == "json":
        return json.dumps([_as_dict(p) for p in ordered], ensure_ascii=False, indent=2) + "\n"
    line = _github if fmt == "github" else _text
    return "".join(line(p) + "\n" for p in ordered)


def _text(problem: Problem) -> str:
    head = f"{problem.spot}: error[{problem.code}]: {problem.message}"
    return "\n".join([head, *("    " + hint for hint in problem.hints)])


def _github(problem: Problem) -> str:
    spot = problem.spot
    props = f"file={_prop(spot.path)},line={spot.line},col={spot.col},title={problem.code}"
    body = "\n".join([problem.message, *problem.hints])
    return f"::error {props}::{_data(body)}"


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def _as_dict(problem: Problem) -> dict[str, object]:
    spot = problem.spot
    return {
        "file": spot.path,
        "line": spot.line,
        "column": spot.col,
        "severity": "error",
        "code": problem.code,
        "message": problem.message,
        "hints": list(problem.hints),
    }


def summary(problems: Sequence[Problem], *, claims: int, seeds: int, quotations: int) -> str:
    if problems:
        files = len({p.spot.path for p in problems})
        noun = "problem" if len(problems) == 1 else "problems"
        return f"{len(problems)} {noun} in {files} file{'s' if files != 1 else ''}."
    return (
        f"OK: {claims} claim{'s' if claims != 1 else ''} and {seeds} "
        f"seed{'s' if seeds != 1 else ''} checked; {quotations} quotations anchored."
    )
