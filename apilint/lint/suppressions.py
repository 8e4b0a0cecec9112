"""The ``x-apilint-ignore`` markers judged: entries that name nothing, and entries that silence
nothing.

A marker lists rule ids (or their Spectral or Redocly aliases), areas (``naming``) or ``*``.
These findings belong to two rules declared like any other (``ignore-unknown-rule``,
``ignore-unused``: configured, documented and in presets the same way), but only the engine can
make them: it knows every rule of the run, plugins included, and, once every other rule has
run, which entries silenced a finding.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

from apilint.lint.config import resolve_rule_name, unknown_rule_detail
from apilint.lint.declare import AREAS, Rule
from apilint.lint.peer_rules import named
from apilint.lint.registry import Registry, suggest
from apilint.model.refs import IGNORE_ALL, IGNORE_KEY, Workspace
from apilint.model.subjects import subject
from apilint.source.locations import Location

UNKNOWN_RULE = "ignore-unknown-rule"
UNUSED = "ignore-unused"
#: The rules whose findings are about the markers themselves.
MARKER_RULES = frozenset({UNKNOWN_RULE, UNUSED})

#: (rule id, where, message) of a finding about a marker
MarkerFinding = tuple[str, Location, str]


_MARKER_STEP = f"/{IGNORE_KEY}"


def at_marker(pointer: str) -> bool:
    """Whether a pointer is a marker or inside one: apilint's own annotation, which no rule
    judges as part of the API (a marker under ``components.schemas`` is not a schema)."""
    return _MARKER_STEP in pointer and IGNORE_KEY in pointer.split("/")


def _entries(workspace: Workspace) -> Iterator[tuple[Location, Location, Any]]:
    """(node holding the marker, where the entry is written, the entry) of every marker entry,
    in file and pointer order; a marker that is no name and no list is one entry."""
    for file in sorted(workspace.ignores):
        for holder in sorted(workspace.ignores[file]):
            place = Location(file, holder).child(IGNORE_KEY)
            marker = workspace.value(place)
            if isinstance(marker, list):
                for index, entry in enumerate(marker):
                    yield Location(file, holder), place.child(index), entry
            else:
                yield Location(file, holder), place, marker


def _what(value: Any) -> str:
    """How a message names a marker entry that is not a name."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return "null" if value is None else repr(value)


def marker_findings(
    workspace: Workspace,
    registry: Registry,
    ran: Mapping[str, Rule],
    version: str,
    off_in: Callable[[str, str], bool],
) -> list[MarkerFinding]:
    """The findings of the :data:`MARKER_RULES` in ``ran`` (the rules that ran on the
    document, by id), once every other rule has run; ``off_in(rule_id, file)``: whether a rule
    is off in a file (``overrides``)."""
    areas = {*AREAS, *(item.area for item in registry)}
    found: list[MarkerFinding] = []
    for holder, place, name in _entries(workspace):
        marker = f"x-apilint-ignore of {subject(holder.pointer)}"
        rule_id = resolve_rule_name(name, registry) if isinstance(name, str) else None
        if not isinstance(name, str) or (
            name != IGNORE_ALL and rule_id is None and name not in areas
        ):
            if UNKNOWN_RULE in ran:
                found.append(
                    (UNKNOWN_RULE, place, f"{marker}: {_unknown(name, place, registry, areas)}")
                )
            continue
        if UNUSED not in ran or (holder.file, holder.pointer, name) in workspace.ignores_used:
            continue
        if not workspace.reaches(holder):
            continue  # a node of a shared file this spec does not use: not this spec's to judge
        reason = _idle(rule_id or name, holder.file, registry, ran, version, off_in)
        found.append((UNUSED, place, f"{marker}: '{name}' suppresses nothing{reason}"))
    return found


def _unknown(name: Any, place: Location, registry: Registry, areas: set[str]) -> str:
    """What is wrong with a marker entry that names no rule, area or ``*``."""
    if isinstance(name, str) and named(name):  # a peer's rule apilint covers differently
        return unknown_rule_detail(name, registry)
    if isinstance(name, str):
        return f"unknown rule id '{name}'{suggest(name, [*registry.rules, *sorted(areas)])}"
    whole = place.pointer.endswith(f"/{IGNORE_KEY}")  # the marker itself, not a list entry
    return f"{_what(name)} is not a rule id, an area or '*'" + (
        ", or a list of them" if whole else ""
    )


def _idle(
    name: str,
    file: str,
    registry: Registry,
    ran: Mapping[str, Rule],
    version: str,
    off_in: Callable[[str, str], bool],
) -> str:
    """Why an entry silenced nothing, when it is more than "the rule found nothing here"."""
    if name == IGNORE_ALL:
        return ""
    if name not in registry:  # an area
        return "" if any(item.area == name for item in ran.values()) else f" (no {name} rule is on)"
    if name in ran:
        return " (the rule is off in this file)" if off_in(name, file) else ""
    if version not in registry[name].formats and not off_in(name, file):
        return f" (the rule does not apply to OpenAPI {version})"
    return " (the rule is off)"
