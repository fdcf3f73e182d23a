"""Option values converted by uzit itself, so that running a command never imports pydantic.

Typer 0.29 converts every value of every option, defaults included, through a pydantic
TypeAdapter that it builds on first use. Importing pydantic for that costs about as much as
the rest of start-up put together (issue 6), and its messages read like pydantic's ("Input
should be greater than or equal to 0"). uzit's options have simple types: text, whole numbers
with bounds, the output format, flags, and values read by our own parsers. `UzitCommand` fills
in Typer's converter for each of those with a plain one. An option of any other type keeps
Typer's own converter, so a new option is never silently misread, only slower.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any, get_args, get_origin

from typer import BadParameter
from typer._click import Command, Context, HelpFormatter, Parameter
from typer._coercion import RuntimeParam, TypeDescriptor
from typer._param_types import coerce_cli_choice
from typer.core import TyperArgument, TyperCommand, TyperGroup, _TyperParameter
from typer.models import ParameterInfo

from uzit_cli.characters import display_cells
from uzit_cli.language import N_, _
from uzit_cli.numbers import whole

Convert = Callable[[Any, "Context | None"], Any]

_WHOLE_NUMBER = re.compile(r"[+-]?[0-9]+")
_MAX_DIGITS = 18  # every whole-number option is far smaller; longer text is refused unread
# the spellings pydantic (and so Typer) accepts for a boolean given as text
_TRUE = frozenset({"1", "on", "t", "true", "y", "yes"})
_FALSE = frozenset({"0", "off", "f", "false", "n", "no"})


@dataclass(frozen=True)
class PlainRuntimeParam(RuntimeParam):
    """Typer's per-parameter converter in plain Python, without pydantic. Valid values give
    what Typer gives; whole numbers must be plain decimals (3, not 3.0 or 1_000), as in a
    registry, where pydantic would accept those too."""

    convert: Convert
    is_list: bool

    def _coerce_value(self, value: Any, param: _TyperParameter, ctx: Context) -> Any:
        try:
            if self.is_list:
                items = value if isinstance(value, (list, tuple)) else [value]
                return [self.convert(item, ctx) for item in items]
            return self.convert(value, ctx)
        except ValueError as error:
            raise BadParameter(str(error), ctx=ctx, param=param) from None


def _params_converted_plainly(command: Command, ctx: Context) -> list[Parameter]:
    # in get_params() rather than __init__, so that the --help option, added later, is covered
    params = Command.get_params(command, ctx)
    install_plain_conversion(params)
    for param in params:
        if isinstance(param, TyperArgument):
            # Typer 0.29 writes an argument's Python type after its name (`ID <str>`, `FILE
            # <list[str]>`); the name says what it is, and the type is the code's word
            param.display_type_rich = _no_type  # type: ignore[method-assign]
        bounds = (getattr(param, "min", None), getattr(param, "max", None))
        if bounds != (None, None):  # and a bound as `[x>=20]`: in words, `[20 or more]`
            param._get_number_range_help_str = functools.partial(_range_in_words, *bounds)  # type: ignore[attr-defined]
    return params


def _no_type(ctx: Context) -> None:
    return None


def _range_in_words(minimum: float | None, maximum: float | None) -> str:
    if maximum is None:
        return _("{minimum} or more").format(minimum=minimum)
    if minimum is None:
        return _("{maximum} or less").format(maximum=maximum)
    return _("{minimum} to {maximum}").format(minimum=minimum, maximum=maximum)


def _help_option_in_language(command: Command, ctx: Context) -> Any:
    # Typer makes the --help option on first use, with its help in English
    option = Command.get_help_option(command, ctx)
    if option is not None:
        option.help = _("Show this message and exit.")
    return option


def _usage_in_language(command: Command, ctx: Context, formatter: HelpFormatter) -> None:
    # Typer's "Usage: " prefix is English; the rest of the line is names and metavariables.
    # Typer 0.29 writes a required argument in braces (`{ID}`), which usage lines use for a
    # choice; it is written bare, as Click and most tools do (`uzit show ID`).
    wrap_help_bydisplay_cells()  # a usage line is wrapped as help is
    pieces = [_REQUIRED_ARGUMENT.sub(r"\1", piece) for piece in command.collect_usage_pieces(ctx)]
    formatter.write_usage(ctx.command_path, " ".join(pieces), _("Usage: "))


_REQUIRED_ARGUMENT = re.compile(r"^\{([^{}]+)\}(?=(?:\.\.\.)?$)")


class UzitCommand(TyperCommand):
    """A Typer command whose option values are converted without pydantic (see above), and
    whose help option and usage line are in the reader's language."""

    get_params = _params_converted_plainly
    get_help_option = _help_option_in_language
    format_usage = _usage_in_language

    def format_help(self, ctx: Context, formatter: HelpFormatter) -> None:
        wrap_help_bydisplay_cells()
        super().format_help(ctx, formatter)


