"""The history from git: one snapshot per revision, each built from a temporary worktree that
is gone afterwards, the working tree untouched and the repository's hooks not run."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from snapshot_fleet import Api, fleet

from apilint.fleet.history import history_from_git
from apilint.fleet.model import FleetReport

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _git(repo: Path, *args: str, date: str = "2026-11-01T10:00:00+01:00") -> str:
    env = {
        "PATH": "/usr/bin:/bin:/usr/local/bin",
        "HOME": str(repo),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_DATE": date,
    }
    done = subprocess.run(
        ["git", "-C", str(repo), *args], env=env, capture_output=True, text=True, check=True
    )
    return done.stdout


def _commit(repo: Path, files: dict[str, str], date: str) -> None:
    for name, text in files.items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(text)
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", date, date=date)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """Two commits of a repository with specs under ``services/``: the first has one API
    (score 70 in its file), the second two; the working tree has an uncommitted change."""
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "-q", "-b", "main")
    _commit(repo, {"services/a.yaml": "70"}, "2026-11-01T10:00:00+01:00")
    _git(repo, "tag", "v1")
    _commit(repo, {"services/a.yaml": "75", "services/b.yaml": "60"}, "2026-11-20T08:30:00Z")
    (repo / "services" / "a.yaml").write_text("99")
    hook = repo / ".git" / "hooks" / "post-checkout"
    hook.write_text(f"#!/bin/sh\ntouch {tmp_path / 'hook-ran'}\n")
    hook.chmod(0o755)
    return repo


def _built(seen: list[Path]) -> Callable[[Path], FleetReport]:
    """A build that scores each ``*.yaml`` of the folder by the number written in it."""

    def build(folder: Path) -> FleetReport:
        seen.append(folder)
        apis = [
            Api(path.name, team="core", score=float(path.read_text()))
            for path in sorted(folder.glob("*.yaml"))
        ]
        return fleet(*apis, generated="2026-12-06T21:40:00Z")

    return build


def test_a_snapshot_per_revision_dated_by_its_commit(repo: Path) -> None:
    seen: list[Path] = []
    first, second = history_from_git(repo / "services", ["v1", "main"], _built(seen))
    assert first.label == f"v1 ({_git(repo, 'rev-parse', '--short', 'v1').strip()})"
    assert second.label == f"main ({_git(repo, 'rev-parse', '--short', 'main').strip()})"
    assert first.generated == "2026-11-01T09:00:00Z"
    assert {name: api.score for name, api in first.apis.items()} == {"a.yaml": 70.0}
    assert second.generated == "2026-11-20T08:30:00Z"
    assert {name: api.score for name, api in second.apis.items()} == {
        "a.yaml": 75.0,
        "b.yaml": 60.0,
    }
    assert [path.name for path in seen] == ["services", "services"]
    assert all(not path.exists() for path in seen)


def test_a_full_hash_is_its_own_label(repo: Path) -> None:
    commit = _git(repo, "rev-parse", "v1").strip()
    (snapshot,) = history_from_git(repo, [commit], _built([]))
    assert snapshot.label == commit


def test_the_working_tree_and_worktree_list_are_left_as_they_were(
    repo: Path, tmp_path: Path
) -> None:
    history_from_git(repo, ["v1"], _built([]))
    assert (repo / "services" / "a.yaml").read_text() == "99"
    assert _git(repo, "worktree", "list", "--porcelain").count("worktree ") == 1
    assert not (tmp_path / "hook-ran").exists()


def test_the_worktree_is_removed_when_the_build_fails(repo: Path) -> None:
    def build(folder: Path) -> FleetReport:
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match="boom"):
        history_from_git(repo, ["v1"], build)
    assert _git(repo, "worktree", "list", "--porcelain").count("worktree ") == 1


def test_an_unknown_revision_is_one_line_naming_it(repo: Path) -> None:
    with pytest.raises(ValueError) as raised:
        history_from_git(repo, ["v1", "v9"], _built([]))
    assert str(raised.value) == f"git history of {repo}: unknown revision v9"


def test_an_option_is_not_a_revision(repo: Path) -> None:
    with pytest.raises(ValueError, match=r"not a revision: --output=x$"):
        history_from_git(repo, ["--output=x"], _built([]))


def test_a_folder_outside_git_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="not a git repository"):
        history_from_git(tmp_path, ["HEAD"], _built([]))
