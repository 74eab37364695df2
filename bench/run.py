"""Measure the budgets of bench/README.md on a synthetic corpus, side by side with bare MkDocs.

    python bench/run.py                      # 1,000 claims over 100 sources
    python bench/run.py --claims 10000       # 10,000 claims over 1,000 sources
    python bench/run.py --quick              # 100 claims: what CI runs (no pass/fail on time)
    python bench/run.py --profile 30         # and where the build's time goes
    python bench/run.py --serve              # and save -> refreshed page in the live preview

Prints one line per measurement. The figures that count are ratios measured in the same run
(this machine's absolute times drift): check against a bare C-loader parse of the same files,
and the whole build against bare MkDocs + Material building as many trivial pages."""

from __future__ import annotations

import argparse
import compileall
import hashlib
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from statistics import median

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from bare import bare_yaml  # noqa: E402

from generator import cardcache, pages, templatecache  # noqa: E402
from generator.project import load_and_check  # noqa: E402
from generator.publishing import copy_hand_written  # noqa: E402
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
    (root / "claimants.yaml").write_text(
        "claimants:\n"
        + "".join(
            f"  - id: claimant-{n}\n    name: Claimant {n}\n    type: person\n"
            f"    description: Speaker number {n}\n"
            for n in range(50)
        ),
        encoding="utf-8",
    )
    (root / "team.yaml").write_text(
        "team:\n  - id: desk\n    name: The desk\n    type: organization\n"
        "    description: The fact-check desk\n",
        encoding="utf-8",
    )
    for c in range(claims):
        evidence = []
        for source_id in rng.sample(ids, 3):
            quote = rng.choice(sentences[source_id])
            evidence.append(
                f"  - source: {source_id}\n    quote: {quote}\n    role: {rng.choice(ROLES)}\n"
            )
        (root / "claims" / f"claim-{c:05d}.yaml").write_text(
            f"claim: Synthetic claim number {c} about the border region.\n"
            f"claimant: claimant-{c % 50}\nclaim_date: 2025-04-{1 + c % 28:02d}\n"
            f"verdict: {VERDICTS[c % len(VERDICTS)]}\n"
            f"rating_explained: Why claim {c} got its rating.\n"
            f"would_settle_it: What would settle claim {c}.\nauthor: desk\nreviewed_by: desk\n"
            f"summary: A **summary** for claim {c}, with a [link](https://example.org/{c}).\n"
            f"tags: [tag-{c % 20}]\npublished: 2025-05-{1 + c % 28:02d}\n"
            "evidence:\n" + "".join(evidence),
            encoding="utf-8",
        )


def timed(label: str, fn):
    """Run ``fn``; print its wall and CPU time, return its result and CPU time (the figure
    less disturbed by other work on a shared machine)."""
    start, cpu = time.perf_counter(), time.process_time()
    result = fn()
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(f"{label:<46} {elapsed:8.2f} s   cpu {cpu:7.2f} s", flush=True)
    return result, cpu


def command(label: str, argv: list[str], cwd: Path) -> tuple[float, float, float, float]:
    """Run ``python -m argv`` as a child process; print and return its wall time, CPU time
    (user + system), peak memory (the child's own VmHWM: the rusage of a forked child
    starts from its parent's peak) and user CPU time (without the kernel's: see
    bench/README.md on the file system's share)."""
    path = os.pathsep.join((str(ROOT), str(ROOT / "bench")))
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=path)
    # What earlier steps wrote goes to disk first, not during this command (the first build,
    # right after 10,000 share cards were written, took 6.4 s of system time; after a sync,
    # 2.5 s).
    os.sync()
    with tempfile.NamedTemporaryFile() as err, tempfile.NamedTemporaryFile() as peak_file:
        start = time.perf_counter()
        child = subprocess.Popen(
            [sys.executable, __file__, "--child", peak_file.name, *argv],
            cwd=cwd,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=err,
        )
        _, status, usage = os.wait4(child.pid, 0)
        elapsed = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode:
            sys.exit(f"{label} failed:\n{Path(err.name).read_text()}")
        peak = int(Path(peak_file.name).read_text()) / 1024
    cpu = usage.ru_utime + usage.ru_stime
    print(
        f"{label:<46} {elapsed:8.2f} s   cpu {cpu:7.2f} s   peak {peak:5.0f} MiB"
        f"   user {usage.ru_utime:6.2f} s",
        flush=True,
    )
    return elapsed, cpu, peak, usage.ru_utime


def child(peak_file: str, module: str, *args: str) -> None:
    """Run ``python -m module args``, then write this process's peak memory (KiB)."""
    import runpy

    sys.argv = [module, *args]
    code = 0
    try:
        runpy.run_module(module, run_name="__main__", alter_sys=True)
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else (1 if exit_.code else 0)
    status = Path("/proc/self/status").read_text()
    Path(peak_file).write_text(status.split("VmHWM:")[1].split()[0])
    sys.exit(code)


