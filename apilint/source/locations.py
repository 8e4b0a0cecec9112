"""Where things are written: the small types every stage shares.

A :class:`Location` names a node by file and JSON pointer; a :class:`Position` is one whose line
and column the reader already measured; a :class:`DuplicateKey` is a repeated mapping key the
reader noticed. :func:`display_path` is how a file is named to the user.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import NamedTuple

from apilint.source import pointer as jp


class Location(NamedTuple):
    """Where a node is written: a file key (absolute path) and a JSON pointer in that file."""

    file: str
    pointer: str

    def child(self, *tokens: str | int) -> Location:
        pointer = self.pointer
        for token in tokens:  # pointer.join, inlined: this runs for every indexed node
            text = token if isinstance(token, str) else str(token)
            if "~" in text or "/" in text:
                text = jp.escape(text)
            pointer = f"{pointer}/{text}"
        return Location(self.file, pointer)


class Position(NamedTuple):
    """A location whose line and column the loader already knows (a repeated key, which a
    pointer cannot tell apart from the occurrence that is kept)."""

    file: str
    pointer: str
    line: int
    column: int


@dataclass(kw_only=True)
class DuplicateKey:
    """A mapping key written twice; the data keeps the last value."""

    pointer: str  # pointer of the key whose value is kept (the last one written)
    key: str
    line: int  # where the repeated key is written
    column: int
    first_line: int


def display_path(key: str) -> str:
    """How a file is named in findings: relative to the working folder when inside it."""
    if "://" in key:
        return key  # a remote file (refs.allow-remote)
    relative = os.path.relpath(key)
    return key if relative.startswith("..") else relative
