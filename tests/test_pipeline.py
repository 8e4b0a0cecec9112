"""apilint in a pipeline: reports written to files beside the terminal summary, and
``--since REV`` linting only the specs a change touched."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import CLEAN_SPEC, DIRTY_SPEC, run

Write = Callable[[str, str], Path]


def test_format_and_output_pairs_write_files_and_print_the_summary(
    project: Path, write: Write
) -> None:
    write("api.yaml", DIRTY_SPEC)
    result = run("lint", "-f", "json", "-o", "out.json", "-f", "text", "-o", "out.txt", "api.yaml")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "10 problems (2 errors, 7 warnings, 1 info, 0 hints) in 1 file"
    ]
    assert len(json.loads(Path("out.json").read_text())["findings"]) == 10
    assert Path("out.txt").read_text().splitlines()[-1] == result.stdout.strip()


def test_formats_and_outputs_must_pair_up(project: Path, write: Write) -> None:
    write("api.yaml", CLEAN_SPEC)
    assert run("lint", "-f", "json", "-f", "text", "api.yaml").exit_code == 2
    assert run("lint", "-f", "json", "-o", "a", "-o", "b", "api.yaml").exit_code == 2
    unwritable = run("lint", "-f", "json", "-o", "no/such/folder/out.json", "api.yaml")
    assert unwritable.exit_code == 2
    assert "cannot write no/such/folder/out.json" in unwritable.stderr


needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _git(repo: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@e.x"}
    env.update(GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@e.x")
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env=env)


@pytest.fixture
def repo(project: Path, write: Write) -> Path:
    """Two specs committed: ``a.yaml`` alone, ``b/openapi.yaml`` with a ``$ref``'d schema."""
    _git(project, "init", "-q", "-b", "main")
    write("a.yaml", DIRTY_SPEC)
    write(
        "b/openapi.yaml",
        DIRTY_SPEC.replace(
            "          description: ok\n",
            "          description: ok\n          content:\n            application/json:\n"
            "              schema: {$ref: 'pet.yaml'}\n",
        ),
    )
    write("b/pet.yaml", "type: object\n")
    _git(project, "add", ".")
    _git(project, "commit", "-q", "-m", "specs")
    return project


def _linted(*args: str) -> list[str]:
    result = run("lint", "--format", "json", *args)
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)["files"]


@needs_git
def test_since_lints_nothing_when_nothing_changed(repo: Path) -> None:
    assert _linted("--since", "HEAD") == []


@needs_git
def test_since_lints_a_spec_whose_referenced_file_changed(repo: Path) -> None:
    (repo / "b" / "pet.yaml").write_text("type: object\nproperties: {name: {type: string}}\n")
    assert _linted("--since", "HEAD") == ["b/openapi.yaml"]
    assert _linted("--since", "HEAD", "a.yaml") == []  # only among the paths given


@needs_git
def test_since_lints_changed_and_new_specs(repo: Path, write: Write) -> None:
    (repo / "a.yaml").write_text(DIRTY_SPEC.replace("title: Pets", "title: Pets!"))
    write("c.yaml", CLEAN_SPEC)  # new, not yet added
    assert _linted("--since", "HEAD") == ["a.yaml", "c.yaml"]


@needs_git
@pytest.mark.parametrize("change", ["broken", "deleted", "git-rm", "renamed"])
def test_since_lints_a_spec_whose_referenced_file_broke_or_went(repo: Path, change: str) -> None:
    """A $ref'd file made invalid YAML, deleted, removed with git rm or renamed away: the spec
    that reaches it is linted, and its ref-unresolved error fails the run."""
    pet = repo / "b" / "pet.yaml"
    if change == "broken":
        pet.write_text("type: [object\n")
    elif change == "deleted":
        pet.unlink()
    elif change == "git-rm":
        _git(repo, "rm", "-q", "b/pet.yaml")
    else:
        _git(repo, "mv", "b/pet.yaml", "b/animal.yaml")
    result = run("lint", "--format", "json", "--since", "HEAD")
    payload = json.loads(result.stdout)
    assert payload["files"] == ["b/openapi.yaml"]
    assert "ref-unresolved" in {f["rule"] for f in payload["findings"]}
    assert result.exit_code == 1


@needs_git
def test_since_an_unknown_revision_is_one_line_and_exit_2(repo: Path) -> None:
    result = run("lint", "--since", "no-such-rev")
    assert result.exit_code == 2
    assert result.stderr.startswith("apilint: error: --since no-such-rev: ")
    assert len(result.stderr.splitlines()) == 1
