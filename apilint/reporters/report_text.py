"""The fleet report (``apilint report``, the default format) as a short terminal summary, for a
platform engineer reading a CI log: the fleet in one line, the teams, the lowest-scoring APIs
with the fix that would raise each most, the least adopted standards, the inconsistencies
between APIs, the trend and the problems. The whole fleet is in the other formats.

The figures said the same way here and in the Markdown output (the fleet line, the order of
the lowest scores, the trend's counts) are made here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from apilint.fleet.model import ApiSummary, ApiTrend, FleetReport, GroupSummary, Trend
from apilint.reporters.report_html import figure
from apilint.reporters.text import plural, styler

#: Teams listed; APIs listed among the lowest scores, and standards among the least adopted.
TEAMS = 20
LOWEST = 10
LEAST_ADOPTED = 5
#: Regressed APIs named on the trend line before ``and N more``.
REGRESSED_NAMED = 5
#: Problems listed before ``and N more``.
PROBLEMS = 10
#: The trend statuses counted, in the order they are said.
TREND_COUNTS = ("improved", "regressed", "new", "removed")
#: How an unowned API's team, or the unowned APIs' group, is named.
UNOWNED = "(unowned)"


def render(report: FleetReport, colour: bool = False) -> str:
    """The summary, a line per item, sections separated by a blank line; empty ones left out."""
    style = styler(colour)
    sections = [
        [style(f"API fleet: {fleet_line(report)}", bold=True)],
        _teams(report.teams),
        _lowest(report.apis, style),
        _least_adopted(report),
        _consistency(report),
        _trend(report.trend, style),
        _problems(report, style),
    ]
    return "\n\n".join("\n".join(lines) for lines in sections if lines) + "\n"


def fleet_line(report: FleetReport) -> str:
    """``6 APIs, 4 pass the gate (error), mean score 88.2, median 93.8; 1 could not be linted``."""
    fleet = report.fleet
    line = (
        f"{plural(len(fleet.apis), 'API')}, {fleet.passing} "
        f"pass{'es' if fleet.passing == 1 else ''} the gate ({report.gate}), "
        f"mean score {figure(fleet.distribution.mean)}, "
        f"median {figure(fleet.distribution.median)}"
    )
    if fleet.failed_to_load:
        line += f"; {fleet.failed_to_load} could not be linted"
    return line


def team_name(name: str | None) -> str:
    return name or UNOWNED


def lowest_first(apis: Iterable[ApiSummary]) -> list[ApiSummary]:
    """The scored APIs, lowest score first (then by name)."""
    scored = [api for api in apis if api.score is not None]
    return sorted(scored, key=lambda api: (_total(api) or 0.0, api.name))


def trend_counts(trend: Trend) -> str:
    """``1 improved, 2 regressed, 0 new, 1 removed``."""
    counts = dict.fromkeys(TREND_COUNTS, 0)
    for api in trend.apis:
        if api.status in counts:
            counts[api.status] += 1
    return ", ".join(f"{count} {status}" for status, count in counts.items())


def regressed(trend: Trend) -> list[ApiTrend]:
    """The regressed APIs, the largest fall first (those with no score after, first of all)."""
    found = [api for api in trend.apis if api.status == "regressed"]
    return sorted(found, key=lambda api: (api.delta if api.delta is not None else -1e9, api.name))


def change(api: ApiTrend) -> str:
    """``-3.2``; ``72.0 → –`` when a side has no score; then what changed at the gate."""
    moved = (
        f"{api.delta:+.1f}"
        if api.delta is not None
        else f"{figure(api.before)} → {figure(api.after)}"
    )
    return moved + (f" ({api.gate})" if api.gate else "")


def aligned(header: Sequence[str], rows: Sequence[Sequence[str]], right: int) -> list[list[str]]:
    """The header and rows with each cell padded to its column's width: the first ``right``
    columns after the first one right-aligned (numbers), the others left-aligned."""
    widths = [max(len(row[i]) for row in (header, *rows)) for i in range(len(header))]
    return [
        [
            cell.rjust(width) if 0 < i <= right else cell.ljust(width)
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        for row in (header, *rows)
    ]


def table(header: Sequence[str], rows: Sequence[Sequence[str]], right: int) -> list[str]:
    """A table's lines: its cells :func:`aligned`, two spaces apart, trailing spaces trimmed."""
    return ["  ".join(cells).rstrip() for cells in aligned(header, rows, right)]


def _teams(teams: Sequence[GroupSummary]) -> list[str]:
    rows = [
        (
            team_name(team.name),
            str(len(team.apis)),
            str(team.passing),
            figure(team.distribution.mean),
            figure(team.distribution.median),
        )
        for team in teams[:TEAMS]
    ]
    if not rows:
        return []
    lines = table(("Team", "APIs", "Passing", "Mean", "Median"), rows, 4)
    return lines + ([f"and {len(teams) - TEAMS} more teams"] if len(teams) > TEAMS else [])


def _lowest(apis: Sequence[ApiSummary], style: Callable[..., str]) -> list[str]:
    shown = lowest_first(apis)[:LOWEST]
    if not shown:
        return []
    rows = [
        (
            api.name,
            figure(_total(api)),
            team_name(api.team),
            f"{api.hotspots[0].rule} +{api.hotspots[0].gain:.1f}" if api.hotspots else "",
        )
        for api in shown
    ]
    header, *padded = aligned(("Lowest scores", "Score", "Team", "Top fix"), rows, 1)
    lines = ["  ".join(header).rstrip()]
    for cells, api in zip(padded, shown, strict=True):
        cells[1] = style(cells[1], fg=_tone(_total(api)))
        lines.append("  ".join(cells).rstrip())
    return lines


def _total(api: ApiSummary) -> float | None:
    return api.score.total if api.score is not None else None


def _tone(score: float | None) -> str:
    """A score's colour: red below 50, yellow below 80, else green."""
    if score is None or score < 50:
        return "red"
    return "yellow" if score < 80 else "green"


def _least_adopted(report: FleetReport) -> list[str]:
    shown = report.adoption[:LEAST_ADOPTED]
    if not shown:
        return []
    width = max(len(item.rule) for item in shown)
    lines = ["Least adopted standards"]
    for item in shown:
        lines.append(
            f"  {item.rule:<{width}}  broken by {len(item.breaking)} of "
            f"{plural(item.apis, 'API')} ({item.area})"
        )
    return lines


def _consistency(report: FleetReport) -> list[str]:
    if not report.consistency:
        return []
    return ["Consistency across APIs", *(f"  {finding.message}" for finding in report.consistency)]


def _trend(trend: Trend | None, style: Callable[..., str]) -> list[str]:
    if trend is None:
        return []
    line = f"Since {trend.since} ({trend.generated}): {trend_counts(trend)}"
    fallen = regressed(trend)
    if fallen:
        named = ", ".join(f"{api.name} {change(api)}" for api in fallen[:REGRESSED_NAMED])
        more = len(fallen) - REGRESSED_NAMED
        line += "; regressed: " + named + (f" and {more} more" if more > 0 else "")
        return [style(line, fg="red")]
    return [line]


def _problems(report: FleetReport, style: Callable[..., str]) -> list[str]:
    failed = [api for api in report.apis if api.profile.error is not None]
    if not failed and not report.errors:
        return []
    said = [f"{api.name}: could not be linted: {api.profile.error}" for api in failed]
    said.extend(report.errors)
    lines = [style("Problems", fg="red", bold=True), *(f"  {text}" for text in said[:PROBLEMS])]
    if len(said) > PROBLEMS:
        lines.append(f"  and {len(said) - PROBLEMS} more")
    return lines
