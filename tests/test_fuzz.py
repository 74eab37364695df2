"""Fuzzing: random and mutated YAML bytes, and random layouts of claims/ and seeds/, fed to
``check`` and ``build``. Whatever arrives, they return problems (exit 0 or 1); never raise.

The suite runs a few dozen examples. A longer run is one command (see the README):

    FUZZ_EXAMPLES=5000 .venv/bin/python -m pytest tests/test_fuzz.py -q
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import FIXTURE, make_project, run

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "40"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
CLAIM = (FIXTURE / "claims" / "north-koreans-fought.yaml").read_bytes()
SEED_META = (FIXTURE / "seeds" / "001_bf3cbcc567dc0b0e.yaml").read_bytes()

# Bytes that mean something to YAML, Markdown, HTML, the fold or the loader.
SPECIAL = [
    b"\x00", b"\x0c", b"\x1b", b"\x7f", b"\xc2\x80", b"\xff", b"\xe2\x80\xae", b"\xe2\x80\x8b",
    b"[", b"{", b"]", b"}", b"&a ", b"*a", b"!!python/object:os.system ", b"? ", b": ", b"- ",
    b"|", b">", b"#", b"'", b'"', b"\n", b"\t", b"---\n", b"...", b"[...]", b"<script>",
    b"](javascript:x)", b"&#106;", b"\\", b"\r", b"%", b"@", b"`", b"\xef\xbb\xbf",
]  # fmt: skip


@st.composite
def mutated(draw, original: bytes) -> bytes:
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(data)))
        kind = draw(st.sampled_from(["insert", "delete", "replace", "repeat"]))
        piece = draw(st.sampled_from(SPECIAL) | st.binary(min_size=1, max_size=4))
        if kind == "insert":
            data[at:at] = piece
        elif kind == "delete":
            del data[at : at + draw(st.integers(1, 40))]
        elif kind == "replace":
            data[at : at + len(piece)] = piece
        else:
            data[at:at] = piece * draw(st.integers(2, 200))
    return bytes(data)


yaml_bytes = st.one_of(
    mutated(CLAIM),
    st.binary(max_size=300),
    st.lists(st.sampled_from(SPECIAL), max_size=40).map(b"".join),
)


def check_exits_cleanly(project: Path) -> None:
    result = run("check", "--root", str(project), "--format", "text")
    assert result.code in (0, 1), result.out
    result = run("check", "--root", str(project), "--format", "json")
    assert result.code in (0, 1)


@FUZZ
@given(claim=yaml_bytes, meta=st.one_of(st.just(SEED_META), mutated(SEED_META)))
def test_check_survives_any_claim_and_seed_bytes(claim: bytes, meta: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        project = make_project(Path(tmp) / "project")
        (project / "claims" / "fuzz.yaml").write_bytes(claim)
        (project / "seeds" / "001_bf3cbcc567dc0b0e.yaml").write_bytes(meta)
        check_exits_cleanly(project)


NAMES = st.sampled_from(
    ["a.yaml", "b.yml", "index.yaml", "x.txt", "x.yaml", "bad\tname.yaml", "Ä.yaml",
     ".yaml", "a b.txt", "a b.yaml", "sub.yaml", "\u202egnp.yaml", "001_bf3cbcc567dc0b0e.txt"]
)  # fmt: skip
ENTRY = st.sampled_from(
    ["file", "empty", "dir", "link-zero", "link-outside", "link-dangling", "link-dir", "fifo"]
)


def make_entry(path: Path, kind: str, content: bytes, outside: Path) -> None:
    if path.exists() or path.is_symlink():
        if path.is_dir() and not path.is_symlink():
            return
        path.unlink()
    if kind == "file":
        path.write_bytes(content)
    elif kind == "empty":
        path.write_bytes(b"")
    elif kind == "dir":
        path.mkdir()
    elif kind == "link-zero":
        path.symlink_to("/dev/zero")
    elif kind == "link-outside":
        path.symlink_to(outside)
    elif kind == "link-dangling":
        path.symlink_to(path.parent / "nowhere")
    elif kind == "link-dir":
        path.symlink_to(path.parent)
    else:
        os.mkfifo(path)


layouts = st.lists(
    st.tuples(st.sampled_from(["claims", "seeds"]), NAMES, ENTRY, yaml_bytes), max_size=6
)


@FUZZ
@given(layout=layouts)
def test_check_survives_any_layout(layout) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        project = make_project(Path(tmp) / "project")
        outside = Path(tmp) / "outside.yaml"
        outside.write_bytes(CLAIM)
        for folder, name, kind, content in layout:
            make_entry(project / folder / name, kind, content, outside)
        check_exits_cleanly(project)


@settings(FUZZ, max_examples=max(3, EXAMPLES // 8))
@given(layout=layouts, claim=yaml_bytes)
def test_build_survives_any_input_and_keeps_the_last_site(layout, claim: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        project = make_project(Path(tmp) / "project")
        outside = Path(tmp) / "outside.yaml"
        outside.write_bytes(CLAIM)
        (project / "site").mkdir()
        (project / "site" / "marker").write_text("last good site", encoding="utf-8")
        (project / "claims" / "fuzz.yaml").write_bytes(claim)
        for folder, name, kind, content in layout:
            make_entry(project / folder / name, kind, content, outside)
        result = run("build", "--root", str(project))
        assert result.code in (0, 1), result.out
        if result.code == 1:  # problems: the previous site stays as it was
            assert (project / "site" / "marker").read_text(encoding="utf-8") == "last good site"
