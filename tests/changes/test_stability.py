"""Stability levels and the version policy's count; the fixtures show each change kind."""

from __future__ import annotations

from pathlib import Path

import pytest
from diff_harness import run_fixture

from apilint.changes.settings import diff_settings
from apilint.changes.stability import capped, stability_of
from apilint.lint.config import ConfigError, build_config

FIXTURES = Path(__file__).parent / "fixtures"
EXEMPT = {"draft": "info", "alpha": "info", "beta": "warning"}


@pytest.mark.parametrize(
    ("operation", "level"),
    [
        ({}, "stable"),
        ({"x-stability-level": "beta"}, "beta"),
        ({"x-stability-level": "Beta"}, None),
    ],
)
def test_stability_of(operation: dict[str, object], level: str | None) -> None:
    assert stability_of(operation, "x-stability-level") == level


@pytest.mark.parametrize(
    ("level", "stability", "expected"),
    [
        ("breaking", "alpha", "info"),
        ("breaking", "beta", "warning"),
        ("info", "beta", "info"),  # a cap never raises a level
        ("breaking", "stable", "breaking"),
        ("breaking", None, "breaking"),  # a change in no operation
        ("off", "draft", "off"),
    ],
)
def test_capped(level: str, stability: str | None, expected: str) -> None:
    assert capped(level, stability, EXEMPT) == expected


def test_a_config_layer_adds_to_the_default_limits() -> None:
    config = build_config({"diff": {"stability-exempt": {"beta": "info"}}})
    assert diff_settings(config)["stability-exempt"] == {**EXEMPT, "beta": "info"}


@pytest.mark.parametrize(
    "section",
    [{"stability-exempt": {"gamma": "info"}}, {"stability-exempt": {"beta": "off"}}],
)
def test_bad_stability_settings_are_config_errors(section: dict[str, object]) -> None:
    with pytest.raises(ConfigError, match="stability-exempt"):
        build_config({"diff": section})


def test_a_lowered_level_says_why() -> None:
    report = run_fixture(FIXTURES / "stability-exempt")
    messages = {c.level: c.message for c in report.changes if c.id == "parameter-removed"}
    assert messages["warning"].endswith("(in GET /previews; stability beta: at most warning)")
    assert messages["info"].endswith("(in GET /drafts; stability draft: at most info)")


def test_version_not_bumped_counts_the_breaking_changes_it_is_about() -> None:
    """Neither changes lowered by a stability level nor an invalid level (no bump makes it
    right) are among them, and the verdict itself is not counted as a change."""
    report = run_fixture(FIXTURES / "stability-level-invalid")
    verdict = next(c for c in report.changes if c.id == "version-not-bumped")
    assert verdict.message.startswith("1 breaking change without a major version bump")
    assert report.counts() == {"breaking": 2, "warning": 0, "info": 0, "uncovered": 2}


def test_unstable_changes_are_not_counted_by_the_version_policy(tmp_path: Path) -> None:
    from apilint.changes import diff_specs

    fixture = FIXTURES / "stability-exempt"
    config = build_config({"diff": {"version-policy": "major"}}, where=str(tmp_path))
    report = diff_specs(str(fixture / "old.yaml"), str(fixture / "new.yaml"), config)
    verdict = next(c for c in report.changes if c.id == "version-not-bumped")
    assert verdict.message.startswith("1 breaking change without a major version bump")
