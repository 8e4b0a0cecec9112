"""The naming pack as a user configures it: the zalando preset, `rules --area`, the README."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from apilint.cli import main
from apilint.lint.config import build_config, load_config

ROOT = Path(__file__).resolve().parents[2]


def test_zalando_preset_switches_properties_and_parameters_to_snake_case() -> None:
    settings = build_config({"extends": ["zalando"]}).rules
    for rule_id in ("property-casing", "query-parameter-casing", "path-parameter-casing"):
        assert settings[rule_id].options["style"] == "snake", rule_id
    assert settings["path-segment-casing"].options["style"] == "kebab"
    assert settings["header-casing"].options["style"] == "header"
    recommended = build_config({"extends": ["recommended"]}).rules
    assert not recommended["header-casing"].severity  # a convention to choose: off by default
    assert {k for k, v in settings.items() if v.severity} == {
        k for k, v in recommended.items() if v.severity
    } | {"header-casing"}


def test_zalando_preset_can_be_extended_and_overridden() -> None:
    config = build_config(
        {"extends": ["zalando"], "rules": {"property-casing": {"options": {"style": "camel"}}}}
    )
    assert config.rules["property-casing"].options["style"] == "camel"
    assert config.rules["query-parameter-casing"].options["style"] == "snake"


def test_rules_area_lists_only_that_area() -> None:
    result = CliRunner().invoke(main, ["rules", "--area", "naming"])
    assert result.exit_code == 0
    listed = [line.split()[:2] for line in result.output.splitlines()]
    assert {area for _, area in listed} == {"naming"}
    assert "property-casing" in {rule_id for rule_id, _ in listed}
    assert len(listed) == 22


def test_the_readme_naming_example_is_a_valid_config(tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Naming") :]
    block = re.search(r"```yaml\n(.*?)```", section, re.DOTALL)
    assert block is not None
    path = tmp_path / ".apilint.yaml"
    path.write_text(block.group(1))
    config = load_config(path)
    assert config.rules["enum-value-casing"].options["style"] == "macro"
    assert config.rules["enum-value-casing"].severity is not None
