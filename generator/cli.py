"""The command line: the only module that prints and picks an exit code.

Exit codes: 0 clean, 1 content problems, 2 usage error."""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from generator import finding, reporting, schemas, settings
from generator.checked import Checked
from generator.loading import load_project
from generator.problems import Problem
from generator.project import load_and_check

CLEAN, PROBLEMS, USAGE = 0, 1, 2


class UsageError(Exception):
    pass


def main(argv: Sequence[str] | None = None, *, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # argparse has printed the usage message
        return USAGE if exit_.code else CLEAN
    try:
        root = _root(args.root)
        code: int = args.run(args, root, out)
        return code
    except UsageError as error:
        print(f"error: {error}", file=sys.stderr)
        return USAGE


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--root", default=".", metavar="DIR", help="the project folder (default: current)"
    )
    default_format = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    common.add_argument(
        "--format",
        choices=reporting.FORMATS,
        default=default_format,
        help="how problems are printed (default: %(default)s; github under GitHub Actions)",
    )
    parser = argparse.ArgumentParser(
        prog="python -m generator",
        description="Validate fact-check claims, anchor their quotations, build the site.",
    )
    commands = parser.add_subparsers(required=True, metavar="COMMAND")
    check_ = commands.add_parser(
        "check", parents=[common], help="validate every claim and seed; print every problem"
    )
    check_.set_defaults(run=_check)
    build = commands.add_parser(
        "build",
        parents=[common],
        help="check, generate the pages into site_src/, build the site into site/",
    )
    build.add_argument(
        "--site-url",
        metavar="URL",
        default=os.environ.get(settings.SITE_URL_VAR) or None,
        help=f"publish at this address instead of mkdocs.yml's site_url "
        f"(default: ${settings.SITE_URL_VAR})",
    )
    build.add_argument(
        "--repo-url",
        metavar="URL",
        default=os.environ.get(settings.REPO_URL_VAR) or None,
        help=f"the repository's address instead of mkdocs.yml's repo_url "
        f"(default: ${settings.REPO_URL_VAR})",
    )
    build.add_argument(
        "--deploy",
        action="store_true",
        help="a build to publish: refuse placeholder addresses (example.org…)",
    )
    build.set_defaults(run=_build)
    find = commands.add_parser(
        "find",
        parents=[common],
        help="find a passage in the seeds; print a ready-to-paste evidence item",
    )
    find.add_argument("text", help="the passage, as you would type it")
    find.add_argument("--source", help="only look in this seed")
    find.set_defaults(run=_find)
    schema = commands.add_parser(
        "schema", parents=[common], help="rewrite the JSON Schemas of claim and seed files"
    )
    schema.set_defaults(run=_schema)
    diff = commands.add_parser(
        "diff",
        parents=[common],
        help="summarise, in Markdown, what changed since a git revision (claims, verdicts, "
        "quotations, sources)",
    )
    diff.add_argument("base", metavar="BASE", help="the git revision to compare with")
    diff.set_defaults(run=_diff)
    return parser


def _root(value: str) -> Path:
    root = Path(value)
    if not (root / "claims").is_dir() or not (root / "seeds").is_dir():
        raise UsageError(
            f"{value} is not a fact-check project: it needs claims/ and seeds/ folders "
            "(run from the project folder, or pass --root DIR)"
        )
    return root


def report(problems: list[Problem], checked: Checked, fmt: str, out: TextIO) -> int:
    out.write(reporting.render(problems, fmt))
    if fmt != "json":
        print(
            reporting.summary(
                problems,
                claims=len(checked.claims),
                seeds=len(checked.seeds),
                quotations=checked.quotations,
            ),
            file=out,
        )
    return PROBLEMS if problems else CLEAN


def _check(args: argparse.Namespace, root: Path, out: TextIO) -> int:
    checked, problems = load_and_check(root)
    return report(problems, checked, args.format, out)


def _build(args: argparse.Namespace, root: Path, out: TextIO) -> int:
    from generator import publishing  # MkDocs is imported only when a site is built

    checked, problems = load_and_check(root)
    if problems:
        return report(problems, checked, args.format, out)
    for name in ("site_url", "repo_url"):
        value = getattr(args, name)
        if value is not None and not re.fullmatch(r"https?://[^\s<>\"'`]+", value):
            option = "--" + name.replace("_", "-")
            raise UsageError(f"{option} '{value}' is not an http(s) URL")
    failure = publishing.build(
        checked, root, site_url=args.site_url, repo_url=args.repo_url, deploy=args.deploy
    )
    if failure:
        print(f"error: the site build failed; site/ is unchanged\n{failure}", file=out)
        return PROBLEMS
    print(f"Built {root / 'site'} from {len(checked.claims)} claims.", file=out)
    return CLEAN


def _find(args: argparse.Namespace, root: Path, out: TextIO) -> int:
    checked, _ = load_and_check(root)
    seeds = checked.seeds
    if args.source and args.source not in seeds:
        raise UsageError(f"unknown source '{args.source}'; known: {', '.join(seeds)}")
    sources = [seeds[args.source].source] if args.source else [s.source for s in seeds.values()]
    text = finding.find(args.text, sources)
    out.write(text.output)
    return CLEAN if text.found else PROBLEMS


def _schema(args: argparse.Namespace, root: Path, out: TextIO) -> int:
    project, _ = load_project(root)
    for path, content in schemas.schema_files(project).items():
        (root / path).write_text(content, encoding="utf-8")
        print(f"wrote {path}", file=out)
    return CLEAN


def _diff(args: argparse.Namespace, root: Path, out: TextIO) -> int:
    from generator import diffing, gitbase

    with tempfile.TemporaryDirectory(prefix="factcheck-base-") as tmp:
        try:
            commit = gitbase.extract(root, args.base, Path(tmp))
        except gitbase.GitError as error:
            raise UsageError(str(error)) from None
        before, _ = load_project(Path(tmp))
    after, _ = load_project(root)
    changes = diffing.compare(before, after)
    base = args.base if commit.startswith(args.base) else f"{args.base} ({commit[:12]})"
    out.write(diffing.markdown(changes, after, base))
    if changes.problems:  # also on stderr, where GitHub reads annotations from the log
        sys.stderr.write(reporting.render(list(changes.problems), args.format))
    return PROBLEMS if changes.problems else CLEAN
