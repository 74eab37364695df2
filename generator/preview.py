"""The live preview (``mkdocs serve``): problems shown where the contributor is looking.

While the claims have problems, the preview keeps serving the last good site and every HTML
page it serves carries a banner with the problem lines (file, line, column, hints), each a
link to the place: ``/__problems__/<path>#L<line>`` shows that file, read-only, with line
numbers and the problems at their lines. Only a file a current problem names is shown, and
only if it lies inside the project (no symlink out, no special file). A failed
rebuild never leaves the browser's requests waiting: the server is told the build is over.
Fixing the file clears the banner on the next rebuild.

The state lives here, not in the hook, because MkDocs loads the hook afresh for every
rebuild. Only ``mkdocs_hook`` calls this module."""

from __future__ import annotations

import gc
import hashlib
import logging
import os
import re
import urllib.parse
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import File


from generator import carryover, reporting, urls
from generator.checked import Checked
from generator.escaping import Markup
from generator.memo import Memo
from generator.problems import Problem

log = logging.getLogger("mkdocs.hooks.factcheck")


@dataclass
class _State:
    serving: bool = False  # inside ``mkdocs serve``
    dirty: bool = False  # ``mkdocs serve --dirty``: rebuild only what changed
    built: bool = False  # a site has been built since the preview started
    problems: tuple[Problem, ...] = ()
    failure: str = ""  # a build that failed for another reason (mkdocs.yml, a template…)
    # Generated files as the last good build wrote them: path -> (content, output path); and
    # the digest of mkdocs.yml it was built with. ``pending`` becomes them once a build ends.
    # (The contents are the strings the memo keeps anyway: compared, not hashed, and an
    # unchanged page is the very same string, so comparing it costs nothing.)
    written: dict[str, tuple[str, str]] = field(default_factory=dict)
    config: bytes = b""
    pending: tuple[dict[str, tuple[str, str]], bytes] = ({}, b"")
    root: Path | None = None  # the project (the folder of mkdocs.yml), resolved
    # What the previous rebuilds loaded, checked and rendered, reused where its inputs are the
    # same: a save costs what it touches (see ``memo``). None outside the preview.
    memo: Memo | None = None


STATE = _State()


def start(*, serving: bool, dirty: bool) -> None:
    global STATE
    STATE = _State(serving=serving, dirty=dirty, memo=Memo() if serving else None)
    if serving and dirty:
        logging.getLogger("mkdocs.commands.build").addFilter(_no_dirty_warning)


def _no_dirty_warning(record: logging.LogRecord) -> bool:
    # MkDocs warns on every --dirty build that navigation may be stale. Here it is not: the
    # nav is fixed in mkdocs.yml, generated pages are compared by content, and a changed
    # mkdocs.yml rebuilds everything (``skip_unchanged``).
    return not record.getMessage().startswith("A 'dirty' build is being performed")


def keeps_last_site() -> bool:
    """Whether a check with problems should stop the build before MkDocs touches the site:
    in the preview once a site exists, so it stays served under the banner."""
    return STATE.serving and STATE.built


def checked(problems: Sequence[Problem]) -> None:
    STATE.problems = tuple(sorted(problems, key=lambda p: p.sort_key))
    STATE.failure = ""


def without_problems(checked: Checked, problems: Sequence[Problem]) -> Checked:
    """The part of the project that checks: what the preview's first build can show."""
    bad = {problem.spot.path for problem in problems}
    seeds = {
        seed_id: seed
        for seed_id, seed in checked.seeds.items()
        if not {f"seeds/{seed_id}.yaml", f"seeds/{seed_id}.txt"} & bad
    }
    claims = [c for c in checked.claims if c.claim.path not in bad]
    while True:  # a claim may cite a dropped seed or name a dropped claim as related
        ids = {c.claim.id for c in claims}
        kept = [
            c
            for c in claims
            if all(e.source in seeds for e in c.claim.evidence)
            and all(r in ids for r in c.claim.related or ())
        ]
        if len(kept) == len(claims):
            return replace(checked, seeds=seeds, claims=tuple(kept))
        claims = kept


def skip_unchanged(files: Iterable[File], config_file: str) -> None:
    """Under ``mkdocs serve --dirty``, mark the generated files whose content is what the last
    build wrote as unmodified, so MkDocs rebuilds only the pages a saved claim touches (its
    page, the listings, the sources it cites, the feeds). After a change to mkdocs.yml every
    file is rebuilt: the theme, nav or settings of all pages may have changed."""
    if not (STATE.serving and STATE.dirty):
        return
    config = _digest(Path(config_file).read_bytes())
    same_config = config == STATE.config
    pending: dict[str, tuple[str, str]] = {}
    for file in files:
        if not same_config:
            file.is_modified = _modified  # type: ignore[method-assign]  # hand-written pages too
        if not urls.is_generated(file.src_uri):
            continue
        pending[file.src_uri] = (file.content_string, file.abs_dest_path)
        unchanged = same_config and STATE.written.get(file.src_uri) == pending[file.src_uri]
        if unchanged and os.path.isfile(file.abs_dest_path):
            file.is_modified = _unmodified  # type: ignore[method-assign]
    STATE.pending = (pending, config)


