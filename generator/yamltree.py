"""Strict YAML: a tree of plain text with a position for every value.

Contributors' files come from strangers' pull requests. We read the event stream of a safe
parser and build our own tree, so nothing is ever constructed from a tag: every scalar stays
text (``verdict: false`` is the verdict id ``false``, ``no`` stays ``no``, a date stays a
string until its field parses it), plain ``null``/``~``/empty is None, and explicit tags,
anchors and aliases are rejected at the first one (an alias bomb never expands). Duplicate
keys are reported with both places. Characters YAML forbids (control characters such as
NUL, form feed or ESC) and nesting deeper than ``MAX_DEPTH`` are located problems too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

import yaml

from generator.codes import Code
from generator.problems import Problems, Spot

_Loader: type[Any]
try:  # libyaml parses several times faster; line numbers come from both parsers
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

NULLS = frozenset({"", "~", "null", "Null", "NULL"})
MAX_DEPTH = 32  # our formats nest four levels; a file of 50,000 '[' is refused at this depth

# What YAML 1.1 (and PyYAML's reader) does not accept: C0 controls but tab and line breaks,
# DEL, C1 controls but NEL, surrogates, U+FFFE and U+FFFF.
_FORBIDDEN = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_CONTROL_NAMES = {
    0x00: "NUL",
    0x07: "bell",
    0x08: "backspace",
    0x0B: "vertical tab",
    0x0C: "form feed",
    0x1B: "escape",
    0x7F: "delete",
}


@dataclass(frozen=True, kw_only=True)
class Scalar:
    text: str
    plain: bool
    spot: Spot

    @property
    def is_null(self) -> bool:
        return self.plain and self.text in NULLS


@dataclass(frozen=True, kw_only=True)
class Seq:
    items: list[Node]
    spot: Spot


@dataclass(frozen=True, kw_only=True)
class Map:
    """A mapping whose keys are text; ``keys`` keeps each key's own position."""

    items: dict[str, Node]
    keys: dict[str, Spot] = field(default_factory=dict)
    spot: Spot


Node = Scalar | Seq | Map


class _Stop(Exception):
    """Raised to abandon a file after a problem that makes the rest meaningless."""


def parse(text: str, path: str, problems: Problems) -> Node | None:
    """Parse one YAML document into a tree, or add problems and return None."""
    if bad := _FORBIDDEN.search(text):
        _forbidden(bad, text, path, problems)
        return None
    events = yaml.parse(text, Loader=_Loader)
    try:
        return _document(events, _Places(path, text), problems)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        spot = _spot(path, mark) if mark else Spot(path=path)
        what = " ".join(p for p in (error.context, error.problem) if p)
        problems.add(
            spot,
            Code.YAML_SYNTAX,
            f"invalid YAML: {what}",
            "check the indentation and that text containing ': ' or ' #' is in quotes",
        )
    except yaml.YAMLError as error:  # a reader or emitter error has no mark; none expected
        problems.add(Spot(path=path), Code.YAML_SYNTAX, f"invalid YAML: {error}")
    except _Stop:
        pass
    return None


def _forbidden(bad: re.Match[str], text: str, path: str, problems: Problems) -> None:
    code = ord(bad.group())
    line = text.count("\n", 0, bad.start()) + 1
    col = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
    name = _CONTROL_NAMES.get(code, "a control character")
    more = len(_FORBIDDEN.findall(text)) - 1
    problems.add(
        Spot(path=path, line=line, col=col),
        Code.CONTROL_CHARACTER,
        f"U+{code:04X} ({name}) is not allowed in a YAML file"
        + (f"; {more} more in this file" if more else ""),
        "delete it: it is invisible in most editors and often comes from copying out of a "
        "PDF or a terminal; to keep a line break, write a real one",
    )


class _Mark(Protocol):
    line: int
    column: int


def _position(mark: _Mark | None) -> tuple[int, int]:
    """1-based line and column (PyYAML marks every event; a missing mark reads as 1:1)."""
    return (mark.line + 1, mark.column + 1) if mark else (1, 1)


