"""The ``apilint`` command: exit codes, output formats, file discovery, ``rules``, ``--version``."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import (
    CLEAN_COVERAGE,
    CLEAN_SPEC,
    DIRTY_FINDINGS,
    DIRTY_SPEC,
    located,
    run,
    run_json,
)

from apilint import __version__
from apilint.lint.config import build_config
from apilint.lint.fingerprints import fingerprint

BUILTIN_RULES = [item.id for item in build_config({"extends": []}).registry]

Write = Callable[[str, str], Path]

#: The console script installed next to the Python running the tests (any virtual environment).
APILINT = Path(sys.executable).parent / "apilint"

DIRTY_TEXT = """\
api.yaml:2:1  warn   info-contact  info has no contact
api.yaml:2:1  warn   info-description  info has no description
api.yaml:2:1  warn   info-license  info has no license
api.yaml:4:3  warn   info-version-format  info.version 'latest' is not a version number (2, v2, 2.1, 2.1.0) or a date (2024-05-09)
api.yaml:7:5  info   operation-description  GET /userAccounts/{id} has no description
api.yaml:7:5  error  operation-security  GET /userAccounts/{id} has no security requirement and is not marked x-public
api.yaml:7:5  warn   operation-summary  GET /userAccounts/{id} has no summary
api.yaml:7:5  warn   operation-tags  GET /userAccounts/{id} has no tag
api.yaml:7:5  error  path-params-defined  path parameter 'id' of /userAccounts/{id} is not declared for GET
api.yaml:9:7  warn   operation-responses  GET /userAccounts/{id} documents no error (4xx, 5xx or default) response

