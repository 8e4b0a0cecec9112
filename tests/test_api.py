"""The Python API: ``apilint.lint_file``, ``lint_paths`` and ``lint_document``."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable
from pathlib import Path
from types import MappingProxyType

import pytest
import yaml
from conftest import (
    CLEAN_SPEC,
    DIRTY_FINDINGS,
    DIRTY_SPEC,
    PLUGIN_SOURCE,
    STRICT_DIRTY_FINDINGS,
)

import apilint
from apilint.lint.config import ConfigError, load_config

Write = Callable[[str, str], Path]

DIRTY_POINTERS = [
    ("info-contact", "/info"),
    ("info-description", "/info"),
    ("info-license", "/info"),
    ("info-version-format", "/info/version"),
    ("operation-description", "/paths/~1userAccounts~1{id}/get"),
    ("operation-responses", "/paths/~1userAccounts~1{id}/get/responses"),
    ("operation-security", "/paths/~1userAccounts~1{id}/get"),
    ("operation-summary", "/paths/~1userAccounts~1{id}/get"),
    ("operation-tags", "/paths/~1userAccounts~1{id}/get"),
    ("path-params-defined", "/paths/~1userAccounts~1{id}/get"),
]


def _located(report: apilint.Report) -> list[tuple[int, int, str, str]]:
    return [(f.line, f.column, f.severity.label, f.rule) for f in report.findings]


def test_lint_file_returns_a_report_of_sorted_findings(project: Path, write: Write) -> None:
    write("api.yaml", DIRTY_SPEC)
    report = apilint.lint_file("api.yaml")
    assert isinstance(report, apilint.Report)
    assert _located(report) == DIRTY_FINDINGS
    assert {f.file for f in report.findings} == {"api.yaml"}
    assert report.files == ("api.yaml",)
    assert report.errors == ()
    assert report.counts() == {"error": 2, "warn": 7, "info": 1, "hint": 0}
    assert report.exit_code() == 1
    assert report.exit_code(apilint.Severity.ERROR) == 1


def test_findings_and_reports_are_frozen(project: Path, write: Write) -> None:
    write("api.yaml", DIRTY_SPEC)
    report = apilint.lint_file(Path("api.yaml"))
    finding = report.findings[0]
    assert isinstance(finding, apilint.Finding)
    with pytest.raises(dataclasses.FrozenInstanceError):
        finding.line = 99  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        finding.severity = apilint.Severity.HINT  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        report.findings = ()  # type: ignore[misc]
    assert isinstance(report.findings, tuple)
    assert report.findings[0].line == 2


def test_lint_file_with_a_config_dict(project: Path, write: Write) -> None:
    write(".apilint.yaml", "extends: []\n")  # an explicit config wins over this one
    write("api.yaml", DIRTY_SPEC)
    report = apilint.lint_file("api.yaml", {"extends": ["strict"]})
    assert _located(report) == STRICT_DIRTY_FINDINGS


@pytest.mark.parametrize("as_type", [str, Path])
def test_lint_file_with_a_config_path(project: Path, write: Write, as_type: type) -> None:
    write("lint.yaml", "extends: [minimal]\n")
    write("api.yaml", DIRTY_SPEC)
    report = apilint.lint_file("api.yaml", as_type("lint.yaml"))
    assert _located(report) == [(7, 5, "error", "path-params-defined")]


def test_lint_file_with_a_loaded_config(project: Path, write: Write) -> None:
    write("lint.yaml", "extends: []\nrules: {info-contact: hint}\n")
    write("api.yaml", DIRTY_SPEC)
    report = apilint.lint_file("api.yaml", load_config(Path("lint.yaml")))
    assert _located(report) == [(2, 1, "hint", "info-contact")]
    assert report.exit_code() == 0
    assert report.exit_code(apilint.Severity.HINT) == 1


def test_lint_file_with_none_uses_the_nearest_config(project: Path, write: Write) -> None:
    write(
        "team/pyproject.toml", '[tool.apilint]\nextends = []\nrules = { info-contact = "info" }\n'
    )
    write("team/specs/api.yaml", DIRTY_SPEC)
    write("other/api.yaml", DIRTY_SPEC)
    assert _located(apilint.lint_file("team/specs/api.yaml", None)) == [
        (2, 1, "info", "info-contact")
    ]
    assert _located(apilint.lint_file("other/api.yaml")) == DIRTY_FINDINGS


def test_a_bad_explicit_config_raises_config_error(project: Path, write: Write) -> None:
    write("api.yaml", DIRTY_SPEC)
    with pytest.raises(ConfigError) as caught:
        apilint.lint_file("api.yaml", {"rules": {"operation-sumary": "warn"}})
    assert str(caught.value) == (
        "config: rules.operation-sumary: unknown rule id 'operation-sumary' "
        "(did you mean 'operation-summary'?)"
    )
    with pytest.raises(ConfigError, match=r"nope\.yaml: cannot read config"):
        apilint.lint_paths(["api.yaml"], config="nope.yaml")


def test_a_missing_file_is_a_report_error_not_an_exception(project: Path) -> None:
    report = apilint.lint_file("missing.yaml")
    assert report.findings == ()
    assert [str(e) for e in report.errors] == ["missing.yaml: no such file or directory"]
    assert report.exit_code() == 2


def test_lint_paths_over_folders_files_and_globs(project: Path, write: Write) -> None:
    write("specs/a.yaml", DIRTY_SPEC)
    write("specs/fragment.yaml", "Pet: {type: object}\n")
    write("more/b.yaml", CLEAN_SPEC)
    write("c.yaml", DIRTY_SPEC)
    report = apilint.lint_paths(["specs", Path("c.yaml"), "more/*.yaml", "nope/"])
    assert report.files == ("c.yaml", "more/b.yaml", "specs/a.yaml")
    per_spec = len(DIRTY_FINDINGS)
    assert [f.file for f in report.findings] == ["c.yaml"] * per_spec + ["specs/a.yaml"] * per_spec
    assert [str(e) for e in report.errors] == ["nope/: no such file or directory"]
    assert report.exit_code() == 2


@pytest.mark.parametrize(
    ("config", "count"),
    [
        (None, 4 * len(DIRTY_FINDINGS)),
        ({"extends": ["strict"]}, 4 * len(STRICT_DIRTY_FINDINGS)),
        ("lint.yaml", 4),
    ],
)
def test_lint_paths_in_parallel_equals_sequential(
    project: Path, write: Write, config: object, count: int
) -> None:
    write("lint.yaml", "extends: [minimal]\n")
    for index in range(4):
        write(f"specs/s{index}.yaml", DIRTY_SPEC)
    write("specs/clean.yaml", CLEAN_SPEC)
    one = apilint.lint_paths(["specs"], config, jobs=1)
    two = apilint.lint_paths(["specs"], config, jobs=2)
    assert one == two
    assert len(one.files) == 5
    assert len(one.findings) == count


def test_lint_document_lints_a_mapping(project: Path) -> None:
    data = yaml.safe_load(DIRTY_SPEC)
    report = apilint.lint_document(data)
    assert [(f.rule, f.pointer) for f in report.findings] == DIRTY_POINTERS
    assert {(f.file, f.line, f.column) for f in report.findings} == {("<document>", 1, 1)}
    assert report.files == ("<document>",)
    assert report.exit_code() == 1


def test_lint_document_accepts_any_mapping_and_a_config(project: Path) -> None:
    data = MappingProxyType(yaml.safe_load(DIRTY_SPEC))
    report = apilint.lint_document(data, {"extends": [], "rules": {"info-contact": "error"}})
    assert [(f.rule, f.severity, f.message) for f in report.findings] == [
        ("info-contact", apilint.Severity.ERROR, "info has no contact")
    ]


def test_lint_document_of_a_clean_spec(project: Path) -> None:
    report = apilint.lint_document(yaml.safe_load(CLEAN_SPEC))
    assert (report.findings, report.errors, report.exit_code()) == ((), (), 0)


def test_lint_document_of_something_not_openapi_is_a_report_error(project: Path) -> None:
    report = apilint.lint_document({"info": {"title": "t"}})
    assert report.findings == ()
    assert len(report.errors) == 1
    assert report.errors[0].message == (
        "not an OpenAPI document: no 'openapi' or 'swagger' key at the top level"
    )
    assert report.exit_code() == 2


def test_a_changed_config_is_seen_by_the_next_lint(project: Path, write: Write) -> None:
    write("api.yaml", DIRTY_SPEC)
    assert _located(apilint.lint_file("api.yaml")) == DIRTY_FINDINGS
    write(".apilint.yaml", "extends: []\n")
    assert apilint.lint_file("api.yaml").findings == ()


def test_relative_plugin_paths_of_two_projects_do_not_collide(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, rule_id in (("one", "operation-id-prefix"), ("two", "operation-id-other")):
        folder = tmp_path / name
        folder.mkdir()
        (folder / "rules.py").write_text(PLUGIN_SOURCE.replace("operation-id-prefix", rule_id))
        (folder / ".apilint.yaml").write_text("extends: []\nplugins: [rules.py]\n")
        (folder / "api.yaml").write_text(DIRTY_SPEC)
    seen = []
    for name in ("one", "two"):
        monkeypatch.chdir(tmp_path / name)
        config = load_config(Path(".apilint.yaml"))
        seen.append([item.id for item in config.registry if item.id.startswith("operation-id-")])
        assert os.getcwd() == str(tmp_path / name)
    assert "operation-id-prefix" in seen[0] and "operation-id-other" not in seen[0]
    assert "operation-id-other" in seen[1] and "operation-id-prefix" not in seen[1]


def test_dir_lists_the_public_api() -> None:
    listed = dir(apilint)
    for name in ("lint_file", "lint_paths", "lint_document", "diff", "Finding", "Report", "Place"):
        assert name in listed
    assert all(hasattr(apilint, name) for name in apilint.__all__)


def test_a_finding_names_its_area_and_the_spec_it_was_linted_from(
    project: Path, write: Callable[[str, str], Path]
) -> None:
    """Two services share a fragment: each one's report says whose finding it is."""
    shared = "Pet:\n  type: object\n  properties:\n    pet_name: {type: string}\n"
    write("shared/models.yaml", shared)
    root = DIRTY_SPEC.replace(
        "          description: ok\n",
        "          description: ok\n          content:\n            application/json:\n"
        "              schema: {$ref: '../shared/models.yaml#/Pet'}\n",
    )
    write("orders/openapi.yaml", root)
    write("billing/openapi.yaml", root)
    camel = {"rules": {"property-casing": {"options": {"style": "camel"}}}}
    for service in ("orders", "billing"):
        report = apilint.lint_file(f"{service}/openapi.yaml", camel)
        [finding] = [f for f in report.findings if f.rule == "property-casing"]
        assert (finding.file, finding.area, finding.spec) == (
            "shared/models.yaml",
            "naming",
            f"{service}/openapi.yaml",
        )
    assert dict(report.coverage).keys() == {"billing/openapi.yaml"}
    assert report.coverage["billing/openapi.yaml"]["overall"] > 0
