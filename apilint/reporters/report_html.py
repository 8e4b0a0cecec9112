"""The fleet report (``apilint report --format html``) as one self-contained static HTML page.

Everything the page needs is inside it: the style sheet, a small static script (sortable tables)
and the charts as inline SVG; no link, font, image or script is fetched, so the page works with
no network and can be attached to a ticket or published as a build artefact.

In order: the header, the fleet summary, the score histogram, the team table, the fleet table
(every API; a click on a header sorts it), standards adoption, consistency across APIs, the
trend since the compared snapshot, and a collapsed section per API (its subscores, hotspots and
shown findings, each linked to ``file:line``). Spec text is untrusted: every value is escaped,
and no data reaches the script or an event handler.
"""

from __future__ import annotations

import html
import os
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from apilint.fleet.model import (
    SCORE_AREAS,
    ApiSummary,
    ApiTrend,
    Distribution,
    FleetReport,
    GroupSummary,
    ShownFinding,
    Trend,
)
from apilint.lint.findings import SEVERITY_NAMES
from apilint.reporters._report_html_assets import SCRIPT, STYLE
from apilint.reporters.text import plural

#: What a missing figure (an area with nothing to judge, an API that could not be linted) shows.
MISSING = "–"

#: Differing APIs of a consistency finding listed openly; more are folded into a <details>.
OPEN_LIST = 8

_UNSAFE_ID = re.compile(r"[^A-Za-z0-9_.-]+")


def render(report: FleetReport) -> str:
    """The whole page as one string (see :func:`chunks`)."""
    return "".join(chunks(report))


def chunks(report: FleetReport) -> Iterator[str]:
    """The page in pieces (a section, a table row, an API), so that a caller can write a large
    fleet's page without holding it as one string."""
    anchors = api_anchors(api.name for api in report.apis)
    yield _head(report)
    yield from _header(report)
    yield from _summary(report)
    yield from _teams(report)
    yield from _fleet(report, anchors)
    yield from _adoption(report)
    yield from _consistency(report, anchors)
    if report.trend is not None:
        yield from _trend(report.trend, anchors)
    yield from _api_sections(report, anchors)
    yield f"<script>{SCRIPT}</script>\n</body>\n</html>\n"


# -- small pieces -----------------------------------------------------------------------------


def _text(value: object) -> str:
    """Any value as HTML text or attribute content: escaped, quotes included."""
    return html.escape(str(value), quote=True)


def figure(value: float | None) -> str:
    """A score or percentage as the page shows it: one decimal, ``–`` when there is none."""
    return MISSING if value is None else f"{value:.1f}"


def _signed(value: float | None) -> str:
    return MISSING if value is None else f"{value:+.1f}"


def api_anchors(names: Iterable[str]) -> dict[str, str]:
    """Each API name's section id: ``api-`` and the name with unsafe characters as ``-``
    (readable and stable from one run to the next), made unique with a counter."""
    anchors: dict[str, str] = {}
    taken: set[str] = set()
    for name in names:
        base = "api-" + _UNSAFE_ID.sub("-", name).strip("-")
        anchor, count = base, 1
        while anchor in taken:
            count += 1
            anchor = f"{base}-{count}"
        taken.add(anchor)
        anchors[name] = anchor
    return anchors


def file_link(file: str, line: int) -> str | None:
    """Where a finding's ``file:line`` links to: the file as a ``file://`` URL with
    ``#L<line>``, a remote spec's own http(s) URL, else nothing.

    Findings name a file relative to the folder the report ran in (or absolutely, outside it),
    and a page is rendered by the run that linted it: the path is made absolute here, because
    where the page will be opened from is not known (a link relative to its folder would break
    once the page is moved or published)."""
    if "://" in file:
        return file if file.startswith(("http://", "https://")) else None
    return f"{Path(os.path.abspath(file)).as_uri()}#L{line}"


@dataclass(frozen=True)
class Column:
    """A sortable table's column: its header, the key a ``#sort=TABLE:KEY`` address names,
    and whether it holds numbers (sorted as numbers, right-aligned)."""

    label: str
    key: str
    numeric: bool = False


