"""What the registers may contain: ``claimants.yaml`` (who makes claims), ``team.yaml`` (who
writes and reviews the checks) and ``triage.yaml`` (statements we did not check, and why);
and ``IdRef``, the field kind by which other files name their entries."""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from generator.codes import Code
from generator.fields import (
    INVALID,
    Choice,
    Field,
    Invalid,
    ListOf,
    Markdown,
    Pattern,
    Record,
    T,
    Text,
    Url,
)
from generator.model import CLAIMANT_TYPES, TEAM_TYPES, Claimant, Statement, TeamMember
from generator.problems import Problems
from generator.yamltree import Scalar

SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"
_SLUG = re.compile(SLUG)
CLAIMANTS_FILE = "claimants.yaml"
TEAM_FILE = "team.yaml"
TRIAGE_FILE = "triage.yaml"


@dataclass(frozen=True, kw_only=True)
class IdRef(Text):
    """The id of an entry of a register (``file``). ``ids`` None: the register is missing or
    broken (reported there), so only the id's form is checked, and nothing else is blamed."""

    ids: Sequence[str] | None
    code: Code
    noun: str
    file: str
    single_line: bool = True

    @functools.cached_property
    def _known(self) -> frozenset[str] | None:
        return None if self.ids is None else frozenset(self.ids)

    def check(self, text: str, node: Scalar, problems: Problems) -> str | Invalid:
        known = self._known
        if known is not None and text in known:  # (a known id is a slug: ids are checked)
            return text
        if not _SLUG.fullmatch(text):
            slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
            hint = f"use the id of an entry of {self.file}, not its name"
            if self.ids and slug in self.ids:
                hint = f"did you mean '{slug}'?"
            problems.add(
                node.spot,
                Code.BAD_SLUG,
                f"'{text}' is not a {self.noun} id (a lowercase slug)",
                hint,
            )
            return INVALID
        if self.ids is None:
            return text
        hints = [f"add it to {self.file}, or use the id of one of its entries"]
        close = difflib.get_close_matches(text, self.ids, n=1, cutoff=0.6)
        if close:
            hints.insert(0, f"did you mean '{close[0]}'?")
        problems.add(node.spot, self.code, f"unknown {self.noun} '{text}'", *hints)
        return INVALID

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": f"^(?:{SLUG})$"}


def claimant_ref(ids: Sequence[str] | None) -> IdRef:
    return IdRef(ids=ids, code=Code.UNKNOWN_CLAIMANT, noun="claimant", file=CLAIMANTS_FILE)


def team_ref(ids: Sequence[str] | None) -> IdRef:
    return IdRef(ids=ids, code=Code.UNKNOWN_TEAM_MEMBER, noun="team member", file=TEAM_FILE)


def _entries(spots: object, **lists: tuple[T, ...]) -> tuple[T, ...]:
    """A register file is one list under one key: its entries."""
    (entries,) = lists.values()
    return tuple(entries)


def _id() -> Field:
    return Field(
        kind=Pattern(
            regex=SLUG, code=Code.BAD_SLUG, rule="a lowercase slug such as 'valery-gerasimov'"
        ),
        required=True,
        description="the id other files use, a lowercase slug",
    )


def claimants_record() -> Record[tuple[Claimant, ...]]:
    claimant = Record(
        build=Claimant,
        fields={
            "id": _id(),
            "name": Field(kind=Text(single_line=True), required=True, description="full name"),
            "type": Field(
                kind=Choice(choices=CLAIMANT_TYPES, code=Code.BAD_VALUE, noun="claimant type"),
                required=True,
                description="person, organization, outlet or anonymous",
            ),
            "description": Field(
                kind=Text(single_line=True),
                required=True,
                description="job title, or what the body is",
            ),
            "party": Field(
                kind=Pattern(
                    regex=SLUG, code=Code.BAD_SLUG, rule="a lowercase slug such as 'russia'"
                ),
                description="a side with a stake in the claims (its statements are not evidence)",
            ),
            "same_as": Field(
                kind=ListOf(item=Url(), unique=True),
                description="http(s) URLs that identify the claimant (e.g. Wikipedia)",
            ),
        },
    )
    return Record(
        build=_entries,
        title="Claimants",
        description="claimants.yaml: who makes the claims we check",
        fields={
            "claimants": Field(kind=ListOf(item=claimant), required=True, description="claimants")
        },
    )


def team_record() -> Record[tuple[TeamMember, ...]]:
    member = Record(
        build=TeamMember,
        fields={
            "id": _id(),
            "name": Field(kind=Text(single_line=True), required=True, description="full name"),
            "type": Field(
                kind=Choice(choices=TEAM_TYPES, code=Code.BAD_VALUE, noun="team member type"),
                required=True,
                description="person or organization (never invent people: name the desk)",
            ),
            "description": Field(
                kind=Text(single_line=True), required=True, description="role or what it is"
            ),
        },
    )
    return Record(
        build=_entries,
        title="Team",
        description="team.yaml: who writes and reviews the fact-checks",
        fields={"team": Field(kind=ListOf(item=member), required=True, description="the team")},
    )


def triage_record(
    source_ref: Any, claimant_ids: Sequence[str] | None
) -> Record[tuple[Statement, ...]]:
    statement = Record(
        build=Statement,
        fields={
            "source": Field(kind=source_ref, required=True, description="the seed id"),
            "quote": Field(
                kind=Text(), required=True, description="the statement, anchored like evidence"
            ),
            "prefix": Field(kind=Text(), description="text right before the quote"),
            "suffix": Field(kind=Text(), description="text right after the quote"),
            "claimant": Field(kind=claimant_ref(claimant_ids), description="who said it"),
            "reason": Field(
                kind=Markdown(),
                required=True,
                description="why it is not fact-checked (Markdown, one or two sentences)",
            ),
        },
    )
    return Record(
        build=_entries,
        title="Triage",
        description="triage.yaml: checkable statements we did not fact-check, and why",
        fields={
            "statements": Field(
                kind=ListOf(item=statement), required=True, description="the statements"
            )
        },
    )
