"""The starter registry that `uzit init` writes: one source, one resident, every key explained.

Everything in it is invented (example.com addresses, "Example" names) and `illustrative: true`
says so; `uzit validate` passes on it as written (tests/test_init.py checks). Its comments are
in the reader's language; its keys and values are the format's, the same in every language.
"""

from __future__ import annotations

import unicodedata

from uzit_cli.language import N_, _

DEFAULT_SCHEMA_FILE = "registry.schema.json"

#: The opening comment, after the line that names the schema: `{schema}` is the schema file,
#: `{name}` the registry's own (quoted for the shell).
_INTRODUCTION = N_(
    "A uzit registry, format 1. The reference is docs/registry-format.md in uzit's repository.\n"
    "The line above lets an editor with the YAML language server (VS Code's YAML extension, for\n"
    "one) complete keys and flag mistakes as you type; `uzit schema > {schema}` writes the file.\n"
    "Check this file with: uzit validate {name}\n"
    "Everything below is an invented example: replace it with what your sources say."
)

#: The registry, a line at a time, each with the comment that explains it (None: none). The
#: keys and values are the format's and stay as they are in every language; the comments are
#: the reader's.
_LINES: tuple[tuple[str, str | None], ...] = (
    ("schema: 1", N_("the format version; leave it at 1")),
    ("", None),
    ("registry:", None),
    ("  title: Japanese-capital residents of IT Park Uzbekistan", None),
    ("  as_of: 2025-03-31", N_("the day the data describes (YYYY-MM-DD)")),
    ("  illustrative: true", N_("true while the companies below are made up; then remove it")),
    ("  sources:", N_("the documents the registry cites")),
    ("    - id: example-source", N_("lowercase letters, digits and '-'")),
    ("      title: Japanese IT firms in Tashkent", None),
    ("      publisher: Example Daily", None),
    ("      url: https://news.example.com/japanese-it-firms", None),
    ("      published: 2025-03-20", None),
    ("      note: Leave out what nobody has checked (a url, a date) rather than guess it.", None),
    ("  published:", N_("totals a source states; uzit validate recomputes them")),
    ("    - {metric: residents, value: 1, source: example-source}", None),
    ("", None),
    ("residents:", N_("one mapping per resident company")),
    (
        "  - id: example-systems",
        N_("unique in the file; commands use it (uzit show example-systems)"),
    ),
    ("    name: Example Systems", None),
    ("    name_ja: エグザンプル・システムズ", N_("optional")),
    ("    joined: 2024-05-20", N_("not after as_of")),
    ("    city: Tashkent", None),
    ("    sectors: [software-development, it-consulting]", None),
    ("    exports_to_japan: true", None),
    (
        '    export_markets: [JP, "NO"]',
        N_('optional; quote "NO" (Norway), which YAML 1.1 reads as false'),
    ),
    ("    headcount: 14", N_("optional, on the as_of day")),
    ("    jobs_created: {2024: 12}", N_("optional: year -> new jobs that year")),
    ("    sources: [example-source]", N_("ids from registry.sources")),
)

#: The column the comments start at, in display cells (a full-width character is two).
_COMMENT_COLUMN = 32


def starter_registry(name: str | None, schema: str = DEFAULT_SCHEMA_FILE) -> str:
    """The starter registry's text, naming itself `name` (FILE when it has none yet: written
    to standard output) and its schema `schema`, with its comments in the reader's language;
    a name is quoted for the shell and its control characters escaped (`\\n`), so a newline
    in a file name cannot end the comment that names it."""
    word = "FILE" if name is None else _command_word(name)
    introduction = _(_INTRODUCTION).format(name=word, schema=schema)
    lines = [f"# yaml-language-server: $schema={schema}", "#"]
    lines += [f"# {line}".rstrip() for line in introduction.splitlines()]
    lines.append("")
    for text, comment in _LINES:
        if comment is None:
            lines.append(text)
            continue
        gap = max(_COMMENT_COLUMN - _cells(text), 2)
        lines.append(f"{text}{' ' * gap}# {' '.join(_(comment).split())}")
    return "\n".join(lines) + "\n"


def _cells(text: str) -> int:
    """How many terminal cells `text` takes: two for a wide or full-width character."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _command_word(name: str) -> str:
    import shlex

    shown = "".join(
        c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in name
    )
    return shlex.quote(shown)
