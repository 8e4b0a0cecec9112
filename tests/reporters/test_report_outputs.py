"""The fleet report's JSON, Markdown and terminal outputs, on a small fleet of specs
(``tests/fleet/fixtures/fleet``) whose scores, owners, inconsistencies and load error are
known. The JSON is checked against ``tests/golden/fleet.report.json``: set
``APILINT_UPDATE_GOLDEN=1`` to rewrite it after a deliberate change, and read the diff.

The fleet: ``payments`` and ``orders`` owned by the config's ``teams`` globs, ``billing`` by
``x-owner`` in its ``info``, ``inventory`` by CODEOWNERS, ``search`` unowned, ``legacy`` not
YAML. Three APIs page with ``limit``/``offset``, ``inventory`` with ``page``/``per_page``;
error bodies are ``{code, message}`` but in ``billing`` (wrapped) and ``search`` (problem+json).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from apilint.fleet.build import build_report
from apilint.fleet.model import ApiTrend, FleetFinding, FleetReport, Trend
from apilint.reporters import report_json, report_markdown, report_text

ROOT = Path(__file__).resolve().parents[2]
FLEET = "tests/fleet/fixtures/fleet"
GOLDEN = ROOT / "tests" / "golden" / "fleet.report.json"
GENERATED = "2026-12-06T22:00:00Z"

ORDERS = "services/orders/openapi.yaml"
SEARCH = "services/search/openapi.yaml"


@pytest.fixture(scope="module")
def report() -> Iterator[FleetReport]:
    """The fleet's report, made from the repository root so that every path in it is relative."""
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(ROOT)
        built = build_report([FLEET], root=Path(FLEET), jobs=1)
    yield replace(built, generated=GENERATED)


def _golden(output: str) -> str:
    if os.environ.get("APILINT_UPDATE_GOLDEN"):
        GOLDEN.write_text(output, encoding="utf-8", newline="\n")
    return GOLDEN.read_text(encoding="utf-8")


def _trend() -> Trend:
    return Trend(
        since="apilint-report-20261130T0900Z.json",
        generated="2026-11-30T09:00:00Z",
        apis=(
            ApiTrend(name="services/billing/openapi.yaml", team="billing", status="improved",
                     before=90.0, after=93.8, fixed_rules=("info-contact",)),
            ApiTrend(name="services/gone/openapi.yaml", team=None, status="removed",
                     before=70.0, after=None),
            ApiTrend(name="services/legacy/openapi.yaml", team=None, status="regressed",
                     before=81.5, after=None),
            ApiTrend(name=ORDERS, team="orders", status="regressed", before=70.0, after=64.2,
                     new_rules=("path-params-defined",)),
            ApiTrend(name=SEARCH, team=None, status="new", before=None, after=85.2),
        ),
        teams={"orders": (70.0, 64.2), "": (75.8, 85.2)},
        rules={"path-params-defined": (0, 1)},
    )  # fmt: skip


# -- JSON -------------------------------------------------------------------------------------


def test_json_golden(report: FleetReport) -> None:
    output = report_json.render(report)
    assert json.loads(output) == report_json.to_dict(report)  # numbers as numbers, None null
    assert output.endswith("}\n")
    assert output == _golden(output)


