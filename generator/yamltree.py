"""Strict YAML: a tree of plain text with a position for every value.

Contributors' files come from strangers' pull requests. We read the event stream of a safe
parser and build our own tree, so nothing is ever constructed from a tag: every scalar stays
text (``verdict: false`` is the verdict id ``false``, ``no`` stays ``no``, a date stays a
string until its field parses it), plain ``null``/``~``/empty is None, and explicit tags,
anchors and aliases are rejected at the first one (an alias bomb never expands). Duplicate
keys are reported with both places.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

from generator.problems import Problems, Spot

try:  # libyaml parses several times faster; line numbers come from both parsers
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

NULLS = frozenset({"", "~", "null", "Null", "NULL"})


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
    events = yaml.parse(text, Loader=_Loader)
    try:
        return _document(events, _Places(path, text), problems)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        spot = _spot(path, mark) if mark else Spot(path=path)
        what = " ".join(p for p in (error.context, error.problem) if p)
        problems.add(
            spot,
            "yaml-syntax",
            f"invalid YAML: {what}",
            "check the indentation and that text containing ': ' or ' #' is in quotes",
        )
    except _Stop:
        pass
    return None


def _spot(path: str, mark: yaml.Mark) -> Spot:
    return Spot(path=path, line=mark.line + 1, col=mark.column + 1)


class _Places:
    """Positions in one file. A block scalar's (| or >) text starts on the line after its
    indicator, so its spot is that first content line: Markdown problems count from it."""

    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.lines = text.splitlines()

    def of(self, event) -> Spot:
        mark = event.start_mark
        if getattr(event, "style", None) in ("|", ">"):
            index = mark.line + 1
            while index < len(self.lines) and not self.lines[index].strip():
                index += 1
            if index < len(self.lines):
                line = self.lines[index]
                return Spot(path=self.path, line=index + 1, col=len(line) - len(line.lstrip()) + 1)
        return Spot(self.path, mark.line + 1, mark.column + 1)


def _document(events, places: _Places, problems: Problems) -> Node | None:
    path = places.path
    next(events)  # StreamStartEvent
    event = next(events)
    if isinstance(event, yaml.StreamEndEvent):
        problems.add(
            Spot(path=path),
            "empty-file",
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
            "yaml-syntax",
            "invalid YAML: a second document starts here; a file holds one document",
            "remove the '---' line and what follows, or move it to its own file",
        )
        return None
    return root


def _node(event, events, places: _Places, problems: Problems) -> Node:
    if type(event) is yaml.ScalarEvent and event.anchor is None and event.tag is None:
        return Scalar(text=event.value, plain=not event.style, spot=places.of(event))
    spot = places.of(event)
    if isinstance(event, yaml.AliasEvent) or event.anchor:
        problems.add(
            spot,
            "yaml-anchor",
            "YAML anchors and aliases (&name, *name) are not allowed",
            "write the value out in full where it is needed",
        )
        raise _Stop
    if event.tag is not None:
        problems.add(
            spot,
            "yaml-tag",
            f"explicit YAML tags are not allowed (found {event.tag!r})",
            "remove the tag; if the value is text, put it in quotes",
        )
        raise _Stop
    if isinstance(event, yaml.SequenceStartEvent):
        items = []
        while not isinstance(event := next(events), yaml.SequenceEndEvent):
            items.append(_node(event, events, places, problems))
        return Seq(items=items, spot=spot)
    items: dict[str, Node] = {}
    keys: dict[str, Spot] = {}
    while not isinstance(event := next(events), yaml.MappingEndEvent):
        key = _node(event, events, places, problems)
        value = _node(next(events), events, places, problems)
        if not isinstance(key, Scalar):
            problems.add(
                key.spot,
                "wrong-type",
                "expected a plain key, found a complex key (a list or mapping)",
                "keys are names such as 'claim:' or 'quote:'",
            )
            continue
        if key.text in items:
            first = keys[key.text]
            problems.add(
                key.spot,
                "duplicate-key",
                f"duplicate key '{key.text}' (first defined at line {first.line})",
                "YAML keeps only one of the two: delete or rename one of them",
            )
            continue
        items[key.text] = value
        keys[key.text] = key.spot
    return Map(items=items, keys=keys, spot=spot)
