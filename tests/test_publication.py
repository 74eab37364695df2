"""The publication's own editorial rules, checked on the repository's claims."""

from __future__ import annotations

from collections import Counter

import pytest

from generator.project import load_and_check
from tests.conftest import ROOT

# Copies of one wire story: evidence from both is one source, and the claim must say so.
SAME_WIRE_STORY = {"001_bf3cbcc567dc0b0e", "002_0ff8d9755428d8f6"}


@pytest.fixture(scope="module")
def checked():
    checked, problems = load_and_check(ROOT)
    assert not problems
    return checked


def test_at_least_twelve_claims(checked) -> None:
    assert len(checked.claims) >= 12


def test_every_seed_is_cited_by_at_least_two_claims(checked) -> None:
    citing = Counter(
        source for item in checked.claims for source in {a.evidence.source for a in item.anchors}
    )
    assert {seed: citing[seed] for seed in checked.seeds if citing[seed] < 2} == {}


def test_every_claim_shows_where_it_appeared(checked) -> None:
    for item in checked.claims:
        assert any(a.evidence.role == "appearance" for a in item.anchors), item.claim.id


def test_claims_citing_one_wire_story_twice_say_it_is_one_source(checked) -> None:
    for item in checked.claims:
        cited = {a.evidence.source for a in item.anchors}
        if cited >= SAME_WIRE_STORY:
            notes = " ".join(
                [item.claim.analysis or "", *(a.evidence.note or "" for a in item.anchors)]
            )
            assert "same wire story" in notes or "one report" in notes, item.claim.id


def test_one_sided_claims_are_not_rated_true_or_false(checked) -> None:
    """A claim whose only support is its claimant's word, and which is refuted only by a
    denial from the other side, stays off the true/false ends of the scale."""
    for item in checked.claims:
        roles = {a.evidence.role for a in item.anchors}
        if "supports" not in roles and item.claim.verdict in ("true", "false"):
            assert "refutes" in roles, item.claim.id
