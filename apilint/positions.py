"""Turn a JSON pointer into the line and column where that node is written.

A mapping entry is located at its key, an array item at the item itself, the whole document at
1:1. A pointer that does not exist (a rule pointing at a missing key) is located at its nearest
existing ancestor. YAML positions come from the node tree the parse already made; JSON positions
are computed on first use from a token scan of the text, so a clean file never pays for them.
"""

from __future__ import annotations

import bisect
import json
import re
from array import array
from itertools import chain
from typing import Any, Protocol

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from apilint import pointer as jp


class PositionMap(Protocol):
    def locate(self, pointer: str) -> tuple[int, int]:
        """1-based (line, column) of the node at ``pointer``, or of its nearest ancestor."""
        ...


class NoPositions:
    """Positions of data that never was text (passed in from Python): everything is at 1:1."""

    def locate(self, pointer: str) -> tuple[int, int]:
        return 1, 1


_MERGE_TAG = "tag:yaml.org,2002:merge"


class YamlPositions:
    def __init__(self, root: Node) -> None:
        self.root = root
        self._indexes: dict[int, dict[str, tuple[Node, Node]]] = {}

    def _entries(self, node: MappingNode) -> dict[str, tuple[Node, Node]]:
        index = self._indexes.get(id(node))
        if index is None:
            index = {}
            for key_node, value_node in node.value:
                if key_node.tag == _MERGE_TAG:
                    sources = value_node.value if isinstance(value_node, SequenceNode) else []
                    for source in [value_node] if isinstance(value_node, MappingNode) else sources:
                        if isinstance(source, MappingNode):
                            for name, pair in self._entries(source).items():
                                index.setdefault(name, pair)
            for key_node, value_node in node.value:
                if isinstance(key_node, ScalarNode) and key_node.tag != _MERGE_TAG:
                    index[key_node.value] = (key_node, value_node)
            self._indexes[id(node)] = index
        return index

    def locate(self, pointer: str) -> tuple[int, int]:
        if not pointer:
            return 1, 1
        node = self.root
        mark = node.start_mark
        for token in jp.split(pointer):
            if isinstance(node, MappingNode):
                pair = self._entries(node).get(token)
                if pair is None:
                    break
                mark, node = pair[0].start_mark, pair[1]
            elif (
                isinstance(node, SequenceNode) and token.isdigit() and int(token) < len(node.value)
            ):
                node = node.value[int(token)]
                mark = node.start_mark
            else:
                break
        return mark.line + 1, mark.column + 1


_STRING = r'"[^"\\]*(?:\\.[^"\\]*)*"'
_TOKEN = re.compile(_STRING + r"|[{}\[\]]")
_STRING_TOKEN = re.compile(_STRING)
_NEWLINE = re.compile("\n")
_SPACE = re.compile(r"[ \t\r\n]*")
_BLANKS = frozenset(" \t\r\n")


