"""The live preview: a real ``mkdocs serve`` on a free local port shows problems in the page."""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import replace
from pathlib import Path

from tests.test_reader import free_port, wait_for

BANNER = 'id="fc-preview-problems"'
PROBLEM = "claims/all-troops-expelled.yaml:6:10: error[unknown-verdict]: unknown verdict 'flase'"
HINT = "allowed verdicts: true, mostly-true, mixed, mostly-false, false, misleading, unproven"
NOT_FOUND = "Not found: no current problem names this file.\n"
PLACE = "/__problems__/claims/all-troops-expelled.yaml#L6"
TRAVERSALS = (  # each must be a 404, never a file outside the project (or one without problems)
    "/__problems__/../../etc/passwd",
    "/__problems__/%2e%2e/%2e%2e/etc/passwd",
    "/__problems__/..%2f..%2f..%2fetc%2fpasswd",
    "/__problems__/%2Fetc%2Fpasswd",
    "/__problems__//etc/passwd",
    "/__problems__/claims/../../../../etc/passwd",
    "/__problems__/claims/all-troops-expelled.yaml/../../mkdocs.yml",
    "/__problems__/claims/north-koreans-fought.yaml",  # inside, but no problem names it
    "/__problems__/claims/",
)


def get(url: str) -> tuple[int, str]:
    """One request with a hard timeout: a hanging preview fails the test, never blocks it."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


@contextlib.contextmanager
def serving(project: Path, *options: str):
    port = free_port()
    log = project / "serve.log"
    with log.open("w") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", *options],
            cwd=project,
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
    try:
        yield f"http://127.0.0.1:{port}", log
    finally:
        server.terminate()
        server.wait(timeout=10)


def up(url: str) -> bool:
    try:
        return get(url)[0] == 200
    except OSError:
        return False


def set_verdict(project: Path, old: str, new: str) -> None:
    claim = project / "claims" / "all-troops-expelled.yaml"
    text = claim.read_text(encoding="utf-8")
    claim.write_text(text.replace(f"verdict: {old}", f"verdict: {new}"), encoding="utf-8")


def test_a_broken_claim_shows_in_every_page_until_it_is_fixed(project: Path) -> None:
    with serving(project, "--dirty") as (base, log):  # as ``make serve`` runs it
        page = f"{base}/claims/all-troops-expelled/"
        assert wait_for(lambda: up(page)), log.read_text()
        assert BANNER not in get(page)[1]

        set_verdict(project, "unproven", "flase")
        assert wait_for(lambda: BANNER in get(page)[1]), log.read_text()
        for url in (page, f"{base}/", f"{base}/sources/", f"{base}/no-such-page/"):
            started = time.monotonic()
            status, text = get(url)
            assert time.monotonic() - started < 5, url  # answered, not held until a fix
            assert BANNER in text, url
            assert PROBLEM.replace("'", "&#x27;") in text, url
            assert HINT in text, url
        status, text = get(page)
        assert status == 200
        assert "<span>Unproven</span>" in text  # the last good page, still served
        assert "Neither" in text

        links = re.findall(r'href="(/__problems__/[^"]*)"', text)
        assert links == [PLACE]  # the problem line links to the place
        status, shown = get(base + PLACE.partition("#")[0])
        assert status == 200, shown
        row = re.search(r'<tr id="L6" class="bad">(.*?)</tr>', shown, re.DOTALL)
        assert row and "<pre>verdict: flase</pre>" in row[1], shown  # the line, at its anchor
        assert PROBLEM.replace("'", "&#x27;") in row[1]  # with the problem under it
        assert "tr:target{" in shown  # the linked line stands out
        assert shown.count("<tr id=") == 37  # every line of the file, no more
        for attempt in TRAVERSALS:
            status, answer = get(base + attempt)
            assert (status, answer) == (404, NOT_FOUND), attempt

        set_verdict(project, "flase", "false")
        assert wait_for(lambda: BANNER not in get(page)[1]), log.read_text()
        assert "<span>False</span>" in get(page)[1]
        assert get(base + PLACE.partition("#")[0]) == (404, NOT_FOUND)  # fixed: nothing to show
    output = log.read_text()
    assert output.count(PROBLEM) == 1, output  # once in the terminal
    assert output.count(HINT) == 1, output
    assert "Traceback" not in output, output
    assert "Aborted" not in output, output
    assert "A 'dirty' build" not in output, output  # nor MkDocs' --dirty notice


def test_the_first_build_with_problems_still_serves_the_rest(project: Path) -> None:
    set_verdict(project, "unproven", "flase")
    with serving(project) as (base, log):
        assert wait_for(lambda: up(f"{base}/")), log.read_text()
        status, home = get(f"{base}/")
        assert BANNER in home
        assert PROBLEM.replace("'", "&#x27;") in home
        status, other = get(f"{base}/claims/north-koreans-fought/")
        assert status == 200 and BANNER in other
        status, missing = get(f"{base}/claims/all-troops-expelled/")
        assert status == 404 and BANNER in missing

        set_verdict(project, "flase", "unproven")
        page = f"{base}/claims/all-troops-expelled/"
        assert wait_for(lambda: up(page) and BANNER not in get(page)[1]), log.read_text()
    output = log.read_text()
    assert "Traceback" not in output, output
    warnings = [line for line in output.splitlines() if "WARNING" in line and "GET" not in line]
    assert not warnings, output  # the partial site links up: no stray warnings


def test_generated_pages_raise_no_nav_notice_but_hand_written_ones_do(project: Path) -> None:
    (project / "site_src" / "draft.md").write_text("# A draft\n", encoding="utf-8")
    built = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build"],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    notice = (
        'The following pages exist in the docs directory, but are not included in the "nav" '
        "configuration:\n  - draft.md\nINFO"
    )
    assert notice in built.stderr, built.stderr  # the real notice, and only draft.md in it


# ``mkdocs serve --dirty``'s rebuilds, in a child process (MkDocs keeps plugin instances, and
# Material's search keeps its --dirty index, for the whole process): one build per input line.
SESSION = """
import sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
load_config(sys.argv[1]).plugins.on_startup(command="serve", dirty=True)
for _ in sys.stdin:
    build(load_config(sys.argv[1], site_dir=sys.argv[2]), serve_url="http://x/", dirty=True)
    print("built", flush=True)
