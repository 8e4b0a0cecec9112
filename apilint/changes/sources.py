"""The two sides of a diff: a spec file, a folder holding one multi-file spec, or a spec at a
git revision (``REV:path``), read with ``git show`` without touching the working tree.

A spec at a revision keeps the paths it has in the working tree, so relative ``$ref``s and the
project-folder confinement work as for a file on disk; each file is read from the revision
when a ``$ref`` first reaches it, and findings name it ``REV:path``.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from apilint.lint.config import Config, config_for
from apilint.lint.discover import SPEC_SUFFIXES, discover, has_root_key
from apilint.lint.engine import load_document, project_folder
from apilint.model.document import Document
from apilint.model.refs import Workspace
from apilint.source.loader import LoadedFile, LoadError, decode, parse_text
from apilint.source.locations import display_path


@dataclass
class Side:
    """One side of a diff: its document, and how its files are named in output."""

    doc: Document
    name: Callable[[str], str]  # file key -> name shown
    label: str  # how the side is named (its root file as shown)


class AbsentAtRevision(LoadError):
    """The spec does not exist at the git revision: it is new since then."""


def open_side(text: str, config: Config | None) -> tuple[Side, Config]:
    """The spec ``text`` names, loaded; raises ``LoadError`` or ``ConfigError``."""
    path = Path(text)
    if path.exists():
        return _from_disk(_root_in(path) if path.is_dir() else path, config)
    revision, colon, rest = text.partition(":")
    if colon and len(revision) > 1 and rest:  # a one-letter "revision" is a Windows drive
        return _from_git(revision, rest, config)
    raise LoadError("no such file or directory (nor a git revision REV:path)")


def _root_in(folder: Path) -> Path:
    """The one OpenAPI root in a folder (the others are the fragments it refers to)."""
    roots, _ = discover([str(folder)])
    return _only_root(roots, str(folder))


def _only_root(roots: list[Path], where: str) -> Path:
    if len(roots) == 1:
        return roots[0]
    if not roots:
        raise LoadError(f"no OpenAPI root (a file with openapi: or swagger:) in {where}")
    names = ", ".join(str(r) for r in roots[:3])
    raise LoadError(f"{len(roots)} OpenAPI roots in {where} ({names}...): name the file")


def _from_disk(path: Path, config: Config | None) -> tuple[Side, Config]:
    doc, effective = load_document(path, config)
    return Side(doc, display_path, display_path(doc.workspace.root_key)), effective


def _git(top: str, *args: str) -> bytes:
    try:
        done = subprocess.run(["git", "-C", top, *args], capture_output=True, check=False)
    except OSError as error:
        raise LoadError(f"cannot run git: {error}") from None
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise LoadError(detail[-1] if detail else f"git {' '.join(args)} failed")
    return done.stdout


class _GitReader:
    """Reads files of one revision: a worktree path in, the file as it was at ``revision``."""

    def __init__(self, top: str, revision: str, max_bytes: int) -> None:
        self.top = top
        self.revision = revision
        self.max_bytes = max_bytes

    def relative(self, key: str) -> str:
        return Path(os.path.relpath(key, self.top)).as_posix()

    def name(self, key: str) -> str:
        return f"{self.revision}:{self.relative(key)}"

    def read_bytes(self, key: str) -> bytes:
        relative = self.relative(key)
        if relative.startswith("../"):
            raise LoadError(f"{key} is outside the git repository")
        raw = _git(self.top, "show", f"{self.revision}:{relative}")
        if len(raw) > self.max_bytes:
            raise LoadError(f"file is over the {self.max_bytes / 1048576:g} MB limit")
        return raw

    def __call__(self, key: str) -> LoadedFile:
        return parse_text(decode(self.read_bytes(key)), Path(key))

    def root_in(self, folder: str) -> str:
        listed = _git(
            self.top, "ls-tree", "-r", "--name-only", self.revision, "--", self.relative(folder)
        )
        roots = []
        for name in listed.decode("utf-8", "replace").splitlines():
            key = os.path.join(self.top, name)
            if Path(name).suffix.lower() in SPEC_SUFFIXES and has_root_key(self.read_bytes(key)):
                roots.append(Path(key))
        return str(_only_root(roots, f"{self.revision}:{self.relative(folder)}"))


def _from_git(revision: str, text: str, config: Config | None) -> tuple[Side, Config]:
    top = _git(os.getcwd(), "rev-parse", "--show-toplevel").decode().strip()
    key = os.path.abspath(text)
    effective = config_for(Path(key), config)
    reader = _GitReader(top, revision, effective.max_bytes)
    try:
        kind = _git(top, "cat-file", "-t", f"{revision}:{reader.relative(key)}").decode().strip()
    except LoadError as error:
        if "does not exist" in error.message or "but not in" in error.message:
            raise AbsentAtRevision(f"{reader.relative(key)} does not exist at {revision}") from None
        raise
    if kind == "tree":
        key = reader.root_in(key)
    loaded = reader(key)
    workspace = Workspace(loaded, project_folder(Path(key), effective), effective.ref_policy)
    workspace.reader = reader
    return Side(Document(workspace), reader.name, reader.name(key)), effective
