"""What each contributor file may contain: the single definition behind both the loader and
the published JSON Schemas (``claims/schema.json``, ``seeds/schema.json``, and beside each
register at the root: ``verdicts.schema.json``, ``claimants.schema.json``,
``team.schema.json``, ``triage.schema.json``)."""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from generator.codes import Code
from generator.fields import (
    INVALID,
    JSON,
    Boolean,
    Choice,
    Date,
    Field,
    Integer,
    Invalid,
    ListOf,
    Markdown,
    Nullable,
    Pattern,
    Record,
    Text,
    Url,
    did_you_mean,
)
from generator.model import (
    ROLES,
    Body,
    Claim,
    Correction,
    Evidence,
    Project,
    Scale,
    SeedMeta,
    Verdict,
)
from generator.problems import Problems
from generator.registers import (
    CLAIMANTS_FILE,
    TEAM_FILE,
    TRIAGE_FILE,
    claimant_ref,
    claimants_record,
    team_record,
    team_ref,
    triage_record,
)
from generator.registers import SLUG as SLUG
from generator.yamltree import Scalar

SCALE_FILE = "verdicts.yaml"
SOURCE_ID = r"[A-Za-z0-9][A-Za-z0-9_.-]*"
_SOURCE_ID = re.compile(SOURCE_ID)
SCHEMA_URI = "https://json-schema.org/draft/2020-12/schema"

MAX_SLUG = 80


@dataclass(frozen=True, kw_only=True)
class SourceRef(Text):
    """A seed id. Anything path-like is refused before it is looked up, so a claim can never
    point outside seeds/ ('../x', '/etc/passwd', 'sub/dir')."""

    source_ids: Sequence[str]
    single_line: bool = True

    @functools.cached_property
    def _ids(self) -> frozenset[str]:
        return frozenset(self.source_ids)

    @functools.cached_property
    def _accepted(self) -> frozenset[str]:
        """The ids that pass every test of ``check`` (tested once, not once per claim)."""
        ids = self._ids
        return frozenset(
            i
            for i in ids
            if _SOURCE_ID.fullmatch(i)
            and ".." not in i
            and not (i.endswith(".txt") and i[:-4] in ids)
        )

    def check(self, text: str, node: Scalar, problems: Problems) -> str | Invalid:
        if text in self._accepted:
            return text
        if not _SOURCE_ID.fullmatch(text) or ".." in text:
            problems.add(
                node.spot,
                Code.SOURCE_OUTSIDE_SEEDS,
                f"source '{text}' is not a seed id; sources are files directly in seeds/",
                "write the seed's file name without folder or .txt, e.g. "
                f"'{self.source_ids[0] if self.source_ids else '001_bf3cbcc567dc0b0e'}'",
            )
            return INVALID
        if text.endswith(".txt") and text[:-4] in self._ids:
            problems.add(
                node.spot,
                Code.UNKNOWN_SOURCE,
                f"unknown source '{text}'",
                f"leave out '.txt': source: {text[:-4]}",
            )
            return INVALID
        if text in self._ids:
            return text
        hints = [
            *did_you_mean(text, self.source_ids, cutoff=0.5),
            f"known sources: {', '.join(self.source_ids) or '(none: seeds/ is empty)'}",
        ]
        problems.add(node.spot, Code.UNKNOWN_SOURCE, f"unknown source '{text}'", *hints)
        return INVALID

    def json_schema(self) -> JSON:
        return {"type": "string", "enum": list(self.source_ids)}


def evidence_record(
    source_ids: Sequence[str], claimant_ids: Sequence[str] | None = None
) -> Record[Evidence]:
    return Record(
        build=Evidence,
        description="A quotation from an archived article (W3C TextQuoteSelector).",
        fields={
            "source": Field(
                kind=SourceRef(source_ids=source_ids),
                required=True,
                description="the seed's file name without .txt, e.g. 001_bf3cbcc567dc0b0e",
            ),
            "quote": Field(
                kind=Text(),
                required=True,
                description="the passage as it stands in the source; [...] marks an elision",
            ),
            "role": Field(
                kind=Choice(choices=ROLES, code=Code.UNKNOWN_ROLE, noun="role"),
                required=True,
                description="appearance (carries the claim); supports or refutes (independent "
                "evidence); disputes (a party's own statement); context",
            ),
            "prefix": Field(
                kind=Text(), description="text right before the quote, if it occurs twice"
            ),
            "suffix": Field(
                kind=Text(), description="text right after the quote, if it occurs twice"
            ),
            "note": Field(kind=Markdown(), description="a remark shown with the quotation"),
            "said_by": Field(
                kind=claimant_ref(claimant_ids),
                description="a claimant id: whose statement the passage reports",
            ),
        },
    )


