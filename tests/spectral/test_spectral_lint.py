"""Spectral rulesets through the linter: exact findings (rule, file, line, message), the ways a
ruleset is named (``extends``, ``--ruleset``, discovery), and ``spectral:oas`` mapped onto
apilint's rules.

Every expected finding here was checked against Spectral 6.16.3 (``spectral lint -r ... -f
json``) on the same files: same rules, same nodes, same messages (Spectral's column is the
value's, apilint's the key's; ``operation-tags`` is apilint's own rule and wording).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import run

Write = Callable[[str, str], Path]

RULESET = """\
extends: [[spectral:oas, off]]
aliases:
  Operation: ['$.paths[*][get,put,post,delete,patch]']
rules:
  operation-tags: error
  contact-truthy:
    description: APIs name a contact.
    given: $.info
    then:
      field: contact
      function: truthy
  paths-lower:
    message: "{{property}} is not lower case"
    given: $.paths
    then:
      field: "@key"
      function: pattern
      functionOptions:
        match: "^[a-z0-9/{}]+$"
  summary-short:
    severity: hint
    given: "#Operation.summary"
    then:
      function: length
      functionOptions: {max: 10}
  props-camel:
    given: $.components.schemas[*].properties[*]~
    then:
      function: casing
      functionOptions: {type: camel}
  no-x-internal:
    severity: info
    given: $..[?(@['x-internal'] === true)]
    then:
      function: falsy
"""
RESOLVED = """\
rules:
  resp-props-camel:
    given: $.paths[*][*].responses[*].content[*].schema.properties[*]~
    then:
      function: casing
      functionOptions: {type: camel}
  raw-props-camel:
    resolved: false
    given: $..properties[*]~
    then:
      function: casing
      functionOptions: {type: camel}
  unused:
    given: $.components.schemas
    then:
      function: unreferencedReusableObject
      functionOptions: {reusableObjectsLocation: "#/components/schemas"}
"""
SPEC = """\
openapi: 3.0.3
info:
  title: T
  version: "1"
paths:
  /Pets/{id}:
    get:
      summary: Get a pet by its id
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                $ref: "./pet.yaml"
components:
  schemas:
    Owner:
      type: object
      x-internal: true
      properties:
        first_name: {type: string}
"""
PET = """\
type: object
properties:
  petName: {type: string}
  Tag_list: {type: array, items: {type: string}}
