"""JSONPath as Spectral evaluates it.

Every expected result in PARITY was checked against Spectral 6.16.3 (nimma 0.2.3 with its
JSONPath-Plus fallback, called exactly as spectral-core's runner calls it) during development;
the tests themselves need no Node. The cases after PARITY are where this module differs on
purpose (see apilint/spectral/jsonpath.py and filters.py), each with what Spectral does.
"""

from __future__ import annotations

import json
import math
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

from apilint.spectral.functions_js import UNDEFINED
from apilint.spectral.jsonpath import JsonPathError, Match, compile_path
from apilint.spectral.jsvalues import add, compare, loose_equals, strict_equals, to_string

D0: Any = {
    "openapi": "3.0.0",
    "info": {"title": "T", "version": "1"},
    "paths": {
        "/a": {
            "get": {
                "parameters": [{"name": "X-A", "in": "header"}, {"name": "q", "in": "query"}],
                "responses": {"200": {"description": "ok"}},
            },
            "put": {
                "responses": {
                    "201": {
                        "description": "c",
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}
                        },
                    }
                }
            },
        },
        "/b": {
            "parameters": [{"name": "id", "in": "path"}],
            "post": {"responses": {"400": {"description": "bad"}}},
        },
    },
    "components": {
        "schemas": {
            "Pet": {
                "type": "object",
                "properties": {
                    "Name": {"type": "string"},
                    "age": {"type": "integer"},
                    "tags": {"type": "array", "items": {"type": "string"}},
                },
            }
        }
    },
    "tags": [{"name": "a"}, {"name": "b"}, {"name": "c"}, {"name": "d"}],
}
D2: Any = {
    "a": {"b": [1, 2, {"c": "x"}], "d": {"c": "y", "e": {"c": "z"}}},
    "arr": [10, 20, 30, 40, 50],
    "s": "hello",
    "n": None,
    "t": True,
    "z": 0,
    "k-1": {"v": 1},
    "tags": [{"name": "a"}, {"name": "B"}],
}
D4: Any = {
    "p": {"x": {"$ref": "#/a", "y": {"$ref": "#/b"}}, "w": {"$ref": "#/c"}},
    "list": [
        {"type": "string", "name": "Ab", "in": "header", "len": 3, "tags": ["a", "b"]},
        {"type": "integer", "name": "cd", "in": "query", "len": "3"},
        {"type": ["string", "null"], "name": "x-Y"},
        {"name": "5", "len": True},
        {"len": 1, "name": ""},
    ],
    "root": {"k": 1},
}

