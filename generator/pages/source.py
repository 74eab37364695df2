"""The source page: metadata, the claims that cite it, and the archived text with every cited
span highlighted. Marks are flat: the text is cut at every span and paragraph boundary and
each piece is wrapped in at most one <mark> naming all the evidence it belongs to."""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Iterator

from generator import markup, urls
from generator.checked import CheckedSeed, CheckedStatement
from generator.escaping import Markup
from generator.pages.crossref import Citation, Index
from generator.pages.html import (
    NOT_SEARCHED,
    ROLE_SHORT,
    badge,
    date,
    document,
    front_matter,
    link,
    title_text,
)
from generator.settings import Settings

SENTENCE_END = re.compile(r"[.!?:\"”’)]\s*$")


def page(checked: CheckedSeed, index: Index, settings: Settings) -> str:
    seed, meta = checked.seed, checked.seed.meta
    here = urls.source_page(seed.id)
    citations = index.citations.get(seed.id, ())
    claims = list(dict.fromkeys(c.claim.id for c in citations))
    numbers = {claim_id: n for n, claim_id in enumerate(claims, 1)}
    # An untitled copy is named by its outlet and date, not "Untitled article from X (X)".
    when = f"{meta.published.day} {meta.published:%B %Y}" if meta.published else "date unknown"
    title = meta.title or f"{meta.outlet} article, {when}"
    facts = [
        ("Outlet", meta.outlet),
        ("Headline", meta.title or "not in the archived copy"),
        ("Byline", meta.author or "none given"),
        ("Published", date(meta.published)),
        ("Original", link(meta.url, meta.url, rel="nofollow") if meta.url else "unknown"),
        (
            "Archived copy",
            Markup('{} <span class="fc-hash">SHA-256 {}</span>').format(
                link(urls.rel_file(here, urls.source_text(seed.id)), f"{seed.id}.txt"),
                seed.sha256,
            ),
        ),
    ]
    rows = Markup("\n").join(Markup("<dt>{}</dt> <dd>{}</dd>").format(k, v) for k, v in facts)
    blocks = [
        front_matter(title=title_text(f"{title} ({meta.outlet})" if meta.title else title)),
        Markup(
            '<p class="fc-kicker" {0}>Archived source</p>\n<h1 class="fc-title" {0}>{1}</h1>'
        ).format(NOT_SEARCHED, title),
        Markup('<dl class="fc-meta">\n{}\n</dl>').format(rows),
    ]
    if meta.notes:
        blocks.append(
            Markup('<div class="fc-prose fc-source-notes">\n{}\n</div>').format(
                markup.render(meta.notes)
            )
        )
    blocks += [
        Markup("## Fact-checks citing this article"),
        _claims_table(citations, numbers, index, here),
    ]
    not_checked = len(index.not_checked.get(seed.id, ()))
    if not_checked:
        blocks.append(
            Markup(
                '<p>{} in this article: <span class="fc-count">{}</span> (highlighted '
                "with a dashed line below).</p>"
            ).format(
                link(urls.rel(here, urls.NOT_CHECKED), "Statements we did not check"), not_checked
            )
        )
    blocks += [
        Markup("## The archived text"),
        Markup(
            '<p class="fc-help">Highlighted passages are quoted by our fact-checks; '
            "the number after each one leads back to the claim. Text outside the article "
            "itself (site navigation, biographies, reader comments) is shown greyed.</p>"
        ),
        LEGEND,
        _article(checked, citations, numbers, here, index.not_checked.get(seed.id, [])),
    ]
    return document(*blocks)


# The underline colours of the marks below, said in words (not only in tooltips).
LEGEND = Markup(
    '<ul class="fc-legend" aria-label="What the highlight colours mean">'
    '<li><mark class="fc-mark fc-mark--supports">Green underline</mark>: '
    "evidence for the claim</li>"
    '<li><mark class="fc-mark fc-mark--refutes">Red underline</mark>: '
    "evidence against the claim, or a denial</li>"
    '<li><mark class="fc-mark fc-mark--appearance">Amber underline</mark>: '
    "where the claim appeared, or context</li>"
    '<li><mark class="fc-mark fc-mark--overlap">Deeper yellow</mark>: '
    "quoted by more than one fact-check</li></ul>"
)