"""


def _findings(*args: str) -> tuple[int, list[tuple[str, str, str, int, str]]]:
    result = run("lint", "--no-cache", "--format", "json", *args)
    payload = json.loads(result.stdout)
    found = [
        (f["rule"], f["severity"], Path(f["file"]).name, f["line"], f["message"])
        for f in payload["findings"]
    ]
    return result.exit_code, found


@pytest.fixture
def specs(project: Path, write: Write) -> Path:
    write("spec.yaml", SPEC)
    write("pet.yaml", PET)
    return project


def test_a_discovered_ruleset_runs_as_spectral_runs_it(specs: Path, write: Write) -> None:
    """No apilint config: the nearest .spectral.yaml is the config."""
    write(".spectral.yaml", RULESET)
    code, found = _findings("spec.yaml")
    assert (code, found) == (
        1,
        [
            ("contact-truthy", "warn", "spec.yaml", 2, "APIs name a contact."),
            ("paths-lower", "warn", "spec.yaml", 6, "/Pets/{id} is not lower case"),
            ("operation-tags", "error", "spec.yaml", 7, "GET /Pets/{id} has no tag"),
            (
                "summary-short",
                "hint",
                "spec.yaml",
                8,
                '"summary" property must be shorter than 10',
            ),
            ("no-x-internal", "info", "spec.yaml", 18, '"Owner" property must be falsy'),
            ("props-camel", "warn", "spec.yaml", 22, "must be camel case"),
        ],
    )


def test_resolved_rules_report_in_the_referenced_file(specs: Path, write: Write) -> None:
    write("style.yaml", RESOLVED)
    code, found = _findings("--ruleset", "style.yaml", "spec.yaml")
    assert (code, found) == (
        0,
        [
            ("resp-props-camel", "warn", "pet.yaml", 4, "must be camel case"),
            (
                "unused",
                "warn",
                "spec.yaml",
                18,
                "Potential orphaned reusable object has been detected",
            ),
            ("raw-props-camel", "warn", "spec.yaml", 22, "must be camel case"),
        ],
    )


def test_an_apilint_config_extends_a_ruleset_beside_a_preset(specs: Path, write: Write) -> None:
    write("style.yaml", RESOLVED)
    write(".apilint.yaml", "extends: [recommended, ./style.yaml]\nrules:\n  unused: off\n")
    _, found = _findings("spec.yaml")
    rules = {rule for rule, *_ in found}
    assert {"resp-props-camel", "raw-props-camel", "info-license"} <= rules
    assert "unused" not in rules  # the apilint config sets the ruleset's rules too


def test_spectral_oas_switches_on_the_apilint_rules_that_cover_it(
    specs: Path, write: Write
) -> None:
    write(".spectral.yaml", "extends: spectral:oas\nrules:\n  info-contact: off\n")
    _, found = _findings("spec.yaml")
    rules = {rule for rule, *_ in found}
    # spectral:oas' operation-tags, operation-description, info-description...; no contact
    assert {"operation-tags", "operation-description", "info-description"} <= rules
    assert "info-contact" not in rules
    assert "operation-summary" not in rules  # Redocly's, not in spectral:oas


def test_ruleset_and_config_together_is_a_usage_error(specs: Path, write: Write) -> None:
    write("style.yaml", RESOLVED)
    result = run("lint", "--ruleset", "style.yaml", "-c", "style.yaml", "spec.yaml")
    assert result.exit_code == 2
    assert "give --config or --ruleset, not both" in result.output


def test_a_bad_ruleset_is_one_line_and_exit_2(specs: Path, write: Write) -> None:
    write(".spectral.yaml", "rules:\n  r:\n    given: $\n    then: {function: nope}\n")
    result = run("lint", "spec.yaml")
    assert result.exit_code == 2
    assert "unknown function 'nope'" in result.output
    assert "Traceback" not in result.output


def test_bad_function_options_are_refused_as_spectral_refuses_them(
    specs: Path, write: Write
) -> None:
    body = "rules:\n  r:\n    given: $\n    then: {function: casing, functionOptions: {}}\n"
    write(".spectral.yaml", body)
    result = run("lint", "spec.yaml")
    assert result.exit_code == 2
    assert 'rules.r.then.0.functionOptions: "casing" function is missing "type" option' in (
        result.output
    )


CUSTOM = """\
functions: [noCaps, hasPrefix, shortTitle]
rules:
  no-caps:
    given: $.paths
    then:
      field: "@key"
      function: noCaps
  prefix:
    given: $.info
    then:
      field: title
      function: hasPrefix
      functionOptions: {prefix: "Acme "}
  short-title:
    given: $.info
    then:
      field: title
      function: shortTitle
      functionOptions: {max: 0}
"""
PORT = """\
def hasPrefix(target, options, context):
    if isinstance(target, str) and not target.startswith(options["prefix"]):
        return [{"message": f"title must start with {options['prefix']!r}"}]
    return []
"""
#: Self-contained JavaScript runs in the embedded engine; a module that imports cannot.
SHORT_TITLE = """\
export default (title, options, context) =>
  title.length > options.max
    ? [{message: `title "${title}" at ${context.path.join(".")} is too long`}]
    : [];