def _table(table_id: str, columns: Sequence[Column], rows: Iterable[str]) -> Iterator[str]:
    heads = "".join(
        f'<th{" class=n" if column.numeric else ""} data-k="{column.key}">'
        f"<button type=button>{_text(column.label)}</button></th>"
        for column in columns
    )
    yield f'<table class=sortable id="{table_id}"><thead><tr>{heads}</tr></thead><tbody>\n'
    yield from rows
    yield "</tbody></table>\n"


def _titled_table(
    title: str, table_id: str, columns: Sequence[Column], rows: Sequence[str]
) -> Iterator[str]:
    """A sub-heading and its table, or nothing when there is no row."""
    if rows:
        yield f"<h3>{_text(title)}</h3>\n"
        yield from _table(table_id, columns, rows)


def _cells(*values: str) -> str:
    """A table row of cells already rendered (``<td>...``)."""
    return f"<tr>{''.join(values)}</tr>\n"


def _td(value: object) -> str:
    return f"<td>{_text(value)}</td>"


def _num(value: float | int | None) -> str:
    shown = str(value) if isinstance(value, int) else figure(value)
    return f"<td class=n>{shown}</td>"


def _team_name(team: str | None) -> str:
    return team if team else "(unowned)"


def _api_link(name: str, anchors: Mapping[str, str]) -> str:
    anchor = anchors.get(name)
    if anchor is None:  # an API of the compared snapshot that is gone
        return _text(name)
    return f'<a href="#{anchor}">{_text(name)}</a>'


# -- sections ---------------------------------------------------------------------------------


def _head(report: FleetReport) -> str:
    return (
        "<!DOCTYPE html>\n<html lang=en>\n<head>\n<meta charset=utf-8>\n"
        '<meta name=viewport content="width=device-width, initial-scale=1">\n'
        f"<title>API fleet report: {_text(report.root)}</title>\n"
        f"<style>{STYLE}</style>\n</head>\n<body>\n"
    )


def _header(report: FleetReport) -> Iterator[str]:
    yield "<header><h1>API fleet report</h1>\n"
    yield (
        f"<p class=meta>Generated {_text(report.generated)} from <code>{_text(report.root)}"
        f"</code>; an API passes the gate with no finding at or above "
        f"<b>{_text(report.gate)}</b>.</p></header>\n"
    )


def _summary(report: FleetReport) -> Iterator[str]:
    fleet = report.fleet
    unowned = sum(1 for api in report.apis if api.team is None)
    cards = [
        ("APIs", str(len(fleet.apis))),
        ("passing the gate", str(fleet.passing)),
        ("mean score", figure(fleet.distribution.mean)),
        ("median score", figure(fleet.distribution.median)),
        ("unowned", str(unowned)),
    ]
    if fleet.failed_to_load:
        cards.append(("not linted", str(fleet.failed_to_load)))
    yield '<section id="summary"><h2>Fleet</h2>\n<div class=cards>'
    for label, value in cards:
        yield f"<div class=card><b>{value}</b><span>{_text(label)}</span></div>"
    yield "</div>\n"
    if report.errors:
        items = "".join(f"<li>{_text(error)}</li>" for error in report.errors)
        yield f"<div class=problems><b>Problems</b><ul>{items}</ul></div>\n"
    yield "<h3>Score distribution</h3>\n"
    yield histogram(fleet.distribution)
    yield "</section>\n"


def histogram(distribution: Distribution) -> str:
    """The score distribution as an SVG bar chart: one bar per band of ten, its count above,
    its band below; bars scaled to the fullest band."""
    width, height, bar, gap = 460, 150, 36, 8
    tallest = max(distribution.bands, default=0) or 1
    parts = [
        f'<svg class=histogram width="{width}" height="{height + 36}" role=img '
        f'viewBox="0 0 {width} {height + 36}"><title>APIs per score band</title>'
    ]
    for index, count in enumerate(distribution.bands):
        x = index * (bar + gap) + gap
        drawn = round(height * count / tallest)
        low = index * 10
        band = f"{low}–{low + 9}" if index < 9 else "90–100"
        parts.append(
            f'<rect class=b x="{x}" y="{height - drawn + 16}" width="{bar}" height="{drawn}">'
            f"<title>{band}: {plural(count, 'API')}</title></rect>"
            f'<text x="{x + bar / 2}" y="{height - drawn + 12}" text-anchor=middle>{count}</text>'
            f'<text class=m x="{x + bar / 2}" y="{height + 30}" text-anchor=middle>{band}</text>'
        )
    parts.append("</svg>\n")
    return "".join(parts)