def _spot(path: str, mark: _Mark | None) -> Spot:
    line, col = _position(mark)
    return Spot(path=path, line=line, col=col)


class _Places:
    """Positions in one file. A block scalar's (| or >) text starts on the line after its
    indicator, so its spot is that first content line: Markdown problems count from it."""

    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.lines = text.splitlines()

    def of(self, event: yaml.Event) -> Spot:
        line, col = _position(event.start_mark)
        if getattr(event, "style", None) in ("|", ">"):
            index = line
            while index < len(self.lines) and not self.lines[index].strip():
                index += 1
            if index < len(self.lines):
                text = self.lines[index]
                return Spot(path=self.path, line=index + 1, col=len(text) - len(text.lstrip()) + 1)
        return Spot(self.path, line, col)


def _document(events: Iterator[yaml.Event], places: _Places, problems: Problems) -> Node | None:
    path = places.path
    next(events)  # StreamStartEvent
    event = next(events)
    if isinstance(event, yaml.StreamEndEvent):
        problems.add(
            Spot(path=path),
            Code.EMPTY_FILE,
            "the file is empty",
            "fill it in, or delete it",
        )
        return None
    root = _node(next(events), events, places, problems)
    next(events)  # DocumentEndEvent
    event = next(events)
    if not isinstance(event, yaml.StreamEndEvent):
        problems.add(
            _spot(path, event.start_mark),
            Code.YAML_SYNTAX,
            "invalid YAML: a second document starts here; a file holds one document",
            "remove the '---' line and what follows, or move it to its own file",
        )
        return None
    return root


def _node(
    event: yaml.Event,
    events: Iterator[yaml.Event],
    places: _Places,
    problems: Problems,
    depth: int = 0,
) -> Node:
    if type(event) is yaml.ScalarEvent and event.anchor is None and event.tag is None:
        return Scalar(text=event.value, plain=not event.style, spot=places.of(event))
    spot = places.of(event)
    if depth >= MAX_DEPTH:
        problems.add(
            spot,
            Code.TOO_DEEP,
            f"lists and mappings nest more than {MAX_DEPTH} levels deep here",
            "claim and seed files nest a few levels at most: check the brackets and indentation",
        )
        raise _Stop
    if isinstance(event, yaml.AliasEvent) or (isinstance(event, yaml.NodeEvent) and event.anchor):
        problems.add(
            spot,
            Code.YAML_ANCHOR,
            "YAML anchors and aliases (&name, *name) are not allowed",
            "write the value out in full where it is needed",
        )
        raise _Stop
    tag = getattr(event, "tag", None)  # scalars and collections have one
    if tag is not None:
        problems.add(
            spot,
            Code.YAML_TAG,
            f"explicit YAML tags are not allowed (found {tag!r})",
            "remove the tag; if the value is text, put it in quotes",
        )
        raise _Stop
    if isinstance(event, yaml.SequenceStartEvent):
        children = []
        while not isinstance(event := next(events), yaml.SequenceEndEvent):
            children.append(_node(event, events, places, problems, depth + 1))
        return Seq(items=children, spot=spot)
    items: dict[str, Node] = {}
    keys: dict[str, Spot] = {}
    while not isinstance(event := next(events), yaml.MappingEndEvent):
        key = _node(event, events, places, problems, depth + 1)
        value = _node(next(events), events, places, problems, depth + 1)
        if not isinstance(key, Scalar):
            problems.add(
                key.spot,
                Code.WRONG_TYPE,
                "expected a plain key, found a complex key (a list or mapping)",
                "keys are names such as 'claim:' or 'quote:'",
            )
            continue
        if key.text in items:
            first = keys[key.text]
            problems.add(
                key.spot,
                Code.DUPLICATE_KEY,
                f"duplicate key '{key.text}' (first defined at line {first.line})",
                "YAML keeps only one of the two: delete or rename one of them",
            )
            continue
        items[key.text] = value
        keys[key.text] = key.spot
    return Map(items=items, keys=keys, spot=spot)