PARITY: list[tuple[Any, str, list[tuple[str | int, ...]]]] = [
    (D0, "$.paths.*~", [("paths", "/a"), ("paths", "/b")]),
    (
        D0,
        "$..parameters[?(@.in === 'header')].name",
        [("paths", "/a", "get", "parameters", 0, "name")],
    ),
    (
        D0,
        "$.paths[*][?( @property === 'get' || @property === 'put' )]",
        [("paths", "/a", "get"), ("paths", "/a", "put")],
    ),
    (
        D0,
        "$..[?(@.$ref)]^",
        [("paths", "/a", "put", "responses", "201", "content", "application/json")],
    ),
    (
        D0,
        "$.components.schemas[*].properties[?(@property.match(/^[A-Z]/))]",
        [("components", "schemas", "Pet", "properties", "Name")],
    ),
    (D0, "$.paths[*][get,put]", [("paths", "/a", "get"), ("paths", "/a", "put")]),
    (D0, "$.paths[*][get,put]~", [("paths", "/a", "get"), ("paths", "/a", "put")]),
    (
        D0,
        "$..[?(@property === '$ref')]",
        [
            (
                "paths",
                "/a",
                "put",
                "responses",
                "201",
                "content",
                "application/json",
                "schema",
                "$ref",
            )
        ],
    ),
    (
        D0,
        "$..[?(@ && @.type && @.items)]",
        [("components", "schemas", "Pet", "properties", "tags")],
    ),
    (
        D0,
        "$.components.schemas..[?(@property !== 'properties' && @ && @.type === 'string')]",
        [
            ("components", "schemas", "Pet", "properties", "Name"),
            ("components", "schemas", "Pet", "properties", "tags", "items"),
        ],
    ),
    (
        D0,
        "$..[?(@.enum === void 0 && @.type)]~",
        [
            ("components", "schemas", "Pet"),
            ("components", "schemas", "Pet", "properties", "Name"),
            ("components", "schemas", "Pet", "properties", "age"),
            ("components", "schemas", "Pet", "properties", "tags"),
            ("components", "schemas", "Pet", "properties", "tags", "items"),
        ],
    ),
    (
        D0,
        "$.tags[?(@.name.constructor.name === 'String')]",
        [("tags", 0), ("tags", 1), ("tags", 2), ("tags", 3)],
    ),
    (D0, "$.tags[?(@.constructor.name === 'Object' && @.name > 'b')]", [("tags", 2), ("tags", 3)]),
    (
        D0,
        "$.paths[?(@property.startsWith('/a'))]..responses.*~",
        [("paths", "/a", "get", "responses", "200"), ("paths", "/a", "put", "responses", "201")],
    ),
    (
        D0,
        "$.paths.*.*.responses[?(@property >= 400)]",
        [("paths", "/b", "post", "responses", "400")],
    ),
    (
        D0,
        "$.paths.*.*.responses[?(@property.match(/^2\\d\\d$/))]",
        [("paths", "/a", "get", "responses", "200"), ("paths", "/a", "put", "responses", "201")],
    ),
    (
        D0,
        "$..content['application/json']",
        [("paths", "/a", "put", "responses", "201", "content", "application/json")],
    ),
    (D0, "$.tags[1:]", [("tags", 1), ("tags", 2), ("tags", 3)]),
    (D0, "$.tags[:-2]", [("tags", 0), ("tags", 1)]),
    (
        D0,
        "$.paths[*][*].responses[*]",
        [
            ("paths", "/a", "get", "responses", "200"),
            ("paths", "/a", "put", "responses", "201"),
            ("paths", "/b", "post", "responses", "400"),
        ],
    ),
    (D0, '$.paths["/a"].*.responses["200"]', [("paths", "/a", "get", "responses", "200")]),
    (D2, "$", [()]),
    (D2, "$.*", [("a",), ("arr",), ("s",), ("n",), ("t",), ("z",), ("k-1",), ("tags",)]),
    (D2, "$[*]", [("a",), ("arr",), ("s",), ("n",), ("t",), ("z",), ("k-1",), ("tags",)]),
    (
        D2,
        "$..*",
        [
            ("a",),
            ("a", "b"),
            ("a", "b", 0),
            ("a", "b", 1),
            ("a", "b", 2),
            ("a", "b", 2, "c"),
            ("a", "d"),
            ("a", "d", "c"),
            ("a", "d", "e"),
            ("a", "d", "e", "c"),
            ("arr",),
            ("arr", 0),
            ("arr", 1),
            ("arr", 2),
            ("arr", 3),
            ("arr", 4),
            ("s",),
            ("n",),
            ("t",),
            ("z",),
            ("k-1",),
            ("k-1", "v"),
            ("tags",),
            ("tags", 0),
            ("tags", 0, "name"),
            ("tags", 1),
            ("tags", 1, "name"),
        ],
    ),
    (D2, "$..c", [("a", "b", 2, "c"), ("a", "d", "c"), ("a", "d", "e", "c")]),
    (D2, "$.arr[-1]", []),
    (D2, "$.arr[-2:]", [("arr", 3), ("arr", 4)]),
    (D2, "$.arr[:2]", [("arr", 0), ("arr", 1)]),
    (D2, "$.arr[1:]", [("arr", 1), ("arr", 2), ("arr", 3), ("arr", 4)]),
    (D2, "$.arr[::2]", [("arr", 0), ("arr", 2), ("arr", 4)]),
    (D2, "$.arr[::-1]", [("arr", 0), ("arr", 1), ("arr", 2), ("arr", 3), ("arr", 4)]),
    (D2, "$.arr[0,2]", [("arr", 0), ("arr", 2)]),
    (D2, "$.arr[2,0]", [("arr", 0), ("arr", 2)]),
    (D2, "$['k-1']", [("k-1",)]),
    (D2, '$["k-1"].v', [("k-1", "v")]),
    (D2, "$.a..c", [("a", "b", 2, "c"), ("a", "d", "c"), ("a", "d", "e", "c")]),
    (D2, "$..[0]", [("a", "b", 0), ("arr", 0), ("tags", 0)]),
    (D2, "$..b[*]", [("a", "b", 0), ("a", "b", 1), ("a", "b", 2)]),
    (D2, "$.s.length", []),
    (D2, "$.a.b[2]^", [("a", "b")]),
    (D2, "$.a.b[2]^^", [("a",)]),
    (D2, "$.a.*~", [("a", "b"), ("a", "d")]),
    (D2, "$.a~", [("a",)]),
    (D2, "$.*~", [("a",), ("arr",), ("s",), ("n",), ("t",), ("z",), ("k-1",), ("tags",)]),
    (D2, "$..c~", [("a", "b", 2, "c"), ("a", "d", "c"), ("a", "d", "e", "c")]),
    (D2, "$.a.b.*~", [("a", "b", 0), ("a", "b", 1), ("a", "b", 2)]),
    (D2, "$.arr[?(@ > 25)]", [("arr", 2), ("arr", 3), ("arr", 4)]),
    (D2, "$.arr[?(@property > 2)]", [("arr", 3), ("arr", 4)]),
    (D2, "$.arr[?(@property === 2)]", [("arr", 2)]),
    (D2, "$.a.b[?(@.c)]", [("a", "b", 2)]),
    (D2, '$.a[?(@property === "b")]', [("a", "b")]),
    (D4, "$..[?(@.$ref)]", [("p", "x"), ("p", "x", "y"), ("p", "w")]),
    (D4, "$..[?(@.$ref)]~", [("p", "x"), ("p", "x", "y"), ("p", "w")]),
    (D4, "$..$ref^", [("p", "x"), ("p", "x", "y"), ("p", "w")]),
    (D4, "$.list[?(@.type === 'string')]", [("list", 0)]),
    (D4, "$.list[?(@.type == 'string')]", [("list", 0)]),
    (D4, "$.list[?(@.type !== 'string')]", [("list", 1), ("list", 2), ("list", 3), ("list", 4)]),
    (D4, "$.list[?(@.type != 'string')]", [("list", 1), ("list", 2), ("list", 3), ("list", 4)]),
    (D4, "$.list[?(@.len == 3)]", [("list", 0), ("list", 1)]),
    (D4, "$.list[?(@.len == 1)]", [("list", 3), ("list", 4)]),
    (D4, "$.list[?(@.len === 3)]", [("list", 0)]),
    (D4, "$.list[?(@.len >= 3)]", [("list", 0), ("list", 1)]),
    (D4, "$.list[?(@.len > '2')]", [("list", 0), ("list", 1)]),
    (D4, "$.list[?(!@.type)]", [("list", 3), ("list", 4)]),
    (D4, "$.list[?(@.name)]", [("list", 0), ("list", 1), ("list", 2), ("list", 3)]),
    (D4, "$.list[?(@.name && @.name.match(/^[a-z]/i))]", [("list", 0), ("list", 1), ("list", 2)]),
    (D4, "$.list[?(/^[a-z]/.test(@.name))]", [("list", 1), ("list", 2)]),
    (D4, "$.list[?(@.name.indexOf('-') > -1)]", [("list", 2)]),
    (D4, "$.list[?(@.name.length === 2)]", [("list", 0), ("list", 1)]),
    (D4, "$.list[?(@.in in ['header','query'])]", [("list", 0), ("list", 1)]),
    (D4, "$.list[?(['header','query'].includes(@.in))]", [("list", 0), ("list", 1)]),
    (D4, "$.list[?(@.type === undefined)]", [("list", 3), ("list", 4)]),
    (
        D4,
        "$.list[?(@.name != null)]",
        [("list", 0), ("list", 1), ("list", 2), ("list", 3), ("list", 4)],
    ),
    (D4, "$.list[?(@.type == null)]", [("list", 3), ("list", 4)]),
    (D4, "$.list[?(@path === \"$['list'][2]\")]", [("list", 2)]),
    (
        D4,
        '$.list[?(@path.includes("list"))]',
        [("list", 0), ("list", 1), ("list", 2), ("list", 3), ("list", 4)],
    ),
    (D4, "$.list[?(@property == '1')]", [("list", 1)]),
    (D4, "$.list[?(@.len == true)]", [("list", 3), ("list", 4)]),
    (D4, "$.list[*][?(@parentProperty == 2)]", [("list", 2, "type"), ("list", 2, "name")]),
    (D4, "$.p[?(@parentProperty === 'p')]", [("p", "x"), ("p", "w")]),
    (D4, "$[?(@.k)]", [("root",)]),
    (D4, "$..[?(@.k)]", [("root",)]),
    (D4, "$.p[?(@property === 'x' && @.y)]", [("p", "x")]),
    (D4, "$.list[?(@.tags && @.tags[0] === 'a')]", [("list", 0)]),
    (D4, "$.list[?((@.len === 3 || @.len === 1) && @.name)]", [("list", 0)]),
    (D4, "$.list[?(@.name !== '' )]", [("list", 0), ("list", 1), ("list", 2), ("list", 3)]),
    (D4, "$.list[?(@.len - 1 === 2)]", [("list", 0), ("list", 1)]),
    (D4, "$.list[?(@.name + 'x' === 'Abx')]", [("list", 0)]),
]


