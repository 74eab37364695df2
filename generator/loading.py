"""Reading the project from disk: the verdict scale, the seeds and the claims.

Every file is read once; each failure becomes a problem in place of the file, so one bad
file never hides the problems of the others."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

from generator import schemas
from generator.fields import INVALID, Record
from generator.model import Claim, Project, Scale, Seed, SeedMeta
from generator.problems import Problems, Spot
from generator.yamltree import Map, parse

MAX_BYTES = 1_000_000
SCALE_FILE = "verdicts.yaml"


def read_text(root: Path, relative: str, problems: Problems) -> tuple[str, bytes] | None:
    """A file's text (strict UTF-8) and bytes, or None with a problem."""
    path = root / relative
    size = path.stat().st_size
    if size > MAX_BYTES:
        problems.add(
            Spot(path=relative),
            "file-too-large",
            f"the file is {size:,} bytes; the limit is {MAX_BYTES:,} bytes (1 MB)",
            "split it, or shorten the text",
        )
        return None
    data = path.read_bytes()
    try:
        return data.decode("utf-8"), data
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        line_start = data.rfind(b"\n", 0, error.start) + 1
        col = len(data[line_start : error.start].decode("utf-8", "replace")) + 1
        problems.add(
            Spot(path=relative, line=line, col=col),
            "not-utf8",
            f"the file is not valid UTF-8: byte 0x{data[error.start]:02X} cannot be decoded",
            "save the file with UTF-8 encoding",
        )
        return None


def read_record(root: Path, relative: str, record: Record, problems: Problems, **extra):
    """Parse a YAML file and convert it with ``record``; INVALID on any problem."""
    read = read_text(root, relative, problems)
    if read is None:
        return INVALID
    tree = parse(read[0], relative, problems)
    if tree is None:
        return INVALID
    if not isinstance(tree, Map):
        problems.add(
            tree.spot,
            "not-a-mapping",
            "expected the file to be a mapping of 'key: value' lines at the top level",
            "start with the first field, e.g. 'claim: …', not with '- ' or a bare value",
        )
        return INVALID
    if extra:
        record = Record(fields=record.fields, build=record.build, extra=extra)
    return record.convert(tree, problems)


def load_project(root: Path) -> tuple[Project, Problems]:
    problems = Problems()
    scale = _load_scale(root, problems)
    seeds = _load_seeds(root, problems)
    # A seed whose metadata is broken is still a known source: its claims are not blamed.
    source_ids = tuple(sorted(p.stem for p in (root / "seeds").glob("*.txt")))
    claims = _load_claims(root, scale.ids if scale else None, source_ids, problems)
    return Project(scale=scale or Scale(verdicts=()), seeds=seeds, claims=claims), problems


def _load_scale(root: Path, problems: Problems) -> Scale | None:
    if not (root / SCALE_FILE).is_file():
        problems.add(Spot(path=SCALE_FILE), "missing-file", "the verdict scale file is missing")
        return None
    scale = read_record(root, SCALE_FILE, schemas.scale_record(), problems)
    return None if scale is INVALID else scale


def _load_seeds(root: Path, problems: Problems) -> dict[str, Seed]:
    folder = root / "seeds"
    texts = {p.stem for p in folder.glob("*.txt")}
    metas = {p.stem for p in folder.glob("*.yaml")}
    record = schemas.seed_record()
    seeds = {}
    for seed_id in sorted(texts | metas):
        text_path, meta_path = f"seeds/{seed_id}.txt", f"seeds/{seed_id}.yaml"
        if seed_id not in metas:
            problems.add(
                Spot(path=text_path),
                "missing-metadata",
                f"the archived text has no metadata file {meta_path}",
                "add it with outlet, title, url, published, author, language and sha256",
            )
            continue
        if seed_id not in texts:
            problems.add(
                Spot(path=meta_path),
                "missing-seed-text",
                f"the metadata describes {text_path}, which does not exist",
            )
            continue
        meta: SeedMeta = read_record(root, meta_path, record, problems)
        read = read_text(root, text_path, problems)
        if meta is INVALID or read is None:
            continue
        text, data = read
        seeds[seed_id] = Seed(
            id=seed_id, text=text, sha256=hashlib.sha256(data).hexdigest(), meta=meta
        )
    return seeds


def _load_claims(
    root: Path,
    verdict_ids: tuple[str, ...] | None,
    source_ids: tuple[str, ...],
    problems: Problems,
) -> tuple[Claim, ...]:
    folder = root / "claims"
    for stray in sorted(folder.glob("*.yml")):
        problems.add(
            Spot(path=f"claims/{stray.name}"),
            "wrong-extension",
            "claim files end in .yaml; this one is not read",
            f"rename it to claims/{stray.stem}.yaml",
        )
    record = schemas.claim_record(verdict_ids, source_ids)
    claims = []
    for path in sorted(folder.glob("*.yaml")):
        relative = f"claims/{path.name}"
        claim = read_record(root, relative, record, problems, path=relative)
        if claim is not INVALID:
            claims.append(claim if claim.id else replace(claim, id=path.stem))
    return tuple(claims)
