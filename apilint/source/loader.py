"""Read a spec file into plain data, with positions and duplicate keys, refusing hostile input.

JSON is parsed by the standard library's C parser (never by a YAML parser); YAML is composed into
a node tree by libyaml when available and turned into plain data here, so that one parse gives both
the data and the positions of every node. Scalars follow the YAML 1.2 core schema, as JSON-based
OpenAPI tooling expects (``on``, ``yes`` and dates stay strings); mapping keys are always the text
written in the file (``200:`` is the key ``"200"``). Tags such as ``!!python/object`` are never
constructed: a tagged node is read as the plain scalar, list or mapping it is written as.
"""

from __future__ import annotations

import codecs
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
import yaml.reader
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import BaseResolver

from apilint.source import pointer as jp
from apilint.source.block_positions import BlockPositions
from apilint.source.locations import DuplicateKey
from apilint.source.positions import JsonPositions, NoPositions, PositionMap, YamlPositions
from apilint.source.yaml_fast import fast_yaml

try:  # libyaml's parser and composer, written in C
    from yaml.cyaml import CParser as _Parser

    HAVE_LIBYAML = True
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml.composer import Composer
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, Parser, Composer):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            Composer.__init__(self)

    HAVE_LIBYAML = False

DEFAULT_MAX_BYTES = 64 * 1024 * 1024
#: Aliases may repeat a subtree; a document whose expanded size passes both limits is refused.
MAX_EXPANDED_NODES = 2_000_000
MAX_EXPANSION_RATIO = 20

_TAG = "tag:yaml.org,2002:"
_STR, _INT, _FLOAT, _BOOL, _NULL, _MERGE = (
    _TAG + "str",
    _TAG + "int",
    _TAG + "float",
    _TAG + "bool",
    _TAG + "null",
    _TAG + "merge",
)


