"""Turn command-line paths (files, folders, globs) into the list of spec files to lint."""

from __future__ import annotations

import glob
import os
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from apilint.lint.findings import LoadProblem

SPEC_SUFFIXES = frozenset({".yaml", ".yml", ".json"})
_SKIP_DIRS = frozenset({"node_modules", "__pycache__", ".git", ".venv", "venv", ".tox"})
_YAML_ROOT_KEY = re.compile(rb"^[\"']?(?:openapi|swagger)[\"']?[ \t]*:", re.MULTILINE)
_JSON_ROOT_KEY = re.compile(rb"\"(?:openapi|swagger)\"\s*:")
_JSON_TOKEN = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"|[{}\[\]]')
_HEAD_BYTES = 256 * 1024
_ROOT_HINT = " (a spec has a top-level 'openapi' or 'swagger' key)"


def looks_like_spec(path: Path) -> bool:
    """Whether a file found in a folder is an OpenAPI root (has ``openapi:``/``swagger:``)."""
    if path.suffix.lower() not in SPEC_SUFFIXES:
        return False
    try:
        with path.open("rb") as handle:
            head = handle.read(_HEAD_BYTES)
            if head.lstrip()[:1] == b"{":
                head += handle.read()  # JSON keys may be sorted, "swagger" near the end
            return has_root_key(head)
    except OSError:
        return False


def has_root_key(data: bytes) -> bool:
    """Whether a file's content has ``openapi``/``swagger`` at its top level."""
    if data.lstrip()[:1] != b"{":
        return _YAML_ROOT_KEY.search(data[:_HEAD_BYTES]) is not None
    return _json_has_root_key(data)


def _json_has_root_key(data: bytes) -> bool:
    """Whether ``openapi`` or ``swagger`` is a key of the top-level JSON object itself."""
    if _JSON_ROOT_KEY.search(data) is None:
        return False
    depth = 0
    for match in _JSON_TOKEN.finditer(data):
        token = match.group()
        if token in (b"{", b"["):
            depth += 1
        elif token in (b"}", b"]"):
            depth -= 1
        elif (
            depth == 1
            and token in (b'"openapi"', b'"swagger"')
            and _JSON_ROOT_KEY.match(data, match.start())
        ):
            return True
    return False


@lru_cache(maxsize=256)
def work_tree_root(folder: Path) -> Path | None:
    """The root of the git work tree ``folder`` is in (the nearest folder above it holding a
    ``.git`` folder or file), or None outside one. Only the file system is read."""
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return None


def skipped_folder(name: str) -> bool:
    """Whether a folder search never enters a folder of this name (hidden, ``node_modules``,
    virtual environments)."""
    return name in _SKIP_DIRS or name.startswith(".")


def walk_specs(folder: Path) -> list[Path]:
    """The OpenAPI roots under ``folder``, in path order (hidden folders, ``node_modules``
    and virtual environments skipped)."""
    found = []
    for directory, subdirs, files in os.walk(folder):
        subdirs[:] = sorted(d for d in subdirs if not skipped_folder(d))
        for name in sorted(files):
            candidate = Path(directory) / name
            if looks_like_spec(candidate):
                found.append(candidate)
    return found


def discover(
    paths: Iterable[str], skip_non_specs: bool = False
) -> tuple[list[Path], list[LoadProblem]]:
    """Spec files named directly, found in folders, or matched by globs; plus what was missing.

    A file named directly is always linted (so a wrong file is a clear load error); files found
    in a folder or by a glob are linted only if they are OpenAPI roots, so the fragments of a
    multi-file spec are reached through their root's ``$ref``s instead. With
    ``skip_non_specs`` (as in the pre-commit hook, which passes every YAML and JSON file), a
    named file that is not an OpenAPI root is skipped too.
    """
    files: list[Path] = []
    problems: list[LoadProblem] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = walk_specs(path)
            if not found and not skip_non_specs:
                problems.append(LoadProblem(raw, f"no OpenAPI spec in this folder{_ROOT_HINT}"))
            files.extend(found)
        elif path.exists():
            if not skip_non_specs or looks_like_spec(path):
                files.append(path)
        elif glob.has_magic(raw):
            matches = sorted(Path(m) for m in glob.glob(raw, recursive=True))
            specs = [m for m in matches if m.is_file() and looks_like_spec(m)]
            for match in matches:
                if match.is_dir():
                    specs.extend(walk_specs(match))
            if not specs:
                problems.append(
                    LoadProblem(raw, f"no OpenAPI spec matches this pattern{_ROOT_HINT}")
                )
            files.extend(specs)
        else:
            problems.append(LoadProblem(raw, "no such file or directory"))
    unique: dict[str, Path] = {}
    for file in files:
        unique.setdefault(os.path.abspath(file), file)
    return list(unique.values()), problems
