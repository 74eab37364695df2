"""The publication's own editorial rules, checked on the repository's claims."""

from __future__ import annotations

import html
import re
from collections import Counter

import pytest

from generator.project import load_and_check
from tests.conftest import ROOT

# Three archived texts derive from one wire report; AFP and TRT World report separately.
WIRE_COPIES = {"000_4749cbd4f881e3a5", "001_bf3cbcc567dc0b0e", "002_0ff8d9755428d8f6"}
INDEPENDENT = {"003_1ad628a512f7e72e", "004_bcb66c531cc9ea97"}
EVIDENCE = ("supports", "refutes")


@pytest.fixture(scope="module")
def checked():
    checked, problems = load_and_check(ROOT)
    assert not problems
    return checked


def test_at_least_twenty_two_claims(checked) -> None:
    assert len(checked.claims) >= 22


def test_every_seed_is_cited_by_at_least_two_claims(checked) -> None:
    citing = Counter(
        source for item in checked.claims for source in {a.evidence.source for a in item.anchors}
    )
    assert {seed: citing[seed] for seed in checked.seeds if citing[seed] < 2} == {}


def test_every_claim_shows_where_it_appeared(checked) -> None:
    for item in checked.claims:
        assert any(a.evidence.role == "appearance" for a in item.anchors), item.claim.id


def test_copies_of_the_wire_report_are_one_report(checked) -> None:
    """The copies count once: the seeds' provenance says so, with the evidence in notes."""
    assert len({checked.reports[seed] for seed in WIRE_COPIES}) == 1
    reports = {checked.reports[seed] for seed in INDEPENDENT}
    assert len(reports) == 2 and not reports & {checked.reports[s] for s in WIRE_COPIES}
    for seed in WIRE_COPIES:
        assert "inference" in (checked.seeds[seed].seed.meta.notes or ""), seed


def test_no_party_statement_is_filed_as_evidence(checked) -> None:
    claimants = checked.project.claimant_by_id
    for item in checked.claims:
        interested = {item.claim.claimant, item.claim.via}
        for anchor in item.anchors:
            said_by = anchor.evidence.said_by
            if anchor.evidence.role in EVIDENCE and said_by:
                assert said_by not in interested, item.claim.id
                assert claimants[said_by].party is None, item.claim.id


def test_claims_rated_on_the_scale_rest_on_independent_evidence(checked) -> None:
    """True and Mostly true need supporting evidence, False and Mostly false refuting
    evidence, Mixed both, from sources other than the parties: a claim one side makes and the
    other denies stays off the scale (Unproven)."""
    needed = {
        "true": {"supports"},
        "mostly-true": {"supports"},
        "mixed": {"supports", "refutes"},
        "mostly-false": {"refutes"},
        "false": {"refutes"},
    }
    for item in checked.claims:
        roles = {a.evidence.role for a in item.anchors}
        assert needed.get(item.claim.verdict, set()) <= roles, item.claim.id


def test_true_rests_on_two_independent_reports_or_opposing_parties(checked) -> None:
    """'True' here means the archive establishes the claim: reports independent of each other
    and of the parties agree (copies of one report counting once; the report that makes the
    claim counts when its maker is no party), or parties with opposing interests agree."""
    claimants = checked.project.claimant_by_id
    for item in checked.claims:
        claim = item.claim
        if claim.verdict != "true":
            continue
        party = claimants[claim.claimant].party
        agreeing = [a.evidence for a in item.anchors if a.evidence.role == "supports"]
        if party is None:
            agreeing += [a.evidence for a in item.anchors if a.evidence.role == "appearance"]
        reports = {checked.reports[e.source] for e in agreeing}
        opposing = {
            claimants[e.said_by].party for e in agreeing if e.said_by and e.role == "supports"
        } - {None, party}
        assert len(reports) >= 2 or (party and opposing), claim.id


def _overlap(a, b) -> bool:
    return any(x.start < y.end and y.start < x.end for x in a for y in b)


def test_a_partys_denial_is_never_filed_as_evidence_elsewhere(checked) -> None:
    """A passage shown as one side's word ('disputes') on one check is not counted as
    independent evidence ('supports'/'refutes') on another: a denial is evidence that a claim
    was disputed, not that it is false."""
    denials = [
        (a.evidence.source, a.spans)
        for item in checked.claims
        for a in item.anchors
        if a.evidence.role == "disputes"
    ]
    for item in checked.claims:
        for a in item.anchors:
            if a.evidence.role in EVIDENCE:
                clash = [
                    s for s, spans in denials if s == a.evidence.source and _overlap(spans, a.spans)
                ]
                assert not clash, (item.claim.id, a.evidence.quote)


def _within(inner, outer) -> bool:
    return all(any(o.start <= x.start and x.end <= o.end for o in outer) for x in inner)


def test_a_statement_we_checked_is_not_listed_as_not_checked(checked) -> None:
    """Coverage: a statement is either a fact-check or a triage entry, not both. A triage entry
    may take one part of a sentence whose other part is checked, but never the whole passage
    where a checked claim appears."""
    appearances = [
        (a.evidence.source, a.spans, item.claim.id)
        for item in checked.claims
        for a in item.anchors
        if a.evidence.role == "appearance"
    ]
    for entry in checked.triage:
        source = entry.statement.source
        both = [c for s, spans, c in appearances if s == source and _within(spans, entry.spans)]
        assert not both, (entry.statement.quote, both)


def test_every_triage_entry_gives_its_reason(checked) -> None:
    for entry in checked.triage:
        assert len(entry.statement.reason.split()) >= 5, entry.statement.quote


