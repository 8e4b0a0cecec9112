"""Positions in YAML text read without a node tree, found from the indentation of its lines.

When ``yaml_fast`` gives the data, no parser has recorded where each node is written. Block-style
YAML says it in the text itself: the keys of a block mapping are the lines that start at one
column within the lines of its parent's value, and the items of a block sequence are the ``-``
lines at one column. So a pointer is located by walking the data and the text together: each
mapping or sequence on the way is indexed once, from a table of every line's indentation, and the
keys (or the number of items) found in the text must be exactly those in the data, or the walk
gives up. Flow collections (``{...}``, ``[...]``) are composed by libyaml on their own; anything
else unusual (or a check that fails) hands the whole file to libyaml's node tree, once, so a
position is always the one libyaml would give: nothing here is a guess.

Nothing is computed before the first ``locate`` call: a file without findings never pays.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from apilint.source import pointer as jp
from apilint.source.positions import PositionMap

# A mapping key and its colon: double-quoted, single-quoted or plain (no ": " or " #" inside).
_KEY = re.compile(
    r"""(?:"((?:[^"\\\n]|\\.)*)"|'((?:[^'\n]|'')*)'"""
    r"""|([^\s#'"&*!|>%@`{}\[\],?:\-][^\n]*?|[?:\-][^\s][^\n]*?))[ \t]*:(?:[ \t]+|$)"""
)
_MAP, _SEQ, _FLOW, _SCALAR = "map", "seq", "flow", "scalar"
_AFTER_DASH = frozenset(("", " ", "\t"))  # what follows the dash of a sequence item


class _Unknown(Exception):
    """The text is written in a way this module does not read; libyaml will."""


@dataclass(slots=True)
class _Node:
    """Where a collection (or scalar) is written: its kind, the column of its keys or dashes,
    the lines it spans (``first`` to ``end``, exclusive), and the (line, column) libyaml marks."""

    kind: str
    column: int
    first: int
    end: int
    mark: tuple[int, int]
    compact: bool = False  # its first key or dash follows a ``- `` on the first line


@dataclass(slots=True)
class _Entry:
    """A key of a block mapping, or an item of a block sequence: where it is written, and where
    its value begins (``rest``: the column after the colon or the dash) and ends."""

    line: int
    column: int
    rest: int
    end: int
    value: _Node | None = field(default=None)


@dataclass(slots=True)
class _Place:
    """What a pointer leads to: its data and mark (0-based), the key or item it is (None at the
    root), and whether it exists; inside a flow collection, that collection and the rest of the
    pointer from it instead."""

    data: Any
    mark: tuple[int, int]
    entry: _Entry | None = None
    in_item: bool = False
    found: bool = True
    flow: tuple[_Node, str] | None = None


