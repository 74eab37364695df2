"""The share cards' cost: CPU time per card drawn into an empty cache, and where it goes.

    python bench/cards.py                  # 2,000 cards
    python bench/cards.py --cards 10000    # as many as a 10,000-claim site has
    python bench/cards.py --claims 10000   # and builds of bench/run.py's corpus: cards cold, warm

The cards are made of real text: sentences of the archived articles in seeds/ as claims (a
fresh vocabulary, so the kept word widths help no more than real claims let them), the
claimants of claimants.yaml, the scale's verdicts. They are drawn and written into an empty
cache in a fresh process, as one of the build's workers draws them (``cardcache``), and the
process's own CPU time is divided by the cards. Where the time goes is timed around the
drawing's steps in a second fresh process (the timers cost about a microsecond a step).
With ``--claims N``, ``python -m generator build`` of bench/run.py's corpus of N claims runs
as a command with the card cache full (the usual build) and empty, alternately, best of
``--repeat`` each: wall time, and CPU time with the worker processes' included (``os.wait4``
counts the children the build waited for). ``bench/run.py`` prints the same pair beside its
other figures."""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator import cardcache, cards, png  # noqa: E402
from generator.cards import Card  # noqa: E402
from generator.loading import load_project  # noqa: E402


def corpus(count: int) -> list[Card]:
    project, _ = load_project(ROOT)
    sentences = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        text = " ".join(path.read_text(encoding="utf-8").split())
        sentences += [s for s in re.split(r"(?<=[.!?])\s+", text) if 30 <= len(s) <= 300]
    names = [claimant.name for claimant in project.claimants] or ["A spokesman"]
    scale = project.scale.verdicts
    made = []
    for number in range(count):
        verdict = scale[number % len(scale)]
        made.append(
            Card(
                claim=f"{sentences[number % len(sentences)]} ({number})",
                claimant=names[number % len(names)],
                date=f"{number % 28 + 1} April 2025",
                verdict=verdict.label,
                colour=verdict.colour,
                publication="Kursk claims, checked",
            )
        )
    return made


def draw_all(count: int) -> None:
    """Draw ``count`` cards into an empty cache; print the CPU time per card."""
    made = corpus(count)
    with tempfile.TemporaryDirectory() as tmp:
        start, wall = time.process_time(), time.perf_counter()
        drawn = cardcache.draw_missing(Path(tmp), made)
        cpu, wall = time.process_time() - start, time.perf_counter() - wall
        size = sum(p.stat().st_size for p in (Path(tmp) / cardcache.FOLDER).glob("*.png"))
    print(f"{'cards drawn into an empty cache':<46} {drawn:8d}")
    print(f"{'cpu, drawn and written':<46} {cpu:8.2f} s   wall {wall:6.2f} s")
    print(f"{'per card (cpu)':<46} {1000 * cpu / drawn:8.2f} ms")
    print(f"{'per card on disk':<46} {size / drawn / 1024:8.1f} KiB")


def where(count: int) -> None:
    """Time the drawing's steps around the functions that do them."""
    made = corpus(count)
    spent: dict[str, float] = defaultdict(float)

    def timing(label: str, function):
        def timed(*args, **kwargs):
            start = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                spent[label] += time.process_time() - start

        return timed

    steps = {
        "layout: measuring, wrapping": (cards, "claim_lines"),
        "text: glyphs rasterised and pasted": (cards.Face, "draw"),
        "compressing rows (zlib)": (png, "segment"),
        "joining the PNG file": (png, "image"),
        "background (drawn once per verdict)": (cards, "background"),
    }
    for label, (owner, name) in steps.items():
        setattr(owner, name, timing(label, getattr(owner, name)))
    start = time.process_time()
    for card in made:
        cards.draw(card)
    total = time.process_time() - start
    for label, seconds in spent.items():
        print(f"  {label:<44} {1000 * seconds / count:8.3f} ms a card")
    rest = total - sum(spent.values())
    print(
        f"  {'the rest (copy, crop, pack, byline layout)':<44} {1000 * rest / count:8.3f} ms a card"
    )


def builds(claims: int, repeat: int) -> None:
    """Build a corpus with the card cache full and empty, alternately."""
    import shutil

    sys.path.insert(0, str(ROOT / "bench"))
    from run import command, make_corpus, project_site

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "project"
        root.mkdir()
        make_corpus(root, claims, max(claims // 10, 3))
        project_site(root)
        command("python -m generator build (first)", ["generator", "build"], root)
        warm, cold = [], []
        for _ in range(repeat):
            warm.append(command("build, card cache full", ["generator", "build"], root))
            shutil.rmtree(root / cardcache.FOLDER)
            cold.append(command("build, card cache empty", ["generator", "build"], root))
        (warm_wall, warm_cpu), (cold_wall, cold_cpu) = (
            (min(b[0] for b in runs), min(b[1] for b in runs)) for runs in (warm, cold)
        )
        extra = cold_cpu - warm_cpu
        print(
            f"{f'{claims} cards drawn by the build (extra)':<46} {cold_wall - warm_wall:8.2f} s   "
            f"cpu {extra:7.2f} s   ({1000 * extra / claims:.2f} ms a card)"
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cards", type=int, default=2000)
    parser.add_argument("--claims", type=int, help="also build a corpus of this many claims")
    parser.add_argument("--repeat", type=int, default=1, help="builds of each kind (best kept)")
    parser.add_argument("--part", choices=["draw", "where"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.part == "draw":
        return draw_all(args.cards)
    if args.part == "where":
        return where(args.cards)
    for part in ("draw", "where"):  # each in a fresh process: every cache cold
        command = [sys.executable, __file__, "--cards", str(args.cards), "--part", part]
        subprocess.run(command, check=True)
    if args.claims:
        builds(args.claims, args.repeat)


if __name__ == "__main__":
    main()
