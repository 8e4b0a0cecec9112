"""Checkstyle XML, read by Jenkins (warnings-ng), reviewdog, SonarQube and many editors.

``<checkstyle version="4.3">`` holds a ``<file>`` per file (every linted file, even a clean
one, and each ``$ref``'d file with findings), in path order; in it an ``<error>`` per load
problem (``source="apilint.load"``, no line when the problem has none) and per finding
(``source="apilint.RULE"``). Severities: error, warning, and info for info and hint.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from apilint.findings import Finding, LoadProblem, Report, Severity
from apilint.reporters._xml import clean, document

_SEVERITIES = {
    Severity.ERROR: "error",
    Severity.WARN: "warning",
    Severity.INFO: "info",
    Severity.HINT: "info",
}


def _finding(parent: ET.Element, finding: Finding) -> None:
    message = finding.message
    if finding.previous is not None:
        message += f" (was {finding.previous})"
    ET.SubElement(
        parent,
        "error",
        line=str(finding.line),
        column=str(finding.column),
        severity=_SEVERITIES[finding.severity],
        message=clean(message),
        source=clean(f"apilint.{finding.rule}"),
    )


def _problem(parent: ET.Element, problem: LoadProblem) -> None:
    error = ET.SubElement(parent, "error")
    if problem.line is not None:
        error.set("line", str(problem.line))
        if problem.column is not None:
            error.set("column", str(problem.column))
    error.set("severity", "error")
    error.set("message", clean(problem.message))
    error.set("source", "apilint.load")


def render(report: Report, colour: bool = False) -> str:
    grouped = report.by_file()
    problems: dict[str, list[LoadProblem]] = {}
    for problem in report.errors:
        problems.setdefault(problem.file, []).append(problem)
    root = ET.Element("checkstyle", version="4.3")
    for file in sorted(set(report.files) | grouped.keys() | problems.keys()):
        element = ET.SubElement(root, "file", name=clean(file))
        for problem in problems.get(file, []):
            _problem(element, problem)
        for finding in grouped.get(file, []):
            _finding(element, finding)
    return document(root)
