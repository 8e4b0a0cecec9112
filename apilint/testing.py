"""Helpers for testing rules (apilint's own and third parties') against fixture specs.

A fixture is a spec file, or a folder whose ``openapi.yaml`` is the root of a multi-file spec.
Expected findings are written in the fixture itself, as comments on the offending line::

    paths:
      /Users:  # expect: path-segment-casing /paths/~1Users

Another place of the same defect (one rule, one message: the engine reports it once, at its
first place, and lists the others as related places) is written ``# also: rule-id /pointer``.

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
from apilint.model.refs import get
from apilint.source.loader import load_file
from apilint.source.pointer import parents

_EXPECT = re.compile(r"(expect|also):\s*([a-z0-9-]+)\s+(\S*)")
_OPTIONS = re.compile(r"#\s*options:\s*(\{.*\})\s*$", re.MULTILINE)
_PLUGINS = re.compile(r"#\s*plugins:\s*(\[.*\])\s*$", re.MULTILINE)


@dataclass(frozen=True, order=True)
class Expected:
    """One expected finding: the file (relative to the fixture), line, rule and pointer;
    ``also``: a related place of a finding rather than a finding."""

    file: str
    line: int
    rule: str
    pointer: str
    also: bool = False


def fixture_root(fixture: Path) -> Path:
    """The root spec of a fixture: the file itself, or ``openapi.yaml`` in a fixture folder."""
    return fixture / "openapi.yaml" if fixture.is_dir() else fixture


def _files(fixture: Path) -> list[Path]:
    if fixture.is_dir():
        return sorted(p for p in fixture.rglob("*") if p.suffix in (".yaml", ".yml", ".json"))
    return [fixture]


def expected_findings(fixture: Path) -> set[Expected]:
    """Every ``# expect: rule-id /pointer`` and ``# also: ...`` comment in the fixture's files."""
    base = fixture if fixture.is_dir() else fixture.parent
    found = set()
    for file in _files(fixture):
        relative = file.relative_to(base).as_posix()
        for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), start=1):
            if "#" not in line:
                continue
            comment = line[line.index(" #") + 2 :] if " #" in line else line
            for kind, rule_id, pointer in _EXPECT.findall(comment):
                pointer = "" if pointer == '""' else pointer
                found.add(Expected(relative, number, rule_id, pointer, kind == "also"))
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

    def relative(file: str) -> str:
        return Path(os.path.abspath(file)).resolve().relative_to(base).as_posix()

    for finding in report.findings:
        found.add(Expected(relative(finding.file), finding.line, finding.rule, finding.pointer))
        for place in finding.related:
            found.add(Expected(relative(place.file), place.line, finding.rule, place.pointer, True))
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


# -- a rule's documented example, taken from its fixtures -------------------------------------

#: The most lines of a node an example shows below the line that names it.
EXAMPLE_LINES = 10
#: The longest line an example keeps whole (docstrings indent it by 12 in 100 columns).
EXAMPLE_WIDTH = 88


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _is_content(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


def _without_expect(line: str) -> str:
    line = re.sub(r"\s*#\s*expect:.*$", "", line).rstrip()
    if len(line) > EXAMPLE_WIDTH:
        line = line[: line.rfind(" ", 0, EXAMPLE_WIDTH - 4)] + " ..."
    return line


def excerpt(text: str, line: int) -> str:
    """The lines of ``text`` that show the node written at ``line`` (1-based): the lines of
    its ancestors, then the node with up to :data:`EXAMPLE_LINES` lines below it; ``expect``
    comments left out."""
    lines = text.splitlines()
    at = line - 1
    while at < len(lines) and not _is_content(lines[at]):
        at += 1  # the root (line 1) may start with comments
    if at >= len(lines):
        return ""
    own = _indent(lines[at])
    body = [lines[at]]
    for below in lines[at + 1 :]:
        # the node ends at a line indented less, or as much unless it is a list item of the
        # node's; at the root (line 1) every line belongs to it
        if _is_content(below) and (
            _indent(below) < own
            or (_indent(below) == own and (line > 1 or below.lstrip().startswith("- ")))
        ):
            break
        body.append(below)
    while body and not _is_content(body[-1]):
        body.pop()
    if len(body) > EXAMPLE_LINES + 1:
        body = [*body[: EXAMPLE_LINES + 1], " " * (_indent(body[EXAMPLE_LINES]) or own) + "# ..."]
    ancestors: list[str] = []
    limit, item = own, lines[at].lstrip().startswith("- ")
    for above in reversed(lines[:at]):
        if not _is_content(above) or above.lstrip().startswith("# "):
            continue
        depth = _indent(above)
        if depth < limit or (item and depth == limit and not above.lstrip().startswith("- ")):
            ancestors.append(above)
            limit, item = depth, above.lstrip().startswith("- ")
            if depth == 0:
                break
    kept = [_without_expect(x) for x in [*reversed(ancestors), *body]]
    return "\n".join(x for x in kept if x.strip() and not x.lstrip().startswith("# options:"))


def _example_fixture(folder: Path, kind: str) -> Path | None:
    """The fixture an example is taken from: ``bad.yaml`` (or ``.yml``, ``.json``), else the
    first file whose name starts with ``kind``, else the first such folder."""
    for preferred in (f"{kind}.yaml", f"{kind}.yml", f"{kind}.json"):
        if (folder / preferred).exists():
            return folder / preferred
    cases = sorted(p for p in folder.iterdir() if p.name.startswith(kind))
    return min(cases, key=lambda p: not p.is_file(), default=None)  # stable: files first


def _existing(data: Any, pointer: str) -> str:
    """``pointer`` if ``data`` has a node there, else its nearest ancestor that exists."""
    for candidate in parents(pointer):
        try:
            get(data, candidate)
        except KeyError:
            continue
        return candidate
    return ""


def fixture_example(rule_id: str, folder: str | Path) -> tuple[str, str] | None:
    """A bad and a good excerpt for a rule's documentation, from the fixtures in ``folder``:
    the first node the bad fixture expects a finding on, and the node at the same pointer (or
    its nearest ancestor) in the good fixture; where the two read the same (the fix is beside
    the node), their parents, up to three levels. None without both fixtures."""
    folder = Path(folder)
    bad, good = _example_fixture(folder, "bad"), _example_fixture(folder, "good")
    if bad is None or good is None:
        return None
    expected = sorted(e for e in expected_findings(bad) if e.rule == rule_id)
    if not expected:
        return None
    first = expected[0]
    bad_file = bad if bad.is_file() else bad / first.file
    good_file = fixture_root(good)
    if bad.is_dir() and (good / first.file).is_file():
        good_file = good / first.file
    bad_loaded, good_loaded = load_file(bad_file), load_file(good_file)
    bad_text, good_text = (
        bad_file.read_text(encoding="utf-8"),
        good_file.read_text(encoding="utf-8"),
    )
    pointer, line = first.pointer, first.line
    for _ in range(4):
        good_line, _ = good_loaded.positions.locate(_existing(good_loaded.data, pointer))
        shown = excerpt(bad_text, line), excerpt(good_text, good_line)
        if shown[0] != shown[1] or not pointer:
            break
        pointer = parents(pointer)[1]
        line, _ = bad_loaded.positions.locate(pointer)
    return shown
