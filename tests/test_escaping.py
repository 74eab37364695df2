"""HTML is built safely by construction (issue 10, Deliver 6): pages are ``Markup`` (MarkupSafe)
into which every plain ``str`` is escaped as it goes in. Three kinds of test: what ``Markup``
does; every page built from a project whose every text field is hostile; and a look at the
code itself, so that no module builds HTML from an f-string or declares text to be HTML
outside the few places listed here."""

from __future__ import annotations

import ast
import datetime as dt
import hashlib
import re
from html.parser import HTMLParser

import pytest

from generator import pages, urls
from generator.escaping import Markup, escape
from generator.project import load_and_check
from generator.settings import Settings
from tests.conftest import ROOT, make_project

# --- Markup --------------------------------------------------------------------------------


def test_format_escapes_text_and_keeps_markup() -> None:
    page = Markup("<p title='{}'>{} {}</p>").format("\"q\" & 'a'", "<b>", Markup("<i>ok</i>"))
    assert page == "<p title='&quot;q&quot; &amp; &#x27;a&#x27;'>&lt;b&gt; <i>ok</i></p>"
    assert isinstance(page, Markup)


def test_join_add_and_numbers() -> None:
    assert Markup("<br>").join(["<a>", Markup("<b>")]) == "&lt;a&gt;<br><b>"
    assert Markup("<p>") + "<x>" == "<p>&lt;x&gt;"
    assert "<x>" + Markup("<p>") == "&lt;x&gt;<p>"
    assert Markup("{:.1f}% of {}").format(12.345, 3) == "12.3% of 3"
    assert Markup("{}").format(dt.date(2025, 4, 26)) == "2025-04-26"
    assert Markup("{x}").format(x="<") == "&lt;"


def test_escaping_shows_invisible_characters() -> None:
    assert escape("a\u202e<") == "a⟨U+202E⟩&lt;"
    assert Markup("{}").format("\u200b") == "⟨U+200B⟩"
    assert Markup("").join(["\u2066"]) == "⟨U+2066⟩"


def test_markup_is_markupsafe_markup() -> None:
    """Jinja2 and anything else that knows MarkupSafe take it as markup, not text."""
    import markupsafe

    assert markupsafe.escape(Markup("<b>")) == "<b>"
    assert Markup("{}").format(markupsafe.Markup("<b>")) == "<b>"


# --- every page, every field hostile -------------------------------------------------------

HOSTILE = "<script>alert(1)</script>\"onmouseover=alert(2) 'onfocus=alert(3)"
# In Markdown fields raw HTML is refused by check, so the same text is written escaped.
HOSTILE_MD = "\\<script>alert(1)\\</script> \"onmouseover=alert(2) 'onfocus=alert(3)"
SEED_TEXT = f"Headline here\n\n{HOSTILE} said the officials on Saturday morning.\n\nThe end.\n"


