"""The live preview (``mkdocs serve``): problems shown where the contributor is looking.

While the claims have problems, the preview keeps serving the last good site and every HTML
page it serves carries a banner with the problem lines (file, line, column, hints). A failed
rebuild never leaves the browser's requests waiting: the server is told the build is over.
Fixing the file clears the banner on the next rebuild.

The state lives here, not in the hook, because MkDocs loads the hook afresh for every
rebuild. Only ``mkdocs_hook`` calls this module."""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from generator import reporting
from generator.checked import Checked
from generator.problems import Problem

log = logging.getLogger("mkdocs.hooks.factcheck")


@dataclass
class _State:
    serving: bool = False  # inside ``mkdocs serve``
    built: bool = False  # a site has been built since the preview started
    problems: tuple[Problem, ...] = ()
    failure: str = ""  # a build that failed for another reason (mkdocs.yml, a template…)


STATE = _State()


def start(*, serving: bool) -> None:
    global STATE
    STATE = _State(serving=serving)


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


def built() -> None:
    STATE.built = True


def install(server):
    """Wrap the server's builder (a failed build still ends, so no request waits for it) and
    its WSGI app (HTML responses get the banner). Returns the server, as ``on_serve`` must."""
    server.builder = _finishing(server.builder)
    server.set_app(_with_banner(server.get_app()))
    return server


def _finishing(builder: Callable[[], None]) -> Callable[[], None]:
    def build() -> None:
        STATE.problems, STATE.failure = (), ""
        errors = _Errors()
        logging.getLogger("mkdocs").addHandler(errors)
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
            logging.getLogger("mkdocs").removeHandler(errors)

    return build


class _Errors(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def banner() -> str:
    """The banner's HTML, or "" when there is nothing to show."""
    if STATE.problems:
        count = len(STATE.problems)
        head = f"{count} problem{'s' if count != 1 else ''}"
        items = "".join(_item(problem) for problem in STATE.problems)
    elif STATE.failure:
        head = "The site build failed"
        items = f"<li><pre>{html.escape(STATE.failure)}</pre></li>"
    else:
        return ""
    return (
        '<div id="fc-preview-problems" role="alert" style="background:#b71c1c;color:#fff;'
        "padding:.8em 1.2em;font:14px/1.45 system-ui,sans-serif;max-height:45vh;"
        'overflow:auto;position:relative;z-index:10">'
        f"<strong>{head}: the preview shows the last good site until they are fixed.</strong>"
        f'<ul style="margin:.4em 0 0;padding-left:1.2em">{items}</ul></div>'
    )


def _item(problem: Problem) -> str:
    """One problem as ``check`` prints it: the line, then its hints."""
    return (
        '<li><pre style="margin:.2em 0;white-space:pre-wrap;color:inherit;background:none;'
        'font:13px/1.4 ui-monospace,monospace">'
        f"{html.escape(reporting.render([problem], 'text').rstrip())}</pre></li>"
    )


_BODY = re.compile(rb"<body[^>]*>", re.IGNORECASE)


def add_banner(page: bytes, banner_html: str) -> bytes:
    """``page`` with ``banner_html`` right after its ``<body>`` tag (or first, if none)."""
    found = _BODY.search(page)
    at = found.end() if found else 0
    return page[:at] + banner_html.encode("utf-8") + page[at:]


def _with_banner(app):
    """A WSGI middleware: HTML responses get the banner while there is one."""

    def serve(environ, start_response) -> Iterable[bytes]:
        response: list = []

        def capture(status, headers, exc_info=None):
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
