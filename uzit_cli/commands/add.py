"""`uzit add`: a new resident, from options, or on a terminal by asking for what is missing.

The questions are Rich's prompts (Rich is already a dependency) with the standard library's
readline for completion of known cities, sectors and source ids: no prompt library to add.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Annotated, Any

import typer

from uzit_cli.cli.common import EditedRegistryOption, described, streams_of
from uzit_cli.cli.edit_session import DryRunOption, finish, open_for_editing
from uzit_cli.cli.option_groups import Completes
from uzit_cli.language import N_, _, _p
from uzit_cli.model import RESIDENT_FIELDS
from uzit_cli.problems import UsageError

if TYPE_CHECKING:
    from uzit_cli.editing import RegistryDocument

REQUIRED = tuple(field.name for field in RESIDENT_FIELDS if field.required)
FLAGS = {"exports_to_japan": "--exports-to-japan/--no-exports-to-japan", "sectors": "--sector"}
SPECS = {field.name: field.spec for field in RESIDENT_FIELDS}


def field_help(name: str) -> str:
    """What the question for field `name` shows first: what it holds, in the reader's
    language (the backticks that mark code in the docs' table left out)."""
    return _(SPECS[name].doc).replace("`", "")


def field_label(name: str) -> str:
    """The field's label in the reader's language, the question's own words."""
    return _p("field", SPECS[name].label)


#: Cyrillic letters in Latin for an id, after GOST 7.79-2000 system B without its marks
#: (ъ, ь, the ` of ы and э left out; ц always c), with Uzbek's ў, қ, ғ and ҳ as Uzbek's Latin
#: alphabet writes them: `Эпсилон` → `epsilon`, `Қўқон` → `qoqon`. Other scripts (Japanese)
#: are not transliterated.
CYRILLIC = str.maketrans(
    {
        **dict(zip("абвгдезийклмнопрстуфхцыэ", "abvgdezijklmnoprstufxcye", strict=True)),
        **{"ё": "yo", "ж": "zh", "ч": "ch", "ш": "sh", "щ": "shh", "ю": "yu", "я": "ya"},
        **{"ъ": "", "ь": "", "і": "i", "ў": "o", "қ": "q", "ғ": "g", "ҳ": "h"},
    }
)


def suggested_id(name: str, taken: Sequence[str] = ()) -> str:
    """An id from a name: `Example Kaizen BPO` → `example-kaizen-bpo`, `Эпсилон` → `epsilon`;
    a number appended when it is taken; empty when the name has no Latin letters or digits
    (nor Cyrillic ones) to make one of."""
    latin = name.lower().translate(CYRILLIC)
    plain = unicodedata.normalize("NFKD", latin).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:60].strip("-")
    if not slug:
        return ""
    found, number = slug, 2
    while found in taken:
        found, number = f"{slug}-{number}", number + 1
    return found


def _jobs(values: Sequence[str]) -> dict[int, Any]:
    from uzit_cli.editing.values import yaml_value, year_key

    jobs: dict[int, Any] = {}
    for value in values:
        year, sep, count = value.partition("=")
        if not sep:
            raise UsageError(
                _("--jobs takes YEAR=COUNT, as in --jobs 2025=14; got {value}").format(
                    value=repr(value)
                )
            )
        jobs[year_key(year.strip())] = yaml_value(count.strip())
    return jobs