class UzitGroup(TyperGroup):
    """The `uzit` group, whose own options (--version) are converted without pydantic too."""

    get_params = _params_converted_plainly
    get_help_option = _help_option_in_language
    format_usage = _usage_in_language

    def format_help(self, ctx: Context, formatter: HelpFormatter) -> None:
        wrap_help_bydisplay_cells()
        super().format_help(ctx, formatter)


def install_plain_conversion(params: Sequence[Parameter]) -> int:
    """Give each Typer parameter of a known type a plain converter; return how many got one."""
    installed = 0
    for param in params:
        if not isinstance(param, _TyperParameter):
            continue
        # Typer builds its converter lazily into this slot; an unknown Typer keeps its own
        if getattr(param, "_runtime_param", "absent") is not None:
            continue
        plain = plain_runtime_param(param.type_descriptor)
        if plain is not None:
            param._runtime_param = plain
            installed += 1
    return installed


def plain_runtime_param(descriptor: TypeDescriptor) -> PlainRuntimeParam | None:
    """A plain converter for this parameter, or None where only Typer's own will do."""
    if descriptor.file_annotation is not None:
        return None
    annotation: Any = descriptor.annotation
    info = descriptor.parameter_info
    is_list = get_origin(annotation) is list
    if is_list:
        (annotation,) = get_args(annotation)
    convert = _converter(annotation, info)
    if convert is None:
        return None
    return PlainRuntimeParam(
        parameter_info=info, annotation=descriptor.annotation, convert=convert, is_list=is_list
    )


def _converter(annotation: Any, info: ParameterInfo) -> Convert | None:
    if info.parser is not None:
        parser = info.parser
        return lambda value, ctx: parser(value)
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        choices = tuple(annotation)
        return lambda value, ctx: coerce_cli_choice(
            value, choices=choices, case_sensitive=info.case_sensitive, ctx=ctx
        )
    if annotation is bool:
        return lambda value, ctx: _to_bool(value)
    if annotation is str:
        return lambda value, ctx: _to_str(value)
    if annotation is int and not info.clamp:
        minimum, maximum = info.min, info.max
        return lambda value, ctx: _to_int(value, minimum, maximum)
    return None


def _to_str(value: Any) -> str:
    if isinstance(value, bytes):  # an argument the locale could not decode
        return value.decode("utf-8", "replace")
    return str(value)


def _to_bool(value: Any) -> bool:
    # Typer passes a flag's True/False through untouched; only a flag given as text gets here
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE or text == "":
        return False
    raise ValueError(_("{value} is not true or false.").format(value=_shown(value)))


def _shown(value: Any) -> str:
    """An option value quoted for a message: escaped as repr() does, and cut when long."""
    text = str(value)
    if len(text) > 40:
        text = text[:37] + "..."
    return repr(text)


def _to_int(value: Any, minimum: float | None, maximum: float | None) -> int:
    if isinstance(value, bool):
        raise ValueError(_("{value} is not a whole number.").format(value=repr(value)))
    if isinstance(value, int):
        number = value
    elif isinstance(value, str) and _WHOLE_NUMBER.fullmatch(value.strip()):
        digits = value.strip().lstrip("+-").lstrip("0")
        if len(digits) > _MAX_DIGITS:  # int() refuses text past 4,300 digits
            raise ValueError(
                _("a number of {digits} digits is too large.").format(digits=whole(len(digits)))
            )
        number = int(value.strip())
    else:
        raise ValueError(_("{value} is not a whole number.").format(value=_shown(value)))
    if minimum is not None and number < minimum:
        raise ValueError(
            _("{number} is below the minimum of {minimum}.").format(number=number, minimum=minimum)
        )
    if maximum is not None and number > maximum:
        raise ValueError(
            _("{number} is above the maximum of {maximum}.").format(number=number, maximum=maximum)
        )
    return number


# Typer wraps help by characters and only at spaces; Japanese has no spaces and each of its
# characters takes two cells of a terminal. The help of a language other than English is
# wrapped by cells, and may break where a table cell's Japanese may (output/wrapping.py, imported
# when help is wrapped, not at start-up): between two wide characters, never before a closing
# mark nor after an opening one, nor between a number and its unit or inside a date.


def _pieces(chunk: str) -> list[str]:
    """A chunk of text cut where a line may break: between Japanese characters, as a table cell
    breaks (output/wrapping.py); anything else whole (help never breaks after a hyphen)."""
    from uzit_cli.output.wrapping import has_wide, japanese_pieces

    return japanese_pieces(chunk) if has_wide(chunk) else [chunk]


