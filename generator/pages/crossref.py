"""Cross-references computed once: who cites what, in which role, and how to link there."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property

from generator import urls
from generator.checked import Anchor, Checked, CheckedClaim, CheckedSeed, CheckedStatement
from generator.model import Claim, Claimant, Scale, TeamMember


@dataclass(frozen=True, kw_only=True)
class Citation:
    """One evidence item as seen from its source: the claim and the item's number (1-based)."""

    item: CheckedClaim
    number: int
    anchor: Anchor

    @property
    def claim(self) -> Claim:
        return self.item.claim

    @property
    def target(self) -> str:
        """The id of the span's start on the source page (and of the item on the claim page)."""
        return urls.evidence_id(self.claim.id, self.number)


@dataclass(frozen=True, kw_only=True)
class Index:
    scale: Scale
    claims: tuple[CheckedClaim, ...]  # by id
    seeds: tuple[CheckedSeed, ...]  # by id
    seed_by_id: dict[str, CheckedSeed]
    citations: dict[str, tuple[Citation, ...]]  # by seed id, in claim and item order
    claim_by_id: dict[str, CheckedClaim]
    claimant_by_id: dict[str, Claimant]
    team_by_id: dict[str, TeamMember]
    reports: dict[str, str]  # each seed's report id
    triage: tuple[CheckedStatement, ...] = ()  # statements we did not check, in file order

    @classmethod
    def of(cls, checked: Checked) -> Index:
        citations: dict[str, list[Citation]] = defaultdict(list)
        for item in checked.claims:
            for number, anchor in enumerate(item.anchors, 1):
                citations[anchor.evidence.source].append(
                    Citation(item=item, number=number, anchor=anchor)
                )
        return cls(
            scale=checked.project.scale,
            claims=checked.claims,
            seeds=tuple(checked.seeds[k] for k in sorted(checked.seeds)),
            seed_by_id=checked.seeds,
            citations={k: tuple(v) for k, v in citations.items()},
            claim_by_id={c.claim.id: c for c in checked.claims},
            claimant_by_id=checked.project.claimant_by_id,
            team_by_id=checked.project.team_by_id,
            reports=checked.reports,
            triage=checked.triage,
        )

    @cached_property
    def not_checked(self) -> dict[str, list[tuple[int, CheckedStatement]]]:
        """By seed id: each statement we did not check there, with its number (1-based)."""
        by_seed: dict[str, list[tuple[int, CheckedStatement]]] = defaultdict(list)
        for number, item in enumerate(self.triage, 1):
            by_seed[item.statement.source].append((number, item))
        return by_seed

    @cached_property
    def made_by(self) -> dict[str, list[CheckedClaim]]:
        """By claimant id: the checks of the claims it made, newest first."""
        by: dict[str, list[CheckedClaim]] = defaultdict(list)
        for item in self.latest:
            by[item.claim.claimant].append(item)
        return by

    @cached_property
    def relayed_by(self) -> dict[str, list[CheckedClaim]]:
        """By claimant id: the checks of claims it relayed for someone else (``via``)."""
        by: dict[str, list[CheckedClaim]] = defaultdict(list)
        for item in self.latest:
            if item.claim.via:
                by[item.claim.via].append(item)
        return by

    def claimant_name(self, claimant_id: str) -> str:
        claimant = self.claimant_by_id.get(claimant_id)
        return claimant.name if claimant else claimant_id

    @cached_property
    def latest(self) -> list[CheckedClaim]:
        """Newest first: by publication date (unpublished last), then by id. Sorted once."""
        return sorted(
            self.claims,
            key=lambda c: (-(c.claim.published or c.claim.claim_date).toordinal(), c.claim.id),
        )