def _digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


def _modified() -> bool:
    return True


def _unmodified() -> bool:
    return False


def built(site_dir: str) -> None:
    """A build succeeded: what it wrote is what the next one compares with; the output of
    pages that no longer exist (a deleted claim) is removed, with its folder."""
    STATE.built = True
    pending, config = STATE.pending
    if not config:
        return
    for path, (_, output) in STATE.written.items():
        if path not in pending:
            carryover.remove_output(output, site_dir)
    STATE.written, STATE.config, STATE.pending = pending, config, ({}, b"")


def install(server: LiveReloadServer, root: Path) -> LiveReloadServer:
    """Wrap the server's builder (a failed build still ends, so no request waits for it) and
    its WSGI app (HTML responses get the banner; ``/__problems__/`` shows the files problems
    name, under ``root``). Returns the server, as ``on_serve`` must."""
    STATE.root = root.resolve()
    server.builder = _finishing(server.builder)
    app = server.get_app()
    if app is not None:  # MkDocs' server always has one
        server.set_app(_with_banner(app))
    return server


def _finishing(builder: Callable[[], None]) -> Callable[[], None]:
    def build() -> None:
        STATE.problems, STATE.failure = (), ""
        errors = _Errors()
        logging.getLogger("mkdocs").addHandler(errors)
        # The memo keeps the whole project in memory; the cyclic collector would walk all of
        # it again and again while a rebuild makes its many short-lived objects.
        gc.disable()
        try:
            builder()
        except (Exception, SystemExit) as error:  # MkDocs ends a failed build in several ways
            if not STATE.problems:
                STATE.failure = "\n".join(errors.messages) or str(error) or repr(error)
                if not errors.messages:  # MkDocs has not said it; say it once, no traceback
                    log.error(f"The build failed: {STATE.failure}")
            log.warning(
                "The preview keeps serving the last good site, with the problems on every "
                "page; save a fix to rebuild."
            )
        finally:
            gc.enable()
            logging.getLogger("mkdocs").removeHandler(errors)

    return build


class _Errors(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def banner() -> Markup:
    """The banner's HTML, or "" when there is nothing to show."""
    if STATE.problems:
        count = len(STATE.problems)
        head = f"{count} problem{'s' if count != 1 else ''}"
        items = Markup("").join(_item(problem) for problem in STATE.problems)
    elif STATE.failure:
        head = "The site build failed"
        items = Markup("<li><pre>{}</pre></li>").format(STATE.failure)
    else:
        return Markup("")
    return Markup(
        '<div id="fc-preview-problems" role="alert" style="background:#b71c1c;color:#fff;'
        "padding:.8em 1.2em;font:14px/1.45 system-ui,sans-serif;max-height:45vh;"
        'overflow:auto;position:relative;z-index:10">'
        "<strong>{}: the preview shows the last good site until they are fixed.</strong>"
        '<ul style="margin:.4em 0 0;padding-left:1.2em">{}</ul></div>'
    ).format(head, items)


def _item(problem: Problem) -> Markup:
    """One problem as ``check`` prints it: the line, a link to the place, then its hints."""
    line, newline, hints = reporting.render([problem], "text").rstrip().partition("\n")
    return Markup(
        '<li><pre style="margin:.2em 0;white-space:pre-wrap;color:inherit;background:none;'
        'font:13px/1.4 ui-monospace,monospace">'
        '<a href="{}" style="color:inherit">{}</a>{}</pre></li>'
    ).format(place(problem), line, newline + hints)


VIEW = "/__problems__/"


def place(problem: Problem) -> str:
    """The preview's address of the line a problem is on."""
    return f"{VIEW}{urllib.parse.quote(problem.spot.path)}#L{problem.spot.line}"


_MAX_BYTES = 1 << 20  # a file shown is cut after this much
_LINE_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")  # as YAML counts lines
# Shown as <U+…>: controls, and the invisible marks that reorder or hide text.
_INVISIBLE = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]"
)


