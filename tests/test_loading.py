"""The loader against hostile layouts and bytes: every one a located problem, no traceback."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator import loading
from generator.settings import Settings
from tests.conftest import run

HEAD = b"claim: A claim.\nclaimant: Someone\nclaim_date: 2025-04-26\nverdict: unproven\n"


def codes(out: str) -> list[str]:
    return [
        line.split("error[", 1)[1].split("]", 1)[0] for line in out.splitlines() if "error[" in line
    ]


@pytest.mark.parametrize(
    "content",
    [
        b"summary: " + b"[" * 50_000,
        b"summary: " + b"{a: " * 20_000,
        b"summary:\n  " + b"- " * 20_000 + b"x",
    ],
    ids=["50000-brackets", "20000-braces", "20000-dashes"],
)
def test_deep_nesting_is_a_problem_not_a_recursion_error(project: Path, content: bytes) -> None:
    (project / "claims" / "deep.yaml").write_bytes(HEAD + content)
    result = run("check", "--root", str(project), "--format", "text")
    assert result.code == 1
    assert codes(result.out) == ["too-deep"]


@pytest.mark.parametrize("char", ["\x00", "\x0b", "\x0c", "\x1b", "\x7f", "\x80", "\ufffe"])
def test_each_forbidden_character_is_located(project: Path, char: str) -> None:
    (project / "claims" / "ctl.yaml").write_text(f"{HEAD.decode()}summary: a{char}b\n", "utf-8")
    result = run("check", "--root", str(project), "--format", "text")
    assert result.out.splitlines()[0].startswith(
        f"claims/ctl.yaml:5:11: error[control-character]: U+{ord(char):04X} ("
    )


def test_a_fifo_is_not_read(project: Path) -> None:
    os.mkfifo(project / "claims" / "pipe.yaml")  # opening it for reading would block
    result = run("check", "--root", str(project), "--format", "text")
    assert result.out.splitlines()[0] == (
        "claims/pipe.yaml:1:1: error[not-a-file]: claims/pipe.yaml is a special file "
        "(device, pipe or socket), not a regular file"
    )


def test_a_linked_folder_is_not_followed(project: Path, tmp_path: Path) -> None:
    os.rename(project / "claims", tmp_path / "elsewhere")
    (project / "claims").symlink_to(tmp_path / "elsewhere")
    result = run("check", "--root", str(project), "--format", "text")
    assert result.out.splitlines()[0] == (
        "claims:1:1: error[symlink]: claims/ is a symbolic link; links are never followed"
    )


def test_a_linked_verdict_scale_is_not_followed(project: Path, tmp_path: Path) -> None:
    os.rename(project / "verdicts.yaml", tmp_path / "verdicts.yaml")
    (project / "verdicts.yaml").symlink_to(tmp_path / "verdicts.yaml")
    result = run("check", "--root", str(project), "--format", "text")
    assert "verdicts.yaml:1:1: error[symlink]: verdicts.yaml is a symbolic link" in result.out


def test_an_unreadable_file_is_a_problem(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_open = os.open

    def refuse(path, flags, *args):
        if str(path).endswith("all-troops-expelled.yaml"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, flags, *args)

    monkeypatch.setattr(loading.os, "open", refuse)
    result = run("check", "--root", str(project), "--format", "text")
    assert result.out.splitlines()[:2] == [
        "claims/all-troops-expelled.yaml:1:1: error[unreadable-file]: "
        "claims/all-troops-expelled.yaml cannot be read: Permission denied",
        "    check that it is a plain file you can read",
    ]


def test_the_size_limit_counts_bytes_read_not_stat(project: Path, monkeypatch) -> None:
    """A file that grows past the limit after stat (or lies about its size) is still cut off."""
    (project / "claims" / "big.yaml").write_bytes(HEAD + b"#" * (loading.MAX_BYTES + 10))
    real_fstat = os.fstat

    def small(fd):
        info = real_fstat(fd)
        return os.stat_result((*info[:6], 10, *info[7:]))

    monkeypatch.setattr(loading.os, "fstat", small)
    result = run("check", "--root", str(project), "--format", "text")
    assert result.out.splitlines()[0] == (
        "claims/big.yaml:1:1: error[file-too-large]: the file is over 1 MB; "
        "the limit is 1,000,000 bytes (1 MB)"
    )


def test_an_undecodable_file_name_is_reported_printably(project: Path) -> None:
    name = os.fsdecode(b"bad\xffname.yaml")
    (project / "claims" / name).write_bytes(HEAD)
    result = run("check", "--root", str(project), "--format", "text")
    assert result.out.splitlines()[0].startswith(
        "claims/bad\\xffname.yaml:1:1: error[bad-file-name]"
    )


@pytest.mark.parametrize(
    ("extra", "publisher"),
    [
        ({"publisher": "The Desk"}, "The Desk"),
        ({"publisher": ["a", "list"]}, "Site"),
        ({"publisher": {"name": {"a": 1}}}, "Site"),
        ("not a mapping", "Site"),
    ],
)
def test_odd_publisher_settings_do_not_crash(extra: object, publisher: str) -> None:
    settings = Settings.from_mkdocs({"site_name": "Site", "extra": extra})
    assert settings.publisher == publisher
