"""Names that become URLs and ids: none may take a generated page's place, none may become
the same URL or anchor as another.

A claim's id is its page (``claims/<id>/``), a seed's id its page and published text, a
claimant's id an anchor on the claimants page. A claim or seed named ``index`` would be
overwritten by the listing in its folder; two seeds named "001_A" and "001_a" would be one
file on a case-insensitive file system. Each is a problem at the name's own place."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from generator import urls
from generator.codes import Code
from generator.model import Project
from generator.problems import Problems, Spot
from generator.schemas import SOURCE_ID


def check(project: Project, problems: Problems) -> None:
    claims = sorted((*project.claims, *project.incomplete), key=lambda c: c.path)
    for claim in claims:
        _not_reserved(claim.id, "claims", "claim id", Spot(path=claim.path), problems)
    for seed_id in project.seeds:
        spot = Spot(path=f"seeds/{seed_id}.yaml")
        _not_reserved(seed_id, "sources", "seed id", spot, problems)
        if not re.fullmatch(SOURCE_ID, seed_id) or ".." in seed_id:
            problems.add(
                spot,
                Code.BAD_SEED_ID,
                f"the seed id '{seed_id}' cannot be cited or linked: letters, digits, '_', "
                "'-' and '.', starting with a letter or digit",
                "rename the .txt and .yaml files, e.g. 001_outlet-slug",
            )
    _distinct(
        ((seed_id, Spot(path=f"seeds/{seed_id}.yaml")) for seed_id in project.seeds),
        str.lower,
        "seed id",
        "seed files that differ only in case clash on case-insensitive file systems",
        problems,
    )
    # Claimants are ids of claimants.yaml; names that read alike are caught there (editorial).


def _not_reserved(name: str, folder: str, what: str, spot: Spot, problems: Problems) -> None:
    if name in urls.reserved(folder):
        problems.add(
            spot,
            Code.RESERVED_NAME,
            f"the {what} '{name}' is taken by a generated page ({folder}/{name}.md)",
            f"rename the file: any name but {', '.join(sorted(urls.reserved(folder)))}",
        )


def _distinct(
    names: Iterable[tuple[str, Spot]],
    key: Callable[[str], str],
    what: str,
    fix: str,
    problems: Problems,
) -> None:
    """Report each name whose ``key`` (URL or anchor) another, different name already has."""
    first: dict[str, tuple[str, Spot]] = {}
    for name, spot in names:
        other = first.setdefault(key(name), (name, spot))
        if other[0] != name:
            problems.add(
                spot,
                Code.NAME_COLLISION,
                f"{what} '{name}' and '{other[0]}' ({other[1]}) become the same "
                f"name on the site ('{key(name)}')",
                fix,
            )
