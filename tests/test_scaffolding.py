"""``add-source`` and ``new``: a source and a claim without hand work, and never a file lost."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest

from generator import schemas
from generator.loading import load_project
from tests.conftest import run

ARTICLE = (
    b"Menu | World | Europe\r\n"
    b"Russia says its forces have retaken the last village in the Kursk region.\r\n"
    b"The claim could not be independently verified by reporters on Sunday.\r\n"
    b"Share this article"  # no final line break: copied as it is
)


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def add_source(project: Path, article: Path, *extra: str) -> object:
    return run(
        "add-source",
        "--root",
        str(project),
        str(article),
        "--outlet",
        "Test Daily",
        "--url",
        "https://news.example.com/kursk",
        "--published",
        "2025-04-27",
        *extra,
    )


def test_add_source_copies_byte_for_byte_and_writes_checked_metadata(
    project: Path, tmp_path: Path
) -> None:
    article = tmp_path / "article.txt"
    article.write_bytes(ARTICLE)

    result = add_source(project, article, "--id", "003_test-daily", "--title", 'A "quoted" title')

    assert result.code == 0
    assert result.out == (
        "wrote seeds/003_test-daily.txt (187 bytes, copied as it is)\n"
        "wrote seeds/003_test-daily.yaml: review it, the body markers especially\n"
    )
    assert (project / "seeds" / "003_test-daily.txt").read_bytes() == ARTICLE
    assert (project / "seeds" / "003_test-daily.yaml").read_text(encoding="utf-8") == (
        "# yaml-language-server: $schema=schema.json\n"
        "# Written by `python -m generator add-source`: review every line before committing.\n"
        'outlet: "Test Daily"\n'
        'title: "A \\"quoted\\" title"\n'
        'url: "https://news.example.com/kursk"\n'
        "published: 2025-04-27\n"
        "author: null\n"
        "language: en\n"
        f"sha256: {hashlib.sha256(ARTICLE).hexdigest()}\n"
        "# REVIEW: suggested body markers (first and last lines of prose); move them to\n"
        "# where the article proper starts and ends, or delete the body block.\n"
        "body:\n"
        '  start: "Russia says its forces have retaken the last village in the Kursk region."\n'
        '  end: "The claim could not be independently verified by reporters on Sunday."\n'
    )
    check = run("check", "--root", str(project), "--format", "text")
    assert check.code == 0, check.out
    project_ = load_project(project)[0]
    assert project_.seeds["003_test-daily"].meta.title == 'A "quoted" title'


@pytest.mark.parametrize(
    ("content", "seed_id", "error"),
    [
        (
            b"Kursk\nca\xe9 au lait\n",
            "003_x",
            "error: {article}:2:3: the file is not valid UTF-8 (byte 0xE9); nothing was written. "
            "Save it as UTF-8 first (e.g. iconv -f windows-1252 -t utf-8), keeping the text "
            "otherwise as it is\n",
        ),
        (
            ARTICLE,
            "001_bf3cbcc567dc0b0e",
            "error: seeds/001_bf3cbcc567dc0b0e.txt already exists; seeds are never overwritten "
            "(a newer copy of an article is a new seed: choose another --id)\n",
        ),
        (
            ARTICLE,
            "../escape",
            "error: --id '../escape' is not a seed id: letters, digits, '.', '_' and '-', "
            "starting with a letter or digit, at most 80 characters, without .txt "
            "(e.g. 006_reuters-kursk)\n",
        ),
        (
            ARTICLE,
            "new.txt",
            "error: --id 'new.txt' is not a seed id: letters, digits, '.', '_' and '-', "
            "starting with a letter or digit, at most 80 characters, without .txt "
            "(e.g. 006_reuters-kursk)\n",
        ),
    ],
    ids=["not-utf8", "existing-id", "path", "with-suffix"],
)
def test_add_source_refuses_and_writes_nothing(
    project: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    content: bytes,
    seed_id: str,
    error: str,
) -> None:
    article = tmp_path / "article.txt"
    article.write_bytes(content)
    before = files(project / "seeds")

    assert add_source(project, article, "--id", seed_id).code == 2

    assert capsys.readouterr().err == error.format(article=article)
    assert files(project / "seeds") == before
    assert not (project.parent / "escape.txt").exists()


def test_new_scaffolds_every_required_field(project: Path) -> None:
    result = run("new", "--root", str(project), "North Korea’s troops  left Kursk, Kyiv said.")
    assert result.code == 0
    path = project / "claims" / "north-koreas-troops-left-kursk-kyiv-said.yaml"
    assert result.out == (
        f"wrote claims/{path.name}: replace every 'FILL IN:' (check lists them), then run "
        "python -m generator check\n"
    )
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == "# yaml-language-server: $schema=schema.json"
    assert lines[1] == 'claim: "North Korea’s troops left Kursk, Kyiv said."'
    assert f"claim_date: {dt.date.today().isoformat()}  #" in text
    record = schemas.project_claim_record(load_project(project)[0])
    for name, spec in record.fields.items():
        assert (f"\n{name}:" in text) == spec.required, name
        if not spec.required and name != "id":
            assert f"\n#   {name}: {spec.description}\n" in text
    for name, spec in record.fields["evidence"].kind.item.fields.items():
        assert (f" {name}: " in text) == spec.required, name

    check = run("check", "--root", str(project), "--format", "text")
    codes = [
        line.split("error[")[1].split("]")[0] for line in check.out.splitlines() if "error[" in line
    ]
    assert check.code == 1
    assert set(codes) == {"placeholder"}
    assert len(codes) == text.count("FILL IN:")


def test_new_refuses_to_overwrite(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = project / "claims" / "all-troops-expelled.yaml"
    before = path.read_bytes()
    assert run("new", "--root", str(project), "All troops expelled").code == 2
    assert capsys.readouterr().err == (
        "error: claims/all-troops-expelled.yaml already exists; nothing was overwritten "
        "(edit it, or give another id with --id)\n"
    )
    assert path.read_bytes() == before
    assert run("new", "--root", str(project), "Anything", "--id", "Not A Slug").code == 2
    assert "'Not A Slug' is not a claim id" in capsys.readouterr().err
