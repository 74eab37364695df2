"""Reading the project from disk: the verdict scale, the seeds and the claims.

Every file is read once; each failure becomes a problem in place of the file, so one bad
file never hides the problems of the others. Files come from strangers' pull requests: a
symbolic link is never followed (it could point anywhere, /dev/zero included), only regular
files are read, and the size limit is applied to the bytes read, not to what ``stat`` says."""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path

from generator import memo, registers, schemas
from generator.codes import Code
from generator.fields import INVALID, Invalid, Record, T
from generator.model import Claim, Project, Scale, Seed, SeedMeta
from generator.problems import Problems, Spot
from generator.yamltree import Map, parse

MAX_BYTES = 1_000_000
MISSING_HINTS = {
    registers.CLAIMANTS_FILE: "create it with a 'claimants:' list (id, name, type, description); "
    "claim files name their claimant by id",
    registers.TEAM_FILE: "create it with a 'team:' list (id, name, type, description); "
    "claim files name their author and reviewer by id",
}
_NO_FOLLOW = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)


def read_bytes(root: Path, relative: str, problems: Problems) -> bytes | None:
    """A regular file's bytes, at most ``MAX_BYTES``; None with a problem otherwise."""
    path = os.path.join(root, relative)
    spot = Spot(path=relative)
    try:
        mode = os.lstat(path).st_mode
        if stat.S_ISLNK(mode):
            problems.add(
                spot,
                Code.SYMLINK,
                f"{relative} is a symbolic link; links are never followed",
                "commit the file itself, not a link to it",
            )
            return None
        if not stat.S_ISREG(mode):
            _not_a_file(spot, relative, mode, problems)
            return None
        fd = os.open(path, _NO_FOLLOW)
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):  # swapped between lstat and open
                _not_a_file(spot, relative, info.st_mode, problems)
                return None
            data = _read_at_most(fd, info.st_size, MAX_BYTES + 1)
        finally:
            os.close(fd)
    except OSError as error:
        problems.add(
            spot,
            Code.UNREADABLE_FILE,
            f"{relative} cannot be read: {error.strerror or error}",
            "check that it is a plain file you can read",
        )
        return None
    if len(data) > MAX_BYTES:
        size = f"{info.st_size:,} bytes" if info.st_size > MAX_BYTES else "over 1 MB"
        problems.add(
            spot,
            Code.FILE_TOO_LARGE,
            f"the file is {size}; the limit is {MAX_BYTES:,} bytes (1 MB)",
            "split it, or shorten the text",
        )
        return None
    return data


def _read_at_most(fd: int, size: int, limit: int) -> bytes:
    """Up to ``limit`` bytes of a file that ``stat`` says holds ``size``. The first read asks
    for what stat said (plus one, to see the end): a read of ``limit`` bytes would allocate a
    megabyte for every small file. What follows, if the file is longer than stat said, is
    read in small steps, still never past ``limit``."""
    data = os.read(fd, min(size + 1, limit))
    if not data:
        return data
    parts, total = [data], len(data)
    while total < limit and (more := os.read(fd, min(1 << 16, limit - total))):
        parts.append(more)
        total += len(more)
    return data if len(parts) == 1 else b"".join(parts)


def _not_a_file(spot: Spot, relative: str, mode: int, problems: Problems) -> None:
    kind = "a directory" if stat.S_ISDIR(mode) else "a special file (device, pipe or socket)"
    problems.add(
        spot,
        Code.NOT_A_FILE,
        f"{relative} is {kind}, not a regular file",
        "remove it, or rename it so that it does not end in .yaml, .yml or .txt",
    )