api.yaml: documentation coverage 42.9% (info 40%, operations 0%, responses 100%)
10 problems (2 errors, 7 warnings, 1 info, 0 hints) in 1 file
"""  # noqa: E501

#: One warning (info-version-format) and nothing else.
WARN_ONLY_SPEC = CLEAN_SPEC.replace("version: 1.0.0", "version: latest")


# --- exit codes -----------------------------------------------------------------------------------


def test_clean_spec_exits_0(project: Path, write: Write) -> None:
    write("api.yaml", CLEAN_SPEC)
    result = run("lint", "api.yaml")
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        f"api.yaml: {CLEAN_COVERAGE}\n"
        "0 problems (0 errors, 0 warnings, 0 infos, 0 hints) in 1 file\n",
        "",
    )


def test_errors_exit_1(project: Path, write: Write) -> None:
    write("api.yaml", DIRTY_SPEC)
    assert run("lint", "api.yaml").exit_code == 1


def test_warnings_alone_exit_0_unless_fail_severity_is_warn(project: Path, write: Write) -> None:
    write("api.yaml", WARN_ONLY_SPEC)
    result = run("lint", "api.yaml")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "api.yaml:4:3  warn   info-version-format  info.version 'latest' is not a version number "
        "(2, v2, 2.1, 2.1.0) or a date (2024-05-09)",
        "",
        f"api.yaml: {CLEAN_COVERAGE}",
        "1 problem (0 errors, 1 warning, 0 infos, 0 hints) in 1 file",
    ]
    assert run("lint", "--fail-severity", "warn", "api.yaml").exit_code == 1
    assert run("lint", "--fail-severity", "error", "api.yaml").exit_code == 0


@pytest.mark.parametrize(
    ("fail_severity", "code"), [("error", 0), ("warn", 0), ("info", 1), ("hint", 1)]
)
def test_fail_severity_threshold(
    project: Path, write: Write, fail_severity: str, code: int
) -> None:
    write(".apilint.yaml", "extends: []\nrules: {info-contact: info}\n")
    write("api.yaml", DIRTY_SPEC)
    assert run("lint", "--fail-severity", fail_severity, "api.yaml").exit_code == code


def test_load_error_exits_2_and_other_files_are_still_linted(project: Path, write: Write) -> None:
    write("broken.yaml", "openapi: 3.0.3\npaths: [\n")
    write("api.yaml", DIRTY_SPEC)
    code, payload = run_json("broken.yaml", "api.yaml")
    assert code == 2
    assert payload["errors"] == [
        {
            "file": "broken.yaml",
            "message": "invalid YAML: did not find expected node content",
            "line": 3,
            "column": 1,
        }
    ]
    assert located(payload) == DIRTY_FINDINGS


def test_missing_path_exits_2(project: Path, write: Write) -> None:
    write("api.yaml", CLEAN_SPEC)
    result = run("lint", "api.yaml", "nope.yaml")
    assert result.exit_code == 2
    assert result.stdout.splitlines() == [
        "nope.yaml: no such file or directory",
        "",
        f"api.yaml: {CLEAN_COVERAGE}",
        "0 problems (0 errors, 0 warnings, 0 infos, 0 hints) in 1 file; 1 file could not be linted",
    ]


def test_bad_config_exits_2(project: Path, write: Write) -> None:
    write(".apilint.yaml", "rules: {operation-summary: loud}\n")
    write("api.yaml", CLEAN_SPEC)
    assert run("lint", "api.yaml").exit_code == 2
    assert run("lint", "-c", ".apilint.yaml", "api.yaml").exit_code == 2


def test_no_path_is_a_usage_error(project: Path) -> None:
    result = run("lint")
    assert result.exit_code == 2
    assert "give the specs to lint" in result.stderr


# --- output ---------------------------------------------------------------------------------------


def test_json_output_has_the_documented_shape(project: Path, write: Write) -> None:
    write("api.yaml", DIRTY_SPEC)
    write("broken.json", '{"openapi": "3.0.3",}')
    code, payload = run_json("api.yaml", "broken.json")
    assert code == 2
    assert list(payload) == [
        "version",
        "tool",
        "files",
        "summary",
        "findings",
        "errors",
        "coverage",
    ]
    assert payload["coverage"]["api.yaml"]["overall"] == 42.9
    assert payload["coverage"]["api.yaml"]["kinds"]["info"] == {
        "documented": 2,
        "total": 5,
        "percent": 40.0,
    }
    assert payload["version"] == 1
    assert payload["tool"] == {"name": "apilint", "version": __version__}
    assert payload["files"] == ["api.yaml"]
    assert payload["summary"] == {"error": 2, "warn": 7, "info": 1, "hint": 0, "load_errors": 1}
    message = "path parameter 'id' of /userAccounts/{id} is not declared for GET"
    assert payload["findings"][8] == {
        "rule": "path-params-defined",
        "severity": "error",
        "message": message,
        "file": "api.yaml",
        "line": 7,
        "column": 5,
        "pointer": "/paths/~1userAccounts~1{id}/get",
        "fingerprint": fingerprint(
            "path-params-defined", "api.yaml", "/paths/~1userAccounts~1{id}/get", message
        ),
        "area": "structure",
        "spec": "api.yaml",
    }
    keys = ["rule", "severity", "message", "file", "line", "column", "pointer", "fingerprint"]
    keys += ["area", "spec"]
    assert all(list(f) == keys for f in payload["findings"])
    assert located(payload) == DIRTY_FINDINGS
    [error] = payload["errors"]
    assert list(error) == ["file", "message", "line", "column"]
    assert (error["file"], error["line"], error["column"]) == ("broken.json", 1, 21)
    assert error["message"].startswith("invalid JSON: ")


def test_text_output_lines_and_summary(project: Path, write: Write) -> None:
    write("api.yaml", DIRTY_SPEC)
    result = run("lint", "api.yaml")
    assert result.stdout == DIRTY_TEXT
    assert "\x1b[" not in result.stdout
    line = re.compile(r"^\S+:\d+:\d+  (error|warn |info |hint )  [a-z0-9-]+  \S.*$")
    finding_lines = result.stdout.splitlines()[:-3]
    assert all(line.match(text) for text in finding_lines)


def test_text_output_groups_files_with_a_blank_line(project: Path, write: Write) -> None:
    write("a.yaml", WARN_ONLY_SPEC)
    write("b.yaml", WARN_ONLY_SPEC)
    write("c.yaml", "openapi: [\n")
    result = run("lint", "c.yaml", "b.yaml", "a.yaml")
    message = (
        "info.version 'latest' is not a version number (2, v2, 2.1, 2.1.0) or a date (2024-05-09)"
    )
    assert result.stdout.splitlines() == [
        "c.yaml:2:1: invalid YAML: did not find expected node content",
        "",
        f"a.yaml:4:3  warn   info-version-format  {message}",
        "",
        f"b.yaml:4:3  warn   info-version-format  {message}",
        "",
        f"a.yaml: {CLEAN_COVERAGE}",
        f"b.yaml: {CLEAN_COVERAGE}",
        "2 problems (0 errors, 2 warnings, 0 infos, 0 hints) in 2 files; "
        "1 file could not be linted",
    ]


def test_text_output_has_no_ansi_escapes_when_not_a_terminal(project: Path, write: Write) -> None:
    write("api.yaml", DIRTY_SPEC)
    completed = subprocess.run(
        [str(APILINT), "lint", "api.yaml"], capture_output=True, text=True, check=False
    )
    assert completed.returncode == 1
    assert completed.stdout == DIRTY_TEXT
    assert completed.stderr == ""


def test_output_is_deterministic(project: Path, write: Write) -> None:
    for name in ("z.yaml", "m/a.yaml", "b.yml"):
        write(name, DIRTY_SPEC)
    first = run("lint", "-f", "json", "z.yaml", "b.yml", "m").stdout
    second = run("lint", "-f", "json", "m", "b.yml", "z.yaml").stdout
    assert first == second
    files = [f["file"] for f in json.loads(first)["findings"]]
    assert files == sorted(files)
    assert json.loads(first)["files"] == ["b.yml", "m/a.yaml", "z.yaml"]


def test_parallel_jobs_give_byte_identical_json(project: Path, write: Write) -> None:
    write(
        ".apilint.yaml", "overrides: [{files: ['specs/legacy/*'], rules: {info-contact: hint}}]\n"
    )
    for index in range(5):
        write(f"specs/s{index}.yaml", DIRTY_SPEC)
    write("specs/clean.yaml", CLEAN_SPEC)
    write("specs/legacy/old.yaml", DIRTY_SPEC)
    write("specs/broken.yaml", "openapi: 3.0.3\npaths: [\n")
    write("specs/fragment.yaml", "Pet:\n  type: object\n")
    one = run("lint", "-f", "json", "-j", "1", "specs")
    two = run("lint", "-f", "json", "-j", "2", "specs")
    assert one.exit_code == two.exit_code == 2
    assert one.stdout == two.stdout
    payload = json.loads(one.stdout)
    assert len(payload["files"]) == 7
    assert payload["summary"] == {"error": 12, "warn": 41, "info": 6, "hint": 1, "load_errors": 1}


# --- discovery ------------------------------------------------------------------------------------


def test_a_folder_lints_only_openapi_roots(project: Path, write: Write) -> None:
    write("specs/api.yaml", CLEAN_SPEC)
    write("specs/sub/other.yml", CLEAN_SPEC)
    write("specs/sub/v2.json", json.dumps({"swagger": "2.0", "info": {}, "paths": {}}))
    write("specs/components/schemas.yaml", "Pet:\n  type: object\n")
    write("specs/components/pet.json", '{"type": "object"}')
    write("specs/notes.txt", "openapi: 3.0.3\n")
    write("specs/.hidden/api.yaml", CLEAN_SPEC)
    write("specs/node_modules/api.yaml", CLEAN_SPEC)
    code, payload = run_json("specs")
    assert payload["files"] == ["specs/api.yaml", "specs/sub/other.yml", "specs/sub/v2.json"]
    assert payload["errors"] == []
    assert code == 1  # the swagger file has no info.title/version: oas-schema errors


def test_a_folder_without_a_spec_is_an_error_not_a_pass(project: Path, write: Write) -> None:
    """A mistyped or empty folder in CI must not go green."""
    write("nospecs/notes.yaml", "title: not a spec\n")
    (project / "empty").mkdir()
    result = run("lint", "nospecs", "empty")
    assert result.exit_code == 2
    hint = "(a spec has a top-level 'openapi' or 'swagger' key)"
    assert result.stdout.splitlines()[:2] == [
        f"empty: no OpenAPI spec in this folder {hint}",
        f"nospecs: no OpenAPI spec in this folder {hint}",
    ]
    # the pre-commit hook may be handed only files that are not specs: that is a pass
    hook = run("lint", "--skip-non-specs", "nospecs/notes.yaml")
    assert hook.exit_code == 0, hook.output


def test_a_json_spec_with_swagger_last_is_found(project: Path, write: Write) -> None:
    spec = {"info": {"title": "t", "version": "1.0.0"}, "paths": {}, "swagger": "2.0"}
    write("specs/api.json", json.dumps(spec, indent=2))
    code, payload = run_json("specs")
    assert payload["files"] == ["specs/api.json"]
    assert payload["errors"] == []
    assert code == 0


def test_a_json_fragment_with_a_nested_openapi_key_is_skipped(project: Path, write: Write) -> None:
    write("specs/api.yaml", CLEAN_SPEC)
    write(
        "specs/schemas.json",
        json.dumps({"Doc": {"type": "object", "example": {"openapi": "3.0.0"}}}),
    )
    code, payload = run_json("specs")
    assert payload["errors"] == []
    assert payload["files"] == ["specs/api.yaml"]
    assert code == 0


def test_globs_select_openapi_roots(project: Path, write: Write) -> None:
    write("apis/a/openapi.yaml", DIRTY_SPEC)
    write("apis/b/openapi.yaml", CLEAN_SPEC)
    write("apis/b/fragment.yaml", "Pet: {type: object}\n")
    write("apis/c/openapi.json", json.dumps({"openapi": "3.0.3"}))
    _, payload = run_json("apis/**/*.yaml")
    assert payload["files"] == ["apis/a/openapi.yaml", "apis/b/openapi.yaml"]
    assert payload["errors"] == []


def test_a_glob_matching_nothing_is_an_error(project: Path, write: Write) -> None:
    write("apis/fragment.yaml", "Pet: {type: object}\n")
    code, payload = run_json("apis/*.yaml")
    assert code == 2
    assert payload["errors"] == [
        {
            "file": "apis/*.yaml",
            "message": "no OpenAPI spec matches this pattern (a spec has a top-level 'openapi' "
            "or 'swagger' key)",
            "line": None,
            "column": None,
        }
    ]


def test_a_named_non_spec_file_is_an_error_unless_skipped(project: Path, write: Write) -> None:
    write("fragment.yaml", "Pet: {type: object}\n")
    write("api.yaml", CLEAN_SPEC)
    code, payload = run_json("fragment.yaml", "api.yaml")
    assert code == 2
    assert [e["file"] for e in payload["errors"]] == ["fragment.yaml"]
    code, payload = run_json("--skip-non-specs", "fragment.yaml", "api.yaml")
    assert (code, payload["errors"], payload["files"]) == (0, [], ["api.yaml"])


def test_a_missing_path_is_an_error(project: Path) -> None:
    code, payload = run_json("missing/")
    assert code == 2
    assert payload["errors"] == [
        {"file": "missing/", "message": "no such file or directory", "line": None, "column": None}
    ]


# --- rules and --version --------------------------------------------------------------------------


def test_rules_lists_every_rule_with_area_severity_and_summary(project: Path) -> None:
    result = run("rules")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == len(BUILTIN_RULES)
    by_id = {line.split()[0]: line.split(None, 3) for line in lines}
    assert by_id["deprecated-sunset"] == [
        "deprecated-sunset",
        "versioning",
        "off",
        "(warn)     Whatever is deprecated says when it goes away (a sunset date).",
    ]
    assert by_id["duplicate-key"] == [
        "duplicate-key",
        "structure",
        "error",
        "A mapping does not repeat a key.",
    ]
    assert [line.split()[0] for line in lines] == sorted(line.split()[0] for line in lines)


def test_rules_json_parses_with_options(project: Path) -> None:
    result = run("rules", "--format", "json")
    assert result.exit_code == 0
    rows = {row["id"]: row for row in json.loads(result.stdout)}
    assert len(rows) == len(BUILTIN_RULES)
    assert rows["path-segment-casing"] == {
        "id": "path-segment-casing",
        "area": "naming",
        "severity": "warn",
        "configured": "warn",
        "formats": ["2.0", "3.0", "3.1", "3.2"],
        "summary": "Static path segments follow one casing style (the spec's dominant one by "
        "default).",
        "options": {"style": "consistent", "pattern": "", "allow-digits": True, "allow": []},
    }
    assert rows["operation-summary"]["options"] == {"max-length": 80, "no-trailing-period": False}


def test_rules_marks_rules_the_config_turns_off(project: Path, write: Write) -> None:
    write("lint.yaml", 'rules: {info-contact: "off"}\n')
    lines = run("rules", "-c", "lint.yaml").stdout.splitlines()
    [line] = [ln for ln in lines if ln.startswith("info-contact ")]
    assert line.split(None, 4)[:4] == ["info-contact", "documentation", "off", "(warn)"]


def test_rules_text_shows_the_configured_severity(project: Path, write: Write) -> None:
    write("lint.yaml", "extends: [strict]\n")
    lines = run("rules", "-c", "lint.yaml").stdout.splitlines()
    [line] = [ln for ln in lines if ln.startswith("info-contact ")]
    assert line.split()[2] == "error"


def test_rules_with_a_bad_config_exits_2(project: Path, write: Write) -> None:
    write("lint.yaml", "rulez: {}\n")
    result = run("rules", "-c", "lint.yaml")
    assert result.exit_code == 2
    assert result.stderr.startswith("apilint: error: lint.yaml: unknown key 'rulez'")


def test_version(project: Path) -> None:
    result = run("--version")
    assert (result.exit_code, result.stdout) == (0, f"apilint, version {__version__}\n")
    assert __version__ == "0.1.0"


def test_console_script_runs(project: Path, write: Write) -> None:
    write("api.yaml", DIRTY_SPEC)
    completed = subprocess.run(
        [str(APILINT), "lint", "--format", "json", "api.yaml"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 1
    assert located(json.loads(completed.stdout)) == DIRTY_FINDINGS
    version = subprocess.run(
        [str(APILINT), "--version"], capture_output=True, text=True, check=False
    )
    assert (version.returncode, version.stdout) == (0, f"apilint, version {__version__}\n")


def test_the_cli_offers_every_output_format() -> None:
    """cli.FORMAT_NAMES is written out (for start-up speed); it must list every reporter."""
    from apilint.cli import DIFF_FORMAT_NAMES, FORMAT_NAMES
    from apilint.reporters import FORMATS
    from apilint.reporters.changes import DIFF_FORMATS

    assert tuple(FORMATS) == FORMAT_NAMES
    assert set(DIFF_FORMAT_NAMES) == set(DIFF_FORMATS)
