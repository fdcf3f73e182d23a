"""What the YAML walker (yamlnodes.py) reports, in plain words: YamlProblem, the bounds it
enforces, and its messages, including the syntax errors of libyaml and PyYAML mapped to one
wording and place, so the fallback parser reports what the C one does."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from uzit_cli.language import Phrase

if TYPE_CHECKING:  # only named in annotations: `uzit schema` reads the bounds without PyYAML
    import yaml
    from yaml.reader import ReaderError

MAX_DEPTH = 32  # a registry needs 4 levels; the bound keeps runaway nesting from costing anything
MAX_ALIAS_NODES = 100_000  # values that aliases may repeat in all: no "billion laughs"
MAX_SCALAR_LENGTH = 100_000  # characters in one value
MAX_HELD_NODES = 200_000  # values outside `residents`, plus one resident, held at once
MAX_RESIDENTS = 200_000  # far more than IT Park has; bounds time and memory on huge files

YAML_TAG_PREFIX = "tag:yaml.org,2002:"


class YamlProblem(Exception):
    """The text cannot be turned into nodes; `line` and `column` count from 1."""

    def __init__(self, line: int, column: int, message: Phrase) -> None:
        super().__init__(message)  # worded only if shown
        self.line = line
        self.column = column
        self.message = message


def problem_at(mark: Any, message: Phrase) -> YamlProblem:
    return YamlProblem(mark.line + 1, mark.column + 1, message)


def short_tag(tag: str) -> str:
    return "!!" + tag[len(YAML_TAG_PREFIX) :] if tag.startswith(YAML_TAG_PREFIX) else tag


def tag_refused(tag: str) -> Phrase:
    return Phrase(
        "the tag {tag} is not allowed: a registry holds plain values only (remove the tag, or "
        "quote the value if it is text)",
        tag=show(short_tag(tag)),
    )


def show(text: str, limit: int = 40) -> str:
    """Text quoted for a message: control and invisible characters escaped, long text cut."""
    if len(text) > limit:
        text = text[: limit - 3] + "..."
    return repr(text)  # repr() escapes every character that str.isprintable() refuses


def reader_problem(exc: ReaderError, data: bytes) -> YamlProblem:
    # libyaml gives the code point and a byte offset, PyYAML the character and a text index
    character = exc.character
    code = character if isinstance(character, int) else ord(character)
    text = data.decode("utf-8", errors="replace")
    index = max(text.find(chr(code)), 0)
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    message = Phrase("the character U+{code} is not allowed in YAML", code=format(code, "04X"))
    return YamlProblem(line, column, message)


def too_deep() -> Phrase:
    return Phrase(
        "nested too deeply: a registry needs 4 levels, and more than {depth} are refused",
        depth=MAX_DEPTH,
    )


def too_many_residents() -> Phrase:
    return Phrase(
        "more than {count} residents; is this the right file?", count=format(MAX_RESIDENTS, ",")
    )


def too_many_values() -> Phrase:
    return Phrase(
        "more than {count} values outside the residents list, in one resident, or anchored "
        "(&name) in residents; a registry needs far fewer",
        count=format(MAX_HELD_NODES, ","),
    )


# -- syntax errors ------------------------------------------------------------------------------


def syntax_problem(exc: yaml.MarkedYAMLError, data: bytes) -> tuple[int, int, Phrase]:
    """Line, column and a plain-words message for a parser error.

    libyaml and PyYAML word their errors differently; both are mapped to the same message and
    place here, so the fallback parser reports what the C one does.
    """
    problem = exc.problem or ""
    context = exc.context or ""
    mark = exc.problem_mark or exc.context_mark
    opened = exc.context_mark
    if mark is None:  # pragma: no cover - parser errors always carry a mark
        return 1, 1, Phrase("not valid YAML: {problem}", problem=problem)
    lines = _source_lines(data)

    def text_of(line: int) -> str:
        return lines[line] if 0 <= line < len(lines) else ""

    def char_at(at: Any) -> str:
        text = text_of(at.line)
        return text[at.column] if 0 <= at.column < len(text) else ""

    line, column = mark.line + 1, mark.column + 1
    if mark.line >= len(lines):  # libyaml puts the end of a file without a final newline
        line, column = len(lines), len(lines[-1]) + 1  # on a line after it; PyYAML does not
    char = char_at(mark)
    indent = len(text_of(mark.line)) - len(text_of(mark.line).lstrip(" "))

    if char == "\t" or "tab character" in problem:
        return (
            line,
            column,
            Phrase("a tab character where YAML needs spaces; indent with spaces, not tabs"),
        )
    unclosed = "end of stream" in problem or "document" in problem
    if "quoted scalar" in context and opened is not None and unclosed:
        quote = char_at(opened) or '"'
        return (
            opened.line + 1,
            opened.column + 1,
            Phrase("this quoted value is never closed; add the closing {quote}", quote=quote),
        )
    if "escape" in problem or "hexadecimal" in problem or "hexdecimal" in problem:
        text = text_of(mark.line)
        at = mark.column
        if char != "\\" and at > 0 and text[at - 1 : at] == "\\":
            at -= 1
        if "unknown escape" in problem:
            escape = text[at : at + 2]
            return (
                line,
                at + 1,
                Phrase(
                    "unknown escape '{escape}' in a double-quoted value; write \\\\ for a "
                    "backslash, or put the value in single quotes",
                    escape=escape,
                ),
            )
        return (
            line,
            at + 1,
            Phrase(
                "a \\x, \\u or \\U escape needs 2, 4 or 8 hexadecimal digits of a valid character"
            ),
        )
    if "',' or ']'" in problem or "',' or '}'" in problem:
        bracket, closing = ("[", "]") if "']'" in problem else ("{", "}")
        where = opened if opened is not None else mark
        return (
            where.line + 1,
            where.column + 1,
            Phrase(
                "this '{bracket}' is never closed: expected ',' or '{closing}' at line {line}, "
                "column {column}",
                bracket=bracket,
                closing=closing,
                line=line,
                column=column,
            ),
        )
    if "mapping values are not allowed" in problem:
        return (
            line,
            column,
            Phrase(
                "':' cannot appear here; put a value that contains ': ' in quotes, or check the "
                "indentation"
            ),
        )
    if "could not find expected ':'" in problem:
        where = opened if opened is not None else mark
        return (
            where.line + 1,
            where.column + 1,
            Phrase(
                "no ':' after this key; write 'key: value' (a key fits on one line, in at most "
                "1024 characters)"
            ),
        )
    if (
        "did not find expected key" in problem
        or "expected <block end>" in problem
        or ("did not find expected '-'" in problem)
    ):
        if char == "-" and "block mapping" in context:
            return (
                line,
                column,
                Phrase(
                    "a list item ('- ') where a 'key: value' line was expected; check the "
                    "indentation"
                ),
            )
        if char == "-" and text_of(mark.line)[mark.column + 1 : mark.column + 2] not in ("", " "):
            return (
                line,
                column,
                Phrase("a list item needs a space after its '-': write '- ' and then the value"),
            )
        if char == ":" and not text_of(mark.line)[: mark.column].strip():
            return (line, column, Phrase("a ':' with no key before it; write 'key: value'"))
        if column - 1 == indent and opened is not None:
            return (
                line,
                column,
                Phrase(
                    "this line does not line up with the lines above it (the block starting at "
                    "line {line}, column {column}); check its indentation",
                    line=opened.line + 1,
                    column=opened.column + 1,
                ),
            )
        return (
            line,
            column,
            Phrase("unexpected text after a value; put the whole value in quotes"),
        )
    if "cannot start any token" in problem:
        return (
            line,
            column,
            Phrase(
                "{character} cannot start a value; put the value in quotes", character=show(char)
            ),
        )
    if "document start" in problem:
        return (
            line,
            column,
            Phrase(
                "text after the end of the YAML document; a registry is one document (remove "
                "the '...' line or what follows it)"
            ),
        )
    if "incompatible YAML document" in problem or "directive" in context:
        return (
            line,
            column,
            Phrase("a %YAML or %TAG directive this reader does not accept; remove it"),
        )
    if "block scalar" in context:
        return (
            line,
            column,
            Phrase(
                "after '|' or '>' only an indentation digit (1-9) and '+' or '-' may follow; "
                "start the text on the next line, indented"
            ),
        )
    if "anchor" in context or "alias" in context:
        return (
            line,
            column,
            Phrase(
                "an anchor or alias (&name, *name) needs a name of letters, digits, '-' or '_'; "
                "quote the value if '&' or '*' is part of the text"
            ),
        )
    if "tag" in context or "tag handle" in problem:
        return line, column, tag_refused(text_of(mark.line)[mark.column :].split(" ")[0] or "!")
    if "maximum nesting depth" in problem:  # libyaml's own bound, reached while looking ahead
        return line, column, too_deep()
    if "node content" in problem:
        if char:
            return line, column, Phrase("a value was expected here, not {found}", found=show(char))
        return line, column, Phrase("a value was expected here, not the end of the file")
    return line, column, Phrase("not valid YAML: {problem}", problem=problem)


def _source_lines(data: bytes) -> list[str]:
    """The lines of the text as YAML counts them (LF, CRLF or CR), without a leading BOM."""
    text = data.decode("utf-8", errors="replace")
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
