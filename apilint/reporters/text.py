"""Human-readable output: one line per finding, grouped by file, then a summary line."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import click

from apilint.analysis.coverage import summary_line
from apilint.lint.findings import Report, Severity

_COLOURS = {
    Severity.ERROR: "red",
    Severity.WARN: "yellow",
    Severity.INFO: "blue",
    Severity.HINT: "white",
}


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def summary(report: Report) -> str:
    counts = report.counts()
    parts = [plural(counts[name], name if name != "warn" else "warning") for name in counts]
    files = plural(len(report.files), "file")
    line = f"{plural(len(report.findings), 'problem')} ({', '.join(parts)}) in {files}"
    if report.errors:
        line += f"; {plural(len(report.errors), 'file')} could not be linted"
    return line


def _styler(colour: bool) -> Callable[..., str]:
    def style(text: str, **kwargs: object) -> str:
        return click.style(text, **kwargs) if colour else text  # type: ignore[arg-type]

    return style


def render(report: Report, colour: bool = False, closing: str | None = None) -> str:
    """The whole rendering as one string (see :func:`chunks`)."""
    return "".join(chunks(report, colour, closing))


def chunks(report: Report, colour: bool = False, closing: str | None = None) -> Iterator[str]:
    """Load problems, then findings by file, then each coverage figure and a summary line
    (``closing`` replaces the summary: ``apilint diff`` counts changes instead); line by
    line, so a large report is never one string."""
    style = _styler(colour)
    for problem in report.errors:
        yield style(f"{problem}", fg="red", bold=True) + "\n"
    if report.errors and report.findings:
        yield "\n"
    for index, (file, findings) in enumerate(report.by_file().items()):
        if index:
            yield "\n"
        for finding in findings:
            where = f"{file}:{finding.line}:{finding.column}"
            severity = style(f"{finding.severity.label:<5}", fg=_COLOURS[finding.severity])
            line = f"{where}  {severity}  {style(finding.rule, dim=True)}  {finding.message}"
            if finding.previous is not None:
                line += style(f"  (was {finding.previous})", dim=True)
            if finding.related:
                line += style(f"  ({finding.elsewhere()})", dim=True)
            yield line + "\n"
    if report.errors or report.findings:
        yield "\n"
    for file, figure in report.coverage.items():
        yield f"{file}: {summary_line(figure)}\n"
    yield style(closing if closing is not None else summary(report), bold=True) + "\n"
