"""The editorial rules that span files: registers without clashes, an interested party's word
kept apart from evidence, what would settle an open verdict, provenance without loops."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence

from generator import markup, provenance
from generator.codes import Code
from generator.model import EVIDENCE_ROLES, Claim, Claimant, Project, Seed, TeamMember
from generator.problems import Problems

OPEN_VERDICTS = ("unproven", "mixed")  # these need to say what would settle the claim


def name_slug(name: str) -> str:
    """A name as its slug: 'Valéry  Gerasimov' and 'valery-gerasimov' read alike."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


def check_registers(project: Project, problems: Problems) -> None:
    _unique_ids(project.claimants, "claimant", problems)
    _unique_ids(project.team, "team member", problems)
    seen: dict[str, Claimant] = {}
    for claimant in project.claimants:
        key = name_slug(claimant.name)
        other = seen.setdefault(key, claimant)
        if other is not claimant and other.id != claimant.id:
            problems.add(
                claimant.spots["name"],
                Code.CLAIMANT_NAME_CLASH,
                f"claimant '{claimant.id}' is named '{claimant.name}', which reads like "
                f"'{other.name}' (claimant '{other.id}', line {other.spots['name'].line})",
                "if both are the same claimant keep one entry and use its id everywhere; "
                "otherwise make the names tell them apart",
            )


def _unique_ids(
    entries: Sequence[Claimant] | Sequence[TeamMember], noun: str, problems: Problems
) -> None:
    seen: dict[str, int] = {}
    for entry in entries:
        if entry.id in seen:
            problems.add(
                entry.spots["id"],
                Code.DUPLICATE_ITEM,
                f"{noun} id '{entry.id}' is used twice (also at line {seen[entry.id]})",
            )
        seen.setdefault(entry.id, entry.spots["id"].line)


def check_claim(claim: Claim, project: Project, problems: Problems) -> None:
    if claim.would_settle_it:
        markup.check(
            claim.would_settle_it, claim.spots["would_settle_it"], "would_settle_it", problems
        )
    elif claim.verdict in OPEN_VERDICTS:
        problems.add(
            claim.spots["verdict"],
            Code.MISSING_FIELD,
            f"a claim rated '{claim.verdict}' needs 'would_settle_it'",
            "add 'would_settle_it:' saying what evidence would settle the claim (Markdown)",
        )
    claimants = project.claimant_by_id
    for item in claim.evidence:
        if item.role not in EVIDENCE_ROLES or item.said_by is None:
            continue
        said_by = claimants.get(item.said_by)
        if item.said_by == claim.claimant:
            why = "the claimant"
        elif item.said_by == claim.via:
            why = "who relayed the claim"
        elif said_by is not None and said_by.party:
            why = f"an interested party (party: {said_by.party})"
        else:
            continue
        problems.add(
            item.spots["role"],
            Code.PARTY_AS_EVIDENCE,
            f"role '{item.role}' on a statement by '{item.said_by}', {why}: a party's own "
            "word is not independent evidence",
            "use role 'disputes' for its denial or counter-claim, or 'appearance' where the "
            "passage carries the claim",
        )


def check_provenance(seeds: Mapping[str, Seed], problems: Problems) -> None:
    for seed_id, seed in seeds.items():
        meta = seed.meta
        if meta.copy_of and meta.report:
            problems.add(
                meta.spots["report"],
                Code.PROVENANCE_CONFLICT,
                "give either 'copy_of' or 'report', not both",
                f"a copy's report is that of the seed it copies: keep 'copy_of: {meta.copy_of}' "
                f"and give 'report: {meta.report}' to seed {meta.copy_of}, or keep only 'report'",
            )
        if meta.derivation and not (meta.copy_of or meta.report):
            problems.add(
                meta.spots["derivation"],
                Code.MISSING_FIELD,
                "'derivation' says why this text derives from another, but the seed gives "
                "neither 'copy_of' nor 'report'",
                "add 'copy_of: <seed id>' or 'report: <report id>', or remove 'derivation'",
            )
        loop = provenance.cycle(seed_id, seeds)
        if loop:
            problems.add(
                meta.spots["copy_of"],
                Code.COPY_CYCLE,
                "copy_of goes round in a loop: " + " → ".join([*loop, seed_id]),
                "the original report is not a copy: remove 'copy_of' from the seed that is the "
                "original, or name the shared report with 'report:' instead",
            )