def read_text(root: Path, relative: str, problems: Problems) -> tuple[str, bytes] | None:
    """A file's text (strict UTF-8) and bytes, or None with a problem."""
    data = read_bytes(root, relative, problems)
    if data is None:
        return None
    try:
        return data.decode("utf-8"), data
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        line_start = data.rfind(b"\n", 0, error.start) + 1
        col = len(data[line_start : error.start].decode("utf-8", "replace")) + 1
        problems.add(
            Spot(path=relative, line=line, col=col),
            Code.NOT_UTF8,
            f"the file is not valid UTF-8: byte 0x{data[error.start]:02X} cannot be decoded",
            "save the file with UTF-8 encoding",
        )
        return None


def read_record(
    root: Path, relative: str, record: Record[T], problems: Problems, **extra: object
) -> T | Invalid:
    """Parse a YAML file and convert it with ``record``; INVALID on any problem."""
    tree = read_tree(root, relative, problems)
    if tree is None:
        return INVALID
    return record.convert(tree, problems, **extra)


def read_tree(root: Path, relative: str, problems: Problems) -> Map | None:
    """A YAML file's top-level mapping, or None with a problem."""
    read = read_text(root, relative, problems)
    return None if read is None else tree_of(read[0], relative, problems)


def tree_of(text: str, relative: str, problems: Problems) -> Map | None:
    """A YAML text's top-level mapping, or None with a problem."""
    tree = parse(text, relative, problems)
    if tree is None:
        return None
    if not isinstance(tree, Map):
        problems.add(
            tree.spot,
            Code.NOT_A_MAPPING,
            "expected the file to be a mapping of 'key: value' lines at the top level",
            "start with the first field, e.g. 'claim: …', not with '- ' or a bare value",
        )
        return None
    return tree


def _read_once(
    root: Path,
    relative: str,
    problems: Problems,
    kept: memo.Memo | None,
    context: object,
    work: Callable[[str, Problems], T],
) -> T | None:
    """``work`` over a file's text, or None with a problem if it cannot be read. The file
    is read every time (its problems of size, type or encoding too); with a memo, what
    ``work`` made of the same bytes in the same ``context`` is reused."""
    read = read_text(root, relative, problems)
    if read is None:
        return None
    text, data = read
    return memo.checked(
        kept, "file", relative, lambda: (data, context), lambda found: work(text, found), problems
    )


def _record_of(text: str, relative: str, record: Record[T], problems: Problems) -> T | Invalid:
    tree = tree_of(text, relative, problems)
    return INVALID if tree is None else record.convert(tree, problems)


def _nothing() -> None:
    pass


def load_project(
    root: Path, kept: memo.Memo | None = None, step: Callable[[], None] = _nothing
) -> tuple[Project, Problems]:
    """``kept``: what the live preview's previous rebuilds loaded (see ``memo``); ``step()``
    is called after each seed and each claim file (for a progress count)."""
    problems = Problems()
    scale = _load_scale(root, problems, kept)
    seed_names = _listing(root, "seeds", (".txt", ".yaml"), problems)
    claim_names = _listing(root, "claims", (".yaml", ".yml"), problems)
    # A seed whose metadata is broken is still a known source: its claims are not blamed.
    source_ids = tuple(sorted(n.removesuffix(".txt") for n in seed_names if n.endswith(".txt")))
    seeds, incomplete_seeds = _load_seeds(root, seed_names, source_ids, problems, kept, step)
    claimants = _load_register(
        root, registers.CLAIMANTS_FILE, registers.claimants_record(), problems, kept
    )
    team = _load_register(root, registers.TEAM_FILE, registers.team_record(), problems, kept)
    claimant_ids = None if claimants is None else tuple(c.id for c in claimants)
    team_ids = None if team is None else tuple(t.id for t in team)
    triage = None
    if os.path.lexists(root / registers.TRIAGE_FILE):  # optional: nothing left unchecked
        statements = registers.triage_record(schemas.SourceRef(source_ids=source_ids), claimant_ids)
        triage = _load_register(
            root, registers.TRIAGE_FILE, statements, problems, kept, (source_ids, claimant_ids)
        )
    known = (scale.ids if scale else None, source_ids, claimant_ids, team_ids)
    record = schemas.claim_record(*known)
    claims, incomplete = _load_claims(root, claim_names, record, problems, kept, known, step)
    project = Project(
        scale=scale or Scale(verdicts=()),
        seeds=seeds,
        claims=claims,
        incomplete=incomplete,
        incomplete_seeds=incomplete_seeds,
        claim_ids=frozenset(Path(n).stem for n in claim_names if n.endswith(".yaml")),
        claimants=claimants or (),
        team=team or (),
        triage=triage or (),
    )
    return project, problems


