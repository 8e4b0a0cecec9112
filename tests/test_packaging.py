"""What an installed apilint ships: typing marker, rule modules, the pre-commit hook."""

from __future__ import annotations

import importlib
from importlib import resources
from pathlib import Path

import yaml
from click.testing import CliRunner

from apilint.cli import main
from apilint.lint.registry import rules_in

ROOT = Path(__file__).resolve().parents[1]


def test_package_ships_py_typed() -> None:
    assert (resources.files("apilint") / "py.typed").is_file()


def test_rules_folder_is_importable_as_apilint_rules() -> None:
    for name in ("structure", "naming_casing", "versioning", "auth", "documentation_info"):
        module = importlib.import_module(f"apilint.rules.{name}")
        assert {item.area for item in rules_in(module)} == {name.partition("_")[0]}


def test_pre_commit_hook_runs_apilint_on_yaml_and_json() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert [h["id"] for h in hooks] == ["apilint"]
    hook = hooks[0]
    assert hook["entry"].split()[:2] == ["apilint", "lint"]
    assert "--skip-non-specs" in hook["entry"]
    assert set(hook["types_or"]) == {"yaml", "json"}


def test_hook_command_skips_yaml_files_that_are_not_specs(tmp_path: Path) -> None:
    workflow = tmp_path / "ci.yaml"
    workflow.write_text("on: push\njobs: {}\n")
    spec = tmp_path / "openapi.yaml"
    spec.write_text("openapi: 3.0.3\ninfo: {title: T, version: 1.0.0}\npaths: {}\n")
    result = CliRunner().invoke(
        main, ["lint", "--skip-non-specs", "--format", "json", str(workflow), str(spec)]
    )
    assert result.exit_code == 0, result.output
    assert '"files": [\n    "' in result.output and "ci.yaml" not in result.output
    without = CliRunner().invoke(main, ["lint", str(workflow)])
    assert without.exit_code == 2
    assert "not an OpenAPI document" in without.output
