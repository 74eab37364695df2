"""``find``: locate a passage in the seeds and write the evidence item that cites it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from generator import explaining
from generator.anchoring import (
    MIN_WORDS,
    Ambiguous,
    Found,
    NotFound,
    Placement,
    Selector,
    Source,
    resolve,
)
from generator.explaining import show
from generator.folding import collapse


@dataclass(frozen=True, kw_only=True)
class Finding:
    found: bool
    output: str


def find(text: str, sources: Sequence[Source]) -> Finding:
    selector = Selector.of(text)
    if not selector.parts:
        return Finding(found=False, output="nothing to find: the text is empty\n")
    items: list[str] = []
    for source in sources:
        result = resolve(selector, source)
        if isinstance(result, Found):
            items.append(_item(source, result.placement, (result.placement,), selector))
        elif isinstance(result, Ambiguous):
            items.extend(_item(source, p, result.placements, selector) for p in result.placements)
    if items:
        count = f"{len(items)} place{'s' if len(items) != 1 else ''}"
        head = f"# found in {count}; paste under evidence:\n"
        return Finding(found=True, output=head + "".join(items))
    lines = [f"not found in {len(sources)} seed{'s' if len(sources) != 1 else ''}"]
    for source in sources:
        hints = explaining.not_found(
            selector, NotFound(part=selector.parts[0], unfiltered=()), source, ()
        )
        lines.extend(f"    seeds/{source.id}.txt: {hint}" for hint in hints if "closest" in hint)
    return Finding(found=False, output="\n".join(lines) + "\n")


def _item(source: Source, mine: Placement, all_: tuple[Placement, ...], selector: Selector) -> str:
    quote = " [...] ".join(collapse(explaining.raw_of(source, start, end)) for start, end in mine)
    line, col = source.position(source.folded.starts[mine[0][0]])
    lines = [
        f"  # seeds/{source.id}.txt, line {line}, column {col}",
        f"  - source: {source.id}",
        f"    quote: {show(quote)}",
        "    role: context  # appearance | supports | refutes | context",
    ]
    if len(all_) > 1 or selector.words < MIN_WORDS:
        lines.append("    " + explaining.disambiguator(source, mine, all_))
    return "\n".join(lines) + "\n"
