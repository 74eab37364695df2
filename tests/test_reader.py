"""What readers and contributors meet: the live preview, and the pages in a real browser."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import run

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(condition, seconds: float = 40.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.3)
    return False


def test_serve_rebuilds_once_when_a_claim_is_saved(project: Path) -> None:
    port = free_port()
    log = project / "serve.log"
    with log.open("w") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=project,
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
    url = f"http://127.0.0.1:{port}/claims/all-troops-expelled/"
    try:
        assert wait_for(lambda: "Neither" in fetch(url)), log.read_text()
        claim = project / "claims" / "all-troops-expelled.yaml"
        claim.write_text(
            claim.read_text(encoding="utf-8").replace("Neither", "Still, neither"),
            encoding="utf-8",
        )
        assert wait_for(lambda: "Still, neither" in fetch(url)), log.read_text()
        time.sleep(3)  # a looping hook would keep rebuilding here
    finally:
        server.terminate()
        server.wait(timeout=10)
    builds = log.read_text().count("Building documentation")
    assert builds == 2, log.read_text()  # the first build and one rebuild, no loop


@pytest.fixture(scope="module")
def browser() -> str:
    if CHROMIUM:
        return CHROMIUM
    if os.environ.get("REQUIRE_BROWSER"):
        pytest.fail("REQUIRE_BROWSER is set but Debian's chromium is not installed")
    pytest.skip("Debian's chromium is not installed (apt-get install chromium); CI requires it")


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory):
    from tests.conftest import make_project

    project = make_project(tmp_path_factory.mktemp("reader") / "project")
    assert run("build", "--root", str(project)).code == 0
    handler = functools.partial(
        http.server.SimpleHTTPRequestHandler, directory=str(project / "site")
    )
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    handler.log_message = lambda *args: None
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def chromium(browser: str, *args: str) -> str:
    profile = tempfile.mkdtemp()
    try:
        result = subprocess.run(
            [
                browser,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                f"--user-data-dir={profile}",
                *args,
            ],
            capture_output=True,
            encoding="utf-8",
            timeout=90,
            check=True,
        )
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    return result.stdout


def test_browser_shows_badge_claim_and_evidence(browser: str, served: str) -> None:
    dom = chromium(browser, "--dump-dom", f"{served}/claims/all-troops-expelled/")
    assert "<span>Unproven</span>" in dom
    assert (
        "All Ukrainian troops have been forced from Russia’s Kursk region, the Kremlin says." in dom
    )
    assert 'class="md-source__repository"' in dom  # Material's JavaScript ran


def test_browser_renders_source_highlights(browser: str, served: str, tmp_path: Path) -> None:
    dom = chromium(browser, "--dump-dom", f"{served}/sources/002_0ff8d9755428d8f6/")
    assert dom.count('<mark class="fc-mark') >= 4
    shot = tmp_path / "source.png"
    chromium(
        browser,
        "--window-size=1200,1600",
        f"--screenshot={shot}",
        f"{served}/sources/002_0ff8d9755428d8f6/",
    )
    assert shot.stat().st_size > 50_000  # a rendered page, not a blank one
