"""Which root specs reach a file: the reverse ``$ref`` index of a project.

A pre-commit run is handed the files a commit changed; when one is a fragment of a split spec
(a ``$ref``'d model, not a root), the specs to lint are the roots whose ``$ref``s reach it. The
roots are found under the git work tree (else the working folder), and what each reaches is
kept in the cache folder, valid while none of those files changed (size and modification
time), so a commit in a large repository loads only the roots whose files changed.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from apilint.lint.config import Config, ConfigError
from apilint.lint.discover import SPEC_SUFFIXES, looks_like_spec, walk_specs, work_tree_root
from apilint.lint.engine import load_document
from apilint.source.loader import LoadError

INDEX_VERSION = 1


def _stat(path: str) -> str:
    try:
        found = os.stat(path)
    except OSError:
        return "absent"
    return f"{found.st_size}:{found.st_mtime_ns}"


def reached_files(spec: Path, config: Config | None = None) -> list[str]:
    """Absolute paths of the root and of every file its ``$ref``s reach or point at (those
    that could not be read included); only the root when it cannot be read at all."""
    try:
        doc, _ = load_document(spec, config)
    except (ConfigError, LoadError):
        return [os.path.abspath(spec)]
    doc.workspace.scan()
    return sorted({os.path.normpath(key) for key in (*doc.workspace.files, *doc.workspace.failed)})


class ReachIndex:
    """What each root reaches, kept in ``folder`` (none: worked out on every call)."""

    def __init__(self, folder: Path | None, top: Path, config: Config | None) -> None:
        self.config = config
        self.path = None
        if folder is not None:
            policy = repr(config.ref_policy) if config else ""
            key = hashlib.sha256(f"{top}\0{config and config.source}\0{policy}".encode())
            self.path = folder / f"reach-{key.hexdigest()[:32]}.json"
        self.entries: dict[str, dict[str, str]] = self._read()
        self.changed = False

    def _read(self) -> dict[str, dict[str, str]]:
        if self.path is None:
            return {}
        try:
            data: dict[str, Any] = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if data.get("version") != INDEX_VERSION or not isinstance(data.get("roots"), dict):
            return {}
        return data["roots"]

    def reached(self, root: Path) -> set[str]:
        key = os.path.abspath(root)
        known = self.entries.get(key)
        if known is not None and all(_stat(path) == stamp for path, stamp in known.items()):
            return set(known)
        files = reached_files(root, self.config)
        self.entries[key] = {path: _stat(path) for path in files}
        self.changed = True
        return set(files)

    def save(self) -> None:
        if self.path is None or not self.changed:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.path.with_suffix(f".{os.getpid()}.tmp")
            temporary.write_text(json.dumps({"version": INDEX_VERSION, "roots": self.entries}))
            os.replace(temporary, self.path)
        except OSError:
            pass  # an index is a courtesy, like the result cache


def fragments(paths: Iterable[str]) -> list[Path]:
    """The named files that are not OpenAPI roots but could be part of a split spec."""
    found = []
    for raw in paths:
        path = Path(raw)
        suffix = path.suffix.lower()
        if suffix in SPEC_SUFFIXES and path.is_file() and not looks_like_spec(path):
            found.append(path)
    return found


def roots_reaching(
    files: Iterable[Path], config: Config | None = None, cache_folder: Path | None = None
) -> list[Path]:
    """The root specs under the project (the git work tree of the working folder, else the
    working folder) whose ``$ref``s reach any of ``files``, in path order."""
    wanted = {os.path.normpath(os.path.abspath(f)) for f in files}
    if not wanted:
        return []
    here = Path.cwd()
    top = work_tree_root(here.resolve()) or here
    index = ReachIndex(cache_folder, top, config)
    found = [root for root in walk_specs(top) if index.reached(root) & wanted]
    index.save()
    return [Path(os.path.relpath(root)) if root.is_absolute() else root for root in found]