def problem_file(path_info: str) -> str | None:
    """The page showing the file at ``path_info`` (``/__problems__/claims/x.yaml``, as WSGI
    gives it), or None when no current problem names that file or it is not a regular file
    inside the project."""
    try:
        path = path_info.encode("latin-1").decode("utf-8").removeprefix(VIEW)
    except UnicodeError:
        return None
    problems = [p for p in STATE.problems if p.spot.path == path]
    if not problems or STATE.root is None:
        return None
    file = (STATE.root / path).resolve()
    if not file.is_relative_to(STATE.root) or not file.is_file():
        return None
    try:
        with file.open("rb") as stream:
            data = stream.read(_MAX_BYTES + 1)
    except OSError:
        return None
    lines = _LINE_BREAK.split(data[:_MAX_BYTES].decode("utf-8", errors="replace"))
    if len(lines) > 1 and not lines[-1]:
        lines.pop()  # the break that ends the last line starts none
    return _file_page(path, lines, problems, cut=len(data) > _MAX_BYTES)


def _shown(text: str) -> str:
    """The text with controls and invisible marks written out as ``<U+202E>`` (then escaped
    as any text is)."""
    return _INVISIBLE.sub(lambda m: f"<U+{ord(m.group()):04X}>", text)


_BAD = Markup(' class="bad"')
_ROW = Markup(
    '<tr id="L{0}"{1}><td class="n"><a href="#L{0}">{0}</a></td><td><pre>{2}</pre>{3}</td></tr>'
)


def _file_page(path: str, lines: list[str], problems: list[Problem], *, cut: bool) -> str:
    notes: dict[int, list[Markup]] = {}
    for problem in problems:
        line = min(max(problem.spot.line, 1), len(lines))
        head = reporting.render([problem], "text").rstrip()
        notes.setdefault(line, []).append(Markup('<div class="note">{}</div>').format(_shown(head)))
    rows = Markup("").join(
        _ROW.format(
            number,
            _BAD if number in notes else "",
            _shown(line),
            Markup("").join(notes.get(number, ())),
        )
        for number, line in enumerate(lines, 1)
    )
    ending = Markup("<p>(The file goes on; only its first megabyte is shown.)</p>") if cut else ""
    return Markup(
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        "<title>{path}</title><style>{style}</style></head><body><h1>{path}</h1>"
        "<p>Read-only: edit the file in your editor; the preview rebuilds when you save.</p>"
        "<table>{rows}</table>{ending}</body></html>"
    ).format(path=_shown(path), style=_STYLE, rows=rows, ending=ending)


_STYLE = Markup(
    "body{font:14px/1.45 system-ui,sans-serif;margin:1em}"
    "table{border-collapse:collapse}td{vertical-align:top;padding:0 .6em}"
    "pre{margin:0;white-space:pre-wrap;font:13px/1.4 ui-monospace,monospace}"
    "td.n{text-align:right;user-select:none}td.n a{color:#777;text-decoration:none}"
    "tr.bad{background:#fde0e0}tr:target{background:#fff3a0;outline:2px solid #b71c1c}"
    ".note{color:#b71c1c;font:13px/1.4 ui-monospace,monospace;white-space:pre-wrap}"
)


_BODY = re.compile(rb"<body[^>]*>", re.IGNORECASE)


def add_banner(page: bytes, banner_html: str) -> bytes:
    """``page`` with ``banner_html`` right after its ``<body>`` tag (or first, if none)."""
    found = _BODY.search(page)
    at = found.end() if found else 0
    return page[:at] + banner_html.encode("utf-8") + page[at:]


def _with_banner(app: WSGIApplication) -> WSGIApplication:
    """A WSGI middleware: HTML responses get the banner while there is one."""

    def serve(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        if environ.get("PATH_INFO", "").startswith(VIEW):
            return _view(environ.get("PATH_INFO", ""), start_response)
        response: list[Any] = []

        def capture(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            response[:] = [status, headers]
            return lambda data: None

        body = app(environ, capture)
        status, headers = response
        text = banner()
        kind = next((v for k, v in headers if k.lower() == "content-type"), "")
        if not text or not kind.startswith("text/html"):
            start_response(status, headers)
            return body
        try:
            page = add_banner(b"".join(body), text)
        finally:
            if hasattr(body, "close"):
                body.close()
        headers = [(k, v) for k, v in headers if k.lower() != "content-length"]
        start_response(status, [*headers, ("Content-Length", str(len(page)))])
        return [page]

    return serve


def _view(path_info: str, start_response: StartResponse) -> Iterable[bytes]:
    shown = problem_file(path_info)
    if shown is None:
        page, status, kind = (
            b"Not found: no current problem names this file.\n",
            "404 Not Found",
            "text/plain",
        )
    else:
        page, status, kind = shown.encode("utf-8"), "200 OK", "text/html"
    start_response(
        status,
        [
            ("Content-Type", f"{kind}; charset=utf-8"),
            ("Content-Length", str(len(page))),
            ("Cache-Control", "no-store"),
            ("X-Content-Type-Options", "nosniff"),
            ("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'"),
        ],
    )
    return [page]
