"""What ``check`` produces, as data only: each claim with the raw spans of its evidence, each
seed folded once with its article body located. Pages, publishing and the CLI read these
types; they never need the checking logic that makes them."""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.anchoring import Source, Span
from generator.model import Claim, Evidence, Project, Seed, Statement


@dataclass(frozen=True, kw_only=True)
class Anchor:
    """An evidence item placed in its source: one raw span per part of the quote."""

    evidence: Evidence
    spans: tuple[Span, ...]


@dataclass(frozen=True, kw_only=True)
class CheckedClaim:
    claim: Claim
    anchors: tuple[Anchor, ...]


@dataclass(frozen=True, kw_only=True)
class CheckedStatement:
    """A statement we did not check (``triage.yaml``), placed in its source."""

    statement: Statement
    spans: tuple[Span, ...]


@dataclass(frozen=True, kw_only=True)
class CheckedSeed:
    seed: Seed
    source: Source
    body: Span  # the article proper; the rest of the text is page furniture


@dataclass(frozen=True, kw_only=True)
class Checked:
    project: Project
    seeds: dict[str, CheckedSeed]
    claims: tuple[CheckedClaim, ...]
    triage: tuple[CheckedStatement, ...] = ()
    reports: dict[str, str] = field(default_factory=dict)  # each seed's report id (provenance)

    @property
    def quotations(self) -> int:
        return sum(len(c.anchors) for c in self.claims)
