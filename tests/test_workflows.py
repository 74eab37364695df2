"""The GitHub workflows, checked here: valid against GitHub's own schemas, every action pinned
to a commit, and every ``run:`` step executed, in order, in a temporary clone of the
repository with the environment the workflow sets plus what GitHub sets, so a step that names
a missing command, file or variable fails here rather than on the first pull request.

Installing system packages is the runner's business too: ``sudo`` here is a stand-in that
records what the step asks of it (the step installs Chromium where it is missing, and a test
run must not install anything, nor can it without a password or, as root in a container,
without ``sudo`` at all). The test checks what was asked.

Steps that use an action (``uses:``) are GitHub's business and are skipped; the values their
outputs and GitHub's contexts would give are in ``CONTEXT``, and an expression that is not
there fails the test. Steps run as GitHub runs them (``bash -eo pipefail``) plus ``-u``, so a
variable the step names but nothing sets fails too. To stay practical on a small machine,
the clone shares this checkout's ``.venv`` (the workflow's own set-up is ``make``, which finds
it up to date), and ``make test``
inside the clone only collects the suite (``PYTEST_ADDOPTS=--collect-only``): the suite itself
is what is running this test."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
OWNER_REPO = "example-owner/kursk-factcheck"
PAGES_URL = "https://example-owner.github.io/kursk-factcheck/"
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+(\.\d+){0,2}$")
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def context(base: str) -> dict[str, str]:
    """What GitHub's expressions evaluate to on a pull request (and a publish) run."""
    return {
        "github.server_url": "https://github.com",
        "github.repository": OWNER_REPO,
        "github.ref": "refs/pull/7/merge",
        "github.event.pull_request.number": "7",
        "github.event.pull_request.number || github.ref": "7",
        "github.event.pull_request.base.sha": base,
        "github.event_name == 'pull_request'": "true",
        "steps.pages.outputs.base_url": PAGES_URL.rstrip("/"),
        "steps.deployment.outputs.page_url": PAGES_URL,
    }


def load(path: Path) -> dict:
    # PyYAML reads YAML 1.1, where the key 'on' is the boolean True; GitHub reads it as 'on'.
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    if True in workflow:
        workflow["on"] = workflow.pop(True)
    return workflow


def test_workflows_dependabot_and_issue_forms_match_githubs_schemas() -> None:
    """check-jsonschema ships GitHub's schemas; it validates offline."""
    github = ROOT / ".github"
    checks = {
        "vendor.github-workflows": WORKFLOWS,
        "vendor.dependabot": [github / "dependabot.yml"],
        "vendor.github-issue-forms": sorted((github / "ISSUE_TEMPLATE").glob("[!c]*.yml")),
        "vendor.github-issue-config": [github / "ISSUE_TEMPLATE" / "config.yml"],
    }
    for schema, files in checks.items():
        assert files and all(f.is_file() for f in files), schema
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "check_jsonschema",
                "--builtin-schema",
                schema,
                *map(str, files),
            ],
            capture_output=True,
            encoding="utf-8",
        )
        assert result.returncode == 0, result.stdout + result.stderr


def test_workflows_are_kept_the_way_a_maintainer_would() -> None:
    """Actions pinned to full commit SHAs (version in a comment, for Dependabot and readers),
    a time limit on every job, pip cached, one run per pull request, superseded runs cancelled."""
    for path in WORKFLOWS:
        text = path.read_text(encoding="utf-8")
        uses = [line.split("uses:", 1)[1].strip() for line in text.splitlines() if "uses:" in line]
        assert uses, path.name
        for use in uses:
            assert PINNED.match(use), f"{path.name}: '{use}' is not pinned to a commit SHA"
        workflow = load(path)
        for name, job in workflow["jobs"].items():
            assert "timeout-minutes" in job, f"{path.name}: job {name} has no timeout-minutes"
            for step in job["steps"]:
                if step.get("uses", "").startswith("actions/setup-python@"):
                    assert step["with"]["cache"] == "pip"
    check = load(ROOT / ".github" / "workflows" / "check.yml")
    assert set(check["on"]) == {"pull_request", "workflow_dispatch"}  # not push as well
    assert check["concurrency"]["cancel-in-progress"] is True
    assert "pull_request.number" in check["concurrency"]["group"]


