"""``apilint report`` as a user runs it: one lint per spec, the facts cached, gates, snapshots,
bad input. The outputs' content is tested in tests/reporters; the score in test_scoring."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import CLEAN_SPEC, DIRTY_SPEC, run

import apilint

Write = Callable[[str, str], Path]

BROKEN_SPEC = "openapi: 3.0.3\ninfo: [unclosed\n"


@pytest.fixture
def fleet(project: Path, write: Write) -> Path:
    write("services/pets/openapi.yaml", CLEAN_SPEC)
    write("services/users/openapi.yaml", DIRTY_SPEC)
    write(
        ".apilint.yaml",
        "report:\n  teams:\n    services/pets/**: pets-team\n  codeowners: false\n",
    )
    return project


def test_each_spec_is_linted_once_and_scored_with_its_team(fleet: Path, lints: list[str]) -> None:
    report = apilint.report(["services"], jobs=1)
    assert [api.name for api in report.apis] == [
        "services/pets/openapi.yaml",
        "services/users/openapi.yaml",
    ]
    pets, users = report.apis
    assert (pets.team, pets.ownership.source, users.team) == ("pets-team", "config", None)
    assert pets.score is not None and users.score is not None
    assert pets.score.total > users.score.total
    assert pets.profile.passes and not users.profile.passes
    assert pets.profile.operations == 1 and pets.profile.auth_coverage == 100.0
    assert sorted(lints) == ["services/pets/openapi.yaml", "services/users/openapi.yaml"]
    assert [team.name for team in report.teams] == ["pets-team", ""]


def test_an_unchanged_spec_is_not_linted_again_and_keeps_its_facts(
    fleet: Path, lints: list[str], tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    first = apilint.report(["services"], jobs=1, cache_dir=cache)
    apilint.lint_paths(["services"], cache_dir=cache)  # a lint run does not lose the facts
    second = apilint.report(["services"], jobs=1, cache_dir=cache)
    assert len(lints) == 2
    assert [api.score for api in second.apis] == [api.score for api in first.apis]
    assert second.apis[0].profile.operations == 1


def test_a_cached_lint_without_facts_is_linted_again(
    fleet: Path, lints: list[str], tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    apilint.lint_paths(["services"], cache_dir=cache)
    report = apilint.report(["services"], jobs=1, cache_dir=cache)
    assert len(lints) == 4
    assert report.apis[0].profile.operations == 1


def test_min_score_gate_exits_1_and_names_the_api(fleet: Path) -> None:
    result = run("report", "services", "--min-score", "99", "-j", "1")
    assert result.exit_code == 1
    assert "apilint: gate: services/users/openapi.yaml: score" in result.stderr
    assert "services/pets/openapi.yaml" not in result.stderr
    assert run("report", "services", "--min-score", "1", "-j", "1").exit_code == 0


def test_min_score_from_the_config(fleet: Path, write: Write) -> None:
    write(".apilint.yaml", "report:\n  min-score: 99\n  codeowners: false\n")
    assert run("report", "services", "-j", "1").exit_code == 1


def test_history_folder_snapshot_and_no_regression(fleet: Path, write: Write) -> None:
    first = run("report", "services", "--history", "hist", "-j", "1")
    assert first.exit_code == 0, first.stderr
    snapshots = list((fleet / "hist").glob("apilint-report-*.json"))
    assert len(snapshots) == 1
    data = json.loads(snapshots[0].read_text())
    assert data["schema"] == "apilint-report-snapshot" and len(data["apis"]) == 2
    write("services/pets/openapi.yaml", DIRTY_SPEC)  # the pets API gets worse
    second = run("report", "services", "--history", "hist", "--no-regression", "-j", "1")
    assert second.exit_code == 1
    assert "apilint: gate: services/pets/openapi.yaml: regressed since" in second.stderr
    assert len(list((fleet / "hist").glob("apilint-report-*.json"))) == 2


def test_no_regression_needs_a_snapshot(fleet: Path) -> None:
    result = run("report", "services", "--no-regression")
    assert result.exit_code == 2
    assert "--no-regression needs a snapshot" in result.stderr


def test_a_broken_spec_is_one_error_line_and_the_others_are_reported(
    fleet: Path, write: Write
) -> None:
    write("services/broken/openapi.yaml", BROKEN_SPEC)
    result = run("report", "services/pets/openapi.yaml", "services/broken/openapi.yaml")
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("apilint: error:")]
    assert len(errors) == 1 and "services/broken/openapi.yaml" in errors[0]
    assert "Traceback" not in result.stderr
    report = apilint.report(["services/pets/openapi.yaml", "services/broken/openapi.yaml"])
    broken = report.api("services/broken/openapi.yaml")
    assert broken is not None and broken.score is None and broken.profile.error
    assert report.fleet.failed_to_load == 1


def test_a_bad_report_section_is_one_line_exit_2(fleet: Path, write: Write) -> None:
    write(".apilint.yaml", "report:\n  min-score: 120\n")
    result = run("report", "services")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "report.min-score" in result.stderr


def test_a_list_file_names_the_specs(fleet: Path, write: Write) -> None:
    write("specs.txt", "# the fleet\nservices/pets/openapi.yaml\n\n")
    report = apilint.report(["@specs.txt"], jobs=1)
    assert [api.name for api in report.apis] == ["services/pets/openapi.yaml"]


def test_the_html_page_is_written(fleet: Path) -> None:
    result = run("report", "services", "-f", "html", "-o", "fleet.html", "-j", "1")
    assert result.exit_code == 0, result.stderr
    page = (fleet / "fleet.html").read_text()
    assert "services/users/openapi.yaml" in page and "<script src" not in page
    assert result.stdout.startswith("2 APIs, 1 passing the gate, mean score")


def test_history_from_git_revisions(fleet: Path, write: Write) -> None:
    """--from-git adds a snapshot of each revision, then the run compares with the latest."""

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=fleet, check=True, capture_output=True)

    git("init", "-q")
    git("-c", "user.name=t", "-c", "user.email=t@t", "add", ".")
    git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "one")
    write("services/pets/openapi.yaml", DIRTY_SPEC)  # worse in the working tree
    result = run("report", "services", "--history", "hist", "--from-git", "HEAD", "--no-regression")
    assert result.exit_code == 1, result.stderr
    assert "apilint: snapshot of HEAD (" in result.stderr
    assert "apilint: gate: services/pets/openapi.yaml: regressed since HEAD (" in result.stderr
    assert len(list((fleet / "hist").glob("apilint-report-*.json"))) == 2


def test_from_git_needs_a_history_folder(fleet: Path) -> None:
    result = run("report", "services", "--from-git", "HEAD")
    assert result.exit_code == 2 and "--from-git needs a snapshot folder" in result.stderr


def test_a_list_file_that_cannot_be_read_is_one_line(fleet: Path) -> None:
    result = run("report", "@missing.txt")
    assert result.exit_code == 2
    assert result.stderr == (
        "apilint: error: missing.txt: cannot read this list of specs: No such file or directory\n"
    )


CLASHING_CHECKS = '''
from apilint.fleet.consistency import consistency_check


@consistency_check("pagination", concern="pagination again")
def again(doc):
    """A second check with a built-in check's id."""
    return {}
'''


def test_a_plugin_check_that_clashes_is_one_line_exit_2(fleet: Path, write: Write) -> None:
    write("checks.py", CLASHING_CHECKS)
    write(".apilint.yaml", "plugins: [./checks.py]\nreport:\n  codeowners: false\n")
    result = run("report", "services", "-j", "1")
    assert result.exit_code == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert "consistency check id 'pagination' is defined twice" in result.stderr