def _q(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"  # a YAML single-quoted scalar


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    root = make_project(tmp_path_factory.mktemp("hostile") / "project")
    digest = hashlib.sha256(SEED_TEXT.encode()).hexdigest()
    (root / "seeds" / "009_hostile.txt").write_text(SEED_TEXT, encoding="utf-8")
    (root / "seeds" / "009_hostile.yaml").write_text(
        f"outlet: {_q(HOSTILE)}\ntitle: {_q(HOSTILE)}\n"
        "url: https://example.org/x?a=1&b=2\n"  # no quote or tag passes check
        f"published: 2025-04-26\nauthor: {_q(HOSTILE)}\nlanguage: en\nsha256: {digest}\n"
        f"notes: {_q(HOSTILE_MD)}\n",
        encoding="utf-8",
    )
    (root / "claimants.yaml").write_text(
        (root / "claimants.yaml").read_text(encoding="utf-8")
        + f"  - id: hostile\n    name: {_q(HOSTILE)}\n    type: person\n"
        f"    description: {_q(HOSTILE)}\n",
        encoding="utf-8",
    )
    (root / "team.yaml").write_text(
        (root / "team.yaml").read_text(encoding="utf-8")
        + f"  - id: hostile-desk\n    name: {_q(HOSTILE)}\n    type: organization\n"
        f"    description: {_q(HOSTILE)}\n",
        encoding="utf-8",
    )
    verdicts = (root / "verdicts.yaml").read_text(encoding="utf-8")
    verdicts = re.sub(r"(?m)^(\s*label:).*$", rf"\1 {_q(HOSTILE)}", verdicts, count=1)
    verdicts = re.sub(r"(?m)^(\s*meaning:).*$", rf"\1 {_q(HOSTILE)}", verdicts, count=1)
    (root / "verdicts.yaml").write_text(verdicts, encoding="utf-8")
    first_verdict = re.search(r"(?m)^\s*-\s*id:\s*(\S+)", verdicts)
    assert first_verdict
    quote = f"{HOSTILE} said the officials"
    (root / "claims" / "hostile.yaml").write_text(
        f"claim: {_q(HOSTILE)}\nheadline: {_q(HOSTILE)}\n"
        "claimant: hostile\nvia: hostile\nclaim_date: 2025-04-26\n"
        f"verdict: {first_verdict.group(1)}\n"
        f"rating_explained: {_q(HOSTILE)}\nauthor: hostile-desk\nreviewed_by: hostile-desk\n"
        f"summary: {_q(HOSTILE_MD)}\nanalysis: {_q(HOSTILE_MD)}\n"
        f"would_settle_it: {_q(HOSTILE_MD)}\n"
        "tags: [hostile]\npublished: 2025-05-01\nrelated: [all-troops-expelled]\n"
        f"corrections:\n  - date: 2025-05-02\n    note: {_q(HOSTILE_MD)}\n"
        "evidence:\n"
        f"  - source: 009_hostile\n    quote: {_q(quote)}\n    role: appearance\n"
        f"    note: {_q(HOSTILE_MD)}\n"
        "  - source: 009_hostile\n    quote: said the officials on Saturday morning.\n"
        "    role: supports\n",
        encoding="utf-8",
    )
    (root / "triage.yaml").write_text(
        f"statements:\n  - source: 009_hostile\n    quote: {_q(quote + ' on Saturday')}\n"
        f"    claimant: hostile\n    reason: {_q(HOSTILE_MD)}\n",
        encoding="utf-8",
    )
    checked, problems = load_and_check(root)
    assert not problems, [str(p) for p in problems]
    return pages.render_site(checked, Settings.read(ROOT))


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.handlers: list[str] = []
        self.scripts = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handlers += [name for name, _ in attrs if name.startswith("on")]
        self.scripts += tag == "script"


_JSON_LD = re.compile(r'<script type="application/ld\+json">[^<]*</script>')


def test_no_hostile_value_reaches_a_page_unescaped(hostile_site: dict[str, str]) -> None:
    built = {path: text for path, text in hostile_site.items() if path.endswith(".md")}
    assert len(built) > 10
    for path, text in built.items():
        front, _, body = text.removeprefix("---\n").partition("\n---\n")
        # Front matter is data: themes print title and description as they are, so those are
        # escaped; the page's own data (``fc``) is escaped where it is used (sharing tags, the
        # 404 page's ``| e``).
        for line in front.splitlines():
            if line.startswith(("title:", "description:")):
                assert "<" not in line and '\\"' not in line, (path, line)
        html = _JSON_LD.sub("", body)  # JSON inside: its quotes are JSON's (\")
        for unsafe in ("<script>", '"onmouseover', "alert(1)</"):
            assert unsafe not in html, (path, unsafe)
        elements = _Elements()
        elements.feed(html)
        assert elements.handlers == [], path  # no onmouseover=, onfocus=… attribute
        assert elements.scripts == 0, path
    shown = "&lt;script&gt;alert(1)&lt;/script&gt;&quot;onmouseover=alert(2) &#x27;onfocus"
    claim = built["claims/hostile.md"]
    # every field of the claim page shows the text, escaped: claim, headline, claimant (twice),
    # rating explained, the quotation, the outlet, the seed's title, the byline
    assert claim.count(shown) >= 9, claim
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &quot;onmouseover" in claim  # Markdown fields
    source = built["sources/009_hostile.md"]
    assert source.count(shown) >= 5, source  # outlet, title, byline, text, the marks' titles
    for listing in (urls.NOT_CHECKED, urls.CLAIMANTS, urls.VERDICTS, urls.CLAIMS, urls.HOME):
        assert shown in built[listing], listing
    claimant = built[urls.claimant_page("hostile")]  # name, description, claims, statements
    assert claimant.count(shown) >= 4, claimant


# --- the code itself -----------------------------------------------------------------------

GENERATOR = ROOT / "generator"

# Where text is declared to be HTML without escaping, and why that is safe.
TRUSTED = {
    ("escaping.py", "escape"): "the escaping itself",
    ("markup.py", "render"): "markdown-it's output, raw HTML off",
    ("markup.py", "render_inline"): "markdown-it's output, raw HTML off",
    ("icons.py", "svg"): "Material's own icon files",
    ("pages/claimreview.py", "script"): "JSON with <, > and & written as JSON escapes",
    ("pages/html.py", "front_matter"): "YAML of JSON strings, titles escaped",
    ("shell.py", "factcheck_splice"): "the theme's own rendering, handed back to Jinja",
}
_TAG = re.compile(r"<(?:[a-zA-Z][a-zA-Z0-9-]*[\s/>]|/[a-zA-Z]|!)")  # <p>, <a href, </p>, <!--
# Modules that take HTML apart (for search), never build it from values.
READERS = {"htmlfeed.py", "searchsections.py"}


def _functions(tree: ast.AST) -> dict[ast.AST, str]:
    """Each node, mapped to the name of the innermost function around it."""
    owner: dict[ast.AST, str] = {}

    def visit(node: ast.AST, name: str) -> None:
        for child in ast.iter_child_nodes(node):
            inner = child.name if isinstance(child, ast.FunctionDef) else name
            owner[child] = inner
            visit(child, inner)

    visit(tree, "")
    return owner


def _modules() -> list[tuple[str, ast.AST]]:
    return [
        (path.relative_to(GENERATOR).as_posix(), ast.parse(path.read_text(encoding="utf-8")))
        for path in sorted(GENERATOR.rglob("*.py"))
    ]


def test_no_html_from_f_strings_or_concatenation() -> None:
    """An f-string or ``+`` with a tag in it would put a value into HTML unescaped: write
    ``Markup('<p>{}</p>').format(value)`` instead."""
    found = []
    for name, tree in _modules():
        if name in READERS:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.JoinedStr):
                literal = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
                if _TAG.search(literal) and len(node.values) > 1:
                    found.append(f"{name}:{node.lineno}: f-string builds HTML")
            if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
                for side in (node.left, node.right):
                    if (
                        isinstance(side, ast.Constant)
                        and isinstance(side.value, str)
                        and _TAG.search(side.value)
                    ):
                        found.append(f"{name}:{node.lineno}: '+' builds HTML")
    allowed = {
        "markup.py": "joined inside Markup(...) of a trusted place (see TRUSTED)",
        "pages/claimreview.py": "joined inside Markup(...) of a trusted place (see TRUSTED)",
        "shell.py": "the markers put in the theme's place of each value, made of slot names",
    }
    found = [f for f in found if f.partition(":")[0] not in allowed]
    assert found == []


