"""Trends: a report against an earlier snapshot, per API (status, score before and after, rules
newly broken and fixed), per team (mean score) and per rule (APIs breaking it)."""

from __future__ import annotations

import pytest
from snapshot_fleet import Api, fleet, snapshot

from apilint.fleet.model import ApiTrend, Trend
from apilint.fleet.trends import TOLERANCE, compare, compare_snapshots, regressions

BEFORE = snapshot(
    Api("billing.yaml", team="payments", score=70.0, rules={"path-casing": 3, "info-contact": 1}),
    Api("cards.yaml", team="payments", score=90.0, rules={"path-casing": 1}),
    Api("login.yaml", team="identity", score=85.0, rules={}),
    Api("old.yaml", team="identity", score=40.0, rules={"path-casing": 9}, passes=False),
    Api("misc.yaml", team=None, score=None, passes=False),
    label="v1.4 (0a1b2c3)",
    generated="2026-11-30T09:00:00Z",
)

AFTER = fleet(
    Api("billing.yaml", team="payments", score=75.5, rules={"info-contact": 2, "tag-casing": 1}),
    Api("cards.yaml", team="payments", score=89.6, rules={"path-casing": 4}),
    Api("login.yaml", team="platform", score=84.5, rules={"operation-summary": 1}),
    Api("misc.yaml", team=None, score=60.0, rules={"path-casing": 1}, passes=False),
    Api("search.yaml", team="platform", score=50.0, rules={"path-casing": 2}),
)


def test_each_api_is_new_removed_improved_regressed_or_unchanged() -> None:
    trend = compare(BEFORE, AFTER)
    assert trend.apis == (
        ApiTrend(
            name="billing.yaml",
            team="payments",
            status="improved",
            before=70.0,
            after=75.5,
            new_rules=("tag-casing",),
            fixed_rules=("path-casing",),
            passed=True,
            passes=True,
        ),
        ApiTrend(
            name="cards.yaml",
            team="payments",
            status="unchanged",
            before=90.0,
            after=89.6,
            passed=True,
            passes=True,
        ),
        ApiTrend(
            name="login.yaml",
            team="platform",
            status="regressed",
            before=85.0,
            after=84.5,
            new_rules=("operation-summary",),
            passed=True,
            passes=True,
        ),
        ApiTrend(
            name="misc.yaml",
            team=None,
            status="improved",
            before=None,
            after=60.0,
            new_rules=("path-casing",),
            passed=False,
            passes=False,
        ),
        ApiTrend(
            name="old.yaml",
            team="identity",
            status="removed",
            before=40.0,
            after=None,
            passed=False,
        ),
        ApiTrend(
            name="search.yaml", team="platform", status="new", before=None, after=50.0, passes=True
        ),
    )
    assert [api.delta for api in trend.apis] == [5.5, -0.4, -0.5, None, None, None]
    assert [api.gate for api in trend.apis] == [None] * 6


def test_an_api_that_no_longer_passes_says_so_whatever_its_score() -> None:
    before = snapshot(Api("a.yaml", team="t", score=80.0, rules={}))
    after = fleet(Api("a.yaml", team="t", score=80.3, rules={"x": 1}, passes=False))
    (api,) = compare(before, after).apis
    assert (api.status, api.delta, api.gate) == ("regressed", 0.3, "no longer passes the gate")


def test_the_trend_names_the_snapshot_it_compares_with() -> None:
    trend = compare(BEFORE, AFTER)
    assert (trend.since, trend.generated) == ("v1.4 (0a1b2c3)", "2026-11-30T09:00:00Z")


def test_team_means_before_and_after_by_each_side_s_teams_unowned_last() -> None:
    assert compare(BEFORE, AFTER).teams == {
        "identity": (62.5, None),
        "payments": (80.0, 82.5),  # (75.5 + 89.6) / 2: 82.55, 82.5499... in binary
        "platform": (None, 67.2),  # (84.5 + 50.0) / 2: 67.25, rounded half to even
        "": (None, 60.0),
    }


def test_rules_count_the_apis_breaking_them_before_and_after() -> None:
    assert compare(BEFORE, AFTER).rules == {
        "info-contact": (1, 1),
        "operation-summary": (0, 1),
        "path-casing": (3, 3),
        "tag-casing": (0, 1),
    }


def test_regressions_are_the_regressed_apis_only() -> None:
    assert [api.name for api in regressions(compare(BEFORE, AFTER))] == ["login.yaml"]


@pytest.mark.parametrize(
    ("before", "after", "status"),
    [
        (80.0, 80.4, "unchanged"),
        (80.0, 80.5, "improved"),
        (80.0, 79.6, "unchanged"),
        (80.0, 79.5, "regressed"),
        (80.3, 79.8, "regressed"),  # 79.8 - 80.3 is -0.4999... in floating point
        (0.0, 100.0, "improved"),
        (80.0, None, "regressed"),
        (None, None, "unchanged"),
    ],
)
def test_a_score_change_under_the_tolerance_is_no_change(
    before: float | None, after: float | None, status: str
) -> None:
    assert TOLERANCE == 0.5
    old = snapshot(Api("a.yaml", score=before))
    new = snapshot(Api("a.yaml", score=after))
    assert compare_snapshots(old, new).apis[0].status == status


@pytest.mark.parametrize(
    ("passed", "passes", "after", "status"),
    [
        (True, False, 85.0, "regressed"),  # fails the gate now, though its score rose
        (False, True, 75.0, "improved"),  # passes the gate now, though its score fell
        (False, False, 85.0, "improved"),
    ],
)
def test_the_gate_verdict_comes_before_the_score(
    passed: bool, passes: bool, after: float, status: str
) -> None:
    old = snapshot(Api("a.yaml", score=80.0, passes=passed))
    new = snapshot(Api("a.yaml", score=after, passes=passes))
    assert compare_snapshots(old, new).apis[0].status == status


def test_comparing_a_snapshot_with_its_own_report_shows_no_change() -> None:
    report = fleet(Api("a.yaml", team="t", score=80.0, rules={"path-casing": 1}))
    before = snapshot(Api("a.yaml", team="t", score=80.0, rules={"path-casing": 1}))
    assert compare(before, report) == Trend(
        since="v1",
        generated="2026-11-30T09:00:00Z",
        apis=(
            ApiTrend(
                name="a.yaml",
                team="t",
                status="unchanged",
                before=80.0,
                after=80.0,
                passed=True,
                passes=True,
            ),
        ),
        teams={"t": (80.0, 80.0)},
        rules={"path-casing": (1, 1)},
    )
    assert regressions(compare(before, report)) == ()
