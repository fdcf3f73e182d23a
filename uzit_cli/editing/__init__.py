"""Editing a registry file in place, keeping it as the person wrote it.

The engine behind `uzit add`, `set`, `unset`, `remove`, `rename`, `source` and `fmt`, and the
API for any command that changes a registry (`import --merge`). No typer or rich here.

How to use it::

    from uzit_cli.editing import EditError, RegistryDocument

    document = RegistryDocument.open("data/residents.yaml")  # `-` (standard input) is refused
    document.set_field("example-kaizen-bpo", "jobs_created.2025", 14)
    document.set_field("example-kaizen-bpo", "sectors", ["ai-data"], "+=")  # "-=" takes out
    document.set_field("example-kaizen-bpo", "city", "Tashkent")
    document.unset_field("example-kaizen-bpo", "note")
    document.add_resident({"id": "example-new", "name": "Example New", "joined": date(2025, 3, 1),
                           "city": "Tashkent", "sectors": ["bpo"], "exports_to_japan": False})
    document.remove_resident("example-new")          # force=True past references
    document.rename_resident("old-id", "new-id")
    document.set_header("as_of", date(2025, 12, 31))  # title, as_of, illustrative
    document.add_source({...}); document.set_source_field(id, field, value)
    document.remove_source(id)                       # refused while cited (`citations(id)`)
    document.rename_source(old, new)                 # and every citation

    if document.changed:
        print(document.unified_diff())               # what would change, as `git diff` shows it
        registry = document.check()                  # RegistryError: every problem, located
        before = document.before()                   # as read (None if invalid), for
                                                     # diff_registries(before, registry)
        document.write()                             # atomic; EditError if changed on disk

To change the round-trip tree (`document.tree`, `document.resident(id)`) by hand instead, call
`document.edited()` first: the text is then written out afresh.

Values are Python values (`str`, `int`, `bool`, `datetime.date`, lists, `{year: n}`): a date
given as a string is written as a quoted string, which the loader accepts and `fmt` unquotes;
`values.parse_assignment` and `values.value_of` turn `FIELD=VALUE` as typed into them. Edits
raise EditError (exit status 1) for what cannot be done as asked: an unknown id, an id taken, a
source still cited. They do not validate: `check()` and `write()` run the project's own loader
over the edited text, so problems read exactly as `uzit validate` reports them.

Only the lines an edit changes change (`patch.carry_over`): comments, key order, quoting,
flow or block style, blank lines, line endings and a byte order mark stay as they were.
`layout.formatted(text)` is the canonical layout of `uzit fmt`. The CLI side (opening the
selected registry, --dry-run's diff and summary, the confirming line) is `cli/edit_session.py`.
"""

from uzit_cli.editing.document import RegistryDocument
from uzit_cli.editing.edits import EditError

__all__ = ["EditError", "RegistryDocument"]