class BlockPositions:
    """Locates pointers in YAML text whose data came from ``yaml_fast``."""

    def __init__(
        self,
        text: str,
        data: Any,
        compose: Callable[[str], PositionMap],
    ) -> None:
        self.text = text
        self.data = data
        self._compose = compose  # libyaml's positions of a piece of YAML text
        self._whole: PositionMap | None = None
        self._lines: list[str] = []
        self._by_column: dict[int, list[int]] = {}
        self._root: _Node | None = None
        self._entries: dict[int, dict[str, _Entry]] = {}
        self._items: dict[int, list[_Entry]] = {}
        self._places: dict[str, _Place] = {}
        self._flows: dict[int, PositionMap] = {}

    def locate(self, pointer: str) -> tuple[int, int]:
        if not pointer:
            return 1, 1
        if self._whole is None:
            try:
                place = self._place(pointer)
                if place.flow is None:
                    return place.mark[0] + 1, place.mark[1] + 1
                return self._in_flow(*place.flow)
            except _Unknown:
                self._whole = self._compose(self.text)
        return self._whole.locate(pointer)

    # -- the walk, one step per pointer token, each step memoised ---------------------------

    def _place(self, pointer: str) -> _Place:
        known = self._places.get(pointer)
        if known is not None:
            return known
        if not pointer:
            root = self._root or self._start()
            place = _Place(self.data, root.mark)
        else:
            cut = pointer.rfind("/")
            parent = self._place(pointer[:cut])
            place = self._step(parent, pointer[cut + 1 :])
        self._places[pointer] = place
        return place

    def _step(self, parent: _Place, raw: str) -> _Place:
        if not parent.found:
            return parent
        if parent.flow is not None:
            return _Place(None, parent.mark, flow=(parent.flow[0], f"{parent.flow[1]}/{raw}"))
        data, token = parent.data, jp.unescape(raw)
        if type(data) is dict:
            if token not in data:
                return _Place(None, parent.mark, found=False)
        elif type(data) is not list or not (token.isdigit() and int(token) < len(data)):
            return _Place(None, parent.mark, found=False)
        node = self._root if parent.entry is None else self._value(parent.entry, parent.in_item)
        assert node is not None
        if node.kind == _FLOW:
            return _Place(None, parent.mark, flow=(node, "/" + raw))
        if type(data) is dict:
            if node.kind != _MAP:
                raise _Unknown
            entry = self._mapping(node, data)[token]
            return _Place(data[token], (entry.line, entry.column), entry)
        if node.kind != _SEQ:
            raise _Unknown
        entry = self._sequence(node, data)[int(token)]
        return _Place(data[int(token)], self._value(entry, True).mark, entry, in_item=True)

    def _start(self) -> _Node:
        text = self.text
        self._lines = lines = text.split("\n")
        by_column: dict[int, list[int]] = {}
        for number, line in enumerate(lines):
            column = _content_column(line)
            if column is not None:
                by_column.setdefault(column, []).append(number)
        self._by_column = by_column
        root = self._block(-1, len(lines), parent_column=-1, in_item=False)
        if root is None or root.kind != _MAP:
            raise _Unknown
        self._root = root
        return root

    # -- values -----------------------------------------------------------------------------

    def _value(self, entry: _Entry, in_item: bool) -> _Node:
        """What the value of a key or an item is, from the text after its colon or dash."""
        if entry.value is not None:
            return entry.value
        line = self._lines[entry.line]
        column = entry.rest
        while column < len(line) and line[column] in " \t":
            column += 1
        if column >= len(line) or line[column] == "#":  # the value starts on a later line
            node = self._block(entry.line, entry.end, entry.column, in_item)
            if node is None:
                raise _Unknown  # an empty value (null): libyaml's mark for it is not in the text
        else:
            node = self._inline(entry, column, in_item)
        entry.value = node
        return node

    def _inline(self, entry: _Entry, column: int, in_item: bool) -> _Node:
        line = self._lines[entry.line]
        char = line[column]
        mark = (entry.line, column)
        if char in "{[":
            return _Node(_FLOW, column, entry.line, entry.end, mark)
        if char in "&!*":
            raise _Unknown  # anchors, tags and aliases are left to libyaml
        if char == "-" and line[column + 1 : column + 2] in _AFTER_DASH:
            if not in_item:
                raise _Unknown
            return _Node(_SEQ, column, entry.line, entry.end, mark, compact=True)
        if _KEY.match(line, column):
            if not in_item:
                raise _Unknown
            return _Node(_MAP, column, entry.line, entry.end, mark, compact=True)
        return _Node(_SCALAR, column, entry.line, entry.end, mark)

    def _block(self, after: int, end: int, parent_column: int, in_item: bool) -> _Node | None:
        """The node written on the lines after line ``after`` (up to ``end``), or None if there
        are none: its kind comes from its first line."""
        found = self._first_content(after + 1, end)
        if found is None:
            return None
        first, column = found
        line = self._lines[first]
        mark = found
        if line[column] == "-" and line[column + 1 : column + 2] in _AFTER_DASH:
            if column < parent_column or (in_item and column == parent_column):
                raise _Unknown
            return _Node(_SEQ, column, first, end, mark)
        if _KEY.match(line, column):
            if column <= parent_column:
                raise _Unknown
            return _Node(_MAP, column, first, end, mark)
        if line[column] in "{[":
            return _Node(_FLOW, column, first, end, mark)
        if line[column] in "&!*":
            raise _Unknown
        return _Node(_SCALAR, column, first, end, mark)

    def _first_content(self, start: int, end: int) -> tuple[int, int] | None:
        """(line, column) of the first content other than a comment in lines [start, end)."""
        lines = self._lines
        for number in range(start, min(end, len(lines))):
            column = _content_column(lines[number])
            if column is not None:
                return number, column
        return None

    def _rows(self, node: _Node) -> list[int]:
        """The lines in the node's span where a key or dash of it may start: those whose content
        starts at its column, and a compact node's first line (a ``- `` in front)."""
        rows = self._by_column.get(node.column, [])
        start = node.first + 1 if node.compact else node.first
        found = rows[bisect.bisect_left(rows, start) : bisect.bisect_left(rows, node.end)]
        return [node.first, *found] if node.compact else found

    # -- collections ------------------------------------------------------------------------

    def _mapping(self, node: _Node, data: dict[str, Any]) -> dict[str, _Entry]:
        known = self._entries.get(id(data))
        if known is not None:
            return known
        lines = self._lines
        column = node.column
        entries: dict[str, _Entry] = {}
        previous: _Entry | None = None
        for number in self._rows(node):
            line = lines[number]
            if line[column] == "-" and line[column + 1 : column + 2] in _AFTER_DASH:
                continue  # an item of a sequence written at the key's column (``key:\n- a``)
            match = _KEY.match(line, column)
            if match is None:
                raise _Unknown
            entry = _Entry(number, column, match.end(), node.end)
            if previous is not None:
                previous.end = number
            entries[_key_text(match)] = previous = entry
        if len(entries) != len(data) or entries.keys() != data.keys():
            raise _Unknown  # (a key written twice would make the first count differ)
        self._entries[id(data)] = entries
        return entries

    def _sequence(self, node: _Node, data: list[Any]) -> list[_Entry]:
        known = self._items.get(id(data))
        if known is not None:
            return known
        lines = self._lines
        column = node.column
        dashes: list[int] = []
        for number in self._rows(node):
            line = lines[number]
            if line[column] != "-" or line[column + 1 : column + 2] not in _AFTER_DASH:
                raise _Unknown
            dashes.append(number)
        if len(dashes) != len(data):
            raise _Unknown
        ends = [*dashes[1:], node.end]
        items = [
            _Entry(number, column, column + 1, end)
            for number, end in zip(dashes, ends, strict=True)
        ]
        self._items[id(data)] = items
        return items

    def _in_flow(self, node: _Node, pointer: str) -> tuple[int, int]:
        """Locate the rest of the pointer inside a flow collection, composed on its own once."""
        positions = self._flows.get(id(node))
        if positions is None:
            lines = self._lines
            piece = "\n".join([lines[node.first][node.column :], *lines[node.first + 1 : node.end]])
            try:
                positions = self._compose(piece)
            except Exception:  # the piece does not stand alone: read the whole file
                raise _Unknown from None
            self._flows[id(node)] = positions
        line, column = positions.locate(pointer)
        if line == 1:
            column += node.column
        return node.first + line, column


def _content_column(line: str) -> int | None:
    """The column where a line's content starts, or None for a blank or comment line."""
    content = line.lstrip(" ")
    if not content or content[0] == "#":
        return None
    return len(line) - len(content)


def _key_text(match: re.Match[str]) -> str:
    double, single, plain = match.groups()
    if plain is not None:
        if " #" in plain or "\t#" in plain:
            raise _Unknown  # a comment: the text is not what it seems
        return plain
    if single is not None:
        return single.replace("''", "'")
    if "\\" not in double:
        return double
    try:
        return json.loads(f'"{double}"')  # type: ignore[no-any-return]
    except ValueError:
        raise _Unknown from None  # an escape YAML has and JSON lacks
