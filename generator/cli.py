"""The command line: the only module that prints and picks an exit code.

Exit codes: 0 clean, 1 content problems, 2 usage error."""

from __future__ import annotations

import argparse
import datetime
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
from generator.progress import Progress
from generator.project import load_and_check
from generator.schemas import MAX_SLUG, SLUG

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
    common.add_argument(
        "--quiet",
        action="store_true",
        help="no progress lines (on a terminal, runs over a second or two show their progress)",
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
        "schema",
        parents=[common],
        help="rewrite the JSON Schemas of claims, seeds, the scale and the registers",
    )
    schema.set_defaults(run=_schema)
    add_source = commands.add_parser(
        "add-source",
        parents=[common],
        help="archive an article's text in seeds/ byte for byte, with its metadata",
    )
    add_source.add_argument("file", metavar="FILE", help="the article's text, UTF-8")
    add_source.add_argument("--id", required=True, help="the seed id (its file name in seeds/)")
    add_source.add_argument("--outlet", required=True, help="the publication")
    add_source.add_argument("--url", help="the original article's address")
    add_source.add_argument("--published", metavar="YYYY-MM-DD", help="its publication date")
    add_source.add_argument("--title", help="its headline")
    add_source.add_argument("--author", help="its byline or agency")
    add_source.add_argument("--language", default="en", help="BCP 47 tag (default: en)")
    add_source.set_defaults(run=_add_source)
    new = commands.add_parser(
        "new", parents=[common], help="scaffold claims/<slug>.yaml for a claim, to fill in"
    )
    new.add_argument("claim", metavar="CLAIM_TEXT", help="the claim as it was made")
    new.add_argument("--id", help="the claim id (default: a slug of the claim's words)")
    new.set_defaults(run=_new)
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


def _progress(args: argparse.Namespace) -> Progress:
    stream = None if args.quiet else sys.stderr
    return Progress(stream, live=stream is not None and stream.isatty())


def _checking(root: Path, progress: Progress) -> tuple[Checked, list[Problem]]:
    return load_and_check(root, phase=progress.phase, step=progress.step)


def _check(args: argparse.Namespace, root: Path, out: TextIO) -> int:
    progress = _progress(args)
    checked, problems = _checking(root, progress)
    progress.done()
    return report(problems, checked, args.format, out)


def _build(args: argparse.Namespace, root: Path, out: TextIO) -> int:
    progress = _progress(args)
    try:
        return _building(args, root, out, progress)
    finally:
        progress.done()


def _building(args: argparse.Namespace, root: Path, out: TextIO, progress: Progress) -> int:
    from generator import publishing  # MkDocs is imported only when a site is built

    with publishing.collecting_rarely():
        checked, problems = _checking(root, progress)
        if problems:
            progress.done()
            return report(problems, checked, args.format, out)
        for name in ("site_url", "repo_url"):
            value = getattr(args, name)
            if value is not None and not re.fullmatch(r"https?://[^\s<>\"'`]+", value):
                option = "--" + name.replace("_", "-")
                raise UsageError(f"{option} '{value}' is not an http(s) URL")
        claims = len(checked.claims)
        handed = [checked]  # the build drops it once the pages are rendered
        del checked
        failure = publishing.build(
            handed,
            root,
            site_url=args.site_url,
            repo_url=args.repo_url,
            deploy=args.deploy,
            progress=progress,
            on_wait=lambda: print(
                "another build is running in this folder; waiting for it to finish…",
                file=out,
                flush=True,
            ),
        )
    progress.done()
    if failure:
        print(f"error: the site build failed; site/ is unchanged\n{failure}", file=out)
        return PROBLEMS
    print(f"Built {root / 'site'} from {claims} claims.", file=out)
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


def _add_source(args: argparse.Namespace, root: Path, out: TextIO) -> int:
    from generator import scaffolding

    seed_id = args.id
    if not scaffolding.valid_seed_id(seed_id):
        raise UsageError(
            f"--id '{seed_id}' is not a seed id: letters, digits, '.', '_' and '-', starting "
            f"with a letter or digit, at most {MAX_SLUG} characters, without .txt "
            "(e.g. 006_reuters-kursk)"
        )
    text_path, meta_path = root / "seeds" / f"{seed_id}.txt", root / "seeds" / f"{seed_id}.yaml"
    for path in (text_path, meta_path):
        if os.path.lexists(path):
            raise UsageError(
                f"seeds/{path.name} already exists; seeds are never overwritten "
                "(a newer copy of an article is a new seed: choose another --id)"
            )
    _check_option("--url", args.url, r"https?://[^\s<>\"'`]+", "an http(s) URL")
    _check_option("--published", args.published, r"\d{4}-\d{2}-\d{2}", "a date YYYY-MM-DD")
    _check_option("--language", args.language, r"[a-z]{2,3}(?:-[A-Za-z0-9]+)*", "a tag like en")
    if args.published:
        try:
            datetime.date.fromisoformat(args.published)
        except ValueError:
            raise UsageError(f"--published '{args.published}' is not a real date") from None
    try:
        data = Path(args.file).read_bytes()
    except OSError as error:
        raise UsageError(f"{args.file}: cannot be read: {error.strerror or error}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        col = (
            len(
                data[data.rfind(b"\n", 0, error.start) + 1 : error.start].decode("utf-8", "replace")
            )
            + 1
        )
        raise UsageError(
            f"{args.file}:{line}:{col}: the file is not valid UTF-8 (byte "
            f"0x{data[error.start]:02X}); nothing was written. Save it as UTF-8 first "
            "(e.g. iconv -f windows-1252 -t utf-8), keeping the text otherwise as it is"
        ) from None
    meta = scaffolding.seed_metadata(
        text,
        data,
        outlet=args.outlet,
        url=args.url,
        published=args.published,
        title=args.title,
        author=args.author,
        language=args.language,
    )
    with open(text_path, "xb") as file:  # "x": never overwrite, even in a race
        file.write(data)
    with open(meta_path, "x", encoding="utf-8") as file:
        file.write(meta)
    print(f"wrote seeds/{text_path.name} ({len(data):,} bytes, copied as it is)", file=out)
    print(f"wrote seeds/{meta_path.name}: review it, the body markers especially", file=out)
    return CLEAN


def _check_option(option: str, value: str | None, pattern: str, expected: str) -> None:
    if value is not None and not re.fullmatch(pattern, value):
        raise UsageError(f"{option} '{value}' is not {expected}")


def _new(args: argparse.Namespace, root: Path, out: TextIO) -> int:
    from generator import scaffolding

    claim_text = " ".join(args.claim.split())
    if not claim_text:
        raise UsageError("the claim text is empty: give the claim as it was made, in quotes")
    claim_id = args.id or scaffolding.slug(claim_text)
    if not re.fullmatch(SLUG, claim_id) or len(claim_id) > MAX_SLUG:
        raise UsageError(
            f"'{claim_id}' is not a claim id: lowercase letters, digits and single hyphens, "
            f"at most {MAX_SLUG} characters (give one with --id)"
        )
    path = root / "claims" / f"{claim_id}.yaml"
    if os.path.lexists(path):
        raise UsageError(
            f"claims/{path.name} already exists; nothing was overwritten "
            "(edit it, or give another id with --id)"
        )
    project, _ = load_project(root)
    record = schemas.project_claim_record(project)
    content = scaffolding.claim_file(claim_text, record, datetime.date.today())
    with open(path, "x", encoding="utf-8") as file:
        file.write(content)
    print(
        f"wrote claims/{path.name}: replace every 'FILL IN:' (check lists them), then run "
        "python -m generator check",
        file=out,
    )
    return CLEAN