@described(
    N_(
        """\
Add a resident to the registry and write it back, keeping its comments and layout.

The fields come from the options; on a terminal, uzit asks for each required one that
is missing, with its help, a default and Tab completion of the cities, sectors and
sources the registry already has (the id is suggested from the name). Elsewhere a
missing required field is an error. Nothing is written unless the whole registry, with
the new resident, validates.

\b
Examples:
  uzit add -r my.yaml        # on a terminal: asks for each field
  uzit add -r my.yaml --name 'Example Kaizen BPO' --joined 2025-03-01 \\
    --city Samarkand --sector bpo --no-exports-to-japan --jobs 2025=14"""
    )
)
def add(
    ctx: typer.Context,
    resident_id: Annotated[
        str | None,
        typer.Option(
            "--id",
            metavar="ID",
            help=N_(
                "Its id, a slug; suggested from the name when left out. "
                "Example: --id example-kaizen-bpo"
            ),
        ),
    ] = None,
    name: Annotated[
        str | None,
        typer.Option(
            "--name", metavar="NAME", help=N_("Its name. Example: --name 'Example Kaizen BPO'")
        ),
    ] = None,
    name_ja: Annotated[
        str | None,
        typer.Option(
            "--name-ja",
            metavar="NAME",
            help=N_("Its name in Japanese. Example: --name-ja カイゼン"),
        ),
    ] = None,
    joined: Annotated[
        str | None,
        typer.Option(
            "--joined",
            metavar="DATE",
            help=N_("The day it became a resident. Example: --joined 2025-03-01"),
        ),
    ] = None,
    city: Annotated[
        str | None,
        typer.Option("--city", metavar="CITY", help=N_("Its city. Example: --city Samarkand")),
        Completes("cities"),
    ] = None,
    sectors: Annotated[
        list[str] | None,
        typer.Option(
            "--sector",
            metavar="SLUG",
            help=N_("A sector, one per option. Example: --sector bpo --sector ai-data"),
        ),
        Completes("sectors"),
    ] = None,
    exports_to_japan: Annotated[
        bool | None,
        typer.Option(
            "--exports-to-japan/--no-exports-to-japan",
            help=N_(
                "Whether it exports IT services to Japan (then export_markets is "
                "[JP]). Example: --exports-to-japan"
            ),
            show_default=False,
        ),
    ] = None,
    sources: Annotated[
        list[str] | None,
        typer.Option(
            "--source",
            metavar="ID",
            help=N_(
                "A source id it is cited from, one per option. Example: --source trend-2025-02-28"
            ),
        ),
    ] = None,
    jobs: Annotated[
        list[str] | None,
        typer.Option(
            "--jobs",
            metavar="YEAR=COUNT",
            help=N_("Jobs created in a year, one per option. Example: --jobs 2025=14"),
        ),
    ] = None,
    headcount: Annotated[
        int | None,
        typer.Option("--headcount", metavar="N", help=N_("Its employees. Example: --headcount 40")),
    ] = None,
    website: Annotated[
        str | None,
        typer.Option(
            "--website",
            metavar="URL",
            help=N_("Its website. Example: --website https://example.com"),
        ),
    ] = None,
    note: Annotated[
        str | None,
        typer.Option("--note", metavar="TEXT", help=N_("A note. Example: --note 'Stand-in.'")),
    ] = None,
    registry: EditedRegistryOption = None,
    dry_run: DryRunOption = False,
) -> None:
    from uzit_cli.editing.values import yaml_value

    document = open_for_editing(registry)
    record: dict[str, Any] = {
        "id": resident_id,
        "name": name,
        "name_ja": name_ja,
        "joined": None if joined is None else yaml_value(joined),
        "city": city,
        "sectors": sectors or None,
        "exports_to_japan": exports_to_japan,
        "headcount": headcount,
        "jobs_created": _jobs(jobs or []) or None,
        "website": website,
        "sources": sources or None,
        "note": note,
    }
    missing = [field for field in REQUIRED if record[field] is None]
    interactive = _interactive(ctx)
    asked = interactive and name and not suggested_id(name)  # the id, with no default
    if "id" in missing and (missing == ["id"] or not interactive) and not asked:
        record["id"] = _id_from_name(name, document)
        missing.remove("id")
    if missing:
        if not interactive:
            flags = ", ".join(FLAGS.get(field, "--" + field.replace("_", "-")) for field in missing)
            raise UsageError(
                _("missing {options} (on a terminal, uzit asks for them)").format(options=flags)
            )
        _ask(ctx, document, record, missing)
    document.add_resident(record)
    finish(ctx, document, dry_run=dry_run, done=_("added {id}").format(id=record["id"]))


def _id_from_name(name: str | None, document: RegistryDocument) -> str:
    """The id the name gives, when no resident has it yet. A resident that has it is most
    likely this one, added before (a script run twice): refused, rather than a second copy
    as `…-2` that nobody asked for; a namesake takes `--id`, which the message suggests."""
    given = suggested_id(name or "")
    if name and not given:
        raise UsageError(
            _(
                "the name {name} has no Latin or Cyrillic letters or digits to make an id of: "
                "give the id with --id, such as --id {example}"
            ).format(name=repr(name), example="example-kaizen-bpo")
        )
    taken = document.resident_ids()
    if name and given in taken:
        existing = document.resident(given).get("name")
        message = _(
            "the name gives the id {id}, which {existing} already has; if this is another "
            "resident, give it an id of its own with --id, such as --id {free}"
        ).format(id=given, existing=repr(str(existing)), free=suggested_id(name, taken))
        raise UsageError(_("{file}: {message}").format(file=document.shown, message=message))
    return given if name else suggested_id("", taken)


