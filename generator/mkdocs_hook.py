"""MkDocs hook: makes ``mkdocs build`` and ``mkdocs serve`` generate the pages themselves.

Pages are added in memory (no file is written into site_src/, so ``serve`` never loops), and
``watch:`` in mkdocs.yml makes a saved claim file trigger exactly one rebuild. A claim with
problems stops the build with the same problem lines ``check`` prints; under ``mkdocs serve``
the last good site stays served with the problems in a banner on every page (``preview``).
Generated pages left on disk by ``python -m generator build`` are replaced by the fresh ones;
that command passes the pages it has rendered in the config (``pages.CONFIG_KEY``), and they
are used as they are. Generated pages are left out of MkDocs' "not included in nav" notice:
they are reached from the listing pages, on purpose."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

_ROOT = Path(__file__).resolve().parents[1]
if str(_ROOT) not in sys.path:  # MkDocs loads hooks by path; make the package importable
    sys.path.insert(0, str(_ROOT))

from jinja2 import Environment  # noqa: E402
from mkdocs.config.defaults import MkDocsConfig  # noqa: E402
from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402
from mkdocs.structure.files import File, Files, InclusionLevel  # noqa: E402
from mkdocs.structure.nav import Navigation  # noqa: E402
from mkdocs.structure.pages import Page  # noqa: E402

from generator import (  # noqa: E402
    cardcache,
    carryover,
    mkdocs_pages,
    pages,
    preview,
    reporting,
    shell,
    templatecache,
    urls,
)
from generator.cards import Card  # noqa: E402
from generator.checked import Checked  # noqa: E402
from generator.pages import sharing  # noqa: E402
from generator.prerender import Rules  # noqa: E402
from generator.project import load_and_check  # noqa: E402
from generator.registers import CLAIMANTS_FILE, TEAM_FILE, TRIAGE_FILE  # noqa: E402
from generator.settings import (  # noqa: E402
    REPO_URL_VAR,
    SITE_URL_VAR,
    Settings,
    address_overrides,
)

if TYPE_CHECKING:  # (the preview's server, which a build does not load)
    from mkdocs.livereload import LiveReloadServer

_NO_DATE = "1970-01-01"
_checked: Checked | None = None  # this build's check, from on_pre_build to on_files
_rules: list[Rules] = []  # this build's mkdocs_pages.rules(config)
_nav: list[Navigation] = []  # this build's navigation, from on_nav to on_env
_progress: list[Any] = []  # ``python -m generator build``'s progress.Progress, if any
_cards: list[dict[str, Card]] = []  # this build's share cards, from on_files to on_post_build
_drawing: list[cardcache.Drawing] = []  # the cards being drawn meanwhile
_placed: list[str] = []  # where the last build put its cards in the site


def on_startup(command: str, dirty: bool) -> None:
    preview.start(serving=command == "serve", dirty=dirty)
    carryover.start(active=command == "serve" and dirty)
    _placed.clear()


def on_serve(
    server: LiveReloadServer, config: MkDocsConfig, builder: Callable[..., Any]
) -> LiveReloadServer:
    root = Path(config.config_file_path).parent
    for name in (CLAIMANTS_FILE, TEAM_FILE, TRIAGE_FILE):  # not in mkdocs.yml's watch:
        if (root / name).exists():  # (a path listed there must exist)
            server.watch(str(root / name))
    return preview.install(server, root)


def on_pre_build(config: MkDocsConfig) -> None:
    # After every plugin's on_config: the Markdown they configured, the search index they made.
    _rules[:] = [mkdocs_pages.rules(config)]
    for name in ("material/search", "search"):
        search = config.plugins.get(name)
        if search is not None and hasattr(search, "search_index"):
            mkdocs_pages.index_quickly(search, config.plugins)
            carryover.index_each_page(search.search_index)
    # Check before MkDocs empties the site folder, so that problems can leave the last site.
    global _checked
    if pages.CONFIG_KEY in config["extra"]:
        return  # ``python -m generator build`` has checked and rendered already
    checked, problems = load_and_check(Path(config.config_file_path).parent, preview.STATE.memo)
    preview.checked(problems)
    if not problems:
        _checked = checked
        return
    message = "fact-check problems:\n" + reporting.render(problems, "text").rstrip()
    if not preview.STATE.serving or preview.keeps_last_site():
        raise PluginError(message)
    # The preview's first build has no site to keep: it shows what checks, under the banner.
    preview.log.error(message)
    _checked = preview.without_problems(checked, problems)


@event_priority(100)  # before other plugins': they too make the theme's Jinja environments
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if pages.CONFIG_KEY not in config["extra"]:  # ``build`` has applied its own addresses
        env = os.environ
        overrides = address_overrides(env.get(SITE_URL_VAR), env.get(REPO_URL_VAR))
        for key, value in overrides.items():  # the published address, for a plain mkdocs build
            config[key] = value
    templatecache.keep(config.theme, Path(config.config_file_path).parent)
    progress = config["extra"].pop(pages.PROGRESS_KEY, None)
    _progress[:] = [progress] if progress is not None else []
    return config


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    _nav[:] = [nav]
    for progress in _progress:
        progress.phase(f"reading {_pages(files)} (MkDocs)", len(files.documentation_pages()))
    return nav


def _pages(files: Files) -> str:
    number = len(files.documentation_pages())
    return f"{number:,} page{'' if number == 1 else 's'}"


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Claim and source pages are spliced into a shell the theme renders once (see shell)."""
    for progress in _progress:
        progress.phase(f"writing {_pages(files)} (MkDocs)", len(files.documentation_pages()))
    carryover.restore(files, [f.page for f in files.documentation_pages() if f.page is not None])
    return shell.install(env, _nav[0]) if _nav else env


