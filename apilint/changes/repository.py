"""``apilint diff --base REV [PATHS...]``: which spec in the working tree is which spec at the
revision.

The roots are found as ``apilint lint`` finds them (``walk_specs``: files with a top-level
``openapi``/``swagger`` key, hidden folders skipped), in the working tree and in the
revision's listing. A spec is paired with its old self at the same path, or at the path git's
rename detection says it came from (renamed or moved, even from outside the paths); a root
left unpaired in the working tree is new, one left unpaired at the revision is gone.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path

from apilint.changes.sources import Revision, RevisionError, renames, repository_top
from apilint.lint.discover import discover, looks_like_spec, skipped_folder
from apilint.lint.findings import LoadProblem
from apilint.lint.since import SinceError, changed_files
from apilint.source.loader import LoadError


@dataclass(frozen=True)
class SpecPair:
    """A spec and its old self: ``old`` its path at the revision (relative to the top folder),
    None when it is new; ``new`` its file in the working tree, None when it is gone;
    ``status``: ``compared``, ``renamed`` (renamed or moved), ``added`` or ``removed``;
    ``why`` says why a side is missing."""

    old: str | None
    new: Path | None
    status: str
    why: str = ""


@dataclass(frozen=True)
class _Scope:
    """One of the paths asked for, relative to the top folder (``""``: all of it)."""

    given: str
    relative: str
    pattern: bool  # a glob

    def holds(self, name: str) -> bool:
        """Whether a search of this path finds the file ``name`` (top-relative): the path
        itself, a file in it (not in a skipped folder), or one the glob matches or a folder it
        matches holds."""
        parts = name.split("/")
        if not self.pattern:
            start = len(self.relative.split("/")) if self.relative else 0
            return parts[:start] == self.relative.split("/")[:start] and _walked(parts[start:])
        pattern = self.relative.split("/")
        return any(
            _glob_match(parts[:cut], pattern) and _walked(parts[cut:])
            for cut in range(1, len(parts) + 1)
        )


def _walked(below: Sequence[str]) -> bool:
    """Whether a folder search finds a file at ``below`` (its path inside the folder)."""
    return not any(skipped_folder(folder) for folder in below[:-1])


def _glob_match(parts: Sequence[str], pattern: Sequence[str]) -> bool:
    """Whether the path ``parts`` matches the glob ``pattern`` (``*`` within one name,
    ``**`` across folders, hidden names only by a part that starts with a dot), as
    ``glob.glob(recursive=True)`` matches."""
    if not pattern:
        return not parts
    if pattern[0] == "**":
        ends = [cut for cut in range(len(parts) + 1) if not _hidden(parts[:cut], "")]
        return any(_glob_match(parts[cut:], pattern[1:]) for cut in ends)
    if not parts or _hidden(parts[:1], pattern[0]):
        return False
    return fnmatchcase(parts[0], pattern[0]) and _glob_match(parts[1:], pattern[1:])


def _hidden(parts: Sequence[str], pattern: str) -> bool:
    """Whether a glob part skips these names: hidden ones, unless it starts with a dot."""
    return not pattern.startswith(".") and any(part.startswith(".") for part in parts)


def _relative(top: str, path: str) -> str:
    """``path`` relative to the top folder, with ``/`` (``..`` first when outside it); the
    folders' links resolved as git resolves the top folder's, not a linked file's own."""
    folder, name = os.path.split(os.path.abspath(path))
    relative = Path(os.path.relpath(os.path.join(os.path.realpath(folder), name), top)).as_posix()
    return "" if relative == "." else relative


def _scopes(top: str, paths: Sequence[str]) -> tuple[list[_Scope], list[LoadProblem]]:
    scopes, problems = [], []
    for given in paths:
        relative = _relative(top, given)
        if relative == ".." or relative.startswith("../"):
            problems.append(LoadProblem(given, f"outside the git repository {top}"))
        else:
            scopes.append(_Scope(given, relative, glob.has_magic(given)))
    return scopes, problems


def _working_roots(top: str, scopes: Iterable[_Scope]) -> dict[str, Path]:
    """The OpenAPI roots under the paths in the working tree, by top-relative path."""
    named = [scope.given for scope in scopes if scope.pattern or Path(scope.given).exists()]
    found, _ = discover(named, skip_non_specs=True)
    return {_relative(top, str(path)): path for path in found}


