"""New files for contributors: a seed's metadata (``add-source``) and a claim to fill in
(``new``). Pure: text in, file contents out; the CLI writes them.

The claim scaffold is written from the loader's own field definitions (``schemas``), so it
follows the format as it is; every value a person must supply reads ``FILL IN: …``, which
``check`` reports (``placeholder``) until it is replaced."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import unicodedata
from collections.abc import Iterator
from typing import Any

from generator.anchoring import Found, Selector, Source, resolve
from generator.fields import PLACEHOLDER, Choice, Date, ListOf, Nullable, Record
from generator.registers import IdRef
from generator.schemas import MAX_SLUG, SOURCE_ID

SCHEMA_LINE = "# yaml-language-server: $schema=schema.json"
MIN_MARKER_WORDS = 6  # a body marker is a line of prose, not a menu item


def yaml_text(value: str) -> str:
    """A one-line YAML scalar that reads back as exactly ``value`` (a JSON string is a
    double-quoted YAML scalar)."""
    return json.dumps(value, ensure_ascii=False)


def valid_seed_id(seed_id: str) -> bool:
    return (
        bool(re.fullmatch(SOURCE_ID, seed_id))
        and ".." not in seed_id
        and not seed_id.endswith((".txt", ".yaml", ".yml"))
        and len(seed_id) <= MAX_SLUG
    )


def seed_metadata(
    text: str,
    data: bytes,
    *,
    outlet: str,
    url: str | None,
    published: str | None,
    title: str | None,
    author: str | None,
    language: str,
) -> str:
    """``seeds/<id>.yaml`` for an archived text, with its SHA-256 and suggested body markers."""

    def value(v: str | None) -> str:
        return yaml_text(v) if v else "null"

    lines = [
        SCHEMA_LINE,
        "# Written by `python -m generator add-source`: review every line before committing.",
        f"outlet: {yaml_text(outlet)}",
        f"title: {value(title)}",
        f"url: {value(url)}",
        f"published: {published or 'null'}",
        f"author: {value(author)}",
        f"language: {language}",
        f"sha256: {hashlib.sha256(data).hexdigest()}",
    ]
    body = suggest_body(text)
    if body:
        lines += [
            "# REVIEW: suggested body markers (first and last lines of prose); move them to",
            "# where the article proper starts and ends, or delete the body block.",
            "body:",
            f"  start: {yaml_text(body[0])}",
            f"  end: {yaml_text(body[1])}",
        ]
    return "\n".join(lines) + "\n"


def suggest_body(text: str) -> tuple[str, str] | None:
    """The first and last lines of prose (a sentence of some length) that occur exactly once
    in the text, so that they anchor as body markers; None if there are none."""
    source = Source.of("new", text)
    prose = [line.strip() for line in text.splitlines() if _is_prose(line)]

    def unique(candidates: list[str]) -> str | None:
        return next(
            (c for c in candidates if isinstance(resolve(Selector.of(c), source), Found)), None
        )

    start = unique(prose)
    end = unique(prose[::-1])
    if not start or not end or (prose.index(end) < prose.index(start)):
        return None
    return start, end


def _is_prose(line: str) -> bool:
    line = line.strip()
    return (
        len(line.split()) >= MIN_MARKER_WORDS and line[-1:] in ".!?\"'”’)" and "[...]" not in line
    )


def slug(text: str) -> str:
    """A claim id from its wording: lowercase ASCII words joined by hyphens, at most eight
    words and MAX_SLUG characters."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower().replace("'", ""))
    result = ""
    for word in words[:8]:
        candidate = f"{result}-{word}" if result else word
        if len(candidate) > MAX_SLUG:
            break
        result = candidate
    return result


def claim_file(claim_text: str, record: Record[Any], today: dt.date) -> str:
    """A claim file with every required field: ``claim`` as given, dates today, the rest
    ``FILL IN: …`` (with the allowed values, where there is a fixed set); optional fields
    follow as comments."""
    lines = [SCHEMA_LINE]
    for name, spec in record.fields.items():
        if name == "claim":
            lines.append(f"claim: {yaml_text(' '.join(claim_text.split()))}")
        elif spec.required:
            lines += _field(name, spec.kind, spec.description, today, "")
    optional = [(n, s) for n, s in record.fields.items() if not s.required and n != "id"]
    if optional:
        lines.append("# Optional fields:")
        lines += [f"#   {name}: {spec.description}" for name, spec in optional]
    return "\n".join(lines) + "\n"


def _field(name: str, kind: object, description: str, today: dt.date, indent: str) -> list[str]:
    if isinstance(kind, Nullable):
        kind = kind.inner
    if isinstance(kind, Date):
        return [f"{indent}{name}: {today.isoformat()}  # {description}"]
    if isinstance(kind, ListOf):
        if isinstance(kind.item, Record):
            item = list(_record_lines(kind.item, today, indent + "    "))
            item[0] = indent + "  - " + item[0].lstrip()
            return [f"{indent}{name}:", *item]
        return [f"{indent}{name}:", f"{indent}  - {_placeholder(description)}"]
    if isinstance(kind, Record):
        return [f"{indent}{name}:", *_record_lines(kind, today, indent + "  ")]
    line = f"{indent}{name}: {_placeholder(description)}"
    if isinstance(kind, Choice):
        line += "  # " + " | ".join(kind.choices)
    elif isinstance(kind, IdRef) and kind.ids:  # the ids of claimants.yaml or team.yaml
        line += "  # " + " | ".join(kind.ids[:12]) + (" | …" if len(kind.ids) > 12 else "")
    return [line]


def _record_lines(record: Record[Any], today: dt.date, indent: str) -> Iterator[str]:
    for name, spec in record.fields.items():
        if spec.required:
            yield from _field(name, spec.kind, spec.description, today, indent)


def _placeholder(description: str) -> str:
    return yaml_text(f"{PLACEHOLDER} {description}")