def _load_register(
    root: Path,
    name: str,
    record: Record[tuple[T, ...]],
    problems: Problems,
    kept: memo.Memo | None,
    context: object = None,
) -> tuple[T, ...] | None:
    """A register (claimants, team, triage): its entries, or None if missing or broken.
    ``context``: what its record depends on besides the file (the ids it may name)."""
    if not os.path.lexists(root / name):
        problems.add(Spot(path=name), Code.MISSING_FILE, f"{name} is missing", MISSING_HINTS[name])
        return None
    entries = _read_once(
        root,
        name,
        problems,
        kept,
        context,
        lambda text, found: _record_of(text, name, record, found),
    )
    return None if entries is None or isinstance(entries, Invalid) else entries


def _listing(root: Path, folder: str, suffixes: tuple[str, ...], problems: Problems) -> list[str]:
    """The sorted names in a project folder that end in one of ``suffixes``. The folder must
    be a real directory (not a link); a name that cannot be printed is reported, not read."""
    path = root / folder
    try:
        if path.is_symlink():
            problems.add(
                Spot(path=folder),
                Code.SYMLINK,
                f"{folder}/ is a symbolic link; links are never followed",
                f"commit the {folder}/ folder itself, not a link to it",
            )
            return []
        names = sorted(os.listdir(path)) if path.is_dir() else []
    except OSError as error:
        problems.add(
            Spot(path=folder),
            Code.UNREADABLE_FILE,
            f"{folder}/ cannot be read: {error.strerror or error}",
            "check that it is a plain folder you can read",
        )
        return []
    listed = []
    for name in names:
        if not name.endswith(suffixes):
            continue
        if not name.isprintable():
            shown = "".join(c if c.isprintable() else _escape(c) for c in name)
            problems.add(
                Spot(path=f"{folder}/{shown}"),
                Code.BAD_FILE_NAME,
                "the file name holds control, invisible or undecodable characters "
                "(shown as \\x.., \\u....); it is not read",
                "rename it using letters, digits and hyphens",
            )
            continue
        listed.append(name)
    return listed


def _escape(char: str) -> str:
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # an undecodable byte, kept by the file system encoding
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _load_scale(root: Path, problems: Problems, kept: memo.Memo | None) -> Scale | None:
    name = schemas.SCALE_FILE
    if not os.path.lexists(root / name):
        problems.add(Spot(path=name), Code.MISSING_FILE, "the verdict scale file is missing")
        return None
    record = schemas.scale_record()
    scale = _read_once(
        root, name, problems, kept, None, lambda t, p: _record_of(t, name, record, p)
    )
    return None if scale is None or isinstance(scale, Invalid) else scale


