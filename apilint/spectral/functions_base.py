"""The shapes Spectral's built-in functions share: a result, the context, the errors.

Kept apart from :mod:`apilint.spectral.functions` so the modules that implement functions
(``functions_schema``) can use them without importing the registry.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Final

PathSegment = str | int

#: Spectral's placeholders, left for the engine to render (see apilint.spectral.functions).
PROPERTY: Final = '#{{print("property")}}'
VALUE: Final = '#{{print("value")}}'


@dataclass(frozen=True)
class FunctionResult:
    """One problem a function found."""

    #: What Spectral puts in ``{{error}}``, before the engine renders its placeholders.
    message: str
    #: Extra path below the target, when the function points deeper.
    path: tuple[PathSegment, ...] = ()
    #: ``path`` is from the document root (unreferencedReusableObject names its location).
    absolute: bool = False


@dataclass(frozen=True)
class Context:
    """What a function may know beyond its target."""

    document: Any  # the document root (unresolved, with its $refs, for unreferencedReusableObject)
    given_path: tuple[PathSegment, ...]  # path of the target
    rule_name: str
    document_format: str | None  # "oas2", "oas3_0", "oas3_1", "oas3_2"


#: A function: (target, functionOptions, context) -> results.
Options = Mapping[str, Any] | None
Function = Callable[[Any, Options, Context], list[FunctionResult]]


class FunctionOptionsError(Exception):
    """A rule's ``functionOptions`` are not what its function accepts (a ruleset error)."""

    def __init__(self, function: str, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.function = function
        self.problems = problems


class FunctionError(Exception):
    """The function could not run on this target: Spectral's function would throw (a pattern
    that is no JavaScript regex), or it would never end (catastrophic backtracking)."""
