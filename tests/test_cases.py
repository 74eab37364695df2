"""Each file in tests/cases/ is one case: a file written into a copy of the fixture project,
and the exact output and exit code of ``check`` on it. A new case is a new file.

Format (bytes, so a case can hold invalid UTF-8)::

    file: claims/some-claim.yaml     optional: where the content goes (\x1b escapes allowed)
    exit: 1                          the expected exit code
    size: 1000001                    optional: pad the content with a comment to this size
    remove: seeds/x.yaml             optional: delete this file of the fixture first
    symlink: claims/z.yaml -> /dev/zero   optional: make a symbolic link (target as written)
    directory: claims/x.yaml         optional: make an empty directory
    touch: seeds/x.txt               optional: make an empty file
    --- content
    ...the file...
    --- file claims/other.yaml       optional, repeatable: one more file and its content
    ...that file...
    --- output
    ...what check prints...

REGENERATE=1 rewrites each case's output section from the current behaviour (review the diff);
never its exit code, which is written by hand and always asserted.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from generator.codes import Code
from tests.conftest import TESTS, run

CASES = sorted((TESTS / "cases").glob("*.case"))
# anchor-mismatch is an internal safeguard; unreadable-file needs a file the suite (often run
# as root) cannot read, so test_loading pins it with a simulated error instead;
# verdict-without-correction compares two revisions, so test_diff pins it.
NO_CASE = {
    Code.ANCHOR_MISMATCH.value,
    Code.UNREADABLE_FILE.value,
    Code.VERDICT_WITHOUT_CORRECTION.value,
}


def parse_case(data: bytes) -> tuple[dict[str, str], bytes, str]:
    head, rest = data.split(b"--- content\n", 1)
    content, output = rest.split(b"--- output\n", 1)
    header = dict(line.split(": ", 1) for line in head.decode("utf-8").splitlines() if line.strip())
    return header, content, output.decode("utf-8")


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_case(case: Path, project: Path) -> None:
    data = case.read_bytes()
    header, content, expected = parse_case(data)
    content, *more = re.split(rb"^--- file (.+)\n", content, flags=re.MULTILINE)
    for path, body in zip(more[::2], more[1::2], strict=True):
        (project / path.decode("utf-8")).write_bytes(body)
    if "remove" in header:
        (project / header["remove"]).unlink()
    if "size" in header:
        size = int(header["size"])
        content += b"\n#" + b"x" * (size - len(content) - 2)
    if "file" in header:
        name = header["file"].encode("ascii").decode("unicode_escape")
        (project / name).write_bytes(content)
    if "symlink" in header:
        link, target = header["symlink"].split(" -> ")
        (project / link).symlink_to(target.replace("{outside}", str(project.parent / "outside")))
        (project.parent / "outside").write_bytes(content)
    if "touch" in header:
        (project / header["touch"]).write_bytes(b"")
    if "directory" in header:
        (project / header["directory"]).mkdir()

    result = run("check", "--root", str(project), "--format", "text")

    if os.environ.get("REGENERATE"):
        head = data[: data.index(b"--- output\n")]
        case.write_bytes(head + b"--- output\n" + result.out.encode())
    assert result.out == expected
    assert result.code == int(header["exit"])


def test_every_problem_code_has_a_case() -> None:
    """Each code of the registry is pinned by at least one case, so each can happen."""
    pinned = set()
    for case in CASES:
        _, _, output = parse_case(case.read_bytes())
        pinned |= {
            line.split("error[", 1)[1].split("]", 1)[0]
            for line in output.splitlines()
            if "error[" in line
        }
    untested = {c.value for c in Code} - pinned - NO_CASE
    assert not untested, f"codes with no case in tests/cases/: {sorted(untested)}"
    assert pinned <= {c.value for c in Code}, "a case pins a code that is not in the registry"
