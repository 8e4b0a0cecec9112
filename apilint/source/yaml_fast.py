"""The fast way to read YAML: yaml-rs (Rust) for the data, where it reads the text as we would.

yaml-rs parses YAML 1.2 about four times faster than libyaml composes a node tree, but it reads a
few things differently from apilint's YAML 1.2 core reading (``loader.parse_yaml``): it expands
merge keys differently, refuses duplicate keys instead of reporting them, returns several
documents as a list, makes ``200:`` the integer key 200, reads ``0b1``, ``1_000``, ``0X1F`` and
signed hex or octal as numbers, adds a line break to a block scalar that ends the file without
one, counts U+2028 and U+0085 as text where libyaml counts them as line breaks, and reads control
characters YAML does not allow. It also overflows its stack (and takes the process down) on
block nesting between ten and twenty thousand levels deep.

So ``fast_yaml`` returns data only for text that has none of these, checked by a few scans of the
text before yaml-rs sees it and one walk of the data after; for anything else (and whenever
yaml-rs is not installed or raises) it returns None and the caller reads the text with libyaml,
which also gives the exact error message. A false alarm only costs speed, never correctness.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

try:
    import yaml_rs
except ImportError:  # pragma: no cover - an optional speed-up
    yaml_rs = None

# Each screen starts with a literal character, so that the regex engine skips to it at C speed
# (a screen starting with a character class or ``^`` costs a hundred times more on a big file).
_MERGE_KEY = re.compile(r"<<[ \t]*:")
_TAG = re.compile(r"!(?<![^\s\[{,:\-]!)[^\s=]")
# An anchor: without one no alias can resolve (yaml-rs refuses those), and yaml-rs reads an
# alias inside its own anchor as null where libyaml refuses it.
_ANCHOR = re.compile(r"&(?<![^\s\[{,]&)[^\s,\[\]{}]")
_DOCUMENT_MARKERS = (
    re.compile(r"---(?<![^\n]---)(?:[ \t]|$)", re.MULTILINE),
    re.compile(r"\.\.\.(?<![^\n]\.\.\.)(?:[ \t]|$)", re.MULTILINE),
    re.compile(r"%(?<![^\n]%)"),
)
_EXPLICIT_KEY = re.compile(r"\?(?<![^\s\-]\?)(?:[ \t]|$)", re.MULTILINE)
# Sequences nested on one line (``- - a``, ``- &x - a``): with explicit keys and tags screened
# out, each level of block nesting then takes a deeper indentation.
_STACKED_DASHES = re.compile(r"-(?=[ \t]+(?:&\S+[ \t]+)?-(?:[ \t]|$))", re.MULTILINE)
# Where a number may be written so that yaml-rs and the YAML 1.2 core schema read it differently
# (digit separators, 0b/0X/0O prefixes, signed hex or octal: numbers for yaml-rs, text for us),
# and the words there that are such numbers.
_NUMBER_HINTS = (
    re.compile(r"_(?<=[0-9]_)"),
    re.compile(r"0(?=[bBXO])"),
    re.compile(r"0(?<=[-+]0)(?=[xo])"),
)
_ODD_NUMBER = re.compile(
    r"[-+]?(?:0[bB][01_]+|0[xXoO][0-9a-fA-F_]+"
    r"|(?:[0-9][0-9_]*(?:\.[0-9_]*)?|\.[0-9_]+)(?:[eE][-+]?[0-9_]+)?)"
)
# Where an integer key may be written with digits its value does not give back (``0200``,
# ``+1``, ``-0``), and the keys there that are such integers.
_KEY_HINTS = (
    re.compile(r"0(?<![^\s\[{,\-]0)(?=[0-9a-zA-Z_])"),
    re.compile(r"\+(?<![^\s\[{,\-]\+)(?=[0-9])"),
    re.compile(r"0(?<=[\s\[{,]-0)"),
)
_ODD_INT_KEY = re.compile(r"[-+]?[0-9][0-9a-zA-Z_]*")
_TOKEN_START = frozenset(" \t\n[{,")
_TOKEN_END = frozenset(" \t\n,]}#:")
# Characters YAML does not allow in a document (libyaml refuses them; yaml-rs reads them).
_NOT_PRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_SCREENS = (
    _NOT_PRINTABLE,
    _MERGE_KEY,
    _TAG,
    _ANCHOR,
    *_DOCUMENT_MARKERS,
    _EXPLICIT_KEY,
    _STACKED_DASHES,
)
# Deep block nesting: yaml-rs recurses once per level and overflows past ten thousand levels.
# Indentation this deep is read by libyaml instead (flow nesting yaml-rs itself limits to 256).
_DEEP_INDENT = " " * 500

_NESTED = (dict, list)
#: Data nested deeper than this is read by libyaml, which reports what Python cannot walk.
MAX_DEPTH = 400


def fast_yaml(text: str) -> Any | None:
    """The data of ``text`` as the YAML 1.2 core reading gives it, or None to read it with libyaml.

    Only a mapping is returned: a spec and every file a spec refers to is one.
    """
    if yaml_rs is None:
        return None
    if "\r" in text or "\x85" in text or "\u2028" in text or "\u2029" in text:
        return None
    if _DEEP_INDENT in text or any(screen.search(text) for screen in _SCREENS):
        return None
    if _odd_number(text):
        return None
    ends_in_newline = text.endswith("\n")
    try:
        data = yaml_rs.loads(text if ends_in_newline else text + "\n", parse_datetime=False)
    except Exception:  # anything yaml-rs refuses, libyaml reads or explains
        return None
    if type(data) is not dict:
        return None
    rewritten = _plain(data)
    if rewritten is None or (rewritten and _odd_int_key(text)):
        return None
    if not ends_in_newline and _ends_in_line_break(data):
        return None  # a block scalar may end the file: the added newline could be in it
    return data


def _ends_in_line_break(data: Any) -> bool:
    """Whether the last scalar written in the document (the last value, all the way down) is
    text ending in a line break: only such a scalar can change when a newline is added at the
    end of the file."""
    while type(data) in _NESTED and data:
        data = data[-1] if type(data) is list else next(reversed(data.values()))
    return type(data) is str and data.endswith("\n")


def _odd_number(text: str) -> bool:
    """Whether a word of the text is a number written in one of the forms read differently."""
    return any(
        _ODD_NUMBER.fullmatch(text, start, end) for start, end in _words(text, _NUMBER_HINTS)
    )


def _odd_int_key(text: str) -> bool:
    """Whether a key is an integer whose digits its value does not give back."""
    return any(
        text[end : end + 1] == ":" and _ODD_INT_KEY.fullmatch(text, start, end)
        for start, end in _words(text, _KEY_HINTS)
    )


def _words(text: str, hints: tuple[re.Pattern[str], ...]) -> Iterator[tuple[int, int]]:
    """The (start, end) of each word of the text where one of the hints is found."""
    for hint in hints:
        for match in hint.finditer(text):
            start = end = match.start()
            while start > 0 and text[start - 1] not in _TOKEN_START:
                start -= 1
            while end < len(text) and text[end] not in _TOKEN_END:
                end += 1
            yield start, end


def _plain(data: dict[str, Any]) -> bool | None:
    """None unless every key is text or an integer and the nesting is shallow enough; integer
    keys (``200:``) become their decimal text, and the result says whether there were any."""
    rewritten = False
    stack: list[tuple[Any, int]] = [(data, 0)]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_DEPTH:
            return None
        if type(value) is dict:
            if any(type(key) is not str for key in value):
                if not _text_keys(value):
                    return None
                rewritten = True
            depth += 1
            stack.extend((child, depth) for child in value.values() if type(child) in _NESTED)
        elif type(value) is list:
            depth += 1
            stack.extend((child, depth) for child in value if type(child) in _NESTED)
    return rewritten


def _text_keys(mapping: dict[Any, Any]) -> bool:
    """Rewrite the integer keys of ``mapping`` as text, in place and in order; False if a key is
    of another type (a float, a boolean, null, a list)."""
    if any(type(key) is not str and type(key) is not int for key in mapping):
        return False
    items = [(key if type(key) is str else str(key), value) for key, value in mapping.items()]
    if len({key for key, _ in items}) != len(items):  # 200 and "200" in one mapping
        return False
    mapping.clear()
    mapping.update(items)
    return True
