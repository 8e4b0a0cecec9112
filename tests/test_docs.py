"""The README and the rule metadata agree: every rule is documented where users look."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from apilint.config import build_config

ROOT = Path(__file__).resolve().parents[1]
RULES = list(build_config({"extends": []}).registry)


def _readme_rows() -> dict[str, list[str]]:
    rows = {}
    for line in (ROOT / "README.md").read_text(encoding="utf-8").splitlines():
        match = re.match(r"^\| `([a-z0-9-]+)` \|(.*)\|$", line)
        if match:
            rows[match.group(1)] = [cell.strip() for cell in match.group(2).split("|")]
    return rows


@pytest.mark.parametrize("item", RULES, ids=lambda r: r.id)
def test_every_rule_is_in_the_readme_table_with_its_area_and_severity(item) -> None:
    rows = _readme_rows()
    assert item.id in rows, f"README's rule table lacks {item.id}"
    area, severity = rows[item.id][0], rows[item.id][1]
    assert (area, severity.split()[0]) == (item.area, item.severity.label)


def test_readme_lists_no_rule_that_does_not_exist() -> None:
    assert set(_readme_rows()) <= {item.id for item in RULES}


@pytest.mark.parametrize("item", RULES, ids=lambda r: r.id)
def test_every_rule_documents_why(item) -> None:
    assert "Why:" in item.description, f"{item.id}'s docstring must say why it exists"
    assert item.summary.endswith(".")
