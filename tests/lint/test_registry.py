"""Finding rules: the built-in modules through entry points, plugins by import name or path."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from importlib.metadata import distribution, entry_points
from pathlib import Path

import pytest
from conftest import (
    CRASHING_PLUGIN_SOURCE,
    DIRTY_FINDINGS,
    DIRTY_SPEC,
    PLUGIN_SOURCE,
    located,
    run,
    run_json,
)

from apilint.lint.registry import ENTRY_POINT_GROUP, PluginError, Registry, load_registry

Write = Callable[[str, str], Path]

#: Every built-in rule has a fixture folder named after its id (tests/rules checks each one):
#: the ids come from there, not from a list kept by hand.
FIXTURES = Path(__file__).parent.parent / "rules" / "fixtures"
BUILTIN_IDS = sorted(folder.name for folder in FIXTURES.iterdir() if folder.is_dir())

PREFIX_FINDING = (8, 7, "warn", "operation-id-prefix")
WITH_PREFIX = sorted([*DIRTY_FINDINGS, PREFIX_FINDING], key=lambda f: (f[0], f[1], f[3]))


def test_every_builtin_rule_module_is_an_entry_point() -> None:
    """Each module of rules/ (but its private helpers) is registered as a third party's is."""
    found = {e.name: e.value for e in entry_points(group="apilint.rules")}
    assert ENTRY_POINT_GROUP == "apilint.rules"
    folder = Path(__file__).resolve().parents[2] / "rules"
    modules = sorted(p.stem for p in folder.glob("*.py") if not p.stem.startswith("_"))
    assert {name: found.get(name) for name in modules} == {
        name: f"apilint.rules.{name}" for name in modules
    }
    assert len(modules) >= 6


def test_registry_holds_every_builtin_rule_in_id_order() -> None:
    registry = load_registry()
    assert [item.id for item in registry] == BUILTIN_IDS
    # the built-in modules are the entry points apilint's own distribution declares
    declared = distribution("apilint").entry_points.select(group=ENTRY_POINT_GROUP)
    modules = {entry.value for entry in declared}
    assert modules and all(module.startswith("apilint.rules.") for module in modules)
    assert {item.module for item in registry} == modules


def test_a_builtin_module_also_named_as_a_plugin_is_not_a_clash() -> None:
    """Registered twice, once by its entry point and once by name: the same rules, once."""
    registry = load_registry(["apilint.rules.auth"])
    assert [item.id for item in registry] == BUILTIN_IDS


def test_registry_suggests_a_close_rule_id() -> None:
    registry = load_registry()
    assert registry.suggest("operation-sumary") == " (did you mean 'operation-summary'?)"
    assert registry.suggest("zzzz") == ""


def test_two_rules_with_one_id_are_refused() -> None:
    registry = load_registry()
    original = registry["operation-summary"]
    clone = replace(original, module="acme")
    with pytest.raises(PluginError, match="rule id 'operation-summary' is defined twice"):
        Registry([original, clone])


def test_plugin_by_import_name_adds_its_rules(plugin_module: Callable[..., str]) -> None:
    name = plugin_module("acme_rules_by_name")
    assert [item.id for item in load_registry([name])] == sorted(
        [*BUILTIN_IDS, "operation-id-prefix"]
    )


def test_plugin_that_fails_to_import_is_a_plugin_error() -> None:
    with pytest.raises(PluginError, match="cannot load rule plugin 'no_such_apilint_plugin'"):
        load_registry(["no_such_apilint_plugin"])


# --- plugins through a config, as a user sees them -----------------------------------------------


def test_plugin_by_import_name_runs(
    project: Path, write: Write, plugin_module: Callable[..., str]
) -> None:
    plugin_module("acme_rules_cli")
    write(".apilint.yaml", "plugins: [acme_rules_cli]\n")
    write("api.yaml", DIRTY_SPEC)
    code, payload = run_json("api.yaml")
    assert code == 1
    assert located(payload) == WITH_PREFIX
    [finding] = [f for f in payload["findings"] if f["rule"] == "operation-id-prefix"]
    assert finding["message"] == "operationId 'get_user' lacks the prefix 'acme'"
    assert finding["pointer"] == "/paths/~1userAccounts~1{id}/get/operationId"


def test_plugin_rule_options_are_configurable(
    project: Path, write: Write, plugin_module: Callable[..., str]
) -> None:
    plugin_module("acme_rules_options")
    write(
        ".apilint.yaml",
        "plugins: [acme_rules_options]\nrules: {operation-id-prefix: {options: {prefix: get}}}\n",
    )
    write("api.yaml", DIRTY_SPEC)
    _, payload = run_json("api.yaml")
    assert located(payload) == DIRTY_FINDINGS


