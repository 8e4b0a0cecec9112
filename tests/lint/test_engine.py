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
    run,
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


# --- x-apilint-ignore: areas, '*', unknown names, unused entries, markers in maps of names ---

#: A spec whose markers name rules, an area, '*', and two mistyped ids.
MARKERS_SPEC = """\
openapi: 3.0.3
info:
  title: Pets
  version: 1.0.0
  description: Pets.
  x-apilint-ignore: [info-contact, info-license, info-licence]
paths:
  /userAccounts:
    x-apilint-ignore: [naming]
    get:
      x-apilint-ignore: ["*"]
      operationId: list_users
      responses:
        '200':
          description: ok
  /others:
    get:
      x-apilint-ignore: [operation-sumary, operation-tags]
      operationId: listOthers
      summary: List others
      security: []
      x-public: true
      responses:
        '200':
          description: ok
"""


def test_markers_name_rules_areas_or_star_and_a_mistyped_id_is_reported(
    project: Path, write: Write
) -> None:
    write(".apilint.yaml", CONVENTION_CONFIG)
    write("api.yaml", MARKERS_SPEC)
    result = run("lint", "api.yaml")
    # `naming` silences path-segment-casing on /userAccounts, `*` every rule on its GET
    assert result.stdout.splitlines()[:4] == [
        "api.yaml:6:50  warn   ignore-unknown-rule  x-apilint-ignore of /info:"
        " unknown rule id 'info-licence' (did you mean 'info-license'?)",
        "api.yaml:17:5  info   operation-description  GET /others has no description",
        "api.yaml:18:26  warn   ignore-unknown-rule  x-apilint-ignore of GET /others:"
        " unknown rule id 'operation-sumary' (did you mean 'operation-summary'?)",
        "api.yaml:23:7  warn   operation-responses"
        "  GET /others documents no error (4xx, 5xx or default) response",
    ]
    assert result.exit_code == 0


#: CLEAN_SPEC with markers that silence nothing (it has no finding under any preset); the
#: last is kept on purpose: it names ignore-unused.
IDLE_MARKERS_SPEC = CLEAN_SPEC.replace(
    "  /pets:\n    get:\n",
    "  /pets:\n    x-apilint-ignore: [path-segment-casing]\n"
    "    get:\n      x-apilint-ignore: [operation-summary, naming]\n",
).replace("name: X-Key}", "name: X-Key, x-apilint-ignore: [ignore-unused, api-key-location]}")


def test_entries_that_silence_nothing_are_reported_under_strict(
    project: Path, write: Write
) -> None:
    write(".apilint.yaml", 'extends: [strict]\nrules: {operation-summary: "off"}\n')
    write("api.yaml", IDLE_MARKERS_SPEC)
    result = run("lint", "api.yaml")
    assert result.stdout.splitlines()[:4] == [
        "api.yaml:16:24  error  ignore-unused  x-apilint-ignore of /pets:"
        " 'path-segment-casing' suppresses nothing",
        "api.yaml:18:26  error  ignore-unused  x-apilint-ignore of GET /pets:"
        " 'operation-summary' suppresses nothing (the rule is off)",
        "api.yaml:18:45  error  ignore-unused  x-apilint-ignore of GET /pets:"
        " 'naming' suppresses nothing",
        "",
    ]
    assert result.exit_code == 1


def test_entries_that_silence_nothing_are_not_reported_under_recommended(
    project: Path, write: Write
) -> None:
    write("api.yaml", IDLE_MARKERS_SPEC)
    code, payload = run_json("api.yaml")
    assert (code, payload["findings"]) == (0, [])
    write(".apilint.yaml", "rules: {ignore-unused: warn}\n")
    _, payload = run_json("api.yaml")
    assert [f["pointer"] for f in payload["findings"]] == [
        "/paths/~1pets/x-apilint-ignore/0",
        "/paths/~1pets/get/x-apilint-ignore/0",
        "/paths/~1pets/get/x-apilint-ignore/1",
    ]


def test_only_a_marker_naming_them_silences_the_findings_about_markers(
    project: Path, write: Write
) -> None:
    spec = IDLE_MARKERS_SPEC.replace(
        "openapi: 3.0.3\n", 'openapi: 3.0.3\nx-apilint-ignore: ["*"]\n'
    )
    write("api.yaml", spec.replace("[path-segment-casing]", "[path-segment-casng]"))
    code, payload = run_json("api.yaml")
    # '*' silences every rule, but not the report that a marker names nothing
    assert [(f["rule"], f["pointer"]) for f in payload["findings"]] == [
        ("ignore-unknown-rule", "/paths/~1pets/x-apilint-ignore/0")
    ]
    write("api.yaml", spec.replace("[path-segment-casing]", "[ignore-unknown-rule, typo]"))
    code, payload = run_json("api.yaml")
    assert (code, payload["findings"]) == (0, [])


#: Markers in maps of names: none of them is a schema, a property or a header, and the
#: OpenAPI schema, which allows no `x-` key there, is not asked about them.
MARKERS_IN_NAME_MAPS = """\
openapi: 3.1.0
info:
  title: Orders
  version: 1.0.0
paths:
  /orders:
    get:
      responses:
        '200':
          description: The orders.
          headers:
            x-apilint-ignore: [header-casing]
            X-Rate-Limit: {schema: {type: integer}}
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Order'}
components:
  schemas:
    x-apilint-ignore: [schema-name-casing]
    Order:
      type: object
      properties:
        x-apilint-ignore: [property-casing]
        orderId: {type: string}
        line_count: {type: integer}
    order_line: {type: object}
"""


def test_a_marker_in_a_map_of_names_is_neither_a_name_nor_invalid(
    project: Path, write: Write
) -> None:
    write(
        ".apilint.yaml",
        "extends: [strict]\nrules:\n  schema-name-casing: {options: {style: pascal}}\n"
        "  property-casing: {options: {style: camel}}\n",
    )
    write("api.yaml", MARKERS_IN_NAME_MAPS)
    _, payload = run_json("api.yaml")
    about_markers = [
        (f["rule"], f["pointer"]) for f in payload["findings"] if "x-apilint-ignore" in f["pointer"]
    ]
    # the markers silence what they name, are not names themselves, and oas-schema is quiet
    assert about_markers == [
        ("ignore-unused", "/paths/~1orders/get/responses/200/headers/x-apilint-ignore/0")
    ]
    assert not {"oas-schema", "schema-name-casing", "property-casing", "header-casing"} & {
        f["rule"] for f in payload["findings"]
    }


def test_a_marker_among_schema_names_does_not_sway_their_dominant_style(
    project: Path, write: Write
) -> None:
    """Counted as a name, the kebab-case marker would make kebab-case two names in three."""
    schemas = (
        "  schemas:\n    x-apilint-ignore: [documentation]\n"
        "    Order: {type: object}\n    order-line: {type: object}\n"
    )
    write("api.yaml", CLEAN_SPEC.replace("  securitySchemes:\n", schemas + "  securitySchemes:\n"))
    code, payload = run_json("api.yaml")
    unused = [(f["rule"], f["pointer"]) for f in payload["findings"]]  # the two are unused
    assert (code, unused) == (
        0,
        [
            ("component-unused", "/components/schemas/Order"),
            ("component-unused", "/components/schemas/order-line"),
        ],
    )
