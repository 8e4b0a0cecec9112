"""Reading Spectral rulesets: definitions, extends, severities, and errors that name the place."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from apilint.spectral.custom import not_run
from apilint.spectral.ruleset import (
    FORMATS,
    RuleDefinition,
    RulesetError,
    Then,
    find_ruleset,
    is_ruleset,
    load_ruleset,
    severity_of,
)

RULES = """\
rules:
  paths-kebab:
    description: Paths are kebab-case.
    message: "{{property}} is not kebab-case"
    severity: error
    given: $.paths[*]~
    then:
      function: pattern
      functionOptions:
        match: "^(/[a-z0-9-{}]+)+$"
  contact-name:
    given:
      - $.info.contact
    then:
      - field: name
        function: truthy
      - field: email
        function: truthy
    formats: [oas3]
    recommended: false
"""


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_rules_are_read_as_written(tmp_path: Path) -> None:
    ruleset = load_ruleset(_write(tmp_path, ".spectral.yaml", RULES))
    kebab = ruleset.rules["paths-kebab"]
    assert kebab == RuleDefinition(
        name="paths-kebab",
        given=("$.paths[*]~",),
        then=(Then("pattern", {"match": "^(/[a-z0-9-{}]+)+$"}),),
        severity="error",
        message="{{property}} is not kebab-case",
        description="Paths are kebab-case.",
        source=tmp_path / ".spectral.yaml",
    )
    contact = ruleset.rules["contact-name"]
    assert contact.then == (Then("truthy", None, "name"), Then("truthy", None, "email"))
    assert contact.formats == FORMATS["oas3"]
    assert ruleset.severities == {"paths-kebab": "error", "contact-name": "off"}


def test_extends_a_file_and_overrides_its_severities(tmp_path: Path) -> None:
    _write(tmp_path, "base/style.yaml", RULES)
    child = _write(
        tmp_path,
        ".spectral.yml",
        "extends: [[./base/style.yaml, all], spectral:oas]\n"
        "rules:\n  paths-kebab: 1\n  operation-tags: off\n  info-contact: true\n",
    )
    ruleset = load_ruleset(child)
    assert ruleset.severities == {"paths-kebab": "warn", "contact-name": "warn"}
    assert ruleset.builtin_mode == "recommended"
    assert ruleset.builtin_severities == {"operation-tags": "off", "info-contact": "on"}
    assert ruleset.files == [child, tmp_path / "base" / "style.yaml"]


def test_extends_off_defines_the_rules_switched_off(tmp_path: Path) -> None:
    _write(tmp_path, "style.yaml", RULES)
    child = _write(
        tmp_path, ".spectral.yaml", "extends: [[style.yaml, off]]\nrules:\n  contact-name: error\n"
    )
    ruleset = load_ruleset(child)
    assert ruleset.severities == {"paths-kebab": "off", "contact-name": "error"}


def test_a_yaml_package_in_node_modules_is_read(tmp_path: Path) -> None:
    package = tmp_path / "node_modules" / "@acme" / "style"
    _write(package, "package.json", json.dumps({"main": "dist/ruleset.yaml"}))
    _write(package, "dist/ruleset.yaml", RULES)
    ruleset = load_ruleset(_write(tmp_path / "api", ".spectral.yaml", "extends: '@acme/style'\n"))
    assert set(ruleset.rules) == {"paths-kebab", "contact-name"}


def test_aliases_plain_and_scoped(tmp_path: Path) -> None:
    text = (
        "aliases:\n  Ops: ['$.paths[*][*]']\n  Schemas:\n    description: every schema\n"
        "    targets:\n      - formats: [oas2]\n        given: ['$.definitions[*]']\n"
        "      - formats: [oas3]\n        given: ['$.components.schemas[*]']\n"
        "rules:\n  ops:\n    given: '#Ops.summary'\n    then: {function: truthy}\n"
    )
    ruleset = load_ruleset(_write(tmp_path, ".spectral.yaml", text))
    assert ruleset.aliases == {
        "Ops": [(None, ("$.paths[*][*]",))],
        "Schemas": [
            (FORMATS["oas2"], ("$.definitions[*]",)),
            (FORMATS["oas3"], ("$.components.schemas[*]",)),
        ],
    }


def test_overrides_keep_files_and_severities(tmp_path: Path) -> None:
    text = (
        RULES + "overrides:\n  - files: ['legacy/**/*.yaml', 'api.yaml#/paths/~1old']\n"
        "    rules:\n      paths-kebab: off\n"
    )
    ruleset = load_ruleset(_write(tmp_path, ".spectral.yaml", text))
    [override] = ruleset.overrides
    assert override.files == ("legacy/**/*.yaml", "api.yaml#/paths/~1old")
    assert override.rules == {"paths-kebab": "off"}


@pytest.mark.parametrize(
    ("value", "expected"),
    [("error", "error"), ("hint", "hint"), (0, "error"), (3, "hint"), (-1, "off"), (False, "off")],
)
def test_severities_by_name_number_and_boolean(value: object, expected: str) -> None:
    assert severity_of(value) == expected


def test_true_means_the_rule_s_own_severity() -> None:
    assert severity_of(True) is None
    with pytest.raises(ValueError, match="severity 5 is not one of"):
        severity_of(5)


def test_find_ruleset_prefers_yaml(tmp_path: Path) -> None:
    assert find_ruleset(tmp_path) is None
    _write(tmp_path, ".spectral.json", "{}")
    _write(tmp_path, ".spectral.yaml", "rules: {}")
    assert find_ruleset(tmp_path) == tmp_path / ".spectral.yaml"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("rules:\n  r:\n    given: $\n", ":2: rules.r: a rule needs given and then"),
        (
            "rules:\n  r:\n    given: $\n    then: {function: truthy}\n    severity: loud\n",
            ':5: rules.r.severity: severity "loud" is not one of',
        ),
        (
            "rules:\n  r:\n    given: $\n    then: {function: truthy}\n    formats: [oas4]\n",
            ":5: rules.r.formats.0: unknown format 'oas4'",
        ),
        ("rulez: {}\n", ":1: rulez: unknown ruleset key 'rulez'"),
        ("description: nothing\n", ": (top level): a ruleset needs extends, rules or overrides"),
        ("extends: ./missing.yaml\n", "'./missing.yaml': no such ruleset file or package"),
        ("rules:\n  undefined-rule: off\n", "rule 'undefined-rule' is not defined by this"),
        ("aliases:\n  1bad: ['$']\nrules: {}\n", "alias name '1bad' must match"),
        ("rules: [\n", "ruleset"),
    ],
)
def test_a_bad_ruleset_is_one_line_naming_the_place(
    tmp_path: Path, text: str, message: str
) -> None:
    path = _write(tmp_path, ".spectral.yaml", text)
    with pytest.raises(RulesetError) as raised:
        load_ruleset(path)
    assert str(raised.value).startswith(f"ruleset {path}")
    assert message in str(raised.value)
    assert "\n" not in str(raised.value)


JS_RULESET = """\
"use strict";
var functions = require("@stoplight/spectral-functions");
var formats = require("@stoplight/spectral-formats");
var core = require("@stoplight/spectral-core");
var own = core.createRulesetFunction({input: null, options: null}, function ownCheck() {});
module.exports = {
  default: {
    formats: [formats.oas3],
    aliases: {Info: ["$.info"]},
    rules: {
      "info-title": {
        severity: 0,
        given: "#Info",
        then: {field: "title", function: functions.truthy},
      },
      "own-check": {given: "$", then: {function: own}},
    },
  },
};
"""


def test_a_javascript_ruleset_is_read_by_running_it(tmp_path: Path) -> None:
    pytest.importorskip("quickjs", reason="the javascript extra (QuickJS) is not installed")
    ruleset = load_ruleset(_write(tmp_path, "ruleset.js", JS_RULESET))
    title = ruleset.rules["info-title"]
    assert (title.given, title.then, title.severity) == (
        ("#Info",),
        (Then("truthy", None, "title"),),
        "error",
    )
    assert title.formats == FORMATS["oas3"]
    assert ruleset.rules["own-check"].then == (Then("inline:ownCheck"),)
    assert not_run(ruleset) == [
        "rule 'own-check' is not run: its function 'inline:ownCheck' is defined inside the"
        " JavaScript ruleset, which apilint cannot take out of it"
    ]


def test_a_javascript_ruleset_that_requires_another_package_is_one_line(
    tmp_path: Path,
) -> None:
    pytest.importorskip("quickjs", reason="the javascript extra (QuickJS) is not installed")
    path = _write(tmp_path, "ruleset.js", 'var x = require("lodash");\nmodule.exports = {};\n')
    with pytest.raises(RulesetError, match="it requires 'lodash', which apilint cannot load"):
        load_ruleset(path)


def test_an_asyncapi_ruleset_is_skipped_with_a_notice(tmp_path: Path) -> None:
    path = _write(tmp_path, ".spectral.yaml", "extends: [spectral:oas, spectral:asyncapi]\n")
    ruleset = load_ruleset(path)
    assert ruleset.builtin_mode == "recommended"
    assert ruleset.notices == [
        f"ruleset {path}: extends 'spectral:asyncapi', which apilint skips: AsyncAPI documents"
        " are not OpenAPI; apilint lints OpenAPI only"
    ]


def test_a_ruleset_that_extends_itself_is_refused(tmp_path: Path) -> None:
    _write(tmp_path, "a.yaml", "extends: ./b.yaml\n")
    _write(tmp_path, "b.yaml", "extends: ./a.yaml\n")
    with pytest.raises(RulesetError, match=r"extends itself \(a.yaml -> b.yaml -> a.yaml\)"):
        load_ruleset(tmp_path / "a.yaml")


def test_a_ruleset_is_told_from_an_apilint_config(tmp_path: Path) -> None:
    base = _write(tmp_path, "base.yaml", RULES)
    combined = _write(tmp_path, "combined.yaml", "extends: [./base.yaml]\n")
    config = _write(tmp_path, "ci.yaml", "extends: [recommended, ./base.yaml]\n")
    apilint_config = _write(tmp_path, ".apilint.yaml", "extends: [./base.yaml]\n")
    builtin = _write(tmp_path, "oas.yaml", "extends: [[spectral:oas, all]]\n")
    plain = _write(tmp_path, "plain.yaml", "rules:\n  info-contact: off\n")
    assert [is_ruleset(p) for p in (base, combined, builtin)] == [True, True, True]
    assert [is_ruleset(p) for p in (config, apilint_config, plain)] == [False, False, False]
