"""Measure the budgets of design/performance.md on a synthetic corpus.

    python bench/run.py                          # 1,000 claims over 100 sources
    python bench/run.py --claims 10000 --sources 1000 --build

Prints one line per measurement. Budgets (see bench/README.md): check at most 2x a bare C-loader
yaml.load of the same files; generation linear with a no-op rerun writing nothing; the whole
build of 10,000 claims under 45 s."""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import shutil
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator import pages  # noqa: E402
from generator.project import load_and_check  # noqa: E402
from generator.publishing import sync  # noqa: E402
from generator.settings import Settings  # noqa: E402

WORDS = [
    "army",
    "border",
    "region",
    "troops",
    "forces",
    "statement",
    "minister",
    "village",
    "offensive",
    "ceasefire",
    "talks",
    "officials",
    "drones",
    "strike",
    "report",
    "agency",
    "spokesman",
    "general",
    "staff",
    "capital",
    "meeting",
    "claim",
    "denied",
    "confirmed",
    "according",
    "satellite",
    "images",
    "analysts",
    "reported",
    "week",
    "month",
    "river",
    "bridge",
    "town",
]
VERDICTS = ["true", "mostly-true", "mixed", "mostly-false", "false", "misleading", "unproven"]
ROLES = ["appearance", "supports", "refutes", "context"]


def sentence(rng: random.Random, serial: int) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(10, 18))]
    words.insert(rng.randint(1, 5), f"item{serial}")  # keeps every sentence unique
    return " ".join(words).capitalize() + "."


def make_corpus(root: Path, claims: int, sources: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    shutil.copy(ROOT / "verdicts.yaml", root / "verdicts.yaml")
    (root / "claims").mkdir()
    (root / "seeds").mkdir()
    sentences: dict[str, list[str]] = {}
    serial = 0
    for s in range(sources):
        source_id = f"{s:04d}_{hashlib.sha1(str(s).encode()).hexdigest()[:16]}"
        lines = []
        for _ in range(30):
            serial += 1
            lines.append(sentence(rng, serial))
        text = "\n\n".join(lines) + "\n"
        sentences[source_id] = lines
        (root / "seeds" / f"{source_id}.txt").write_text(text, encoding="utf-8")
        digest = hashlib.sha256(text.encode()).hexdigest()
        (root / "seeds" / f"{source_id}.yaml").write_text(
            f"outlet: Outlet {s}\ntitle: Article {s}\nurl: https://example.org/{s}\n"
            f"published: 2025-04-{1 + s % 28:02d}\nauthor: null\nlanguage: en\nsha256: {digest}\n",
            encoding="utf-8",
        )
    ids = list(sentences)
    for c in range(claims):
        evidence = []
        for source_id in rng.sample(ids, 3):
            quote = rng.choice(sentences[source_id])
            evidence.append(
                f"  - source: {source_id}\n    quote: {quote}\n    role: {rng.choice(ROLES)}\n"
            )
        (root / "claims" / f"claim-{c:05d}.yaml").write_text(
            f"claim: Synthetic claim number {c} about the border region.\n"
            f"claimant: Claimant {c % 50}\nclaim_date: 2025-04-{1 + c % 28:02d}\n"
            f"verdict: {VERDICTS[c % len(VERDICTS)]}\n"
            f"summary: A **summary** for claim {c}, with a [link](https://example.org/{c}).\n"
            f"tags: [tag-{c % 20}]\npublished: 2025-05-{1 + c % 28:02d}\n"
            "evidence:\n" + "".join(evidence),
            encoding="utf-8",
        )


def timed(label: str, fn):
    start = time.perf_counter()
    result = fn()
    elapsed = time.perf_counter() - start
    print(f"{label:<44} {elapsed:8.2f} s", flush=True)
    return result, elapsed


def bare_yaml(root: Path) -> None:
    for folder in ("claims", "seeds"):
        for path in sorted((root / folder).glob("*.yaml")):
            yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--claims", type=int, default=1000)
    parser.add_argument("--sources", type=int, default=100)
    parser.add_argument("--build", action="store_true", help="also run the full MkDocs build")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        print(f"corpus: {args.claims} claims over {args.sources} sources")
        make_corpus(root, args.claims, args.sources)
        _, bare = timed("bare yaml.load (C loader) of every file", lambda: bare_yaml(root))
        (checked, problems), check = timed(
            "check (load, validate, anchor)", lambda: load_and_check(root)
        )
        assert not problems, problems[:3]
        tracemalloc.start()  # a second pass, traced and so slower: measured, not timed
        load_and_check(root)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        print(f"{'check / bare yaml.load':<44} {check / bare:8.2f} x   (budget 2.0 x)")
        print(f"{'check peak memory':<44} {peak / 2**20:8.1f} MiB")
        settings = Settings.read(ROOT)
        rendered, render = timed("render every page", lambda: pages.render_site(checked, settings))
        docs = root / "site_src"
        written, _ = timed("write pages (first time)", lambda: sync(docs, rendered))
        again, _ = timed("write pages again (no change)", lambda: sync(docs, rendered))
        print(f"{'files written: first / no-op rerun':<44} {len(written):8d} / {len(again)}")
        print(f"{'generator share (check + render)':<44} {check + render:8.2f} s")
        if args.build:
            shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
            (root / "mkdocs.yml").write_text(
                (ROOT / "mkdocs.yml")
                .read_text(encoding="utf-8")
                .replace(
                    "- generator/mkdocs_hook.py", f"- {ROOT / 'generator' / 'mkdocs_hook.py'}"
                ),
                encoding="utf-8",
            )
            for name in ("about.md", "methodology.md", "corrections-policy.md", "assets"):
                source = ROOT / "site_src" / name
                if source.is_dir():
                    shutil.copytree(source, docs / name, dirs_exist_ok=True)
                else:
                    shutil.copy(source, docs / name)
            from generator.cli import main as cli

            os.environ["NO_MKDOCS_2_WARNING"] = "1"
            code, _ = timed(
                "full build (check + generate + MkDocs)",
                lambda: cli(["build", "--root", str(root)]),
            )
            assert code == 0


if __name__ == "__main__":
    main()
