"""``apilint diff --base REV [PATHS...]`` over real temporary git repositories: every spec
under the paths against its version at REV, renamed and moved specs with their old selves,
added and removed specs, one summary and one exit code."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import apilint
from apilint.changes import RevisionError
from apilint.cli import main

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

SPEC = """\
openapi: 3.0.3
info: {title: TITLE, version: 1.0.0}
paths:
  /items:
    get:
      operationId: listItems
      responses:
        "200":
          description: The items.
          content:
            application/json:
              schema: {$ref: "REF"}
"""
ITEM = "type: object\nproperties:\n  id: {type: string}\n  name: {type: string}\n"
WITHOUT_NAME = ITEM.replace("  name: {type: string}\n", "")


def _spec(title: str, ref: str = "item.yaml") -> str:
    return SPEC.replace("TITLE", title).replace("REF", ref)


def _git(repo: Path, *args: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
    }
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env=env)


def _write(repo: Path, name: str, text: str) -> Path:
    path = repo / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Two services committed on ``main``: ``pets`` (a root and its fragment) and ``store``
    (one file), beside a README and a hidden folder holding a spec that is never looked at."""
    _git(tmp_path, "init", "-q", "-b", "main")
    _write(tmp_path, "services/pets/openapi.yaml", _spec("Pets"))
    _write(tmp_path, "services/pets/item.yaml", ITEM)
    _write(tmp_path, "services/store/openapi.yaml", _spec("Store", "#/components/schemas/X"))
    with (tmp_path / "services/store/openapi.yaml").open("a", encoding="utf-8") as handle:
        handle.write("components:\n  schemas:\n    X:\n" + _indented(ITEM, 6))
    _write(tmp_path, "README.md", "# services\n")
    _write(tmp_path, ".hidden/openapi.yaml", _spec("Hidden"))
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-q", "-m", "v1")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _indented(text: str, spaces: int) -> str:
    return "".join(" " * spaces + line + "\n" for line in text.splitlines())


def _run(*args: str) -> Any:
    return CliRunner().invoke(main, ["diff", *args])


def _statuses(report: Any) -> dict[str, str]:
    return {spec.label: spec.status for spec in report.specs}


def test_an_unchanged_repository_has_no_change_and_exits_0(repo: Path) -> None:
    result = _run("--base", "main")
    assert result.exit_code == 0, result.output
    assert result.output == (
        "main: 2 specs (2 compared): 0 changes: 0 breaking, 0 warnings, 0 info\n"
    )
    report = apilint.diff_repository("main")
    assert _statuses(report) == {
        os.path.join("services", "pets", "openapi.yaml"): "compared",
        os.path.join("services", "store", "openapi.yaml"): "compared",
    }


def test_a_changed_fragment_breaks_the_spec_that_reaches_it(repo: Path) -> None:
    _write(repo, "services/pets/item.yaml", WITHOUT_NAME)
    result = _run("--base", "main", "services")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    removed = next(line for line in lines if "response-property-removed" in line)
    assert removed.startswith(os.path.join("services", "pets", "item.yaml") + ":2:1  error")
    assert removed.endswith("(was main:services/pets/item.yaml:4:3)")
    assert lines[-1] == (
        "main: 2 specs (2 compared): 1 change: 1 breaking (1 not covered by the version"
        " policy), 0 warnings, 0 info"
    )


def test_an_added_spec_is_info_not_a_git_error(repo: Path) -> None:
    _write(repo, "services/billing/openapi.yaml", _spec("Billing", "#/x"))
    result = _run("--base", "main", "services")
    assert result.exit_code == 0, result.output
    billing = os.path.join("services", "billing", "openapi.yaml")
    assert result.output.splitlines()[0] == (
        f"{billing}:1:1  info   spec-added  new spec: services/billing/openapi.yaml does not"
        " exist at main"
    )
    assert "2 compared, 1 added" in result.output.splitlines()[-1]


def test_a_removed_spec_is_breaking(repo: Path) -> None:
    _git(repo, "rm", "-q", "-r", "services/store")
    result = _run("--base", "main", "-f", "json")
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert data["base"] == "main"
    assert (data["summary"]["removed"], data["summary"]["breaking"]) == (1, 1)
    store = next(spec for spec in data["specs"] if spec["status"] == "removed")
    [change] = store["changes"]
    assert (change["id"], change["severity"]) == ("spec-removed", "error")
    assert change["message"] == (
        "spec removed: services/store/openapi.yaml existed at main and is gone"
    )
    assert change["old"]["file"] == "main:" + os.path.join("services", "store", "openapi.yaml")


def test_a_spec_that_is_no_longer_a_root_is_removed(repo: Path) -> None:
    _write(repo, "services/store/openapi.yaml", ITEM)
    report = apilint.diff_repository("main", ["services"])
    [store] = [spec for spec in report.specs if spec.status == "removed"]
    assert store.diff.changes[0].message == (
        "spec removed: services/store/openapi.yaml is no longer an OpenAPI spec"
    )


def test_removal_level_comes_from_the_config(repo: Path) -> None:
    _git(repo, "rm", "-q", "-r", "services/store")
    config = {"diff": {"changes": {"spec-removed": "warning"}}}
    report = apilint.diff_repository("main", config=config)
    assert report.counts()["warning"] == 1 and report.exit_code() == 0