def clone(target: Path) -> str:
    """The working tree as it is (tracked and new files), committed in a fresh repository;
    returns that commit, the 'base' of the pretend pull request."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file() and not source.is_symlink():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    git = [
        "git",
        "-c",
        "user.name=CI",
        "-c",
        "user.email=ci@example.org",
        "-c",
        "init.defaultBranch=main",
    ]
    subprocess.run([*git, "init", "-q"], cwd=target, check=True)
    subprocess.run([*git, "add", "-A"], cwd=target, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "base"], cwd=target, check=True)
    # Share the already-built environment: make finds it up to date.
    (target / ".venv").symlink_to(ROOT / ".venv")
    stamp = (ROOT / ".venv" / ".installed").stat().st_mtime
    for name in ("pyproject.toml", "constraints.txt"):
        os.utime(target / name, (stamp - 60, stamp - 60))
    return subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=target, capture_output=True, encoding="utf-8", check=True
    ).stdout.strip()


def expand(text: str, values: dict[str, str], where: str) -> str:
    def one(match: re.Match[str]) -> str:
        expression = match.group(1)
        assert expression in values, f"{where}: no value known for ${{{{ {expression} }}}}"
        return values[expression]

    return EXPRESSION.sub(one, str(text))


def jobs_in_order(jobs: dict) -> list[str]:
    done: list[str] = []
    while len(done) < len(jobs):
        ready = [
            n for n, job in jobs.items() if n not in done and all(d in done for d in _needs(job))
        ]
        assert ready, "jobs with circular 'needs'"
        done += ready
    return done


def _needs(job: dict) -> list[str]:
    needs = job.get("needs", [])
    return [needs] if isinstance(needs, str) else list(needs)


@pytest.mark.skipif(not (ROOT / ".venv" / ".installed").is_file(), reason="needs make's .venv")
@pytest.mark.parametrize("workflow", WORKFLOWS, ids=[w.stem for w in WORKFLOWS])
def test_every_run_step_of_the_workflow_runs(workflow: Path, tmp_path: Path) -> None:
    workspace, temp = tmp_path / "workspace", tmp_path / "runner-temp"
    workspace.mkdir()
    temp.mkdir()
    base = clone(workspace)
    values = context(base)
    spec = load(workflow)
    summary, output, env_file, path_file = (temp / n for n in ("summary", "output", "env", "path"))
    for name in (summary, output, env_file, path_file):
        name.touch()
    runner_bin, asked = tmp_path / "runner-bin", temp / "sudo.log"
    runner_bin.mkdir()
    sudo = runner_bin / "sudo"  # the runner's, recorded instead (see the module's docstring)
    sudo.write_text(f'#!/bin/sh\nprintf "%s\\n" "$*" >> "{asked}"\n', encoding="utf-8")
    sudo.chmod(0o755)
    asked.touch()
    github = {
        "GITHUB_ACTIONS": "true",
        "CI": "true",
        "GITHUB_WORKSPACE": str(workspace),
        "GITHUB_STEP_SUMMARY": str(summary),
        "GITHUB_OUTPUT": str(output),
        "GITHUB_ENV": str(env_file),
        "GITHUB_PATH": str(path_file),
        "RUNNER_TEMP": str(temp),
        "RUNNER_OS": "Linux",
        "GITHUB_REPOSITORY": OWNER_REPO,
        "GITHUB_SERVER_URL": "https://github.com",
        "GITHUB_EVENT_NAME": "pull_request",
        "GITHUB_BASE_REF": "main",
        "GITHUB_SHA": base,
        "HOME": os.environ.get("HOME", str(tmp_path)),
        "PATH": os.pathsep.join((str(runner_bin), os.environ["PATH"])),
        "LANG": "C.UTF-8",
        "NO_MKDOCS_2_WARNING": "1",
        "PYTEST_ADDOPTS": "--collect-only -q",  # the suite is running already (see above)
    }
    ran = 0
    for job_name in jobs_in_order(spec["jobs"]):
        job = spec["jobs"][job_name]
        for index, step in enumerate(job["steps"]):
            if "run" not in step:
                assert "uses" in step
                continue
            where = f"{workflow.name}: job {job_name}, step {index + 1} ({step.get('name', '')})"
            if "if" in step:
                assert step["if"] in values, f"{where}: no value known for if: {step['if']}"
                if values[step["if"]] != "true":
                    continue
            env = dict(github)
            for scope in (spec.get("env", {}), job.get("env", {}), step.get("env", {})):
                env |= {k: expand(v, values, where) for k, v in scope.items()}
            env |= dict(
                line.split("=", 1) for line in env_file.read_text().splitlines() if "=" in line
            )
            script = expand(step["run"], values, where)
            result = subprocess.run(
                ["bash", "--noprofile", "--norc", "-euo", "pipefail", "-c", script],
                cwd=workspace / step.get("working-directory", "."),
                env=env,
                capture_output=True,
                encoding="utf-8",
                errors="replace",
                timeout=600,
            )
            assert result.returncode == 0, f"{where} failed:\n{result.stdout}\n{result.stderr}"
            ran += 1
    assert ran
    has_chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    installs = ["apt-get update -q", "apt-get install -y -q chromium"]
    expected = installs if workflow.stem == "check" and not has_chromium else []
    assert asked.read_text(encoding="utf-8").splitlines() == expected
    if workflow.stem == "check":
        assert summary.read_text(encoding="utf-8").startswith(
            "## What this change does to the fact-checks\n"
        )