def test_json_orders_score_follows_the_published_formula(report: FleetReport) -> None:
    """docs/report.md "The score", by hand for orders: 3 operations, documentation coverage
    42.9%, auth coverage 100% (its POST is public on purpose: ``security: []``).
    structure: one error, x = 1/3, 100 / (1 + x / 0.25) = 42.857.
    naming: one warning (operation-id-casing), x = 0.4/3, 100 / 1.5333 = 65.217.
    documentation: six warnings (info-contact, -description, -license, operation-tags,
    parameter-description twice) and two infos (operation-description,
    request-body-description): x = (6 x 0.4 + 2 x 0.1) / 3 = 0.8667, rules 100 / 4.4667 =
    22.388, with coverage (22.388 + 42.9) / 2 = 32.644.
    security: no finding, (100 + 100) / 2 = 100; versioning: 100.
    total: (30 x 42.857 + 15 x 65.217 + 20 x 32.644 + 25 x 100 + 10 x 100) / 100 = 64.17."""
    orders = next(api for api in report_json.to_dict(report)["apis"] if api["name"] == ORDERS)
    structure = 100 / (1 + (1 / 3) / 0.25)
    naming = 100 / (1 + (0.4 / 3) / 0.25)
    documentation = (100 / (1 + ((6 * 0.4 + 2 * 0.1) / 3) / 0.25) + 42.9) / 2
    total = (30 * structure + 15 * naming + 20 * documentation + 25 * 100 + 10 * 100) / 100
    assert round(total, 1) == 64.2
    assert orders["score"] == 64.2
    assert orders["areas"] == {
        "structure": 42.9,
        "naming": 65.2,
        "documentation": 32.6,
        "security": 100.0,
        "versioning": 100.0,
    }
    assert orders["counts"] == {"error": 1, "warn": 7, "info": 2, "hint": 0}
    assert orders["rules"]["parameter-description"] == 2
    assert orders["hotspots"][0] == {
        "rule": "path-params-defined",
        "area": "structure",
        "findings": 1,
        "gain": 17.1,  # structure at 100: (30 x 57.143) / 100 = 17.14 more
        "example": "path parameter 'orderId' of /orders/{orderId} is not declared for GET",
    }


def test_json_owners_and_load_error(report: FleetReport) -> None:
    apis = {api["name"]: api for api in report_json.to_dict(report)["apis"]}
    owners = {name: (api["team"], api["owner_source"]) for name, api in apis.items()}
    assert owners == {
        "services/billing/openapi.yaml": ("billing", "spec"),
        "services/inventory/openapi.yaml": ("@acme/inventory", "codeowners"),
        "services/legacy/openapi.yaml": (None, None),
        ORDERS: ("orders", "config"),
        "services/payments/openapi.yaml": ("payments", "config"),
        SEARCH: (None, None),
    }
    legacy = apis["services/legacy/openapi.yaml"]
    assert (legacy["score"], legacy["areas"], legacy["passes"]) == (None, None, False)
    assert legacy["error"] == "invalid YAML: did not find expected ',' or '}'"


def test_json_shape(report: FleetReport) -> None:
    data = report_json.to_dict(replace(report, trend=_trend()))
    assert list(data) == [
        "schema", "version", "generated", "root", "gate", "fleet", "teams", "apis",
        "adoption", "consistency", "trend", "errors",
    ]  # fmt: skip
    assert (data["schema"], data["version"], data["generated"]) == (
        "apilint-report",
        1,
        GENERATED,
    )
    assert [team["name"] for team in data["teams"]][-1] is None  # the unowned APIs
    assert data["trend"]["teams"] == [
        {"team": "orders", "before": 70.0, "after": 64.2},
        {"team": None, "before": 75.8, "after": 85.2},
    ]
    assert data["trend"]["apis"][3] == {
        "name": ORDERS,
        "team": "orders",
        "status": "regressed",
        "before": 70.0,
        "after": 64.2,
        "delta": -5.8,
        "passed": None,
        "passes": None,
        "new_rules": ["path-params-defined"],
        "fixed_rules": [],
    }
    assert data["trend"]["rules"] == [{"rule": "path-params-defined", "before": 0, "after": 1}]


def test_json_lists_every_differing_api() -> None:
    differing = {f"api{n}.yaml": "page number" for n in range(7)}
    finding = FleetFinding(
        check="pagination",
        concern="pagination",
        aspect="style",
        majority="offset",
        following=("a.yaml", "b.yaml"),
        differing=differing,
        message="pagination (style): ... and 2 more",
    )
    assert report_json.consistency_dict(finding)["differing"] == differing


