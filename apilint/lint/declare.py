"""The rule API: a rule is a check function plus its metadata, declared with ``@rule``.

A check receives the :class:`~apilint.model.document.Document` and its options and yields
``(where, message)`` pairs. ``where`` is a JSON pointer into the root file, a
:class:`~apilint.source.locations.Location`, or any indexed item (its location is used). The
engine turns ``where`` into file, line and column: a rule never computes positions, opens files
or prints. Rule authors import all of this from :mod:`apilint.rule`.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from apilint.lint.findings import Severity

#: What a check returns: ``(where, message)`` pairs.
Findings = Iterator[tuple[Any, str]]

if TYPE_CHECKING:
    from apilint.model.document import Document, Item
    from apilint.source.locations import Location

    Where = str | Location | Item
    Check = Callable[[Document, Mapping[str, Any]], Iterable[tuple[Where, str]]]

ALL_VERSIONS = frozenset({"2.0", "3.0", "3.1", "3.2"})
_ID = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")

#: The built-in areas; a rule module adds its own with :func:`declare_area`.
AREAS = ("structure", "naming", "versioning", "auth", "security", "documentation")
_DECLARED_AREAS: dict[str, str] = {}


def declare_area(name: str, summary: str = "") -> str:
    """Declare an area for a plugin's rules (``compliance``, ``gateway``...), before the rules
    that use it: an area that is neither built in nor declared is a typo the decorator
    refuses. Returns the name."""
    if not _ID.match(name):
        raise ValueError(f"area '{name}' must be kebab-case")
    _DECLARED_AREAS.setdefault(name, summary)
    return name


def known_areas() -> tuple[str, ...]:
    """The built-in areas, then those rule modules declared, in the order declared."""
    return (*AREAS, *(name for name in _DECLARED_AREAS if name not in AREAS))


@dataclass(frozen=True, kw_only=True)
class Rule:
    """A rule's identity, documentation, defaults and check."""

    id: str
    area: str
    severity: Severity
    summary: str
    description: str
    check: Check = field(repr=False, compare=False)
    formats: frozenset[str] = ALL_VERSIONS
    options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    recommended: bool = True
    module: str = ""
    strict_options: Mapping[str, Any] = field(default_factory=dict)
    #: where the rule's documentation is read; filled by the registry from the rule module's
    #: (or its package's) ``RULE_DOCS_URL`` template (``{id}`` is replaced) when not given
    docs_url: str = ""
    #: rules whose finding on the same node this rule's finding replaces: one defect, one
    #: finding (an operationId that is no valid name is not also a casing problem)
    supersedes: frozenset[str] = frozenset()

    @property
    def defaults(self) -> dict[str, Any]:
        return {name: schema["default"] for name, schema in self.options.items()}

    @property
    def options_schema(self) -> dict[str, Any]:
        """The JSON Schema that the rule's ``options`` in a config must match."""
        return {
            "type": "object",
            "properties": {name: dict(schema) for name, schema in self.options.items()},
            "additionalProperties": False,
        }


def rule(
    id: str,
    *,
    area: str,
    severity: str,
    summary: str,
    formats: Iterable[str] = ALL_VERSIONS,
    options: Mapping[str, Mapping[str, Any]] | None = None,
    recommended: bool = True,
    strict_options: Mapping[str, Any] | None = None,
    docs_url: str = "",
    supersedes: Iterable[str] = (),
) -> Callable[[Check], Rule]:
    """Declare a rule. The decorated function's docstring is the rule's long description.

    ``options`` maps each option name to a JSON Schema that has a ``default``; the engine checks
    configured values against it before the rule runs. ``strict_options`` are the values the
    ``strict`` preset uses instead of the defaults. ``supersedes`` names rules whose finding
    on the same node (file and pointer) is dropped when this rule reports it.
    """

    def decorate(check: Check) -> Rule:
        if not _ID.match(id):
            raise ValueError(f"rule id '{id}' must be kebab-case")
        if area not in AREAS and area not in _DECLARED_AREAS:
            raise ValueError(
                f"rule '{id}': area '{area}' is not one of {', '.join(known_areas())}"
                " (a plugin declares its own with declare_area)"
            )
        doc = inspect.getdoc(check)
        if not doc:
            raise ValueError(f"rule '{id}' needs a docstring saying what it enforces and why")
        unknown = set(formats) - ALL_VERSIONS
        if unknown:
            raise ValueError(f"rule '{id}': unknown formats {sorted(unknown)}")
        opts = dict(options or {})
        for name, schema in opts.items():
            if "default" not in schema:
                raise ValueError(f"rule '{id}': option '{name}' needs a default")
        return Rule(
            id=id,
            area=area,
            severity=Severity.parse(severity),
            summary=summary,
            description=doc,
            check=check,
            formats=frozenset(formats),
            options=opts,
            recommended=recommended,
            module=check.__module__,
            strict_options=dict(strict_options or {}),
            docs_url=docs_url,
            supersedes=frozenset(supersedes),
        )

    return decorate
