"""The README and the rule metadata agree: every rule is documented where users look."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from apilint.lint.config import build_config
from apilint.testing import assert_fixture

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


def test_the_rule_in_docs_writing_rules_works_as_a_plugin(tmp_path: Path) -> None:
    """The guide's example rule, saved as a file and named in a config, runs as documented."""
    guide = (ROOT / "docs" / "writing-rules.md").read_text(encoding="utf-8")
    source = re.search(r"```python\n(# acme_api_rules\.py\n.*?)```", guide, re.DOTALL)
    assert source is not None
    plugin = tmp_path / "acme_api_rules.py"
    plugin.write_text(source.group(1))
    fixture = tmp_path / "bad.yaml"
    fixture.write_text(
        "openapi: 3.0.3\n"
        "info: {title: Orders, version: 1.0.0}\n"
        "paths:\n"
        "  /orders:\n"
        "    get:\n"
        "      operationId: listOrders"
        "  # expect: operation-id-prefix /paths/~1orders/get/operationId\n"
        "      responses: {'200': {description: The orders.}}\n"
        "    post:\n"
        "      operationId: acmeCreateOrder\n"
        "      responses: {'201': {description: Created.}}\n"
    )
    assert_fixture("operation-id-prefix", fixture, plugins=[str(plugin)])


def test_readme_change_kind_tables_are_generated_from_the_kinds_table() -> None:
    """The README's tables of `apilint diff` change kinds are `readme_table()`, verbatim."""
    from apilint.changes.kinds import readme_table

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start, end = "<!-- change-kinds:start -->\n", "<!-- change-kinds:end -->"
    written = readme[readme.index(start) + len(start) : readme.index(end)]
    assert written == readme_table() + "\n", "regenerate: python -m apilint.changes.kinds"
