"""Checkstyle XML, read by Jenkins (warnings-ng), reviewdog, SonarQube and many editors.

``<checkstyle version="4.3">`` holds a ``<file>`` per file (every linted file, even a clean
one, and each ``$ref``'d file with findings), in path order; in it an ``<error>`` per load
problem (``source="apilint.load"``, no line when the problem has none) and per finding
(``source="apilint.RULE"``). Severities: error, warning, and info for info and hint.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator

from apilint.lint.findings import Finding, LoadProblem, Report, Severity
from apilint.reporters._xml import clean, document_chunks

_SEVERITIES = {
    Severity.ERROR: "error",
    Severity.WARN: "warning",
    Severity.INFO: "info",
    Severity.HINT: "info",
}


def _finding(finding: Finding) -> ET.Element:
    message = finding.full_message
    return ET.Element(
        "error",
        line=str(finding.line),
        column=str(finding.column),
        severity=_SEVERITIES[finding.severity],
        message=clean(message),
        source=clean(f"apilint.{finding.rule}"),
    )


def _problem(problem: LoadProblem) -> ET.Element:
    error = ET.Element("error")
    if problem.line is not None:
        error.set("line", str(problem.line))
        if problem.column is not None:
            error.set("column", str(problem.column))
    error.set("severity", "error")
    error.set("message", clean(problem.message))
    error.set("source", "apilint.load")
    return error


def render(report: Report, colour: bool = False) -> str:
    return "".join(chunks(report, colour))


def chunks(report: Report, colour: bool = False) -> Iterator[str]:
    """The Checkstyle document, an error at a time (``colour`` is ignored)."""
    grouped = report.by_file()
    problems: dict[str, list[LoadProblem]] = {}
    for problem in report.errors:
        problems.setdefault(problem.file, []).append(problem)

    def errors(file: str) -> Iterator[ET.Element]:
        yield from map(_problem, problems.get(file, []))
        yield from map(_finding, grouped.get(file, []))

    files = sorted(set(report.files) | grouped.keys() | problems.keys())
    return document_chunks(
        (
            ET.Element("checkstyle", version="4.3"),
            ((ET.Element("file", name=clean(file)), errors(file)) for file in files),
        )
    )
