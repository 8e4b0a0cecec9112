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

from apilint.source import pointer as jp
from apilint.source.locations import DuplicateKey


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


_STRING = rb'"[^"\\]*(?:\\.[^"\\]*)*"'
_TOKEN = re.compile(_STRING + rb"|[{}\[\]]")
_STRING_TOKEN = re.compile(_STRING)
_NEWLINE = re.compile(b"\n")
_SPACE = re.compile(rb"[ \t\r\n]*")
_COMMA = re.compile(b",")
_NON_ASCII = re.compile(rb"[\x80-\xff]+")
_CONTINUATION = bytes(range(0x80, 0xC0))  # UTF-8 bytes that do not start a character
_BLOCK = 1 << 16
_BLANKS = frozenset(b" \t\r\n")
_QUOTE, _OPEN_OBJECT, _CLOSE_ARRAY = b'"{]'
_OPENERS = b"{["
#: Objects with more keys than this get a key-to-ordinal map; smaller ones are searched.
_SMALL = 8
#: How many walks to objects and arrays, and how many small ones' children, are remembered
#: (findings cluster under a few); the children of large ones are always kept.
_REMEMBERED = 20_000
_LARGE = 64
_UNKNOWN = object()

#: A node reached by a walk: its offset, its token if it is an object or array, its data.
_Walk = tuple[int, int | None, Any]


