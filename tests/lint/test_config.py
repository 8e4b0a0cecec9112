"""Configuration as a user writes it: discovery, extends, rule values, overrides and errors."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import (
    CLEAN_SPEC,
    DIRTY_FINDINGS,
    DIRTY_RULES,
    DIRTY_SPEC,
    STRICT_DIRTY_FINDINGS,
    located,
    run,
    run_json,
)

from apilint.lint.config import coerce_config
from apilint.lint.registry import load_registry

Write = Callable[[str, str], Path]
#: the built-in rules (what each preset turns on is derived from their metadata)
REGISTRY = load_registry()

#: DIRTY_SPEC with every rule off but info-contact, at error.
ONLY_CONTACT = "extends: []\nrules: {info-contact: error}\n"


# --- discovery -------------------------------------------------------------------------------


def test_without_any_config_the_recommended_preset_applies(project: Path, write: Write) -> None:
    write("api.yaml", DIRTY_SPEC)
    code, payload = run_json("api.yaml")
    assert code == 1
    assert located(payload) == DIRTY_FINDINGS


@pytest.mark.parametrize("name", [".apilint.yaml", ".apilint.yml"])
def test_config_file_in_the_spec_folder_is_used(project: Path, write: Write, name: str) -> None:
    write(name, ONLY_CONTACT)
    write("api.yaml", DIRTY_SPEC)
    code, payload = run_json("api.yaml")
    assert (code, located(payload)) == (1, [(2, 1, "error", "info-contact")])


def test_config_is_found_from_the_spec_folder_upward(project: Path, write: Write) -> None:
    write(".apilint.yaml", ONLY_CONTACT)
    write("a/b/c/api.yaml", DIRTY_SPEC)
    _, payload = run_json("a/b/c/api.yaml")
    assert located(payload) == [(2, 1, "error", "info-contact")]


def test_the_nearest_config_wins(project: Path, write: Write) -> None:
    write(".apilint.yaml", "extends: []\n")
    write("team/.apilint.yaml", ONLY_CONTACT)
    write("team/api.yaml", DIRTY_SPEC)
    write("other/api.yaml", DIRTY_SPEC)
    _, payload = run_json("team/api.yaml", "other/api.yaml")
    assert [(f["file"], f["rule"]) for f in payload["findings"]] == [
        ("team/api.yaml", "info-contact")
    ]


def test_pyproject_tool_apilint_table_is_found_upward(project: Path, write: Write) -> None:
    write(
        "pyproject.toml",
        '[project]\nname = "x"\n\n[tool.apilint]\nextends = []\n'
        'rules = { info-contact = "error", operation-summary = { severity = "info" } }\n',
    )
    write("specs/api.yaml", DIRTY_SPEC)
    _, payload = run_json("specs/api.yaml")
    assert located(payload) == [
        (2, 1, "error", "info-contact"),
        (7, 5, "info", "operation-summary"),
    ]


def test_pyproject_without_tool_apilint_is_skipped(project: Path, write: Write) -> None:
    write(".apilint.yaml", ONLY_CONTACT)
    write("pkg/pyproject.toml", '[project]\nname = "pkg"\n\n[tool.black]\nline-length = 100\n')
    write("pkg/api.yaml", DIRTY_SPEC)
    _, payload = run_json("pkg/api.yaml")
    assert located(payload) == [(2, 1, "error", "info-contact")]


def test_explicit_config_wins_over_the_discovered_one(project: Path, write: Write) -> None:
    write(".apilint.yaml", "extends: []\n")
    write("ci/strict.yaml", "extends: [strict]\n")
    write("api.yaml", DIRTY_SPEC)
    code, payload = run_json("--config", "ci/strict.yaml", "api.yaml")
    assert code == 1
    assert located(payload) == STRICT_DIRTY_FINDINGS


def test_an_empty_config_file_means_recommended(project: Path, write: Write) -> None:
    write(".apilint.yaml", "")
    write("api.yaml", DIRTY_SPEC)
    _, payload = run_json("api.yaml")
    assert located(payload) == DIRTY_FINDINGS


# --- extends: presets and files -----------------------------------------------------------------


def _configured(config: Path) -> dict[str, str]:
    result = run("rules", "--config", str(config), "--format", "json")
    assert result.exit_code == 0, result.output
    return {row["id"]: row["configured"] for row in json.loads(result.stdout)}


def test_minimal_enables_only_structure_rules(project: Path, write: Write) -> None:
    config = write(".apilint.yaml", "extends: [minimal]\n")
    write("api.yaml", DIRTY_SPEC)
    code, payload = run_json("api.yaml")
    assert (code, located(payload)) == (1, [(7, 5, "error", "path-params-defined")])
    configured = _configured(config)
    on = {rule for rule, severity in configured.items() if severity != "off"}
    assert on == {item.id for item in REGISTRY if item.area == "structure" and item.recommended}
    assert {"oas-schema", "ref-unresolved", "duplicate-key"} <= on


def test_recommended_is_the_default_when_extends_is_absent(project: Path, write: Write) -> None:
    absent = write("absent.yaml", "rules: {}\n")
    explicit = write("explicit.yaml", "extends: recommended\n")
    write("api.yaml", DIRTY_SPEC)
    assert run_json("-c", "absent.yaml", "api.yaml") == run_json("-c", "explicit.yaml", "api.yaml")
    assert located(run_json("-c", "absent.yaml", "api.yaml")[1]) == DIRTY_FINDINGS
    off = {rule_id for rule_id, severity in _configured(absent).items() if severity == "off"}
    assert off == {item.id for item in REGISTRY if not item.recommended}
    assert {"tag-name-casing", "versioning-policy"} <= off  # two that are off by design
    assert _configured(absent) == _configured(explicit)


def test_strict_raises_warn_rules_to_error(project: Path, write: Write) -> None:
    config = write(".apilint.yaml", "extends: [strict]\n")
    write("api.yaml", DIRTY_SPEC)
    _, payload = run_json("api.yaml")
    assert located(payload) == STRICT_DIRTY_FINDINGS
    assert payload["summary"]["error"] == len(STRICT_DIRTY_FINDINGS) - 2  # two info rules
    assert "warn" not in set(_configured(config).values())  # info and hint rules stay as they are
    assert "off" not in set(_configured(config).values())


def test_extends_empty_list_turns_every_rule_off(project: Path, write: Write) -> None:
    config = write(".apilint.yaml", "extends: []\n")
    write("api.yaml", DIRTY_SPEC)
    code, payload = run_json("api.yaml")
    assert (code, payload["findings"], payload["files"]) == (0, [], ["api.yaml"])
    assert set(_configured(config).values()) == {"off"}


def test_extends_a_config_file_relative_to_the_config(project: Path, write: Write) -> None:
    write(
        "team/shared/base.yaml",
        "extends: []\nrules:\n  info-contact: error\n"
        "  operation-summary: {options: {max-length: 5}}\n",
    )
    write("team/project/.apilint.yaml", "extends: [../shared/base.yaml]\n")
    write("team/project/api.yaml", CLEAN_SPEC)
    write("team/project/dirty.yaml", DIRTY_SPEC)
    _, payload = run_json("team/project")
    assert [(f["file"], f["line"], f["severity"], f["rule"]) for f in payload["findings"]] == [
        ("team/project/api.yaml", 18, "warn", "operation-summary"),
        ("team/project/dirty.yaml", 2, "error", "info-contact"),
        ("team/project/dirty.yaml", 7, "warn", "operation-summary"),
    ]
    assert payload["findings"][0]["message"] == (
        "summary of GET /pets is 9 characters long (at most 5)"
    )


def test_a_severity_in_the_extending_config_keeps_the_base_options(
    project: Path, write: Write
) -> None:
    write("base.yaml", "extends: []\nrules: {operation-summary: {options: {max-length: 5}}}\n")
    write(".apilint.yaml", "extends: [base.yaml]\nrules: {operation-summary: error}\n")
    write("api.yaml", CLEAN_SPEC)
    _, payload = run_json("api.yaml")
    assert [(f["severity"], f["message"]) for f in payload["findings"]] == [
        ("error", "summary of GET /pets is 9 characters long (at most 5)")
    ]


def test_a_cycle_in_extends_is_a_clear_error(project: Path, write: Write) -> None:
    write("a.yaml", "extends: [b.yaml]\n")
    b = write("b.yaml", "extends: [a.yaml]\n")
    write("api.yaml", DIRTY_SPEC)
    result = run("lint", "-c", "a.yaml", "api.yaml")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"apilint: error: {b}: extends: 'a.yaml' extends itself (a cycle)\n"


def test_a_config_extending_itself_is_a_cycle(project: Path, write: Write) -> None:
    write(".apilint.yaml", "extends: .apilint.yaml\n")
    write("api.yaml", DIRTY_SPEC)
    result = run("lint", "-c", ".apilint.yaml", "api.yaml")
    assert (result.exit_code, result.stderr) == (
        2,
        "apilint: error: .apilint.yaml: extends: '.apilint.yaml' extends itself (a cycle)\n",
    )


def test_extends_naming_neither_preset_nor_file_is_an_error(project: Path, write: Write) -> None:
    write(".apilint.yaml", "extends: [recomended]\n")
    write("api.yaml", DIRTY_SPEC)
    result = run("lint", "-c", ".apilint.yaml", "api.yaml")
    assert (result.exit_code, result.stderr) == (
        2,
        "apilint: error: .apilint.yaml: extends: 'recomended' is neither a preset "
        "(minimal, recommended, strict, zalando) nor a config file\n",
    )


# --- rule values ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('"off"', []),
        ("hint", [(2, 1, "hint", "info-contact")]),
        ("info", [(2, 1, "info", "info-contact")]),
        ("warn", [(2, 1, "warn", "info-contact")]),
        ("warning", [(2, 1, "warn", "info-contact")]),
        ("error", [(2, 1, "error", "info-contact")]),
        ("{severity: hint}", [(2, 1, "hint", "info-contact")]),
        ("{severity: error}", [(2, 1, "error", "info-contact")]),
        ('{severity: "off"}', []),
    ],
)
def test_rule_severity_values(project: Path, write: Write, value: str, expected: list) -> None:
    write(".apilint.yaml", f"rules:\n  info-contact: {value}\n")
    write("api.yaml", DIRTY_SPEC)
    _, payload = run_json("api.yaml")
    others = [f for f in located(payload) if f[3] != "info-contact"]
    assert [f for f in located(payload) if f[3] == "info-contact"] == expected
    assert others == [f for f in DIRTY_FINDINGS if f[3] != "info-contact"]


@pytest.mark.parametrize(
    "config",
    [
        "rules:\n  info-contact: off\n",
        "rules:\n  info-contact: {severity: off}\n",
        "overrides:\n  - files: ['*.yaml']\n    rules: {info-contact: off}\n",
    ],
)
def test_unquoted_off_turns_a_rule_off(project: Path, write: Write, config: str) -> None:
    write(".apilint.yaml", config)
    write("api.yaml", DIRTY_SPEC)
    code, payload = run_json("api.yaml")
    assert code == 1
    assert located(payload) == [f for f in DIRTY_FINDINGS if f[3] != "info-contact"]


def test_options_are_merged_over_the_defaults(project: Path, write: Write) -> None:
    write(".apilint.yaml", "extends: []\nrules: {path-segment-casing: {options: {allow: [v1]}}}\n")
    assert coerce_config(Path(".apilint.yaml")).rules["path-segment-casing"].options == {  # type: ignore[union-attr]
        "style": "consistent",  # the default stays
        "pattern": "",
        "allow-digits": True,
        "allow": ["v1"],
    }
    write(
        ".apilint.yaml",
        "extends: []\nrules: {path-segment-casing: {options: {allow-digits: false}}}\n",
    )
    write("api.yaml", DIRTY_SPEC.replace("/userAccounts/{id}:", "/orders2/{id}:"))
    _, payload = run_json("api.yaml")
    assert [(f["severity"], f["message"]) for f in payload["findings"]] == [
        ("warn", "path segment 'orders2' contains digits")
    ]


def test_options_of_two_layers_are_merged(project: Path, write: Write) -> None:
    write(
        "base.yaml",
        "extends: []\nrules: {path-segment-casing: {options: {allow: [legacyItems]}}}\n",
    )
    write(
        ".apilint.yaml",
        "extends: [base.yaml]\nrules: {path-segment-casing: {options: {style: snake}}}\n",
    )
    write("api.yaml", DIRTY_SPEC.replace("/userAccounts/{id}:", "/legacyItems/orderItems/{id}:"))
    _, payload = run_json("api.yaml")
    assert [f["message"] for f in payload["findings"]] == [
        "path segment 'orderItems' is not snake_case (expected 'order_items')"
    ]


def test_options_given_to_a_rule_that_is_off_switch_it_on(project: Path, write: Write) -> None:
    write(".apilint.yaml", "extends: []\nrules: {operation-summary: {options: {max-length: 5}}}\n")
    write("api.yaml", CLEAN_SPEC)
    code, payload = run_json("api.yaml")
    assert code == 0  # on at its default severity, warn
    assert [(f["line"], f["severity"], f["rule"], f["message"]) for f in payload["findings"]] == [
        (18, "warn", "operation-summary", "summary of GET /pets is 9 characters long (at most 5)")
    ]


# --- overrides ------------------------------------------------------------------------------------


def test_overrides_apply_per_file(project: Path, write: Write) -> None:
    write(
        ".apilint.yaml",
        'overrides:\n  - files: ["legacy/*.yaml"]\n    rules: {operation-security: "off"}\n',
    )
    write("legacy/old.yaml", DIRTY_SPEC)
    write("current/new.yaml", DIRTY_SPEC)
    _, payload = run_json("legacy/old.yaml", "current/new.yaml")
    by_file: dict[str, list[str]] = {}
    for finding in payload["findings"]:
        by_file.setdefault(finding["file"], []).append(finding["rule"])
    assert sorted(by_file["current/new.yaml"]) == DIRTY_RULES
    assert sorted(by_file["legacy/old.yaml"]) == [
        r for r in DIRTY_RULES if r != "operation-security"
    ]


@pytest.mark.parametrize(
    ("pattern", "matched"),
    [
        # * stays within a folder: services/*.yaml is not services/petstore/openapi.yaml
        ("services/*.yaml", ["services/top.yaml"]),
        ("services/**/*.yaml", ["services/top.yaml", "services/petstore/openapi.yaml"]),
        ("services/", ["services/top.yaml", "services/petstore/openapi.yaml"]),
        # no slash: a name at any depth, as in .gitignore
        ("openapi.yaml", ["openapi.yaml", "services/petstore/openapi.yaml"]),
        ("/openapi.yaml", ["openapi.yaml"]),  # a leading slash anchors at the config's folder
    ],
)
def test_override_files_are_gitignore_style_globs(
    project: Path, write: Write, pattern: str, matched: list[str]
) -> None:
    write(
        ".apilint.yaml",
        f"overrides:\n  - files: [{json.dumps(pattern)}]\n    rules: {{info-contact: hint}}\n",
    )
    names = ["openapi.yaml", "services/top.yaml", "services/petstore/openapi.yaml"]
    config = coerce_config(Path(".apilint.yaml"))
    assert config is not None

    def severity(name: str) -> str:
        return config.settings_for(project / name)["info-contact"].severity.label  # type: ignore[union-attr]

    assert [name for name in names if severity(name) == "hint"] == matched


def test_an_override_can_exclude_with_a_bang(project: Path, write: Write) -> None:
    write(
        ".apilint.yaml",
        "overrides:\n  - files: ['services/**', '!services/core/**']\n"
        "    rules: {operation-security: 'off'}\n",
    )
    config = coerce_config(Path(".apilint.yaml"))
    assert config is not None
    assert (
        config.settings_for(project / "services/a/openapi.yaml")["operation-security"].severity
        is None
    )
    assert config.settings_for(project / "services/core/openapi.yaml")[
        "operation-security"
    ].severity


def test_overrides_are_applied_in_order(project: Path, write: Write) -> None:
    write(
        ".apilint.yaml",
        "extends: []\noverrides:\n"
        "  - files: ['*.yaml']\n    rules: {info-contact: warn}\n"
        "  - files: ['api.yaml']\n    rules: {info-contact: hint}\n",
    )
    write("api.yaml", DIRTY_SPEC)
    write("other.yaml", DIRTY_SPEC)
    _, payload = run_json("api.yaml", "other.yaml")
    assert [(f["file"], f["severity"], f["rule"]) for f in payload["findings"]] == [
        ("api.yaml", "hint", "info-contact"),
        ("other.yaml", "warn", "info-contact"),
    ]


def test_overrides_apply_to_referenced_files(project: Path, write: Write) -> None:
    write(
        ".apilint.yaml",
        "rules: {property-casing: {options: {style: camel}}}\n"
        'overrides:\n  - files: ["shared/*.yaml"]\n    rules: {property-casing: "off"}\n',
    )
    write(
        "api.yaml",
        CLEAN_SPEC + "  schemas:\n    Local:\n      type: object\n      properties:\n"
        "        first_name: {type: string}\n"
        "    Remote:\n      $ref: shared/schemas.yaml#/Remote\n",
    )
    write("shared/schemas.yaml", "Remote:\n  type: object\n  properties:\n    last_name: {}\n")
    _, payload = run_json("api.yaml")
    casing = [f for f in payload["findings"] if f["rule"] == "property-casing"]
    assert [(f["file"], f["line"], f["rule"]) for f in casing] == [
        ("api.yaml", 56, "property-casing")  # the one in shared/schemas.yaml is off there
    ]


# --- config errors --------------------------------------------------------------------------------

#: (config file, content, the key the message names, a fragment of the message)
CONFIG_ERRORS = {
    "unknown-rule": (
        ".apilint.yaml",
        "rules: {operation-sumary: error}\n",
        "rules.operation-sumary",
        "unknown rule id 'operation-sumary' (did you mean 'operation-summary'?)",
    ),
    "unknown-rule-in-override": (
        ".apilint.yaml",
        "overrides: [{files: ['*.yaml'], rules: {operation-sumary: warn}}]\n",
        "overrides.0.rules.operation-sumary",
        "unknown rule id 'operation-sumary' (did you mean 'operation-summary'?)",
    ),
    "bad-severity": (
        ".apilint.yaml",
        "rules: {operation-summary: loud}\n",
        "rules.operation-summary",
        "'loud'",
    ),
    "bad-severity-object": (
        ".apilint.yaml",
        "rules: {operation-summary: {severity: loud}}\n",
        "rules.operation-summary.severity",
        "'loud' is not a severity: use one of off, hint, info, warn",
    ),
    "bad-option-value": (
        ".apilint.yaml",
        "rules: {path-segment-casing: {options: {style: kebap}}}\n",
        "rules.path-segment-casing.options.style",
        "'kebap' is not one of",
    ),
    "unknown-option": (
        ".apilint.yaml",
        "rules: {path-segment-casing: {options: {colour: red}}}\n",
        "rules.path-segment-casing.options",
        "unknown option 'colour'; options: allow, allow-digits, pattern, style",
    ),
    "mistyped-option": (
        ".apilint.yaml",
        "rules: {path-segment-casing: {options: {stlye: kebab}}}\n",
        "rules.path-segment-casing.options",
        "unknown option 'stlye' (did you mean 'style'?)",
    ),
    "mistyped-option-value": (
        ".apilint.yaml",
        "rules: {path-segment-casing: {options: {style: kebap}}}\n",
        "rules.path-segment-casing.options.style",
        "(did you mean 'kebab'?)",
    ),
    "unknown-rule-key": (
        ".apilint.yaml",
        "rules: {operation-summary: {severity: warn, opts: {}}}\n",
        "rules.operation-summary",
        "unknown key 'opts' (did you mean 'options'?); known keys: severity, options",
    ),
    "unknown-top-level-key": (
        ".apilint.yaml",
        "rulez: {}\n",
        "'rulez'",
        "unknown key 'rulez' (did you mean 'rules'?); known keys: extends, rules, overrides, "
        "plugins, refs, max-file-size, diff, report",
    ),
    "bad-type": (".apilint.yml", "max-file-size: big\n", "max-file-size", "'big' is not of type"),
    "toml-unknown-key": (
        "pyproject.toml",
        "[tool.apilint]\nrulez = 1\n",
        "[tool.apilint]",
        "unknown key 'rulez' (did you mean 'rules'?)",
    ),
    "toml-unknown-rule": (
        "pyproject.toml",
        '[tool.apilint]\nrules = { operation-sumary = "warn" }\n',
        "rules.operation-sumary",
        "(did you mean 'operation-summary'?)",
    ),
}


@pytest.mark.parametrize("case", sorted(CONFIG_ERRORS))
def test_config_error_is_one_line_naming_file_and_key(
    project: Path, write: Write, case: str
) -> None:
    name, content, key, fragment = CONFIG_ERRORS[case]
    write(name, content)
    write("api.yaml", DIRTY_SPEC)
    result = run("lint", "--config", name, "api.yaml")
    assert result.exit_code == 2
    assert isinstance(result.exception, SystemExit)
    assert result.stdout == ""
    assert result.stderr.startswith(f"apilint: error: {name}")
    assert result.stderr.endswith("\n") and result.stderr.count("\n") == 1
    assert key in result.stderr
    assert fragment in result.stderr


#: The cases whose key is joined to the file name with a dot instead of ": ".


@pytest.mark.parametrize(
    ("case", "prefix"),
    [
        pytest.param("unknown-rule", ".apilint.yaml: rules.operation-sumary: "),
        ("unknown-rule-in-override", ".apilint.yaml: overrides.0.rules.operation-sumary: "),
        ("bad-severity", ".apilint.yaml: rules.operation-summary: "),
        ("bad-severity-object", ".apilint.yaml: rules.operation-summary.severity: "),
        pytest.param(
            "bad-option-value", ".apilint.yaml: rules.path-segment-casing.options.style: "
        ),
        pytest.param("unknown-option", ".apilint.yaml: rules.path-segment-casing.options: "),
        ("unknown-top-level-key", ".apilint.yaml: unknown key 'rulez' "),
        ("bad-type", ".apilint.yml: max-file-size: "),
        (
            "toml-unknown-key",
            "pyproject.toml [tool.apilint]: unknown key 'rulez' ",
        ),
        pytest.param(
            "toml-unknown-rule", "pyproject.toml [tool.apilint]: rules.operation-sumary: "
        ),
    ],
)
def test_config_error_names_the_file_then_the_key(
    project: Path, write: Write, case: str, prefix: str
) -> None:
    name, content, _, _ = CONFIG_ERRORS[case]
    write(name, content)
    write("api.yaml", DIRTY_SPEC)
    result = run("lint", "--config", name, "api.yaml")
    assert result.stderr.startswith(f"apilint: error: {prefix}")


def test_bad_severity_message_lists_the_allowed_words(project: Path, write: Write) -> None:
    write(".apilint.yaml", "rules: {operation-summary: loud}\n")
    write("api.yaml", DIRTY_SPEC)
    result = run("lint", "-c", ".apilint.yaml", "api.yaml")
    message = result.stderr.split("rules.operation-summary", 1)[1]
    assert all(word in message for word in ("off", "hint", "info", "warn", "error"))


def test_invalid_yaml_in_config_is_an_error(project: Path, write: Write) -> None:
    write(".apilint.yaml", "rules: [oops\n")
    write("api.yaml", DIRTY_SPEC)
    result = run("lint", "-c", ".apilint.yaml", "api.yaml")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "apilint: error: .apilint.yaml:2:1: invalid YAML in config: "
        "did not find expected ',' or ']'\n"
    )


def test_invalid_toml_in_config_is_an_error(project: Path, write: Write) -> None:
    write("pyproject.toml", "[tool.apilint\n")
    write("api.yaml", DIRTY_SPEC)
    result = run("lint", "-c", "pyproject.toml", "api.yaml")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith("apilint: error: pyproject.toml: invalid TOML: ")
    assert result.stderr.count("\n") == 1


def test_discovered_pyproject_with_invalid_toml_is_an_error(project: Path, write: Write) -> None:
    write("pyproject.toml", "[tool.apilint]\nextends = [\n")
    write("api.yaml", DIRTY_SPEC)
    result = run("lint", "api.yaml")
    assert result.exit_code == 2
    assert "pyproject.toml: invalid TOML" in result.stdout


def test_discovered_bad_config_is_reported_once_for_all_the_specs_it_covers(
    project: Path, write: Write
) -> None:
    write(".apilint.yaml", "rules: {operation-sumary: error}\n")
    write("a.yaml", DIRTY_SPEC)
    write("b.yaml", DIRTY_SPEC)
    code, payload = run_json("a.yaml", "b.yaml")
    assert code == 2
    assert payload["findings"] == []
    assert payload["errors"] == [
        {
            "file": ".apilint.yaml",
            "message": "rules.operation-sumary: unknown rule id 'operation-sumary'"
            " (did you mean 'operation-summary'?)",
            "line": None,
            "column": None,
        }
    ]


#: A config with five mistakes: two the schema finds, three only the rules know of.
FIVE_MISTAKES = """\
rulez: {}
rules:
  operation-sumary: error
  property-casing: {severity: loud}
  path-segment-casing: {options: {stlye: kebab}}
