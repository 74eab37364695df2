"""The JSON Schemas editors use are the loader's own field definitions, written out."""

from __future__ import annotations

import json

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
