"""``diff BASE``: what a change does to the fact-checks, against a git history built here."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import run

GIT = ["git", "-c", "user.name=Desk", "-c", "user.email=desk@example.org"]
GIT += ["-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false"]


def git(root: Path, *args: str) -> str:
    done = subprocess.run([*GIT, *args], cwd=root, capture_output=True, encoding="utf-8")
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def commit_all(root: Path, message: str) -> str:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)
    return git(root, "rev-parse", "HEAD")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def history(project: Path) -> tuple[Path, str]:
    git(project, "init", "-q")
    return project, commit_all(project, "base")


def change_everything(project: Path) -> None:
    claims, seeds = project / "claims", project / "seeds"
    # Re-rated without a correction, and one quotation removed.
    edit(claims / "all-troops-expelled.yaml", "verdict: unproven", "verdict: false")
    edit(
        claims / "all-troops-expelled.yaml",
        "  - source: 001_bf3cbcc567dc0b0e\n    quote: Ukrainian officials disputed the claim.\n"
        "    role: disputes\n    said_by: ukraine-general-staff\n"
        "    note: A denial by a party to the fighting.\n",
        "",
    )
    # A new claim, with its quotations.
    shutil.copy(claims / "north-koreans-fought.yaml", claims / "gerasimov-said-so.yaml")
    edit(
        claims / "gerasimov-said-so.yaml",
        "soldiers fought alongside",
        "soldiers *fought* <b>alongside</b>",
    )
    # A new source.
    for suffix in (".txt", ".yaml"):
        shutil.copy(seeds / f"001_bf3cbcc567dc0b0e{suffix}", seeds / f"003_copy{suffix}")


def test_diff_summarises_a_change_in_markdown(history: tuple[Path, str]) -> None:
    project, base = history
    change_everything(project)
    (project / "claims" / "north-koreans-fought.yaml").unlink()
    commit_all(project, "change")

    result = run("diff", "--root", str(project), "--format", "text", base)

    assert result.out == (
        "## What this change does to the fact-checks\n"
        "\n"
        f"Compared with `{base}`.\n"
        "\n"
        "**1 claim added; 1 claim removed; 1 claim re-rated; 2 quotations added; "
        "3 quotations removed; 1 source added.**\n"
        "\n"
        "### Claims added\n"
        "\n"
        "- `gerasimov-said-so` — North Korean soldiers \\*fought\\* \\<b\\>alongside\\</b\\> "
        "Russian troops in the Kursk region. (**Mostly true**)\n"
        "\n"
        "### Claims removed\n"
        "\n"
        "- `north-koreans-fought` — North Korean soldiers fought alongside Russian troops in "
        "the Kursk region. (**Mostly true**)\n"
        "\n"
        "### Claims re-rated\n"
        "\n"
        "- `all-troops-expelled` — All Ukrainian troops have been expelled from Russia's Kursk "
        "region.: **Unproven → False**\n"
        "\n"
        "### Quotations added\n"
        "\n"
        "- `gerasimov-said-so`: “Gerasimov also confirmed on Saturday that North Korean soldiers "
        "fought against Ukrainian troops” — `001_bf3cbcc567dc0b0e`, appearance\n"
        "- `gerasimov-said-so`: “Ukraine, the US and South Korea all said that North Korea "
        "\\[...\\] had deployed 10,000–12,000 of its troops to Russia to fight in Kursk.” — "
        "`002_0ff8d9755428d8f6`, supports\n"
        "\n"
        "### Quotations removed\n"
        "\n"
        "- `all-troops-expelled`: “Ukrainian officials disputed the claim.” — "
        "`001_bf3cbcc567dc0b0e`, disputes\n"
        "- `north-koreans-fought`: “Gerasimov also confirmed on Saturday that North Korean "
        "soldiers fought against Ukrainian troops” — `001_bf3cbcc567dc0b0e`, appearance\n"
        "- `north-koreans-fought`: “Ukraine, the US and South Korea all said that North Korea "
        "\\[...\\] had deployed 10,000–12,000 of its troops to Russia to fight in Kursk.” — "
        "`002_0ff8d9755428d8f6`, supports\n"
        "\n"
        "### Sources added\n"
        "\n"
        "- `003_copy`: Perth Now (republished by newsdeed.com)\n"
        "\n"
        "### Problems\n"
        "\n"
        "- `claims/all-troops-expelled.yaml:6:10` the verdict changed from 'unproven' to "
        "'false' without a new entry in corrections: (add one under corrections: with today's "
        "date and a note saying what changed and why (readers see it on the page and in the "
        "corrections log))\n"
    )
    assert result.code == 1


def test_a_verdict_change_needs_a_correction(
    history: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    project, base = history
    claim = project / "claims" / "all-troops-expelled.yaml"
    edit(claim, "verdict: unproven", "verdict: false")

    result = run("diff", "--root", str(project), "--format", "github", base)
    assert result.code == 1
    assert capsys.readouterr().err == (
        "::error file=claims/all-troops-expelled.yaml,line=6,col=10,"
        "title=verdict-without-correction::the verdict changed from 'unproven' to 'false' "
        "without a new entry in corrections:%0Aadd one under corrections: with today's date and "
        "a note saying what changed and why (readers see it on the page and in the corrections "
        "log)\n"
    )

    claim.write_text(
        claim.read_text(encoding="utf-8")
        + "corrections:\n  - date: 2025-05-04\n    note: Re-rated false after the retraction.\n",
        encoding="utf-8",
    )
    result = run("diff", "--root", str(project), "--format", "text", base)
    assert result.code == 0
    assert "**Unproven → False**" in result.out
    assert "### Problems" not in result.out


def test_no_change(history: tuple[Path, str]) -> None:
    project, base = history
    result = run("diff", "--root", str(project), "--format", "text", "HEAD")
    assert result.code == 0
    assert result.out == (
        "## What this change does to the fact-checks\n\n"
        f"Compared with `HEAD ({base[:12]})`.\n\n"
        "**No claim, quotation or source changed.**\n"
    )


def test_diff_of_a_project_in_a_subfolder(tmp_path: Path) -> None:
    from tests.conftest import make_project

    repo = tmp_path / "repo"
    repo.mkdir()
    project = make_project(repo / "site")
    git(repo, "init", "-q")
    base = commit_all(repo, "base")
    edit(project / "claims" / "all-troops-expelled.yaml", "verdict: unproven", "verdict: false")
    result = run("diff", "--root", str(project), "--format", "text", base)
    assert "**Unproven → False**" in result.out


def test_bad_revisions_exit_2(
    history: tuple[Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project, _ = history
    assert run("diff", "--root", str(project), "no-such-branch").code == 2
    assert capsys.readouterr().err == (
        "error: unknown revision 'no-such-branch': name a commit, branch or tag "
        "(e.g. origin/main; see git log)\n"
    )
    assert run("diff", "--root", str(project), "--", "--output=/tmp/x").code == 2
    assert capsys.readouterr().err == "error: '--output=/tmp/x' is not a git revision\n"

    outside = tmp_path / "outside"
    shutil.copytree(project, outside, ignore=shutil.ignore_patterns(".git"))
    assert run("diff", "--root", str(outside), "HEAD").code == 2
    assert capsys.readouterr().err == (
        f"error: {outside} is not in a git repository; diff compares the project with a git "
        "revision\n"
    )


def test_shallow_clone_without_the_base_exits_2(
    history: tuple[Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project, base = history
    edit(project / "claims" / "all-troops-expelled.yaml", "verdict: unproven", "verdict: false")
    commit_all(project, "change")
    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", project.as_uri(), str(shallow))

    assert run("diff", "--root", str(shallow), base).code == 2
    assert capsys.readouterr().err == (
        f"error: revision '{base}' is not in this shallow clone; fetch the history it needs "
        "(git fetch --unshallow, or fetch-depth: 0 with actions/checkout)\n"
    )