def test_a_renamed_spec_is_compared_with_its_old_self(repo: Path) -> None:
    _git(repo, "mv", "services/store/openapi.yaml", "services/store/store-api.yaml")
    path = repo / "services/store/store-api.yaml"
    path.write_text(path.read_text().replace("        name: {type: string}\n", ""))
    result = _run("--base", "main")
    assert result.exit_code == 1
    new = os.path.join("services", "store", "store-api.yaml")
    assert f"main:services/store/openapi.yaml -> {new}: 1 change: 1 breaking" in result.output
    assert "spec-added" not in result.output and "spec-removed" not in result.output
    report = apilint.diff_repository("main")
    renamed = next(spec for spec in report.specs if spec.status == "renamed")
    assert renamed.label == f"services/store/openapi.yaml -> {new}"
    assert "response-property-removed" in {change.id for change in renamed.diff.changes}
    # one spec file named directly is compared with its old self too
    single = _run("--base", "main", new)
    assert "main:services/store/openapi.yaml -> " in single.output.splitlines()[-1]


def test_a_spec_moved_into_a_sub_folder_keeps_its_fragments(repo: Path) -> None:
    _git(repo, "switch", "-q", "-c", "feature")  # a pull request's branch, committed
    (repo / "services/pets/v1").mkdir()
    _git(repo, "mv", "services/pets/openapi.yaml", "services/pets/v1/openapi.yaml")
    _git(repo, "mv", "services/pets/item.yaml", "services/pets/v1/item.yaml")
    _git(repo, "commit", "-q", "-m", "move")
    report = apilint.diff_repository("main", ["services/pets"])
    [spec] = report.specs
    assert spec.status == "renamed"
    assert spec.label.startswith("services/pets/openapi.yaml -> ")
    assert spec.diff.changes == () and spec.diff.errors == ()
    assert report.exit_code() == 0


def test_a_spec_moved_out_of_the_paths_is_not_removed(repo: Path) -> None:
    _git(repo, "mv", "services/store", "store")
    report = apilint.diff_repository("main", ["services"])
    assert {spec.status for spec in report.specs} == {"compared", "renamed"}
    assert report.exit_code() == 0


def test_every_format_is_one_document(repo: Path) -> None:
    _write(repo, "services/pets/item.yaml", WITHOUT_NAME)
    _write(repo, "services/billing/openapi.yaml", _spec("Billing", "#/x"))
    sarif = json.loads(_run("--base", "main", "-f", "sarif").output)
    assert len(sarif["runs"]) == 1
    changelog = _run("--base", "main", "-f", "changelog").output
    assert changelog.count("## API changes:") == 2  # the unchanged store is left out
    markdown = _run("--base", "main", "-f", "markdown").output
    assert markdown.startswith("## API changes in 3 specs")


def test_a_path_naming_nothing_is_exit_2(repo: Path) -> None:
    result = _run("--base", "main", "nothing/here")
    assert result.exit_code == 2
    assert result.output.splitlines()[0] == (
        "nothing/here: no such file or directory, here or at main"
    )


def test_a_bad_revision_is_one_line_and_exit_2(repo: Path) -> None:
    result = _run("--base", "no-such-branch", "services")
    assert result.exit_code == 2
    assert result.output == (
        "apilint: error: --base no-such-branch: unknown revision 'no-such-branch' (in a"
        " shallow clone, fetch it first)\n"
    )
    with pytest.raises(RevisionError):
        apilint.diff_repository("--all")


def test_outside_a_git_repository_is_one_line_and_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    outside = tmp_path / "not-a-repo"
    _write(outside, "openapi.yaml", _spec("Alone", "#/x"))
    monkeypatch.chdir(outside)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    result = _run("--base", "main")
    assert result.exit_code == 2
    [line] = result.output.splitlines()
    assert line.startswith("apilint: error: --base main: not a git repository")


def test_globs_match_at_the_revision_as_in_the_working_tree(repo: Path) -> None:
    _git(repo, "rm", "-q", "-r", "services/store")
    report = apilint.diff_repository("main", ["services/*/openapi.yaml"])
    assert sorted(_statuses(report).values()) == ["compared", "removed"]
    assert apilint.diff_repository("main", ["services/*.yaml"]).errors  # matches nothing


def test_from_a_sub_folder_revision_paths_stay_repository_paths(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _git(repo, "rm", "-q", "-r", "services/store")
    monkeypatch.chdir(repo / "services")
    report = apilint.diff_repository("main")
    removed = next(spec for spec in report.specs if spec.status == "removed")
    change = removed.diff.changes[0]
    assert change.old is not None and change.old.file == "main:services/store/openapi.yaml"
    assert change.new.file == os.path.join("store", "openapi.yaml")


def test_a_spec_none_of_whose_files_changed_is_not_compared(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from apilint.changes import diff as diff_module

    compared: list[str] = []
    real = diff_module.diff_sides

    def counting(old: Any, new: Any, *args: Any, **kwargs: Any) -> Any:
        compared.append(new.label)
        return real(old, new, *args, **kwargs)

    monkeypatch.setattr(diff_module, "diff_sides", counting)
    _write(repo, "services/pets/item.yaml", WITHOUT_NAME)
    report = apilint.diff_repository("main")
    assert compared == [os.path.join("services", "pets", "openapi.yaml")]
    store = next(spec for spec in report.specs if "store" in spec.label)
    assert (store.diff.old_version, store.diff.new_version) == ("1.0.0", "1.0.0")