def _at(doc: Any, path: tuple[str | int, ...]) -> Any:
    for key in path:
        doc = doc[key]
    return doc


def _paths(doc: Any, text: str) -> list[tuple[str | int, ...]]:
    return [match.path for match in compile_path(text).select(doc)]


@pytest.mark.parametrize(("doc", "text", "expected"), PARITY, ids=[case[1] for case in PARITY])
def test_matches_spectral(doc: Any, text: str, expected: list[tuple[str | int, ...]]) -> None:
    matches = list(compile_path(text).select(doc))
    assert [match.path for match in matches] == expected
    for match in matches:
        if match.is_key:
            assert match.value == match.path[-1]
        else:
            assert match.value == _at(doc, match.path)


# Where this module differs from Spectral 6.16.3 on purpose.


def test_each_node_once_and_order() -> None:
    # Spectral yields ('p',) once per child with a $ref, and ('p','x','y','$ref') twice.
    assert _paths(D4, "$..[?(@.$ref)]^") == [("p",), ("p", "x")]
    assert _paths(D4, "$..[?(@.$ref)]..$ref") == [
        ("p", "x", "$ref"),
        ("p", "x", "y", "$ref"),
        ("p", "w", "$ref"),
    ]
    # Checked against Spectral 6.16.3: names of a union come in the order written (per parent),
    # indices in document order.
    assert _paths(D2, "$['tags','a']") == [("tags",), ("a",)]
    assert _paths(D2, "$.a.b[2,0]") == [("a", "b", 0), ("a", "b", 2)]
    doc = {"p": {"/a": {"get": 1, "put": 2}, "/b": {"get": 3, "put": 4}}}
    assert _paths(doc, "$.p[*][put,get]") == [
        ("p", "/a", "put"),
        ("p", "/a", "get"),
        ("p", "/b", "put"),
        ("p", "/b", "get"),
    ]


