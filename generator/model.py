"""The data model: what a claim, a piece of evidence, a seed and a verdict are."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from generator.problems import Spot

Role = Literal["appearance", "supports", "refutes", "context"]
ROLES: tuple[Role, ...] = ("appearance", "supports", "refutes", "context")


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
        return next(v for v in self.verdicts if v.id == verdict_id)

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
    claimant: str
    claimant_type: Literal["person", "organization"] | None
    claim_date: dt.date
    verdict: str
    summary: str
    analysis: str | None
    evidence: tuple[Evidence, ...]
    tags: tuple[str, ...] | None
    published: dt.date | None
    updated: dt.date | None
    corrections: tuple[Correction, ...] | None
    related: tuple[str, ...] | None
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
