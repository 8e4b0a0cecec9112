"""The two sides of a diff: a spec file, a folder holding one multi-file spec, or a spec at a
git revision (``REV:path``), read with ``git show`` without touching the working tree.

A spec at a revision keeps the paths it has in the working tree, so relative ``$ref``s and the
project-folder confinement work as for a file on disk; each file is read from the revision
when a ``$ref`` first reaches it, and findings name it ``REV:path``.
"""

from __future__ import annotations

import os
import subprocess
import weakref
from collections.abc import Callable, Iterable, Iterator
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
    """git's output; raises ``LoadError`` with the last line git wrote to stderr."""
    try:
        done = subprocess.run(["git", "-C", top, *args], capture_output=True, check=False)
    except OSError as error:
        raise LoadError(f"cannot run git: {error}") from None
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise LoadError(detail[-1] if detail else f"git {' '.join(args)} failed")
    return done.stdout


class _Objects:
    """One ``git cat-file --batch`` process, started on first use: objects read one at a
    time through a pipe, instead of a ``git show`` process per file (a multi-file spec has
    hundreds)."""

    def __init__(self, top: str) -> None:
        self.top = top
        self.process: subprocess.Popen[bytes] | None = None

    def read(self, name: str) -> bytes | None:
        """The object ``name`` (``REV:path`` or an id) names; None when there is none."""
        if "\n" in name:  # cannot be asked through the pipe
            try:
                return _git(self.top, "cat-file", "-p", name)
            except LoadError:
                return None
        process = self._started()
        assert process.stdin is not None and process.stdout is not None
        process.stdin.write(os.fsencode(name) + b"\n")
        process.stdin.flush()
        header = process.stdout.readline().split()
        if len(header) != 3:  # "<name> missing" (or ambiguous)
            return None
        content = process.stdout.read(int(header[2]))
        process.stdout.read(1)  # the newline after each object
        return content

    def _started(self) -> subprocess.Popen[bytes]:
        if self.process is None:
            command = ["git", "-C", self.top, "cat-file", "--batch"]
            try:
                self.process = subprocess.Popen(
                    command,
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.DEVNULL,
                )
            except OSError as error:
                raise LoadError(f"cannot run git: {error}") from None
            weakref.finalize(self, _stop, self.process)
        return self.process


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Let a ``cat-file --batch`` process end: it does once its input is closed."""
    if process.stdin is not None:
        process.stdin.close()
    process.wait()


class _GitReader:
    """Reads files of one revision: a worktree path in, the file as it was at ``revision``."""

    def __init__(self, top: str, revision: str, max_bytes: int) -> None:
        self.top = top
        self.revision = revision
        self.max_bytes = max_bytes
        self.objects = _Objects(top)

    def relative(self, key: str) -> str:
        return Path(os.path.relpath(key, self.top)).as_posix()

    def name(self, key: str) -> str:
        return f"{self.revision}:{self.relative(key)}"

    def read_bytes(self, key: str) -> bytes:
        relative = self.relative(key)
        if relative.startswith("../"):
            raise LoadError(f"{key} is outside the git repository")
        raw = self.objects.read(f"{self.revision}:{relative}")
        if raw is None:
            raise LoadError(f"path '{relative}' does not exist in '{self.revision}'")
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


class RevisionError(Exception):
    """git cannot answer for a revision: no git, not a repository, an unknown revision."""


def repository_top(folder: str) -> str:
    """The top folder of the git work tree ``folder`` is in; raises ``RevisionError``."""
    try:
        return _git(folder, "rev-parse", "--show-toplevel").decode().strip()
    except LoadError as error:
        raise RevisionError(error.message.removeprefix("fatal: ")) from None


class Revision:
    """The files of one git revision, listed once (``git ls-tree``): which of them are
    OpenAPI roots, and which files git sees renamed between it and the working tree. Paths
    are relative to the repository's top folder, with ``/``."""

    def __init__(self, top: str, revision: str) -> None:
        self.top = top
        self.revision = revision
        self.commit = self._verify(revision)
        self.blobs = self._spec_files()

    def _verify(self, revision: str) -> str:
        try:
            if revision.startswith("-"):
                raise LoadError("not a revision")
            found = _git(self.top, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
        except LoadError:
            raise RevisionError(
                f"unknown revision '{revision}' (in a shallow clone, fetch it first)"
            ) from None
        return found.decode().strip()

    def _spec_files(self) -> dict[str, str]:
        """Each file with a spec suffix at the revision, and its blob id."""
        listed = _git(self.top, "ls-tree", "-r", "-z", "--full-tree", self.commit)
        blobs = {}
        for entry in listed.split(b"\0"):
            meta, _, name = entry.partition(b"\t")
            fields = meta.split()
            path = os.fsdecode(name)
            if len(fields) == 3 and fields[1] == b"blob" and _spec_suffix(path):
                blobs[path] = fields[2].decode()
        return blobs

    def roots(self, names: Iterable[str]) -> set[str]:
        """Those of ``names`` that are OpenAPI roots at the revision (read in one git run)."""
        wanted = sorted(name for name in set(names) if name in self.blobs)
        found = set()
        for name, content in zip(wanted, self._contents(wanted), strict=True):
            if has_root_key(content):
                found.add(name)
        return found

    def _contents(self, names: list[str]) -> Iterator[bytes]:
        """The content of each file, one at a time through ``git cat-file --batch``."""
        objects = _Objects(self.top)
        for name in names:
            yield objects.read(self.blobs[name]) or b""

    def renames(self) -> dict[str, str]:
        """New path -> old path of the files git sees renamed since the revision."""
        return renames(self.top, self.commit)


def renames(top: str, revision: str) -> dict[str, str]:
    """New path -> old path of the files git's rename detection pairs between ``revision``
    and the working tree (committed, staged or not; untracked files are not seen); raises
    ``LoadError``."""
    listed = _git(top, "diff", "--name-status", "-z", "-M", revision, "--")
    fields = [os.fsdecode(field) for field in listed.split(b"\0")]
    renamed = {}
    index = 0
    while index < len(fields) and fields[index]:
        status = fields[index]
        if status[:1] in ("R", "C"):
            if status[:1] == "R":
                renamed[fields[index + 2]] = fields[index + 1]
            index += 3
        else:
            index += 2
    return renamed


def _spec_suffix(path: str) -> bool:
    return Path(path).suffix.lower() in SPEC_SUFFIXES
