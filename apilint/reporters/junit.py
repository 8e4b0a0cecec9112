"""JUnit XML, for CI systems that show test results (GitLab, Jenkins, Azure, CircleCI).

One ``<testsuite>`` per file, one ``<testcase>`` per rule (``classname`` the file, ``name``
the rule id) and a ``<failure>`` for each rule with findings in that file, listing them as
``line:col severity message (pointer)``; ``type`` is the highest severity among them. A linted
file has a test case for every rule that ran; a ``$ref``'d file only for the rules with
findings in it. A file that could not be linted has one ``load`` test case with an
``<error>``.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from apilint.findings import Finding, LoadProblem, Report
from apilint.reporters._xml import clean, document


def _listing(finding: Finding) -> str:
    line = (
        f"{finding.line}:{finding.column} {finding.severity.label} {finding.message}"
        f" ({finding.pointer})"
    )
    if finding.previous is not None:
        line += f" (was {finding.previous})"
    return line


def _failure(case: ET.Element, findings: list[Finding]) -> None:
    listing = clean("\n".join(_listing(finding) for finding in findings))
    worst = max(finding.severity for finding in findings)
    failure = ET.SubElement(case, "failure", message=listing, type=worst.label)
    failure.text = listing


def _error(case: ET.Element, problem: LoadProblem) -> None:
    error = ET.SubElement(case, "error", message=clean(problem.message), type="load")
    error.text = clean(str(problem))


def render(report: Report, colour: bool = False) -> str:
    ran = [info.id for info in report.rules]
    grouped = report.by_file()
    problems: dict[str, list[LoadProblem]] = {}
    for problem in report.errors:
        problems.setdefault(problem.file, []).append(problem)
    linted = set(report.files)
    root = ET.Element("testsuites", name="apilint")
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for file in sorted(linted | grouped.keys() | problems.keys()):
        by_rule: dict[str, list[Finding]] = {}
        for finding in grouped.get(file, []):
            by_rule.setdefault(finding.rule, []).append(finding)
        rules = sorted(set(ran) | by_rule.keys()) if file in linted else sorted(by_rule)
        suite = ET.SubElement(root, "testsuite", name=clean(file))
        counts = {"tests": 0, "failures": 0, "errors": 0}
        for problem in problems.get(file, []):
            _error(ET.SubElement(suite, "testcase", classname=clean(file), name="load"), problem)
            counts["tests"] += 1
            counts["errors"] += 1
        for rule in rules:
            case = ET.SubElement(suite, "testcase", classname=clean(file), name=clean(rule))
            counts["tests"] += 1
            if rule in by_rule:
                _failure(case, by_rule[rule])
                counts["failures"] += 1
        for key, value in counts.items():
            suite.set(key, str(value))
            totals[key] += value
    for key, value in totals.items():
        root.set(key, str(value))
    return document(root)