def test_a_claim_the_archive_does_not_establish_is_not_the_page_title(checked) -> None:
    """A check that could not establish a claim, or found it false or misleading, has a
    headline stating the finding, so that the page title never states the claim as fact."""
    established = {"true", "mostly-true"}
    for item in checked.claims:
        if item.claim.verdict not in established:
            headline = item.claim.headline
            assert headline and headline.strip() != item.claim.claim.strip(), item.claim.id


def test_open_verdicts_say_what_would_settle_them(checked) -> None:
    for item in checked.claims:
        if item.claim.verdict in ("unproven", "mixed"):
            assert item.claim.would_settle_it, item.claim.id


def test_no_attribution_the_archive_does_not_support(checked) -> None:
    """No archived text names AP as a source (Brussels Morning's "via AP" is a photo credit):
    only a correction saying we were wrong may mention it."""
    ap = re.compile(r"\bAP\b")
    for item in checked.claims:
        claim = item.claim
        prose = [claim.summary, claim.analysis, claim.rating_explained, claim.headline]
        prose += [claim.would_settle_it, *(a.evidence.note for a in item.anchors)]
        assert not [p for p in prose if p and ap.search(p)], claim.id
    for page in ("methodology.md", "about.md"):
        assert not ap.search((ROOT / "site_src" / page).read_text(encoding="utf-8")), page


def test_bylines_name_the_desk_not_invented_people(checked) -> None:
    assert {member.type for member in checked.project.team} == {"organization"}


def test_a_corrected_claim_shows_when_it_was_updated(checked) -> None:
    for item in checked.claims:
        if item.claim.corrections:
            latest = max(c.date for c in item.claim.corrections)
            assert item.claim.updated and item.claim.updated >= latest, item.claim.id


def test_the_false_statement_of_the_first_edition_is_corrected_in_public(checked) -> None:
    (item,) = [
        c for c in checked.claims if c.claim.id == "all-ukrainian-troops-expelled-from-kursk"
    ]
    assert "All five articles report both statements" not in item.claim.summary
    assert any("Brussels Morning" in c.note for c in item.claim.corrections or ())


def test_a_claim_citing_several_copies_of_one_report_counts_it_once(checked) -> None:
    from generator.provenance import Tally

    for item in checked.claims:
        sources = [a.evidence.source for a in item.anchors]
        tally = Tally.of(sources, checked.reports)
        if len(set(sources) & set(WIRE_COPIES)) > 1:
            assert tally.reports < tally.copies, item.claim.id


def test_every_claim_has_a_byline_from_the_team(checked) -> None:
    team = {t.id for t in checked.project.team}
    for item in checked.claims:
        assert {item.claim.author, item.claim.reviewed_by} <= team, item.claim.id


def test_every_claim_and_every_role_group_shows_its_copies_and_reports(checked) -> None:
    """'N archived copies of M independent reports' for the claim and for each role group, with
    N and M counted here from the seeds' own copy_of/report metadata: a report once, wherever
    its copies agree."""
    from generator.model import ROLES
    from generator.pages import render_site
    from generator.pages.html import ROLE_LABELS
    from generator.settings import Settings

    def report(seed_id: str) -> str:
        seen = []
        while seed_id not in seen:
            seen.append(seed_id)
            meta = checked.seeds[seed_id].seed.meta
            if meta.report:
                return meta.report
            if not meta.copy_of:
                return seed_id
            seed_id = meta.copy_of
        return seen[0]

    def expected(seed_ids: set[str]) -> str:
        copies, reports = len(seed_ids), len({report(s) for s in seed_ids})
        return (
            f"<p>{copies} archived cop{'y' if copies == 1 else 'ies'} of {reports} independent "
            f"report{'' if reports == 1 else 's'}.</p>"
        )

    pages = render_site(checked, Settings.read(ROOT))
    merged = 0
    for item in checked.claims:
        page = pages[f"claims/{item.claim.id}.md"]
        evidence = page[page.index("## Evidence") :]
        whole = {a.evidence.source for a in item.anchors}
        assert evidence.split("### ")[0].count(expected(whole)) == 1, item.claim.id
        groups = {section.split("\n", 1)[0]: section for section in evidence.split("### ")[1:]}
        for role in ROLES:
            seeds = {a.evidence.source for a in item.anchors if a.evidence.role == role}
            if seeds:
                assert expected(seeds) in groups[ROLE_LABELS[role]], (item.claim.id, role)
                merged += len({report(s) for s in seeds}) < len(seeds)
            else:
                assert ROLE_LABELS[role] not in groups, (item.claim.id, role)
    assert merged  # some group cites two copies of one report, and counts it once


def test_copies_counted_as_one_say_it_is_our_inference_and_why_in_brief(checked) -> None:
    """Where a claim's copies count as one report, the page says it is our inference and gives
    each copy's evidence from its metadata (``derivation``), never the seed's whole notes."""
    from generator.pages import render_site
    from generator.settings import Settings

    pages = render_site(checked, Settings.read(ROOT))
    explained = 0
    for item in checked.claims:
        sources = {a.evidence.source for a in item.anchors}
        tally = pages[f"claims/{item.claim.id}.md"].split('<div class="fc-tally">')[1]
        tally = tally.split("</div>")[0]
        if len({checked.reports[s] for s in sources}) == len(sources):
            assert "inference" not in tally, item.claim.id
            continue
        explained += 1
        assert "This is our inference from the archived texts" in tally, item.claim.id
        for seed in sources & WIRE_COPIES:
            meta = checked.seeds[seed].seed.meta
            assert meta.derivation and html.escape(meta.derivation) in tally, (item.claim.id, seed)
            assert html.escape(meta.notes or "")[:60] not in tally, (item.claim.id, seed)
    assert explained