def _teams(report: FleetReport) -> Iterator[str]:
    columns = (
        Column("Team", "team"),
        Column("APIs", "apis", True),
        Column("Passing", "passing", True),
        Column("Mean", "mean", True),
        Column("Median", "median", True),
    )
    yield '<section id="teams-section"><h2>Teams</h2>\n'
    yield from _table("teams", columns, (_team_row(team) for team in report.teams))
    yield "</section>\n"


def _team_row(team: GroupSummary) -> str:
    return _cells(
        _td(_team_name(team.name)),
        _num(len(team.apis)),
        _num(team.passing),
        _num(team.distribution.mean),
        _num(team.distribution.median),
    )


def _fleet(report: FleetReport, anchors: Mapping[str, str]) -> Iterator[str]:
    columns = (
        Column("API", "api"),
        Column("Team", "team"),
        Column("Score", "score", True),
        *(Column(area.capitalize(), area, True) for area in SCORE_AREAS),
        Column("Errors", "errors", True),
        Column("Warnings", "warnings", True),
        Column("Docs %", "docs", True),
        Column("Auth %", "auth", True),
        Column("Passes", "passes"),
    )
    yield '<section id="apis"><h2>APIs</h2>\n'
    yield from _table("fleet", columns, (_fleet_row(api, anchors) for api in report.apis))
    yield "</section>\n"


def severity_counts(api: ApiSummary) -> dict[str, int]:
    """An API's findings per severity name (``error``, ``warn``, ``info``, ``hint``)."""
    counts = dict.fromkeys(SEVERITY_NAMES, 0)
    for tally in api.profile.tallies:
        counts[tally.severity] = counts.get(tally.severity, 0) + tally.findings
    return counts


def _passes(api: ApiSummary) -> str:
    if api.profile.error is not None:
        return "<td class=no>not linted</td>"
    return "<td class=yes>yes</td>" if api.profile.passes else "<td class=no>no</td>"


def _fleet_row(api: ApiSummary, anchors: Mapping[str, str]) -> str:
    score = api.score
    areas = score.areas if score is not None else {}
    counts = severity_counts(api)
    return _cells(
        f"<td>{_api_link(api.name, anchors)}</td>",
        _td(api.team or MISSING),
        _num(score.total if score is not None else None),
        *(_num(areas.get(area)) for area in SCORE_AREAS),
        _num(counts["error"]),
        _num(counts["warn"]),
        _num(api.profile.documentation),
        _num(api.profile.auth_coverage),
        _passes(api),
    )


def _adoption(report: FleetReport) -> Iterator[str]:
    columns = (
        Column("Rule", "rule"),
        Column("Area", "area"),
        Column("Adopted %", "adopted", True),
        Column("", "bar"),
        Column("APIs breaking it", "breaking", True),
        Column("APIs checked", "checked", True),
    )
    rows = (
        _cells(
            f"<td><code>{_text(item.rule)}</code></td>",
            _td(item.area),
            _num(item.adopted),
            f"<td>{adoption_bar(item.adopted)}</td>",
            _num(len(item.breaking)),
            _num(item.apis),
        )
        for item in report.adoption
    )
    yield '<section id="adoption-section"><h2>Standards adoption</h2>\n'
    yield "<p class=meta>Least adopted first: the share of APIs a rule ran on that keep it.</p>\n"
    yield from _table("adoption", columns, rows)
    yield "</section>\n"


def adoption_bar(adopted: float) -> str:
    """A rule's adoption as a small SVG bar: the share in percent filled over a grey track."""
    filled = round(max(0.0, min(adopted, 100.0)), 1)
    return (
        f'<svg class=adoption width="100" height="10" role=img aria-label="{adopted:.1f}%">'
        f'<rect class=t width="100" height="10"/><rect class=b width="{filled:g}" height="10"/>'
        "</svg>"
    )


def _consistency(report: FleetReport, anchors: Mapping[str, str]) -> Iterator[str]:
    yield '<section id="consistency-section"><h2>Consistency across APIs</h2>\n'
    if not report.consistency:
        yield "<p>Every API makes the same choice on each concern checked.</p></section>\n"
        return
    columns = (
        Column("Concern", "concern"),
        Column("Majority", "majority"),
        Column("APIs following", "following", True),
        Column("Differing APIs", "differing"),
    )
    rows = (
        _cells(
            f"<td>{_text(item.concern)}<br><span class=meta>{_text(item.aspect)}</span></td>",
            f"<td><code>{_text(item.majority)}</code></td>",
            _num(len(item.following)),
            f"<td>{_differing(item.differing, anchors)}</td>",
        )
        for item in report.consistency
    )
    yield from _table("consistency", columns, rows)
    yield "</section>\n"