def test_plugin_rule_takes_part_in_presets(
    project: Path, write: Write, plugin_module: Callable[..., str]
) -> None:
    plugin_module("acme_rules_strict")
    write(".apilint.yaml", "extends: [strict]\nplugins: [acme_rules_strict]\n")
    write("api.yaml", DIRTY_SPEC)
    _, payload = run_json("api.yaml")
    assert (8, 7, "error", "operation-id-prefix") in located(payload)


def test_plugin_by_path_is_relative_to_the_config(project: Path, write: Write) -> None:
    write("config/rules/acme.py", PLUGIN_SOURCE)
    write("config/.apilint.yaml", "plugins: [rules/acme.py]\n")
    write("config/specs/api.yaml", DIRTY_SPEC)
    code, payload = run_json("config/specs/api.yaml")  # run from the folder above the config
    assert code == 1
    assert located(payload) == WITH_PREFIX


def test_plugin_rules_are_listed_by_rules_with_config(project: Path, write: Write) -> None:
    write("rules/acme.py", PLUGIN_SOURCE)
    write("lint.yaml", "plugins: [rules/acme.py]\n")
    result = run("rules", "-c", "lint.yaml")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == len(BUILTIN_IDS) + 1
    [line] = [ln for ln in lines if ln.startswith("operation-id-prefix ")]
    assert line.split(None, 3) == [
        "operation-id-prefix",
        "naming",
        "warn",
        "operationIds start with the team prefix.",
    ]
    assert "operation-id-prefix" not in run("rules").stdout


def test_plugin_rules_are_listed_from_the_discovered_config(project: Path, write: Write) -> None:
    write("rules/acme.py", PLUGIN_SOURCE)
    write(".apilint.yaml", "plugins: [rules/acme.py]\n")
    result = run("rules")
    assert result.exit_code == 0
    assert [ln.split()[0] for ln in result.stdout.splitlines()] == sorted(
        [*BUILTIN_IDS, "operation-id-prefix"]
    )


@pytest.mark.parametrize("command", ["lint", "rules"])
def test_plugin_that_fails_to_import_is_a_config_error(
    project: Path, write: Write, command: str
) -> None:
    write(".apilint.yaml", "plugins: [no_such_apilint_plugin]\n")
    write("api.yaml", DIRTY_SPEC)
    args = ["lint", "-c", ".apilint.yaml", "api.yaml"] if command == "lint" else ["rules"]
    result = run(*args)
    assert result.exit_code == 2
    assert isinstance(result.exception, SystemExit)
    assert result.stdout == ""
    expected_file = ".apilint.yaml" if command == "lint" else str(project / ".apilint.yaml")
    assert result.stderr == (
        f"apilint: error: {expected_file}: plugins: cannot load rule plugin "
        "'no_such_apilint_plugin': No module named 'no_such_apilint_plugin'\n"
    )


@pytest.mark.parametrize(
    ("name", "source", "detail"),
    [
        ("syntax.py", "def broken(:\n", "invalid syntax (syntax.py, line 1)"),
        ("raises.py", "raise RuntimeError('plugin exploded')\n", "plugin exploded"),
    ],
)
def test_plugin_file_that_fails_to_import_is_a_config_error(
    project: Path, write: Write, name: str, source: str, detail: str
) -> None:
    write(name, source)
    write(".apilint.yaml", f"plugins: [{name}]\n")
    write("api.yaml", DIRTY_SPEC)
    result = run("lint", "-c", ".apilint.yaml", "api.yaml")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"apilint: error: .apilint.yaml: plugins: cannot load rule plugin '{name}': {detail}\n"
    )


def test_plugin_redefining_a_builtin_rule_is_a_config_error(project: Path, write: Write) -> None:
    write("dupe.py", CRASHING_PLUGIN_SOURCE.replace('"always-crash"', '"operation-summary"'))
    write(".apilint.yaml", "plugins: [dupe.py]\n")
    write("api.yaml", DIRTY_SPEC)
    result = run("lint", "-c", ".apilint.yaml", "api.yaml")
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "apilint: error: .apilint.yaml: plugins: rule id 'operation-summary' is defined twice "
        "(apilint.rules.documentation_operations and "
    )


def test_broken_plugin_file_fails_every_spec(project: Path, write: Write) -> None:
    write("broken.py", "import no_such_apilint_dependency\n")
    write(".apilint.yaml", "plugins: [broken.py]\n")
    write("a.yaml", DIRTY_SPEC)
    write("b.yaml", DIRTY_SPEC)
    code, payload = run_json("a.yaml", "b.yaml")
    assert code == 2
    # reported once, in the config that names the plugin, for all the specs it covers
    assert [(e["file"], e["message"][:30]) for e in payload["errors"]] == [
        (".apilint.yaml", "plugins: cannot load rule plug")
    ]
    assert payload["findings"] == []