def test_a_throwing_filter_is_false_for_that_candidate() -> None:
    # Spectral aborts the whole run: "Cannot read properties of undefined (reading 'includes')".
    assert _paths(D4, "$.list[?(@.type.includes('null'))]") == [("list", 2)]
    assert _paths(D4, "$.list[?(@.type[1] === 'null')]") == [("list", 2)]
    # Spectral: "scope.sandbox.value.name.match is not a function" (a number has no match()).
    assert _paths({"l": [{"name": 5}, {"name": "ab"}]}, "$.l[?(@.name.match(/^a/))]") == [("l", 1)]
    assert _paths({"l": [None, {"type": "x"}]}, "$.l[?(@.type === 'x')]") == [("l", 1)]


def test_parent_and_path_in_filters() -> None:
    # nimma gives no match for @parent on this fixed path; JSONPath-Plus gives these.
    assert _paths(D4, "$.list[*][?(@parent.name == 'cd')]") == [
        ("list", 1, "type"),
        ("list", 1, "name"),
        ("list", 1, "in"),
        ("list", 1, "len"),
    ]
    assert _paths(D4, "$.list[?(@path === \"$['list'][2]\")]") == [("list", 2)]
    assert _paths(D4, "$.p.x[?(@path)]") == [("p", "x", "$ref"), ("p", "x", "y")]
    assert _paths(D0, "$.tags[?(@root.openapi === '3.0.0' && @parentProperty === 'tags')]") == [
        ("tags", 0),
        ("tags", 1),
        ("tags", 2),
        ("tags", 3),
    ]


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("typeof @.name === 'string'", [0, 1, 2, 3, 4]),
        ("typeof @.len === 'number'", [0, 4]),
        ("Array.isArray(@.type)", [2]),
        ("@.len == 3", [0, 1]),  # '3' == 3
        ("@.len == 1", [3, 4]),  # true == 1
        ("@.len === true", [3]),
        ("@.type == null", [3, 4]),  # undefined == null
        ("@.type === null", []),
        ("@.name > 'b'", [1, 2]),  # string comparison
        ("@.len > '2'", [0, 1]),  # numeric comparison
        ("@.len - 1 === 2", [0, 1]),
        ("@.name + 'x' === 'Abx'", [0]),
        ("!@.type", [3, 4]),
        ("@.name === ''", [4]),
        ("@.in in ['header', 'query']", [0, 1]),
        ("@.name ~= '^[a-z]'", [1, 2]),
        ("/^[a-z]/i.test(@.name)", [0, 1, 2]),
        ("@.name && @.name.toLowerCase().startsWith('a')", [0]),
        ("@.name.toUpperCase() === 'X-Y'", [2]),
        ("@.name.endsWith('d') || @.name.indexOf('-') > -1", [1, 2]),
        ("@.tags && @.tags.length === 2 && @.tags.join('|') === 'a|b'", [0]),
        ("@.type && @.type.constructor.name === 'Array'", [2]),
        ("@.hasOwnProperty('in')", [0, 1]),
        ("@.name.match(/(?<first>[a-z])-/i)", [2]),
        ("@.name.length === 2", [0, 1]),
        ("@.type !== void 0", [0, 1, 2]),
    ],
)
def test_filter_expressions(expression: str, expected: list[int]) -> None:
    assert _paths(D4, f"$.list[?({expression})]") == [("list", i) for i in expected]