def on_pre_page(page: Page, config: MkDocsConfig, files: Files) -> Page:
    """Generated pages skip Python-Markdown where it has nothing to do (see mkdocs_pages)."""
    if urls.is_generated(page.file.src_uri) and type(page) is Page:
        page.__class__ = mkdocs_pages.GeneratedPage
        cast(mkdocs_pages.GeneratedPage, page).rules = _rules[0] if _rules else None
    return page


def on_files(files: Files, config: MkDocsConfig) -> Files:
    rendered = config["extra"].pop(pages.CONFIG_KEY, None)
    cards = config["extra"].pop(pages.CARDS_KEY, None)
    if rendered is None and _checked is not None:
        cards = {}
        rendered = pages.render_site(
            _checked, Settings.from_mkdocs(config), preview.STATE.memo, cards=cards
        )
        if preview.STATE.memo is not None:
            preview.STATE.memo.sweep()  # a round ends once the pages are rendered
    _cards[:] = [cards] if cards else []
    on_build_error(None)  # what a build that stopped before on_post_build left drawing
    if cards:  # drawn in worker processes while MkDocs builds the pages, if there are many
        root = Path(config.config_file_path).parent
        _drawing.append(cardcache.start(root, cards.values(), workers=cardcache.workers()))
    if rendered is not None:
        for file in list(files):
            if urls.is_generated(file.src_uri):
                files.remove(file)
        for path, content in rendered.items():
            files.append(File.generated(config, path, content=content))
    for file in files:
        written_from = urls.written_from(file.src_uri)
        if written_from:
            # "Edit this page" opens the claim's YAML (edit_uri is relative to site_src/).
            file.edit_uri = "../" + written_from
        elif urls.is_generated(file.src_uri):
            file.edit_uri = None
        if urls.is_generated(file.src_uri):
            file.inclusion = InclusionLevel.NOT_IN_NAV  # reached from the listing pages
    preview.skip_unchanged(files, config.config_file_path)
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    # MkDocs stamps every page with the build date; the site's dates are its claims' own, so
    # that two builds of the same claims are byte-identical (sitemap.xml.gz's header carries
    # the latest). Pages without a date of their own sort first.
    fc = page.meta.get("fc")
    page.update_date = fc.get("modified", _NO_DATE) if isinstance(fc, dict) else _NO_DATE
    return markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    carryover.read(page)
    for progress in _progress:
        progress.step()
    return html


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Open Graph and Twitter card tags in the head of every page (see pages.sharing)."""
    title = config.site_name if page.is_homepage else page.meta.get("title") or page.title
    tags = sharing.head_tags(
        meta=page.meta,
        title=str(title or config.site_name),
        url=page.canonical_url,
        site_url=config.site_url,
        site_name=config.site_name,
        description=config.site_description or "",
    )
    if isinstance(page, mkdocs_pages.GeneratedPage):
        page.content = None  # written next and needed no more: the build holds no page's HTML
    for progress in _progress:
        progress.step()
    return shell.inserted(output, "</head>", tags)


def on_post_build(config: MkDocsConfig) -> None:
    """The share cards go into the site, drawn only where the cache lacks them (cardcache)."""
    cards = _cards[0] if _cards else {}
    while _drawing:
        cardcache.finish(_drawing.pop())
    site_dir = Path(config.site_dir)
    cardcache.place(Path(config.config_file_path).parent, cards, site_dir)
    # the preview builds into one folder again and again: the cards it showed last time and
    # shows no more go (before a deleted claim's folder is removed, once empty)
    cardcache.remove_stale(site_dir, _placed, cards)
    _placed[:] = cards
    preview.built(config.site_dir)


def on_build_error(error: Exception | None) -> None:
    while _drawing:
        cardcache.stop(_drawing.pop())
