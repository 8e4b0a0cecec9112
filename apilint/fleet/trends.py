"""Trends: a report against an earlier snapshot, per API, team and rule.

An API is ``new`` or ``removed`` when only one side has it. Otherwise it has ``regressed`` when it
passed the gate and no longer does, or when its score fell by ``TOLERANCE`` points or more (a
spec that now fails to load has fallen); ``improved`` is the mirror image; any other change is
``unchanged`` (its new and fixed rules still listed). The gate (``--no-regression``) fails on the
regressed APIs.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from statistics import fmean

from apilint.fleet.model import ApiTrend, FleetReport, Snapshot, SnapshotApi, Trend
from apilint.fleet.snapshots import snapshot_of

#: The smallest score change, in points, that counts as improved or regressed. Scores have
#: one decimal; a smaller change is noise: one more warning in an API of 100 operations lowers
#: its score by 0.2 to 0.5 points, one more error by 0.4 to 1.2 (``docs/report.md``).
TOLERANCE = 0.5

#: The team name of unowned APIs in ``Trend.teams`` (as in ``FleetReport.teams``).
UNOWNED = ""


def compare(before: Snapshot, report: FleetReport) -> Trend:
    """What changed from the snapshot ``before`` to ``report``."""
    return compare_snapshots(before, snapshot_of(report, label=""))


def compare_snapshots(before: Snapshot, after: Snapshot) -> Trend:
    """What changed from one snapshot to a later one: every API of either (by name), the mean
    score of every team of either (unowned last), and how many APIs broke each rule."""
    names = sorted(before.apis.keys() | after.apis.keys())
    return Trend(
        since=before.label,
        generated=before.generated,
        apis=tuple(_api_trend(name, before.apis.get(name), after.apis.get(name)) for name in names),
        teams=_teams(before, after),
        rules=_rules(before, after),
    )


def regressions(trend: Trend) -> tuple[ApiTrend, ...]:
    """The APIs that regressed: those ``--no-regression`` fails on."""
    return tuple(api for api in trend.apis if api.status == "regressed")


def _api_trend(name: str, old: SnapshotApi | None, new: SnapshotApi | None) -> ApiTrend:
    if old is None:
        assert new is not None
        return ApiTrend(
            name=name, team=new.team, status="new", before=None, after=new.score, passes=new.passes
        )
    if new is None:
        return ApiTrend(
            name=name,
            team=old.team,
            status="removed",
            before=old.score,
            after=None,
            passed=old.passes,
        )
    return ApiTrend(
        name=name,
        team=new.team,
        status=status(old, new),
        before=old.score,
        after=new.score,
        new_rules=tuple(sorted(_broken(new) - _broken(old))),
        fixed_rules=tuple(sorted(_broken(old) - _broken(new))),
        passed=old.passes,
        passes=new.passes,
    )


def status(old: SnapshotApi, new: SnapshotApi) -> str:
    """``improved``, ``regressed`` or ``unchanged``: the gate's verdict first, then the score
    (a change under ``TOLERANCE`` is none; no score, a spec that failed to load, is below any)."""
    if old.passes != new.passes:
        return "improved" if new.passes else "regressed"
    if old.score is None or new.score is None:
        if old.score is None and new.score is None:
            return "unchanged"
        return "improved" if old.score is None else "regressed"
    change = round(new.score - old.score, 1)
    if change >= TOLERANCE:
        return "improved"
    if change <= -TOLERANCE:
        return "regressed"
    return "unchanged"


def _broken(api: SnapshotApi) -> set[str]:
    return {rule for rule, found in api.rules.items() if found}


def _teams(before: Snapshot, after: Snapshot) -> dict[str, tuple[float | None, float | None]]:
    old, new = _team_means(before), _team_means(after)
    teams = sorted(old.keys() | new.keys(), key=lambda team: (team == UNOWNED, team))
    return {team: (old.get(team), new.get(team)) for team in teams}


def _team_means(snapshot: Snapshot) -> dict[str, float | None]:
    """Each team's mean score (one decimal; None: no API of the team has a score), by the
    teams as the snapshot records them."""
    scores: dict[str, list[float]] = {}
    for api in snapshot.apis.values():
        bucket = scores.setdefault(api.team or UNOWNED, [])
        if api.score is not None:
            bucket.append(api.score)
    return {team: round(fmean(found), 1) if found else None for team, found in scores.items()}


def _rules(before: Snapshot, after: Snapshot) -> dict[str, tuple[int, int]]:
    old, new = _breaking(before.apis), _breaking(after.apis)
    return {rule: (old[rule], new[rule]) for rule in sorted(old.keys() | new.keys())}


def _breaking(apis: Mapping[str, SnapshotApi]) -> Counter[str]:
    """Rule -> how many APIs break it."""
    return Counter(rule for api in apis.values() for rule in _broken(api))
