"""Where a build's time and memory go, phase by phase, without a profiler's distortion.

    python bench/phases.py ROOT      # builds ROOT's site in this process (as `generator build`)

Wraps the build's phases and MkDocs' per-page steps with CPU timers, and after each phase of
the build reads the process's peak resident memory (VmHWM) and resets it, so each line says
what that phase took and how high memory went during it. Steps nested in a phase (MkDocs'
page loop, the search index) are printed indented, their CPU time included in the phase's.
``bench/run.py`` runs it on its corpus as a command of its own."""

from __future__ import annotations

import functools
import io
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT)]

import mkdocs.commands.build as mkdocs_build  # noqa: E402
import mkdocs.plugins  # noqa: E402
import mkdocs.utils  # noqa: E402

from generator import pages, project, publishing, versions  # noqa: E402

cpu: dict[str, float] = defaultdict(float)
calls: dict[str, int] = defaultdict(int)
peaks: dict[str, int] = {}


def _status(key: str) -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        return int(status.read().split(key + ":")[1].split()[0]) // 1024


def _reset_peak() -> None:
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as refs:
            refs.write("5")  # Linux: VmHWM starts again from the current VmRSS
    except OSError:
        pass


def _timed(owner: object, name: str, label: str, phase: bool = False) -> None:
    original = getattr(owner, name)

    @functools.wraps(original)  # the hook finds the search plugin's handler by its name
    def timed(*args, **kwargs):  # type: ignore[no-untyped-def]
        if phase:
            _reset_peak()
        start = time.process_time()
        try:
            return original(*args, **kwargs)
        finally:
            cpu[label] += time.process_time() - start
            calls[label] += 1
            if phase:
                peaks[label] = max(peaks.get(label, 0), _status("VmHWM"))

    setattr(owner, name, timed)


RENDER = "render (generator/pages)"
PHASES = [  # (owner, attribute, label): the build's phases, in order
    (project, "load_and_check", "check (load, validate, anchor)"),
    (pages, "render_site_utf8", RENDER),
    (versions, "prepare", "prepare site_src's next generated pages"),
    (publishing, "_mkdocs", "MkDocs build (below: its parts)"),
    (publishing, "switch", "switch site/ (and remove the old one)"),
    (versions, "switch", "switch site_src's generated pages"),
]
STEPS = [  # parts of the MkDocs build
    (mkdocs_build, "_populate_page", "  read and render every page"),
    (mkdocs_build, "_build_page", "  template and write every page (with search)"),
    (mkdocs.plugins.PluginCollection, "on_page_context", "    search index entries"),
    (mkdocs.utils, "write_file", "    write files"),
    (mkdocs_build, "_build_theme_template", "  sitemap, 404"),
    (mkdocs.plugins.PluginCollection, "on_post_build", "  search index written, cards placed"),
]


def main(root: Path) -> None:
    for owner, name, label in PHASES:
        _timed(owner, name, label, phase=True)
    for owner, name, label in STEPS:
        _timed(owner, name, label)
    from generator.cli import main as cli

    start, wall = time.process_time(), time.perf_counter()
    _reset_peak()
    code = cli(["build", "--quiet", "--root", str(root)], out=io.StringIO())
    total, wall = time.process_time() - start, time.perf_counter() - wall
    if code:
        sys.exit(f"the build failed ({code})")
    print(f"{'phase':<48} {'cpu':>8}   {'peak memory':>11}")
    for label in [label for _, _, label in PHASES + STEPS]:
        if label in cpu:
            peak = f"{peaks[label]:7d} MiB" if label in peaks else ""
            print(f"{label:<48} {cpu[label]:7.2f} s   {peak}")
    peak = max(peaks.values())
    whole = f"whole build in this process (wall {wall:.1f} s)"
    print(f"{whole:<48} {total:7.2f} s   {peak:7d} MiB")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
