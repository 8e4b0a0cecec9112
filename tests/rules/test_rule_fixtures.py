"""Every rule against its good and bad fixtures: exact rule ids, lines and pointers."""

from __future__ import annotations

from pathlib import Path

import pytest

from apilint.lint.config import build_config
from apilint.testing import assert_fixture, expected_findings

FIXTURES = Path(__file__).parent / "fixtures"
BUILTIN_RULES = sorted(item.id for item in build_config({"extends": []}).registry)
CASES = sorted(
    (rule_dir.name, case)
    for rule_dir in FIXTURES.iterdir()
    if rule_dir.is_dir()
    for case in sorted(rule_dir.iterdir())
    if case.name.startswith(("good", "bad"))
)


@pytest.mark.parametrize(("rule_id", "fixture"), CASES, ids=[f"{r}/{c.name}" for r, c in CASES])
def test_rule_fixture(rule_id: str, fixture: Path) -> None:
    assert_fixture(rule_id, fixture)


@pytest.mark.parametrize(("rule_id", "fixture"), CASES, ids=[f"{r}/{c.name}" for r, c in CASES])
def test_fixture_expectations_match_its_kind(rule_id: str, fixture: Path) -> None:
    """A good fixture expects nothing; a bad one expects at least one finding of its rule."""
    expected = expected_findings(fixture)
    if fixture.name.startswith("good"):
        assert expected == set()
    else:
        assert expected and {e.rule for e in expected} == {rule_id}


@pytest.mark.parametrize("rule_id", BUILTIN_RULES)
def test_every_builtin_rule_has_good_and_bad_fixtures(rule_id: str) -> None:
    names = {case.name.split(".")[0].split("-")[0] for r, case in CASES if r == rule_id}
    assert {"good", "bad"} <= names, f"{rule_id} needs good and bad fixtures in {FIXTURES}"
