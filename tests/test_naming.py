"""Names reserved by generated pages come from the one module of URLs."""

from __future__ import annotations

from generator import urls


def test_the_listings_reserve_index_in_their_folders() -> None:
    assert urls.reserved("claims") == {"index"}
    assert urls.reserved("sources") == {"index"}
    assert urls.reserved("data") == {"feed", "claimreview", "annotations", "verdicts"}