def _interactive(ctx: typer.Context) -> bool:
    return sys.stdin is not None and sys.stdin.isatty() and streams_of(ctx).err.is_terminal


def _ask(
    ctx: typer.Context, document: RegistryDocument, record: dict[str, Any], missing: list[str]
) -> None:
    """Ask for each missing field on the terminal, in the format's order, until each answer
    reads as its field's type; then for sources, which may be left empty."""
    from rich.markup import escape
    from rich.prompt import Confirm, Prompt
    from rich.text import Text

    from uzit_cli.output.console import make_console

    console = make_console(streams_of(ctx).err)
    residents = [item for item in document.residents if hasattr(item, "get")]
    cities = Counter(str(item.get("city")) for item in residents if item.get("city"))
    known = {
        "city": sorted(cities),
        "sectors": sorted({str(s) for item in residents for s in item.get("sectors") or []}),
        "sources": document.source_ids(),
    }
    as_of = document.header.get("as_of")
    console.print(_("A new resident (Tab completes what the registry already has; Ctrl-C stops)."))

    class YesOrNo(Confirm):  # Rich's own words are English
        validate_error_message = "[prompt.invalid]" + escape(_("Please enter y or n."))

    for field in ("name", *(f for f in REQUIRED if f != "name"), "sources"):  # the id from the name
        if record.get(field) is not None or (field not in missing and field != "sources"):
            continue
        console.print(Text(field_help(field), style="dim"))
        if field == "exports_to_japan":
            record[field] = YesOrNo.ask(_("Exports to Japan?"), default=False, console=console)
            continue
        default = _default(field, record, document, cities, as_of)
        with _completing(known.get(field, [])):
            while True:
                question = escape(field_label(field))
                if default is None:
                    answer = Prompt.ask(question, console=console)
                else:
                    answer = Prompt.ask(question, default=default, console=console)
                try:
                    value = _read(field, answer or "")
                except UsageError as problem:  # what the loader would say of it
                    console.print(Text(str(problem), style="red"))
                    continue
                if value is not None or field == "sources":
                    break
                console.print(
                    Text(
                        _("{field} needs a value of its kind").format(field=field_label(field)),
                        style="red",
                    )
                )
        record[field] = value


def _default(
    field: str, record: dict[str, Any], document: RegistryDocument, cities: Counter[str], as_of: Any
) -> Any:
    if field == "id":  # none when the name has no letters to make one of
        return suggested_id(str(record.get("name") or ""), document.resident_ids()) or None
    if field == "joined":
        return str(as_of) if isinstance(as_of, dt.date) else None
    if field == "city" and cities:
        return cities.most_common(1)[0][0]
    return None


def _read(field: str, answer: str) -> Any:
    from uzit_cli.editing.values import list_items, read_date

    answer = answer.strip()
    if field in ("sectors", "sources"):
        return list_items(answer) or None
    if field == "joined":
        return read_date(answer) if answer else None
    return answer or None


class _completing:
    """Tab completion of `words` (after a comma, for lists) while a question is asked."""

    def __init__(self, words: Sequence[str]) -> None:
        self.words = list(words)
        self.previous: Callable[..., Any] | None = None

    def __enter__(self) -> None:
        try:
            import readline
        except ImportError:  # no readline (Windows): questions without completion
            return
        self.previous = readline.get_completer()
        readline.set_completer_delims(", ")
        binding = (
            "bind ^I rl_complete" if "libedit" in (readline.__doc__ or "") else "tab: complete"
        )
        readline.parse_and_bind(binding)
        words = self.words
        readline.set_completer(
            lambda text, state: ([w for w in words if w.startswith(text)] + [None])[state]
        )

    def __exit__(self, *exc: object) -> None:
        try:
            import readline
        except ImportError:
            return
        readline.set_completer(self.previous)
