"""Consistency across APIs: the same concern handled differently from one API to the next.

A consistency check is declared like a rule (:func:`consistency_check`, the docstring required)
and found like one: module-level :class:`ConsistencyCheck` objects in the modules of the
``apilint.consistency`` entry-point group (apilint's own checks are registered there) and in
a config's ``plugins``. Its ``observe`` reads one API's :class:`Document` and returns the API's
own choice for each aspect of the concern (``{"query parameters": "snake_case"}``); an aspect
the API does not meet is absent, and an API that mixes choices with no clear winner has the
choice ``mixed (a, b)`` (:func:`choose`).

Each API is observed where it is linted (:func:`observe_all`: small strings, nothing per
finding); :func:`judge` then compares the observations of the fleet and makes a
:class:`FleetFinding` for each aspect where more than half of the APIs made one choice and
others differ.
"""

from __future__ import annotations

import inspect
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from types import ModuleType

from apilint.fleet.model import FleetFinding
from apilint.lint.registry import PluginError, entry_point_members, load_module
from apilint.model.document import Document

#: The entry-point group of consistency check modules (built-in and third-party alike).
ENTRY_POINT_GROUP = "apilint.consistency"

#: An API's own choice is the one at least this share of its instances make (two in three, as
#: a casing convention: :data:`apilint.analysis.casing.MAJORITY`); below it the API mixes.
API_MAJORITY = 2 / 3
#: A fleet finding needs at least this many APIs with the aspect: two APIs that differ have
#: no majority to follow.
MIN_APIS = 3
#: How many APIs a finding's message names for one choice before it says ``and N more``.
NAMED_APIS = 5
#: How many choices a ``mixed (...)`` choice names before it says ``...``.
MIXED_SHOWN = 3
MIXED_PREFIX = "mixed ("
#: What a plugin is loaded for, in the registry's messages.
_KIND = "consistency check"

_ID = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")

Observe = Callable[[Document], Mapping[str, str]]


@dataclass(frozen=True)
class ConsistencyCheck:
    """A concern compared across APIs: its id, what it compares (``concern``, for messages),
    its documentation, and the function that reads one API's choices."""

    id: str
    concern: str
    description: str
    observe: Observe = field(repr=False, compare=False)
    module: str = ""


def consistency_check(id: str, concern: str) -> Callable[[Observe], ConsistencyCheck]:
    """Declare a consistency check: ``observe(doc) -> {aspect: choice}``, whose docstring says
    what is compared and how a choice is named. ``id`` is kebab-case; ``concern`` names what
    is compared in a finding's message (``pagination parameters``)."""

    def decorate(observe: Observe) -> ConsistencyCheck:
        if not _ID.match(id):
            raise ValueError(f"consistency check id '{id}' must be kebab-case")
        if not concern.strip():
            raise ValueError(f"consistency check '{id}' needs a concern")
        doc = inspect.getdoc(observe)
        if not doc:
            raise ValueError(f"consistency check '{id}' needs a docstring saying what it compares")
        return ConsistencyCheck(id, concern, doc, observe, observe.__module__)

    return decorate


def choose(counts: Mapping[str, int]) -> str | None:
    """An API's choice from how many of its instances (operations, names, responses) make
    each: the one at least :data:`API_MAJORITY` of them make, else ``mixed (a, b)`` with
    the most made first (ties by name, at most :data:`MIXED_SHOWN`); None when there is none."""
    ranked = sorted((choice for choice, n in counts.items() if n > 0), key=_rank(counts))
    if not ranked:
        return None
    total = sum(counts[choice] for choice in ranked)
    if counts[ranked[0]] >= API_MAJORITY * total:
        return ranked[0]
    shown = ", ".join(ranked[:MIXED_SHOWN])
    return f"{MIXED_PREFIX}{shown}{', ...' if len(ranked) > MIXED_SHOWN else ''})"


def _rank(counts: Mapping[str, int]) -> Callable[[str], tuple[int, str]]:
    return lambda choice: (-counts[choice], choice)


def is_mixed(choice: str) -> bool:
    """Whether a choice is an API's mix of choices (never a fleet's standard)."""
    return choice.startswith(MIXED_PREFIX)


# -- the registry ----------------------------------------------------------------------------------


def checks_in(module: ModuleType) -> list[ConsistencyCheck]:
    """The consistency checks a module defines at its top level."""
    return [value for value in vars(module).values() if isinstance(value, ConsistencyCheck)]


@lru_cache(maxsize=1)
def _entry_point_checks() -> tuple[ConsistencyCheck, ...]:
    return entry_point_members(ENTRY_POINT_GROUP, _KIND, checks_in, ConsistencyCheck)