def _claim(*, id: str | None, path: str, **values: Any) -> Claim:
    """A claim; without an ``id:`` line, its id is its file name."""
    return Claim(id=id or PurePosixPath(path).stem, path=path, **values)


def claim_record(
    verdict_ids: Sequence[str] | None,
    source_ids: Sequence[str],
    claimant_ids: Sequence[str] | None = None,
    team_ids: Sequence[str] | None = None,
) -> Record[Claim]:
    """An argument None: that file (the scale, a register) is broken, so the ids it would
    define are not checked here."""
    slug = Pattern(regex=SLUG, code=Code.BAD_SLUG, rule="a lowercase slug such as 'north-korea'")
    return Record(
        build=_claim,
        title="Fact-check claim",
        description="One claim per file: claims/<claim-id>.yaml",
        fields={
            "id": Field(
                kind=Pattern(regex=SLUG, code=Code.BAD_CLAIM_ID, rule="a lowercase slug"),
                description="optional; when given it must equal the file name without .yaml",
            ),
            "claim": Field(
                kind=Text(single_line=True),
                required=True,
                description="the claim as made, short, without verdict words",
            ),
            "headline": Field(
                kind=Text(single_line=True),
                description="optional: states the finding; the page title instead of the claim",
            ),
            "claimant": Field(
                kind=claimant_ref(claimant_ids),
                required=True,
                description="who made the claim: an id from claimants.yaml",
            ),
            "via": Field(
                kind=claimant_ref(claimant_ids),
                description="who relayed the claim (a spokesperson…): an id from claimants.yaml",
            ),
            "claim_date": Field(
                kind=Date(), required=True, description="when the claim was made, YYYY-MM-DD"
            ),
            "verdict": Field(
                kind=Text(single_line=True)
                if verdict_ids is None
                else Choice(choices=verdict_ids, code=Code.UNKNOWN_VERDICT, noun="verdict"),
                required=True,
                description="a verdict id from verdicts.yaml",
            ),
            "rating_explained": Field(
                kind=Text(),
                required=True,
                description="one or two sentences: why this claim got its verdict",
            ),
            "summary": Field(
                kind=Markdown(),
                required=True,
                description="the conclusion in one paragraph (Markdown, no raw HTML)",
            ),
            "analysis": Field(
                kind=Markdown(), description="the longer reasoning (Markdown, no raw HTML)"
            ),
            "would_settle_it": Field(
                kind=Markdown(),
                description="what evidence would settle the claim; required when the verdict "
                "is unproven or mixed (Markdown)",
            ),
            "evidence": Field(
                kind=ListOf(item=evidence_record(source_ids, claimant_ids), min_items=1),
                required=True,
                description="quotations from the seeds, at least one",
            ),
            "tags": Field(
                kind=ListOf(item=slug, unique=True), description="topic slugs, e.g. [kursk]"
            ),
            "published": Field(kind=Date(), description="when this fact-check was first published"),
            "updated": Field(kind=Date(), description="when it was last substantively updated"),
            "corrections": Field(
                kind=ListOf(
                    item=Record(
                        build=Correction,
                        fields={
                            "date": Field(kind=Date(), required=True, description="YYYY-MM-DD"),
                            "note": Field(
                                kind=Markdown(),
                                required=True,
                                description="what was wrong and what changed",
                            ),
                        },
                    )
                ),
                description="the corrections log of this fact-check, oldest first",
            ),
            "related": Field(
                kind=ListOf(item=slug, unique=True), description="ids of related claims"
            ),
            "author": Field(
                kind=team_ref(team_ids),
                required=True,
                description="who wrote the fact-check: an id from team.yaml",
            ),
            "reviewed_by": Field(
                kind=team_ref(team_ids),
                required=True,
                description="who reviewed it before publication: an id from team.yaml",
            ),
        },
    )