def test_shorthands() -> None:
    doc = {"l": ["s", 1, 1.5, True, None, [1], {"a": 1}]}
    cases = {
        "@string": [0],
        "@number": [1, 2],
        "@integer": [1],
        "@boolean": [3],
        "@null": [4],
        "@array": [5],
        "@object": [5, 6],
        "@scalar": [0, 1, 2, 3, 4],
    }
    for shorthand, expected in cases.items():
        assert _paths(doc, f"$.l[?({shorthand})]") == [("l", i) for i in expected], shorthand


def test_key_matches() -> None:
    matches = list(compile_path("$.a.b.*~").select(D2))
    assert matches == [
        Match(0, ("a", "b", 0), is_key=True),
        Match(1, ("a", "b", 1), is_key=True),
        Match(2, ("a", "b", 2), is_key=True),
    ]
    assert list(compile_path("$~").select(D2)) == []


class _View(Mapping[str, Any]):
    """A read-only Mapping that is not a dict, like the lead's $ref-resolving view."""

    def __init__(self, data: dict[str, Any]) -> None:
        self._data = data

    def __getitem__(self, key: str) -> Any:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)


def test_mapping_views_and_cycles() -> None:
    inner: dict[str, Any] = {"type": "string"}
    view = _View({"a": _View({"$ref": "#/b", "x": inner}), "b": (1, 2)})
    assert _paths(view, "$..type") == [("a", "x", "type")]
    assert _paths(view, "$.b[1]") == [("b", 1)]
    cyclic: dict[str, Any] = {"name": "root", "child": {"name": "c"}}
    cyclic["child"]["loop"] = cyclic
    cyclic["self"] = cyclic
    assert _paths(cyclic, "$..name") == [("name",), ("child", "name")]
    assert len(_paths(cyclic, "$..*")) == 5