def _claims_table(
    citations: tuple[Citation, ...], numbers: dict[str, int], index: Index, here: str
) -> Markup:
    if not citations:
        return Markup("<p>No fact-check cites this article yet.</p>")
    roles_of: dict[str, set[str]] = defaultdict(set)  # one pass, not one per claim
    for c in citations:
        roles_of[c.item.claim.id].add(ROLE_SHORT[c.anchor.evidence.role])
    rows = []
    for claim_id, number in numbers.items():
        item = index.claim_by_id[claim_id]
        roles = sorted(roles_of[claim_id])
        rows.append(
            Markup(
                '<tr id="{}"><td data-label="#">{}</td> <td data-label="Claim">{}</td> '
                '<td data-label="This article">{}</td> <td data-label="Rating">{}</td></tr>'
            ).format(
                urls.citing_claim_id(number),
                number,
                link(urls.rel(here, urls.claim_page(claim_id)), item.claim.claim),
                ", ".join(roles),
                badge(index.scale.get(item.claim.verdict)),
            )
        )
    return Markup(  # data-stack: on a phone, each row reads as a small labelled card
        '<table data-stack="cards">\n<thead><tr><th>#</th> <th>Claim</th> <th>This article</th> '
        "<th>Rating</th></tr></thead>\n<tbody>\n{}\n</tbody>\n</table>"
    ).format(Markup("\n").join(rows))


def _article(
    checked: CheckedSeed,
    citations: tuple[Citation, ...],
    numbers: dict[str, int],
    here: str,
    not_checked: list[tuple[int, CheckedStatement]],
) -> Markup:
    raw = checked.source.raw
    body = checked.body
    regions = [
        ("fc-furniture", 0, body.start, "Before the article: page furniture"),
        ("fc-body", body.start, body.end, ""),
        ("fc-furniture", body.end, len(raw), "After the article: page furniture and comments"),
    ]
    sweep = _Sweep(citations, not_checked)
    out = [Markup('<div class="fc-article">')]
    for css, start, end, label in regions:
        paragraphs = list(_paragraphs(raw, start, end, bool(checked.seed.meta.hard_wrapped)))
        if not paragraphs:
            continue
        out.append(Markup('<div class="{}">').format(css))
        if label:
            out.append(Markup('<p class="fc-region-label">{}</p>').format(label))
        for p_start, p_end in paragraphs:
            out.append(
                Markup("<p>{}</p>").format(_pieces(raw, p_start, p_end, sweep, numbers, here))
            )
        out.append(Markup("</div>"))
    out.append(Markup("</div>"))
    return Markup("\n").join(out)


class _Sweep:
    """Walks the text once, left to right, knowing at each point which citations start,
    cover the text and end there: linear in the spans, however many claims cite the source."""

    def __init__(
        self, citations: tuple[Citation, ...], not_checked: list[tuple[int, CheckedStatement]]
    ) -> None:
        self.cuts = sorted(
            {s for c in citations for sp in c.anchor.spans for s in (sp.start, sp.end)}
            | {s for _, t in not_checked for sp in t.spans for s in (sp.start, sp.end)}
        )
        # Statements we did not check: their starts and ends, and each (start, end, number).
        self.nc_starts: dict[int, list[int]] = defaultdict(list)
        self.nc_ends: dict[int, list[int]] = defaultdict(list)
        self.nc_spans = [(sp.start, sp.end, n) for n, t in not_checked for sp in t.spans]
        for number, statement in not_checked:
            self.nc_starts[statement.spans[0].start].append(number)
            self.nc_ends[statement.spans[-1].end].append(number)
        self.starts: dict[int, list[Citation]] = defaultdict(list)
        self.ends: dict[int, list[Citation]] = defaultdict(list)
        self.events: list[tuple[int, int, int]] = []  # (offset, +1 opens / -1 closes, citation)
        for i, c in enumerate(citations):
            self.starts[c.anchor.spans[0].start].append(c)
            self.ends[c.anchor.spans[-1].end].append(c)
            for span in c.anchor.spans:
                self.events += [(span.start, 1, i), (span.end, -1, i)]
        self.events.sort()
        self.citations = citations
        self.active: dict[int, int] = {}  # citation index -> open spans
        self.next_event = self.next_cut = 0

    def cuts_within(self, start: int, end: int) -> list[int]:
        while self.next_cut < len(self.cuts) and self.cuts[self.next_cut] <= start:
            self.next_cut += 1
        found = []
        while self.next_cut < len(self.cuts) and self.cuts[self.next_cut] < end:
            found.append(self.cuts[self.next_cut])
            self.next_cut += 1
        return found

    def covering(self, at: int) -> list[Citation]:
        """The citations whose spans cover the text from ``at`` (to the next cut)."""
        while self.next_event < len(self.events) and self.events[self.next_event][0] <= at:
            _, change, i = self.events[self.next_event]
            self.active[i] = self.active.get(i, 0) + change
            if not self.active[i]:
                del self.active[i]
            self.next_event += 1
        return [self.citations[i] for i in sorted(self.active)]

    def not_checked_covering(self, at: int) -> list[int]:
        """The statements we did not check that cover the text from ``at`` (few per article)."""
        return sorted({n for start, end, n in self.nc_spans if start <= at < end})


