"""MkDocs hook: makes ``mkdocs build`` and ``mkdocs serve`` generate the pages themselves.

Pages are added in memory (no file is written into site_src/, so ``serve`` never loops), and
``watch:`` in mkdocs.yml makes a saved claim file trigger exactly one rebuild. A claim with
problems stops the build with the same problem lines ``check`` prints. Generated pages that
``python -m generator build`` left on disk are replaced by the fresh ones."""

from __future__ import annotations

import os
import sys
from pathlib import Path

_ROOT = Path(__file__).resolve().parents[1]
if str(_ROOT) not in sys.path:  # MkDocs loads hooks by path; make the package importable
    sys.path.insert(0, str(_ROOT))

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.structure.files import File, Files  # noqa: E402

from generator import pages, reporting  # noqa: E402
from generator.project import load_and_check  # noqa: E402
from generator.settings import Settings  # noqa: E402

# Set by ``python -m generator build``, which has already written the pages to disk.
PAGES_ON_DISK = "FACTCHECK_PAGES_ON_DISK"


def on_files(files: Files, config) -> Files:
    if not os.environ.get(PAGES_ON_DISK):
        root = Path(config.config_file_path).parent
        checked, problems = load_and_check(root)
        if problems:
            raise PluginError(
                "fact-check problems:\n" + reporting.render(problems, "text").rstrip()
            )
        for file in list(files):
            if pages.is_generated(file.src_uri):
                files.remove(file)
        for path, content in pages.render_site(checked, Settings.from_mkdocs(config)).items():
            files.append(File.generated(config, path, content=content))
    for file in files:
        if file.src_uri.startswith("claims/") and file.src_uri != "claims/index.md":
            # "Edit this page" opens the claim's YAML, not the generated Markdown.
            file.edit_uri = "../" + file.src_uri.removesuffix(".md") + ".yaml"
        elif pages.is_generated(file.src_uri):
            file.edit_uri = None
    return files