def test_deep_documents_do_not_recurse() -> None:
    doc: dict[str, Any] = {}
    node = doc
    for _ in range(5000):
        node["n"] = {}
        node = node["n"]
    node["leaf"] = True
    assert len(_paths(doc, "$..leaf")) == 1


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("paths", "must start with '$'"),
        ("$.paths[", "expected"),
        ("$.a[?(@.x ==)]", "expected a value in filter at position 12"),
        ("$.a[?(foo)]", "'foo' is not defined in filter at position 6"),
        ("$.a[?(@.x === 'y)]", "unterminated string"),
        ("$.a[?(@.x.match(/(a/))]", "Invalid regular expression"),
        ("$.a[?(@.x.match(/a/q))]", "Invalid flags"),
        ("$.a~.b", "'~' is only supported at the end"),
        ("$.a[(@.length-1)]", "script expressions"),
        ("$.a[?(@.x))]", "expected ']'"),
    ],
)
def test_errors_name_the_position(text: str, message: str) -> None:
    with pytest.raises(JsonPathError, match="position") as error:
        compile_path(text)
    assert message in str(error.value)


def test_compiled_once() -> None:
    assert compile_path("$.paths.*") is compile_path("$.paths.*")


def test_catastrophic_regex_times_out_to_false() -> None:
    doc = {"l": ["a" * 40 + "!", "ab"]}
    started = time.perf_counter()
    assert _paths(doc, "$.l[?(@.match(/^(a|aa)+$/))]") == []
    assert _paths(doc, "$.l[?(@.match(/^(a|b)+$/))]") == [("l", 1)]
    assert time.perf_counter() - started < 5


LARGE = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "large" / "github_api.json"


@pytest.mark.skipif(not LARGE.exists(), reason="../shared/corpus/large is not available")
@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("$.paths[*][*].responses[*]", 3437),
        ("$..properties[*]", 38853),
        ("$..[?(@.type === 'string')]", 28583),
    ],
)
def test_a_large_spec_gives_nimma_s_match_counts(text: str, count: int) -> None:
    """The counts Spectral's nimma gives on GitHub's 13 MB spec (its time: bench/)."""
    doc = json.loads(LARGE.read_text())
    assert sum(1 for _ in compile_path(text).select(doc)) == count


def test_descending_from_a_scalar_selects_nothing() -> None:
    assert _paths(D0, "$.info.title..*") == []
    assert _paths(D0, "$.info.title.*") == []


def test_brackets_with_special_characters() -> None:
    doc = {"a": {"x]y": 1, "k'q": 2}, "l": [{"v": "]"}, {"v": "["}]}
    assert _paths(doc, "$.a['x]y']") == [("a", "x]y")]
    assert _paths(doc, "$.l[?(@.v === ']')]") == [("l", 0)]
    assert _paths(doc, '$.l[?(@.v === "[")].v') == [("l", 1, "v")]


# JavaScript values (apilint.spectral.jsvalues); each result was checked with Node 20.


@pytest.mark.parametrize(
    ("left", "right", "equal"),
    [
        ("3", 3, True),
        (None, UNDEFINED, True),
        (True, 1, True),
        ("1", True, True),
        ([1, 2], "1,2", True),
        ({}, "[object Object]", True),
        (0, "", True),
        (None, 0, False),
        (UNDEFINED, 0, False),
        (math.nan, math.nan, False),
    ],
)
def test_loose_equality(left: Any, right: Any, equal: bool) -> None:
    assert loose_equals(left, right) is equal
    assert loose_equals(right, left) is equal


