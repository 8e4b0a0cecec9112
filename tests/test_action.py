"""The GitHub Action (``action.yml``) is a valid composite action whose lint step uses only
options ``apilint lint`` has, and runs as written in a shell."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import DIRTY_SPEC

from apilint.cli import lint

ROOT = Path(__file__).resolve().parents[1]
ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))


def _lint_step() -> dict:
    return next(step for step in ACTION["runs"]["steps"] if step.get("name") == "Lint")


def test_action_is_a_composite_action_with_documented_inputs() -> None:
    assert ACTION["runs"]["using"] == "composite"
    for name, spec in ACTION["inputs"].items():
        assert spec["description"], name
    env = _lint_step()["env"]
    assert {f"APILINT_{k.split('-')[0].upper()}" for k in ACTION["inputs"]} - set(env) == {
        "APILINT_PYTHON"
    }


def test_the_lint_step_uses_only_real_options() -> None:
    known = {opt for param in lint.params for opt in getattr(param, "opts", [])}
    used = set(re.findall(r"(?<![\w-])(--[a-z-]+|-[fo])\b", _lint_step()["run"]))
    assert used and used <= known, used - known


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_the_lint_step_runs_in_bash(tmp_path: Path) -> None:
    """The step's script, with the action's inputs as its environment, on a spec with errors:
    it exits 1, writes SARIF, and prints the annotations."""
    (tmp_path / "api.yaml").write_text(DIRTY_SPEC)
    here = str(Path(sys.executable).parent)
    if shutil.which("apilint", path=here) is None:
        pytest.skip("the apilint command is not installed beside this Python")
    env = {
        **os.environ,
        "PATH": here + os.pathsep + os.environ.get("PATH", ""),
        "RUNNER_TEMP": str(tmp_path),
        "APILINT_PATHS": "api.yaml",
        "APILINT_CONFIG": "",
        "APILINT_BASELINE": "",
        "APILINT_SINCE": "",
        "APILINT_FAIL": "error",
        "APILINT_SARIF": "out.sarif",
    }
    done = subprocess.run(
        ["bash", "-e", "-c", _lint_step()["run"]],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert "::error file=api.yaml,line=7,col=5" in done.stdout
    assert json.loads((tmp_path / "out.sarif").read_text())["version"] == "2.1.0"
