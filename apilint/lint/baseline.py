"""Baselines: adopt apilint on an existing API without fixing every old finding first.

A baseline file records the findings of a day by their line-free identity (rule, file relative
to the project, semantic anchor, message; see :mod:`apilint.lint.fingerprints`). Linting with it
reports only findings that are not in it, and lists its entries that no longer occur, so the
baseline shrinks as people fix things. The file is sorted, indented JSON, one entry per finding,
so that a review of its changes reads like a list of fixed findings.
"""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from apilint.lint.findings import Finding, Report

DEFAULT_FILE = ".apilint-baseline.json"
FORMAT_VERSION = 1


class BaselineError(Exception):
    """A baseline file that cannot be read; ``str()`` names the file and the problem."""


@dataclass(frozen=True, order=True)
class Entry:
    """One recorded finding."""

    file: str
    rule: str
    anchor: str
    message: str
    fingerprint: str

    @classmethod
    def of(cls, finding: Finding) -> Entry:
        if finding.identity is None:  # every engine finding has one; a hand-made one may not
            raise ValueError(f"finding without an identity: {finding}")
        identity = finding.identity
        return cls(identity.path, finding.rule, identity.anchor, finding.message, identity.digest)

    def to_dict(self) -> dict[str, str]:
        return dataclasses.asdict(self)


@dataclass(frozen=True)
class Outcome:
    """A report with the baseline applied: the new findings, the ones the baseline matched,
    and the baseline entries (of the files this run linted) that no longer occur."""

    report: Report
    matched: int
    fixed: tuple[Entry, ...]


@dataclass(frozen=True)
class Baseline:
    entries: tuple[Entry, ...]

    @classmethod
    def of(cls, findings: Iterable[Finding]) -> Baseline:
        return cls(tuple(sorted(Entry.of(f) for f in findings if f.identity is not None)))

    @classmethod
    def read(cls, path: Path) -> Baseline:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except OSError as error:
            raise BaselineError(f"{path}: cannot read the baseline: {error.strerror}") from None
        except (ValueError, UnicodeDecodeError) as error:
            raise BaselineError(f"{path}: not a baseline (invalid JSON: {error})") from None
        if not (isinstance(data, dict) and isinstance(data.get("findings"), list)):
            raise BaselineError(f"{path}: not a baseline (no 'findings' list)")
        if data.get("version") != FORMAT_VERSION:
            raise BaselineError(f"{path}: baseline version {data.get('version')!r} is unknown")
        entries = []
        for index, raw in enumerate(data["findings"]):
            try:
                entries.append(Entry(**{key: str(raw[key]) for key in _FIELDS}))
            except (KeyError, TypeError):
                raise BaselineError(
                    f"{path}: findings.{index}: an entry needs {', '.join(_FIELDS)}"
                ) from None
        return cls(tuple(sorted(entries)))

    def to_json(self) -> str:
        document: dict[str, Any] = {
            "version": FORMAT_VERSION,
            "tool": "apilint",
            "findings": [entry.to_dict() for entry in self.entries],
        }
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"

    def write(self, path: Path) -> None:
        path.write_text(self.to_json(), encoding="utf-8")

    def apply(self, report: Report) -> Outcome:
        """Drop the findings the baseline records (each entry matches one finding), and find
        the entries of this run's files that matched nothing."""
        available = Counter(entry.fingerprint for entry in self.entries)
        kept: list[Finding] = []
        matched = 0
        for finding in report.findings:
            digest = finding.identity.digest if finding.identity else None
            if digest is not None and available[digest] > 0:
                available[digest] -= 1
                matched += 1
            else:
                kept.append(finding)
        in_scope = {f.identity.path for f in report.findings if f.identity is not None}
        in_scope.update(_linted_paths(report))
        fixed = []
        for entry in self.entries:
            if available[entry.fingerprint] > 0 and entry.file in in_scope:
                available[entry.fingerprint] -= 1
                fixed.append(entry)
        return Outcome(dataclasses.replace(report, findings=tuple(kept)), matched, tuple(fixed))

    def without(self, fixed: Iterable[Entry]) -> Baseline:
        """The baseline with the entries that no longer occur taken out (each once)."""
        gone = Counter(fixed)
        entries = []
        for entry in self.entries:
            if gone[entry] > 0:
                gone[entry] -= 1
            else:
                entries.append(entry)
        return Baseline(tuple(entries))


_FIELDS = ("file", "rule", "anchor", "message", "fingerprint")


def _linted_paths(report: Report) -> set[str]:
    """The root files of the run, named as entries name files."""
    from apilint.lint.fingerprints import project_path

    return {project_path(str(Path(file).absolute()), None) for file in report.files}
