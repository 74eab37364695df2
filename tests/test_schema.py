"""The JSON Schemas editors use are the loader's own field definitions, written out."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

from generator.loading import load_project
from generator.schemas import schema_files
from tests.conftest import ROOT


def test_committed_schemas_match_the_loader() -> None:
    project, _ = load_project(ROOT)
    for path, content in schema_files(project).items():
        assert (ROOT / path).read_text(encoding="utf-8") == content, (
            f"{path} is out of date: run 'make schema'"
        )


def test_claim_schema_lists_verdicts_sources_and_every_field() -> None:
    schema = json.loads((ROOT / "claims" / "schema.json").read_text(encoding="utf-8"))
    properties = schema["properties"]
    required = [
        "claim",
        "claimant",
        "claim_date",
        "verdict",
        "rating_explained",
        "summary",
        "evidence",
        "author",
        "reviewed_by",
    ]
    assert schema["required"] == required
    assert schema["additionalProperties"] is False
    assert "unproven" in properties["verdict"]["enum"]
    evidence = properties["evidence"]["items"]
    roles = ["appearance", "supports", "refutes", "disputes", "context"]
    assert evidence["properties"]["role"]["enum"] == roles
    assert "002_0ff8d9755428d8f6" in evidence["properties"]["source"]["enum"]


def test_every_claim_file_points_editors_at_the_schema() -> None:
    for path in sorted((ROOT / "claims").glob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=schema.json", path.name


REGISTERS = ["verdicts", "claimants", "team", "triage"]


def test_every_register_has_its_schema_beside_it_and_points_editors_at_it() -> None:
    project, _ = load_project(ROOT)
    written = schema_files(project)
    for name in REGISTERS:
        assert f"{name}.schema.json" in written
        first = (ROOT / f"{name}.yaml").read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema={name}.schema.json", name


def test_register_schemas_are_the_loaders_fields() -> None:
    def schema(name: str) -> dict[str, Any]:
        return json.loads((ROOT / f"{name}.schema.json").read_text(encoding="utf-8"))

    claimant = schema("claimants")["properties"]["claimants"]["items"]
    assert claimant["required"] == ["id", "name", "type", "description"]
    assert claimant["additionalProperties"] is False
    assert claimant["properties"]["type"]["enum"] == [
        "person",
        "organization",
        "outlet",
        "anonymous",
    ]
    assert claimant["properties"]["same_as"]["type"] == "array"
    member = schema("team")["properties"]["team"]["items"]
    assert member["properties"]["type"]["enum"] == ["person", "organization"]
    statement = schema("triage")["properties"]["statements"]["items"]
    assert statement["required"] == ["source", "quote", "reason"]
    sources = sorted(p.stem for p in (ROOT / "seeds").glob("*.txt"))
    assert statement["properties"]["source"]["enum"] == sources
    verdict = schema("verdicts")["properties"]["verdicts"]["items"]
    assert verdict["required"] == ["id", "label", "ordinal", "colour", "icon", "meaning"]


def test_every_register_validates_against_its_schema() -> None:
    """The files as they stand satisfy the published schemas, as an editor's plugin reads them
    (check-jsonschema parses YAML 1.2, as yaml-language-server does)."""
    for name in REGISTERS:
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "check_jsonschema",
                "--schemafile",
                f"{name}.schema.json",
                f"{name}.yaml",
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stdout + result.stderr
