"""The score on hand-computed cases: every expected number below is worked out from the formula
published in docs/report.md ("The score"), where an area's rule part is ``100 / (1 + 4x)`` (x:
weighted findings per operation, HALF_POINT 0.25) and the total weighs structure 30, naming
15, documentation 20, security 25, versioning 10."""

from __future__ import annotations

import pytest

from apilint.fleet.model import ApiProfile, Hotspot, RuleTally, Score
from apilint.fleet.scoring import hotspots, score, score_area

CLEAN = {
    "structure": 100.0,
    "naming": 100.0,
    "documentation": 100.0,
    "security": 100.0,
    "versioning": 100.0,
}


def tally(rule: str, area: str, severity: str, findings: int = 1) -> RuleTally:
    return RuleTally(
        rule=rule,
        area=area,
        severity=severity,
        findings=findings,
        places=findings,
        example=f"{rule} example",
    )


def profile(
    operations: int = 10,
    tallies: tuple[RuleTally, ...] = (),
    documentation: float | None = None,
    auth_coverage: float | None = None,
    error: str | None = None,
) -> ApiProfile:
    return ApiProfile(
        name="orders.yaml",
        file="specs/orders.yaml",
        title="Orders",
        version="1.0.0",
        owner=None,
        operations=operations,
        tallies=tallies,
        documentation=documentation,
        documentation_kinds={},
        auth_coverage=auth_coverage,
        passes=not tallies,
        shown=(),
        error=error,
    )


def test_a_clean_api_scores_100() -> None:
    assert score(profile()) == Score(total=100.0, areas=CLEAN)
    assert score(profile(documentation=100.0, auth_coverage=100.0)) == Score(
        total=100.0, areas=CLEAN
    )


def test_one_error_in_a_10_operation_api() -> None:
    # x = 1.0 * 1 / 10 = 0.1; structure = 100 / 1.4 = 71.43; total = 0.3 * 71.43 + 70 = 91.43
    found = score(profile(tallies=(tally("oas-schema", "structure", "error"),)))
    assert found == Score(total=91.4, areas=CLEAN | {"structure": 71.4})


@pytest.mark.parametrize(
    ("severity", "structure", "total"),
    [
        ("error", 71.4, 91.4),  # x = 0.1: 100 / 1.4
        ("warn", 86.2, 95.9),  # x = 0.04: 100 / 1.16 = 86.21; 0.3 * 86.21 + 70 = 95.86
        ("info", 96.2, 98.8),  # x = 0.01: 100 / 1.04 = 96.15; 0.3 * 96.15 + 70 = 98.85
        ("hint", 100.0, 100.0),  # weight 0
    ],
)
def test_errors_weigh_more_than_warnings(severity: str, structure: float, total: float) -> None:
    found = score(profile(tallies=(tally("ref-siblings", "structure", severity),)))
    assert (found.areas["structure"], found.total) == (structure, total)


def test_twice_the_operations_and_twice_the_findings_score_the_same() -> None:
    small = profile(
        operations=10,
        tallies=(
            tally("operation-id-unique", "structure", "error", 1),
            tally("path-no-verbs", "naming", "warn", 3),
            tally("operation-summary", "documentation", "warn", 2),
        ),
        documentation=70.0,
        auth_coverage=90.0,
    )
    large = profile(
        operations=20,
        tallies=(
            tally("operation-id-unique", "structure", "error", 2),
            tally("path-no-verbs", "naming", "warn", 6),
            tally("operation-summary", "documentation", "warn", 4),
        ),
        documentation=70.0,
        auth_coverage=90.0,
    )
    # naming x = 1.2 / 10 = 0.12: 100 / 1.48 = 67.57; documentation x = 0.08: 100 / 1.32 =
    # 75.76, with coverage (75.76 + 70) / 2 = 72.88; security (100 + 90) / 2 = 95
    # total = 0.3 * 71.43 + 0.15 * 67.57 + 0.2 * 72.88 + 0.25 * 95 + 10 = 79.90
    expected = Score(
        total=79.9,
        areas={
            "structure": 71.4,
            "naming": 67.6,
            "documentation": 72.9,
            "security": 95.0,
            "versioning": 100.0,
        },
    )
    assert score(small) == expected
    assert score(large) == expected


def test_the_example_in_the_documentation() -> None:
    documented = profile(
        tallies=(
            tally("oas-schema", "structure", "error"),
            tally("path-no-verbs", "naming", "warn", 3),
        ),
        documentation=70.0,
        auth_coverage=90.0,
    )
    assert score(documented) == Score(
        total=82.3,
        areas={
            "structure": 71.4,
            "naming": 67.6,
            "documentation": 85.0,
            "security": 95.0,
            "versioning": 100.0,
        },
    )


def test_an_api_without_operations_counts_as_one() -> None:
    # x = 0.4 / 1: naming = 100 / 2.6 = 38.46; total = 85 + 0.15 * 38.46 = 90.77
    found = score(profile(operations=0, tallies=(tally("path-no-verbs", "naming", "warn"),)))
    assert found == Score(total=90.8, areas=CLEAN | {"naming": 38.5})


def test_documentation_coverage_is_half_the_documentation_subscore() -> None:
    # (100 + 60) / 2 = 80; total = 80 + 0.2 * 80 = 96
    assert score(profile(documentation=60.0)) == Score(
        total=96.0, areas=CLEAN | {"documentation": 80.0}
    )
    # zero is a figure, not a missing one: (100 + 0) / 2 = 50
    assert score(profile(documentation=0.0)) == Score(
        total=90.0, areas=CLEAN | {"documentation": 50.0}
    )


