"""``apilint lint --since REV``: only the specs a change touched, for large monorepos.

A spec is touched when its root file, or any file its ``$ref``s reach or point at, changed
since the git revision in any way: committed since, staged, modified in the working tree, new
and not ignored, deleted, renamed (both names count), or made unreadable.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable
from pathlib import Path

from apilint.lint.config import Config, ConfigError
from apilint.lint.discover import discover
from apilint.lint.engine import load_document
from apilint.lint.findings import LoadProblem
from apilint.source.loader import LoadError


class SinceError(Exception):
    """git could not tell what changed (not a repository, unknown revision)."""


def _git(folder: Path, *args: str) -> str:
    try:
        done = subprocess.run(
            ["git", "-C", str(folder), *args], capture_output=True, text=True, check=False
        )
    except OSError as error:
        raise SinceError(f"cannot run git: {error}") from None
    if done.returncode != 0:
        lines = done.stderr.strip().splitlines()
        raise SinceError(lines[-1] if lines else f"git {' '.join(args)} failed")
    return done.stdout


def changed_files(revision: str, folder: Path | None = None) -> set[str]:
    """Absolute paths of the files changed since ``revision`` (and new untracked ones)."""
    here = folder or Path.cwd()
    top = Path(_git(here, "rev-parse", "--show-toplevel").strip())
    names = _git(top, "diff", "--name-only", "--no-renames", revision, "--").splitlines()
    names += _git(top, "ls-files", "--others", "--exclude-standard").splitlines()
    return {os.path.normpath(top / name) for name in names if name}


def touched_specs(
    paths: Iterable[str], revision: str, config: Config | None = None
) -> tuple[list[Path], list[LoadProblem]]:
    """The specs among ``paths`` (files, folders, globs) that a change since ``revision``
    touched, and the paths that could not be found."""
    changed = changed_files(revision)
    specs, problems = discover(paths, skip_non_specs=True)
    touched = []
    for spec in specs:
        if os.path.abspath(spec) in changed:
            touched.append(spec)
            continue
        try:
            doc, _ = load_document(spec, config)
        except (ConfigError, LoadError):
            continue  # it did not change, and it cannot be read: lint it when it changes
        doc.workspace.scan()
        # the files it read, and those its $refs point at that could not be read (deleted,
        # renamed away, broken)
        reached = [*doc.workspace.files, *doc.workspace.failed]
        if any(os.path.normpath(key) in changed for key in reached):
            touched.append(spec)
    return touched, problems