"""


@contextlib.contextmanager
def dirty_session(project: Path, site: Path):
    child = subprocess.Popen(
        [sys.executable, "-c", SESSION, str(project / "mkdocs.yml"), str(site)],
        cwd=project,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )

    def rebuild() -> None:
        child.stdin.write("build\n")
        child.stdin.flush()
        assert child.stdout.readline() == "built\n"

    try:
        yield rebuild
    finally:
        child.stdin.close()
        child.wait(timeout=60)
        child.stdout.close()


def outputs(site: Path) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.stat().st_mtime_ns for p in site.rglob("*.html")}


def test_a_dirty_rebuild_writes_only_the_pages_a_saved_claim_changes(
    project: Path, tmp_path: Path
) -> None:
    from generator.pages import render_site
    from generator.project import load_and_check
    from generator.settings import Settings

    def generated() -> dict[str, str]:
        return render_site(load_and_check(project)[0], Settings.read(project))

    site = tmp_path / "site"
    with dirty_session(project, site) as dirty_build:
        check_dirty_builds(project, site, dirty_build, generated)


def check_dirty_builds(project: Path, site: Path, dirty_build, generated) -> None:
    dirty_build()
    before, pages_before = outputs(site), generated()

    claim = project / "claims" / "all-troops-expelled.yaml"
    claim.write_text(
        claim.read_text(encoding="utf-8").replace("Neither", "Still, neither"), encoding="utf-8"
    )
    dirty_build()
    after, pages_after = outputs(site), generated()
    changed = {
        path.removesuffix(".md").removesuffix("index").rstrip("/") + "/index.html"
        for path in pages_after
        if path.endswith(".md") and pages_after[path] != pages_before[path]
    }
    changed = {p.removeprefix("/") for p in changed}
    rewritten = {path for path in after if after[path] != before.get(path)}
    assert "claims/all-troops-expelled/index.html" in changed
    assert rewritten - {"404.html"} == changed  # only the touched pages, no hand-written one
    assert "Still, neither" in (site / "claims/all-troops-expelled/index.html").read_text()

    claim.unlink()  # a deleted claim's page goes too
    dirty_build()
    assert not (site / "claims/all-troops-expelled/index.html").exists()

    (project / "mkdocs.yml").write_text(  # a new setting: every page is rebuilt
        (project / "mkdocs.yml")
        .read_text(encoding="utf-8")
        .replace("site_name: Kursk claims, checked", "site_name: Kursk claims, rechecked"),
        encoding="utf-8",
    )
    before = outputs(site)
    dirty_build()
    after = outputs(site)
    assert all(after[path] != before[path] for path in after)


def test_the_problem_view_shows_no_file_outside_the_project(tmp_path: Path, monkeypatch) -> None:
    from generator import preview
    from generator.codes import Code
    from generator.problems import Problem, Spot

    (tmp_path / "secret.txt").write_text("top secret\n", encoding="utf-8")
    root = tmp_path / "project"
    (root / "claims").mkdir(parents=True)
    (root / "claims" / "out.yaml").symlink_to(tmp_path / "secret.txt")
    os.mkfifo(root / "claims" / "pipe.yaml")  # a read would block the server
    (root / "claims" / "x.yaml").write_text("a: \u202e<script>\n", encoding="utf-8")
    names = ("claims/out.yaml", "claims/pipe.yaml", "claims/x.yaml", "../secret.txt")
    problem = Problem(spot=Spot("claims/x.yaml"), code=Code.of("unknown-verdict"), message="<b>")
    problems = tuple(replace(problem, spot=Spot(name)) for name in names)
    monkeypatch.setattr(preview, "STATE", preview._State(root=root.resolve(), problems=problems))
    for name in names[:2] + names[3:]:
        assert preview.problem_file(preview.VIEW + name) is None, name
    shown = preview.problem_file(preview.VIEW + "claims/x.yaml")
    assert shown is not None
    assert "<pre>a: &lt;U+202E&gt;&lt;script&gt;</pre>" in shown  # text, the mark made visible
    assert "error[unknown-verdict]: &lt;b&gt;" in shown
    assert "<script>" not in shown and "<b>" not in shown