def project_site(root: Path) -> None:
    """The repository's mkdocs.yml and hand-written pages, so the corpus builds like the site."""
    hook = (ROOT / "generator" / "mkdocs_hook.py").as_posix()
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        config.replace("- generator/mkdocs_hook.py", f"- {hook}"), encoding="utf-8"
    )
    copy_hand_written(ROOT / "site_src", root / "site_src")
    shutil.copytree(ROOT / "overrides", root / "overrides")  # theme.custom_dir


def floor_site(root: Path, pages_: int) -> Path:
    """Bare MkDocs with the same theme, extensions and search: ``pages_`` trivial pages kept
    out of the navigation (as claim pages are). What any MkDocs site of this size costs."""
    floor = root / "floor"
    docs = floor / "docs"
    (docs / "pages").mkdir(parents=True)
    ours = Settings.read(ROOT)  # proves mkdocs.yml reads; the rest is copied below
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Lenient)
    floor_config = {
        "site_name": ours.site_name,
        "site_url": ours.site_url,
        "docs_dir": "docs",
        "theme": {**config["theme"], "custom_dir": str(ROOT / config["theme"]["custom_dir"])},
        "markdown_extensions": config.get("markdown_extensions", []),
        "plugins": config.get("plugins", []),
        "nav": [{"Home": "index.md"}],
    }
    (floor / "mkdocs.yml").write_text(yaml.safe_dump(floor_config), encoding="utf-8")
    (docs / "index.md").write_text("# Home\n\nThe floor.\n", encoding="utf-8")
    for n in range(pages_ - 1):
        (docs / "pages" / f"p{n}.md").write_text(
            f"# Page {n}\n\nA trivial page, number {n}, with one sentence.\n", encoding="utf-8"
        )
    return floor


class _Lenient(yaml.SafeLoader):
    pass


_Lenient.add_multi_constructor("", lambda loader, suffix, node: None)


def stamps(folder: Path) -> dict[str, tuple[int, int]]:
    """Each file's inode and time, through site_src's links to the generated pages."""
    found = {}
    for parent, _, names in os.walk(folder, followlinks=True):
        for name in names:
            path = Path(parent, name)
            stat = path.stat()
            found[path.relative_to(folder).as_posix()] = (stat.st_ino, stat.st_mtime_ns)
    return found


def remove_site(root: Path) -> None:
    """Remove the built site (``site`` is a link to a version folder), for a cold build."""
    site = root / "site"
    version = site.resolve()
    site.unlink()
    shutil.rmtree(version)


def draw_cards(root: Path, checked, settings: Settings) -> None:
    """Share cards: every card drawn in this one process into an empty cache (the cold cost a
    build hides partly in worker processes), per card. Leaves the cache filled."""
    cards = pages.cards(checked, settings)
    shutil.rmtree(root / cardcache.FOLDER, ignore_errors=True)
    drawn, cpu = timed(
        f"draw {len(cards)} share cards, empty cache (1 process)",
        lambda: cardcache.draw_missing(root, cards.values()),
    )
    print(f"{'per share card (cpu)':<46} {1000 * cpu / max(drawn, 1):8.2f} ms")
    size = sum(p.stat().st_size for p in (root / cardcache.FOLDER).glob("*.png"))
    print(f"{'share cards on disk':<46} {size / 2**20:8.1f} MiB")


