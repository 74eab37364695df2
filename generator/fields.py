"""Field kinds: each turns a YAML node into a value (or problems) and describes itself as
JSON Schema, so the loader and the published schema cannot drift apart."""

from __future__ import annotations

import datetime as dt
import difflib
import enum
import functools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Final, Generic, Protocol, TypeVar

from generator.codes import Code
from generator.escaping import INVISIBLE
from generator.problems import Problems, Spot
from generator.yamltree import NULLS, Map, Node, Scalar, Seq

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)
JSON = dict[str, Any]  # a JSON Schema


class Invalid(enum.Enum):
    """The type of ``INVALID``: a value that failed; its problem is already recorded."""

    INVALID = "invalid"


INVALID: Final = Invalid.INVALID
PLACEHOLDER = "FILL IN:"  # what ``new`` writes where a value is needed; refused by check
_URL = re.compile(r"https?://[^\s<>\"'`]+")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class Kind(Protocol[T_co]):
    """A field kind: converts a node to a ``T`` (or records problems and returns INVALID)."""

    def convert(self, node: Node, problems: Problems) -> T_co | Invalid: ...

    def json_schema(self) -> JSON: ...


def _found(node: Node) -> str:
    if isinstance(node, Map):
        return "a mapping"
    if isinstance(node, Seq):
        return "a list"
    return "nothing (null)" if node.is_null else f"'{_short(node.text)}'"


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def did_you_mean(word: str, choices: Iterable[str], cutoff: float = 0.6) -> list[str]:
    """The hint naming the choice closest to ``word``, if one is close enough."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=cutoff)
    return [f"did you mean '{close[0]}'?"] if close else []


def _wrong(node: Node, expected: str, problems: Problems, *hints: str) -> Invalid:
    problems.add(node.spot, Code.WRONG_TYPE, f"expected {expected}, found {_found(node)}", *hints)
    return INVALID


@dataclass(frozen=True, kw_only=True)
class Text:
    """Non-empty text. ``single_line`` rejects line breaks (titles, names)."""

    single_line: bool = False
    expected: str = "text"

    def convert(self, node: Node, problems: Problems) -> str | Invalid:
        if type(node) is not Scalar or (node.plain and node.text in NULLS):
            return _wrong(node, self.expected, problems)
        text = node.text.strip()
        if not text:
            problems.add(node.spot, Code.WRONG_TYPE, f"expected {self.expected}, found empty text")
            return INVALID
        if text.startswith(PLACEHOLDER):
            problems.add(
                node.spot,
                Code.PLACEHOLDER,
                f"this field still holds the scaffold's placeholder: '{_short(text, 60)}'",
                "replace it with the real value (the placeholder says what goes here)",
            )
            return INVALID
        if self.single_line and "\n" in text:
            problems.add(
                node.spot,
                Code.WRONG_TYPE,
                f"expected {self.expected} on one line, found a line break",
                "use a plain or quoted value without a block scalar (| or >)",
            )
            return INVALID
        if self.single_line and not text.isascii() and (hidden := INVISIBLE.search(text)):
            problems.add(
                node.spot,
                Code.INVISIBLE_CHARACTER,
                f"U+{ord(hidden.group()):04X}, an invisible or bidirectional control "
                "character, in a one-line field: it can make the text display as something "
                "it does not say",
                "delete it (retype the text around it if it came from a copy)",
            )
            return INVALID
        return self.check(text, node, problems)

    def check(self, text: str, node: Scalar, problems: Problems) -> str | Invalid:
        return text

    def json_schema(self) -> JSON:
        schema: dict[str, Any] = {"type": "string", "minLength": 1}
        if self.single_line:
            schema["pattern"] = "^[^\\n]*$"
        return schema


@dataclass(frozen=True, kw_only=True)
class Markdown(Text):
    """Text in inline or block Markdown; raw HTML is checked where the page is rendered."""

    expected: str = "Markdown text"

    def json_schema(self) -> JSON:
        return {"type": "string", "minLength": 1}


@dataclass(frozen=True, kw_only=True)
class Pattern(Text):
    """Text matching a regular expression; ``code`` names the problem when it does not."""

    regex: str
    code: Code
    rule: str  # what a valid value looks like, for the message
    single_line: bool = True

    @functools.cached_property
    def _compiled(self) -> re.Pattern[str]:
        return re.compile(self.regex)

    def check(self, text: str, node: Scalar, problems: Problems) -> str | Invalid:
        if self._compiled.fullmatch(text):
            return text
        problems.add(node.spot, self.code, f"'{_short(text)}' is not {self.rule}")
        return INVALID

    def json_schema(self) -> JSON:
        return {"type": "string", "pattern": f"^(?:{self.regex})$"}


@dataclass(frozen=True, kw_only=True)
class Url(Text):
    """An absolute http(s) URL."""

    single_line: bool = True
    expected: str = "an http(s) URL"

    def check(self, text: str, node: Scalar, problems: Problems) -> str | Invalid:
        if _URL.fullmatch(text):
            return text
        problems.add(
            node.spot,
            Code.BAD_URL,
            f"'{_short(text)}' is not an http(s) URL",
            "write the full address, starting with https://",
        )
        return INVALID

    def json_schema(self) -> JSON:
        return {"type": "string", "format": "uri", "pattern": "^https?://"}


@dataclass(frozen=True, kw_only=True)
class Choice(Text):
    """One of a fixed set of ids; ``code`` names the problem (``unknown-verdict``…)."""

    choices: Sequence[str]
    code: Code
    noun: str
    single_line: bool = True

    @functools.cached_property
    def _known(self) -> frozenset[str]:
        return frozenset(self.choices)

    def check(self, text: str, node: Scalar, problems: Problems) -> str | Invalid:
        if text in self._known:
            return text
        hints = [
            *did_you_mean(text.lower(), self.choices),
            f"allowed {self.noun}s: {', '.join(self.choices)}",
        ]
        problems.add(node.spot, self.code, f"unknown {self.noun} '{_short(text)}'", *hints)
        return INVALID

    def json_schema(self) -> JSON:
        return {"type": "string", "enum": list(self.choices)}


@dataclass(frozen=True, kw_only=True)
class Date:
    """A calendar date written YYYY-MM-DD (quoted or not)."""

    def convert(self, node: Node, problems: Problems) -> dt.date | Invalid:
        text = node.text.strip() if isinstance(node, Scalar) and not node.is_null else None
        if text is None or not _DATE.fullmatch(text):
            return _wrong(node, "a date written YYYY-MM-DD", problems)
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            problems.add(node.spot, Code.BAD_DATE, f"'{text}' is not a real calendar date")
            return INVALID

    def json_schema(self) -> JSON:
        return {"type": "string", "format": "date", "pattern": "^\\d{4}-\\d{2}-\\d{2}$"}


@dataclass(frozen=True, kw_only=True)
class Boolean:
    """Exactly ``true`` or ``false``; YAML 1.1's yes/no/on/off are refused, not guessed."""

    def convert(self, node: Node, problems: Problems) -> bool | Invalid:
        if isinstance(node, Scalar) and node.plain and node.text in ("true", "false"):
            return node.text == "true"
        return _wrong(node, "true or false", problems)

    def json_schema(self) -> JSON:
        return {"type": "boolean"}