def _load_seeds(
    root: Path,
    names: list[str],
    source_ids: tuple[str, ...],
    problems: Problems,
    kept: memo.Memo | None,
    step: Callable[[], None],
) -> tuple[dict[str, Seed], dict[str, Seed]]:
    """The seeds that load, and those whose metadata has problems (with what can be salvaged
    of it), so that the quotations citing them are still anchored and reported."""
    texts = set(source_ids)
    metas = {n.removesuffix(".yaml") for n in names if n.endswith(".yaml")}
    record = schemas.seed_record(source_ids)
    seeds: dict[str, Seed] = {}
    incomplete: dict[str, Seed] = {}
    for seed_id in sorted(texts | metas):
        step()
        text_path, meta_path = f"seeds/{seed_id}.txt", f"seeds/{seed_id}.yaml"
        if seed_id not in metas:
            problems.add(
                Spot(path=text_path),
                Code.MISSING_METADATA,
                f"the archived text has no metadata file {meta_path}",
                "add it with outlet, title, url, published, author, language and sha256",
            )
            continue
        if seed_id not in texts:
            problems.add(
                Spot(path=meta_path),
                Code.MISSING_SEED_TEXT,
                f"the metadata describes {text_path}, which does not exist",
            )
            continue
        first = len(problems)
        meta, whole = _read_once(
            root,
            meta_path,
            problems,
            kept,
            source_ids,
            partial(_seed_meta, meta_path, record),
        ) or (INVALID, False)
        read = read_text(root, text_path, problems)
        if read is None:
            continue
        text, data = read
        _hint_new_sha256(problems, first, meta_path, data)
        if isinstance(meta, Invalid):
            continue
        seed = Seed(id=seed_id, text=text, sha256=hashlib.sha256(data).hexdigest(), meta=meta)
        (seeds if whole else incomplete)[seed_id] = seed
    return seeds, incomplete


def _seed_meta(
    relative: str, record: Record[SeedMeta], text: str, problems: Problems
) -> tuple[SeedMeta | Invalid, bool]:
    """A seed's metadata and whether it is whole; salvaged of what loads if it is not."""
    tree = tree_of(text, relative, problems)
    if tree is None:
        return INVALID, False
    meta = record.convert(tree, problems)
    if isinstance(meta, Invalid):
        return record.salvage(tree), False
    return meta, True


def _hint_new_sha256(problems: Problems, first: int, meta_path: str, data: bytes) -> None:
    """A new seed's metadata without ``sha256``: give the value to paste. (Only here: for a
    seed whose text has changed, the new value is never offered.)"""
    for index in range(first, len(problems)):
        problem = problems[index]
        if (
            problem.code == Code.MISSING_FIELD
            and problem.spot.path == meta_path
            and problem.message == "missing required field 'sha256'"
        ):
            paste = f"sha256: {hashlib.sha256(data).hexdigest()}"
            problems[index] = replace(problem, hints=(f"add the line '{paste}'",))


def _load_claims(
    root: Path,
    names: list[str],
    record: Record[Claim],
    problems: Problems,
    kept: memo.Memo | None,
    known: object,
    step: Callable[[], None],
) -> tuple[tuple[Claim, ...], tuple[Claim, ...]]:
    """The claims that load, and what can be salvaged of those that do not (so that their
    quotations are still anchored and their problems reported in the same run)."""
    for stray in (n for n in names if n.endswith(".yml")):
        problems.add(
            Spot(path=f"claims/{stray}"),
            Code.WRONG_EXTENSION,
            "claim files end in .yaml; this one is not read",
            f"rename it to claims/{stray.removesuffix('.yml')}.yaml",
        )
    claims: list[Claim] = []
    incomplete: list[Claim] = []
    for name in (n for n in names if n.endswith(".yaml")):
        step()
        relative = f"claims/{name}"
        loaded = _read_once(
            root,
            relative,
            problems,
            kept,
            known,  # the ids a claim may name
            partial(_claim_of, relative, record),
        )
        if loaded is not None:
            claim, whole = loaded
            (claims if whole else incomplete).append(claim)
    return tuple(claims), tuple(incomplete)


def _claim_of(
    relative: str, record: Record[Claim], text: str, problems: Problems
) -> tuple[Claim, bool] | None:
    """A claim and whether it is whole; salvaged of what loads if it is not."""
    tree = tree_of(text, relative, problems)
    if tree is None:
        return None
    claim = record.convert(tree, problems, path=relative)
    whole = not isinstance(claim, Invalid)
    if isinstance(claim, Invalid):
        claim = record.salvage(tree, path=relative)  # never INVALID: tree is a mapping
        if isinstance(claim, Invalid):
            return None
    return claim, whole