class LoadError(Exception):
    """The file cannot be read as a spec; ``str()`` is one line for the user."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


@dataclass
class LoadedFile:
    """One parsed file: its data, how to locate a pointer in it, and what parsing noticed."""

    path: Path
    data: Any
    positions: PositionMap
    duplicate_keys: list[DuplicateKey] = field(default_factory=list)


class _CoreResolver(BaseResolver):
    """YAML 1.2 core schema: only ``true``/``false`` are booleans; no timestamps, no base 60."""


for _tag, _pattern, _first in (
    (_BOOL, r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    (_NULL, r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    (_INT, r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    (
        _FLOAT,
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        "-+.0123456789",
    ),
    (_MERGE, r"^<<$", "<"),
):
    _CoreResolver.add_implicit_resolver(_tag, re.compile(_pattern), list(_first))


_IMPLICIT = _CoreResolver.yaml_implicit_resolvers
_SEQ, _MAP = _TAG + "seq", _TAG + "map"


class _Composer(_Parser, _CoreResolver):  # type: ignore[misc, valid-type]
    def __init__(self, stream: str) -> None:
        _Parser.__init__(self, stream)
        _CoreResolver.__init__(self)

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        """The core-schema tag of a node (called by the composer for every node)."""
        if kind is ScalarNode:
            if implicit[0]:  # a plain scalar: only these can be anything but a string
                for tag, pattern in _IMPLICIT.get(value[:1] if value else "", ()):
                    if pattern.match(value):
                        return tag  # type: ignore[no-any-return]
            return _STR
        return _SEQ if kind is SequenceNode else _MAP


def _scalar(node: ScalarNode) -> Any:
    tag, value = node.tag, node.value
    if tag == _STR:
        return value
    try:
        return _typed_scalar(tag, value)
    except ValueError:  # an explicit tag on text it does not fit (!!int "abc"): keep the text
        return value


def _typed_scalar(tag: str, value: str) -> Any:
    if tag == _INT:
        if value.startswith("0o"):
            return int(value[2:], 8)
        if value.startswith("0x"):
            return int(value[2:], 16)
        return int(value)
    if tag == _FLOAT:
        lowered = value.lower()
        if lowered.endswith("inf"):
            return float("-inf") if lowered.startswith("-") else float("inf")
        if lowered == ".nan":
            return float("nan")
        return float(value)
    if tag == _BOOL:
        return value in ("true", "True", "TRUE")
    if tag == _NULL:
        return None
    return value  # any other tag: the text as written, never a constructed object


class _Constructor:
    """Turns a composed YAML node tree into dicts, lists and scalars."""

    def __init__(self) -> None:
        self.memo: dict[int, Any] = {}
        self.building: set[int] = set()
        self.aliased = False
        self.path: list[str] = []
        self.duplicates: list[DuplicateKey] = []
        self.count = 0

    def build(self, node: Node) -> Any:
        if isinstance(node, ScalarNode):
            self.count += 1
            return _scalar(node)
        key = id(node)
        if key in self.memo:
            if key in self.building:
                raise LoadError(
                    "recursive YAML alias (a node contains itself)",
                    node.start_mark.line + 1,
                    node.start_mark.column + 1,
                )
            self.aliased = True
            return self.memo[key]
        self.count += 1
        self.building.add(key)
        if isinstance(node, SequenceNode):
            items: list[Any] = []
            self.memo[key] = items
            path = self.path
            for index, child in enumerate(node.value):
                path.append(str(index))
                items.append(self.build(child))
                path.pop()
            result: Any = items
        elif isinstance(node, MappingNode):
            result = self._mapping(node, key)
        else:  # pragma: no cover - composer only makes the three kinds
            raise LoadError(f"unexpected YAML node {node!r}")
        self.building.discard(key)
        return result

    def _mapping(self, node: MappingNode, key: int) -> dict[str, Any]:
        mapping: dict[str, Any] = {}
        self.memo[key] = mapping
        seen: dict[str, int] = {}
        merges: list[Node] = []
        path = self.path
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                merges.append(value_node)
                continue
            if not isinstance(key_node, ScalarNode):
                mark = key_node.start_mark
                raise LoadError(
                    "mapping key is not a plain scalar (complex keys are not allowed in OpenAPI)",
                    mark.line + 1,
                    mark.column + 1,
                )
            name = key_node.value
            if name in seen:
                self.duplicates.append(
                    DuplicateKey(
                        pointer=jp.join("", *path, name),
                        key=name,
                        line=key_node.start_mark.line + 1,
                        column=key_node.start_mark.column + 1,
                        first_line=seen[name],
                    )
                )
            seen.setdefault(name, key_node.start_mark.line + 1)
            path.append(name)
            mapping[name] = self.build(value_node)
            path.pop()
        if merges:
            merged: dict[str, Any] = {}
            for merge in merges:
                sources = merge.value if isinstance(merge, SequenceNode) else [merge]
                for source in sources:
                    value = self.build(source)
                    if not isinstance(value, dict):
                        mark = source.start_mark
                        raise LoadError(
                            "merge key '<<' needs a mapping", mark.line + 1, mark.column + 1
                        )
                    for name, item in value.items():
                        merged.setdefault(name, item)
            merged.update(mapping)
            mapping.clear()
            mapping.update(merged)
        return mapping


def _expanded_size(data: Any, limit: int) -> int:
    """Count nodes as a consumer would see them, aliases expanded; stop once past ``limit``."""
    sizes: dict[int, int] = {}

    def size(value: Any) -> int:
        if isinstance(value, dict):
            children = value.values()
        elif isinstance(value, list):
            children = value
        else:
            return 1
        key = id(value)
        if key in sizes:
            return sizes[key]
        total = 1
        for child in children:
            total += size(child)
            if total > limit:
                break
        sizes[key] = total
        return total

    return size(data)


def parse_yaml(text: str) -> tuple[Any, PositionMap, list[DuplicateKey]]:
    data = fast_yaml(text)
    if data is not None:
        return data, BlockPositions(text, data, compose_positions), []
    return parse_yaml_nodes(text)


def _compose(text: str) -> Node | None:
    """libyaml's node tree of one YAML document (None for an empty one); PyYAML's errors."""
    composer = _Composer(text)
    try:
        return composer.get_single_node()  # type: ignore[no-any-return]
    finally:
        dispose = getattr(composer, "dispose", None)  # only libyaml's parser has it
        if dispose is not None:
            dispose()


def compose_positions(text: str) -> YamlPositions:
    """libyaml's node tree of ``text``, for its positions only (the text has been read once)."""
    root = _compose(text)
    if root is None:
        raise LoadError("empty file (no YAML or JSON document)")
    return YamlPositions(root)


