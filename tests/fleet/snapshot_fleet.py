"""Hand-made fleet reports and snapshots for the snapshot, trend and history tests: only what a
snapshot keeps is chosen; the rest of each object is filler."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from apilint.fleet.model import (
    SCORE_AREAS,
    ApiProfile,
    ApiSummary,
    Distribution,
    FleetReport,
    GroupSummary,
    Ownership,
    RuleTally,
    Score,
    Snapshot,
    SnapshotApi,
)


@dataclass(frozen=True)
class Api:
    """An API as the tests describe it: score None is a spec that could not be linted."""

    name: str
    team: str | None = None
    score: float | None = 80.0
    rules: Mapping[str, int] = field(default_factory=dict)
    passes: bool = True


def areas(score: float) -> dict[str, float | None]:
    """Every area at ``score`` but versioning, which had nothing to judge."""
    return {area: (None if area == "versioning" else score) for area in SCORE_AREAS}


def summary(api: Api) -> ApiSummary:
    tallies = tuple(
        RuleTally(rule=rule, area="naming", severity="warn", findings=n, places=n, example="x")
        for rule, n in sorted(api.rules.items())
    )
    profile = ApiProfile(
        name=api.name,
        file=api.name,
        title=api.name,
        version="1.0.0",
        owner=None,
        operations=4,
        tallies=tallies,
        documentation=50.0,
        documentation_kinds={},
        auth_coverage=100.0,
        passes=api.passes,
        shown=(),
        error=None if api.score is not None else "not an OpenAPI document",
    )
    score = None if api.score is None else Score(total=api.score, areas=areas(api.score))
    ownership = Ownership(team=api.team, source=None if api.team is None else "config")
    return ApiSummary(profile=profile, ownership=ownership, score=score)


def fleet(*apis: Api, generated: str = "2026-12-06T21:40:00Z") -> FleetReport:
    """A report of these APIs (the group figures are filler: snapshots do not read them)."""
    names = tuple(sorted(api.name for api in apis))
    group = GroupSummary(
        name=None,
        apis=names,
        passing=0,
        failed_to_load=0,
        distribution=Distribution(bands=(0,) * 10, mean=None, median=None),
    )
    return FleetReport(
        generated=generated,
        root="/fleet",
        apis=tuple(summary(api) for api in sorted(apis, key=lambda api: api.name)),
        teams=(),
        fleet=group,
        adoption=(),
        consistency=(),
    )


def snapshot(*apis: Api, generated: str = "2026-11-30T09:00:00Z", label: str = "v1") -> Snapshot:
    return Snapshot(
        generated=generated,
        label=label,
        apis={
            api.name: SnapshotApi(
                team=api.team,
                score=api.score,
                areas={} if api.score is None else areas(api.score),
                passes=api.passes,
                rules=dict(api.rules),
            )
            for api in apis
        },
    )
