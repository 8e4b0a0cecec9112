"""Spectral's and Redocly's rule ids: the table of what covers each, and the ids as aliases
wherever a user names a rule (config, overrides, ``apilint rules``, x-apilint-ignore)."""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import located, run, run_json

from apilint.lint.config import build_config
from apilint.lint.peer_rules import PEER_NAMES, alias_target, aliases_of, entries, named
from apilint.lint.registry import load_registry

Write = Callable[[str, str], Path]
ROOT = Path(__file__).resolve().parents[2]

#: An unused schema (component-unused, line 10) whose enum repeats a value (enum-duplicate).
SPEC = """\
openapi: 3.0.3
info: {title: Pets, version: 1.0.0}
paths:
  /pets:
    get:
      responses:
        '200': {description: The pets.}
components:
  schemas:
    Legacy:
      type: string
      enum: [old, old]
"""
UNUSED = (10, 5, "warn", "component-unused")
DUPLICATE = (12, 19, "warn", "enum-duplicate")
BOTH_ON = "extends: []\nrules: {component-unused: warn, enum-duplicate: warn}\n"


def _with_marker(names: str) -> str:
    """SPEC with an x-apilint-ignore marker listing ``names`` on the schema (line 11)."""
    return SPEC.replace(
        "      type: string\n", f"      x-apilint-ignore: [{names}]\n      type: string\n"
    )


def _error(result_stderr: str) -> str:
    lines = result_stderr.splitlines()
    assert len(lines) == 1, result_stderr
    return lines[0]


# --- the table -------------------------------------------------------------------------------


def test_each_peer_lists_each_rule_once_in_id_order() -> None:
    for peer in PEER_NAMES:
        ids = [entry.id for entry in entries() if entry.peer == peer]
        assert ids == sorted(ids)
        assert len(ids) == len(set(ids))
    assert [entry.peer for entry in entries()] == sorted(
        (entry.peer for entry in entries()), key=list(PEER_NAMES).index
    )


def test_an_alias_names_exactly_one_other_rule_and_every_entry_has_a_note() -> None:
    for entry in entries():
        assert entry.note.endswith("."), entry
        if entry.alias:
            assert len(entry.apilint) == 1 and entry.apilint[0] != entry.id, entry
            assert alias_target(entry.id) == entry.apilint[0]
            assert entry.id in aliases_of(entry.apilint[0])
        elif alias_target(entry.id) is not None:  # the other peer's rule of the same id
            assert any(other.alias for other in named(entry.id))


def test_a_rule_id_both_peers_use_means_the_same_to_both() -> None:
    for entry in entries():
        others = named(entry.id)
        assert {(other.apilint, other.alias) for other in others} == {
            (entry.apilint, entry.alias)
        }, entry.id


def test_every_apilint_rule_the_table_names_exists() -> None:
    """Fails until every planned rule the table names has landed."""
    registry = load_registry()
    missing = sorted({rule for e in entries() for rule in e.apilint if rule not in registry})
    assert missing == []


def test_the_readme_table_is_generated_from_the_table() -> None:
    spec = importlib.util.spec_from_file_location("generate_docs", ROOT / "docs" / "generate.py")
    assert spec is not None and spec.loader is not None
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start, end = f"{generator.PEER_START}\n", generator.PEER_END
    assert readme[readme.index(start) + len(start) : readme.index(end)] == generator.peer_table()
    assert "| Spectral | `oas3-unused-component` | [`component-unused`]" in readme
    assert "&lt;script&gt;" in generator.peer_table()  # shown, not HTML


# --- aliases in the config -------------------------------------------------------------------


def test_the_spec_has_the_two_findings_without_aliases(project: Path, write: Write) -> None:
    write(".apilint.yaml", BOTH_ON)
    write("api.yaml", SPEC)
    assert located(run_json("api.yaml")[1]) == [UNUSED, DUPLICATE]


def test_an_alias_switches_its_rule_off(project: Path, write: Write) -> None:
    write(".apilint.yaml", "rules: {oas3-unused-component: off}\n")  # over recommended
    write("api.yaml", SPEC)
    findings = run_json("api.yaml")[1]["findings"]
    assert "component-unused" not in {f["rule"] for f in findings}
    assert "enum-duplicate" in {f["rule"] for f in findings}


