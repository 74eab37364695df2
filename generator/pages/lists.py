"""Listing pages: the home page, all checks by verdict, by claimant, by tag, the sources table,
the verdict scale and the corrections log. Each claim is one row, so pages stay linear."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

from generator import markup, urls
from generator.checked import CheckedClaim
from generator.escaping import Markup
from generator.model import ROLES
from generator.pages.crossref import Index
from generator.pages.html import (
    NOT_SEARCHED,
    ROLE_SHORT,
    badge,
    date,
    document,
    front_matter,
    link,
    prose,
)
from generator.settings import Settings

LATEST = 10
NO_ATTRS = Markup("")
# The listings of every claim (by verdict, claimant, topic) and of every source repeat what
# the claim and source pages say: a search should lead to those, so the listings are left out
# of Material's search index (front matter ``search: {exclude: true}``). Readers reach them
# from the navigation; the index stays one entry per section of a claim or source page.
UNSEARCHED = {"exclude": True}


def pages(index: Index, settings: Settings) -> dict[str, str]:
    made: Rows = {}  # each claim's row, made once for the listings at the same depth
    return {
        urls.HOME: home(index, settings),
        urls.CLAIMS: by_verdict(index),
        urls.CLAIMANTS: by_claimant(index, made),
        urls.TAGS: by_tag(index, made),
        urls.NOT_CHECKED: not_checked(index),
        urls.SOURCES: sources(index),
        urls.VERDICTS: scale(index),
        urls.CORRECTIONS: corrections(index),
    }


def row(item: CheckedClaim, index: Index, here: str, attrs: Markup = NO_ATTRS) -> Markup:
    claim = item.claim
    return Markup('<li{}>{} {} <span class="fc-by">{}, {}</span></li>').format(
        attrs,
        badge(index.scale.get(claim.verdict)),
        link(urls.rel(here, urls.claim_page(claim.id)), claim.claim),
        index.claimant_name(claim.claimant),
        date(claim.claim_date),
    )


# A claim's row by its id and the way up to the site's root from the listing (its links are
# relative): the same row on every listing at that depth.
Rows = dict[tuple[str, str], Markup]


def rows(
    items: Iterable[CheckedClaim], index: Index, here: str, made: Rows | None = None
) -> Markup:
    if made is None:
        made = {}
    up = urls.rel(here, urls.HOME)
    lines = []
    for item in items:
        key = (item.claim.id, up)
        if key not in made:
            made[key] = row(item, index, here)
        lines.append(made[key])
    return Markup('<ul class="fc-list">\n{}\n</ul>').format(Markup("\n").join(lines))


def home(index: Index, settings: Settings) -> str:
    here = urls.HOME
    counts = {v.id: 0 for v in index.scale.verdicts}
    for item in index.claims:
        counts[item.claim.verdict] += 1
    total = len(index.claims)
    more = [
        link(urls.rel(here, urls.CLAIMS), "All fact-checks"),
        link(urls.rel(here, urls.CLAIMANTS), "by claimant"),
        link(urls.rel(here, urls.TAGS), "by topic"),
        link(urls.rel(here, urls.SOURCES), "by source"),
        link(urls.rel(here, urls.NOT_CHECKED), "statements not checked"),
        link(urls.rel_file(here, urls.FEED), "Atom feed"),
        link(urls.rel_file(here, urls.DATASET), "dataset (ClaimReview)"),
    ]
    return document(
        front_matter(title="Home", hide=["navigation"]),
        Markup('<h1 class="fc-title">{}</h1>').format(settings.site_name),
        Markup(
            '<p class="fc-lead">{} fact-check{} of what was said and reported, each quotation '
            "anchored to an archived copy of its source. {}.</p>"
        ).format(
            total, "s" if total != 1 else "", link(urls.rel(here, urls.METHODOLOGY), "How we check")
        ),
        Markup("## Ratings so far"),
        chart(index, counts, here),
        Markup("## Latest fact-checks"),
        rows(index.latest[:LATEST], index, here),
        Markup("<p>{}</p>").format(Markup(" · ").join(more)),
    )


def chart(index: Index, counts: dict[str, int], here: str) -> Markup:
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
            Markup(
                '<li><a href="{}"><span class="fc-bars__label">{}</span> '
                '<span class="fc-bars__track"><span class="fc-bars__bar" '
                'style="--fc-share: {}; --fc-verdict: {}"></span>'
                '<span class="fc-bars__count">{}<span class="fc-sr"> {}</span>'
                "</span></span></a></li>"
            ).format(href, verdict.label, share, verdict.colour, count, noun)
        )
    return Markup(
        '<figure class="fc-chart"><figcaption {}>Fact-checks by rating</figcaption>\n'
        '<ul class="fc-bars">\n{}\n</ul></figure>'
    ).format(NOT_SEARCHED, Markup("\n").join(bars))


def by_verdict(index: Index) -> str:
    """Every fact-check by verdict. Each row carries what the filter needs (verdict, claimant,
    topics, sources, date) as data attributes; factcheck.js shows the filter form and applies
    it. Without JavaScript the form stays hidden and the page lists everything."""
    here = urls.CLAIMS
    blocks = [
        front_matter(title="All fact-checks", search=UNSEARCHED),
        Markup("# All fact-checks"),
        _filter_form(index),
    ]
    for verdict in index.scale.verdicts:
        items = [c for c in index.latest if c.claim.verdict == verdict.id]
        blocks.append(
            Markup('<h2 id="{}">{} <span class="fc-count">{}</span></h2>').format(
                urls.verdict_group_id(verdict.id), badge(verdict), len(items)
            )
        )
        if items:
            lines = Markup("\n").join(row(i, index, here, _filter_data(i)) for i in items)
            blocks.append(
                Markup('<ul class="fc-list" data-filtered="rows">\n{}\n</ul>').format(lines)
            )
        else:
            blocks.append(Markup('<p class="fc-none">None yet.</p>'))
    return document(*blocks)


def _filter_data(item: CheckedClaim) -> Markup:
    claim = item.claim
    sources = " ".join(sorted({a.evidence.source for a in item.anchors}))
    when = (claim.published or claim.claim_date).isoformat()
    return Markup(
        ' data-verdict="{}" data-claimant="{}" data-tags="{}" data-sources="{}" data-date="{}"'
    ).format(claim.verdict, claim.claimant, " ".join(claim.tags or ()), sources, when)


def _filter_form(index: Index) -> Markup:
    def select(name: str, label: str, every: str, options: list[tuple[str, str]]) -> Markup:
        choices = Markup("").join(
            Markup('<option value="{}">{}</option>').format(v, t) for v, t in options
        )
        return Markup(
            '<label>{} <select name="{}"><option value="">{}</option>{}</select></label>'
        ).format(label, name, every, choices)

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
        Markup(
            '<form class="fc-filter" id="fc-filter" hidden="hidden" data-search-exclude="true" '
            'aria-label="Filter and sort the fact-checks">\n'
        )
        + select("verdict", "Rating", "All ratings", [(v.id, v.label) for v in verdicts])
        + select("claimant", "Claimant", "All claimants", claimants)
        + select("tag", "Topic", "All topics", [(t, t) for t in tags])
        + select("source", "Source", "All sources", sources)
        + select("order", "Order", "Newest first", [("oldest", "Oldest first")])
        + Markup('\n<p class="fc-filter__count" role="status"></p>\n</form>')
    )


def _grouped(
    index: Index,
    title: str,
    here: str,
    labels: Callable[[CheckedClaim], Iterable[str]],
    anchor: Callable[[str], str],
    shown: Callable[[str], str] = str,
    heading: Callable[[str], Markup] | None = None,
    made: Rows | None = None,
) -> str:
    """One section per label (``labels(item)`` gives an item's), its id ``anchor(label)``,
    its heading ``shown(label)`` (or the HTML ``heading(label)`` gives, e.g. a link)."""
    groups: dict[str, list[CheckedClaim]] = defaultdict(list)
    for item in index.latest:
        for label in labels(item):
            groups[label].append(item)
    blocks = [front_matter(title=title, search=UNSEARCHED), Markup("# {}").format(title)]
    for label in sorted(groups, key=lambda label: shown(label).lower()):
        blocks.append(
            Markup('<h2 id="{}">{} <span class="fc-count">{}</span></h2>').format(
                anchor(label), heading(label) if heading else shown(label), len(groups[label])
            )
        )
        blocks.append(rows(groups[label], index, here, made))
    return document(*blocks)


def by_claimant(index: Index, made: Rows | None = None) -> str:
    here = urls.CLAIMANTS
    return _grouped(
        index,
        "Fact-checks by claimant",
        here,
        lambda item: [item.claim.claimant],
        urls.claimant_id,
        index.claimant_name,
        lambda claimant_id: link(
            urls.rel(here, urls.claimant_page(claimant_id)), index.claimant_name(claimant_id)
        ),
        made,
    )


def by_tag(index: Index, made: Rows | None = None) -> str:
    return _grouped(
        index,
        "Fact-checks by topic",
        urls.TAGS,
        lambda item: item.claim.tags or (),
        urls.tag_id,
        made=made,
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
            Markup("{}, quoted by ").format(index.claimant_name(statement.claimant))
            if statement.claimant
            else ""
        )
        items.append(
            Markup(
                '<li id="{}"><blockquote><p>{}</p></blockquote><p class="fc-by">{}{}</p>{}</li>'
            ).format(
                urls.not_checked_id(number),
                statement.quote,
                who,
                link(href, seed.seed.meta.outlet),
                prose(statement.reason),
            )
        )
    listing = Markup('<ul class="fc-not-checked">\n{}\n</ul>').format(Markup("\n").join(items))
    return document(
        front_matter(title=title),
        Markup("# {}").format(title),
        Markup(
            "<p>Every checkable statement in the archived articles is either a fact-check or "
            "listed here with the reason we did not rate it. Each quotation links to its place "
            "in the archived text. {}.</p>"
        ).format(link(urls.rel(here, urls.METHODOLOGY), "How we chose")),
        listing if items else Markup("<p>None listed.</p>"),
    )


def sources(index: Index) -> str:
    here = urls.SOURCES
    body = []
    for checked in index.seeds:
        seed, meta = checked.seed, checked.seed.meta
        by_role: dict[str, dict[str, CheckedClaim]] = {r: {} for r in ROLES}
        for citation in index.citations.get(seed.id, ()):
            by_role[citation.anchor.evidence.role][citation.claim.id] = citation.item
        cells = Markup("").join(
            Markup(' <td data-label="{}">{}</td>').format(
                ROLE_SHORT[role].capitalize(),
                Markup("<br>\n").join(
                    link(urls.rel(here, urls.claim_page(cid)), item.claim.claim, class_="fc-cell")
                    for cid, item in by_role[role].items()
                ),
            )
            for role in ROLES
        )
        body.append(
            Markup(
                '<tr><td data-label="Article">{}<br><span class="fc-by">{}, {}</span></td>{}</tr>'
            ).format(
                link(urls.rel(here, urls.source_page(seed.id)), meta.outlet),
                meta.title or Markup("<em>untitled</em>"),
                date(meta.published),
                cells,
            )
        )
    head = Markup("").join(Markup(" <th>{}</th>").format(ROLE_SHORT[r].capitalize()) for r in ROLES)
    return document(
        front_matter(title="Sources", search=UNSEARCHED),
        Markup("# Sources"),
        Markup(
            "<p>Every archived article, and the fact-checks for which it carried the claim, "
            "gave evidence for or against it, or gave context.</p>"
        ),
        Markup(
            '<table data-stack="cards">\n<thead><tr><th>Article</th>{}</tr></thead>'
            "\n<tbody>\n{}\n</tbody>\n</table>"
        ).format(head, Markup("\n").join(body)),
    )


def scale(index: Index) -> str:
    rows_ = Markup("\n").join(
        Markup('<tr id="{}"><td>{}</td> <td>{}</td> <td>{}</td></tr>').format(
            urls.verdict_row_id(v.id),
            badge(v),
            v.meaning,
            v.ordinal if v.ordinal is not None else "not on the scale",
        )
        for v in index.scale.verdicts
    )
    return document(
        front_matter(title="Verdict scale"),
        Markup("# Verdict scale"),
        Markup(
            "<p>Every fact-check ends in one of these ratings. The ordinal places a rating on "
            "the scale from 1 (worst) upwards; ratings off the scale describe a different kind "
            "of problem. The scale is published as data in <code>verdicts.yaml</code>.</p>"
        ),
        Markup(
            "<table>\n<thead><tr><th>Rating</th> <th>Meaning</th> "
            "<th>Ordinal</th></tr></thead>\n<tbody>\n{}\n</tbody>\n</table>"
        ).format(rows_),
    )


def corrections(index: Index) -> str:
    here = urls.CORRECTIONS
    entries = sorted(
        ((c, item) for item in index.claims for c in item.claim.corrections or ()),
        key=lambda e: (-e[0].date.toordinal(), e[1].claim.id),
    )
    items = [
        Markup("<li>{}: {} — {}</li>").format(
            date(correction.date),
            link(urls.rel(here, urls.claim_page(item.claim.id)), item.claim.claim),
            markup.render_inline(correction.note),
        )
        for correction, item in entries
    ]
    listing = Markup('<ul class="fc-corrections">\n{}\n</ul>').format(Markup("\n").join(items))
    return document(
        front_matter(title="Corrections log"),
        Markup("# Corrections log"),
        Markup("<p>Every correction to a published fact-check, newest first. {}.</p>").format(
            link(urls.rel(here, urls.CORRECTIONS_POLICY), "Our corrections policy")
        ),
        listing if items else Markup("<p>No corrections so far.</p>"),
    )