# -- Markdown ---------------------------------------------------------------------------------


def test_markdown_fleet(report: FleetReport) -> None:
    lines = report_markdown.render(report).splitlines()
    assert lines[:3] == [
        "## API fleet: 6 APIs, 4 pass the gate (error), mean score 88.2, median 93.8; "
        "1 could not be linted",
        "",
        "An API passes the gate with no finding at or above **error**.",
    ]
    start = lines.index("### Teams")
    assert lines[start + 2 : start + 9] == [
        "| Team | APIs | Passing | Mean | Median |",
        "| --- | ---: | ---: | ---: | ---: |",
        "| `@acme/inventory` | 1 | 1 | 100.0 | 100.0 |",
        "| `billing` | 1 | 1 | 93.8 | 93.8 |",
        "| `orders` | 1 | 0 | 64.2 | 64.2 |",
        "| `payments` | 1 | 1 | 97.9 | 97.9 |",
        "| (unowned) | 2 | 1 | 85.2 | 85.2 |",
    ]
    start = lines.index("### APIs, lowest scores first")
    assert lines[start + 2 : start + 11] == [
        "| API | Team | Score | Structure | Naming | Documentation | Security | Versioning "
        "| Errors | Warnings | Passes |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
        "| `services/legacy/openapi.yaml` | (unowned) | – | – | – | – | – | – | – | – "
        "| not linted |",
        "| `services/orders/openapi.yaml` | `orders` | 64.2 | 42.9 | 65.2 | 32.6 | 100.0 "
        "| 100.0 | 1 | 7 | no |",
        "| `services/search/openapi.yaml` | (unowned) | 85.2 | 100.0 | 100.0 | 26.2 | 100.0 "
        "| 100.0 | 0 | 5 | yes |",
        "| `services/billing/openapi.yaml` | `billing` | 93.8 | 100.0 | 100.0 | 69.2 | 100.0 "
        "| 100.0 | 0 | 1 | yes |",
        "| `services/payments/openapi.yaml` | `payments` | 97.9 | 100.0 | 100.0 | 100.0 "
        "| 91.7 | 100.0 | 0 | 0 | yes |",
        "| `services/inventory/openapi.yaml` | `@acme/inventory` | 100.0 | 100.0 | 100.0 "
        "| 100.0 | 100.0 | 100.0 | 0 | 0 | yes |",
        "",
    ]
    start = lines.index("### Least adopted standards")
    assert lines[start + 2 : start + 5] == [
        "| Rule | Area | Broken by | Adopted |",
        "| --- | --- | ---: | ---: |",
        "| `info-contact` | documentation | 2 of 5 APIs | 60.0% |",
    ]
    assert lines[start + 13 : start + 16] == [
        "| `placeholder-text` | documentation | 1 of 5 APIs | 80.0% |",
        "",
        "…and 1 more standard.",  # the top ten of eleven
    ]
    start = lines.index("### Consistency across APIs")
    assert lines[start + 2 :] == [
        "- authentication (schemes): 4 of 5 APIs use http bearer; services/search/openapi.yaml"
        " uses apiKey in header",
        "- error responses (body shape): 3 of 5 APIs use {code, message}; "
        "services/search/openapi.yaml uses problem+json, services/billing/openapi.yaml uses "
        "{error: {code, message}}",
        "- pagination (style): 3 of 4 APIs use offset; services/inventory/openapi.yaml uses "
        "page number",
        "- versioning (version location): 4 of 5 APIs use server URL; "
        "services/search/openapi.yaml uses none",
        "",
        "### Problems",
        "",
        "- `services/legacy/openapi.yaml`: could not be linted: invalid YAML: did not find "
        "expected ',' or '}'",
    ]


