"""Finding fingerprints that survive edits: no line numbers, no array positions.

A fingerprint is a hash of the rule id, the file's path relative to the project (the config's
folder, else the working folder), a semantic *anchor* and the message (whitespace runs folded). The
anchor is the finding's JSON pointer with each array index replaced by what identifies the
element: a parameter by ``name@in``, a tagged or named object by its name, a server by its URL,
a ``$ref`` by its target, a scalar by its value. Inserting a path, reordering a list of
parameters or reformatting a file leaves every fingerprint as it was; renaming or moving the
file does not (the path is part of it).
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path
from typing import Any

from apilint.source import pointer as jp


def _element_key(element: Any) -> str | None:
    """What identifies a list element regardless of its position, when anything does."""
    if isinstance(element, dict):
        name = element.get("name")
        if isinstance(name, str):
            where = element.get("in")
            return f"{name}@{where}" if isinstance(where, str) else name
        for key in ("$ref", "url", "operationId"):
            if isinstance(element.get(key), str):
                return f"{key}={element[key]}"
        if len(element) == 1:  # a security requirement {scheme: [scopes]}
            (only,) = element
            return f"{only}="
        return None
    if isinstance(element, (str, int, float, bool)) or element is None:
        return f"={element!r}"
    return None


#: A token that may be an array index; only the pointer up to the last one needs a walk.
_INDEX = re.compile(r"/\d+(?=/|$)")
_REMEMBERED = 10_000


def anchor(data: Any, pointer: str, cache: dict[str, str] | None = None) -> str:
    """The pointer with array indexes replaced by stable keys (kept where none exists).
    ``cache`` (one per file) keeps the walks already made: findings share their prefixes
    (the last few thousand are enough; it is emptied when it grows past that)."""
    last = None
    for last in _INDEX.finditer(pointer):  # noqa: B007  (the last match is wanted)
        pass
    if last is None:
        return pointer  # no index anywhere: nothing to replace, no walk
    head = pointer[: last.end()]
    if cache is None:
        return _walk(data, head) + pointer[last.end() :]
    walked = cache.get(head)
    if walked is None:
        if len(cache) >= _REMEMBERED:
            cache.clear()
        walked = cache[head] = _walk(data, head)
    return walked + pointer[last.end() :]


def _walk(data: Any, pointer: str) -> str:
    if not pointer:
        return ""
    node = data
    parts: list[str] = []
    for token in jp.split(pointer):
        if isinstance(node, list) and token.isdigit() and int(token) < len(node):
            element = node[int(token)]
            key = _element_key(element)
            parts.append(f"[{jp.escape(key)}]" if key is not None else token)
            node = element
            continue
        parts.append(jp.escape(token))
        node = node.get(token) if isinstance(node, dict) else None
    return "/" + "/".join(parts)


def project_path(file_key: str, root: Path | None) -> str:
    """A file's path as fingerprints and baselines name it: relative to ``root`` (or the
    working folder) with forward slashes, or absolute when outside it."""
    if "://" in file_key:
        return file_key
    base = os.path.abspath(root or Path.cwd())
    relative = os.path.relpath(file_key, base)
    return Path(file_key if relative.startswith("..") else relative).as_posix()


def stable_message(message: str) -> str:
    """The part of a message that identifies the finding: all of it but runs of whitespace
    (numbers stay: "does not document 401" and "... 403" are two findings)."""
    return " ".join(message.split())


def fingerprint(rule: str, path: str, anchor_: str, message: str) -> str:
    text = "\0".join((rule, path, anchor_, stable_message(message)))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]