def all_checks(plugins: tuple[str, ...] = ()) -> tuple[ConsistencyCheck, ...]:
    """Every consistency check of the entry-point group and of the config's ``plugins``
    (import names or ``.py`` paths, as for rules), by id. A plugin that cannot be loaded, or
    two checks with one id, raise a one-line :class:`PluginError`."""
    found: dict[str, ConsistencyCheck] = {}
    plugged = (check for plugin in plugins for check in checks_in(load_module(plugin, _KIND)))
    for check in (*_entry_point_checks(), *plugged):
        existing = found.get(check.id)
        # one check reached twice (an entry point also named as a plugin) is not a clash
        if existing is not None and (existing.observe, existing.module) != (
            check.observe,
            check.module,
        ):
            raise PluginError(
                f"consistency check id '{check.id}' is defined twice"
                f" ({existing.module} and {check.module})"
            )
        found[check.id] = check
    return tuple(found[key] for key in sorted(found))


# -- one API ---------------------------------------------------------------------------------------


def observe_all(
    doc: Document, checks: Iterable[ConsistencyCheck], failures: list[str] | None = None
) -> dict[str, dict[str, str]]:
    """One API's choices: check id -> aspect -> choice, for the checks that found an aspect.

    A check that raises, or returns anything but a mapping of strings to strings, is left out
    for this API (it is judged on the other APIs) and never stops the run; ``failures``, when
    given, receives one line per such check (``check-id: error``) for the report to show."""
    found: dict[str, dict[str, str]] = {}
    for check in checks:
        try:
            aspects = _valid(check.observe(doc))
        except Exception as error:  # a plugin's check may fail in any way
            if failures is not None:
                failures.append(f"{check.id}: {type(error).__name__}: {error}")
            continue
        if aspects:
            found[check.id] = aspects
    return found


def _valid(aspects: object) -> dict[str, str]:
    if not isinstance(aspects, Mapping) or not all(
        isinstance(key, str) and isinstance(value, str) for key, value in aspects.items()
    ):
        raise TypeError(f"observe returned {aspects!r}, not a mapping of aspect to choice")
    return dict(aspects)


# -- the fleet -------------------------------------------------------------------------------------


def judge(
    observations: Mapping[str, Mapping[str, Mapping[str, str]]],
    checks: Iterable[ConsistencyCheck],
) -> tuple[FleetFinding, ...]:
    """The fleet findings: for each check (by id) and aspect (by name), the choice more than
    half of the APIs with that aspect made, when at least :data:`MIN_APIS` have it and some
    differ. A tie, or a plurality of half or less, is no standard: no finding. An API's
    ``mixed (...)`` choice is never the majority; it differs from one."""
    findings: list[FleetFinding] = []
    for check in sorted(checks, key=lambda item: item.id):
        by_aspect: dict[str, dict[str, str]] = {}
        for api in sorted(observations):
            for aspect, choice in observations[api].get(check.id, {}).items():
                by_aspect.setdefault(aspect, {})[api] = choice
        for aspect in sorted(by_aspect):
            finding = _finding(check, aspect, by_aspect[aspect])
            if finding is not None:
                findings.append(finding)
    return tuple(findings)


def _finding(check: ConsistencyCheck, aspect: str, choices: dict[str, str]) -> FleetFinding | None:
    if len(choices) < MIN_APIS:
        return None
    counts = Counter(choice for choice in choices.values() if not is_mixed(choice))
    if not counts:
        return None
    majority, following = min(counts.items(), key=lambda item: (-item[1], item[0]))
    if following * 2 <= len(choices) or following == len(choices):
        return None
    differing = {api: choice for api, choice in choices.items() if choice != majority}
    return FleetFinding(
        check=check.id,
        concern=check.concern,
        aspect=aspect,
        majority=majority,
        following=tuple(api for api, choice in choices.items() if choice == majority),
        differing=differing,
        message=_message(check.concern, aspect, majority, following, len(choices), differing),
    )


def _message(
    concern: str, aspect: str, majority: str, following: int, total: int, differing: dict[str, str]
) -> str:
    """``pagination parameters: 5 of 7 APIs use limit/offset; billing uses page/per_page,
    search uses cursor`` (the differing APIs grouped by choice, the most common first)."""
    subject = concern if aspect == concern else f"{concern} ({aspect})"
    groups: dict[str, list[str]] = {}
    for api in sorted(differing):
        groups.setdefault(differing[api], []).append(api)
    ordered = sorted(groups, key=lambda choice: (-len(groups[choice]), choice))
    others = ", ".join(_group(groups[choice], choice) for choice in ordered)
    return f"{subject}: {following} of {total} APIs use {majority}; {others}"


def _group(apis: list[str], choice: str) -> str:
    verb = "uses" if len(apis) == 1 else "use"
    if len(apis) > NAMED_APIS:
        named = f"{', '.join(apis[:NAMED_APIS])} and {len(apis) - NAMED_APIS} more"
    elif len(apis) > 1:
        named = f"{', '.join(apis[:-1])} and {apis[-1]}"
    else:
        named = apis[0]
    return f"{named} {verb} {choice}"
