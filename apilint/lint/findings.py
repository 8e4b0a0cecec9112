"""Severities, findings and the report of a lint run."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import pairwise
from operator import attrgetter
from typing import Any, NamedTuple


class Severity(enum.IntEnum):
    """How serious a finding is; ordered so that ``ERROR > WARN > INFO > HINT``."""

    HINT = 1
    INFO = 2
    WARN = 3
    ERROR = 4

    @classmethod
    def parse(cls, text: str) -> Severity:
        """Read a severity name as written in config or on the command line."""
        key = text.strip().lower()
        key = _ALIASES.get(key, key)
        try:
            return cls[key.upper()]
        except KeyError:
            raise ValueError(f"unknown severity '{text}' (use error, warn, info or hint)") from None

    @property
    def label(self) -> str:
        return self.name.lower()


_ALIASES = {"warning": "warn", "err": "error", "information": "info"}

SEVERITY_NAMES = ("error", "warn", "info", "hint")


class Place(NamedTuple):
    """A located node: file as shown, 1-based line and column, JSON pointer in that file."""

    file: str
    line: int
    column: int
    pointer: str

    def to_dict(self) -> dict[str, object]:
        return self._asdict()

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


class Identity(NamedTuple):
    """What a finding is, independent of lines (``apilint.lint.fingerprints``): the file relative to
    the project, the semantic anchor, and the fingerprint digest of both with rule and message."""

    path: str
    anchor: str
    digest: str


@dataclass(frozen=True, kw_only=True)
class RuleInfo:
    """A rule that ran, as reports describe it (SARIF's ``tool.driver.rules``)."""

    id: str
    area: str
    severity: Severity
    summary: str
    description: str
    #: where the rule's documentation is (``Rule.docs_url``); empty when it has none
    help_uri: str = ""


@dataclass(frozen=True, order=True, slots=True, kw_only=True)
class Finding:
    """One problem in one spec file, at an exact place.

    ``file`` is the path of the file where the offending node is written (a ``$ref``'d file when
    the problem is there), ``line`` and ``column`` are 1-based, ``pointer`` is the JSON pointer of
    the node inside that file. ``previous`` is where the node was in the old spec, for the
    changes ``apilint diff`` reports. ``related`` are the other places of the same defect
    (one rule, one message: a badly named property used in twelve schemas), in report order:
    one defect is one finding, at its first place.
    """

    file: str
    line: int
    column: int
    rule: str
    message: str
    pointer: str
    severity: Severity = field(compare=False)
    previous: Place | None = field(default=None, compare=False)
    identity: Identity | None = field(default=None, compare=False)
    related: tuple[Place, ...] = field(default=(), compare=False)
    #: the rule's area (``naming``...), and the root spec the finding was linted from (as
    #: ``file`` shows it): a finding in a fragment shared by two services names its service
    area: str = field(default="", compare=False)
    spec: str = field(default="", compare=False)

    def to_dict(self) -> dict[str, object]:
        found: dict[str, object] = {
            "rule": self.rule,
            "severity": self.severity.label,
            "message": self.message,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "pointer": self.pointer,
        }
        if self.previous is not None:
            found["previous"] = self.previous.to_dict()
        if self.identity is not None:
            found["fingerprint"] = self.identity.digest
        if self.related:
            found["related"] = [place.to_dict() for place in self.related]
        if self.area:
            found["area"] = self.area
        if self.spec:
            found["spec"] = self.spec
        return found

    @property
    def place(self) -> Place:
        return Place(self.file, self.line, self.column, self.pointer)

    def elsewhere(self, shown: int = 3) -> str:
        """The related places in short (``also at 40:5, common.yaml:12:3 and 9 more``);
        empty when there are none."""
        if not self.related:
            return ""
        places = [
            f"{p.line}:{p.column}" if p.file == self.file else str(p) for p in self.related[:shown]
        ]
        more = len(self.related) - shown
        if more > 0:
            return f"also at {', '.join(places)} and {more} more"
        if len(places) == 1:
            return f"also at {places[0]}"
        return f"also at {', '.join(places[:-1])} and {places[-1]}"

    @property
    def full_message(self) -> str:
        """The message with where the node was in the old spec (a change) and the defect's
        other places: for formats with a message and nothing else."""
        text = self.message
        if self.previous is not None:
            text += f" (was {self.previous})"
        if self.related:
            text += f" ({self.elsewhere()})"
        return text


#: The fields findings are ordered by in a report.
_ORDER = ("file", "line", "column", "rule", "message", "pointer")


def _sorted_once(findings: Iterable[Finding]) -> list[Finding]:
    """The findings in report order, each once. Sorted by one field at a time, last first
    (the sort is stable), and equal findings, which sort next to each other, dropped: no key
    tuple per finding and no set of them (40 MB beside 200,000 findings)."""
    ordered = list(findings)
    for name in reversed(_ORDER):
        ordered.sort(key=attrgetter(name))
    unique = [finding for finding, after in pairwise(ordered) if finding != after]
    if ordered:
        unique.append(ordered[-1])
    return unique


@dataclass(frozen=True, order=True)
class LoadProblem:
    """A file that could not be linted at all (malformed, not OpenAPI, too large, ...)."""

    file: str
    message: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.message}"

    def to_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "message": self.message,
            "line": self.line,
            "column": self.column,
        }