def parse_yaml_nodes(text: str) -> tuple[Any, YamlPositions, list[DuplicateKey]]:
    """Read YAML with libyaml's node tree: data, positions and duplicate keys from one parse."""
    try:
        root = _compose(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = error.problem or str(error)
        if error.context and "single document" in error.context:
            problem = "more than one YAML document in the file"
        if mark is None:
            raise LoadError(f"invalid YAML: {problem}") from None
        raise LoadError(f"invalid YAML: {problem}", mark.line + 1, mark.column + 1) from None
    except yaml.reader.ReaderError as error:
        before = text[: error.position]
        line = before.count("\n") + 1
        column = error.position - (before.rfind("\n") + 1) + 1
        character = error.character
        code = f"#x{character:04x}" if isinstance(character, int) else repr(character)
        raise LoadError(f"invalid YAML: character {code} is not allowed", line, column) from None
    except yaml.YAMLError as error:
        message = " ".join(str(error).split())
        raise LoadError(f"invalid YAML: {message}") from None
    if root is None:
        raise LoadError("empty file (no YAML or JSON document)")
    constructor = _Constructor()
    data = constructor.build(root)
    if constructor.aliased:
        limit = max(MAX_EXPANDED_NODES, constructor.count * MAX_EXPANSION_RATIO)
        if _expanded_size(data, limit) > limit:
            raise LoadError(
                f"YAML aliases expand to more than {limit:,} nodes; refusing an alias bomb"
            )
    return data, YamlPositions(root), constructor.duplicates


def share_strings(data: Any) -> None:
    """Make equal string values one object. A parser makes a new string for each value, and in
    a large spec most are repeats (``string``, ``query``, the same ``$ref`` thousands of
    times): on a 47 MB spec this gives back 61 MB. Keys are shared by the parser already. Only
    for acyclic data (JSON, not YAML aliases)."""
    memo: dict[str, str] = {}
    share = memo.setdefault
    stack = [data]
    while stack:
        node = stack.pop()
        if node.__class__ is dict:
            for key, value in node.items():
                kind = value.__class__
                if kind is str:
                    node[key] = share(value, value)
                elif kind is dict or kind is list:
                    stack.append(value)
        elif node.__class__ is list:
            for index, value in enumerate(node):
                kind = value.__class__
                if kind is str:
                    node[index] = share(value, value)
                elif kind is dict or kind is list:
                    stack.append(value)


def parse_json(text: str) -> tuple[Any, JsonPositions, list[DuplicateKey]]:
    found_duplicate = False

    def pairs_hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        nonlocal found_duplicate
        mapping = dict(pairs)
        if len(mapping) != len(pairs):
            found_duplicate = True
        return mapping

    try:
        data = json.loads(text, object_pairs_hook=pairs_hook)
    except json.JSONDecodeError as error:
        raise LoadError(f"invalid JSON: {error.msg}", error.lineno, error.colno) from None
    share_strings(data)
    positions = JsonPositions(text, data)
    duplicates = positions.duplicate_keys() if found_duplicate else []
    return data, positions, duplicates


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def decode(raw: bytes) -> str:
    """Bytes to text: UTF-8 (or UTF-16/32 with a byte-order mark); refuse binary data."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                return raw[len(bom) :].decode(encoding)
            except UnicodeDecodeError as error:
                raise LoadError(f"not valid {encoding} text: {error.reason}") from None
    if b"\x00" in raw:
        raise LoadError("binary file (contains NUL bytes), not a YAML or JSON spec")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        raise LoadError(
            f"not UTF-8 text (byte 0x{raw[error.start]:02x} cannot be decoded)", line, column
        ) from None


def parse_text(text: str, path: Path) -> LoadedFile:
    """Parse text as JSON or YAML, by the file's suffix and first character."""
    if not text.strip():
        raise LoadError("empty file (no YAML or JSON document)")
    is_json = path.suffix.lower() == ".json"
    try:
        if is_json or text.lstrip()[:1] in ("{", "["):
            try:
                data, positions, duplicates = parse_json(text)
            except LoadError:
                if is_json:
                    raise
                data, positions, duplicates = parse_yaml(text)  # YAML flow style, not JSON
        else:
            data, positions, duplicates = parse_yaml(text)
    except RecursionError:
        raise LoadError("document nests too deeply to be read") from None
    return LoadedFile(path, data, positions, duplicates)


def load_file(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> LoadedFile:
    """Read and parse one file; every failure is a ``LoadError`` with a one-line message."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(max_bytes + 1)  # bounded even where stat() knows no size (a pipe)
            if len(raw) > max_bytes:
                known = path.stat().st_size
                size = f" ({known / 1048576:.1f} MB)" if known > max_bytes else ""
                raise LoadError(
                    f"file is over the {max_bytes / 1048576:g} MB limit{size}"
                    " (raise max-file-size in the config)"
                )
    except FileNotFoundError:
        raise LoadError("no such file or directory") from None
    except IsADirectoryError:
        raise LoadError("is a directory, not a file") from None
    except OSError as error:
        raise LoadError(f"cannot read file: {error.strerror or error}") from None
    return parse_text(decode(raw), path)


def load_data(data: Any, path: Path) -> LoadedFile:
    """Wrap data that is already in memory (from the Python API); it has no positions."""
    return LoadedFile(path, data, NoPositions())
