"""MkDocs hook: makes ``mkdocs build`` and ``mkdocs serve`` generate the pages themselves.

Pages are added in memory (no file is written into site_src/, so ``serve`` never loops), and
``watch:`` in mkdocs.yml makes a saved claim file trigger exactly one rebuild. A claim with
problems stops the build with the same problem lines ``check`` prints. Generated pages left
on disk by ``python -m generator build`` are replaced by the fresh ones; that command passes
the pages it has rendered in the config (``pages.CONFIG_KEY``), and they are used as they are."""

from __future__ import annotations

import sys
from pathlib import Path

_ROOT = Path(__file__).resolve().parents[1]
if str(_ROOT) not in sys.path:  # MkDocs loads hooks by path; make the package importable
    sys.path.insert(0, str(_ROOT))

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.structure.files import File, Files  # noqa: E402

from generator import pages, reporting, urls  # noqa: E402
from generator.project import load_and_check  # noqa: E402
from generator.settings import Settings  # noqa: E402


def on_files(files: Files, config) -> Files:
    rendered = config["extra"].pop(pages.CONFIG_KEY, None)
    if rendered is None:
        root = Path(config.config_file_path).parent
        checked, problems = load_and_check(root)
        if problems:
            raise PluginError(
                "fact-check problems:\n" + reporting.render(problems, "text").rstrip()
            )
        rendered = pages.render_site(checked, Settings.from_mkdocs(config))
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
    return files