def test_a_missing_coverage_figure_leaves_its_part_out() -> None:
    rules = (tally("info-contact", "documentation", "warn", 2),)
    # x = 0.08: 100 / 1.32 = 75.76, alone; total = 80 + 0.2 * 75.76 = 95.15
    assert score(profile(tallies=rules)) == Score(total=95.2, areas=CLEAN | {"documentation": 75.8})
    # with coverage 100: (75.76 + 100) / 2 = 87.88; total = 80 + 0.2 * 87.88 = 97.58
    assert score(profile(tallies=rules, documentation=100.0)) == Score(
        total=97.6, areas=CLEAN | {"documentation": 87.9}
    )


def test_auth_coverage_and_auth_rules_make_the_security_subscore() -> None:
    # an auth rule counts for security: x = 0.1, 100 / 1.4 = 71.43; (71.43 + 40) / 2 = 55.71
    # total = 75 + 0.25 * 55.71 = 88.93
    found = score(
        profile(tallies=(tally("operation-security", "auth", "error"),), auth_coverage=40.0)
    )
    assert found == Score(total=88.9, areas=CLEAN | {"security": 55.7})


def test_a_plugin_area_counts_for_structure() -> None:
    found = score(profile(tallies=(tally("acme-gateway-timeout", "gateway", "error"),)))
    assert found == Score(total=91.4, areas=CLEAN | {"structure": 71.4})
    assert [score_area(area) for area in ("auth", "security", "naming", "gateway")] == [
        "security",
        "security",
        "naming",
        "structure",
    ]


def test_the_score_is_bounded_however_many_findings() -> None:
    every_area = tuple(
        tally(f"{area}-rule", area, "error", 10_000)
        for area in ("structure", "naming", "documentation", "security", "versioning")
    )
    found = score(profile(operations=1, tallies=every_area, documentation=0.0, auth_coverage=0.0))
    assert found.total == 0.0
    assert all(0.0 <= value <= 0.1 for value in found.areas.values())


def test_a_spec_that_could_not_be_linted_has_no_score() -> None:
    broken = profile(error="orders.yaml: not an OpenAPI document")
    with pytest.raises(ValueError, match=r"^orders.yaml could not be linted, so it has no score$"):
        score(broken)
    assert hotspots(broken) == ()


def test_an_unknown_severity_is_refused() -> None:
    with pytest.raises(ValueError, match=r"^rule 'path-no-verbs': unknown severity 'fatal'$"):
        score(profile(tallies=(tally("path-no-verbs", "naming", "fatal"),)))


HOT = profile(
    tallies=(
        tally("operation-id-unique", "structure", "error", 2),
        tally("operation-summary", "documentation", "warn", 1),
        tally("path-no-verbs", "naming", "warn", 5),
        tally("request-body-description", "documentation", "info", 1),
        tally("schema-hint", "structure", "hint", 3),
    )
)


def test_hotspots_rank_the_fixes_by_the_points_they_gain() -> None:
    # before: structure 100 / 1.8 = 55.56, naming 55.56, documentation 100 / 1.2 = 83.33;
    # total = 16.67 + 8.33 + 16.67 + 35 = 76.67 -> 76.7
    assert score(HOT).total == 76.7
    assert hotspots(HOT) == (
        # structure 100: 30 + 8.33 + 16.67 + 35 = 90.0
        Hotspot(
            rule="operation-id-unique",
            area="structure",
            findings=2,
            gain=13.3,
            example="operation-id-unique example",
        ),
        # naming 100: 16.67 + 15 + 16.67 + 35 = 83.33 -> 83.3; the gain is 83.3 - 76.7
        Hotspot(
            rule="path-no-verbs",
            area="naming",
            findings=5,
            gain=6.6,
            example="path-no-verbs example",
        ),
        # documentation 100 / 1.04 = 96.15: 16.67 + 8.33 + 19.23 + 35 = 79.23 -> 79.2
        Hotspot(
            rule="operation-summary",
            area="documentation",
            findings=1,
            gain=2.5,
            example="operation-summary example",
        ),
        # documentation 100 / 1.16 = 86.21: 16.67 + 8.33 + 17.24 + 35 = 77.24 -> 77.2
        Hotspot(
            rule="request-body-description",
            area="documentation",
            findings=1,
            gain=0.5,
            example="request-body-description example",
        ),
    )


def test_each_gain_is_the_difference_of_the_two_scores() -> None:
    for spot in hotspots(HOT):
        fixed = profile(tallies=tuple(t for t in HOT.tallies if t.rule != spot.rule))
        assert spot.gain == round(score(fixed).total - score(HOT).total, 1)


def test_hotspots_keep_the_best_few_and_break_ties_by_rule_id() -> None:
    tied = profile(
        tallies=(
            tally("ref-siblings", "structure", "warn"),
            tally("api-key-location", "auth", "warn"),
            tally("component-unused", "structure", "warn"),
            tally("server-https", "security", "warn"),
        )
    )
    # structure: x = 0.08, 100 / 1.32 = 75.76; security the same: total = 0.55 * 75.76 + 45
    # = 86.67 -> 86.7; one structure rule fixed: 0.3 * 86.21 + 0.25 * 75.76 + 45 = 89.80
    # -> gain 3.1; one security rule fixed: 0.3 * 75.76 + 0.25 * 86.21 + 45 = 89.28 -> 2.6
    found = hotspots(tied, limit=3)
    assert [(spot.rule, spot.area, spot.gain) for spot in found] == [
        ("component-unused", "structure", 3.1),
        ("ref-siblings", "structure", 3.1),
        ("api-key-location", "security", 2.6),
    ]
    assert hotspots(tied, limit=0) == ()


def test_a_clean_api_has_no_hotspots() -> None:
    assert hotspots(profile()) == ()