def _differing(differing: Mapping[str, str], anchors: Mapping[str, str]) -> str:
    items = "".join(
        f"<li>{_api_link(name, anchors)}: <code>{_text(choice)}</code></li>"
        for name, choice in differing.items()
    )
    listed = f"<ul>{items}</ul>"
    if len(differing) <= OPEN_LIST:
        return listed
    return f"<details><summary>{plural(len(differing), 'API')}</summary>{listed}</details>"


def _trend(trend: Trend, anchors: Mapping[str, str]) -> Iterator[str]:
    changed = [api for api in trend.apis if api.status != "unchanged"]
    unchanged = len(trend.apis) - len(changed)
    yield '<section id="trend-section"><h2>Trend</h2>\n'
    yield (
        f"<p class=meta>Since <code>{_text(trend.since)}</code> "
        f"(made {_text(trend.generated)}); {plural(unchanged, 'API')} unchanged "
        "and not listed.</p>\n"
    )
    columns = (
        Column("API", "api"),
        Column("Team", "team"),
        Column("Status", "status"),
        Column("Before", "before", True),
        Column("After", "after", True),
        Column("Change", "delta", True),
        Column("Newly broken rules", "new"),
        Column("Fixed rules", "fixed"),
    )
    yield from _titled_table(
        "APIs", "trend-apis", columns, [_trend_row(a, anchors) for a in changed]
    )
    yield from _trend_teams(trend.teams)
    yield from _trend_rules(trend.rules)
    yield "</section>\n"


def _delta_cell(before: float | None, after: float | None) -> str:
    delta = None if before is None or after is None else round(after - before, 1)
    tone = "" if not delta else (" up" if delta > 0 else " down")
    return f"<td class='n{tone}'>{_signed(delta)}</td>"


def _rules(rules: Sequence[str]) -> str:
    return "<td>" + ", ".join(f"<code>{_text(rule)}</code>" for rule in rules) + "</td>"


def _trend_row(api: ApiTrend, anchors: Mapping[str, str]) -> str:
    return _cells(
        f"<td>{_api_link(api.name, anchors)}</td>",
        _td(api.team or MISSING),
        _td(api.status + (f" ({api.gate})" if api.gate else "")),
        _num(api.before),
        _num(api.after),
        _delta_cell(api.before, api.after),
        _rules(api.new_rules),
        _rules(api.fixed_rules),
    )


def _trend_teams(teams: Mapping[str, tuple[float | None, float | None]]) -> Iterator[str]:
    columns = (
        Column("Team", "team"),
        Column("Mean before", "before", True),
        Column("Mean after", "after", True),
        Column("Change", "delta", True),
    )
    rows = [
        _cells(_td(_team_name(team)), _num(before), _num(after), _delta_cell(before, after))
        for team, (before, after) in teams.items()
    ]
    yield from _titled_table("Teams", "trend-teams", columns, rows)


def _trend_rules(rules: Mapping[str, tuple[int, int]]) -> Iterator[str]:
    columns = (
        Column("Rule", "rule"),
        Column("APIs breaking it before", "before", True),
        Column("After", "after", True),
        Column("Change", "delta", True),
    )
    rows = [
        _cells(
            f"<td><code>{_text(rule)}</code></td>",
            _num(before),
            _num(after),
            f"<td class=n>{after - before:+d}</td>",
        )
        for rule, (before, after) in rules.items()
        if before != after
    ]
    yield from _titled_table("Rules that more or fewer APIs break", "trend-rules", columns, rows)


# -- one section per API ----------------------------------------------------------------------


def _api_sections(report: FleetReport, anchors: Mapping[str, str]) -> Iterator[str]:
    yield '<section id="api-sections"><h2>Each API</h2>\n'
    for api in report.apis:
        yield api_section(api, anchors[api.name])
    yield "</section>\n"


