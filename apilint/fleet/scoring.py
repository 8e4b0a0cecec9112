"""An API's score, 0-100, its subscore per area and its hotspots, from its profile alone.

The formula is published in ``docs/report.md`` ("The score") so that a person can compute it
by hand; the constants below are the whole of it. It is fair to size: findings are counted per
operation, so an API twice as large with twice the findings scores the same. Each area's rule
penalty is bounded and smooth (``100 / (1 + x / HALF_POINT)``: 100 when clean, 50 at
``HALF_POINT`` weighted findings per operation, never below zero), and the documentation and
security areas blend in the spec's documentation and auth coverage.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace

from apilint.fleet.model import SCORE_AREAS, ApiProfile, Hotspot, RuleTally, Score

#: What one finding weighs, by severity: errors weigh more than warnings; a hint is advice.
SEVERITY_WEIGHTS: Mapping[str, float] = {"error": 1.0, "warn": 0.4, "info": 0.1, "hint": 0.0}

#: Each area's weight in the total (they add up to 100).
AREA_WEIGHTS: Mapping[str, float] = {
    "structure": 30.0,
    "naming": 15.0,
    "documentation": 20.0,
    "security": 25.0,
    "versioning": 10.0,
}

#: The fewest operations an API counts as having, so that one with none is still scored.
MIN_OPERATIONS = 1

#: Weighted findings per operation at which an area's rule part scores 50.
HALF_POINT = 0.25

#: The share of a coverage figure in its area's subscore (documentation coverage in
#: ``documentation``, auth coverage in ``security``); the rules' part has the rest.
COVERAGE_SHARE = 0.5

#: Rule areas that count for another score area; any area not in ``SCORE_AREAS`` (a plugin's
#: own) counts for ``structure``.
_AREA_OF = {"auth": "security"}


def score_area(area: str) -> str:
    """The score area a rule's area counts for: ``auth`` and ``security`` for ``security``,
    a built-in area for itself, a plugin's own area for ``structure``."""
    area = _AREA_OF.get(area, area)
    return area if area in SCORE_AREAS else "structure"


def score(profile: ApiProfile) -> Score:
    """The API's score: each area's subscore, and their weighted mean as ``total``, rounded to
    one decimal. Raises ``ValueError`` for a spec that could not be linted (it has no score)."""
    if profile.error is not None:
        raise ValueError(f"{profile.name} could not be linted, so it has no score")
    exact = _subscores(profile)
    return Score(
        total=_total(exact), areas={area: round(value, 1) for area, value in exact.items()}
    )


def hotspots(profile: ApiProfile, limit: int = 5) -> tuple[Hotspot, ...]:
    """The fixes that would raise the API's total most, at most ``limit``: per rule, the
    points gained were all its findings gone (the difference of the two rounded totals), best
    first, ties by rule id; rules whose fix gains nothing are left out. A spec that could not
    be linted has none."""
    if profile.error is not None or limit <= 0:
        return ()
    before = score(profile).total
    found = [_hotspot(profile, tally, before) for tally in profile.tallies]
    ranked = sorted((spot for spot in found if spot.gain > 0), key=lambda s: (-s.gain, s.rule))
    return tuple(ranked[:limit])


def _hotspot(profile: ApiProfile, fixed: RuleTally, before: float) -> Hotspot:
    rest = tuple(tally for tally in profile.tallies if tally.rule != fixed.rule)
    after = score(replace(profile, tallies=rest)).total
    return Hotspot(
        rule=fixed.rule,
        area=score_area(fixed.area),
        findings=fixed.findings,
        gain=round(after - before, 1),
        example=fixed.example,
    )


def _subscores(profile: ApiProfile) -> dict[str, float]:
    """Each area's unrounded subscore: its rules' part, blended with its coverage figure."""
    size = max(MIN_OPERATIONS, profile.operations)
    weighted = _weighted_findings(profile.tallies)
    coverage = {"documentation": profile.documentation, "security": profile.auth_coverage}
    return {
        area: _blend(_rules_part(weighted[area] / size), coverage.get(area)) for area in SCORE_AREAS
    }


def _weighted_findings(tallies: Iterable[RuleTally]) -> dict[str, float]:
    """Per score area, the sum of findings times their severity's weight."""
    weighted = dict.fromkeys(SCORE_AREAS, 0.0)
    for tally in tallies:
        if tally.severity not in SEVERITY_WEIGHTS:
            raise ValueError(f"rule '{tally.rule}': unknown severity '{tally.severity}'")
        weighted[score_area(tally.area)] += SEVERITY_WEIGHTS[tally.severity] * tally.findings
    return weighted


def _rules_part(per_operation: float) -> float:
    """100 for no finding, 50 at ``HALF_POINT`` weighted findings per operation, towards 0."""
    return 100.0 / (1.0 + max(0.0, per_operation) / HALF_POINT)


def _blend(rules: float, coverage: float | None) -> float:
    """The rules' part alone, or blended with a coverage percent (kept within 0-100)."""
    if coverage is None:
        return rules
    figure = min(100.0, max(0.0, coverage))
    return (1.0 - COVERAGE_SHARE) * rules + COVERAGE_SHARE * figure


def _total(subscores: Mapping[str, float]) -> float:
    """The weighted mean of the subscores, rounded to one decimal."""
    weighted = sum(AREA_WEIGHTS[area] * value for area, value in subscores.items())
    return round(weighted / sum(AREA_WEIGHTS[area] for area in subscores), 1)
