"""Every problem code, with what it means and how to fix it: the one registry.

A check names its problem by a member of ``Code``; the README's table of codes is checked
against this registry (``tests/test_docs.py``), and every code must be pinned by a case file
in ``tests/cases/`` (``tests/test_cases.py``). A new code is a new member here, a row in the
README and a case file."""

from __future__ import annotations

from enum import StrEnum


class Code(StrEnum):
    """A problem code; its value is what problem lines print (``error[quote-not-found]``)."""

    meaning: str
    fix: str

    def __new__(cls, value: str, meaning: str, fix: str) -> Code:
        member = str.__new__(cls, value)
        member._value_ = value
        member.meaning = meaning
        member.fix = fix
        return member

    @classmethod
    def of(cls, value: str) -> Code:
        """The code spelled ``value``; a ValueError if it is not in the registry."""
        for code in cls:
            if code.value == value:
                return code
        raise ValueError(f"'{value}' is not a problem code in generator/codes.py")

    # Reading files: YAML and encoding.
    YAML_SYNTAX = (
        "yaml-syntax",
        "the file is not valid YAML, or holds more than one document",
        "fix the line shown; quote values that contain ': ' or start with a special character",
    )
    CONTROL_CHARACTER = (
        "control-character",
        "a character YAML forbids (NUL, form feed, ESC, DEL, C1 controls…), with its place",
        "delete the character; retype the text around it if it came from a copy",
    )
    TOO_DEEP = (
        "too-deep",
        "lists and mappings nested more than 32 levels (a file of 50,000 `[`)",
        "flatten the structure; no format here nests more than a few levels",
    )
    YAML_TAG = (
        "yaml-tag",
        "an explicit tag such as `!!python/object` (never honoured)",
        "remove the tag; write the value as plain text",
    )
    YAML_ANCHOR = (
        "yaml-anchor",
        "an anchor or alias (`&a`, `*a`); refused at once, so alias bombs never expand",
        "write the value out in full where it is used",
    )
    DUPLICATE_KEY = (
        "duplicate-key",
        "the same key twice in one mapping",
        "keep one of the two lines",
    )
    NOT_UTF8 = (
        "not-utf8",
        "the file is not UTF-8 (the line and column of the first bad byte)",
        "save the file as UTF-8",
    )
    FILE_TOO_LARGE = (
        "file-too-large",
        "a contributor file over 1 MB (counted in bytes read, not as `stat` reports it)",
        "split the claim, or quote less",
    )
    SYMLINK = (
        "symlink",
        "a symbolic link in `claims/` or `seeds/` (or the folder, or `verdicts.yaml`): "
        "never followed",
        "commit the file itself, not a link to it",
    )
    NOT_A_FILE = (
        "not-a-file",
        "a directory, device, pipe or socket where a file is expected (`claims/x.yaml/`)",
        "replace it with a plain file, or remove it",
    )
    UNREADABLE_FILE = (
        "unreadable-file",
        "the file system refused to read the file (permissions)",
        "make the file readable by the user running the generator",
    )
    BAD_FILE_NAME = (
        "bad-file-name",
        "a file name with control, invisible or undecodable characters; not read",
        "rename it using letters, digits and hyphens",
    )
    EMPTY_FILE = ("empty-file", "the file has no content", "fill it in, or delete it")
    NOT_A_MAPPING = (
        "not-a-mapping",
        "the top level is not `key: value` lines",
        "start from an existing file of the same kind",
    )
    # Fields.
    UNKNOWN_KEY = (
        "unknown-key",
        "a key the format does not have (with a did-you-mean)",
        "correct the spelling, or remove the key",
    )
    MISSING_FIELD = (
        "missing-field",
        "a required field is absent (`would_settle_it` is required for `unproven` and `mixed`)",
        "add the field",
    )
    PLACEHOLDER = (
        "placeholder",
        "a value still reads `FILL IN: …`, as `python -m generator new` wrote it",
        "write the real value in its place",
    )
    WRONG_TYPE = (
        "wrong-type",
        "a value of the wrong kind (a list where text is expected, a date not YYYY-MM-DD…)",
        "write the kind of value the message names",
    )
    BAD_VALUE = (
        "bad-value",
        "a value outside a small fixed set (e.g. a claimant's `type`)",
        "use one of the values listed",
    )
    BAD_DATE = (
        "bad-date",
        "not a real calendar date, or dates in an impossible order",
        "write a real date as YYYY-MM-DD, in the right order",
    )
    BAD_SLUG = (
        "bad-slug",
        "a tag or id that is not a lowercase slug",
        "use lowercase letters, digits and single hyphens",
    )
    BAD_URL = ("bad-url", "a URL that is not http(s)", "write the full http(s) address")
    DUPLICATE_ITEM = (
        "duplicate-item",
        "the same item twice in a list, or a verdict, claimant or team id (or an ordinal) "
        "used twice",
        "remove the repeated item",
    )
    # Files and the references between them.
    MISSING_FILE = (
        "missing-file",
        "`verdicts.yaml`, `claimants.yaml` or `team.yaml` is missing",
        "restore the file (the message says what it holds)",
    )
    WRONG_EXTENSION = (
        "wrong-extension",
        "a claim file ending in `.yml` (not read)",
        "rename it to end in .yaml",
    )
    MISSING_METADATA = (
        "missing-metadata",
        "an archived text without its `.yaml` metadata",
        "add seeds/<id>.yaml beside the text",
    )
    MISSING_SEED_TEXT = (
        "missing-seed-text",
        "metadata without its archived text",
        "add seeds/<id>.txt, or remove the metadata",
    )
    BAD_CLAIM_ID = (
        "bad-claim-id",
        "the file name is not a claim id, or an `id:` differs from it",
        "rename the file to a lowercase slug, or remove the id line",
    )
    UNKNOWN_CLAIM = (
        "unknown-claim",
        "`related:` names a claim that does not exist",
        "list the ids (file names without .yaml) of other claims",
    )
    UNKNOWN_SOURCE = (
        "unknown-source",
        "`source:` names no seed (the known ones are listed)",
        "use a seed id: a file name in seeds/ without .txt",
    )
    SOURCE_OUTSIDE_SEEDS = (
        "source-outside-seeds",
        "`source:` is a path (`../x`, `/etc/passwd`), not a seed id",
        "use a seed id: a file name in seeds/ without .txt",
    )
    UNKNOWN_VERDICT = (
        "unknown-verdict",
        "the verdict is not in `verdicts.yaml` (the allowed ones are listed)",
        "use one of the verdict ids listed",
    )
    UNKNOWN_ROLE = (
        "unknown-role",
        "the role is not appearance, supports, refutes, disputes or context",
        "use one of the five roles",
    )
    UNKNOWN_CLAIMANT = (
        "unknown-claimant",
        "`claimant:`, `via:` or `said_by:` (or a triage statement's `claimant:`) names no "
        "entry of `claimants.yaml`",
        "use the id of an entry of claimants.yaml, or add the claimant there",
    )
    UNKNOWN_TEAM_MEMBER = (
        "unknown-team-member",
        "`author:` or `reviewed_by:` names no entry of `team.yaml`",
        "use the id of an entry of team.yaml (the desk; never invent people)",
    )
    CLAIMANT_NAME_CLASH = (
        "claimant-name-clash",
        "two claimants whose names read alike as slugs ('Dmitry Peskov', 'dmitry  peskov')",
        "keep one entry for one claimant, or make the names tell them apart",
    )
    PARTY_AS_EVIDENCE = (
        "party-as-evidence",
        "`supports`/`refutes` on a statement `said_by` the claimant, who relayed the claim "
        "(`via`), or an interested party (a claimant with `party:`)",
        "use role disputes for a party's denial or counter-claim, or appearance",
    )
    COPY_CYCLE = (
        "copy-cycle",
        "a seed's `copy_of` chain comes back to it",
        "remove copy_of from the original, or name the shared report with report:",
    )
    PROVENANCE_CONFLICT = (
        "provenance-conflict",
        "a seed gives both `copy_of` and `report`",
        "keep one: a copy's report is that of the seed it copies",
    )
    # Quotations.
    EMPTY_QUOTE = ("empty-quote", "the quote is empty", "paste the passage from the source")
    QUOTE_TOO_SHORT = (
        "quote-too-short",
        "under three words without a prefix or suffix",
        "quote more, or add a prefix or suffix",
    )
    INVISIBLE_CHARACTER = (
        "invisible-character",
        "an invisible or bidirectional control character (U+200B–U+200F, U+202A–U+202E, "
        "U+2066–U+2069) in a one-line field such as a claim, claimant or tag; in longer text "
        "it is shown on the page as ⟨U+202E⟩",
        "delete the character",
    )
    RESERVED_NAME = (
        "reserved-name",
        "a claim or seed id that a generated page has (`index`)",
        "rename the file",
    )
    NAME_COLLISION = (
        "name-collision",
        "two names that become one URL or anchor (claimants 'Jane Doe' and 'jane doe'; seed "
        "ids that differ only in case)",
        "spell the name the same way everywhere, or rename one file",
    )
    BAD_SEED_ID = (
        "bad-seed-id",
        "a seed file name that cannot be a seed id (letters, digits, `_`, `-`, `.`)",
        "rename the seed's .txt and .yaml files",
    )
    QUOTE_NOT_FOUND = (
        "quote-not-found",
        "the quote is not in the source (closest passage, word diff, other sources)",
        "copy the passage from the source again (python -m generator find)",
    )
    QUOTE_AMBIGUOUS = (
        "quote-ambiguous",
        "the quote occurs more than once (each place, with a prefix or suffix to add), "
        "or a part of it more than 100 times",
        "add the prefix or suffix suggested for the place you mean",
    )
    TOO_MANY_ELISIONS = (
        "too-many-elisions",
        "more than ten parts around `[...]` in one quotation",
        "cite the passages as separate evidence items",
    )
    ELISION_ORDER = (
        "elision-order",
        "the parts around `[...]` are not in this order within 2,000 characters",
        "put the parts in source order, or quote them separately",
    )
    DUPLICATE_EVIDENCE = (
        "duplicate-evidence",
        "one claim cites the same span twice",
        "remove one of the two items",
    )
    BODY_ORDER = (
        "body-order",
        "a seed's body `end` marker stands before its `start` marker",
        "swap the two markers, or quote the right passages",
    )
    # Markdown and the verdict scale.
    RAW_HTML = (
        "raw-html",
        "raw HTML in a Markdown field (summary, analysis, notes); write Markdown instead",
        "write Markdown, or escape the < as \\<",
    )
    UNSAFE_LINK = (
        "unsafe-link",
        "a link that is not http(s), mailto or site-relative (`javascript:`, `data:`…)",
        "link to an http(s) address",
    )
    UNKNOWN_ICON = (
        "unknown-icon",
        "a verdict's icon is not a Material icon",
        "pick an icon from Material's list, written material/<name>",
    )
    # Archived texts.
    SEED_CHANGED = (
        "seed-changed",
        "an archived text no longer has the SHA-256 its metadata records",
        "restore the file (git checkout); a newer copy is a new seed",
    )
    # What a change does (``diff``).
    VERDICT_WITHOUT_CORRECTION = (
        "verdict-without-correction",
        "`diff`: a claim's verdict changed, but its `corrections:` has no new entry",
        "add a correction with the date and what changed and why",
    )
    BAD_SETTING = (
        "bad-setting",
        "a site setting the generator reads from `mkdocs.yml` is of the wrong kind",
        "write it as the example in the hint shows",
    )
    ANCHOR_MISMATCH = (
        "anchor-mismatch",
        "internal safeguard: a found span did not fold back to its quote",
        "report it with the claim file; nothing is published from it",
    )
