"""Rule documentation: generated from each rule's metadata and docstring, never stale."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType

import pytest

from apilint.lint.config import build_config
from apilint.lint.declare import Rule
from apilint.lint.ruledocs import RuleDoc, sections
from apilint.testing import assert_fixture

ROOT = Path(__file__).resolve().parents[1]
RULES = list(build_config({"extends": []}).registry)


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("generate_docs", ROOT / "docs" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generated_rule_docs_are_current() -> None:
    """Each rule's Example section (from its fixtures), docs/rules.md and the README's rule
    table are what docs/generate.py writes from the rules as they are."""
    stale = [str(path.relative_to(ROOT)) for path in _generator().stale_files()]
    assert stale == [], "run: python docs/generate.py"


@pytest.mark.parametrize("item", RULES, ids=lambda r: r.id)
def test_every_rule_docstring_has_its_sections(item: Rule) -> None:
    doc = sections(item.description)
    assert doc.what and doc.why, f"{item.id}: what it checks, then 'Why:'"
    assert doc.bad and doc.good and doc.bad != doc.good, f"{item.id}: a bad and a good example"
    assert item.summary.endswith(".")


@pytest.mark.parametrize("item", RULES, ids=lambda r: r.id)
def test_every_rule_has_a_section_in_the_reference_and_a_row_in_the_readme(item: Rule) -> None:
    reference = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"\n## {item.id}\n" in reference
    assert f"| [`{item.id}`](docs/rules.md#{item.id}) | {item.area} |" in readme
    assert item.docs_url == f"https://github.com/apilint/apilint/blob/main/docs/rules.md#{item.id}"


def test_sections_of_a_docstring() -> None:
    doc = sections(
        "Checks a thing\nover two lines.\n\nWhy: because ``x``.\n\nExample:\n"
        "    bad:\n        a:\n          b: 1\n    good:\n        a:\n          c: 2\n"
    )
    assert doc == RuleDoc(
        "Checks a thing over two lines.", "because `x`.", "a:\n  b: 1", "a:\n  c: 2"
    )
    assert sections("Only what it checks.") == RuleDoc("Only what it checks.")


def test_a_plugin_module_gives_its_rules_a_docs_url(tmp_path: Path) -> None:
    plugin = tmp_path / "documented_rules.py"
    plugin.write_text(
        "from apilint.rule import rule\n"
        'RULE_DOCS_URL = "https://example.com/rules#{id}"\n'
        '@rule("has-docs", area="naming", severity="warn", summary="Documented.")\n'
        "def has_docs(doc, options):\n"
        '    """Checks nothing.\n\n    Why: to show where docs live."""\n'
        "    return iter(())\n"
    )
    registry = build_config({"extends": [], "plugins": [str(plugin)]}).registry
    assert registry["has-docs"].docs_url == "https://example.com/rules#has-docs"


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
