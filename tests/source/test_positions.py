"""JSON pointer -> (line, column) in YAML and JSON text, as findings report them."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from apilint.source import pointer as jp
from apilint.source import positions
from apilint.source.loader import parse_text
from apilint.source.positions import JsonPositions

YAML = """\
openapi: 3.0.3
info:
  title: Pets
paths:
  /pets/{id}:
    get:
      tags:
        - pets
        - admin
      parameters: [{name: id, in: path}, {name: q, in: query}]
  /a~b:
    summary: tilde
components:
  schemas:
    Pet:
      type: object
      properties:
        name: {type: string}
        name: {type: integer}
"""

JSON = """\
{
  "openapi": "3.1.0",
  "a~b": {"c/d": 1, "e": "[{"},
  "list": [1, "x,y", null, [2, [3, 4]], {"k": true}, -1.5e3],
  "empty": [],
  "dup": {"old": 1},
  "dup": {"new": 2}
}
"""


def _locate(text: str, name: str, pointer: str) -> tuple[int, int]:
    return parse_text(text, Path(name)).positions.locate(pointer)


def _text_at(text: str, line: int, column: int, length: int) -> str:
    return text.splitlines()[line - 1][column - 1 : column - 1 + length]


@pytest.mark.parametrize(
    ("pointer", "expected", "written"),
    [
        ("", (1, 1), "openapi"),
        ("/openapi", (1, 1), "openapi"),
        ("/info", (2, 1), "info"),
        ("/info/title", (3, 3), "title"),
        ("/paths/~1pets~1{id}", (5, 3), "/pets/{id}"),
        ("/paths/~1pets~1{id}/get/tags/0", (8, 11), "pets"),
        ("/paths/~1pets~1{id}/get/tags/1", (9, 11), "admin"),
        ("/paths/~1pets~1{id}/get/parameters/1", (10, 42), "{name: q"),
        ("/paths/~1pets~1{id}/get/parameters/1/in", (10, 52), "in"),
        ("/paths/~1a~0b", (11, 3), "/a~b"),
        ("/paths/~1a~0b/summary", (12, 5), "summary"),
    ],
)
def test_yaml_pointer_is_located_at_the_key_or_item(
    pointer: str, expected: tuple[int, int], written: str
) -> None:
    position = _locate(YAML, "spec.yaml", pointer)
    assert position == expected
    assert _text_at(YAML, *position, len(written)) == written


@pytest.mark.parametrize(
    ("pointer", "expected"),
    [
        ("/nope", (1, 1)),  # root
        ("/info/contact/email", (2, 1)),  # /info
        ("/paths/~1pets~1{id}/get/tags/7", (7, 7)),  # the tags key
        ("/paths/~1pets~1{id}/get/tags/x", (7, 7)),
        ("/info/title/deeper", (3, 3)),  # below a scalar
    ],
)
def test_yaml_missing_pointer_falls_back_to_nearest_ancestor(
    pointer: str, expected: tuple[int, int]
) -> None:
    assert _locate(YAML, "spec.yaml", pointer) == expected


def test_yaml_duplicate_key_is_located_at_the_last_one() -> None:
    assert _locate(YAML, "spec.yaml", "/components/schemas/Pet/properties/name") == (19, 9)
    assert _locate(YAML, "spec.yaml", "/components/schemas/Pet/properties/name/type") == (19, 16)


def test_yaml_flow_style_document() -> None:
    text = "{openapi: 3.0.3, paths: {/a: {get: {tags: [x, y]}}}}\n"
    assert _locate(text, "spec.yaml", "") == (1, 1)
    assert _locate(text, "spec.yaml", "/paths") == (1, 18)
    assert _locate(text, "spec.yaml", "/paths/~1a/get") == (1, 31)
    assert _locate(text, "spec.yaml", "/paths/~1a/get/tags/1") == (1, 47)


def test_yaml_nested_flow_sequences_and_block_items() -> None:
    text = "a: {b: [1, [2, 3]], c: d}\ne:\n- [x, {y: z}]\n- plain\n"
    assert _locate(text, "spec.yaml", "/a/b/1/1") == (1, 16)
    assert _locate(text, "spec.yaml", "/a/c") == (1, 21)
    assert _locate(text, "spec.yaml", "/e/0") == (3, 3)
    assert _locate(text, "spec.yaml", "/e/0/1/y") == (3, 8)
    assert _locate(text, "spec.yaml", "/e/1") == (4, 3)


def test_yaml_merged_key_is_located_where_it_is_written() -> None:
    text = "base: &b\n  x: 1\n  y: 2\nd:\n  <<: *b\n  y: 3\n"
    assert _locate(text, "spec.yaml", "/d/x") == (2, 3)  # inherited from the anchor
    assert _locate(text, "spec.yaml", "/d/y") == (6, 3)  # overridden in place


def test_yaml_numeric_looking_key_is_found_by_its_text() -> None:
    text = 'responses:\n  "200":\n    d: 1\n  201:\n    d: 2\n'
    assert _locate(text, "spec.yaml", "/responses/200/d") == (3, 5)
    assert _locate(text, "spec.yaml", "/responses/201/d") == (5, 5)


@pytest.mark.parametrize(
    ("pointer", "expected", "written"),
    [
        ("", (1, 1), "{"),
        ("/openapi", (2, 3), '"openapi"'),
        ("/a~0b", (3, 3), '"a~b"'),
        ("/a~0b/c~1d", (3, 11), '"c/d"'),
        ("/a~0b/e", (3, 21), '"e"'),
        ("/list", (4, 3), '"list"'),
        ("/list/0", (4, 12), "1"),
        ("/list/1", (4, 15), '"x,y"'),
        ("/list/2", (4, 22), "null"),
        ("/list/3", (4, 28), "[2, [3"),
        ("/list/3/0", (4, 29), "2"),
        ("/list/3/1", (4, 32), "[3, 4]"),
        ("/list/3/1/1", (4, 36), "4"),
        ("/list/4", (4, 41), '{"k"'),
        ("/list/4/k", (4, 42), '"k"'),
        ("/list/5", (4, 54), "-1.5e3"),
        ("/empty", (5, 3), '"empty"'),
    ],
)
def test_json_pointer_is_located_at_the_key_or_item(
    pointer: str, expected: tuple[int, int], written: str
) -> None:
    position = _locate(JSON, "spec.json", pointer)
    assert position == expected
    assert _text_at(JSON, *position, len(written)) == written


@pytest.mark.parametrize(
    ("pointer", "expected"),
    [
        ("/missing", (1, 1)),
        ("/list/6", (4, 3)),
        ("/list/3/1/9", (4, 32)),
        ("/empty/0", (5, 3)),
        ("/a~0b/c~1d/deeper", (3, 11)),
        ("/a~0b/c/d", (3, 3)),  # an unescaped "/" is two tokens: "c" does not exist
    ],
)
def test_json_missing_pointer_falls_back_to_nearest_ancestor(
    pointer: str, expected: tuple[int, int]
) -> None:
    assert _locate(JSON, "spec.json", pointer) == expected


def test_json_duplicate_key_is_located_at_the_last_one() -> None:
    assert _locate(JSON, "spec.json", "/dup") == (7, 3)
    assert _locate(JSON, "spec.json", "/dup/new") == (7, 11)
    assert _locate(JSON, "spec.json", "/dup/old") == (7, 3)  # only in the discarded value


def test_json_duplicate_keys_among_many_strings_are_found_at_once() -> None:
    """Strings are never taken for containers: this once made the duplicate-key scan walk
    the rest of the file from every string value, for minutes on a file of a few thousand."""
    items = ", ".join(f'"value-{n}"' for n in range(3000))
    text = '{"a": "x", "list": [' + items + '], "b": {"c": "y"}, "a": "z"}'
    loaded = parse_text(text, Path("spec.json"))
    assert [(d.pointer, d.line, d.column) for d in loaded.duplicate_keys] == [
        ("/a", 1, len(text) - 8)
    ]
    assert loaded.positions.locate("/a/deeper") == (1, len(text) - 8)  # a string has no children


def test_json_escaped_keys_are_matched_decoded() -> None:
    text = '{"a\\"b": 1, "c\\u007ed": {"e": 2}}'
    assert _locate(text, "spec.json", '/a"b') == (1, 2)
    assert _locate(text, "spec.json", "/c~0d/e") == (1, 26)


def test_json_nested_arrays_across_lines() -> None:
    text = '[[1,2],[3,[4,\n  [5]]], "x"]'
    assert _locate(text, "spec.json", "") == (1, 1)
    assert _locate(text, "spec.json", "/0/1") == (1, 5)
    assert _locate(text, "spec.json", "/1/1/1") == (2, 3)
    assert _locate(text, "spec.json", "/1/1/1/0") == (2, 4)
    assert _locate(text, "spec.json", "/2") == (2, 10)


def test_json_in_a_yaml_named_file_is_located_the_same() -> None:
    assert _locate(JSON, "spec.yaml", "/list/3/1/1") == (4, 36)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("# licence header\n\nopenapi: 3.0.3\n", "spec.yaml"),
        ('\n\n  {"openapi": "3.0.3"}', "s.json"),
    ],
)
def test_root_is_at_1_1_even_after_leading_comments(text: str, name: str) -> None:
    assert _locate(text, name, "") == (1, 1)


def _place(text: str, needle: str) -> tuple[int, int]:
    """Line and column (in characters) where ``needle`` first starts in ``text``."""
    before = text[: text.index(needle)]
    return before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1


def test_json_columns_count_characters_not_bytes() -> None:
    """The text is kept as UTF-8 bytes; columns still count characters (two-, three- and
    four-byte ones here, on the same line as the key asked for)."""
    text = '{"é": "日本", "🎉": ["ü", {"k": 1}], "z": 0}'
    assert _locate(text, "spec.json", "/z") == _place(text, '"z"')
    assert _locate(text, "spec.json", "/🎉/1/k") == _place(text, '"k"')
    assert _locate(text, "spec.json", "/é") == (1, 2)


def test_json_columns_after_many_non_ascii_blocks() -> None:
    line = '"' + "ж" * 40_000 + '"'  # 80 kB: more than one block of the non-ASCII index
    text = '{"a": ' + line + ', "b": {"c": ' + line + ',\n "ü": "ж", "d": 1}}'
    assert _locate(text, "spec.json", "/b/d") == _place(text, '"d"') == (2, 12)


def test_json_object_with_a_repeated_key_is_read_from_the_text_alone() -> None:
    """Children are found by their ordinal in the data; an object whose key count differs
    from the text's (a repeated key) is matched by key text instead, and only that one."""
    keys = ", ".join(f'"k{n}": {n}' for n in range(20))  # a large object: ordinals are mapped
    text = '{\n"big": {' + keys + '},\n"o": {"a": 1, "b": {"x": 1}, "a": {"y": 2}},\n"z": [1]}'
    assert _locate(text, "spec.json", "/big/k17") == _place(text, '"k17"')
    assert _locate(text, "spec.json", "/o/a/y") == _place(text, '"y"')
    assert _locate(text, "spec.json", "/o/b/x") == _place(text, '"x"')
    assert _locate(text, "spec.json", "/z/0") == (4, 7)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=6),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=6), children, max_size=12)
    ),
    max_leaves=40,
)


