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
from collections.abc import Iterator

from apilint.lint.findings import Finding, LoadProblem, Report
from apilint.reporters._xml import clean, document_chunks


def _listing(finding: Finding) -> str:
    line = f"{finding.line}:{finding.column} {finding.severity.label} {finding.message}"
    line += f" ({finding.pointer})"
    if finding.previous is not None:
        line += f" (was {finding.previous})"
    if finding.related:
        line += f" ({finding.elsewhere()})"
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
    return "".join(chunks(report, colour))


def chunks(report: Report, colour: bool = False) -> Iterator[str]:
    """The JUnit document, a test case at a time (``colour`` is ignored). The counts come
    first, on the suites and the root, so they are worked out before anything is written."""
    ran = [info.id for info in report.rules]
    grouped = report.by_file()
    problems: dict[str, list[LoadProblem]] = {}
    for problem in report.errors:
        problems.setdefault(problem.file, []).append(problem)
    linted = set(report.files)
    root = ET.Element("testsuites", name="apilint")
    totals = {"tests": 0, "failures": 0, "errors": 0}
    suites: list[tuple[ET.Element, Iterator[ET.Element]]] = []
    for file in sorted(linted | grouped.keys() | problems.keys()):
        by_rule: dict[str, list[Finding]] = {}
        for finding in grouped.get(file, []):
            by_rule.setdefault(finding.rule, []).append(finding)
        rules = sorted(set(ran) | by_rule.keys()) if file in linted else sorted(by_rule)
        suite = ET.Element("testsuite", name=clean(file))
        failing = sum(rule in by_rule for rule in rules)
        errors = len(problems.get(file, []))
        counts = {"tests": errors + len(rules), "failures": failing, "errors": errors}
        for key, value in counts.items():
            suite.set(key, str(value))
            totals[key] += value
        suites.append((suite, _cases(file, problems.get(file, []), rules, by_rule)))
    for key, value in totals.items():
        root.set(key, str(value))
    return document_chunks((root, suites))


def _cases(
    file: str, problems: list[LoadProblem], rules: list[str], by_rule: dict[str, list[Finding]]
) -> Iterator[ET.Element]:
    """A file's test cases: one per load problem, then one per rule."""
    for problem in problems:
        case = ET.Element("testcase", classname=clean(file), name="load")
        _error(case, problem)
        yield case
    for rule in rules:
        case = ET.Element("testcase", classname=clean(file), name=clean(rule))
        if rule in by_rule:
            _failure(case, by_rule[rule])
        yield case