def test_markdown_trend_and_errors(report: FleetReport) -> None:
    changed = replace(report, trend=_trend(), errors=("missing.yaml: no such file",))
    text = report_markdown.render(changed)
    assert (
        "### Since apilint-report-20261130T0900Z.json (2026-11-30T09:00:00Z)\n"
        "\n"
        "**1 improved, 2 regressed, 1 new, 1 removed**\n"
        "\n"
        "| Regressed API | Team | Before | After | Change |\n"
        "| --- | --- | ---: | ---: | ---: |\n"
        "| `services/legacy/openapi.yaml` | (unowned) | 81.5 | – | – |\n"
        "| `services/orders/openapi.yaml` | `orders` | 70.0 | 64.2 | -5.8 |\n"
    ) in text
    assert text.endswith(
        "- `services/legacy/openapi.yaml`: could not be linted: invalid YAML: did not find "
        "expected ',' or '}'\n"
        "- missing.yaml: no such file\n"
    )


def test_markdown_escapes_cells_and_names_no_one(report: FleetReport) -> None:
    finding = replace(report.consistency[0], message="naming: a|b\nuses *snake*")
    api = report.apis[0]
    odd = replace(api, ownership=replace(api.ownership, team="@acme/a|b"))
    text = report_markdown.render(replace(report, consistency=(finding,), apis=(odd,)))
    assert "- naming: a\\|b<br>uses \\*snake\\*\n" in text
    assert "| `services/billing/openapi.yaml` | `@acme/a\\|b` | 93.8 |" in text


def test_markdown_stays_under_githubs_comment_limit(report: FleetReport) -> None:
    """3,000 APIs with long names, each its own team, every one regressed and with a problem,
    and long consistency findings: every list is capped and says how much it left out."""
    base = report.apis[3]  # orders: scored, with findings
    names = [f"services/{'very-long-service-name-' * 4}{n:04}/openapi.yaml" for n in range(3000)]
    apis = tuple(replace(base, profile=replace(base.profile, name=name)) for name in names)
    teams = tuple(replace(report.teams[0], name=f"@acme/{name}") for name in names)
    findings = tuple(
        replace(report.consistency[0], message=", ".join(names[n : n + 30])) for n in range(40)
    )
    trend = replace(
        _trend(),
        apis=tuple(
            ApiTrend(name=name, team="orders", status="regressed", before=90.0, after=64.2)
            for name in names
        ),
    )
    adoption = tuple(replace(report.adoption[0], rule=f"rule-{n}") for n in range(300))
    errors = tuple(f"{name}: pagination: KeyError: 'x' " * 5 for name in names)
    big = replace(
        report,
        apis=apis,
        teams=teams,
        consistency=findings,
        trend=trend,
        adoption=adoption,
        errors=errors,
    )
    text = report_markdown.render(big)
    assert len(text) < 65_536
    assert "…and 2950 more teams." in text
    assert "…and 2950 more APIs." in text
    assert "…and 20 more findings." in text
    assert "…and 290 more standards." in text
    assert "…and 2980 more regressed APIs." in text
    assert "…and 2980 more problems." in text


# -- terminal ---------------------------------------------------------------------------------


