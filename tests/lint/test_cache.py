"""The result cache: an unchanged spec is not linted again; a change to the spec, to any file
its ``$ref``s reach or to the config is linted again."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import CONVENTION_CONFIG, DIRTY_SPEC, PLUGIN_SOURCE, pip_install, plugin_wheel, run

Write = Callable[[str, str], Path]

ROOT_SPEC = DIRTY_SPEC.replace(
    "          description: ok\n",
    "          description: ok\n          content:\n            application/json:\n"
    "              schema: {$ref: 'schemas/pet.yaml'}\n",
)


@pytest.fixture
def spec(project: Path, write: Write) -> Path:
    write(".apilint.yaml", CONVENTION_CONFIG)  # 'Name' breaks it
    write("schemas/pet.yaml", "type: object\nproperties:\n  Name: {type: string}\n")
    return write("api.yaml", ROOT_SPEC)


def _lint(*args: str) -> tuple[int, str]:
    result = run("lint", *args)
    return result.exit_code, result.stdout


def test_an_unchanged_spec_is_answered_from_the_cache(spec: Path, lints: list[str]) -> None:
    first = _lint("api.yaml")
    second = _lint("api.yaml")
    assert lints == ["api.yaml"]
    assert first == second and first[0] == 1 and "property-casing" in first[1]


def test_a_changed_referenced_file_relints(spec: Path, lints: list[str], write: Write) -> None:
    _lint("api.yaml")
    write("schemas/pet.yaml", "type: object\nproperties:\n  name: {type: string}\n")
    _code, output = _lint("api.yaml")
    assert lints == ["api.yaml", "api.yaml"]
    assert "property-casing" not in output


def test_a_changed_config_relints(spec: Path, lints: list[str], write: Write) -> None:
    _lint("api.yaml")
    write(".apilint.yaml", "rules:\n  property-casing: off\n")
    _code, output = _lint("api.yaml")
    assert lints == ["api.yaml", "api.yaml"]
    assert "property-casing" not in output
    _lint("api.yaml")
    assert len(lints) == 2  # and that config's result is cached in turn


def test_a_changed_spec_relints(spec: Path, lints: list[str]) -> None:
    _lint("api.yaml")
    spec.write_text(ROOT_SPEC.replace("title: Pets", "title: Pets and more"))
    _lint("api.yaml")
    assert lints == ["api.yaml", "api.yaml"]


def test_no_cache_and_cache_dir(spec: Path, lints: list[str], project: Path) -> None:
    _lint("--no-cache", "api.yaml")
    _lint("--no-cache", "api.yaml")
    assert len(lints) == 2
    _lint("--cache-dir", "here", "api.yaml")
    _lint("--cache-dir", "here", "api.yaml")
    assert len(lints) == 3
    assert len(list((project / "here").glob("*.report.json"))) == 1


def test_a_broken_entry_is_a_miss(spec: Path, lints: list[str], project: Path) -> None:
    _lint("--cache-dir", "here", "api.yaml")
    [report] = (project / "here").glob("*.report.json")
    entry = report.with_name(report.name.replace(".report.json", ".json"))
    entry.write_text("{not json")
    code, output = _lint("--cache-dir", "here", "api.yaml")
    assert len(lints) == 2 and code == 1 and "property-casing" in output
    data = json.loads(entry.read_text())  # rewritten whole
    assert data["version"] == 2 and sorted(data["files"]) == [
        str(project / "api.yaml"),
        str(project / "schemas" / "pet.yaml"),
    ]


def test_a_missing_referenced_file_that_appears_relints(
    project: Path, write: Write, lints: list[str]
) -> None:
    write("api.yaml", ROOT_SPEC)  # schemas/pet.yaml does not exist yet: a broken $ref
    _, output = _lint("api.yaml")
    assert "schemas/pet.yaml" in output
    write("schemas/pet.yaml", "type: object\n")
    _code, output = _lint("api.yaml")
    assert lints == ["api.yaml", "api.yaml"]
    assert "cannot load" not in output


def test_a_single_spec_run_is_answered_already_rendered(
    spec: Path, lints: list[str], project: Path, write: Write
) -> None:
    """A run of one spec in one format keeps its rendering; another format, or a run with
    --fail-severity, answers from the same entry with the right output and exit code."""
    first = run("lint", "-f", "json", "api.yaml")
    again = run("lint", "-f", "json", "api.yaml")
    assert lints == ["api.yaml"] and again.stdout == first.stdout and again.exit_code == 1
    assert len(list(Path(os.environ["APILINT_CACHE_DIR"]).glob("*.json.out"))) == 1
    text = run("lint", "api.yaml")  # another format: rendered from the cached report
    assert lints == ["api.yaml"] and text.stdout.splitlines()[-1].endswith("in 1 file")
    assert run("lint", "--fail-severity", "error", "api.yaml").exit_code == 1
    relaxed = "rules:\n  operation-security: warn\n  path-params-defined: warn\n"
    write(".apilint.yaml", relaxed)
    assert run("lint", "api.yaml").exit_code == 0  # a new config: linted, not answered
    assert run("lint", "api.yaml").exit_code == 0  # and now answered, with its exit code
    assert lints == ["api.yaml", "api.yaml"]
    assert run("lint", "--fail-severity", "warn", "api.yaml").exit_code == 1


def test_a_changed_extended_or_named_config_relints(
    spec: Path, lints: list[str], write: Write
) -> None:
    """The warm path answers before building the config: it watches the config files (the one
    named with -c, what it extends) and where a nearer one could appear."""
    write("base.yaml", "rules:\n  property-casing: warn\n")
    write("team.yaml", "extends: [recommended, base.yaml]\n")
    first = run("lint", "-c", "team.yaml", "api.yaml")
    assert run("lint", "-c", "team.yaml", "api.yaml").stdout == first.stdout
    assert lints == ["api.yaml"]
    write("base.yaml", "rules:\n  property-casing: off\n")  # the extended file
    assert "property-casing" not in run("lint", "-c", "team.yaml", "api.yaml").stdout
    assert lints == ["api.yaml", "api.yaml"]
    write("team.yaml", "extends: [minimal]\n")  # the named file
    assert "operation-security" not in run("lint", "-c", "team.yaml", "api.yaml").stdout
    assert len(lints) == 3
    write("schemas/.apilint.yaml", "rules: {}\n")  # not a folder the spec's search passes
    run("lint", "-c", "team.yaml", "api.yaml")
    assert len(lints) == 3


def test_a_folder_that_cannot_be_written_still_prints_the_report(spec: Path, project: Path) -> None:
    """A cache is a courtesy: when its folder cannot be made, the run prints as without."""
    (project / "blocked").write_text("a file where the cache folder would be")
    cached = run("lint", "--cache-dir", "blocked/cache", "-f", "json", "api.yaml")
    plain = run("lint", "--no-cache", "-f", "json", "api.yaml")
    assert (cached.exit_code, cached.stdout) == (plain.exit_code, plain.stdout) == (1, plain.stdout)
    assert json.loads(cached.stdout)["findings"]


def test_the_kept_rendering_is_byte_for_byte_what_was_printed(spec: Path, project: Path) -> None:
    printed = run("lint", "--cache-dir", "here", "-f", "json", "api.yaml").stdout
    [kept] = (project / "here").glob("*.json.out")
    assert kept.read_text(encoding="utf-8") == printed
    assert not list((project / "here").glob("*.tmp"))  # written in place, nothing left over


#: The console script installed next to the Python running the tests.
APILINT = Path(sys.executable).parent / "apilint"


def test_installing_or_removing_a_rule_plugin_package_invalidates_the_cache(
    project: Path, write: Write, tmp_path: Path
) -> None:
    """A real package, installed with pip where Python imports from, between two runs of the
    console script (text output: the quickest cached path)."""
    write("api.yaml", DIRTY_SPEC)
    wheel = plugin_wheel(tmp_path, PLUGIN_SOURCE, "[apilint.rules]\nacme = acme_api_rules\n")
    site = tmp_path / "site"
    site.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site), "APILINT_CACHE_DIR": str(tmp_path / "cache")}

    def lint() -> str:
        done = subprocess.run(
            [str(APILINT), "lint", "api.yaml"], capture_output=True, text=True, env=env
        )
        assert done.returncode == 1, done.stderr
        return done.stdout

    before = lint()
    assert lint() == before and "operation-id-prefix" not in before  # cached
    pip_install(wheel, site)
    assert "operation-id-prefix" in lint()
    shutil.rmtree(site)  # uninstalled
    site.mkdir()
    assert "operation-id-prefix" not in lint()
