"""Helpers for testing rules (apilint's own and third parties') against fixture specs.

A fixture is a spec file, or a folder whose ``openapi.yaml`` is the root of a multi-file spec.
Expected findings are written in the fixture itself, as comments on the offending line::

    paths:
      /Users:  # expect: path-segment-casing /paths/~1Users

Rule options go in a comment anywhere in the root file: ``# options: {"style": "snake"}``.
A fixture with no ``expect`` comment must produce no finding. Two lines test a rule::

    from apilint.testing import assert_fixture
    assert_fixture("path-segment-casing", "tests/fixtures/path-segment-casing/bad.yaml")
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from apilint.lint.config import build_config
from apilint.lint.engine import lint_spec
from apilint.lint.findings import Report

_EXPECT = re.compile(r"expect:\s*([a-z0-9-]+)\s+(\S*)")
_OPTIONS = re.compile(r"#\s*options:\s*(\{.*\})\s*$", re.MULTILINE)
_PLUGINS = re.compile(r"#\s*plugins:\s*(\[.*\])\s*$", re.MULTILINE)


@dataclass(frozen=True, order=True)
class Expected:
    """One expected finding: the file (relative to the fixture), line, rule and pointer."""

    file: str
    line: int
    rule: str
    pointer: str


def fixture_root(fixture: Path) -> Path:
    """The root spec of a fixture: the file itself, or ``openapi.yaml`` in a fixture folder."""
    return fixture / "openapi.yaml" if fixture.is_dir() else fixture


def _files(fixture: Path) -> list[Path]:
    if fixture.is_dir():
        return sorted(p for p in fixture.rglob("*") if p.suffix in (".yaml", ".yml", ".json"))
    return [fixture]


def expected_findings(fixture: Path) -> set[Expected]:
    """Every ``# expect: rule-id /pointer`` comment in the fixture's files."""
    base = fixture if fixture.is_dir() else fixture.parent
    found = set()
    for file in _files(fixture):
        relative = file.relative_to(base).as_posix()
        for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), start=1):
            if "#" not in line:
                continue
            comment = line[line.index(" #") + 2 :] if " #" in line else line
            for rule_id, pointer in _EXPECT.findall(comment):
                found.add(Expected(relative, number, rule_id, "" if pointer == '""' else pointer))
    return found


def fixture_options(fixture: Path) -> dict[str, Any]:
    match = _OPTIONS.search(fixture_root(fixture).read_text(encoding="utf-8"))
    return json.loads(match.group(1)) if match else {}


def lint_with_rule(
    rule_id: str,
    spec: str | Path,
    options: dict[str, Any] | None = None,
    plugins: list[str] | None = None,
) -> Report:
    """Lint a spec with one rule only, at its default severity, with the given options."""
    probe = build_config({"extends": [], "plugins": plugins or []})
    if rule_id not in probe.registry:
        raise KeyError(f"unknown rule '{rule_id}'{probe.registry.suggest(rule_id)}")
    severity = probe.registry[rule_id].severity.label
    config = build_config(
        {
            "extends": [],
            "plugins": plugins or [],
            "rules": {rule_id: {"severity": severity, "options": options or {}}},
        }
    )
    return lint_spec(Path(spec), config)


def actual_findings(rule_id: str, fixture: Path, plugins: list[str] | None = None) -> set[Expected]:
    """What the rule really reports on a fixture, in the same form as the expectations."""
    fixture = Path(fixture)
    base = (fixture if fixture.is_dir() else fixture.parent).resolve()
    report = lint_with_rule(rule_id, fixture_root(fixture), fixture_options(fixture), plugins)
    if report.errors:
        raise AssertionError(f"fixture did not load: {report.errors[0]}")
    found = set()
    for finding in report.findings:
        relative = Path(os.path.abspath(finding.file)).resolve().relative_to(base).as_posix()
        found.add(Expected(relative, finding.line, finding.rule, finding.pointer))
    return found


def assert_fixture(rule_id: str, fixture: str | Path, plugins: list[str] | None = None) -> None:
    """Assert that a rule reports exactly the findings the fixture's comments expect."""
    fixture = Path(fixture)
    expected = expected_findings(fixture)
    actual = actual_findings(rule_id, fixture, plugins)
    if expected != actual:
        missing = "\n".join(f"  missing:    {e}" for e in sorted(expected - actual))
        extra = "\n".join(f"  unexpected: {e}" for e in sorted(actual - expected))
        raise AssertionError(f"{rule_id} on {fixture}:\n{missing}\n{extra}".rstrip())