def test_text_fleet(report: FleetReport) -> None:
    assert report_text.render(report) == (
        "API fleet: 6 APIs, 4 pass the gate (error), mean score 88.2, median 93.8; "
        "1 could not be linted\n"
        "\n"
        "Team             APIs  Passing   Mean  Median\n"
        "@acme/inventory     1        1  100.0   100.0\n"
        "billing             1        1   93.8    93.8\n"
        "orders              1        0   64.2    64.2\n"
        "payments            1        1   97.9    97.9\n"
        "(unowned)           2        1   85.2    85.2\n"
        "\n"
        "Lowest scores                    Score  Team             Top fix\n"
        "services/orders/openapi.yaml      64.2  orders           path-params-defined +17.1\n"
        "services/search/openapi.yaml      85.2  (unowned)        info-contact +0.3\n"
        "services/billing/openapi.yaml     93.8  billing          placeholder-text +6.2\n"
        "services/payments/openapi.yaml    97.9  payments         bearer-format +2.1\n"
        "services/inventory/openapi.yaml  100.0  @acme/inventory\n"
        "\n"
        "Least adopted standards\n"
        "  info-contact           broken by 2 of 5 APIs (documentation)\n"
        "  info-description       broken by 2 of 5 APIs (documentation)\n"
        "  info-license           broken by 2 of 5 APIs (documentation)\n"
        "  operation-description  broken by 2 of 5 APIs (documentation)\n"
        "  operation-tags         broken by 2 of 5 APIs (documentation)\n"
        "\n"
        "Consistency across APIs\n"
        "  authentication (schemes): 4 of 5 APIs use http bearer; services/search/openapi.yaml"
        " uses apiKey in header\n"
        "  error responses (body shape): 3 of 5 APIs use {code, message}; "
        "services/search/openapi.yaml uses problem+json, services/billing/openapi.yaml uses "
        "{error: {code, message}}\n"
        "  pagination (style): 3 of 4 APIs use offset; services/inventory/openapi.yaml uses "
        "page number\n"
        "  versioning (version location): 4 of 5 APIs use server URL; "
        "services/search/openapi.yaml uses none\n"
        "\n"
        "Problems\n"
        "  services/legacy/openapi.yaml: could not be linted: invalid YAML: did not find "
        "expected ',' or '}'\n"
    )


def test_fleet_line_says_one_api_passes(report: FleetReport) -> None:
    one = replace(report, fleet=replace(report.fleet, apis=report.fleet.apis[:1], passing=1))
    assert report_text.fleet_line(one) == (
        "1 API, 1 passes the gate (error), mean score 88.2, median 93.8; 1 could not be linted"
    )


def test_text_trend_line(report: FleetReport) -> None:
    lines = report_text.render(replace(report, trend=_trend())).splitlines()
    assert lines[lines.index("Problems") - 2] == (
        "Since apilint-report-20261130T0900Z.json (2026-11-30T09:00:00Z): 1 improved, "
        "2 regressed, 1 new, 1 removed; regressed: services/legacy/openapi.yaml 81.5 → –, "
        "services/orders/openapi.yaml -5.8"
    )


def test_text_colours_scores_by_band(report: FleetReport) -> None:
    lines = report_text.render(report, colour=True).splitlines()
    assert lines[0] == (
        "\x1b[1mAPI fleet: 6 APIs, 4 pass the gate (error), mean score 88.2, median 93.8; "
        "1 could not be linted\x1b[0m"
    )
    orders = next(line for line in lines if line.startswith("services/orders/"))
    assert "  \x1b[33m 64.2\x1b[0m  orders" in orders  # yellow: below 80
    inventory = next(line for line in lines if line.startswith("services/inventory/"))
    assert "\x1b[32m100.0\x1b[0m" in inventory  # green


def test_text_caps_lists_for_a_large_fleet(report: FleetReport) -> None:
    base = report.apis[3]
    apis = tuple(
        replace(base, profile=replace(base.profile, name=f"api{n:03}.yaml")) for n in range(40)
    )
    errors = tuple(f"api{n:03}.yaml: naming: KeyError: 'x'" for n in range(15))
    teams = tuple(replace(report.teams[2], name=f"team{n:02}") for n in range(23))
    big = replace(report, apis=apis, errors=errors, teams=teams)
    lines = report_text.render(big).splitlines()
    assert lines[2:4] == [
        "Team    APIs  Passing  Mean  Median",
        "team00     1        0  64.2    64.2",
    ]
    assert lines[22:25] == ["team19     1        0  64.2    64.2", "and 3 more teams", ""]
    lowest = lines.index("Lowest scores  Score  Team    Top fix")
    assert lines[lowest + 10 : lowest + 12] == ["api009.yaml     64.2  orders  "
                                                "path-params-defined +17.1", ""]  # fmt: skip
    assert lines[-2:] == ["  api009.yaml: naming: KeyError: 'x'", "  and 5 more"]