def _missing(
    scopes: Iterable[_Scope], now: dict[str, Path], revision: Revision
) -> list[LoadProblem]:
    """The paths that name nothing, here or at the revision."""
    problems = []
    for scope in scopes:
        if not scope.pattern and Path(scope.given).exists():
            continue
        if any(scope.holds(name) for name in (*now, *revision.blobs)):
            continue
        what = (
            "no OpenAPI spec matches this pattern" if scope.pattern else "no such file or directory"
        )
        problems.append(LoadProblem(scope.given, f"{what}, here or at {revision.revision}"))
    return problems


@dataclass(frozen=True)
class Pairing:
    """The specs of a repository run: the repository's ``top`` folder, the ``pairs`` in path
    order, the paths that name nothing (``problems``) and the files ``changed`` since the
    revision (absolute, normalised; new untracked files too)."""

    top: Path
    pairs: list[SpecPair]
    problems: list[LoadProblem]
    changed: frozenset[str]


def spec_pairs(revision: str, paths: Sequence[str]) -> Pairing:
    """Every OpenAPI root under ``paths`` (files, folders, globs; relative to the working
    folder) in the working tree or at ``revision``, paired with its other self. Raises
    ``RevisionError`` when git cannot answer."""
    try:
        top = repository_top(os.getcwd())
        tree = Revision(top, revision)
        scopes, problems = _scopes(top, paths)
        now = _working_roots(top, scopes)
        renamed = tree.renames()
        changed = frozenset(changed_files(tree.commit, Path(top)))
    except (LoadError, SinceError) as error:  # git failed past the first checks
        raise RevisionError(str(error).removeprefix("fatal: ")) from None
    problems += _missing(scopes, now, tree)
    listed = {name for name in tree.blobs if any(scope.holds(name) for scope in scopes)}
    roots = _roots_then(tree, listed | {renamed.get(name, name) for name in now}, changed)
    pairs, paired = [], set()
    for name, path in now.items():
        old = renamed.get(name, name)
        if old in roots:
            pairs.append(SpecPair(old, path, "compared" if old == name else "renamed"))
            paired.add(old)
        else:
            was = "is not an OpenAPI spec" if old in tree.blobs else "does not exist"
            pairs.append(SpecPair(None, path, "added", f"{name} {was} at {revision}"))
    moved = {old: new for new, old in renamed.items()}
    for old in sorted((listed & roots) - paired):
        pairs.append(_gone(Path(top), old, moved.get(old), revision))
    pairs.sort(key=lambda pair: _relative(top, str(pair.new)) if pair.new else pair.old or "")
    return Pairing(Path(top), pairs, problems, changed)


def _roots_then(tree: Revision, names: set[str], changed: frozenset[str]) -> set[str]:
    """Those of ``names`` that are OpenAPI roots at the revision: a file that did not change
    since is read from the disk, the others from git."""
    same = set()
    for name in names & tree.blobs.keys():
        path = os.path.normpath(os.path.join(tree.top, name))
        if path not in changed and os.path.isfile(path):
            same.add(name)
    now = {name for name in same if looks_like_spec(Path(tree.top, name))}
    return now | tree.roots(names - same)


def _gone(top: Path, old: str, new: str | None, revision: str) -> SpecPair:
    """The pair of a root at the revision with no root at its place now: moved out of the
    paths (still a spec), or removed."""
    if new is not None and looks_like_spec(top / new):
        return SpecPair(old, top / new, "renamed")
    if (top / old).is_file():
        return SpecPair(old, None, "removed", f"{old} is no longer an OpenAPI spec")
    return SpecPair(old, None, "removed", f"{old} existed at {revision} and is gone")


def renamed_from(revision: str, path: str) -> str | None:
    """The file (relative to the working folder) that git's rename detection says ``path``
    was renamed or moved from since ``revision``; None when it was not, or git cannot tell."""
    try:
        top = repository_top(os.getcwd())
        source = renames(top, revision).get(_relative(top, path))
    except (LoadError, RevisionError):
        return None
    return None if source is None else os.path.relpath(Path(top, source))
