"""The fleet report (``apilint report --format json``) as one JSON document, for dashboards and
BI tools.

The shape is stable and versioned (``schema`` ``apilint-report``, ``version`` :data:`VERSION`;
fields may be added without a new version, a change an older reader would misread raises it)
and documented in ``docs/report.md`` ("Outputs"). Keys come in a fixed order, lists in the
model's order (APIs and teams by name, standards least adopted first), numbers are numbers and a
missing figure is ``null``; an unowned API's team, and the unowned APIs' group, is ``null``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from apilint.fleet.model import (
    Adoption,
    ApiSummary,
    ApiTrend,
    FleetFinding,
    FleetReport,
    GroupSummary,
    Hotspot,
    Trend,
)
from apilint.reporters.report_html import severity_counts

SCHEMA = "apilint-report"
VERSION = 1


def render(report: FleetReport) -> str:
    """The report as indented JSON ending with a newline. One ``json.dumps`` for the whole
    document: the indenting encoder makes one reference cycle per call, not per item."""
    return json.dumps(to_dict(report), indent=2, ensure_ascii=False) + "\n"


def to_dict(report: FleetReport) -> dict[str, Any]:
    """The report as JSON data, keys in the documented order."""
    return {
        "schema": SCHEMA,
        "version": VERSION,
        "generated": report.generated,
        "root": report.root,
        "gate": report.gate,
        "fleet": group_dict(report.fleet),
        "teams": [group_dict(team) for team in report.teams],
        "apis": [api_dict(api) for api in report.apis],
        "adoption": [adoption_dict(item) for item in report.adoption],
        "consistency": [consistency_dict(finding) for finding in report.consistency],
        "trend": trend_dict(report.trend) if report.trend is not None else None,
        "errors": list(report.errors),
    }


def percent(value: float | None) -> float | None:
    """A percentage as every output shows it: one decimal (None stays None)."""
    return None if value is None else round(value, 1)


def _team(name: str | None) -> str | None:
    """A team name; the unowned APIs' (``""`` in the model) is ``null``."""
    return name or None


def group_dict(group: GroupSummary) -> dict[str, Any]:
    """A team's figures, or the fleet's (``name`` null for the fleet and the unowned APIs)."""
    distribution = group.distribution
    return {
        "name": _team(group.name),
        "apis": list(group.apis),
        "passing": group.passing,
        "failed_to_load": group.failed_to_load,
        "mean": distribution.mean,
        "median": distribution.median,
        "bands": list(distribution.bands),
    }


def api_dict(api: ApiSummary) -> dict[str, Any]:
    """One API: who owns it, its score, subscores, counts, coverage, hotspots and the
    findings the report shows (``findings_total`` counts them all)."""
    profile = api.profile
    return {
        "name": api.name,
        "file": profile.file,
        "title": profile.title,
        "version": profile.version,
        "team": _team(api.team),
        "owner_source": api.ownership.source,
        "operations": profile.operations,
        "score": api.score.total if api.score is not None else None,
        "areas": dict(api.score.areas) if api.score is not None else None,
        "passes": profile.passes,
        "error": profile.error,
        "counts": severity_counts(api),
        "documentation": percent(profile.documentation),
        "documentation_kinds": {
            kind: percent(value) for kind, value in profile.documentation_kinds.items()
        },
        "auth_coverage": percent(profile.auth_coverage),
        "hotspots": [hotspot_dict(spot) for spot in api.hotspots],
        "rules": {tally.rule: tally.findings for tally in profile.tallies},
        "findings": [finding.to_dict() for finding in profile.shown],
        "findings_total": profile.findings,
    }


def hotspot_dict(spot: Hotspot) -> dict[str, Any]:
    return {
        "rule": spot.rule,
        "area": spot.area,
        "findings": spot.findings,
        "gain": spot.gain,
        "example": spot.example,
    }


def adoption_dict(item: Adoption) -> dict[str, Any]:
    """A standard: the APIs breaking it, of how many it ran on, and the share keeping it."""
    return {
        "rule": item.rule,
        "area": item.area,
        "apis": item.apis,
        "breaking": list(item.breaking),
        "adopted": percent(item.adopted),
    }


def consistency_dict(finding: FleetFinding) -> dict[str, Any]:
    """A fleet finding with every API that follows the majority and every one that differs
    (the message names five per choice; this lists them all)."""
    return {
        "check": finding.check,
        "concern": finding.concern,
        "aspect": finding.aspect,
        "majority": finding.majority,
        "following": list(finding.following),
        "differing": dict(finding.differing),
        "message": finding.message,
    }


def trend_dict(trend: Trend) -> dict[str, Any]:
    """The trend since the compared snapshot: per API, per team (mean before and after) and
    per rule (APIs breaking it before and after)."""
    return {
        "since": trend.since,
        "generated": trend.generated,
        "apis": [api_trend_dict(api) for api in trend.apis],
        "teams": _before_after("team", trend.teams, _team),
        "rules": _before_after("rule", trend.rules, str),
    }


def api_trend_dict(api: ApiTrend) -> dict[str, Any]:
    return {
        "name": api.name,
        "team": _team(api.team),
        "status": api.status,
        "before": api.before,
        "after": api.after,
        "delta": api.delta,
        "passed": api.passed,
        "passes": api.passes,
        "new_rules": list(api.new_rules),
        "fixed_rules": list(api.fixed_rules),
    }


def _before_after(
    key: str, pairs: Mapping[str, tuple[Any, Any]], name: Callable[[str], str | None]
) -> list[dict[str, Any]]:
    """``{key: name, "before": ..., "after": ...}`` per entry, in the model's order."""
    return [{key: name(item), "before": old, "after": new} for item, (old, new) in pairs.items()]
