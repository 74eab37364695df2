"""Worst cases of issue 10 at full size: how long ``check`` takes and how much memory it holds.

    python bench/hostile.py                 # every case, 1 MB seed and 1 MB claim file each
    python bench/hostile.py --scale 0.1     # a tenth of the size, to compare growth

Each case runs ``check`` in its own process (so peak memory is its own) and prints the seconds
and the peak resident memory. Results and how to read them are in bench/README.md."""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from run import WORDS  # noqa: E402  (bench/run.py)

MB = 1_000_000
HEAD = (
    "claim: A hostile claim.\nclaimant: Someone\nclaim_date: 2025-04-26\n"
    "verdict: unproven\nsummary: Bench.\nevidence:\n"
)


def prose(rng: random.Random, size: int) -> str:
    words, total = [], 0
    while total < size:
        word = rng.choice(WORDS) if rng.random() < 0.8 else f"w{rng.randrange(10**6)}"
        words.append(word)
        total += len(word) + 1
    return " ".join(words)[:size].rsplit(" ", 1)[0] + "\n"


def add_seed(root: Path, seed_id: str, text: str) -> None:
    (root / "seeds" / f"{seed_id}.txt").write_text(text, encoding="utf-8")
    digest = hashlib.sha256(text.encode()).hexdigest()
    (root / "seeds" / f"{seed_id}.yaml").write_text(
        f"outlet: Bench\ntitle: Bench\nurl: https://example.org/\npublished: 2025-04-01\n"
        f"author: null\nlanguage: en\nsha256: {digest}\n",
        encoding="utf-8",
    )


def near_misses(rng: random.Random, text: str, words: int, size: int) -> list[str]:
    """Passages of the seed with one word misspelt: none anchors, each asks for a hint."""
    tokens = text.split()
    quotes, total = [], 0
    while total < size:
        start = rng.randrange(len(tokens) - words)
        passage = tokens[start : start + words]
        at = rng.randrange(words)
        passage[at] = passage[at] + "x"
        quote = " ".join(passage)
        quotes.append(quote)
        total += len(quote) + 60
    return quotes


def claim_file(root: Path, source: str, quotes: list[str]) -> None:
    items = "".join(
        f"  - source: {source}\n    quote: {json.dumps(q)}\n    role: context\n" for q in quotes
    )
    data = (HEAD + items).encode()
    (root / "claims" / "hostile.yaml").write_bytes(data[: MB - 1].rsplit(b"\n  - ", 1)[0] + b"\n")


def make(case: str, root: Path, scale: float) -> None:
    rng = random.Random(10)
    shutil.copy(ROOT / "verdicts.yaml", root / "verdicts.yaml")
    (root / "claims").mkdir()
    (root / "seeds").mkdir()
    size = int(MB * scale) - 100
    if case.startswith("near-miss"):
        text = prose(rng, size)
        add_seed(root, "seed", text)
        words = int(case.split("-")[-1])
        claim_file(root, "seed", near_misses(rng, text, words, size))
    elif case.startswith("elisions"):
        text = ("alpha beta gamma " * (size // 17)).strip() + "\n"
        add_seed(root, "seed", text)
        parts = int(case.split("-")[-1])
        quotes = []
        for n in range(size // (12 * parts)):
            pieces = [rng.choice(["alpha beta", "beta gamma", "gamma alpha"]) for _ in range(parts)]
            pieces[-1] += f" zz{n}" if n % 2 else ""  # half unplaceable, half ambiguous
            quotes.append(" [...] ".join(pieces))
        claim_file(root, "seed", quotes)


CASES = ["near-miss-50", "near-miss-400", "elisions-3", "elisions-10"]


def measure(root: Path) -> None:
    from generator.project import load_and_check

    start = time.perf_counter()
    _, problems = load_and_check(root)
    elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    claim = root / "claims" / "hostile.yaml"
    print(
        json.dumps(
            {
                "seconds": round(elapsed, 2),
                "peak_mib": round(peak),
                "problems": len(problems),
                "claim_bytes": claim.stat().st_size,
                "first": str(problems[0].spot) + " " + problems[0].message if problems else "",
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of 1 MB")
    parser.add_argument("--case", choices=CASES, action="append")
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        measure(Path(args.measure))
        return
    print(f"{'case':<16} {'claim':>10} {'problems':>9} {'check':>9} {'peak':>9}")
    for case in args.case or CASES:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            make(case, root, args.scale)
            out = subprocess.run(
                [sys.executable, __file__, "--measure", str(root)],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            r = json.loads(out)
            print(
                f"{case:<16} {r['claim_bytes']:>10,} {r['problems']:>9,} "
                f"{r['seconds']:>7.2f} s {r['peak_mib']:>5} MiB  {r['first'][:80]}",
                flush=True,
            )


if __name__ == "__main__":
    main()