def api_section(api: ApiSummary, anchor: str) -> str:
    """One API, collapsed: its score in the summary line; open, its file, subscores as SVG bars,
    hotspots and the findings the report shows, each linked to ``file:line``."""
    profile = api.profile
    score = figure(api.score.total if api.score is not None else None)
    title = f" <span class=meta>{_text(profile.title)} {_text(profile.version)}</span>"
    parts = [
        f'<details class=api id="{anchor}"><summary><b>{_text(api.name)}</b>{title} '
        f"— score <b>{score}</b> · {_text(_team_name(api.team))}</summary>\n",
        f"<p class=meta><code>{_text(profile.file)}</code>: "
        f"{plural(profile.operations, 'operation')}, {plural(profile.findings, 'finding')}</p>\n",
    ]
    if profile.error is not None:
        parts.append(f"<p class=no>Could not be linted: {_text(profile.error)}</p>\n")
    if api.score is not None:
        parts.append(area_bars(api.score.areas))
    parts.extend(_hotspots(api, f"{anchor}-hotspots"))
    parts.extend(_findings(profile.shown, profile.findings, f"{anchor}-findings"))
    parts.append("</details>\n")
    return "".join(parts)


def area_bars(areas: Mapping[str, float | None]) -> str:
    """An API's subscores as an SVG chart: one labelled bar per area (a grey track alone and
    ``–`` where the area had nothing to judge). Written compactly (labels, bars and values each
    in their own column, positioned by ``y`` alone): a fleet's page holds one per API."""
    row, track = 18, 200
    labels, bars, values = [], [], []
    for index, area in enumerate(SCORE_AREAS):
        value = areas.get(area)
        y = index * row
        filled = 0.0 if value is None else round(track * max(0.0, min(value, 100.0)) / 100, 1)
        labels.append(f'<text y="{y + 12}">{_text(area)}</text>')
        bars.append(
            f'<rect class=t y="{y + 3}" width="{track}" height="11"/>'
            f'<rect class=b y="{y + 3}" width="{filled:g}" height="11"/>'
        )
        values.append(f'<text y="{y + 12}">{figure(value)}</text>')
    return (
        f'<svg class=areas width="{100 + track + 50}" height="{row * len(SCORE_AREAS)}" role=img>'
        f"<title>Subscores per area</title>{''.join(labels)}"
        f'<svg x="100">{"".join(bars)}</svg><svg x="{100 + track + 6}">{"".join(values)}</svg>'
        "</svg>\n"
    )


def _hotspots(api: ApiSummary, table_id: str) -> Iterator[str]:
    if not api.hotspots:
        return
    yield f'<h3>Hotspots</h3>\n<table id="{table_id}"><thead><tr>'
    yield "<th>Fix every finding of</th><th>Area</th>"
    yield "<th class=n>Findings</th><th class=n>Score gain</th><th>For example</th></tr></thead>"
    yield "<tbody>\n"
    for spot in api.hotspots:
        yield _cells(
            f"<td><code>{_text(spot.rule)}</code></td>",
            _td(spot.area),
            _num(spot.findings),
            f"<td class=n>{spot.gain:+.1f}</td>",
            _td(spot.example),
        )
    yield "</tbody></table>\n"


def _findings(shown: Sequence[ShownFinding], total: int, table_id: str) -> Iterator[str]:
    if not shown:
        return
    more = f" (the first {len(shown)} of {total})" if total > len(shown) else ""
    yield f"<h3>Findings{more}</h3>\n"
    yield (
        f'<table id="{table_id}"><thead><tr><th>Severity</th><th>Rule</th><th>Where</th>'
        "<th>Message</th></tr></thead><tbody>\n"
    )
    for finding in shown:
        yield finding_row(finding)
    yield "</tbody></table>\n"


def finding_row(finding: ShownFinding) -> str:
    """A shown finding's row: severity, rule, ``file:line`` (a link to the file), message."""
    tone = finding.severity if finding.severity in SEVERITY_NAMES else ""
    place = _text(f"{finding.file}:{finding.line}")
    href = file_link(finding.file, finding.line)
    where = f'<a href="{_text(href)}">{place}</a>' if href else place
    return _cells(
        f"<td class={tone}>{_text(finding.severity)}</td>" if tone else _td(finding.severity),
        f"<td><code>{_text(finding.rule)}</code></td>",
        f"<td>{where}</td>",
        _td(finding.message),
    )
