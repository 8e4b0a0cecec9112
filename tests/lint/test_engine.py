"""The engine: inline suppression, isolation of a crashing rule, deterministic order."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from conftest import (
    CLEAN_SPEC,
    CONVENTION_CONFIG,
    CRASHING_PLUGIN_SOURCE,
    DIRTY_FINDINGS,
    DIRTY_SPEC,
    located,
    run_json,
)

import apilint
from apilint.lint.engine import load_document
from apilint.lint.findings import Finding, Report, Severity
from apilint.lint.fingerprints import fingerprint

Write = Callable[[str, str], Path]

IGNORING_SPEC = """\
openapi: 3.0.3
info:
  title: Pets
  version: 1.0.0
  description: Pets.
paths:
  /userAccounts:
    get:
      x-apilint-ignore: [operation-summary, operation-id-casing, path-segment-casing]
      operationId: list_users
      security: []
      x-public: true
      responses:
        '200':
          description: ok
  /others:
    get:
      operationId: list_others
      security: []
      x-public: true
      responses:
        '200':
          description: ok
"""


def test_ignore_on_an_operation_silences_it_there_only(project: Path, write: Write) -> None:
    write(".apilint.yaml", CONVENTION_CONFIG)
    write("api.yaml", IGNORING_SPEC)
    _, payload = run_json("api.yaml")
    ignorable = {"info-contact", "path-segment-casing", "operation-summary", "operation-id-casing"}
    assert [
        (f["line"], f["rule"], f["pointer"]) for f in payload["findings"] if f["rule"] in ignorable
    ] == [
        (2, "info-contact", "/info"),
        # the path segment is above the operation: the operation's marker does not reach it
        (7, "path-segment-casing", "/paths/~1userAccounts"),
        (17, "operation-summary", "/paths/~1others/get"),
        (18, "operation-id-casing", "/paths/~1others/get/operationId"),
    ]


def test_ignore_at_the_root_silences_the_whole_file(project: Path, write: Write) -> None:
    write("api.yaml", "x-apilint-ignore: [info-contact, path-segment-casing]\n" + DIRTY_SPEC)
    _, payload = run_json("api.yaml")
    assert located(payload) == [
        (line + 1, col, sev, rule)
        for line, col, sev, rule in DIRTY_FINDINGS
        if rule not in ("info-contact", "path-segment-casing")
    ]


def test_ignore_accepts_a_single_rule_id(project: Path, write: Write) -> None:
    write(
        "api.yaml",
        DIRTY_SPEC.replace("    get:\n", "    get:\n      x-apilint-ignore: operation-summary\n"),
    )
    _, payload = run_json("api.yaml")
    assert [f[3] for f in located(payload)] == [
        rule for _, _, _, rule in DIRTY_FINDINGS if rule != "operation-summary"
    ]


def test_ignore_in_a_referenced_file_applies_in_that_file(project: Path, write: Write) -> None:
    write(".apilint.yaml", CONVENTION_CONFIG)
    write(
        "api.yaml",
        CLEAN_SPEC + "  schemas:\n    Local:\n      type: object\n      properties:\n"
        "        first_name: {type: string}\n"
        "    Remote:\n      $ref: shared.yaml#/Remote\n",
    )
    write(
        "shared.yaml",
        "Remote:\n  type: object\n  x-apilint-ignore: [property-casing]\n"
        "  properties:\n    last_name: {}\n",
    )
    _, payload = run_json("api.yaml")
    casing = [f for f in payload["findings"] if f["rule"] == "property-casing"]
    assert [(f["file"], f["line"], f["rule"]) for f in casing] == [
        ("api.yaml", 56, "property-casing")
    ]


def test_a_crashing_rule_is_a_rule_error_and_the_others_still_run(
    project: Path, write: Write
) -> None:
    write("crash.py", CRASHING_PLUGIN_SOURCE)
    write(".apilint.yaml", "plugins: [crash.py]\n")
    write("api.yaml", DIRTY_SPEC)
    code, payload = run_json("api.yaml")
    assert code == 1
    assert located(payload) == [(1, 1, "error", "rule-error"), *DIRTY_FINDINGS]
    message = "rule 'always-crash' crashed: RuntimeError: boom"
    assert payload["findings"][0] == {
        "rule": "rule-error",
        "severity": "error",
        "message": message,
        "file": "api.yaml",
        "line": 1,
        "column": 1,
        "pointer": "",
        "fingerprint": fingerprint("rule-error", "api.yaml", "", message),
        "spec": "api.yaml",
    }


def test_a_crashing_rule_that_is_off_does_not_run(project: Path, write: Write) -> None:
    write("crash.py", CRASHING_PLUGIN_SOURCE)
    write(".apilint.yaml", 'plugins: [crash.py]\nrules: {always-crash: "off"}\n')
    write("api.yaml", DIRTY_SPEC)
    _, payload = run_json("api.yaml")
    assert located(payload) == DIRTY_FINDINGS


def test_a_crashing_rule_through_the_python_api(tmp_path: Path) -> None:
    plugin = tmp_path / "crash_api.py"
    plugin.write_text(CRASHING_PLUGIN_SOURCE, encoding="utf-8")
    spec = tmp_path / "api.yaml"
    spec.write_text(CLEAN_SPEC, encoding="utf-8")
    report = apilint.lint_file(spec, {"plugins": [str(plugin)]})
    assert [(f.rule, f.severity, f.message) for f in report.findings] == [
        ("rule-error", Severity.ERROR, "rule 'always-crash' crashed: RuntimeError: boom")
    ]
    assert report.exit_code() == 1


def test_findings_are_sorted_by_file_line_column_rule_message(project: Path, write: Write) -> None:
    write("b.yaml", DIRTY_SPEC)
    write("a.yaml", DIRTY_SPEC.replace("  version: latest\n", "  version: latest\n  x-one: 1\n"))
    report = apilint.lint_paths(["b.yaml", "a.yaml"])
    assert [(f.file, f.line, f.column, f.rule) for f in report.findings] == [
        *[("a.yaml", line + (line > 4), col, rule) for line, col, _, rule in DIRTY_FINDINGS],
        *[("b.yaml", line, col, rule) for line, col, _, rule in DIRTY_FINDINGS],
    ]
    assert report.files == ("a.yaml", "b.yaml")


def test_a_report_orders_its_findings_and_keeps_each_once() -> None:
    def finding(file: str, line: int, column: int, rule: str, message: str, pointer: str) -> Any:
        return Finding(
            file=file,
            line=line,
            column=column,
            rule=rule,
            message=message,
            pointer=pointer,
            severity=Severity.WARN,
        )

    expected = [
        finding("a.yaml", 2, 1, "r", "m", "/x"),
        finding("a.yaml", 10, 1, "r", "m", "/x"),  # numbers compare as numbers
        finding("a.yaml", 10, 3, "a", "z", "/y"),
        finding("a.yaml", 10, 3, "b", "a", "/a"),
        finding("a.yaml", 10, 3, "b", "b", "/a"),
        finding("a.yaml", 10, 3, "b", "b", "/b"),
        finding("b.yaml", 1, 1, "a", "a", "/a"),
    ]
    shuffled = [*expected[::-1], expected[3], expected[0], expected[6]]
    assert Report.build(shuffled).findings == tuple(expected)


def test_forgotten_indexes_are_built_again_the_same(tmp_path: Path) -> None:
    (tmp_path / "api.yaml").write_text(DIRTY_SPEC)
    doc, _ = load_document(tmp_path / "api.yaml")
    before = (doc.operations, doc.parameters, doc.schemas, doc.properties, doc.tags)
    doc.forget_indexes()
    assert "operations" not in vars(doc) and "schemas" not in vars(doc)
    after = (doc.operations, doc.parameters, doc.schemas, doc.properties, doc.tags)
    assert after == before and after[0] is not before[0]


def test_a_superseding_rule_replaces_the_other_on_the_same_node(project: Path) -> None:
    """operation-id-valid supersedes operation-id-casing: one defect, one finding."""
    spec = {
        "openapi": "3.0.3",
        "info": {"title": "t", "version": "1"},
        "paths": {
            "/a": {"get": {"operationId": "list-users", "responses": {"200": {}}}},
            "/b": {"get": {"operationId": "getThing", "responses": {"200": {}}}},
            "/c": {"get": {"operationId": "get_other", "responses": {"200": {}}}},
        },
    }
    identifiers = r"^[A-Za-z_][A-Za-z0-9_]*$"
    both = {
        "operation-id-casing": {"severity": "warn", "options": {"style": "camel"}},
        "operation-id-valid": {"severity": "warn", "options": {"pattern": identifiers}},
    }
    report = apilint.lint_document(spec, {"extends": [], "rules": both})
    assert [(f.rule, f.pointer) for f in report.findings] == [
        ("operation-id-casing", "/paths/~1c/get/operationId"),
        ("operation-id-valid", "/paths/~1a/get/operationId"),
    ]
    casing = {"operation-id-casing": both["operation-id-casing"]}
    alone = apilint.lint_document(spec, {"extends": [], "rules": casing})
    assert {f.pointer for f in alone.findings} == {
        "/paths/~1a/get/operationId",
        "/paths/~1c/get/operationId",
    }