def seed_record(source_ids: Sequence[str] = ()) -> Record[SeedMeta]:
    marker = Text()
    return Record(
        build=SeedMeta,
        title="Archived article metadata",
        description="seeds/<source-id>.yaml, beside the archived text seeds/<source-id>.txt",
        fields={
            "outlet": Field(
                kind=Text(single_line=True), required=True, description="the publication"
            ),
            "title": Field(
                kind=Nullable(inner=Text(single_line=True)),
                required=True,
                description="the headline, or null if unknown",
            ),
            "url": Field(
                kind=Nullable(inner=Url()),
                required=True,
                description="the original article's address, or null",
            ),
            "published": Field(
                kind=Nullable(inner=Date()),
                required=True,
                description="publication date YYYY-MM-DD, or null if unknown",
            ),
            "author": Field(
                kind=Nullable(inner=Text(single_line=True)),
                required=True,
                description="byline or agency, or null",
            ),
            "language": Field(
                kind=Pattern(
                    regex=r"[a-z]{2,3}(?:-[A-Za-z0-9]+)*",
                    code=Code.WRONG_TYPE,
                    rule="a language tag such as 'en'",
                ),
                required=True,
                description="BCP 47 language tag",
            ),
            "sha256": Field(
                kind=Pattern(
                    regex=r"[0-9a-f]{64}",
                    code=Code.WRONG_TYPE,
                    rule="a lowercase SHA-256 hex digest",
                ),
                required=True,
                description="SHA-256 of the .txt file as archived; a changed seed is reported",
            ),
            "body": Field(
                kind=Record(
                    build=Body,
                    fields={
                        "start": Field(
                            kind=marker,
                            required=True,
                            description="the first words of the article proper",
                        ),
                        "end": Field(
                            kind=marker,
                            required=True,
                            description="the last words of the article proper",
                        ),
                    },
                ),
                description="where the article starts and ends; the rest is page furniture",
            ),
            "hard_wrapped": Field(
                kind=Boolean(),
                description="true if the copy breaks lines inside sentences; pages reflow it",
            ),
            "notes": Field(
                kind=Markdown(),
                description="what is known about the copy (provenance and the evidence for it, "
                "gaps)",
            ),
            "copy_of": Field(
                kind=SourceRef(source_ids=source_ids),
                description="a seed id: this text is a copy (republication, rewrite) of that "
                "seed's report; say why in notes",
            ),
            "report": Field(
                kind=Pattern(regex=SLUG, code=Code.BAD_SLUG, rule="a lowercase slug"),
                description="the id of a shared report this text derives from, when none of the "
                "seeds is the original; say why in notes",
            ),
            "derivation": Field(
                kind=Text(),
                description="with copy_of or report: one sentence giving the evidence in the text "
                "(same sentences in the same order, a shared credit…); claim pages show it as "
                "our inference",
            ),
        },
    )


def scale_record() -> Record[Scale]:
    verdict = Record(
        build=Verdict,
        fields={
            "id": Field(
                kind=Pattern(regex=SLUG, code=Code.BAD_SLUG, rule="a lowercase slug"),
                required=True,
                description="the id claim files use",
            ),
            "label": Field(
                kind=Text(single_line=True), required=True, description="what readers see"
            ),
            "ordinal": Field(
                kind=Nullable(inner=Integer(minimum=1)),
                required=True,
                description="position on the scale (1 = worst), null if not on it",
            ),
            "colour": Field(
                kind=Pattern(
                    regex=r"#[0-9a-fA-F]{6}", code=Code.WRONG_TYPE, rule="a #rrggbb colour"
                ),
                required=True,
                description="badge colour",
            ),
            "icon": Field(
                kind=Pattern(
                    regex=r"material/[a-z0-9-]+", code=Code.WRONG_TYPE, rule="a Material icon name"
                ),
                required=True,
                description="Material icon, e.g. material/check-circle",
            ),
            "meaning": Field(
                kind=Text(single_line=True), required=True, description="one-line meaning"
            ),
        },
    )
    return Record(
        build=Scale,
        title="Verdict scale",
        description="verdicts.yaml: the ratings a fact-check can end in",
        fields={
            "verdicts": Field(
                kind=ListOf(item=verdict, min_items=1), required=True, description="the scale"
            )
        },
    )


def json_schema(record: Record[Any], *, schema_id: str) -> JSON:
    return {"$schema": SCHEMA_URI, "$id": schema_id, **record.json_schema()}


def project_claim_record(project: Project) -> Record[Claim]:
    """What a claim file of this project may contain (its verdicts, seeds, claimants, team)."""
    return claim_record(
        project.scale.ids,
        tuple(project.seeds),
        tuple(c.id for c in project.claimants) or None,
        tuple(t.id for t in project.team) or None,
    )


def schema_path(data_file: str) -> str:
    """Where the JSON Schema of a root file lives: beside it (``team.yaml`` ->
    ``team.schema.json``), named so its first line can point at it."""
    return data_file.removesuffix(".yaml") + ".schema.json"


def schema_files(project: Project) -> dict[str, str]:
    """The committed JSON Schemas, as they must read for the current scale, seeds and
    claimants."""
    source_ids = tuple(project.seeds)
    claimant_ids = tuple(c.id for c in project.claimants) or None
    records: dict[str, Record[Any]] = {
        "claims/schema.json": project_claim_record(project),
        "seeds/schema.json": seed_record(source_ids),
        schema_path(SCALE_FILE): scale_record(),
        schema_path(CLAIMANTS_FILE): claimants_record(),
        schema_path(TEAM_FILE): team_record(),
        schema_path(TRIAGE_FILE): triage_record(SourceRef(source_ids=source_ids), claimant_ids),
    }
    return {
        path: json.dumps(json_schema(record, schema_id=path), indent=2, ensure_ascii=False) + "\n"
        for path, record in records.items()
    }
