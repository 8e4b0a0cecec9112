"""One linted spec reduced to its :class:`~apilint.fleet.model.ApiProfile`.

The reduction runs where the spec was linted (a worker process sends back only the profile),
so that a fleet's report keeps nothing per finding beyond the few findings it shows.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from apilint.fleet.facts import auth_percent
from apilint.fleet.model import ApiProfile, RuleTally, ShownFinding
from apilint.lint.findings import Finding, Report, Severity

#: Findings shown per API unless the config's ``report.shown`` says otherwise.
DEFAULT_SHOWN = 20


def api_name(file: str, root: Path) -> str:
    """How the report names a spec: its path relative to ``root`` with ``/``, or as given
    when it is outside ``root``."""
    absolute = os.path.abspath(file)
    try:
        return Path(absolute).relative_to(os.path.abspath(root)).as_posix()
    except ValueError:
        return Path(file).as_posix()


@dataclass(frozen=True)
class Reducer:
    """Turns one spec's report into its profile; it pickles (it goes to worker processes)."""

    root: Path
    gate: Severity = Severity.ERROR
    shown: int = DEFAULT_SHOWN

    def __call__(self, report: Report) -> ApiProfile:
        if report.errors or not report.files:
            return self._failed(report)
        file = report.files[0]
        facts: dict[str, Any] = report.facts.get(file) or {}
        coverage = report.coverage.get(file) or {}
        return ApiProfile(
            name=api_name(file, self.root),
            file=file,
            title=facts.get("title", ""),
            version=facts.get("version", ""),
            owner=facts.get("owner"),
            operations=int(facts.get("operations", 0)),
            tallies=tallies(report.findings),
            documentation=coverage.get("overall"),
            documentation_kinds={
                kind: figure.get("percent") for kind, figure in coverage.get("kinds", {}).items()
            },
            auth_coverage=auth_percent(facts.get("auth", {})),
            passes=not any(finding.severity >= self.gate for finding in report.findings),
            shown=tuple(shown(finding) for finding in report.findings[: self.shown]),
            observations=facts.get("consistency", {}),
            failures=tuple(facts.get("failures", ())),
            checks=tuple(facts.get("checks", ())),
            rules=tuple(info.id for info in report.rules),
        )

    def _failed(self, report: Report) -> ApiProfile:
        problem = report.errors[0] if report.errors else None
        file = problem.file if problem is not None else (report.files or ("?",))[0]
        return ApiProfile(
            name=api_name(file, self.root),
            file=file,
            title="",
            version="",
            owner=None,
            operations=0,
            tallies=(),
            documentation=None,
            documentation_kinds={},
            auth_coverage=None,
            passes=False,
            shown=(),
            error=problem.message if problem is not None else "not linted",
        )


def tallies(findings: tuple[Finding, ...]) -> tuple[RuleTally, ...]:
    """Per rule (by id): its findings, their places, the highest severity, the first message."""
    by_rule: dict[str, list[Finding]] = {}
    for finding in findings:
        by_rule.setdefault(finding.rule, []).append(finding)
    return tuple(
        RuleTally(
            rule=rule,
            area=found[0].area,
            severity=max(finding.severity for finding in found).label,
            findings=len(found),
            places=sum(1 + len(finding.related) for finding in found),
            example=found[0].message,
        )
        for rule, found in sorted(by_rule.items())
    )


def shown(finding: Finding) -> ShownFinding:
    return ShownFinding(
        rule=finding.rule,
        severity=finding.severity.label,
        area=finding.area,
        message=finding.message,
        file=finding.file,
        line=finding.line,
        column=finding.column,
        pointer=finding.pointer,
    )