@settings(max_examples=150, deadline=None)
@given(data=json_values, indent=st.sampled_from([None, 0, 2]), ascii_only=st.booleans())
def test_json_found_by_ordinal_as_by_key_text(
    data: Any, indent: int | None, ascii_only: bool
) -> None:
    """Locating by the data's key order gives what reading the keys from the text gives, for
    every node and a missing child of each object and array."""
    text = json.dumps({"root": data}, indent=indent, ensure_ascii=ascii_only)
    parsed = json.loads(text)
    by_ordinal, by_text = JsonPositions(text, parsed), JsonPositions(text)
    for pointer in _pointers(parsed):
        assert by_ordinal.locate(pointer) == by_text.locate(pointer), pointer


def _pointers(data: Any, base: str = "") -> Iterator[str]:
    yield base
    if isinstance(data, dict):
        yield jp.join(base, "missing-key")
        for key, value in data.items():
            yield from _pointers(value, jp.join(base, key))
    elif isinstance(data, list):
        yield jp.join(base, len(data))
        for index, value in enumerate(data):
            yield from _pointers(value, jp.join(base, index))


def test_json_positions_are_the_same_when_little_is_remembered(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Walks and small containers' children are remembered up to a bound, then forgotten;
    what is found does not depend on it."""
    keys = ", ".join(f'"k{n}": {{"a": [1, {{"b": {n}}}]}}' for n in range(100))
    text = '{"big": {' + keys + '}, "small": {"x": {"y": [0, 1]}}}'
    data = json.loads(text)
    pointers = list(_pointers(data))
    expected = [JsonPositions(text, data).locate(p) for p in pointers]
    monkeypatch.setattr(positions, "_REMEMBERED", 3)
    monkeypatch.setattr(positions, "_LARGE", 1000)
    forgetful = JsonPositions(text, data)
    assert [forgetful.locate(p) for p in [*pointers, *pointers[::-1]]] == expected + expected[::-1]
