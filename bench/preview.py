"""Measure the live preview: the time from saving a claim to the refreshed page.

    python bench/preview.py                       # 100 and 1,000 claims
    python bench/preview.py --claims 10000        # one size (the first build takes minutes)

Runs ``mkdocs serve --dirty`` (what ``make serve`` runs) on a synthetic corpus, saves one
claim several times, and after each save waits as the open page's browser does: it asks the
server's live-reload address (which answers once a rebuild is visible), then loads the page,
until the new text is served. Prints the wall time of each save, and the server's CPU time
for it (less disturbed by other work on the machine; only the rebuild and the file watcher,
since nothing else asks the server anything meanwhile). Budget: under 2 s at 1,000 claims."""

from __future__ import annotations

import argparse
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import make_corpus, project_site

BUDGET = 2.0  # seconds at 1,000 claims


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=600) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def wait_for(text: str, url: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in fetch(url):
            return True
        time.sleep(0.05)
    return False


EPOCH = re.compile(r"livereload\((\d+), (\d+)\);")


def reloaded(text: str, url: str, seconds: float) -> bool:
    """Wait as a browser showing ``url`` does: ask the live-reload address until it answers
    with a newer version of the site, then load the page; until it shows ``text``."""
    base = url.split("/", 3)
    deadline = time.monotonic() + seconds
    page = fetch(url)
    while text not in page and time.monotonic() < deadline:
        found = EPOCH.search(page)
        if found is None:
            return False
        epoch, request = found.groups()
        fetch(f"{base[0]}//{base[2]}/livereload/{epoch}/{request}")  # held until a rebuild
        page = fetch(url)
    return text in page


def cpu_seconds(pid: int) -> float:
    """User + system time of a process so far (Linux's /proc; 0 elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measure(claims: int, saves: int) -> list[tuple[float, float]]:
    """(wall, server cpu) seconds from each save to the refreshed page."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "project"
        root.mkdir()
        make_corpus(root, claims, max(claims // 10, 3))
        project_site(root)
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{port}"],
            cwd=root,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
        )
        url = f"http://127.0.0.1:{port}/claims/claim-00007/"
        claim = root / "claims" / "claim-00007.yaml"
        original = claim.read_text(encoding="utf-8")
        results = []
        try:
            started = time.monotonic()
            if not wait_for("Synthetic claim number 7 ", url, seconds=3600):
                sys.exit("the preview did not come up within an hour")
            print(f"  first build, {claims:,} claims: {time.monotonic() - started:.1f} s")
            for n in range(saves):
                time.sleep(1.0)  # a contributor types between saves
                marker = f"border zone {n}"
                cpu = cpu_seconds(server.pid)
                claim.write_text(original.replace("border region", marker), encoding="utf-8")
                saved = time.monotonic()
                if not reloaded(marker, url, seconds=1800):
                    sys.exit("the saved claim did not reach the page within 30 minutes")
                results.append((time.monotonic() - saved, cpu_seconds(server.pid) - cpu))
                print(f"  save {n + 1}: {results[-1][0]:.2f} s, server cpu {results[-1][1]:.2f} s")
        finally:
            server.terminate()
            server.wait(timeout=60)
        return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--claims", type=int, action="append", help="default: 100 and 1,000")
    parser.add_argument("--saves", type=int, default=3)
    args = parser.parse_args()
    for claims in args.claims or [100, 1000]:
        report(claims, args.saves)


def report(claims: int, saves: int) -> None:
    print(f"save -> refreshed page, mkdocs serve --dirty, {claims:,} claims", flush=True)
    results = measure(claims, saves)
    wall = statistics.median(r[0] for r in results)
    cpu = statistics.median(r[1] for r in results)
    budget = f"   (budget {BUDGET:.1f} s)" if claims == 1000 else ""
    print(f"{'  median save -> page, wall / server cpu':<46} {wall:6.2f} / {cpu:.2f} s{budget}")


if __name__ == "__main__":
    main()
