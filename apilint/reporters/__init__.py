"""Output formats: each module renders a :class:`~apilint.lint.findings.Report` to text."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from apilint.lint.findings import Report, Severity
from apilint.reporters import checkstyle, github, gitlab, json, junit, markdown, sarif, text

Renderer = Callable[[Report, bool], str]

FORMATS: dict[str, Renderer] = {
    "text": text.render,
    "json": json.render,
    "sarif": sarif.render,
    "junit": junit.render,
    "github": github.render,
    "gitlab": gitlab.render,
    "checkstyle": checkstyle.render,
    "markdown": markdown.render,
}

#: Formats rendered piece by piece: a report of 200,000 findings is never one string.
STREAMED: dict[str, Callable[[Report, bool], Iterable[str]]] = {
    "text": text.chunks,
    "json": json.chunks,
    "sarif": sarif.chunks,
    "github": github.chunks,
    "gitlab": gitlab.chunks,
    "junit": junit.chunks,
    "checkstyle": checkstyle.chunks,
}


@dataclass(frozen=True)
class Display:
    """How much of a report a rendering shows; the report, and so the exit code, is the same.

    ``severity``: findings below it are left out (the text summary still counts them and says
    how many were not shown); ``coverage``: text prints each spec's documentation coverage
    line; ``doc_links``: text lines end with the rule's documentation link; ``statistics``:
    text adds the number of findings per rule and severity after them; ``max_annotations``:
    the ``github`` format annotates at most this many findings of each level (None: all),
    listing the others as plain log lines with one closing notice."""

    severity: Severity = Severity.HINT
    coverage: bool = True
    doc_links: bool = False
    statistics: bool = False
    max_annotations: int | None = None


def shown_only(report: Report, severity: Severity) -> Report:
    """The report with only the findings at least as severe as ``severity``."""
    if severity <= Severity.HINT:
        return report
    kept = tuple(finding for finding in report.findings if finding.severity >= severity)
    return dataclasses.replace(report, findings=kept)


def rendering_chunks(
    name: str, report: Report, colour: bool, display: Display | None = None
) -> Iterable[str]:
    """The rendering of ``report`` in format ``name``, in pieces to be written in order."""
    display = display or Display()
    if name == "text":
        return text.chunks(
            report,
            colour,
            shown=display.severity,
            coverage=display.coverage,
            doc_links=display.doc_links,
            statistics=display.statistics,
        )
    report = shown_only(report, display.severity)
    if name == "github":
        return github.chunks(report, colour, max_annotations=display.max_annotations)
    streamed = STREAMED.get(name)
    return streamed(report, colour) if streamed else (FORMATS[name](report, colour),)