@dataclass(frozen=True, kw_only=True)
class Integer:
    minimum: int = 1

    def convert(self, node: Node, problems: Problems) -> int | Invalid:
        if isinstance(node, Scalar) and node.plain and re.fullmatch(r"-?\d+", node.text):
            value = int(node.text)
            if value >= self.minimum:
                return value
        return _wrong(node, f"a whole number ≥ {self.minimum}", problems)

    def json_schema(self) -> JSON:
        return {"type": "integer", "minimum": self.minimum}


@dataclass(frozen=True, kw_only=True)
class Nullable(Generic[T]):
    """The inner kind, or an explicit null (``published: null``)."""

    inner: Kind[T]

    def convert(self, node: Node, problems: Problems) -> T | Invalid | None:
        if isinstance(node, Scalar) and node.is_null:
            return None
        return self.inner.convert(node, problems)

    def json_schema(self) -> JSON:
        return {"anyOf": [self.inner.json_schema(), {"type": "null"}]}


@dataclass(frozen=True, kw_only=True)
class ListOf(Generic[T]):
    item: Kind[T]
    min_items: int = 0
    unique: bool = False

    def convert(self, node: Node, problems: Problems) -> tuple[T, ...] | Invalid:
        if not isinstance(node, Seq):
            return _wrong(node, "a list", problems, "start each item on its own line with '- '")
        if len(node.items) < self.min_items:
            problems.add(
                node.spot,
                Code.WRONG_TYPE,
                f"expected at least {self.min_items} item(s), found none",
            )
            return INVALID
        converted = [self.item.convert(item, problems) for item in node.items]
        values = [value for value in converted if not isinstance(value, Invalid)]
        if len(values) < len(converted):
            return INVALID
        if self.unique:
            seen: set[T] = set()
            for item, value in zip(node.items, values, strict=True):
                if value in seen:
                    problems.add(item.spot, Code.DUPLICATE_ITEM, f"'{value}' is listed twice")
                seen.add(value)
            if len(seen) < len(values):
                return INVALID
        return tuple(values)

    def json_schema(self) -> JSON:
        schema: dict[str, Any] = {"type": "array", "items": self.item.json_schema()}
        if self.min_items:
            schema["minItems"] = self.min_items
        if self.unique:
            schema["uniqueItems"] = True
        return schema