def _paragraphs(raw: str, start: int, end: int, hard_wrapped: bool) -> Iterator[tuple[int, int]]:
    """``[start, end)`` of each paragraph, trimmed. Every line is a paragraph, unless the copy
    is hard-wrapped: then lines join until one ends a sentence."""
    para_start: int | None = None
    para_end = start
    for line in re.finditer(r"[^\n]*\n?", raw[start:end]):
        text = line.group().strip()
        line_start = start + line.start() + (len(line.group()) - len(line.group().lstrip()))
        line_end = start + line.start() + len(line.group().rstrip())
        if not text:
            if para_start is not None:
                yield para_start, para_end
                para_start = None
            continue
        if para_start is None:
            para_start = line_start
        para_end = line_end
        if not hard_wrapped or SENTENCE_END.search(text):
            yield para_start, para_end
            para_start = None
    if para_start is not None:
        yield para_start, para_end


_TARGET = Markup('<span class="fc-target" id="{}"></span>')
_NOT_CHECKED = Markup(
    '<mark class="fc-mark fc-mark--not-checked" data-ev="{}" title="Not checked">{}</mark>'
)
_CITED = Markup('<mark class="fc-mark {}{}" data-ev="{}" title="{}">{}</mark>')


# "↩3" back to the evidence item on the claim page, read out as where it leads rather than as
# "leftwards arrow with hook 3" (an attribute, so the archived text's search entry stays the
# text); the title shows the claim on hover.
_BACKLINK = Markup(
    '<a href="{}" class="fc-backlink" title="{}" aria-label="Back to fact-check {}: {}">↩{}</a>'
)


def _pieces(
    raw: str, start: int, end: int, sweep: _Sweep, numbers: dict[str, int], here: str
) -> Markup:
    points = [start, *sweep.cuts_within(start, end), end]
    out: list[str] = []  # each item Markup or text (escaped by the join)
    for a, b in itertools.pairwise(points):
        starting = sweep.starts.get(a)
        if starting:
            out += [_TARGET.format(c.target) for c in starting]
        if sweep.nc_spans:  # few articles have statements we did not check
            out += [_TARGET.format(urls.not_checked_id(n)) for n in sweep.nc_starts.get(a, ())]
            unchecked = [urls.not_checked_id(n) for n in sweep.not_checked_covering(a)]
        else:
            unchecked = []
        covering = sweep.covering(a)
        text = raw[a:b]
        if "\n" in text:
            text = " ".join(text.split("\n"))
        if not covering and unchecked:
            out.append(_NOT_CHECKED.format(" ".join(unchecked), text))
        elif covering:
            roles = " ".join(sorted({f"fc-mark--{c.anchor.evidence.role}" for c in covering}))
            cited = "; ".join(
                f"#{numbers[c.claim.id]} {c.claim.claim} ({c.anchor.evidence.role})"
                for c in covering
            )
            many = " fc-mark--overlap" if len(covering) > 1 else ""
            # every passage the script highlights: evidence items, statements not checked
            ids = " ".join([c.target for c in covering] + unchecked)
            out.append(_CITED.format(roles, many, ids, cited, text))
        else:
            out.append(text)
        for c in sweep.ends.get(b, ()):
            href = urls.rel(here, urls.claim_page(c.claim.id), c.target)
            number = numbers[c.claim.id]
            out.append(_BACKLINK.format(href, c.claim.claim, number, c.claim.claim, number))
        for n in sweep.nc_ends.get(b, ()):
            href = urls.rel(here, urls.NOT_CHECKED, urls.not_checked_id(n))
            out.append(link(href, "↩why not checked", class_="fc-nc-backlink"))
    return Markup("").join(out)
