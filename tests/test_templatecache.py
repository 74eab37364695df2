"""The theme's compiled templates are kept between builds (generator/templatecache.py), and
never stand in for a template that changed."""

from __future__ import annotations

import json
from pathlib import Path

import jinja2
import pytest

from generator import templatecache
from tests.conftest import run


def site_files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


@pytest.fixture
def compiled(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the templates Jinja compiles from their source, as a new process would
    (nothing kept in memory)."""
    names: list[str] = []
    compile_ = jinja2.Environment.compile

    def counting(self, source, name=None, filename=None, *args, **kwargs):
        names.append(name)
        return compile_(self, source, name, filename, *args, **kwargs)

    monkeypatch.setattr(templatecache, "_KEPT", templatecache.Templates())
    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    return names


def test_a_second_build_compiles_no_template_and_builds_the_same_site(
    project: Path, compiled: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("build", "--root", str(project)).code == 0
    assert {"main.html", "base.html", "404.html", "partials/toc.html"} <= set(compiled)
    (folder,) = (project / templatecache.FOLDER).iterdir()
    # (None: shell's one-line template, made from a string each build, never kept)
    assert len(list(folder.iterdir())) == len(set(compiled) - {None})
    first = site_files(project / "site")

    compiled.clear()
    monkeypatch.setattr(templatecache, "_KEPT", templatecache.Templates())  # a new process
    assert run("build", "--root", str(project)).code == 0
    assert compiled == [None]
    assert site_files(project / "site") == first


def test_an_edited_template_is_compiled_again(project: Path, compiled: list[str]) -> None:
    assert run("build", "--root", str(project)).code == 0
    main = project / "overrides" / "main.html"
    main.write_text(
        main.read_text(encoding="utf-8").replace(
            "{% block extrahead %}", "{% block extrahead %}<meta name=edited>"
        ),
        encoding="utf-8",
    )
    compiled.clear()
    assert run("build", "--root", str(project)).code == 0
    assert compiled == ["main.html", None]
    assert "<meta name=edited>" in (project / "site" / "index.html").read_text(encoding="utf-8")


def test_other_settings_compile_into_another_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A template compiles differently under other syntax or extensions: their compiled
    forms are never shared, and a folder left by other settings is removed."""
    plain = jinja2.Environment()
    assert templatecache.settings(plain) == templatecache.settings(jinja2.Environment())
    for other in (
        jinja2.Environment(extensions=["jinja2.ext.i18n"]),
        jinja2.Environment(autoescape=True),
        jinja2.Environment(trim_blocks=True),
        jinja2.Environment(variable_start_string="[["),
    ):
        assert templatecache.settings(other) != templatecache.settings(plain)
    monkeypatch.setattr(templatecache, "_KEPT", templatecache.Templates())
    templatecache.install(plain, tmp_path)
    templatecache.install(jinja2.Environment(autoescape=True), tmp_path)
    (folder,) = (tmp_path / templatecache.FOLDER).iterdir()
    assert folder.name == templatecache.settings(jinja2.Environment(autoescape=True))


def theme_files(project: Path, keep: bool) -> list[str]:
    from mkdocs.config import load_config
    from mkdocs.structure.files import Files

    config = load_config(str(project / "mkdocs.yml"))
    if keep:
        templatecache.keep(config.theme, project)
    files = Files([])
    files.add_files_from_theme(config.theme.get_env(), config)
    return sorted(f.src_uri + " " + f.abs_src_path for f in files)


def test_the_theme_is_listed_once_and_as_mkdocs_lists_it(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    walked: list[str] = []
    walk = templatecache._walk
    monkeypatch.setattr(templatecache, "_walk", lambda top: walked.append(top) or walk(top))
    monkeypatch.setattr(templatecache, "_listed", {})
    monkeypatch.setattr(templatecache, "_read", [])
    theirs = theme_files(project, keep=False)
    assert len(theirs) > 20
    assert theme_files(project, keep=True) == theirs
    outside = [w for w in walked if not w.startswith(str(project))]
    assert [Path(w).parts[-2] for w in outside] == ["material", "mkdocs"]  # installed themes
    walked.clear()
    monkeypatch.setattr(templatecache, "_listed", {})  # a new process: read from LISTED
    monkeypatch.setattr(templatecache, "_read", [])
    assert theme_files(project, keep=True) == theirs
    assert walked == [str(project / "overrides")]  # only the project's own folder


def test_an_installed_theme_inside_the_project_is_listed_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As in this repository, where the theme is installed in the project's ``.venv/``."""
    monkeypatch.setattr(templatecache, "_listed", {})
    monkeypatch.setattr(templatecache, "_read", [])
    walked: list[str] = []
    walk = templatecache._walk
    monkeypatch.setattr(templatecache, "_walk", lambda top: walked.append(top) or walk(top))
    installed, own = tmp_path / ".venv" / "theme", tmp_path / "overrides"
    for folder, name in ((installed / "assets", "a.css"), (own, "main.html")):
        folder.mkdir(parents=True)
        (folder / name).write_text("x")
    for _ in range(2):
        env = jinja2.Environment(loader=jinja2.FileSystemLoader([str(own), str(installed)]))
        templatecache._list_once(env, tmp_path, (), str(own))
        assert env.list_templates(filter_func=lambda name: True) == ["assets/a.css", "main.html"]
    assert walked == [str(own), str(installed), str(own)]  # the installed one once


def test_a_theme_folder_that_changed_is_listed_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(templatecache, "_listed", {})
    monkeypatch.setattr(templatecache, "_read", [])
    root, theme = tmp_path / "project", tmp_path / "theme"
    (theme / "assets").mkdir(parents=True)
    (theme / "assets" / "a.css").write_text("a")
    root.mkdir()
    keep = lambda name: True  # noqa: E731
    assert templatecache._kept(root, str(theme), (), keep) == ["assets/a.css"]
    (theme / "assets" / "b.css").write_text("b")
    assert templatecache._kept(root, str(theme), (), keep) == ["assets/a.css", "assets/b.css"]
    # A listing the project's files bring (not made here): not trusted.
    listed = root / templatecache.LISTED
    forged = json.loads(listed.read_text(encoding="utf-8"))
    for key in forged:
        forged[key]["names"] = ["../../outside.txt"]
    listed.write_text(json.dumps(forged), encoding="utf-8")
    monkeypatch.setattr(templatecache, "_listed", {})
    monkeypatch.setattr(templatecache, "_read", [])
    assert templatecache._kept(root, str(theme), (), keep) == ["assets/a.css", "assets/b.css"]
    for key in forged:
        forged[key] = {"folders": {}, "names": ["assets/x.css"]}
    listed.write_text(json.dumps(forged), encoding="utf-8")
    monkeypatch.setattr(templatecache, "_listed", {})
    monkeypatch.setattr(templatecache, "_read", [])
    assert templatecache._kept(root, str(theme), (), keep) == ["assets/a.css", "assets/b.css"]