@dataclass(frozen=True, kw_only=True)
class Field:
    kind: Kind[object]
    description: str
    required: bool = False


def _spots(node: Map) -> dict[str, Spot]:
    spots: dict[str, Spot] = {"": node.spot}
    for name, child in node.items.items():
        spots[name] = child.spot
        if isinstance(child, Seq):
            spots |= {f"{name}[{i}]": n.spot for i, n in enumerate(child.items)}
    return spots


def _salvage(kind: Any, node: Node, quiet: Problems) -> Any:
    if isinstance(kind, Record):
        value = kind.salvage(node)
    elif isinstance(kind, ListOf) and isinstance(node, Seq):
        items = [_salvage(kind.item, item, quiet) for item in node.items]
        if isinstance(kind.item, Record):
            return tuple(item for item in items if item is not None)
        return tuple(items)
    else:
        value = kind.convert(node, quiet)
    return None if value is INVALID else value


@dataclass(frozen=True, kw_only=True)
class Record(Generic[T]):
    """A mapping with known keys. ``build`` receives the converted values plus ``spots``: the
    position of each value, of each list item (``"tags[1]"``) and of the mapping (``""``)."""

    fields: dict[str, Field]
    build: Callable[..., T]
    title: str = ""
    description: str = ""
    extra: dict[str, Any] = field(default_factory=dict)  # fixed values passed to build

    def convert(self, node: Node, problems: Problems, **extra: object) -> T | Invalid:
        """The record built from ``node`` (``extra``: more fixed values passed to ``build``)."""
        if type(node) is not Map:
            return _wrong(node, "a mapping of 'key: value' lines", problems)
        ok = True
        fields, items = self.fields, node.items
        if not fields.keys() >= items.keys():
            for key, spot in node.keys.items():
                if key not in fields:
                    ok = False
                    problems.add(
                        spot, Code.UNKNOWN_KEY, f"unknown key '{key}'", *self._suggest(key)
                    )
        values: dict[str, Any] = {}
        for name, spec in fields.items():
            if name not in items:
                if spec.required:
                    ok = False
                    problems.add(
                        node.spot,
                        Code.MISSING_FIELD,
                        f"missing required field '{name}'",
                        f"add '{name}:' ({spec.description})",
                    )
                values[name] = None
                continue
            value = spec.kind.convert(items[name], problems)
            ok = ok and value is not INVALID
            values[name] = value
        if not ok:
            return INVALID
        return self.build(**values, **self.extra, **extra, spots=_spots(node))

    def salvage(self, node: Node, **extra: object) -> T | Invalid:
        """What stands on its own in a mapping that failed to convert (its problems are
        already reported, so none are added): the fields that convert, None for the others;
        in lists, the mappings that can be salvaged, and None in place of a bad scalar (so
        that ``spots`` still match). INVALID if the node is not a mapping."""
        if not isinstance(node, Map):
            return INVALID
        quiet = Problems()
        values = {
            name: None if name not in node.items else _salvage(spec.kind, node.items[name], quiet)
            for name, spec in self.fields.items()
        }
        return self.build(**values, **self.extra, **extra, spots=_spots(node))

    def _suggest(self, key: str) -> list[str]:
        return [*did_you_mean(key, self.fields), f"allowed keys: {', '.join(self.fields)}"]

    def json_schema(self) -> JSON:
        schema: dict[str, Any] = {"type": "object"}
        if self.title:
            schema["title"] = self.title
        if self.description:
            schema["description"] = self.description
        schema["properties"] = {
            name: {"description": spec.description, **spec.kind.json_schema()}
            for name, spec in self.fields.items()
        }
        required = [name for name, spec in self.fields.items() if spec.required]
        if required:
            schema["required"] = required
        schema["additionalProperties"] = False
        return schema
