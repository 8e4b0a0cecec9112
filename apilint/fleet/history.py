"""A report's history from git: one snapshot per revision of a repository, each built from a
temporary worktree of that revision (the working tree and its checkout stay as they are)."""

from __future__ import annotations

import dataclasses
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from apilint.fleet.model import FleetReport, Snapshot
from apilint.fleet.snapshots import snapshot_of, utc
from apilint.lint.since import SinceError
from apilint.lint.since import _git as git


def history_from_git(
    repo: Path, revisions: Sequence[str], build: Callable[[Path], FleetReport]
) -> tuple[Snapshot, ...]:
    """A snapshot of each revision, in the order given: ``build`` gets the folder that is
    ``repo`` in a detached worktree of the revision (``repo`` may be a folder inside the
    repository) and returns its report. A snapshot is labelled ``REV (abbreviated hash)`` and
    dated by the commit's time, so that a history folder orders it among the others. Raises
    ``ValueError`` when git cannot (not a repository, an unknown revision)."""
    try:
        top = Path(git(repo, "rev-parse", "--show-toplevel").strip())
        inside = repo.resolve().relative_to(top.resolve())
        snapshots = []
        for revision in revisions:
            commit, short, when = _commit(top, revision)
            with _worktree(top, commit) as tree:
                report = build(tree / inside)
            label = revision if commit.startswith(revision) else f"{revision} ({short})"
            snapshots.append(dataclasses.replace(snapshot_of(report, label), generated=when))
    except SinceError as error:
        raise ValueError(f"git history of {repo}: {error}") from None
    return tuple(snapshots)


def _commit(top: Path, revision: str) -> tuple[str, str, str]:
    """The revision's commit: full and abbreviated hash, committer time in UTC."""
    if revision.startswith("-"):
        raise SinceError(f"not a revision: {revision}")
    try:
        shown = git(top, "show", "--no-patch", "--format=%H %h %cI", f"{revision}^{{commit}}", "--")
    except SinceError:
        raise SinceError(f"unknown revision {revision}") from None
    commit, short, when = shown.split()
    return commit, short, utc(when).strftime("%Y-%m-%dT%H:%M:%SZ")


@contextmanager
def _worktree(top: Path, commit: str) -> Iterator[Path]:
    """A detached worktree of ``commit`` in a temporary folder, removed afterwards. The
    repository's hooks are not run (a post-checkout hook is no business of a report)."""
    with tempfile.TemporaryDirectory(prefix="apilint-history-") as folder:
        tree = Path(folder) / "tree"
        hooks_off = ("-c", "core.hooksPath=/dev/null")
        git(top, *hooks_off, "worktree", "add", "--detach", "--quiet", str(tree), commit)
        try:
            yield tree
        finally:
            try:
                git(top, "worktree", "remove", "--force", str(tree))
            except SinceError:
                git(top, "worktree", "prune")