"""
IMPORTS = "import { upperFirst } from 'lodash';\nexport default (key) => [];\n"


def test_custom_functions_a_port_javascript_and_one_that_cannot_run(
    specs: Path, write: Write
) -> None:
    pytest.importorskip("quickjs", reason="the javascript extra (QuickJS) is not installed")
    write("custom.yaml", CUSTOM)
    write("functions/noCaps.js", IMPORTS)
    write("functions/hasPrefix.py", PORT)
    write("functions/shortTitle.js", SHORT_TITLE)
    result = run("lint", "--no-cache", "--format", "json", "--ruleset", "custom.yaml", "spec.yaml")
    found = [(f["rule"], f["line"], f["message"]) for f in json.loads(result.stdout)["findings"]]
    assert found == [
        ("prefix", 3, "title must start with 'Acme '"),
        ("short-title", 3, 'title "T" at info.title is too long'),
    ]
    port = specs / "functions" / "noCaps.py"
    assert result.stderr == (
        "apilint: note: rule 'no-caps' is not run: its function 'noCaps' is JavaScript that"
        " cannot run here: it imports other modules, which the embedded engine cannot load"
        f" (no Node, no npm) (or port it to {port})\n"
    )


def test_a_schema_option_with_a_ref_it_cannot_resolve_passes(specs: Path, write: Write) -> None:
    """Spectral 6.16.3 reports nothing for such a rule (Ajv leaves the $ref unresolved)."""
    body = (
        "rules:\n  r:\n    given: $.info\n    then:\n      function: schema\n"
        "      functionOptions:\n        schema: {$ref: '#/components/schemas/Nowhere'}\n"
    )
    write("ref.yaml", body)
    assert _findings("--ruleset", "ref.yaml", "spec.yaml") == (0, [])


OVERRIDES = """\
rules:
  props-camel:
    given: $.components.schemas[*].properties[*]~
    then:
      function: casing
      functionOptions: {type: camel}
  contact-truthy:
    given: $.info
    then:
      field: contact
      function: truthy
overrides:
  - files: ["spec.yaml#/components/schemas/Owner"]
    rules:
      props-camel: off
  - files: ["*.yaml"]
    rules:
      contact-truthy: error
"""


def test_overrides_of_globs_and_of_pointer_places(specs: Path, write: Write) -> None:
    """Spectral's only suppression: a file#/pointer override silences the findings below it."""
    write("style.yaml", OVERRIDES)
    assert _findings("--ruleset", "style.yaml", "spec.yaml") == (
        1,
        [("contact-truthy", "error", "spec.yaml", 2, '"info.contact" property must be truthy')],
    )


def test_a_javascript_function_that_never_ends_is_stopped(specs: Path, write: Write) -> None:
    """The engine's time limit stops it: the rule is reported as crashed, the run goes on."""
    pytest.importorskip("quickjs", reason="the javascript extra (QuickJS) is not installed")
    body = "functions: [spin]\nrules:\n  spin:\n    given: $.info\n    then: {function: spin}\n"
    write("spin.yaml", body)
    write("functions/spin.js", "export default () => { while (true) {} };\n")
    code, found = _findings("--ruleset", "spin.yaml", "spec.yaml")
    assert code == 1
    assert [(rule, message.split(":")[0]) for rule, _, _, _, message in found] == [
        ("rule-error", "rule 'spin' crashed")
    ]


LAZY_READER = """
export default (target) => {
  const keys = Object.keys(target.paths);
  const deep = target.paths['/a'].get.responses['200'].description;
  const items = target.list.map((item) => item.name).join(',');
  const copy = JSON.stringify(target.paths['/b']);
  const responses = target.paths['/a'].get.responses;
  const has = '200' in responses && !('404' in responses);
  target.paths['/a'] = 'replaced';
  return [{message: [keys.join(','), deep, items, copy, has, target.paths['/a'],
    Array.isArray(target.list), target.list.length].join(' | ')}];
};
"""


@pytest.mark.parametrize("eager", [1, 3, 2000])
def test_a_javascript_function_reads_a_target_sent_in_parts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, eager: int
) -> None:
    """A large target goes to JavaScript in parts, each read when the function reads it: the
    function sees the same objects and arrays, whatever the part's size."""
    pytest.importorskip("quickjs")
    from apilint.spectral import javascript

    monkeypatch.setattr(javascript, "EAGER_NODES", eager)
    script = tmp_path / f"reader{eager}.js"
    script.write_text(LAZY_READER)
    target = {
        "paths": {
            "/a": {"get": {"responses": {"200": {"description": "ok"}}}},
            "/b": {"post": {"tags": ["x", 1, None, True]}},
        },
        "list": [{"name": "n1"}, {"name": "n2"}],
    }
    results = javascript.load(script)(target, None, ("paths",), "rule")
    assert results == [
        {
            "message": '/a,/b | ok | n1,n2 | {"post":{"tags":["x",1,null,true]}} | true'
            " | replaced | true | 2"
        }
    ]
