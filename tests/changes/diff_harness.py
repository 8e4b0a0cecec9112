"""Diff fixtures: a folder per change kind with ``old.yaml`` and ``new.yaml`` (or folders
``old/`` and ``new/`` holding a multi-file spec each, root ``openapi.yaml``).

Expected changes are comments on the lines the change points at, in both specs::

    old.yaml:       email: {type: string}       # old: response-property-removed /components/...
    new.yaml:     properties:                   # new: response-property-removed breaking /comp...

The k-th ``old:`` and the k-th ``new:`` comment of one change id make one expected change.
Diff settings go in a comment of ``new.yaml``: ``# options: {"version-policy": "major"}``;
without one, fixtures run with ``version-policy: none`` so each shows its own change alone.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from apilint.changes import diff_specs
from apilint.changes.model import DiffReport

_COMMENT = re.compile(r"#\s*(old|new):\s*([a-z0-9-]+)\s+(?:(breaking|warning|info)\s+)?(\S+)")
_OPTIONS = re.compile(r"#\s*options:\s*(\{.*\})\s*$", re.MULTILINE)

Expected = tuple[str, str, str, int, str, str, int, str]


def side(fixture: Path, which: str) -> Path:
    folder = fixture / which
    return folder / "openapi.yaml" if folder.is_dir() else fixture / f"{which}.yaml"


def _files(fixture: Path, which: str) -> list[Path]:
    folder = fixture / which
    if folder.is_dir():
        return sorted(p for p in folder.rglob("*") if p.suffix in (".yaml", ".yml", ".json"))
    return [fixture / f"{which}.yaml"]


def _comments(fixture: Path, which: str) -> dict[str, list[tuple[str | None, str, int, str]]]:
    found: dict[str, list[tuple[str | None, str, int, str]]] = {}
    for file in _files(fixture, which):
        relative = file.relative_to(fixture).as_posix()
        for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), start=1):
            for kind, change_id, level, pointer in _COMMENT.findall(line):
                if kind != which:
                    continue
                pointer = "" if pointer == '""' else pointer
                found.setdefault(change_id, []).append((level or None, relative, number, pointer))
    return found


def expected_changes(fixture: Path) -> set[Expected]:
    old, new = _comments(fixture, "old"), _comments(fixture, "new")
    if set(old) != set(new) or any(len(old[k]) != len(new[k]) for k in old):
        raise AssertionError(f"{fixture}: old: and new: comments do not pair up by change id")
    expected = set()
    for change_id, places in new.items():
        for (_, old_file, old_line, old_pointer), (level, new_file, new_line, new_pointer) in zip(
            old[change_id], places, strict=True
        ):
            if level is None:
                raise AssertionError(f"{fixture}: new: {change_id} names no level")
            expected.add(
                (change_id, level, old_file, old_line, old_pointer, new_file, new_line, new_pointer)
            )
    return expected


def fixture_options(fixture: Path) -> dict[str, Any]:
    match = _OPTIONS.search(side(fixture, "new").read_text(encoding="utf-8"))
    options = {"version-policy": "none"}
    options.update(json.loads(match.group(1)) if match else {})
    return options


def run_fixture(fixture: Path) -> DiffReport:
    from apilint.lint.config import build_config

    config = build_config({"diff": fixture_options(fixture)}, where=str(fixture))
    return diff_specs(str(side(fixture, "old")), str(side(fixture, "new")), config)


def actual_changes(fixture: Path) -> set[Expected]:
    report = run_fixture(fixture)
    if report.errors:
        raise AssertionError(f"fixture did not load: {report.errors[0]}")
    base = fixture.resolve()

    def relative(file: str) -> str:
        return Path(file).resolve().relative_to(base).as_posix()

    return {
        (
            c.id,
            c.level,
            relative(c.old.file),
            c.old.line,
            c.old.pointer,
            relative(c.new.file),
            c.new.line,
            c.new.pointer,
        )
        for c in report.changes
    }


def assert_fixture(fixture: Path) -> None:
    expected, actual = expected_changes(fixture), actual_changes(fixture)
    if expected != actual:
        missing = "\n".join(f"  missing:    {e}" for e in sorted(expected - actual))
        extra = "\n".join(f"  unexpected: {e}" for e in sorted(actual - expected))
        raise AssertionError(f"{fixture.name}:\n{missing}\n{extra}".rstrip())