class JsonPositions:
    """Locates pointers in JSON text by scanning strings and brackets once, lazily.

    The text is kept as UTF-8 bytes (a spec with one non-Latin character would take two or four
    bytes per character as a ``str``). Given the parsed ``data`` of a file without repeated
    keys, an object's n-th key in the data is its n-th key in the text, so a child is found by
    its ordinal and nothing but offsets is kept: for each object or array walked, its
    children's offsets in an array of machine integers. Without that data (or with repeated
    keys) the keys are read from the text instead.
    """

    def __init__(self, text: str | bytes, data: Any = _UNKNOWN) -> None:
        self.raw = text.encode("utf-8") if isinstance(text, str) else text
        # four-byte integers hold the offsets (shifted left by two) of any file under 256 MB
        self._int = "i" if len(self.raw) < 1 << 28 else "q"
        self._data = data
        self._starts: array[int] | None = None
        self._match: array[int] = array("q")
        self._lines: array[int] = array("q")
        # where each run of non-ASCII bytes ends, and the continuation bytes up to there
        self._wide_ends: array[int] = array("q")
        self._wide_extra: array[int] = array("q")
        # per container token: its children, packed as ``_children`` gives them; and, for
        # large objects (or any whose keys are read from the text), each key's ordinal
        self._offsets: dict[int, array[int]] = {}  # containers with many children
        self._small_offsets: dict[int, array[int]] = {}  # the others, the last few thousand
        self._ordinals: dict[int, dict[str, int]] = {}
        self._walks: dict[str, _Walk] = {}

    def _scan(self) -> None:
        raw = self.raw
        starts = array(self._int, map(re.Match.start, _TOKEN.finditer(raw)))
        pairs = array(self._int, [-1]) * len(starts)
        stack: list[int] = []
        for index, start in enumerate(starts):
            char = raw[start]
            if char == _QUOTE:
                continue
            if char in _OPENERS:
                stack.append(index)
            elif stack:
                pairs[stack.pop()] = index
        self._starts, self._match = starts, pairs
        # the offset where each line starts: one past each newline
        self._lines = array(self._int, chain((0,), map(re.Match.end, _NEWLINE.finditer(raw))))
        extra = 0
        for block in range(0, len(raw), _BLOCK):  # a regex over every byte would take longer
            if raw[block : block + _BLOCK].isascii():
                continue
            for run in _NON_ASCII.finditer(raw, block, block + _BLOCK):
                chunk = run.group()
                extra += len(chunk) - len(chunk.translate(None, _CONTINUATION))
                self._wide_ends.append(run.end())
                self._wide_extra.append(extra)

    def _end(self, index: int) -> int:
        """The offset just past token ``index`` (a string's end is found when first needed)."""
        assert self._starts is not None
        start = self._starts[index]
        if self.raw[start] != _QUOTE:
            return start + 1
        return _STRING_TOKEN.match(self.raw, start).end()  # type: ignore[union-attr]

    def _skip_space(self, offset: int) -> int:
        raw = self.raw
        if offset >= len(raw) or raw[offset] not in _BLANKS:  # the usual cases, without a regex
            return offset
        if offset + 1 < len(raw) and raw[offset] == 32 and raw[offset + 1] not in _BLANKS:
            return offset + 1
        return _SPACE.match(raw, offset).end()  # type: ignore[union-attr]

    def _colon(self, index: int) -> int:
        """The offset of the ``:`` after string token ``index`` if it is an object key, else -1."""
        colon = self._skip_space(self._end(index))
        return colon if self.raw[colon : colon + 1] == b":" else -1

    def _name(self, index: int) -> str:
        """The decoded text of string token ``index``."""
        assert self._starts is not None
        token = self.raw[self._starts[index] : self._end(index)]
        return json.loads(token) if b"\\" in token else token[1:-1].decode("utf-8")

    def _children(self, index: int, names: bool = True) -> Any:
        """Yield (key or item number, offset of the key or item, token index of a container,
        packed child) for each child of container token ``index`` (keys None unless ``names``).
        The packed child is what ``_child`` keeps: a token index (the key's, or a nested
        item's) or an offset, shifted left by two, with bit 0 set for a token index and bit 1
        for an object or array."""
        starts, raw, pairs = self._starts, self.raw, self._match
        assert starts is not None
        close = pairs[index]
        if close < 0:
            close = len(starts)
        is_object = raw[starts[index]] == _OPEN_OBJECT
        j = index + 1
        item = 0
        prev_end = self._end(index)
        if not is_object:
            first = self._skip_space(prev_end)
            if first < len(raw) and raw[first] != _CLOSE_ARRAY:
                nested = j < close and starts[j] == first and raw[first] in _OPENERS
                yield 0, first, j if nested else None, j << 2 | 3 if nested else first << 2
        while j < close:
            start = starts[j]
            if is_object:
                colon = self._colon(j) if raw[start] == _QUOTE else -1
                if colon >= 0:
                    name = self._name(j) if names else None
                    value = self._skip_space(colon + 1)
                    nested = j + 1 < close and starts[j + 1] == value and raw[value] in _OPENERS
                    yield name, start, j + 1 if nested else None, j << 2 | 1 | nested << 1
                    j += 1
                    continue
            else:
                for comma in _COMMA.finditer(raw, prev_end, start):
                    item += 1
                    offset = self._skip_space(comma.end())
                    nested = offset == start and raw[start] in _OPENERS
                    yield item, offset, j if nested else None, j << 2 | 3 if nested else offset << 2
            if raw[start] in _OPENERS and pairs[j] > 0:
                prev_end = self._end(pairs[j])
                j = pairs[j] + 1
            else:
                prev_end = self._end(j)
                j += 1
        if not is_object and close < len(starts):
            for comma in _COMMA.finditer(raw, prev_end, starts[close]):
                item += 1
                offset = self._skip_space(comma.end())
                yield item, offset, None, offset << 2

    def _line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column (in characters) of a byte offset that starts a character."""
        line = bisect.bisect_right(self._lines, offset)
        start = self._lines[line - 1]
        return line, offset - start - self._extra(offset) + self._extra(start) + 1

    def _extra(self, offset: int) -> int:
        """How many continuation bytes come before ``offset``."""
        run = bisect.bisect_right(self._wide_ends, offset)
        return self._wide_extra[run - 1] if run else 0

    def locate(self, pointer: str) -> tuple[int, int]:
        if not pointer:
            return 1, 1
        if self._starts is None:
            self._scan()
        return self._line_col(self._offset(pointer))

    def _offset(self, pointer: str) -> int:
        """The offset of the node at ``pointer``, or of its nearest existing ancestor."""
        walks = self._walks
        pending: list[str] = []
        prefix = pointer
        while prefix and prefix not in walks:  # the nearest ancestor already walked to
            pending.append(prefix)
            prefix = prefix[: prefix.rfind("/")]
        if prefix:
            offset, container, node = walks[prefix]
        else:
            assert self._starts is not None
            offset = self._skip_space(0)
            container = 0 if self._starts and self._starts[0] == offset else None
            node = self._data
        for step in reversed(pending):
            if container is None:
                break
            child = self._child(container, node, jp.unescape(step[step.rfind("/") + 1 :]))
            if child is None:
                break
            offset, container, node = child
            if container is not None:
                if len(walks) >= _REMEMBERED:
                    walks.clear()
                walks[step] = child
        return offset

    def _child(self, container: int, node: Any, token: str) -> _Walk | None:
        """The walk to child ``token`` of ``container`` (whose data is ``node``, or unknown)."""
        starts = self._starts
        assert starts is not None
        in_array = self.raw[starts[container]] != _OPEN_OBJECT
        offsets = self._offsets.get(container)
        if offsets is None:
            offsets = self._small_offsets.get(container)
        if offsets is None:
            children = self._children(container, names=False)
            offsets = array(self._int, (child[3] for child in children))
            if len(offsets) >= _LARGE:
                self._offsets[container] = offsets
            else:
                if len(self._small_offsets) >= _REMEMBERED:
                    self._small_offsets.clear()
                self._small_offsets[container] = offsets
        if in_array:
            ordinal = int(token) if token.isdigit() else -1
            matches = isinstance(node, list) and len(node) == len(offsets)
            value = node[ordinal] if matches and 0 <= ordinal < len(node) else _UNKNOWN
        elif isinstance(node, dict) and len(node) == len(offsets):
            ordinal = self._data_ordinal(container, node, token)
            value = node.get(token, _UNKNOWN)
        else:  # no data, or it does not match the text (a repeated key): read the keys
            ordinal = self._text_ordinal(container, token)
            value = _UNKNOWN
        if not 0 <= ordinal < len(offsets):
            return None
        packed = offsets[ordinal]
        if not packed & 1:
            return packed >> 2, None, value
        token_index = packed >> 2
        if not packed & 2:
            return starts[token_index], None, value
        return starts[token_index], token_index if in_array else token_index + 1, value

    def _data_ordinal(self, container: int, node: dict[str, Any], key: str) -> int:
        if len(node) <= _SMALL:
            for ordinal, name in enumerate(node):
                if name == key:
                    return ordinal
            return -1
        ordinals = self._ordinals.get(container)
        if ordinals is None:
            ordinals = self._ordinals[container] = {name: n for n, name in enumerate(node)}
        return ordinals.get(key, -1)

    def _text_ordinal(self, container: int, key: str) -> int:
        ordinals = self._ordinals.get(container)
        if ordinals is None:
            # the last of repeated keys wins, as in the data
            names = (child[0] for child in self._children(container))
            ordinals = self._ordinals[container] = {name: n for n, name in enumerate(names)}
        return ordinals.get(key, -1)

    def duplicate_keys(self) -> list[Any]:
        """Every repeated key in every object, with the pointer and both lines."""
        if self._starts is None:
            self._scan()
        found: list[DuplicateKey] = []
        stack: list[tuple[int, str]] = [(0, "")] if self._starts else []
        while stack:
            index, where = stack.pop()
            seen: dict[str | int, int] = {}
            for name, offset, child, _ in self._children(index):
                line, column = self._line_col(offset)
                if isinstance(name, str) and name in seen:
                    found.append(
                        DuplicateKey(
                            pointer=jp.join(where, name),
                            key=name,
                            line=line,
                            column=column,
                            first_line=seen[name],
                        )
                    )
                seen.setdefault(name, line)
                if child is not None:
                    stack.append((child, jp.join(where, name)))
        found.sort(key=lambda d: (d.line, d.column))
        return found