class JsonPositions:
    """Locates pointers in JSON text by scanning strings and brackets once, lazily."""

    def __init__(self, text: str) -> None:
        self.text = text
        # Offsets only, in arrays of machine integers: the scan of a 13 MB file finds about half
        # a million tokens, which as lists of tuples and int objects took 100 MB.
        self._starts: array[int] | None = None
        self._match: array[int] = array("q")
        self._lines: array[int] = array("q")
        self._index: dict[int, dict[str | int, int]] = {}
        self._nodes: dict[str, tuple[int, int | None, bool]] = {}

    def _scan(self) -> None:
        text = self.text
        starts = array("q", map(re.Match.start, _TOKEN.finditer(text)))
        pairs = array("q", [-1]) * len(starts)
        stack: list[int] = []
        for index, start in enumerate(starts):
            char = text[start]
            if char == '"':
                continue
            if char in "{[":
                stack.append(index)
            elif stack:
                pairs[stack.pop()] = index
        self._starts, self._match = starts, pairs
        # the offset where each line starts: one past each newline
        self._lines = array("q", chain((0,), map(re.Match.end, _NEWLINE.finditer(text))))

    def _end(self, index: int) -> int:
        """The offset just past token ``index`` (a string's end is found when first needed)."""
        assert self._starts is not None
        start = self._starts[index]
        if self.text[start] != '"':
            return start + 1
        return _STRING_TOKEN.match(self.text, start).end()  # type: ignore[union-attr]

    def _skip_space(self, offset: int) -> int:
        text = self.text
        if text[offset : offset + 1] not in _BLANKS:  # the usual cases first, without a regex
            return offset
        if text[offset] == " " and text[offset + 1 : offset + 2] not in _BLANKS:
            return offset + 1
        return _SPACE.match(text, offset).end()  # type: ignore[union-attr]

    def _key(self, index: int) -> tuple[str, int] | None:
        """The decoded key and the offset of its ``:`` if string token ``index`` is an object
        key, else None."""
        end = self._end(index)
        colon = self._skip_space(end)
        if self.text[colon : colon + 1] != ":":
            return None
        raw = self.text[self._starts[index] : end]
        return (json.loads(raw) if "\\" in raw else raw[1:-1]), colon

    def _children(self, index: int) -> Any:
        """Yield (key or item number, offset of the key or item, token index of a container)."""
        starts, text, pairs = self._starts, self.text, self._match
        assert starts is not None
        close = pairs[index]
        if close < 0:
            close = len(starts)
        is_object = text[starts[index]] == "{"
        j = index + 1
        item = 0
        prev_end = self._end(index)
        if not is_object:
            first = self._skip_space(prev_end)
            if text[first : first + 1] not in ("]", ""):
                yield (
                    0,
                    first,
                    j if j < close and starts[j] == first and text[first] in "{[" else None,
                )
        while j < close:
            start = starts[j]
            if is_object:
                key = self._key(j) if text[start] == '"' else None
                if key is not None:
                    name, colon = key
                    value = self._skip_space(colon + 1)
                    nested = j + 1 < close and starts[j + 1] == value and text[value] in "{["
                    container = j + 1 if nested else None
                    yield name, start, container
                    j += 1
                    continue
            else:
                gap = text[prev_end:start]
                for comma in re.finditer(",", gap):
                    item += 1
                    offset = self._skip_space(prev_end + comma.end())
                    yield item, offset, j if offset == start and text[start] in "{[" else None
            if text[start] in "{[" and pairs[j] > 0:
                prev_end = self._end(pairs[j])
                j = pairs[j] + 1
            else:
                prev_end = self._end(j)
                j += 1
        if not is_object and close < len(starts):
            gap = text[prev_end : starts[close]]
            for comma in re.finditer(",", gap):
                item += 1
                yield item, self._skip_space(prev_end + comma.end()), None

    def _line_col(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._lines, offset)
        return line, offset - self._lines[line - 1] + 1

    def locate(self, pointer: str) -> tuple[int, int]:
        if not pointer:
            return 1, 1
        return self._line_col(self._node(pointer)[0])

    def _node(self, pointer: str) -> tuple[int, int | None, bool]:
        """(offset, container token or None, found) of the node at ``pointer``; memoised for
        objects and arrays, so the many findings under one object share the walk to it."""
        known = self._nodes.get(pointer)
        if known is not None:
            return known
        if not pointer:
            if self._starts is None:
                self._scan()
            assert self._starts is not None
            offset = self._skip_space(0)
            container = 0 if self._starts and self._starts[0] == offset else None
            result: tuple[int, int | None, bool] = (offset, container, True)
        else:
            cut = pointer.rfind("/")
            offset, container, found = self._node(pointer[:cut])
            result = (offset, None, False)  # not found: the nearest ancestor's position
            if found and container is not None:
                child = self._child(container, jp.unescape(pointer[cut + 1 :]))
                if child is not None:
                    result = (child[0], child[1], True)
        if result[1] is not None:  # a leaf is asked for once or twice: not worth keeping
            self._nodes[pointer] = result
        return result

    def _child(self, container: int, token: str) -> tuple[int, int | None] | None:
        """(offset, container token or None) of the child ``token`` of ``container``."""
        starts = self._starts
        assert starts is not None
        want: str | int = token
        in_array = self.text[starts[container]] == "["
        if in_array:
            if not token.isdigit():
                return None
            want = int(token)
        index = self._index.get(container)
        if index is None:
            # each child as one int: its offset, doubled, plus one if it is an object or array
            # (a tuple per child took 240 MB on a 47 MB spec); the last duplicate wins, as in
            # the data
            index = {
                name: at * 2 + (child is not None) for name, at, child in self._children(container)
            }
            self._index[container] = index
        packed = index.get(want)
        if packed is None:
            return None
        at = packed >> 1
        if not packed & 1:
            return at, None
        # the container token: the item's own bracket, or the token after the key
        token_index = bisect.bisect_left(starts, at)
        return at, token_index if in_array else token_index + 1

    def duplicate_keys(self) -> list[Any]:
        """Every repeated key in every object, with the pointer and both lines."""
        from apilint.loader import DuplicateKey

        if self._starts is None:
            self._scan()
        found: list[DuplicateKey] = []
        stack: list[tuple[int, str]] = [(0, "")] if self._starts else []
        while stack:
            index, where = stack.pop()
            seen: dict[str | int, int] = {}
            for name, offset, child in self._children(index):
                line, column = self._line_col(offset)
                if isinstance(name, str) and name in seen:
                    found.append(DuplicateKey(jp.join(where, name), name, line, column, seen[name]))
                seen.setdefault(name, line)
                if child is not None:
                    stack.append((child, jp.join(where, name)))
        found.sort(key=lambda d: (d.line, d.column))
        return found
