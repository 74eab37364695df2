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

import functools
import re
from collections.abc import Callable
from typing import Any, NamedTuple, Protocol

import yaml

from generator.codes import Code
from generator.problems import Problems, Spot

_Parser: type[Any]
try:  # libyaml parses several times faster; line numbers come from both parsers
    from yaml._yaml import CParser as _Parser
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    _Parser = yaml.SafeLoader

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


class Scalar(NamedTuple):
    """Text as written; ``plain`` if it was unquoted (only plain text can be null).
    (The nodes are NamedTuples: the parser makes one per YAML value, so they must be cheap.)"""

    text: str
    plain: bool
    spot: Spot

    @property
    def is_null(self) -> bool:
        return self.plain and self.text in NULLS


class Seq(NamedTuple):
    items: list[Node]
    spot: Spot


class Map(NamedTuple):
    """A mapping whose keys are text; ``keys`` keeps each key's own position."""

    items: dict[str, Node]
    keys: dict[str, Spot]
    spot: Spot


Node = Scalar | Seq | Map


class _Stop(Exception):
    """Raised to abandon a file after a problem that makes the rest meaningless."""


def parse(text: str, path: str, problems: Problems) -> Node | None:
    """Parse one YAML document into a tree, or add problems and return None."""
    if bad := _FORBIDDEN.search(text):
        _forbidden(bad, text, path, problems)
        return None
    parser = _Parser(text)  # read event by event: no generator, no check_event per event
    try:
        return _document(parser.get_event, _Places(path, text), problems)
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
    finally:
        parser.dispose()
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
        self.text = text

    @functools.cached_property
    def lines(self) -> list[str]:
        return self.text.splitlines()

    def of(self, event: yaml.Event) -> Spot:
        mark = event.start_mark
        if mark is None:
            return Spot(self.path)
        line = mark.line + 1
        if getattr(event, "style", None) in ("|", ">"):
            index = line
            lines = self.lines
            while index < len(lines) and not lines[index].strip():
                index += 1
            if index < len(lines):
                text = lines[index]
                return Spot(self.path, index + 1, len(text) - len(text.lstrip()) + 1)
        return Spot(self.path, line, mark.column + 1)


def _document(get: Callable[[], yaml.Event], places: _Places, problems: Problems) -> Node | None:
    path = places.path
    get()  # StreamStartEvent
    event = get()
    if type(event) is yaml.StreamEndEvent:
        problems.add(
            Spot(path=path),
            Code.EMPTY_FILE,
            "the file is empty",
            "fill it in, or delete it",
        )
        return None
    root = _node(get(), get, places, problems)
    get()  # DocumentEndEvent
    event = get()
    if type(event) is not yaml.StreamEndEvent:
        problems.add(
            _spot(path, event.start_mark),
            Code.YAML_SYNTAX,
            "invalid YAML: a second document starts here; a file holds one document",
            "remove the '---' line and what follows, or move it to its own file",
        )
        return None
    return root


_ScalarEvent = yaml.ScalarEvent
_SequenceStart, _SequenceEnd = yaml.SequenceStartEvent, yaml.SequenceEndEvent
_MappingEnd = yaml.MappingEndEvent
_new = tuple.__new__  # builds a node or spot without the NamedTuple's Python-level __new__


def _node(
    event: yaml.Event,
    get: Callable[[], yaml.Event],
    places: _Places,
    problems: Problems,
    depth: int = 0,
) -> Node:
    if type(event) is _ScalarEvent and event.anchor is None and event.tag is None:
        style, mark = event.style, event.start_mark
        if style == "|" or style == ">" or mark is None:
            return _new(Scalar, (event.value, not style, places.of(event)))
        spot = _new(Spot, (places.path, mark.line + 1, mark.column + 1))
        return _new(Scalar, (event.value, not style, spot))
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
    depth += 1
    if type(event) is _SequenceStart:
        children = []
        while type(event := get()) is not _SequenceEnd:
            children.append(_node(event, get, places, problems, depth))
        return Seq(children, spot)
    items: dict[str, Node] = {}
    keys: dict[str, Spot] = {}
    path = places.path
    while type(event := get()) is not _MappingEnd:
        mark = event.start_mark
        if (
            type(event) is _ScalarEvent
            and event.anchor is None
            and event.tag is None
            and not event.style
            and mark is not None
        ):  # a plain key, as nearly every key is: no node is built for it
            text = event.value
            key_spot = _new(Spot, (path, mark.line + 1, mark.column + 1))
            value = _node(get(), get, places, problems, depth)
        else:
            key = _node(event, get, places, problems, depth)
            value = _node(get(), get, places, problems, depth)
            if type(key) is not Scalar:
                problems.add(
                    key.spot,
                    Code.WRONG_TYPE,
                    "expected a plain key, found a complex key (a list or mapping)",
                    "keys are names such as 'claim:' or 'quote:'",
                )
                continue
            text, key_spot = key.text, key.spot
        if text in items:
            first = keys[text]
            problems.add(
                key_spot,
                Code.DUPLICATE_KEY,
                f"duplicate key '{text}' (first defined at line {first.line})",
                "YAML keeps only one of the two: delete or rename one of them",
            )
            continue
        items[text] = value
        keys[text] = key_spot
    return Map(items, keys, spot)
