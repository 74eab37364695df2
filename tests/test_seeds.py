"""The archive: byte for byte as archived, and its metadata complete."""

from __future__ import annotations

import hashlib

from generator.loading import load_project
from tests.conftest import ROOT

# The committed list: SHA-256 of each archived article as it was handed to the project.
ARCHIVED = {
    "000_4749cbd4f881e3a5": "0faaf8c7d97b68e875ea3b142bfcba113a73b590899bed71876e07f4f1f6056e",
    "001_bf3cbcc567dc0b0e": "aa1500dc761667474077dea6a8b66f5ce66e9ab496fbf9f0b77f4cd1ac035943",
    "002_0ff8d9755428d8f6": "1671e9898c64b77e64ae4311817921db72d9e2bf30b452aa91c0cdd0864e942f",
    "003_1ad628a512f7e72e": "0634c7933619188e4a6664b9013f5bdca58f8a63c02f1b6ad49b69f878608523",
    "004_bcb66c531cc9ea97": "dd9c8dae43ad1f9ec1c19d9b08c9d8efd80c6c5d08a6cd92fd126ec3ed9fbef0",
}


def test_seeds_are_byte_identical_to_the_archive() -> None:
    actual = {
        path.stem: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted((ROOT / "seeds").glob("*.txt"))
    }
    assert actual == ARCHIVED


def test_seed_metadata_records_the_archived_hash() -> None:
    project, problems = load_project(ROOT)
    assert not problems
    assert {seed_id: seed.meta.sha256 for seed_id, seed in project.seeds.items()} == ARCHIVED
