"""Every change kind against its fixture pair: exact id, level and both places."""

from __future__ import annotations

from pathlib import Path

import pytest
from diff_harness import assert_fixture, expected_changes

from apilint.changes.kinds import CONTEXTS, KINDS, OTHER_CHANGES, SCHEMA_CHANGES

FIXTURES = Path(__file__).parent / "fixtures"
#: kinds only a git revision can show, tested in test_diff.py with a real repository
GIT_ONLY = {"spec-added", "spec-removed"}
ALL = sorted(p for p in FIXTURES.iterdir() if p.is_dir())


@pytest.mark.parametrize("fixture", ALL, ids=[p.name for p in ALL])
def test_fixture(fixture: Path) -> None:
    assert_fixture(fixture)


def _covered() -> set[str]:
    return {expected[0] for fixture in ALL for expected in expected_changes(fixture)}


def test_every_change_kind_has_a_fixture() -> None:
    """Each non-schema kind is expected somewhere; each schema change is expected in a
    context where clients send it and in one where they receive it (both its levels)."""
    covered = _covered()
    assert not covered - set(KINDS), "fixtures expect unknown change ids"
    missing = [kind_id for kind_id, _, _ in OTHER_CHANGES if kind_id not in covered | GIT_ONLY]
    for suffix, *_ in SCHEMA_CHANGES:
        for direction in ("request", "response"):
            prefixes = [prefix for prefix, _, d in CONTEXTS if d == direction]
            if not any(f"{prefix}-{suffix}" in covered for prefix in prefixes):
                missing.append(f"{direction} *-{suffix}")
    assert not missing, f"no fixture expects: {', '.join(missing)}"