def test_text_becomes_markup_only_in_trusted_places() -> None:
    """``Markup(value)`` (not of a literal) says 'this is HTML already': only where listed."""
    found = set()
    for name, tree in _modules():
        owner = _functions(tree)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            called = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            first = node.args[0] if node.args else None
            of_markup = isinstance(first, ast.Name) and first.id in ("Markup", "cls")
            declared = node.args and (called == "Markup" or (called == "_new" and of_markup))
            if declared and not isinstance(node.args[-1], ast.Constant):
                found.add((name, owner.get(node, "")))
            by_hand = isinstance(func, ast.Attribute) and getattr(func.value, "id", "") == "html"
            if by_hand and called == "escape":  # html.escape: escaping by hand
                found.add((name, owner.get(node, "")))
    allowed = set(TRUSTED) | {
        ("escaping.py", "_text"),
        ("escaping.py", "_html"),
        ("escaping.py", "format"),
        ("escaping.py", "join"),
    }
    assert found - allowed == set()


def test_markupsafe_is_imported_in_one_place() -> None:
    """Pages take ``Markup`` from ``generator.escaping``: MarkupSafe's own escapes without
    showing invisible characters, and writes quotes differently."""
    importing = set()
    for name, tree in _modules():
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module == "markupsafe":
                importing.add(name)
            if isinstance(node, ast.Import) and any(a.name == "markupsafe" for a in node.names):
                importing.add(name)
    assert importing <= {"escaping.py", "shell.py"}


def test_pages_escape_nothing_by_hand() -> None:
    text = "\n".join(p.read_text(encoding="utf-8") for p in (GENERATOR / "pages").glob("*.py"))
    assert "esc(" not in text
    assert not (GENERATOR / "pages" / "html.py").read_text(encoding="utf-8").count("import html")
