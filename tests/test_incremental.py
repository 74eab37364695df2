"""The live preview reuses what it loaded, checked and rendered before (``generator.memo``):
after any sequence of saves, the site it serves must be the site a fresh build makes of the
same files. These builds run in-process, as ``mkdocs serve --dirty`` runs them."""

from __future__ import annotations

import filecmp
import logging
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from generator import cards, carryover, pages, preview
from generator.project import load_and_check
from generator.settings import SITE_URL_VAR, Settings

URL = "http://127.0.0.1:8000/"
CLAIM = "claims/all-troops-expelled.yaml"
OTHER = "claims/north-koreans-fought.yaml"
SEED_META = "seeds/001_bf3cbcc567dc0b0e.yaml"


def configured(project: Path, site: Path):  # as mkdocs serve's get_config does
    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site))
    config.site_url = URL
    return config


def rebuild(project: Path, site: Path) -> bool:
    """One rebuild as ``mkdocs serve --dirty`` runs it after a save; False if it failed."""
    try:
        build(configured(project, site), serve_url=URL, dirty=True)
    except Exception:  # a claim with problems: the last good site stays
        return False
    return True


def fresh(project: Path, site: Path) -> None:
    """A fresh ``mkdocs build`` of the same files, with the same address (in a process of its
    own: MkDocs keeps plugins, and their state, from one build to the next in a process)."""
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(site)],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", SITE_URL_VAR: URL},
        check=True,
    )


def edit(project: Path, path: str, old: str, new: str) -> None:
    file = project / path
    text = file.read_text(encoding="utf-8")
    assert old in text, (path, old)
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def differences(left: Path, right: Path) -> list[str]:
    found = []

    def walk(compared: filecmp.dircmp[str], at: str) -> None:
        found.extend(f"{at}{name} (only one side)" for name in compared.left_only)
        found.extend(f"{at}{name} (only one side)" for name in compared.right_only)
        _, mismatch, errors = filecmp.cmpfiles(
            compared.left, compared.right, compared.common_files, shallow=False
        )
        found.extend(f"{at}{name}" for name in mismatch + errors)
        for name, sub in compared.subdirs.items():
            walk(sub, f"{at}{name}/")

    walk(filecmp.dircmp(left, right), "")
    return sorted(found)


@pytest.fixture(autouse=True)
def preview_state() -> Iterator[None]:
    """Quiet MkDocs; afterwards, leave no preview state for in-process builds of other tests."""
    logger = logging.getLogger("mkdocs")
    level = logger.level
    logger.setLevel(logging.ERROR)
    yield
    logger.setLevel(level)
    preview.start(serving=False, dirty=False)
    carryover.start(active=False)


def test_after_a_sequence_of_saves_the_preview_serves_what_a_fresh_build_makes(
    project: Path, tmp_path: Path
) -> None:
    served = tmp_path / "served"
    config = configured(project, served)
    config.plugins.on_startup(command="serve", dirty=True)
    assert rebuild(project, served)
    memo = preview.STATE.memo
    assert memo is not None

    saves = [
        (CLAIM, "neither side's word settles it", "neither side's word settles it yet", True),
        (CLAIM, "verdict: unproven", "verdict: flase", False),  # broken: last site kept
        (CLAIM, "verdict: flase", "verdict: false", True),  # fixed, and re-rated
        (SEED_META, "outlet: Perth Now", "outlet: Perth Now Online", True),
        (OTHER, "tags: [north-korea]", "tags: [north-korea, added]", True),
        ("claimants.yaml", "name: Valery Gerasimov", "name: Valery V. Gerasimov", True),
        ("verdicts.yaml", "label: Unproven", "label: Not proven", True),
    ]
    for path, old, new, builds in saves:
        edit(project, path, old, new)
        assert rebuild(project, served) is builds, (path, new)
    copy = project / "claims" / "a-copy.yaml"
    shutil.copy(project / OTHER, copy)  # a new claim
    assert rebuild(project, served)
    copy.rename(project / "claims" / "a-copy-renamed.yaml")
    assert rebuild(project, served)
    (project / "claims" / "a-copy-renamed.yaml").unlink()  # deleted
    assert rebuild(project, served)
    assert memo.hits > 0  # what did not change was reused

    fresh(project, tmp_path / "fresh")
    assert differences(served, tmp_path / "fresh") == []


def shared_card(page: Path) -> str:
    """The card a served page names in og:image, as a path in the site."""
    (image,) = re.findall(r'<meta property="og:image" content="([^"]+)">', page.read_text())
    assert image.startswith(URL)
    return image.removeprefix(URL)


def test_a_re_rated_claim_shows_its_new_card_in_the_preview(project: Path, tmp_path: Path) -> None:
    """Under ``mkdocs serve --dirty``, a re-rating redraws that claim's card: the page names
    the new card, which is served, shows the new verdict, and the old one is gone."""
    served = tmp_path / "served"
    config = configured(project, served)
    config.plugins.on_startup(command="serve", dirty=True)
    assert rebuild(project, served)
    page = served / "claims/all-troops-expelled/index.html"
    before = shared_card(page)
    assert (served / before).is_file()
    other = shared_card(served / "claims/north-koreans-fought/index.html")

    edit(project, CLAIM, "verdict: unproven", "verdict: false")
    assert rebuild(project, served)
    after = shared_card(page)
    assert after != before and after.startswith("claims/all-troops-expelled/card-")
    assert not (served / before).exists()
    checked, problems = load_and_check(project)
    assert not problems
    card = pages.cards(checked, Settings.read(project))[after]
    assert (card.verdict, card.colour) == ("False", "#b3261e")
    assert (served / after).read_bytes() == cards.draw(card)
    assert shared_card(served / "claims/north-koreans-fought/index.html") == other
    assert (served / other).is_file()