def wrap_help_bydisplay_cells() -> None:
    """Typer's help wrapped by terminal cells from now on, in every language: English help
    holds Japanese too (`--name-ja カイゼン`). uzit's commands call this when they write help or
    a usage line, so a command that only runs never imports the wrapper; a second call changes
    nothing."""
    from typer._click import _textwrap

    if not getattr(_textwrap.TextWrapper, "by_cells", False):
        _textwrap.TextWrapper = _cell_wrapper(_textwrap.TextWrapper)  # type: ignore[misc,assignment]


def _cell_wrapper(base: type) -> type:
    """Typer's TextWrapper, measuring in terminal cells and breaking between wide characters,
    and at spaces only (not after a hyphen)."""

    class CellWrapper(base):  # type: ignore[misc]
        by_cells = True

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            # never `--target-` above `year` nor `my-` above `registry.yaml`: what help names
            # is copied as it is shown
            kwargs.setdefault("break_on_hyphens", False)
            super().__init__(*args, **kwargs)

        def _split(self, text: str) -> list[str]:
            chunks: list[str] = super()._split(text)
            start, end = _example_span(chunks)
            width = self.width - display_cells(self.subsequent_indent)
            return [
                *(piece for chunk in chunks[:start] for piece in _pieces(chunk)),
                *_example_units(chunks[start:end], width),
                *(piece for chunk in chunks[end:] for piece in _pieces(chunk)),
            ]

        def _wrap_chunks(self, chunks: list[str]) -> list[str]:
            lines: list[str] = []
            chunks.reverse()
            while chunks:
                indent = self.subsequent_indent if lines else self.initial_indent
                width = self.width - display_cells(indent)
                if self.drop_whitespace and lines and not chunks[-1].strip():
                    chunks.pop()
                line: list[str] = []
                used = 0
                while chunks and used + display_cells(chunks[-1]) <= width:
                    used += display_cells(chunks[-1])
                    line.append(chunks.pop())
                if chunks and display_cells(chunks[-1]) > width:  # wider than any line: cut, as
                    self._handle_long_word(chunks, line, used, width)  # textwrap does
                if self.drop_whitespace and line and not line[-1].strip():
                    line.pop()
                if line:
                    lines.append(indent + "".join(line))
            return lines

    return CellWrapper


# An example in help is copied as it is shown: it is kept on one line when it fits one, and
# otherwise broken only between its words, never between an option and its value, inside a
# quoted value (`--title 'IT人材需給に関する調査'`), nor after `>` or `|`. The example is what
# follows the word "Example:" of the help's language, up to the end or to Typer's notes
# (`  [env var: UZIT_REGISTRY]`, after two spaces).

#: the word before every example in help, translated as in every help that has one
EXAMPLE = N_("Example:")

_OPTION = re.compile(r"-{1,2}[A-Za-z][\w-]*")
_JOINS_NEXT = frozenset({">", ">>", "<", "|", "||", "&&"})


def _example_span(chunks: list[str]) -> tuple[int, int]:
    """Where the example among these chunks (of textwrap's split) starts and ends; an empty
    span when there is none."""
    markers = {EXAMPLE, _(EXAMPLE)}
    starts = [i + 1 for i, chunk in enumerate(chunks) if chunk.endswith(tuple(markers))]
    if not starts:
        return len(chunks), len(chunks)
    start = starts[-1]
    end = next(
        (i for i in range(start + 1, len(chunks)) if chunks[i].isspace() and len(chunks[i]) > 1),
        len(chunks),
    )
    return start, end


def _example_units(chunks: list[str], width: int) -> list[str]:
    """An example's chunks (its leading space included) as the pieces a line may break
    between: the whole example when it fits a line, else its words, each option with its
    value and each quoted value whole."""
    if not chunks:
        return []
    lead, words = chunks[:1], "".join(chunks[1:]).split(" ")
    if display_cells(" ".join(words)) <= width:
        return [*lead, " ".join(words)]
    units: list[str] = []
    for word in words:
        if units and _continues(units[-1], word):
            units[-1] += " " + word
        else:
            units.append(word)
    return [*lead, *(piece for unit in units for piece in (unit, " "))][:-1]


def _continues(unit: str, word: str) -> bool:
    """Whether `word` belongs to the unit before it: a value after its option or after `>`,
    or the rest of a quoted value."""
    last = unit.rsplit(" ", 1)[-1]
    quotes = unit.count("'") % 2 or unit.count('"') % 2
    return bool(
        quotes or last in _JOINS_NEXT or (_OPTION.fullmatch(last) and not word.startswith("-"))
    )
