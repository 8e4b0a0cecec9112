"""GitLab Code Quality report: a JSON array of issues, for ``artifacts:reports:codequality``.

Each issue has the fields GitLab reads (its "Code Quality report format", a subset of the Code
Climate spec): ``description``, ``check_name`` (the rule id), ``fingerprint``, ``severity``
(error -> ``major``, warn -> ``minor``, info and hint -> ``info``) and ``location`` (``path``
with forward slashes, ``lines.begin``). The fingerprint is the finding's line-free fingerprint,
so an issue keeps its identity in merge requests when lines move; GitLab keeps one issue per
fingerprint, so a fingerprint that repeats in a report is made unique by its occurrence number.
A file that could not be linted is a ``load-error`` issue (``major``): the format has no other
place for it, and a report without it would read as clean.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from itertools import chain, islice
from typing import Any

from apilint.lint.findings import Finding, LoadProblem, Report, Severity

SEVERITIES = {
    Severity.ERROR: "major",
    Severity.WARN: "minor",
    Severity.INFO: "info",
    Severity.HINT: "info",
}
LOAD_ERROR = "load-error"


def _digest(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()[:32]


def _path(file: str) -> str:
    return file.replace(os.sep, "/") if os.sep != "/" else file


def _issue(
    check: str, description: str, fingerprint: str, severity: str, file: str, line: int
) -> dict[str, Any]:
    return {
        "description": description,
        "check_name": check,
        "fingerprint": fingerprint,
        "severity": severity,
        "location": {"path": _path(file), "lines": {"begin": max(line, 1)}},
    }


def _finding_issue(finding: Finding) -> dict[str, Any]:
    if finding.identity is not None:
        fingerprint = finding.identity.digest
    else:
        fingerprint = _digest(finding.rule, finding.file, finding.pointer, finding.message)
    description = finding.full_message
    severity = SEVERITIES[finding.severity]
    return _issue(finding.rule, description, fingerprint, severity, finding.file, finding.line)


def _problem_issue(problem: LoadProblem) -> dict[str, Any]:
    fingerprint = _digest(LOAD_ERROR, problem.file, problem.message)
    description = f"cannot lint: {problem.message}"
    return _issue(LOAD_ERROR, description, fingerprint, "major", problem.file, problem.line or 1)


def _issues(report: Report) -> Iterator[dict[str, Any]]:
    """Load problems first, then findings in report order; a repeated fingerprint is made
    unique: the n-th repeat of one gets a digest of it and n."""
    seen: dict[str, int] = {}
    problems = (_problem_issue(problem) for problem in report.errors)
    for issue in chain(problems, map(_finding_issue, report.findings)):
        fingerprint = issue["fingerprint"]
        count = seen.get(fingerprint, 0)
        seen[fingerprint] = count + 1
        if count:
            issue["fingerprint"] = _digest(fingerprint, str(count))
        yield issue


def gitlab_issues(report: Report) -> list[dict[str, Any]]:
    """The report as Code Quality issues: load problems first, then findings in report order."""
    return list(_issues(report))


def render(report: Report, colour: bool = False) -> str:
    return "".join(chunks(report, colour))


def chunks(report: Report, colour: bool = False) -> Iterator[str]:
    """The report as a GitLab Code Quality JSON array, indented, a thousand issues at a time
    (``colour`` is ignored). With ``indent``, ``json`` encodes in Python and each call leaves
    a reference cycle behind, which the command, running without the cyclic collector, would
    keep: one call per issue kept 440 MB on a spec with 200,000 findings."""
    issues = _issues(report)
    first = True
    while batch := list(islice(issues, 1000)):
        text = json.dumps(batch, indent=2, ensure_ascii=False)
        yield f"{'[' if first else ','}\n{text[2:-2]}"  # without the batch's own brackets
        first = False
    yield "[]\n" if first else "\n]\n"