overrides:
  - files: [legacy/**]
    rules: {operation-security: {options: {public-path: [/health]}}}
"""


def test_every_problem_of_a_config_is_reported_at_once(project: Path, write: Write) -> None:
    write(".apilint.yaml", FIVE_MISTAKES)
    write("api.yaml", DIRTY_SPEC)
    result = run("lint", "-c", ".apilint.yaml", "api.yaml")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "apilint: error: .apilint.yaml: unknown key 'rulez' (did you mean 'rules'?); known keys:"
        " extends, rules, overrides, plugins, refs, max-file-size, diff, report\n"
        "apilint: error: .apilint.yaml: rules.property-casing.severity: 'loud' is not a"
        " severity: use one of off, hint, info, warn, warning, error\n"
        "apilint: error: .apilint.yaml: rules.operation-sumary: unknown rule id"
        " 'operation-sumary' (did you mean 'operation-summary'?)\n"
        "apilint: error: .apilint.yaml: rules.path-segment-casing.options: unknown option"
        " 'stlye' (did you mean 'style'?); options: allow, allow-digits, pattern, style\n"
        "apilint: error: .apilint.yaml: overrides.0.rules.operation-security.options: unknown"
        " option 'public-path' (did you mean 'public-paths'?); options: public-marker,"
        " public-paths\n"
    )


def test_a_folder_under_a_bad_config_reports_each_problem_once(project: Path, write: Write) -> None:
    """Seventeen specs under one bad config: each problem once, not once per spec."""
    write(".apilint.yaml", FIVE_MISTAKES)
    for number in range(17):
        write(f"specs/api{number}.yaml", DIRTY_SPEC)
    for jobs in ("1", "2"):
        result = run("lint", "-j", jobs, "specs")
        assert result.exit_code == 2
        lines = result.stdout.splitlines()
        assert lines[:5] == [
            ".apilint.yaml: overrides.0.rules.operation-security.options: unknown option"
            " 'public-path' (did you mean 'public-paths'?); options: public-marker, public-paths",
            ".apilint.yaml: rules.operation-sumary: unknown rule id 'operation-sumary'"
            " (did you mean 'operation-summary'?)",
            ".apilint.yaml: rules.path-segment-casing.options: unknown option 'stlye'"
            " (did you mean 'style'?); options: allow, allow-digits, pattern, style",
            ".apilint.yaml: rules.property-casing.severity: 'loud' is not a severity: use one of"
            " off, hint, info, warn, warning, error",
            ".apilint.yaml: unknown key 'rulez' (did you mean 'rules'?); known keys: extends,"
            " rules, overrides, plugins, refs, max-file-size, diff, report",
        ]
        assert "api0.yaml" not in result.stdout


def test_a_bad_pyproject_table_is_reported_in_the_pyproject(project: Path, write: Write) -> None:
    write("pyproject.toml", '[tool.apilint]\nrules = { operation-sumary = "warn" }\n')
    write("a.yaml", DIRTY_SPEC)
    write("b.yaml", DIRTY_SPEC)
    code, payload = run_json("a.yaml", "b.yaml")
    assert code == 2
    assert [(e["file"], e["message"]) for e in payload["errors"]] == [
        (
            "pyproject.toml",
            "[tool.apilint]: rules.operation-sumary: unknown rule id 'operation-sumary'"
            " (did you mean 'operation-summary'?)",
        )
    ]


def test_a_mistyped_change_id_gets_a_did_you_mean(project: Path, write: Write) -> None:
    write(".apilint.yaml", "diff: {changes: {operation-remove: info, nothing-like-it: off}}\n")
    write("old.yaml", CLEAN_SPEC)
    write("new.yaml", CLEAN_SPEC)
    result = run("diff", "-c", ".apilint.yaml", "old.yaml", "new.yaml")
    assert result.exit_code == 2
    assert result.stderr == (
        "apilint: error: .apilint.yaml: diff.changes: unknown change id 'operation-remove'"
        " (did you mean 'operation-removed'?)\n"
        "apilint: error: .apilint.yaml: diff.changes: unknown change id 'nothing-like-it'"
        " (the README lists every change kind)\n"
    )


def test_missing_config_file_is_an_error(project: Path, write: Write) -> None:
    write("api.yaml", DIRTY_SPEC)
    result = run("lint", "-c", "nope.yaml", "api.yaml")
    assert (result.exit_code, result.stderr) == (
        2,
        "apilint: error: nope.yaml: cannot read config: No such file or directory\n",
    )


def test_an_invalid_regex_option_is_a_config_error(project: Path, write: Write) -> None:
    write(".apilint.yaml", 'rules: {info-version-format: {options: {pattern: "["}}}\n')
    write("api.yaml", DIRTY_SPEC)
    result = run("lint", "-c", ".apilint.yaml", "api.yaml")
    assert result.exit_code == 2
    assert result.stderr.startswith("apilint: error: .apilint.yaml")
    assert "info-version-format.options.pattern" in result.stderr


def test_an_infinite_max_file_size_is_a_config_error(project: Path, write: Write) -> None:
    write(".apilint.yaml", "max-file-size: .inf\n")
    write("api.yaml", DIRTY_SPEC)
    result = run("lint", "-c", ".apilint.yaml", "api.yaml")
    assert isinstance(result.exception, SystemExit)
    assert result.exit_code == 2
    assert result.stderr.startswith("apilint: error: .apilint.yaml: max-file-size")
