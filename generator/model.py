"""The data model: what a claim, a piece of evidence, a seed and a verdict are."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

from generator.problems import Spot

Role = Literal["appearance", "supports", "refutes", "disputes", "context"]
ROLES: tuple[Role, ...] = ("appearance", "supports", "refutes", "disputes", "context")
EVIDENCE_ROLES: tuple[Role, ...] = ("supports", "refutes")  # independent of the parties only
CLAIMANT_TYPES = ("person", "organization", "outlet", "anonymous")
TEAM_TYPES = ("person", "organization")


@dataclass(frozen=True, kw_only=True)
class Verdict:
    """One step of the rating scale (``verdicts.yaml``)."""

    id: str
    label: str
    ordinal: int | None  # 1 = worst; None for non-ordinal verdicts (misleading, unproven)
    colour: str
    icon: str  # a Material icon name, e.g. "material/check-circle"
    meaning: str
    spots: dict[str, Spot] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True, kw_only=True)
class Scale:
    verdicts: tuple[Verdict, ...]
    spots: dict[str, Spot] = field(default_factory=dict, compare=False, repr=False)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(v.id for v in self.verdicts)

    def get(self, verdict_id: str) -> Verdict:
        return self._by_id[verdict_id]

    @cached_property
    def _by_id(self) -> dict[str, Verdict]:  # asked for every claim on many pages
        return {v.id: v for v in self.verdicts}

    @property
    def best(self) -> int | None:
        return max((v.ordinal for v in self.verdicts if v.ordinal), default=None)

    @property
    def worst(self) -> int | None:
        return min((v.ordinal for v in self.verdicts if v.ordinal), default=None)


@dataclass(frozen=True, kw_only=True)
class Evidence:
    """A quotation from a seed, as the contributor wrote it (a W3C TextQuoteSelector)."""

    source: str
    quote: str
    role: Role
    prefix: str | None = None
    suffix: str | None = None
    note: str | None = None
    said_by: str | None = None  # a claimant id: whose statement the passage reports
    spots: dict[str, Spot] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True, kw_only=True)
class Claimant:
    """Who makes claims (``claimants.yaml``); claim files name claimants by id."""

    id: str
    name: str
    type: Literal["person", "organization", "outlet", "anonymous"]
    description: str  # a job title, or what the body is
    party: str | None = None  # a side with a stake in the claims (russia, ukraine…)
    same_as: tuple[str, ...] | None = None
    spots: dict[str, Spot] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True, kw_only=True)
class TeamMember:
    """Who writes and reviews the fact-checks (``team.yaml``)."""

    id: str
    name: str
    type: Literal["person", "organization"]
    description: str
    spots: dict[str, Spot] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True, kw_only=True)
class Statement:
    """A checkable statement we did not fact-check (``triage.yaml``), and why."""

    source: str
    quote: str
    reason: str
    prefix: str | None = None
    suffix: str | None = None
    claimant: str | None = None
    spots: dict[str, Spot] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True, kw_only=True)
class Correction:
    date: dt.date
    note: str
    spots: dict[str, Spot] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True, kw_only=True)
class Claim:
    """One fact-check: ``claims/<id>.yaml``."""

    id: str  # the file name without .yaml (an ``id:`` in the file must equal it)
    path: str
    claim: str
    headline: str | None  # states the finding; the page title instead of the claim
    claimant: str  # a claimant id
    via: str | None  # a claimant id: who relayed the claim
    claim_date: dt.date
    verdict: str
    rating_explained: str  # why this claim got its verdict, beside the badge
    summary: str
    analysis: str | None
    would_settle_it: str | None  # required for unproven and mixed verdicts
    evidence: tuple[Evidence, ...]
    tags: tuple[str, ...] | None
    published: dt.date | None
    updated: dt.date | None
    corrections: tuple[Correction, ...] | None
    related: tuple[str, ...] | None
    author: str  # a team id
    reviewed_by: str  # a team id
    spots: dict[str, Spot] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True, kw_only=True)
class Body:
    """Where the article proper starts and ends, as two quotations of the seed's text."""

    start: str
    end: str
    spots: dict[str, Spot] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True, kw_only=True)
class SeedMeta:
    """``seeds/<id>.yaml``: what is known about an archived article."""

    outlet: str
    title: str | None
    url: str | None
    published: dt.date | None
    author: str | None
    language: str
    sha256: str
    body: Body | None
    hard_wrapped: bool | None
    notes: str | None
    copy_of: str | None = None  # a seed id: this text is a copy of that seed's report
    report: str | None = None  # a shared report's id, when no seed of ours is the original
    derivation: str | None = None  # the evidence in the text for copy_of or report, one sentence
    spots: dict[str, Spot] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True, kw_only=True)
class Seed:
    """An archived article: its exact text (``seeds/<id>.txt``) and its metadata."""

    id: str
    text: str
    sha256: str  # of the file's bytes as they are now
    meta: SeedMeta

    @property
    def path(self) -> str:
        return f"seeds/{self.id}.txt"


@dataclass(frozen=True, kw_only=True)
class Project:
    scale: Scale
    seeds: dict[str, Seed]  # by id, sorted
    claims: tuple[Claim, ...]  # sorted by id
    # Claim files with problems: the fields that stand on their own (others None), checked
    # for what they hold but never published.
    incomplete: tuple[Claim, ...] = ()
    claim_ids: frozenset[str] = frozenset()  # the name of every claim file, broken or not
    incomplete_seeds: dict[str, Seed] = field(default_factory=dict)  # metadata with problems
    claimants: tuple[Claimant, ...] = ()  # in file order
    team: tuple[TeamMember, ...] = ()  # in file order
    triage: tuple[Statement, ...] = ()  # in file order

    @cached_property
    def claimant_by_id(self) -> dict[str, Claimant]:
        return {c.id: c for c in reversed(self.claimants)}  # the first of duplicates wins

    @cached_property
    def team_by_id(self) -> dict[str, TeamMember]:
        return {t.id: t for t in reversed(self.team)}
