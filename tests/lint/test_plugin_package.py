"""A plugin package as an organisation ships it: rules in an area of its own and a preset that
twenty repositories extend by name, installed with pip, used through the console script."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import DIRTY_SPEC, pip_install, plugin_wheel

from apilint.lint.declare import declare_area, known_areas, rule

Write = Callable[[str, str], Path]
APILINT = Path(sys.executable).parent / "apilint"

PACKAGE = '''\
from apilint.rule import declare_area, rule

COMPLIANCE = declare_area("compliance", "What the regulator asks of every API")

#: extends: [acme] in any repository's .apilint.yaml
PRESET = {
    "extends": ["recommended"],
    "rules": {"info-contact": "error", "operation-tags": "off"},
}


@rule("info-owner", area=COMPLIANCE, severity="warn", summary="info names its owning team.")
def info_owner(doc, options):
    """info names the team that owns the API, in ``x-owner``.

    Why: an incident needs a team to call.
    """
    if doc.info is not None and "x-owner" not in doc.info.value:
        yield doc.info.loc, "info has no x-owner"
'''
ENTRY_POINTS = (
    "[apilint.rules]\nacme = acme_api_rules\n\n[apilint.presets]\nacme = acme_api_rules:PRESET\n"
)


def test_a_package_s_area_and_preset_are_used_by_name(
    project: Path, write: Write, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    pip_install(plugin_wheel(tmp_path, PACKAGE, ENTRY_POINTS), site)
    env = {**os.environ, "PYTHONPATH": str(site)}
    write(".apilint.yaml", "extends: [acme]\n")
    write("api.yaml", DIRTY_SPEC)

    def apilint(*args: str) -> subprocess.CompletedProcess[str]:
        command = [str(APILINT), *args]
        return subprocess.run(command, capture_output=True, text=True, env=env, check=False)

    lint = apilint("lint", "--no-cache", "api.yaml")
    assert lint.returncode == 1, lint.stderr
    assert "api.yaml:2:1  warn   info-owner  info has no x-owner" in lint.stdout
    assert "api.yaml:2:1  error  info-contact  info has no contact" in lint.stdout  # preset
    assert "operation-tags" not in lint.stdout  # switched off by the preset
    listed = apilint("rules", "--area", "compliance").stdout.split()
    assert listed[:3] == ["info-owner", "compliance", "warn"]
    unknown = apilint("rules", "--area", "compliants")
    assert unknown.returncode == 2 and "unknown area 'compliants'" in unknown.stderr


def test_an_undeclared_area_is_refused_and_a_declared_one_accepted() -> None:
    def check(doc, options):  # type: ignore[no-untyped-def]
        """Nothing.

        Why: tests.
        """
        return []

    with pytest.raises(ValueError, match="area 'complience' is not one of"):
        rule("r-one", area="complience", severity="warn", summary="s")(check)
    area = declare_area("gateway-policy")
    assert rule("r-two", area=area, severity="warn", summary="s")(check).area == "gateway-policy"
    assert known_areas()[-1] == "gateway-policy"
