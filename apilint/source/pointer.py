"""JSON pointers (RFC 6901): escaping, joining and splitting."""

from __future__ import annotations

from urllib.parse import unquote


def escape(token: str | int) -> str:
    """Escape one reference token: ``~`` becomes ``~0`` and ``/`` becomes ``~1``."""
    text = str(token)
    if "~" in text or "/" in text:
        text = text.replace("~", "~0").replace("/", "~1")
    return text


def unescape(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~") if "~" in token else token


def join(pointer: str, *tokens: str | int) -> str:
    """Append tokens to a pointer: ``join("/paths", "/users")`` is ``/paths/~1users``."""
    for token in tokens:
        pointer = f"{pointer}/{escape(token)}"
    return pointer


def split(pointer: str) -> list[str]:
    """The unescaped tokens of a pointer; ``""`` (the whole document) has none."""
    if not pointer:
        return []
    if not pointer.startswith("/"):
        raise ValueError(f"JSON pointer must start with '/': {pointer!r}")
    return [unescape(token) for token in pointer[1:].split("/")]


def from_fragment(fragment: str) -> str:
    """The pointer of a URI fragment (``#/a%20b/c`` style, percent-decoded, ``#`` removed)."""
    return unquote(fragment.removeprefix("#"))


def parents(pointer: str) -> list[str]:
    """The pointer itself and every ancestor up to ``""``, nearest first."""
    result = [pointer]
    while pointer:
        pointer = pointer[: pointer.rfind("/")]
        result.append(pointer)
    return result