def profile_build(root: Path, top: int) -> None:
    """Where the build's time goes, by function (cProfile inflates Python-heavy parts)."""
    import cProfile
    import pstats

    from generator.cli import main as cli

    profiler = cProfile.Profile()
    profiler.runcall(cli, ["build", "--root", str(root)])
    pstats.Stats(profiler).sort_stats("tottime").print_stats(top)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--claims", type=int, default=1000)
    parser.add_argument("--sources", type=int, default=0, help="default: claims / 10")
    parser.add_argument("--no-build", action="store_true", help="skip the builds (quicker)")
    parser.add_argument(
        "--quick", action="store_true", help="100 claims, for CI: runs everything, times nothing"
    )
    parser.add_argument("--repeat", type=int, default=1, help="builds of each kind (best kept)")
    parser.add_argument("--profile", type=int, metavar="N", help="print the build's top N")
    parser.add_argument(
        "--serve", action="store_true", help="also time save -> page in mkdocs serve (preview.py)"
    )
    args = parser.parse_args()
    # MkDocs and Material run from the bytecode pip compiled when it installed them; the
    # generator, installed editable, is compiled here the same way (else, where writing
    # bytecode is turned off, as PYTHONDONTWRITEBYTECODE does, every command compiles it).
    compileall.compile_dir(ROOT / "generator", quiet=1)
    if args.quick:
        args.claims = 100
    sources = args.sources or max(args.claims // 10, 3)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "project"
        root.mkdir()
        print(f"corpus: {args.claims} claims over {sources} sources", flush=True)
        make_corpus(root, args.claims, sources)

        _, bare = timed("bare yaml.load (C loader) + read seeds", lambda: bare_yaml(root))
        (checked, problems), check = timed(
            "check (load, validate, anchor)", lambda: load_and_check(root)
        )
        assert not problems, problems[:3]
        print(f"{'check / bare parse':<46} {check / bare:8.2f} x   (budget 2.0 x)")
        tracemalloc.start()  # a second pass, traced and so slower: measured, not timed
        load_and_check(root)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        print(f"{'check peak (traced) memory':<46} {peak / 2**20:8.1f} MiB")
        bare_cmd = command(
            "bare parse, as a command",
            ["bare", str(root)],
            root,
        )
        check_cmd = command("python -m generator check", ["generator", "check"], root)
        print(f"{'check / bare parse, as commands (cpu)':<46} {check_cmd[1] / bare_cmd[1]:8.2f} x")

        settings = Settings.read(ROOT)
        rendered, render = timed("render every page", lambda: pages.render_site(checked, settings))
        print(f"{'generator share (check + render)':<46} {check + render:8.2f} s")
        if args.no_build:
            return

        project_site(root)
        draw_cards(root, checked, settings)  # the builds below find every card drawn
        count = sum(1 for p in rendered if p.endswith(".md"))
        count += sum(1 for _ in (root / "site_src").rglob("*.md"))
        floor = floor_site(Path(tmp), count)
        # The first build in a checkout compiles the theme's templates, as every bare MkDocs
        # build does; the builds after it read them compiled (generator/templatecache.py).
        shutil.rmtree(root / templatecache.FOLDER, ignore_errors=True)
        first = command("python -m generator build, first (compiles)", ["generator", "build"], root)
        bare_mkdocs = f"bare MkDocs + Material, {count} trivial pages"
        # Bare MkDocs' first build too, apart: it writes into an empty folder, where every
        # later one first empties it (as every later build removes the previous site).
        bare_first = "bare MkDocs + Material, first"
        floor_first = command(bare_first, ["mkdocs", "build", "--quiet"], floor)
        builds, floors = [], []

        def build() -> None:
            builds.append(command("python -m generator build", ["generator", "build"], root))

        def bare() -> None:
            floors.append(command(bare_mkdocs, ["mkdocs", "build", "--quiet"], floor))

        # In pairs, side by side, every other pair in the other order, so that a machine
        # slowing down or speeding up through the run favours neither side.
        for n in range(args.repeat):
            for measure in (build, bare) if n % 2 == 0 else (bare, build):
                measure()
        wall, cpu, peak, _ = (min(b[i] for b in builds) for i in range(4))
        floor_wall, floor_cpu, floor_peak, _ = (min(f[i] for f in floors) for i in range(4))
        print(f"{'build / bare MkDocs, wall (best of each)':<46} {wall / floor_wall:8.2f} x")
        print(f"{'build / bare MkDocs, cpu (best of each)':<46} {cpu / floor_cpu:8.2f} x")
        for kind, at in (("cpu", 1), ("user cpu", 3)):
            pairs = [b[at] / f[at] for b, f in zip(builds, floors, strict=True)]
            print(
                f"{f'build / bare MkDocs, {kind}, pairs in turn':<46} "
                + " ".join(f"{ratio:.2f}" for ratio in pairs)
                + " x"
            )
            print(f"{f'build / bare MkDocs, {kind}, median pair':<46} {median(pairs):8.2f} x")
        print(f"{'first build / bare MkDocs first, cpu':<46} {first[1] / floor_first[1]:8.2f} x")
        print(f"{'build / bare MkDocs, peak memory':<46} {peak / floor_peak:8.2f} x")
        print(
            f"{'per page, build / bare MkDocs (cpu)':<46} "
            f"{1000 * cpu / count:6.2f} / {1000 * floor_cpu / count:.2f} ms"
        )
        before = stamps(root / "site_src")
        cards_before = stamps(root / cardcache.FOLDER)
        command("python -m generator build (no change)", ["generator", "build"], root)
        after = stamps(root / "site_src")
        rewritten = sum(1 for path, stamp in after.items() if before.get(path) != stamp)
        print(f"{'site_src files written by the no-op rebuild':<46} {rewritten:8d}")
        redrawn = len(set(stamps(root / cardcache.FOLDER).items()) - set(cards_before.items()))
        print(f"{'share cards drawn by the no-op rebuild':<46} {redrawn:8d}")
        shutil.rmtree(root / cardcache.FOLDER)
        cold = command("python -m generator build, empty card cache", ["generator", "build"], root)
        print(
            f"{'cards drawn during the build (extra wall; cpu)':<46} {cold[0] - wall:8.2f} s   "
            f"cpu {cold[1] - cpu:7.2f} s"
        )
        print("where the build's time and memory go (bench/phases.py, a build in one process):")
        remove_site(root)
        phases = subprocess.run(
            [sys.executable, str(ROOT / "bench" / "phases.py"), str(root)],
            env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
            capture_output=True,
            text=True,
            check=True,
        )
        print(phases.stdout, end="", flush=True)
        if args.profile:
            remove_site(root)
            profile_build(root, args.profile)
    if args.serve:
        from preview import report

        report(args.claims, saves=3)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child(*sys.argv[2:])
    else:
        main()