def test_aliases_of_both_peers_set_severities(project: Path, write: Write) -> None:
    write(
        ".apilint.yaml",
        "extends: []\nrules: {no-unused-components: error, duplicated-entry-in-enum: info}\n",
    )
    write("api.yaml", SPEC)
    code, payload = run_json("api.yaml")
    assert (code, located(payload)) == (
        1,
        [(10, 5, "error", "component-unused"), (12, 19, "info", "enum-duplicate")],
    )


def test_an_alias_in_a_pyproject_table(project: Path, write: Write) -> None:
    write(
        "pyproject.toml",
        '[tool.apilint]\nextends = []\nrules = { no-duplicated-enum-values = "error" }\n',
    )
    write("api.yaml", SPEC)
    assert located(run_json("api.yaml")[1]) == [(12, 19, "error", "enum-duplicate")]


def test_an_alias_in_overrides(project: Path, write: Write) -> None:
    write(
        ".apilint.yaml",
        BOTH_ON + "overrides:\n  - files: ['legacy/**']\n    rules: {oas3-unused-component: off}\n",
    )
    write("api.yaml", SPEC)
    write("legacy/api.yaml", SPEC)
    assert located(run_json("api.yaml")[1]) == [UNUSED, DUPLICATE]
    assert located(run_json("legacy/api.yaml")[1]) == [DUPLICATE]


def test_an_alias_in_python_config_data() -> None:
    config = build_config({"extends": [], "rules": {"oas3-unused-component": "error"}})
    assert config.rules["component-unused"].severity is not None
    assert "oas3-unused-component" not in config.rules


def test_a_rule_named_by_its_id_and_an_alias_is_one_error(project: Path, write: Write) -> None:
    write(".apilint.yaml", "rules: {component-unused: warn, oas3-unused-component: off}\n")
    write("api.yaml", SPEC)
    result = run("lint", "-c", ".apilint.yaml", "api.yaml")
    assert (result.exit_code, result.stdout) == (2, "")
    assert _error(result.stderr) == (
        "apilint: error: .apilint.yaml: rules: 'component-unused' and 'oas3-unused-component'"
        " name the same rule ('component-unused'): keep one"
    )


def test_two_aliases_of_one_rule_in_an_override_are_an_error(project: Path, write: Write) -> None:
    write(
        ".apilint.yaml",
        "overrides:\n  - files: ['*.yaml']\n"
        "    rules: {no-unused-components: warn, oas3-unused-component: off}\n",
    )
    write("api.yaml", SPEC)
    result = run("lint", "-c", ".apilint.yaml", "api.yaml")
    assert result.exit_code == 2
    assert _error(result.stderr) == (
        "apilint: error: .apilint.yaml: overrides.0.rules: 'no-unused-components' and"
        " 'oas3-unused-component' name the same rule ('component-unused'): keep one"
    )


def test_a_peer_rule_apilint_has_no_equivalent_of_is_explained(project: Path, write: Write) -> None:
    write(".apilint.yaml", "rules: {operation-singular-tag: warn}\n")
    write("api.yaml", SPEC)
    result = run("lint", "-c", ".apilint.yaml", "api.yaml")
    assert result.exit_code == 2
    assert _error(result.stderr).startswith(
        "apilint: error: .apilint.yaml: rules.operation-singular-tag: 'operation-singular-tag'"
        " is a Spectral rule apilint has no equivalent of: An operation may rightly belong"
    )


def test_a_peer_rule_apilint_covers_differently_names_the_rules(
    project: Path, write: Write
) -> None:
    write(".apilint.yaml", "rules: {security-defined: off}\n")
    write("api.yaml", SPEC)
    line = _error(run("lint", "-c", ".apilint.yaml", "api.yaml").stderr)
    assert line.startswith(
        "apilint: error: .apilint.yaml: rules.security-defined: 'security-defined' is a Redocly"
        " rule apilint covers differently, with 'security-scheme-defined' and"
        " 'operation-security': Redocly checks in one rule"
    )


