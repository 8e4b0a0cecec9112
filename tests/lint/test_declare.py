"""The rule API: what ``@rule`` accepts and refuses, versions, options, the validator fallback."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from apilint.lint.declare import Findings, rule
from apilint.lint.findings import Severity
from apilint.model import structural
from apilint.model.document import Document
from apilint.testing import actual_findings, lint_with_rule

FIXTURES = Path(__file__).parent.parent / "rules" / "fixtures"


def _check(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Reports nothing. Why: a stand-in check for the decorator tests."""
    yield from ()


def test_rule_carries_its_metadata_defaults_and_options_schema() -> None:
    item = rule(
        "team-prefix",
        area="naming",
        severity="warning",
        summary="A summary.",
        formats={"3.1"},
        options={"prefix": {"type": "string", "default": "acme"}},
        recommended=False,
    )(_check)
    assert (item.id, item.area, item.severity, item.formats) == (
        "team-prefix",
        "naming",
        Severity.WARN,
        frozenset({"3.1"}),
    )
    assert item.defaults == {"prefix": "acme"}
    assert item.options_schema == {
        "type": "object",
        "properties": {"prefix": {"type": "string", "default": "acme"}},
        "additionalProperties": False,
    }
    assert item.description.startswith("Reports nothing.")
    assert item.recommended is False


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"id": "TeamPrefix"}, "must be kebab-case"),
        ({"id": "team_prefix"}, "must be kebab-case"),
        ({"area": "style"}, "area 'style' is not one of"),
        ({"severity": "fatal"}, "unknown severity 'fatal'"),
        ({"formats": {"4.0"}}, "unknown formats ['4.0']"),
        ({"options": {"prefix": {"type": "string"}}}, "option 'prefix' needs a default"),
    ],
)
def test_rule_refuses_bad_metadata(kwargs: dict[str, Any], message: str) -> None:
    arguments: dict[str, Any] = {
        "id": "team-prefix",
        "area": "naming",
        "severity": "warn",
        "summary": "A summary.",
    }
    arguments.update(kwargs)
    rule_id = arguments.pop("id")
    with pytest.raises(ValueError) as caught:
        rule(rule_id, **arguments)(_check)
    assert message in str(caught.value)


def test_rule_without_a_docstring_is_refused() -> None:
    def undocumented(doc: Document, options: Mapping[str, Any]) -> Findings:
        yield from ()

    with pytest.raises(ValueError, match="needs a docstring"):
        rule("team-prefix", area="naming", severity="warn", summary="S.")(undocumented)


def test_a_rule_runs_only_on_the_versions_it_names(tmp_path: Path) -> None:
    plugin = tmp_path / "swagger_only.py"
    plugin.write_text(
        "from apilint.lint.declare import rule\n"
        "@rule('swagger-only', area='structure', severity='error', summary='S.',"
        " formats={'2.0'})\n"
        "def swagger_only(doc, options):\n"
        "    '''Flags the root. Why: a test.'''\n"
        "    yield '', 'seen'\n"
    )
    swagger = tmp_path / "swagger.yaml"
    swagger.write_text("swagger: '2.0'\ninfo: {title: T, version: '1'}\npaths: {}\n")
    openapi = tmp_path / "openapi.yaml"
    openapi.write_text("openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths: {}\n")
    plugins = [str(plugin)]
    assert [f.rule for f in lint_with_rule("swagger-only", swagger, plugins=plugins).findings] == [
        "swagger-only"
    ]
    assert lint_with_rule("swagger-only", openapi, plugins=plugins).findings == ()


@pytest.mark.parametrize("fixture", ["bad.yaml", "bad-swagger2.yaml", "bad-31.yaml"])
def test_oas_schema_gives_the_same_findings_with_the_pure_python_validator(
    fixture: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where no jsonschema-rs wheel exists, the pure-Python jsonschema reports the same nodes."""
    path = FIXTURES / "oas-schema" / fixture
    compiled = {(e.line, e.pointer) for e in actual_findings("oas-schema", path)}
    structural._validator.cache_clear()
    monkeypatch.setattr(structural, "jsonschema_rs", None)
    try:
        python = {(e.line, e.pointer) for e in actual_findings("oas-schema", path)}
    finally:
        structural._validator.cache_clear()
    assert compiled and python, "the fixture must have structural findings"
    assert python == compiled
