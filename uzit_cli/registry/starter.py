"""The starter registry that `uzit init` writes: one source, one resident, every key explained.

Everything in it is invented (example.com addresses, "Example" names) and `illustrative: true`
says so; `uzit validate` passes on it as written (tests/test_init.py checks).
"""

from __future__ import annotations

DEFAULT_SCHEMA_FILE = "registry.schema.json"

_STARTER = """\
# yaml-language-server: $schema={schema}
#
# A uzit registry, format 1. The reference is docs/registry-format.md in uzit's repository.
# The line above lets an editor with the YAML language server (VS Code's YAML extension, for
# one) complete keys and flag mistakes as you type; `uzit schema > {schema}` writes the file.
# Check this file with: uzit validate {name}
# Everything below is an invented example: replace it with what your sources say.

schema: 1                       # the format version; leave it at 1

registry:
  title: Japanese-capital residents of IT Park Uzbekistan
  as_of: 2025-03-31             # the day the data describes (YYYY-MM-DD)
  illustrative: true            # true while the companies below are made up; then remove it
  sources:                      # the documents the registry cites
    - id: example-source        # lowercase letters, digits and '-'
      title: Japanese IT firms in Tashkent
      publisher: Example Daily
      url: https://news.example.com/japanese-it-firms
      published: 2025-03-20
      note: Leave out what nobody has checked (a url, a date) rather than guess it.
  published:                    # totals a source states; uzit validate recomputes them
    - {{metric: residents, value: 1, source: example-source}}

residents:                      # one mapping per resident company
  - id: example-systems         # unique in the file; commands use it (uzit show example-systems)
    name: Example Systems
    name_ja: エグザンプル・システムズ  # optional
    joined: 2024-05-20          # not after as_of
    city: Tashkent
    sectors: [software-development, it-consulting]
    exports_to_japan: true
    export_markets: [JP, "NO"]  # optional; quote "NO" (Norway), which YAML 1.1 reads as false
    headcount: 14               # optional, on the as_of day
    jobs_created: {{2024: 12}}    # optional: year -> new jobs that year
    sources: [example-source]   # ids from registry.sources
"""


def starter_registry(name: str, schema: str = DEFAULT_SCHEMA_FILE) -> str:
    """The starter registry's text, naming itself `name` and its schema `schema`; a name is
    quoted for the shell and its control characters escaped (`\\n`), so a newline in a file
    name cannot end the comment that names it."""
    return _STARTER.format(name=_command_word(name), schema=schema)


def _command_word(name: str) -> str:
    import shlex

    shown = "".join(
        c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in name
    )
    return shlex.quote(shown)