def test_conversions_and_comparisons() -> None:
    assert to_string([1, [2, 3], None, UNDEFINED]) == "1,2,3,,"
    assert [to_string(1.5), to_string(1e21), to_string(-0.0), to_string(2.0)] == [
        "1.5",
        "1e+21",
        "0",
        "2",
    ]
    assert compare("b", "a", lambda x, y: x > y)
    assert compare("10", "9", lambda x, y: x < y)  # strings compare as strings
    assert not compare(10, "9", lambda x, y: x < y)  # a number and a string: as numbers
    assert compare(None, 0, lambda x, y: x >= y)
    assert not compare(UNDEFINED, 1, lambda x, y: x < y)
    assert add("a", 1) == "a1"
    assert add(1, True) == 2
    assert strict_equals(1, 1.0)
    assert not strict_equals(1, True)
    assert not strict_equals({}, {})


def test_numbers_select_object_members_too() -> None:
    # Checked against Spectral 6.16.3 (which puts the key in the path as a number: 200).
    doc = {"r": {"200": {"d": 1}, "0": {"d": 2}}, "a": [{"0": 5}]}
    assert _paths(doc, "$.r[200]") == [("r", "200")]
    assert _paths(doc, "$.r.200") == [("r", "200")]
    assert _paths(doc, "$..200") == [("r", "200")]
    assert _paths(doc, "$..[0]") == [("r", "0"), ("a", 0), ("a", 0, "0")]


def test_a_descent_with_once_meets_a_shared_node_once() -> None:
    """A resolved view reaches one written node through every $ref to it; with ``once`` the
    walk selects and enters it the first time only."""
    shared = {"type": "string", "properties": {"deep": {"type": "string"}}}
    root = {"a": {"x": shared}, "b": {"y": shared}}
    compiled = compile_path("$..[?(@.type === 'string')]")
    every = [match.path for match in compiled.select(root)]
    assert every == [
        ("a", "x"),
        ("a", "x", "properties", "deep"),
        ("b", "y"),
        ("b", "y", "properties", "deep"),
    ]
    once = [match.path for match in compiled.select(root, once=lambda node: id(node))]
    assert once == [("a", "x"), ("a", "x", "properties", "deep")]


SCREENED_DOC: Any = {
    "a": {"type": "string", "in": "query", "format": "date"},
    "b": {"type": ["string", "null"], "in": "path"},
    "c": [{"type": "integer"}, {"type": "string", "format": "date-time"}, {"in": ""}],
    "d": {"type": None, "length": 3, "nested": {"type": "object", "additionalProperties": {}}},
    "e": "type",
}


@pytest.mark.parametrize(
    ("path", "indexed"),
    [
        ('$..[?(@.type === "string")]', True),
        ('$..[?(@.type == "string")]', True),  # loose: ["string"] == "string" in JavaScript
        ('$..[?(@ && @.type=="object" && @.additionalProperties)]', True),
        ("$..[?(@.type === 'string' && (@.format === 'date' || @.format === 'date-time'))]", True),
        ("$..[?(@.type === 'integer' || @.type === 'string')]", True),
        ("$..[?(@.type === 'integer' || @.in)]", False),
        ("$..[?(@.in !== 'query')]", False),
        ("$..[?(!@.type)]", False),
        ("$..[?(@.length)]", False),  # arrays and strings have a length
        ("$..[?(@.in == '')]", True),
        ('$..[?(@.type && @.type.constructor.name === "Array")]', True),
    ],
)
def test_a_kept_walk_indexed_by_member_selects_what_the_filter_selects(
    path: str, indexed: bool
) -> None:
    """A ``..`` walk kept across paths is indexed by the member a filter needs; the nodes
    selected through the index are those the filter selects on every node."""
    compiled = compile_path(path)
    plain = [(m.path, m.value) for m in compiled.select(SCREENED_DOC)]
    walks: dict[Any, Any] = {}

    def identity(node: Any) -> Any:
        return id(node) if isinstance(node, dict | list) else None

    for _ in range(2):  # the index is made on the first path and used on the second
        kept = [(m.path, m.value) for m in compiled.select(SCREENED_DOC, identity, walks)]
        assert kept == plain
    assert any(isinstance(key, tuple) and key[0] == "members" for key in walks) is indexed
    assert plain
