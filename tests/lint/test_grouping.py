"""One defect, one finding: one rule's identical messages become one finding with related
places, in every output format a user reads."""

from __future__ import annotations

import json
from pathlib import Path

from apilint.lint.findings import Finding, Place, Report, Severity
from apilint.lint.grouping import group_repeats
from apilint.reporters import FORMATS, sarif
from apilint.testing import lint_with_rule

FIXTURE = Path(__file__).parents[1] / "rules" / "fixtures" / "property-casing" / "bad-repeated.yaml"


def _finding(line: int, message: str = "tag 'x' is not declared", rule: str = "r") -> Finding:
    return Finding(
        file="api.yaml",
        line=line,
        column=3,
        rule=rule,
        message=message,
        pointer=f"/p/{line}",
        severity=Severity.WARN,
    )


def test_repeats_become_one_finding_at_the_first_place() -> None:
    grouped = group_repeats([_finding(30), _finding(10), _finding(20), _finding(5, "other")])
    assert [(f.line, f.message) for f in grouped] == [(10, "tag 'x' is not declared"), (5, "other")]
    assert grouped[0].related == (
        Place("api.yaml", 20, 3, "/p/20"),
        Place("api.yaml", 30, 3, "/p/30"),
    )


def test_different_rules_or_messages_stay_apart() -> None:
    grouped = group_repeats([_finding(1), _finding(2, rule="s"), _finding(3, "tag 'y' ...")])
    assert len(grouped) == 3 and all(not f.related for f in grouped)


def test_a_repeated_name_is_one_finding_in_json_sarif_and_text() -> None:
    report = lint_with_rule("property-casing", FIXTURE)
    assert len(report.findings) == 1
    finding = report.findings[0]
    assert (finding.line, [p.line for p in finding.related]) == (16, [25, 32])

    shown = json.loads(FORMATS["json"](report, False))["findings"][0]
    assert [place["pointer"] for place in shown["related"]] == [
        "/components/schemas/Invoice/properties/created_by",
        "/components/schemas/Refund/properties/created_by",
    ]
    result = sarif.sarif_document(report)["runs"][0]["results"][0]
    related = result["relatedLocations"]
    assert [r["physicalLocation"]["region"]["startLine"] for r in related] == [25, 32]
    assert [r["id"] for r in related] == [1, 2]
    text = FORMATS["text"](report, False)
    assert "(also at 25:9 and 32:9)" in text


def test_the_text_lists_three_places_then_counts() -> None:
    finding = group_repeats([_finding(n) for n in range(1, 7)])[0]
    assert finding.elsewhere() == "also at 2:3, 3:3, 4:3 and 2 more"
    assert Report.build([finding]).findings[0].related == finding.related
