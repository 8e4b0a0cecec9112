"""Human-readable output: one line per finding, grouped by file, then a summary line."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator

import click

from apilint.analysis.coverage import summary_line
from apilint.lint.findings import Finding, Report, Severity

_COLOURS = {
    Severity.ERROR: "red",
    Severity.WARN: "yellow",
    Severity.INFO: "blue",
    Severity.HINT: "white",
}


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def summary(report: Report, shown: Severity = Severity.HINT) -> str:
    """``10 problems (2 errors, 7 warnings, 1 info, 0 hints) in 1 file``: every finding is
    counted; those below ``shown`` (not listed) are said to be not shown."""
    counts = report.counts()
    parts = [plural(counts[name], name if name != "warn" else "warning") for name in counts]
    files = plural(len(report.files), "file")
    line = f"{plural(len(report.findings), 'problem')} ({', '.join(parts)}) in {files}"
    hidden = sum(counts[severity.label] for severity in Severity if severity < shown)
    if hidden:
        line += f"; {hidden} below {shown.label} not shown"
    if report.errors:
        unread = len({problem.file for problem in report.errors})
        line += f"; {plural(unread, 'file')} could not be linted"
    return line


def styler(colour: bool) -> Callable[..., str]:
    """``click.style`` when ``colour``, else the text as it is (the text outputs share it)."""

    def style(text: str, **kwargs: object) -> str:
        return click.style(text, **kwargs) if colour else text  # type: ignore[arg-type]

    return style


def render(
    report: Report,
    colour: bool = False,
    closing: str | None = None,
    *,
    shown: Severity = Severity.HINT,
    coverage: bool = True,
    doc_links: bool = False,
    statistics: bool = False,
) -> str:
    """The whole rendering as one string (see :func:`chunks`)."""
    options = {"coverage": coverage, "doc_links": doc_links, "statistics": statistics}
    return "".join(chunks(report, colour, closing, shown=shown, **options))


def chunks(
    report: Report,
    colour: bool = False,
    closing: str | None = None,
    *,
    shown: Severity = Severity.HINT,
    coverage: bool = True,
    doc_links: bool = False,
    statistics: bool = False,
) -> Iterator[str]:
    """Load problems, then findings by file, then each coverage figure and a summary line
    (``closing`` replaces the summary: ``apilint diff`` counts changes instead); line by
    line, so a large report is never one string.

    Only findings at least as severe as ``shown`` are listed (the summary still counts every
    finding, and says how many were not shown); ``coverage``: the coverage lines are printed;
    ``doc_links`` ends each finding's line with
    its rule's documentation link; ``statistics`` adds the table of :func:`statistics_lines`
    after the findings."""
    style = styler(colour)
    for problem in report.errors:
        yield style(f"{problem}", fg="red", bold=True) + "\n"
    links = {info.id: info.help_uri for info in report.rules} if doc_links else {}
    listed = False
    for file, findings in report.by_file().items():
        first = True  # of this file's lines: a blank line separates it from what came before
        for finding in findings:
            if finding.severity < shown:
                continue
            if first and (listed or report.errors):
                yield "\n"
            first, listed = False, True
            yield _finding_line(file, finding, style, links.get(finding.rule, ""))
    if statistics and report.findings:
        if listed or report.errors:
            yield "\n"
        yield from statistics_lines(report, colour)
        listed = True
    if report.errors or listed:
        yield "\n"
    for file, figure in report.coverage.items() if coverage else ():
        yield f"{file}: {summary_line(figure)}\n"
    yield style(closing if closing is not None else summary(report, shown), bold=True) + "\n"


def _finding_line(file: str, finding: Finding, style: Callable[..., str], link: str) -> str:
    where = f"{file}:{finding.line}:{finding.column}"
    severity = style(f"{finding.severity.label:<5}", fg=_COLOURS[finding.severity])
    line = f"{where}  {severity}  {style(finding.rule, dim=True)}  {finding.message}"
    if finding.previous is not None:
        line += style(f"  (was {finding.previous})", dim=True)
    if finding.related:
        line += style(f"  ({finding.elsewhere()})", dim=True)
    if link:
        line += "  " + style(link, dim=True)
    return line + "\n"


def statistics_lines(report: Report, colour: bool = False) -> Iterator[str]:
    """The number of findings per rule and severity, most first (then the most severe, then
    by rule id), with each rule's summary: ``   240  warn   operation-summary  ...``."""
    style = styler(colour)
    counted = Counter((finding.rule, finding.severity) for finding in report.findings)
    summaries = {info.id: info.summary for info in report.rules}
    rows = sorted(counted.items(), key=lambda row: (-row[1], -row[0][1], row[0][0]))
    count_width = len(str(max(counted.values(), default=0)))
    rule_width = max((len(rule) for rule, _ in counted), default=0)
    for (rule, severity), count in rows:
        label = style(f"{severity.label:<5}", fg=_COLOURS[severity])
        line = f"{count:>{count_width}}  {label}  {rule:<{rule_width}}  {summaries.get(rule, '')}"
        yield line.rstrip() + "\n"
