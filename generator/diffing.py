"""What a change does to the publication: claims added, removed and re-rated, quotations
added and removed, sources added and removed, as a Markdown summary (a pull request's job
summary). Pure: it compares two loaded projects; ``gitbase`` reads the older one from git.

A verdict that changes without a new entry in the claim's ``corrections:`` is a problem:
readers are owed a public note whenever a rating changes."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from generator.codes import Code
from generator.model import Claim, Evidence, Project
from generator.problems import Problem, Problems

MAX_QUOTE = 160  # characters of a quotation shown in the summary


@dataclass(frozen=True, kw_only=True)
class Changes:
    added: tuple[Claim, ...] = ()
    removed: tuple[Claim, ...] = ()
    rerated: tuple[tuple[Claim, Claim], ...] = ()  # (before, after)
    quotes_added: tuple[tuple[Claim, Evidence], ...] = ()
    quotes_removed: tuple[tuple[Claim, Evidence], ...] = ()
    sources_added: tuple[str, ...] = ()
    sources_removed: tuple[str, ...] = ()
    problems: tuple[Problem, ...] = field(default=())

    @property
    def empty(self) -> bool:
        return not any(
            (
                self.added,
                self.removed,
                self.rerated,
                self.quotes_added,
                self.quotes_removed,
                self.sources_added,
                self.sources_removed,
            )
        )


def compare(before: Project, after: Project) -> Changes:
    old = _claims(before)
    new = _claims(after)
    problems = Problems()
    rerated, quotes_added, quotes_removed = [], [], []
    for claim_id in sorted(old.keys() & new.keys()):
        was, now = old[claim_id], new[claim_id]
        if was.verdict and now.verdict and was.verdict != now.verdict:
            rerated.append((was, now))
            if not set(now.corrections or ()) - set(was.corrections or ()):
                problems.add(
                    now.spots["verdict"],
                    Code.VERDICT_WITHOUT_CORRECTION,
                    f"the verdict changed from '{was.verdict}' to '{now.verdict}' without a new "
                    "entry in corrections:",
                    "add one under corrections: with today's date and a note saying what "
                    "changed and why (readers see it on the page and in the corrections log)",
                )
        was_quotes, now_quotes = _quotes(was), _quotes(now)
        quotes_added += [(now, e) for k, e in now_quotes.items() if k not in was_quotes]
        quotes_removed += [(now, e) for k, e in was_quotes.items() if k not in now_quotes]
    for claim_id in sorted(new.keys() - old.keys()):
        quotes_added += [(new[claim_id], e) for e in _quotes(new[claim_id]).values()]
    for claim_id in sorted(old.keys() - new.keys()):
        quotes_removed += [(old[claim_id], e) for e in _quotes(old[claim_id]).values()]
    return Changes(
        added=tuple(new[i] for i in sorted(new.keys() - old.keys())),
        removed=tuple(old[i] for i in sorted(old.keys() - new.keys())),
        rerated=tuple(rerated),
        quotes_added=tuple(quotes_added),
        quotes_removed=tuple(quotes_removed),
        sources_added=tuple(sorted(after.seeds.keys() - before.seeds.keys())),
        sources_removed=tuple(sorted(before.seeds.keys() - after.seeds.keys())),
        problems=tuple(problems),
    )


def _claims(project: Project) -> dict[str, Claim]:
    """Every claim that has an id, whole or (with problems) salvaged."""
    return {c.id: c for c in (*project.claims, *project.incomplete) if c.id}


def _quotes(claim: Claim) -> dict[tuple[str | None, ...], Evidence]:
    return {
        (e.source, " ".join(e.quote.split()), e.prefix, e.suffix, e.role): e
        for e in claim.evidence or ()
        if e.source and e.quote
    }


def markdown(changes: Changes, after: Project, base: str) -> str:
    """The summary, for a pull request's page: plain GitHub-flavoured Markdown, every value
    from a file escaped so that it reads as text."""
    labels = {v.id: v.label for v in after.scale.verdicts}

    def verdict(verdict_id: str | None) -> str:
        return _text(labels.get(verdict_id or "", verdict_id or "?"))

    def claim_line(claim: Claim) -> str:
        return f"`{claim.id}` — {_text(claim.claim or '')} (**{verdict(claim.verdict)}**)"

    def quote_line(claim: Claim, item: Evidence) -> str:
        quote = " ".join(item.quote.split())
        if len(quote) > MAX_QUOTE:
            quote = quote[: MAX_QUOTE - 1] + "…"
        return f"`{claim.id}`: “{_text(quote)}” — `{item.source}`, {item.role or '?'}"

    counts = [
        _count(len(changes.added), "claim", "added"),
        _count(len(changes.removed), "claim", "removed"),
        _count(len(changes.rerated), "claim", "re-rated"),
        _count(len(changes.quotes_added), "quotation", "added"),
        _count(len(changes.quotes_removed), "quotation", "removed"),
        _count(len(changes.sources_added), "source", "added"),
        _count(len(changes.sources_removed), "source", "removed"),
    ]
    lines = ["## What this change does to the fact-checks", "", f"Compared with `{_code(base)}`."]
    lines += [
        "",
        "**"
        + ("; ".join(c for c in counts if c) or "No claim, quotation or source changed")
        + ".**",
    ]
    sections: list[tuple[str, Iterable[str]]] = [
        ("Claims added", (claim_line(c) for c in changes.added)),
        ("Claims removed", (claim_line(c) for c in changes.removed)),
        (
            "Claims re-rated",
            (
                f"`{now.id}` — {_text(now.claim or '')}: "
                f"**{verdict(was.verdict)} → {verdict(now.verdict)}**"
                for was, now in changes.rerated
            ),
        ),
        ("Quotations added", (quote_line(c, e) for c, e in changes.quotes_added)),
        ("Quotations removed", (quote_line(c, e) for c, e in changes.quotes_removed)),
        ("Sources added", (_source_line(after, s) for s in changes.sources_added)),
        ("Sources removed", (f"`{s}`" for s in changes.sources_removed)),
    ]
    for title, items in sections:
        rows = [f"- {item}" for item in items]
        if rows:
            lines += ["", f"### {title}", "", *rows]
    if changes.problems:
        lines += ["", "### Problems", ""]
        lines += [
            f"- `{_code(str(p.spot))}` {_text(p.message)} ({_text(p.hints[0])})"
            for p in sorted(changes.problems, key=lambda p: p.sort_key)
        ]
    return "\n".join(lines) + "\n"


def _source_line(project: Project, seed_id: str) -> str:
    meta = project.seeds[seed_id].meta
    title = f" — {_text(meta.title)}" if meta.title else ""
    return f"`{seed_id}`: {_text(meta.outlet)}{title}"


def _count(number: int, noun: str, verb: str) -> str:
    if not number:
        return ""
    return f"{number} {noun}{'s' if number != 1 else ''} {verb}"


_MARKDOWN = str.maketrans({c: "\\" + c for c in "\\`*_[]<>|~&"})


def _text(value: str) -> str:
    """A value from a file as Markdown text: one line, every markup character escaped."""
    return " ".join(value.split()).translate(_MARKDOWN)


def _code(value: str) -> str:
    return value.replace("`", "'")
