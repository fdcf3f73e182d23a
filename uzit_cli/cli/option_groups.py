"""Option groups: the options several commands share, each declared once, and `@takes_groups`.

A group is a frozen dataclass whose fields are Typer options, each written once with its
help, parser and completer::

    @dataclass(frozen=True)
    class FilterOptions:
        GROUP: ClassVar[bool] = True  # marks the dataclass as a group
        # CityOption = Annotated[list[str] | None, typer.Option(...), Completes("cities")]
        city: CityOption = None
        ...

A command names the groups it takes as the types of its parameters, and `@takes_groups` puts
each group's options in their place in the signature Typer reads (`inspect.signature`), then
hands the command one object per group::

    @takes_groups
    def stats(ctx: typer.Context, source: RegistryOptions, output: OutputOptions,
              filters: FilterOptions, by: ByOption = None) -> None:
        data = source.open(streams.err)
        selection = filters.select(data, streams.err.file)

`ORDER` names the options a group lists first in the help (a subclass's fields come after
its base's). A group checks its values together in `__post_init__` (a `UsageError` there
exits 2 like any bad option). Two groups may hold the same option (`--jobs-year` is a filter
and a projection input): it is one option on the command line, and each group gets its value.
`Completes("cities")` names the function of `cli/completion.py` that completes the option,
read only when the shell asks (so running a command never imports the completion code). A
group whose options are known only at run time (`ProjectionInputs`: each scenario's own)
declares them in `extra_parameters()` and gets their values as one mapping, `extras`.
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
from collections.abc import Callable
from typing import Any, TypeVar, get_type_hints

F = TypeVar("F", bound=Callable[..., Any])


class Completes:
    """Annotated metadata: the function of `uzit_cli.cli.completion` that completes an option.
    (A plain class, not a dataclass, which compiles its methods at every start-up.)"""

    __slots__ = ("completer",)

    def __init__(self, completer: str) -> None:
        self.completer = completer

    def __repr__(self) -> str:
        return f"Completes({self.completer!r})"

    def __eq__(self, other: object) -> bool:  # two options are the same when their marks are
        if not isinstance(other, Completes):
            return NotImplemented
        return self.completer == other.completer

    def __hash__(self) -> int:
        return hash(self.completer)


def is_group(annotation: object) -> bool:
    """True for an option group: a dataclass marked with `GROUP = True`."""
    return (
        isinstance(annotation, type)
        and dataclasses.is_dataclass(annotation)
        and getattr(annotation, "GROUP", False) is True
    )


def group_parameters(group: type) -> list[inspect.Parameter]:
    """The options of `group`, as keyword parameters of a command's signature: its fields,
    then those its `extra_parameters()` declares (options known only at run time, such as
    each scenario's own), whose values it gets as one mapping, `extras`."""
    hints = get_type_hints(group, include_extras=True)
    first = getattr(group, "ORDER", ())
    fields = sorted(
        (field for field in dataclasses.fields(group) if field.init and field.name != "extras"),
        key=lambda field: field.name not in first,
    )
    parameters = [
        inspect.Parameter(
            field.name,
            inspect.Parameter.KEYWORD_ONLY,
            annotation=hints[field.name],
            default=field.default,
        )
        for field in fields
    ]
    extra: Callable[[], list[inspect.Parameter]] | None = getattr(group, "extra_parameters", None)
    return parameters + (extra() if extra is not None else [])


def _make(group: type, names: tuple[str, ...], values: dict[str, Any]) -> Any:
    """The group object for the values of its options `names`."""
    own = {field.name for field in dataclasses.fields(group)}
    given = {name: values[name] for name in names if name in own}
    if "extras" in own:
        given["extras"] = {name: values[name] for name in names if name not in own}
    return group(**given)


def takes_groups(function: F) -> F:
    """`function` with each parameter typed by an option group replaced, for Typer, by the
    group's options; called with those options, it gets one object per group."""
    hints = get_type_hints(function, include_extras=True)
    own: list[str] = []
    groups: dict[str, tuple[type, tuple[str, ...]]] = {}
    parameters: dict[str, inspect.Parameter] = {}
    for parameter in inspect.signature(function).parameters.values():
        annotation = hints.get(parameter.name, parameter.annotation)
        if not is_group(annotation):
            own.append(parameter.name)
            keyword = parameter.replace(kind=inspect.Parameter.KEYWORD_ONLY, annotation=annotation)
            _add(parameters, keyword)
            continue
        options = group_parameters(annotation)
        groups[parameter.name] = (annotation, tuple(option.name for option in options))
        for option in options:
            _add(parameters, option)

    @functools.wraps(function)
    def command(**values: Any) -> Any:
        arguments = {name: values[name] for name in own if name in values}
        for name, (group, fields) in groups.items():
            arguments[name] = _make(group, fields, values)
        return function(**arguments)

    del command.__wrapped__  # Typer must read the new signature, not the wrapped one
    command.__signature__ = inspect.Signature(list(parameters.values()))  # type: ignore[attr-defined]
    command.__annotations__ = {name: p.annotation for name, p in parameters.items()}
    return command  # type: ignore[return-value]


def _add(parameters: dict[str, inspect.Parameter], parameter: inspect.Parameter) -> None:
    """Add `parameter`; one already there (an option two groups share) must be the same."""
    known = parameters.get(parameter.name)
    if known is None:
        parameters[parameter.name] = parameter
    elif known.annotation != parameter.annotation or known.default != parameter.default:
        raise TypeError(f"two different options named {parameter.name!r}")