@dataclass(frozen=True)
class Report:
    """The outcome of linting one or more files: findings sorted deterministically, and each
    linted spec's documentation coverage (``{"overall": ..., "kinds": {...}}``, by file)."""

    findings: tuple[Finding, ...] = ()
    errors: tuple[LoadProblem, ...] = ()
    files: tuple[str, ...] = ()
    coverage: Mapping[str, Any] = field(default_factory=dict)  # by file, in file order
    rules: tuple[RuleInfo, ...] = ()  # the rules that ran, by id
    #: what an observer (:class:`apilint.lint.engine.Observer`) noted of each linted spec,
    #: by file: JSON data, only when a run asked for it (``apilint report``)
    facts: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def build(
        cls,
        findings: Iterable[Finding] = (),
        errors: Iterable[LoadProblem] = (),
        files: Iterable[str] = (),
        coverage: Mapping[str, Any] | Iterable[tuple[str, Any]] = (),
        rules: Iterable[RuleInfo] = (),
        facts: Mapping[str, Any] | None = None,
    ) -> Report:
        ordered = _sorted_once(findings)
        by_id = {info.id: info for info in rules}
        pairs = coverage.items() if isinstance(coverage, Mapping) else coverage
        return cls(
            tuple(ordered),
            tuple(sorted(set(errors))),  # each once: one bad config covers many specs
            tuple(sorted(set(files))),
            dict(sorted(pairs, key=lambda pair: pair[0])),
            tuple(by_id[key] for key in sorted(by_id)),
            dict(sorted((facts or {}).items())),
        )

    @classmethod
    def merge(cls, reports: Iterable[Report]) -> Report:
        findings: list[Finding] = []
        errors: list[LoadProblem] = []
        files: list[str] = []
        coverage: list[tuple[str, Any]] = []
        rules: list[RuleInfo] = []
        facts: dict[str, Any] = {}
        for report in reports:
            findings.extend(report.findings)
            errors.extend(report.errors)
            files.extend(report.files)
            coverage.extend(report.coverage.items())
            rules.extend(report.rules)
            facts.update(report.facts)
        return cls.build(findings, errors, files, coverage, rules, facts)

    def counts(self) -> dict[str, int]:
        """Number of findings per severity name, every severity present."""
        counts = dict.fromkeys(SEVERITY_NAMES, 0)
        for finding in self.findings:
            counts[finding.severity.label] += 1
        return counts

    def exit_code(self, fail_severity: Severity = Severity.ERROR) -> int:
        """0 clean, 1 findings at or above ``fail_severity``, 2 load errors."""
        if self.errors:
            return 2
        if any(f.severity >= fail_severity for f in self.findings):
            return 1
        return 0

    def by_file(self) -> dict[str, list[Finding]]:
        grouped: dict[str, list[Finding]] = {}
        for finding in self.findings:
            grouped.setdefault(finding.file, []).append(finding)
        return grouped
