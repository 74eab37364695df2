"""Listing pages: the home page, all checks by verdict, by claimant, by tag, the sources table,
the verdict scale and the corrections log. Each claim is one row, so pages stay linear."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

from generator import markup, urls
from generator.checked import CheckedClaim
from generator.model import ROLES
from generator.pages.crossref import Index
from generator.pages.html import (
    NOT_SEARCHED,
    ROLE_SHORT,
    badge,
    date,
    esc,
    front_matter,
    link,
)
from generator.settings import Settings

LATEST = 10


def pages(index: Index, settings: Settings) -> dict[str, str]:
    return {
        urls.HOME: home(index, settings),
        urls.CLAIMS: by_verdict(index),
        urls.CLAIMANTS: by_claimant(index),
        urls.TAGS: by_tag(index),
        urls.NOT_CHECKED: not_checked(index),
        urls.SOURCES: sources(index),
        urls.VERDICTS: scale(index),
        urls.CORRECTIONS: corrections(index),
    }


def row(item: CheckedClaim, index: Index, here: str, attrs: str = "") -> str:
    claim = item.claim
    return (
        f"<li{attrs}>{badge(index.scale.get(claim.verdict))} "
        f"{link(urls.rel(here, urls.claim_page(claim.id)), esc(claim.claim))} "
        f'<span class="fc-by">{esc(index.claimant_name(claim.claimant))}, '
        f"{date(claim.claim_date)}</span></li>"
    )


def rows(items: Iterable[CheckedClaim], index: Index, here: str) -> str:
    return '<ul class="fc-list">\n' + "\n".join(row(i, index, here) for i in items) + "\n</ul>"


def home(index: Index, settings: Settings) -> str:
    here = urls.HOME
    counts = {v.id: 0 for v in index.scale.verdicts}
    for item in index.claims:
        counts[item.claim.verdict] += 1
    total = len(index.claims)
    return (
        "\n\n".join(
            [
                front_matter(title="Home", hide=["navigation"]),
                f'<h1 class="fc-title">{esc(settings.site_name)}</h1>',
                f'<p class="fc-lead">{total} fact-check{"s" if total != 1 else ""} '
                "of what was said "
                f"and reported, each quotation anchored to an archived copy of its source. "
                f"{link(urls.rel(here, urls.METHODOLOGY), 'How we check')}.</p>",
                "## Ratings so far",
                chart(index, counts, here),
                "## Latest fact-checks",
                rows(index.latest[:LATEST], index, here),
                f"<p>{link(urls.rel(here, urls.CLAIMS), 'All fact-checks')} · "
                f"{link(urls.rel(here, urls.CLAIMANTS), 'by claimant')} · "
                f"{link(urls.rel(here, urls.TAGS), 'by topic')} · "
                f"{link(urls.rel(here, urls.SOURCES), 'by source')} · "
                f"{link(urls.rel(here, urls.NOT_CHECKED), 'statements not checked')} · "
                f"{link(urls.rel_file(here, urls.FEED), 'Atom feed')} · "
                f"{link(urls.rel_file(here, urls.DATASET), 'dataset (ClaimReview)')}</p>",
            ]
        )
        + "\n"
    )


def chart(index: Index, counts: dict[str, int], here: str) -> str:
    """Counts per verdict as a bar chart in HTML: text stays text (readable at any width, at
    the page's own size), each bar a link to its verdict's fact-checks; no JavaScript."""
    most = max(counts.values(), default=0) or 1
    bars = []
    for verdict_id, count in counts.items():
        verdict = index.scale.get(verdict_id)
        href = urls.rel(here, urls.CLAIMS, urls.verdict_group_id(verdict_id))
        share = f"{100 * count / most:.1f}%"
        noun = "fact-check" if count == 1 else "fact-checks"
        bars.append(
            f'<li><a href="{href}"><span class="fc-bars__label">{esc(verdict.label)}</span> '
            f'<span class="fc-bars__track"><span class="fc-bars__bar" '
            f'style="--fc-share: {share}; --fc-verdict: {verdict.colour}"></span>'
            f'<span class="fc-bars__count">{count}<span class="fc-sr"> {noun}</span>'
            "</span></span></a></li>"
        )
    return (
        f'<figure class="fc-chart"><figcaption {NOT_SEARCHED}>Fact-checks by rating</figcaption>\n'
        '<ul class="fc-bars">\n' + "\n".join(bars) + "\n</ul></figure>"
    )


def by_verdict(index: Index) -> str:
    """Every fact-check by verdict. Each row carries what the filter needs (verdict, claimant,
    topics, sources, date) as data attributes; factcheck.js shows the filter form and applies
    it. Without JavaScript the form stays hidden and the page lists everything."""
    here = urls.CLAIMS
    blocks = [front_matter(title="All fact-checks"), "# All fact-checks", _filter_form(index)]
    for verdict in index.scale.verdicts:
        items = [c for c in index.latest if c.claim.verdict == verdict.id]
        blocks.append(
            f'<h2 id="{urls.verdict_group_id(verdict.id)}">{badge(verdict)} '
            f'<span class="fc-count">{len(items)}</span></h2>'
        )
        if items:
            lines = "\n".join(row(i, index, here, _filter_data(i)) for i in items)
            blocks.append(f'<ul class="fc-list" data-filtered="rows">\n{lines}\n</ul>')
        else:
            blocks.append('<p class="fc-none">None yet.</p>')
    return "\n\n".join(blocks) + "\n"


def _filter_data(item: CheckedClaim) -> str:
    claim = item.claim
    sources = " ".join(sorted({a.evidence.source for a in item.anchors}))
    when = (claim.published or claim.claim_date).isoformat()
    return (
        f' data-verdict="{esc(claim.verdict)}" data-claimant="{esc(claim.claimant)}"'
        f' data-tags="{esc(" ".join(claim.tags or ()))}" data-sources="{esc(sources)}"'
        f' data-date="{when}"'
    )


def _filter_form(index: Index) -> str:
    def select(name: str, label: str, every: str, options: list[tuple[str, str]]) -> str:
        choices = "".join(f'<option value="{esc(v)}">{esc(t)}</option>' for v, t in options)
        return (
            f'<label>{label} <select name="{name}"><option value="">{every}</option>'
            f"{choices}</select></label>"
        )

    verdicts = index.scale.verdicts
    claimants = sorted(
        {(c.claim.claimant, index.claimant_name(c.claim.claimant)) for c in index.claims},
        key=lambda pair: pair[1].lower(),
    )
    tags = sorted({t for c in index.claims for t in c.claim.tags or ()})
    cited = {a.evidence.source for c in index.claims for a in c.anchors}
    sources = [
        (s.seed.id, f"{s.seed.meta.outlet}: {s.seed.meta.title or s.seed.id}")
        for s in index.seeds
        if s.seed.id in cited
    ]
    return (
        '<form class="fc-filter" id="fc-filter" hidden="hidden" data-search-exclude="true" '
        'aria-label="Filter and sort the fact-checks">\n'
        + select("verdict", "Rating", "All ratings", [(v.id, v.label) for v in verdicts])
        + select("claimant", "Claimant", "All claimants", claimants)
        + select("tag", "Topic", "All topics", [(t, t) for t in tags])
        + select("source", "Source", "All sources", sources)
        + select("order", "Order", "Newest first", [("oldest", "Oldest first")])
        + '\n<p class="fc-filter__count" role="status"></p>\n</form>'
    )


def _grouped(
    index: Index,
    title: str,
    here: str,
    labels: Callable[[CheckedClaim], Iterable[str]],
    anchor: Callable[[str], str],
    shown: Callable[[str], str] = str,
    heading: Callable[[str], str] | None = None,
) -> str:
    """One section per label (``labels(item)`` gives an item's), its id ``anchor(label)``,
    its heading ``shown(label)`` (or the HTML ``heading(label)`` gives, e.g. a link)."""
    groups: dict[str, list[CheckedClaim]] = defaultdict(list)
    for item in index.latest:
        for label in labels(item):
            groups[label].append(item)
    blocks = [front_matter(title=title), f"# {title}"]
    for label in sorted(groups, key=lambda label: shown(label).lower()):
        blocks.append(
            f'<h2 id="{esc(anchor(label))}">'
            f'{heading(label) if heading else esc(shown(label))} <span class="fc-count">'
            f"{len(groups[label])}</span></h2>"
        )
        blocks.append(rows(groups[label], index, here))
    return "\n\n".join(blocks) + "\n"


def by_claimant(index: Index) -> str:
    here = urls.CLAIMANTS
    return _grouped(
        index,
        "Fact-checks by claimant",
        here,
        lambda item: [item.claim.claimant],
        urls.claimant_id,
        index.claimant_name,
        lambda claimant_id: link(
            urls.rel(here, urls.claimant_page(claimant_id)), esc(index.claimant_name(claimant_id))
        ),
    )


def by_tag(index: Index) -> str:
    return _grouped(
        index, "Fact-checks by topic", urls.TAGS, lambda item: item.claim.tags or (), urls.tag_id
    )


def not_checked(index: Index) -> str:
    """Every checkable statement we did not fact-check (``triage.yaml``): the quotation credited
    to its outlet and linked to its span in the archived text, who said it, and why."""
    here = urls.NOT_CHECKED
    title = "Statements we did not check, and why"
    items = []
    for number, item in enumerate(index.triage, 1):
        statement = item.statement
        seed = index.seed_by_id[statement.source]
        href = urls.rel(here, urls.source_page(seed.seed.id), urls.not_checked_id(number))
        who = (
            f"{esc(index.claimant_name(statement.claimant))}, quoted by "
            if statement.claimant
            else ""
        )
        items.append(
            f'<li id="{urls.not_checked_id(number)}"><blockquote>'
            f"<p>{esc(statement.quote)}</p></blockquote>"
            f'<p class="fc-by">{who}{link(href, esc(seed.seed.meta.outlet))}</p>'
            f'<div class="fc-prose">\n{markup.render(statement.reason)}\n</div></li>'
        )
    listing = '<ul class="fc-not-checked">\n' + "\n".join(items) + "\n</ul>"
    return (
        "\n\n".join(
            [
                front_matter(title=title),
                f"# {title}",
                "<p>Every checkable statement in the archived articles is either a fact-check or "
                "listed here with the reason we did not rate it. Each quotation links to its place "
                f"in the archived text. {link(urls.rel(here, urls.METHODOLOGY), 'How we chose')}."
                "</p>",
                listing if items else "<p>None listed.</p>",
            ]
        )
        + "\n"
    )


def sources(index: Index) -> str:
    here = urls.SOURCES
    body = []
    for checked in index.seeds:
        seed, meta = checked.seed, checked.seed.meta
        by_role: dict[str, dict[str, CheckedClaim]] = {r: {} for r in ROLES}
        for citation in index.citations.get(seed.id, ()):
            by_role[citation.anchor.evidence.role][citation.claim.id] = citation.item
        cells = "".join(
            f' <td data-label="{ROLE_SHORT[role].capitalize()}">'
            + "<br>\n".join(
                link(urls.rel(here, urls.claim_page(cid)), esc(item.claim.claim), class_="fc-cell")
                for cid, item in by_role[role].items()
            )
            + "</td>"
            for role in ROLES
        )
        title = esc(meta.title) if meta.title else "<em>untitled</em>"
        body.append(
            f'<tr><td data-label="Article">'
            f"{link(urls.rel(here, urls.source_page(seed.id)), esc(meta.outlet))}<br>"
            f'<span class="fc-by">{title}, {date(meta.published)}</span></td>{cells}</tr>'
        )
    head = "".join(f" <th>{ROLE_SHORT[r].capitalize()}</th>" for r in ROLES)
    return (
        "\n\n".join(
            [
                front_matter(title="Sources"),
                "# Sources",
                "<p>Every archived article, and the fact-checks for which it carried the claim, "
                "gave evidence for or against it, or gave context.</p>",
                '<table data-stack="cards">\n'
                f"<thead><tr><th>Article</th>{head}</tr></thead>"
                "\n<tbody>\n" + "\n".join(body) + "\n</tbody>\n</table>",
            ]
        )
        + "\n"
    )


def scale(index: Index) -> str:
    rows_ = "\n".join(
        f'<tr id="{urls.verdict_row_id(v.id)}"><td>{badge(v)}</td> <td>{esc(v.meaning)}</td> '
        f"<td>{v.ordinal if v.ordinal is not None else 'not on the scale'}</td></tr>"
        for v in index.scale.verdicts
    )
    return (
        "\n\n".join(
            [
                front_matter(title="Verdict scale"),
                "# Verdict scale",
                "<p>Every fact-check ends in one of these ratings. The ordinal places a rating on "
                "the scale from 1 (worst) upwards; ratings off the scale describe a different kind "
                "of problem. The scale is published as data in <code>verdicts.yaml</code>.</p>",
                "<table>\n<thead><tr><th>Rating</th> <th>Meaning</th> "
                f"<th>Ordinal</th></tr></thead>\n<tbody>\n{rows_}\n</tbody>\n</table>",
            ]
        )
        + "\n"
    )


def corrections(index: Index) -> str:
    here = urls.CORRECTIONS
    entries = sorted(
        ((c, item) for item in index.claims for c in item.claim.corrections or ()),
        key=lambda e: (-e[0].date.toordinal(), e[1].claim.id),
    )
    items = [
        f"<li>{date(correction.date)}: "
        f"{link(urls.rel(here, urls.claim_page(item.claim.id)), esc(item.claim.claim))}"
        f" — {markup.render_inline(correction.note)}</li>"
        for correction, item in entries
    ]
    listing = '<ul class="fc-corrections">\n' + "\n".join(items) + "\n</ul>"
    return (
        "\n\n".join(
            [
                front_matter(title="Corrections log"),
                "# Corrections log",
                f"<p>Every correction to a published fact-check, newest first. "
                f"{link(urls.rel(here, urls.CORRECTIONS_POLICY), 'Our corrections policy')}.</p>",
                listing if items else "<p>No corrections so far.</p>",
            ]
        )
        + "\n"
    )
