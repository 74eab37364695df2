"""Checks across files, and the anchoring of every quotation: the pure core of ``check``.

The result, ``Checked`` (in ``checked``, data only), is what the site is rendered from."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import PurePosixPath

from generator import editorial, explaining, icons, markup, memo, naming, provenance
from generator.anchoring import (
    MAX_OCCURRENCES,
    MAX_PARTS,
    MIN_WORDS,
    Ambiguous,
    Found,
    Mismatch,
    NotFound,
    OutOfOrder,
    Selector,
    Source,
    Span,
    TooFrequent,
    TooManyParts,
    resolve,
)
from generator.checked import Anchor, Checked, CheckedClaim, CheckedSeed, CheckedStatement
from generator.codes import Code
from generator.model import Claim, Project, Seed, Statement
from generator.problems import Problems, Spot
from generator.registers import SLUG
from generator.schemas import MAX_SLUG


def _nothing() -> None:
    pass


def check(
    project: Project, kept: memo.Memo | None = None, step: Callable[[], None] = _nothing
) -> tuple[Checked, Problems]:
    """``kept``: what the live preview's previous rebuilds checked (see ``memo``): a seed
    whose text and metadata are the same objects is not folded again, a claim whose inputs
    are the same is not anchored again. Checks across files run every time. ``step()`` is
    called after each seed and each claim (for a progress count)."""
    problems = Problems()
    _check_scale(project, problems)
    naming.check(project, problems)
    editorial.check_registers(project, problems)
    editorial.check_provenance(project.seeds, problems)
    seeds = {
        seed_id: checked
        for seed_id, seed in project.seeds.items()
        if (checked := _check_seed_once(seed, problems, kept, step)) is not None
    }
    # Seeds whose metadata has problems are not published, but their quotations are anchored.
    salvaged = {
        seed_id: checked
        for seed_id, seed in project.incomplete_seeds.items()
        if (checked := _check_seed_once(seed, problems, kept, step)) is not None
    }
    published = seeds
    seeds = {**seeds, **salvaged}
    sources = [s.source for s in seeds.values()]
    ids = project.claim_ids | {claim.id for claim in (*project.claims, *project.incomplete)}
    claims = []
    for claim in project.claims:
        claims.append(_check_claim_once(claim, project, seeds, sources, ids, problems, kept))
        step()
    for claim in project.incomplete:  # reported, never published
        _check_parts(claim, seeds, sources, ids, problems)
        step()
    triage = tuple(
        CheckedStatement(statement=statement, spans=spans)
        for statement in project.triage
        if (spans := _anchor_statement(statement, seeds, sources, problems))
    )
    result = Checked(
        project=project,
        seeds=published,
        claims=tuple(claims),
        triage=triage,
        reports=provenance.reports(project.seeds),
    )
    return result, problems


def _anchor_statement(
    statement: Statement,
    seeds: dict[str, CheckedSeed],
    sources: list[Source],
    problems: Problems,
) -> tuple[Span, ...] | None:
    markup.check(statement.reason, statement.spots["reason"], "a reason", problems)
    checked = seeds.get(statement.source)
    if checked is None:
        return None  # reported by the loader, or a changed seed
    return _anchor(
        statement.quote,
        statement.spots["quote"],
        statement.prefix,
        statement.suffix,
        checked.source,
        sources,
        problems,
    )


def _check_scale(project: Project, problems: Problems) -> None:
    seen: dict[object, str] = {}
    for verdict in project.scale.verdicts:
        if icons.svg(verdict.icon) is None:
            problems.add(
                verdict.spots["icon"],
                Code.UNKNOWN_ICON,
                f"no Material icon named '{verdict.icon}'",
                "pick one at https://squidfunk.github.io/mkdocs-material/reference/icons-emojis/"
                " and write it as material/<name>",
            )
        for key, value in (("id", verdict.id), ("ordinal", verdict.ordinal)):
            if value is None:
                continue
            if (key, value) in seen:
                problems.add(
                    verdict.spots[key],
                    Code.DUPLICATE_ITEM,
                    f"{key} {value} is used twice (also by verdict '{seen[key, value]}')",
                )
            seen[key, value] = verdict.id


def _check_seed_once(
    seed: Seed, problems: Problems, kept: memo.Memo | None, step: Callable[[], None]
) -> CheckedSeed | None:
    step()
    return memo.checked(
        kept,
        "seed",
        seed.id,
        lambda: (seed.text, seed.sha256, seed.meta),
        lambda found: _check_seed(seed, found),
        problems,
    )


def _check_seed(seed: Seed, problems: Problems) -> CheckedSeed | None:
    meta = seed.meta
    if meta.sha256 and seed.sha256 != meta.sha256:  # (salvaged metadata may have none)
        problems.add(
            meta.spots["sha256"],
            Code.SEED_CHANGED,
            f"{seed.path} has changed since it was archived: it no longer has the SHA-256 "
            "its metadata records",
            "seeds are archived byte for byte and never edited; restore the file "
            f"(git checkout -- {seed.path})",
            "a newer copy of the article is a new seed with its own file name",
        )
        return None
    if meta.notes:
        markup.check(meta.notes, meta.spots["notes"], "notes", problems)
    source = Source.of(seed.id, seed.text)
    body = Span(start=0, end=len(seed.text))
    if meta.body and meta.body.start and meta.body.end:
        spots = meta.body.spots
        start = _anchor(meta.body.start, spots["start"], None, None, source, (), problems, "start")
        end = _anchor(meta.body.end, spots["end"], None, None, source, (), problems, "end")
        if start and end:
            if end[-1].end <= start[0].start:
                problems.add(
                    meta.body.spots["end"],
                    Code.BODY_ORDER,
                    "the body ends before it starts: the end marker stands before the start",
                    "body.start quotes the first words of the article, body.end its last words",
                )
            else:
                body = Span(start=start[0].start, end=end[-1].end)
    return CheckedSeed(seed=seed, source=source, body=body)


def _check_claim_once(
    claim: Claim,
    project: Project,
    seeds: dict[str, CheckedSeed],
    sources: list[Source],
    ids: frozenset[str],
    problems: Problems,
    kept: memo.Memo | None,
) -> CheckedClaim:
    """A claim checked, or as it was checked last time from the same inputs: the claim, the
    seeds it cites, whether each related claim exists, the claimants (editorial rules). A
    claim with problems is checked again each time (its hints read every source)."""

    def work(found: Problems) -> CheckedClaim:
        checked = _check_claim(claim, seeds, sources, ids, found)
        editorial.check_claim(claim, project, found)
        return checked

    return memo.checked(
        kept,
        "claim",
        claim.path,
        lambda: (
            claim,
            tuple(seeds.get(item.source) for item in claim.evidence or ()),
            tuple(related in ids for related in claim.related or ()),
            project.claimants,
        ),
        work,
        problems,
        keep_problems=False,
    )


def _check_claim(
    claim: Claim,
    seeds: dict[str, CheckedSeed],
    sources: list[Source],
    ids: frozenset[str],
    problems: Problems,
) -> CheckedClaim:
    for field in ("published", "updated"):
        when = getattr(claim, field)
        if when and when < claim.claim_date:
            problems.add(
                claim.spots[field],
                Code.BAD_DATE,
                f"{field} ({when}) is before the claim was made ({claim.claim_date})",
            )
    if claim.published and claim.updated and claim.updated < claim.published:
        problems.add(
            claim.spots["updated"],
            Code.BAD_DATE,
            f"updated ({claim.updated}) is before published ({claim.published})",
        )
    return _check_parts(claim, seeds, sources, ids, problems)


def _check_parts(
    claim: Claim,
    seeds: dict[str, CheckedSeed],
    sources: list[Source],
    ids: frozenset[str],
    problems: Problems,
) -> CheckedClaim:
    """The checks of a claim's parts, each on its own: they also run on what is salvaged of
    a claim with problems (where a field that did not load is None)."""
    _check_file_name(claim, problems)
    _check_markdown(claim, problems)
    _check_related(claim, ids, problems)
    return CheckedClaim(claim=claim, anchors=_anchor_evidence(claim, seeds, sources, problems))


def _check_file_name(claim: Claim, problems: Problems) -> None:
    stem = PurePosixPath(claim.path).stem
    if not re.fullmatch(SLUG, stem) or len(stem) > MAX_SLUG:
        suggestion = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")[:MAX_SLUG] or "my-claim"
        problems.add(
            Spot(path=claim.path),
            Code.BAD_CLAIM_ID,
            f"the file name '{stem}' is not a claim id: lowercase letters, digits and single "
            f"hyphens, at most {MAX_SLUG} characters",
            f"rename the file to claims/{suggestion}.yaml",
        )
    elif claim.id != stem:
        problems.add(
            claim.spots["id"],
            Code.BAD_CLAIM_ID,
            f"id '{claim.id}' does not match the file name '{stem}.yaml'",
            f"change it to 'id: {stem}', or remove the id line",
        )


def _check_markdown(claim: Claim, problems: Problems) -> None:
    for field in ("summary", "analysis"):
        if getattr(claim, field):
            markup.check(getattr(claim, field), claim.spots[field], field, problems)
    for correction in claim.corrections or ():
        if correction.note:
            markup.check(correction.note, correction.spots["note"], "a correction note", problems)
    for item in claim.evidence or ():
        if item.note:
            markup.check(item.note, item.spots["note"], "a note", problems)


def _check_related(claim: Claim, ids: frozenset[str], problems: Problems) -> None:
    for index, related in enumerate(claim.related or ()):
        if related is None:
            continue  # not a slug: reported by the loader
        if related == claim.id or related not in ids:
            problems.add(
                claim.spots[f"related[{index}]"],
                Code.UNKNOWN_CLAIM,
                f"related claim '{related}' "
                + ("is this claim itself" if related == claim.id else "does not exist"),
                "list the ids (file names without .yaml) of other claims in claims/",
            )


def _anchor_evidence(
    claim: Claim, seeds: dict[str, CheckedSeed], sources: list[Source], problems: Problems
) -> tuple[Anchor, ...]:
    """Each quotation placed in its source; one cited twice is reported."""
    anchors = []
    seen: dict[tuple[str, tuple[Span, ...]], Spot] = {}
    for item in claim.evidence or ():
        checked = seeds.get(item.source)
        if checked is None or item.quote is None:
            continue  # an unknown source was reported by the loader; a changed seed above
        spans = _anchor(
            item.quote,
            item.spots["quote"],
            item.prefix,
            item.suffix,
            checked.source,
            sources,
            problems,
        )
        if not spans:
            continue
        key = (item.source, spans)
        if key in seen:
            problems.add(
                item.spots[""],
                Code.DUPLICATE_EVIDENCE,
                f"this quotation is already cited at line {seen[key].line}",
                "remove one of the two items (give the other a note if both roles matter)",
            )
        seen[key] = item.spots[""]
        anchors.append(Anchor(evidence=item, spans=spans))
    return tuple(anchors)


def _anchor(
    quote: str,
    spot: Spot,
    prefix: str | None,
    suffix: str | None,
    source: Source,
    sources: Iterable[Source],
    problems: Problems,
    marker: str | None = None,
) -> tuple[Span, ...] | None:
    """Resolve one quotation (or a seed's body ``marker``, start or end); add its problem and
    return None if it does not anchor."""
    selector = Selector.of(quote, prefix=prefix, suffix=suffix)
    where = f"seeds/{source.id}.txt"
    if not selector.parts:
        problems.add(
            spot, Code.EMPTY_QUOTE, "the quote is empty", "paste the passage from " + where
        )
        return None
    if selector.words < MIN_WORDS and not (prefix or suffix):
        problems.add(
            spot,
            Code.QUOTE_TOO_SHORT,
            f"the quote has fewer than {MIN_WORDS} words and no prefix or suffix",
            "quote more of the sentence, or add 'prefix:' or 'suffix:' with the words around it "
            "so that the place is unmistakable",
        )
        return None
    result = resolve(selector, source)
    if isinstance(result, Found):
        return result.spans
    if isinstance(result, NotFound) and marker:
        hints = explaining.not_found(selector, result, source, sources)
        problems.add(
            spot,
            Code.QUOTE_NOT_FOUND,
            f"the body {marker} marker is not in {where}",
            f"copy the {'first' if marker == 'start' else 'last'} words of the article proper "
            f"from {where}, exactly as they stand there",
            *hints,
        )
    elif isinstance(result, NotFound):
        hints = explaining.not_found(selector, result, source, sources)
        problems.add(spot, Code.QUOTE_NOT_FOUND, f"quote not found in {where}", *hints)
    elif isinstance(result, Ambiguous):
        hints = explaining.ambiguous(result, source)
        problems.add(spot, Code.QUOTE_AMBIGUOUS, f"quote occurs more than once in {where}", *hints)
    elif isinstance(result, TooFrequent):
        problems.add(
            spot,
            Code.QUOTE_AMBIGUOUS,
            f"{explaining.show(explaining.cut(result.part))} occurs more than "
            f"{MAX_OCCURRENCES:,} times in {where}: it cannot tell where the quote stands",
            "quote more words on each side of [...], or add a prefix or suffix",
        )
    elif isinstance(result, TooManyParts):
        problems.add(
            spot,
            Code.TOO_MANY_ELISIONS,
            f"the quote has {result.parts} parts around [...]; at most {MAX_PARTS} are allowed",
            "cite the passages as separate evidence items",
        )
    elif isinstance(result, OutOfOrder):
        problems.add(
            spot,
            Code.ELISION_ORDER,
            f"the parts around [...] occur in {where}, but not in this order (or too far apart)",
            "put the parts in the order they stand in the source, or quote them separately",
        )
    elif isinstance(result, Mismatch):
        problems.add(
            spot,
            Code.ANCHOR_MISMATCH,
            f"internal error: the span found in {where} does not fold back to the quote",
            f"found {explaining.show(result.raw)}; please report this with the claim file",
        )
    return None