def test_a_mistyped_alias_gets_a_did_you_mean(project: Path, write: Write) -> None:
    write(".apilint.yaml", "rules: {oas3-unused-componnt: off}\n")
    write("api.yaml", SPEC)
    assert _error(run("lint", "-c", ".apilint.yaml", "api.yaml").stderr).endswith(
        "unknown rule id 'oas3-unused-componnt' (did you mean 'oas3-unused-component'?)"
    )


PLUGIN_WITH_A_PEER_ID = '''\
from apilint.lint.declare import rule


@rule("no-unused-components", area="structure", severity="info", summary="A plugin's rule.")
def plugin_rule(doc, options):
    """Reports nothing.

    Why: tests.
    """
    return iter(())
'''


def test_a_rule_whose_id_is_a_peer_id_wins_over_the_alias(
    project: Path, write: Write, plugin_module: Callable[..., str]
) -> None:
    name = plugin_module("peer_id_plugin", PLUGIN_WITH_A_PEER_ID)
    config = build_config(
        {"plugins": [name], "rules": {"no-unused-components": "error", "component-unused": "off"}}
    )
    assert config.rules["no-unused-components"].severity is not None
    assert config.rules["component-unused"].severity is None


# --- aliases in x-apilint-ignore -------------------------------------------------------------

MARKER_RULES_ON = BOTH_ON.replace("}", ", ignore-unused: warn, ignore-unknown-rule: warn}")


def test_an_alias_in_a_marker_silences_its_rule(project: Path, write: Write) -> None:
    write(".apilint.yaml", MARKER_RULES_ON)
    write("api.yaml", _with_marker("oas3-unused-component"))
    assert located(run_json("api.yaml")[1]) == [(13, 19, "warn", "enum-duplicate")]


def test_an_alias_in_a_marker_that_silences_nothing_is_unused(project: Path, write: Write) -> None:
    write(".apilint.yaml", MARKER_RULES_ON)
    write("api.yaml", _with_marker("no-unused-components, duplicated-entry-in-enum, oas3-schema"))
    findings = run_json("api.yaml")[1]["findings"]
    assert [(f["line"], f["rule"], f["message"]) for f in findings] == [
        (
            11,
            "ignore-unused",
            "x-apilint-ignore of Legacy: 'oas3-schema' suppresses nothing (the rule is off)",
        ),
    ]


def test_a_peer_rule_without_alias_in_a_marker_is_explained(project: Path, write: Write) -> None:
    write(".apilint.yaml", MARKER_RULES_ON)
    write("api.yaml", _with_marker("oas3-unused-component, no-eval-in-markdown"))
    findings = run_json("api.yaml")[1]["findings"]
    unknown = [f["message"] for f in findings if f["rule"] == "ignore-unknown-rule"]
    assert unknown == [
        "x-apilint-ignore of Legacy: 'no-eval-in-markdown' is a Spectral rule apilint covers"
        " differently, with 'markdown-unsafe': markdown-unsafe checks <script> tags, eval(,"
        " event handlers and javascript: links together, in titles, summaries and descriptions"
        " (Spectral splits them in two)."
    ]


# --- aliases on the command line -------------------------------------------------------------


def test_apilint_rules_shows_the_rule_an_alias_names(project: Path) -> None:
    result = run("rules", "oas3-unused-component")
    assert result.exit_code == 0
    assert result.stdout.startswith("component-unused: ")
    assert result.stderr == "apilint: 'oas3-unused-component' is an alias of 'component-unused'\n"
    as_json = run("rules", "--format", "json", "no-duplicated-enum-values")
    assert json.loads(as_json.stdout)["id"] == "enum-duplicate"


def test_apilint_rules_explains_a_peer_rule_without_alias(project: Path) -> None:
    result = run("rules", "openapi-tags-alphabetical")
    assert result.exit_code == 2
    assert _error(result.stderr).startswith(
        "apilint: error: 'openapi-tags-alphabetical' is a Spectral rule apilint has no"
        " equivalent of: The order of the tags"
    )


@pytest.mark.parametrize("name", ["oas3-unused-component", "typed-enum"])
def test_a_peer_id_resolves_to_one_rule(name: str) -> None:
    target = alias_target(name) or name
    assert target in load_registry()
