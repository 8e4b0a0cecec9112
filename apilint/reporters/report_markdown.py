"""The fleet report (``apilint report --format markdown``) as a wiki page or a pull-request
comment: a title with the fleet's figures, the teams, the APIs (lowest scores first), the least
adopted standards, the inconsistencies between APIs, the trend and the problems.

Spec text is untrusted: every value is escaped for a table cell or shown as a code span (team
names too, so that ``@org/team`` names no one on GitHub). A comment must stay under GitHub's
limit (65,536 characters) for any fleet: every list is capped, then says how many it left out.
"""

from __future__ import annotations

from collections.abc import Collection

from apilint.fleet.model import SCORE_AREAS, ApiSummary, ApiTrend, FleetReport, Trend
from apilint.reporters.markdown import code, escape
from apilint.reporters.report_html import MISSING, figure, severity_counts
from apilint.reporters.report_text import (
    UNOWNED,
    fleet_line,
    lowest_first,
    regressed,
    trend_counts,
)
from apilint.reporters.text import plural

#: Rows of each table and items of each list shown, then ``…and N more``; with the texts cut
#: below, a page stays under GitHub's comment limit even with long API and team names.
MAX_TEAMS = 50
MAX_APIS = 50
MAX_STANDARDS = 10
MAX_FINDINGS = 20
MAX_REGRESSED = 20
MAX_PROBLEMS = 20
#: Characters kept of a problem (a load error may quote the spec) and of a consistency
#: finding's message (it names five APIs per choice).
PROBLEM_CHARS = 300
MESSAGE_CHARS = 600


def render(report: FleetReport) -> str:
    """The page, sections separated by a blank line; empty ones left out."""
    sections = [
        [f"## API fleet: {fleet_line(report)}"],
        [f"An API passes the gate with no finding at or above **{escape(report.gate)}**."],
        _teams(report),
        _apis(report),
        _standards(report),
        _consistency(report),
        _trend(report.trend),
        _problems(report),
    ]
    return "\n\n".join("\n".join(lines) for lines in sections if lines) + "\n"


def _row(*cells: str) -> str:
    return f"| {' | '.join(cells)} |"


def _header(*columns: str, numeric: Collection[str] = ()) -> list[str]:
    """A table's header and rule; the ``numeric`` columns right-aligned."""
    return [_row(*columns), _row(*("---:" if c in numeric else "---" for c in columns))]


def _team(name: str | None) -> str:
    return code(name) if name else UNOWNED


def _more(left: int, what: str) -> list[str]:
    """``…and 3 more APIs.`` after a capped list (nothing when none was left out)."""
    return ["", f"…and {left} more {what}{'' if left == 1 else 's'}."] if left > 0 else []


def _teams(report: FleetReport) -> list[str]:
    if not report.teams:
        return []
    numbers = ("APIs", "Passing", "Mean", "Median")
    lines = ["### Teams", "", *_header("Team", *numbers, numeric=numbers)]
    for team in report.teams[:MAX_TEAMS]:
        distribution = team.distribution
        lines.append(
            _row(
                _team(team.name),
                str(len(team.apis)),
                str(team.passing),
                figure(distribution.mean),
                figure(distribution.median),
            )
        )
    return lines + _more(len(report.teams) - MAX_TEAMS, "team")


def _apis(report: FleetReport) -> list[str]:
    """Every API, those that could not be linted first, then the lowest scores first."""
    ordered = [api for api in report.apis if api.score is None] + lowest_first(report.apis)
    if not ordered:
        return []
    areas = [area.capitalize() for area in SCORE_AREAS]
    columns = ("API", "Team", "Score", *areas, "Errors", "Warnings", "Passes")
    lines = ["### APIs, lowest scores first", "", *_header(*columns, numeric=columns[2:-1])]
    lines.extend(_api_row(api) for api in ordered[:MAX_APIS])
    return lines + _more(len(ordered) - MAX_APIS, "API")


def _api_row(api: ApiSummary) -> str:
    """An API's row; one that could not be linted has no figures."""
    score = api.score
    if score is None or api.profile.error is not None:
        figures = [MISSING] * (len(SCORE_AREAS) + 3)
        return _row(code(api.name), _team(api.team), *figures, "not linted")
    counts = severity_counts(api)
    return _row(
        code(api.name),
        _team(api.team),
        figure(score.total),
        *(figure(score.areas.get(area)) for area in SCORE_AREAS),
        str(counts["error"]),
        str(counts["warn"]),
        "yes" if api.profile.passes else "no",
    )


def _standards(report: FleetReport) -> list[str]:
    shown = report.adoption[:MAX_STANDARDS]
    if not shown:
        return []
    numbers = ("Broken by", "Adopted")
    lines = ["### Least adopted standards", "", *_header("Rule", "Area", *numbers, numeric=numbers)]
    for item in shown:
        broken = f"{len(item.breaking)} of {plural(item.apis, 'API')}"
        lines.append(_row(code(item.rule), escape(item.area), broken, f"{item.adopted:.1f}%"))
    return lines + _more(len(report.adoption) - MAX_STANDARDS, "standard")


def _consistency(report: FleetReport) -> list[str]:
    if not report.consistency:
        return []
    shown = report.consistency[:MAX_FINDINGS]
    items = [f"- {escape(_cut(finding.message, MESSAGE_CHARS))}" for finding in shown]
    lines = ["### Consistency across APIs", "", *items]
    return lines + _more(len(report.consistency) - MAX_FINDINGS, "finding")


def _trend(trend: Trend | None) -> list[str]:
    if trend is None:
        return []
    lines = [
        f"### Since {escape(trend.since)} ({escape(trend.generated)})",
        "",
        f"**{trend_counts(trend)}**",
    ]
    fallen = regressed(trend)
    if not fallen:
        return lines
    numbers = ("Before", "After", "Change")
    lines += ["", *_header("Regressed API", "Team", *numbers, numeric=numbers)]
    lines.extend(
        _row(code(api.name), _team(api.team), figure(api.before), figure(api.after), _delta(api))
        for api in fallen[:MAX_REGRESSED]
    )
    return lines + _more(len(fallen) - MAX_REGRESSED, "regressed API")


def _delta(api: ApiTrend) -> str:
    moved = MISSING if api.delta is None else f"{api.delta:+.1f}"
    return moved + (f" ({api.gate})" if api.gate else "")


def _problems(report: FleetReport) -> list[str]:
    said = [
        f"{code(api.name, cell=False)}: could not be linted: {escape(_cut(api.profile.error))}"
        for api in report.apis
        if api.profile.error is not None
    ]
    said.extend(escape(_cut(error)) for error in report.errors)
    if not said:
        return []
    lines = ["### Problems", "", *(f"- {text}" for text in said[:MAX_PROBLEMS])]
    return lines + _more(len(said) - MAX_PROBLEMS, "problem")


def _cut(text: str | None, limit: int = PROBLEM_CHARS) -> str:
    """The text, or its first ``limit`` characters and ``…``."""
    text = text or ""
    return text if len(text) <= limit else text[: limit - 1] + "…"
