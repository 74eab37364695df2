"""The commands, run in-process: exit codes, formats, --root, find."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import ROOT, run

BAD_VERDICT = "verdict: flase"


def break_verdict(project: Path) -> None:
    claim = project / "claims" / "all-troops-expelled.yaml"
    claim.write_text(
        claim.read_text(encoding="utf-8").replace("verdict: unproven", BAD_VERDICT),
        encoding="utf-8",
    )


def test_check_clean_project_exits_0(project: Path) -> None:
    result = run("check", "--root", str(project), "--format", "text")
    assert result.code == 0
    assert result.out == "OK: 2 claims and 2 seeds checked; 6 quotations anchored.\n"


def test_repository_own_claims_pass_check() -> None:
    assert run("check", "--root", str(ROOT)).code == 0


def test_usage_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("check", "--root", str(tmp_path)).code == 2
    assert capsys.readouterr().err == (
        f"error: {tmp_path} is not a fact-check project: it needs claims/ and seeds/ folders "
        "(run from the project folder, or pass --root DIR)\n"
    )
    assert run("check", "--format", "xml").code == 2
    assert run("frobnicate").code == 2
    assert run().code == 2


def test_github_format(project: Path) -> None:
    break_verdict(project)
    result = run("check", "--root", str(project), "--format", "github")
    assert result.code == 1
    assert result.out.splitlines()[0] == (
        "::error file=claims/all-troops-expelled.yaml,line=6,col=10,title=unknown-verdict::"
        "unknown verdict 'flase'%0Adid you mean 'false'?%0Aallowed verdicts: true, mostly-true, "
        "mixed, mostly-false, false, misleading, unproven"
    )


def test_github_format_is_default_under_github_actions(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    break_verdict(project)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert run("check", "--root", str(project)).out.startswith("::error file=")


def test_json_format(project: Path) -> None:
    break_verdict(project)
    result = run("check", "--root", str(project), "--format", "json")
    assert result.code == 1
    assert json.loads(result.out) == [
        {
            "file": "claims/all-troops-expelled.yaml",
            "line": 6,
            "column": 10,
            "severity": "error",
            "code": "unknown-verdict",
            "message": "unknown verdict 'flase'",
            "hints": [
                "did you mean 'false'?",
                "allowed verdicts: true, mostly-true, mixed, mostly-false, false, misleading, "
                "unproven",
            ],
        }
    ]


def test_every_problem_across_files_is_reported(project: Path) -> None:
    break_verdict(project)
    (project / "claims" / "second.yaml").write_text("claim: [unclosed\n", encoding="utf-8")
    result = run("check", "--root", str(project), "--format", "text")
    assert result.out.count("error[") == 2
    assert result.out.endswith("2 problems in 2 files.\n")


def test_find_prints_a_pasteable_item(project: Path) -> None:
    result = run("find", "--root", str(project), "officials disputed the claim")
    assert result.code == 0
    assert result.out == (
        "# found in 2 places; paste under evidence:\n"
        "  # seeds/001_bf3cbcc567dc0b0e.txt, line 4, column 11\n"
        "  - source: 001_bf3cbcc567dc0b0e\n"
        '    quote: "officials disputed the claim"\n'
        "    role: context  # appearance | supports | refutes | context\n"
        "  # seeds/002_0ff8d9755428d8f6.txt, line 14, column 1\n"
        "  - source: 002_0ff8d9755428d8f6\n"
        '    quote: "officials disputed the claim"\n'
        "    role: context  # appearance | supports | refutes | context\n"
    )


def test_find_adds_the_context_a_repeated_passage_needs(project: Path) -> None:
    result = run(
        "find", "--root", str(project), "--source", "002_0ff8d9755428d8f6", "Valery Gerasimov"
    )
    assert result.code == 0
    assert '    prefix: "Vatican"\n' in result.out
    assert '    prefix: "said."\n' in result.out


def test_find_output_passes_check(project: Path) -> None:
    """What find prints, pasted into a claim, anchors."""
    found = run("find", "--root", str(project), "--source", "002_0ff8d9755428d8f6", "Gerasimov")
    items = found.out.split("  # seeds/")[1:]
    claim = project / "claims" / "all-troops-expelled.yaml"
    body = claim.read_text(encoding="utf-8")
    pasted = "".join("\n".join(i.splitlines()[1:]) + "\n" for i in items)
    claim.write_text(body.replace("evidence:\n", "evidence:\n" + pasted), encoding="utf-8")
    assert len(items) == 4
    assert run("check", "--root", str(project)).code == 0


def test_find_not_found_exits_1(project: Path) -> None:
    result = run("find", "--root", str(project), "Ukrainian officials confirmed the claim.")
    assert result.code == 1
    assert result.out.splitlines()[0] == "not found in 2 seeds"
    assert "closest (" in result.out and '"Ukrainian officials disputed the claim."' in result.out
