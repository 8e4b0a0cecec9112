"""Spectral's built-in functions (apilint.spectral.functions) against Spectral 6.16.3.

Every expected result was produced by running the real Spectral 6.16.3 CLI (``spectral lint -f
json``) and written out: the recorded cases are in spectral_functions_cases.json (one rule per
case, ``given: $``, ``field: target``, ``message: "{{error}}"``, on a document holding the target;
a case without ``target`` is a document without the field), the others below, each saying what
was run. An expected result is (the rendered ``{{error}}``, the result's path). The tests need
no Node.
"""

from __future__ import annotations

import json
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pytest

from apilint.spectral import functions_regex
from apilint.spectral.functions import (
    FUNCTIONS,
    Context,
    FunctionError,
    FunctionOptionsError,
    FunctionResult,
    validate_options,
)
from apilint.spectral.functions_js import (
    UNDEFINED,
    is_truthy,
    locale_compare,
    print_value,
    to_number,
)
from apilint.spectral.functions_regex import compile_js_regex
from apilint.spectral.functions_schema import read_members
from apilint.spectral.messages import dot_path, render

Expected = list[tuple[str, tuple[str | int, ...]]]
DocPath = tuple[str | int, ...]


def _child(node: Any, step: str | int) -> Any:
    if isinstance(node, dict):
        return node.get(str(step), UNDEFINED)
    if isinstance(node, list) and str(step).isdigit() and int(step) < len(node):
        return node[int(step)]
    return UNDEFINED


def place(document: Any, path: DocPath) -> tuple[DocPath, str, Any]:
    """What Spectral's engine does with a result at ``path`` (lintNode.js): the deepest existing
    path, the ``property`` variable (the missing part, dotted, when the path goes further) and
    the value there."""
    node, found = document, 0
    for step in path:
        child = _child(node, step)
        if child is UNDEFINED:
            break
        node, found = child, found + 1
    closest = path[:found]
    if found < len(path):
        missing = path[max(found - 1, 0) :]
        return closest, dot_path(missing), node
    return closest, str(closest[-1]) if closest else "", node


def lint(
    function: str,
    options: Any,
    document: Any,
    path: tuple[str | int, ...],
    document_format: str | None = None,
) -> Expected:
    """Run ``function`` on the node at ``path`` and render its results as Spectral's engine does
    (placeholders filled, results past the document's end moved up, duplicates dropped)."""
    target: Any = document
    for step in path:
        target = target.get(step, UNDEFINED) if isinstance(target, dict) else target[step]
    context = Context(document, path, "rule", document_format)
    rendered: Expected = []
    for result in FUNCTIONS[function](target, options, context):
        full = result.path if result.absolute else (*path, *result.path)
        where, name, value = place(document, full)
        item = (render(result.message, {"property": name, "value": value}).strip(), where)
        if item not in rendered:
            rendered.append(item)
    return rendered


def lint_target(function: str, options: Any, target: Any) -> Expected:
    document = {} if target is UNDEFINED else {"target": target}
    return lint(function, options, document, ("target",))


CASES = json.loads((Path(__file__).parent / "spectral_functions_cases.json").read_text("utf-8"))


def _cases(group: str) -> list[Any]:
    return [
        pytest.param(
            case["function"],
            case["options"],
            case.get("target", UNDEFINED),
            [(message, tuple(path)) for message, path in case["expected"]],
            id=f"{case['function']}-{index}",
        )
        for index, case in enumerate(CASES[group])
    ]


# Spectral's engine sorts results by their place in the file, so only the set is compared.
@pytest.mark.parametrize(("function", "options", "target", "expected"), _cases("functions"))
def test_function_as_spectral(function: str, options: Any, target: Any, expected: Expected) -> None:
    assert sorted(lint_target(function, options, target)) == sorted(expected)


@pytest.mark.parametrize(("function", "options", "target", "expected"), _cases("schema"))
def test_schema_as_spectral(function: str, options: Any, target: Any, expected: Expected) -> None:
    assert sorted(lint_target(function, options, target)) == sorted(expected)


# The function's own message keeps Spectral's placeholders; the engine fills them.
def test_messages_keep_placeholders() -> None:
    context = Context({}, ("info", "contact"), "rule", None)
    assert FUNCTIONS["truthy"](UNDEFINED, None, context) == [
        FunctionResult('#{{print("property")}}must be truthy')
    ]
    assert FUNCTIONS["pattern"]("x", {"match": "^a"}, context) == [
        FunctionResult('#{{print("value")}} must match the pattern "^a"')
    ]


# Checked against Spectral 6.16.3: given $.info, field contact (missing) -> path ['info'].
@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (("info", "contact"), [('"info.contact" property must be truthy', ("info",))]),
        (
            ("info", "contact", "email"),
            [('"info.contact.email" property must be truthy', ("info",))],
        ),
    ],
)
def test_missing_member_is_named_from_the_deepest_node(
    path: tuple[str, ...], expected: Expected
) -> None:
    document = {"info": {"title": "x"}}
    context = Context(document, path, "rule", None)
    results = FUNCTIONS["truthy"](UNDEFINED, None, context)
    where, name, _ = place(document, path)
    rendered = [(render(r.message, {"property": name}), where) for r in results]
    assert rendered == expected


# Checked against Spectral 6.16.3 (given and paths as written).
@pytest.mark.parametrize(
    ("function", "options", "document", "path", "expected"),
    [
        (
            "schema",
            {"schema": {"type": "array"}},
            {"a": [1]},
            (),
            [("Value type must be array", ())],
        ),
        (
            "schema",
            {"schema": {"required": ["zz"]}},
            {"a": 1},
            (),
            [('Object must have required property "zz"', ())],
        ),
        (
            "schema",
            {"schema": {"type": "string"}},
            {"a": [1, "x"]},
            ("a", 0),
            [('"0" property type must be string', ("a", 0))],
        ),
        ("truthy", None, {"a": [0]}, ("a", 0), [('"0" property must be truthy', ("a", 0))]),
        ("length", {"max": 0}, {"a": 1}, (), [("The document must be shorter than 0", ())]),
        (
            "enumeration",
            {"values": ["x"]},
            {"a b": "y"},
            ("a b",),
            [('"y" must be equal to one of the allowed values: "x"', ("a b",))],
        ),
        ("alphabetical", None, {"b": 1, "a": 2}, (), [('"b" must be placed after "a"', ("b",))]),
    ],
)
def test_targets_at_the_root_and_in_arrays(
    function: str, options: Any, document: Any, path: tuple[str | int, ...], expected: Expected
) -> None:
    assert lint(function, options, document, path) == expected


# --- typedEnum and unreferencedReusableObject, on whole documents ------------------------------

SCHEMAS: dict[str, Any] = {
    "S": {"type": "string", "enum": ["a", 1, None]},
    "I": {"type": "integer", "enum": [1, 1.5, 2.0, "3"]},
    "N": {"type": "number", "enum": [1, 2.5, True]},
    "Nul": {"type": "string", "nullable": True, "enum": ["a", None]},
    "XN": {"type": "string", "x-nullable": True, "enum": ["a", None]},
    "Arr": {"type": ["string", "null"], "enum": ["a", None, 3]},
    "Obj": {"type": "object", "enum": [{}, []]},
    "Bool": {"type": "boolean", "enum": [True, "false"]},
}
_COMMON_ENUM_RESULTS = [
    ('Enum value "3" must be "integer".', ("I", "enum", 3)),
    ('Enum value "false" must be "boolean".', ("Bool", "enum", 1)),
    ('Enum value 1 must be "string".', ("S", "enum", 1)),
    ('Enum value 1.5 must be "integer".', ("I", "enum", 1)),
    ('Enum value 3 must be "string,null".', ("Arr", "enum", 2)),
    ('Enum value Array[] must be "object".', ("Obj", "enum", 1)),
    ('Enum value null must be "string".', ("S", "enum", 2)),
    ('Enum value true must be "number".', ("N", "enum", 2)),
]


# Checked against Spectral 6.16.3's typed-enum rule (spectral:oas) on 3.0, 3.1 and 2.0 documents:
# nullable counts in OAS 3.0 only, x-nullable in OAS 2 only.
@pytest.mark.parametrize(
    ("document_format", "also_failing"),
    [("oas3_0", ["XN"]), ("oas3_1", ["Nul", "XN"]), ("oas2", ["Nul"])],
)
def test_typed_enum(document_format: str, also_failing: list[str]) -> None:
    document = {"components": {"schemas": SCHEMAS}}
    found = []
    for name in SCHEMAS:
        found += lint("typedEnum", None, document, ("components", "schemas", name), document_format)
    expected = [(m, ("components", "schemas", *p)) for m, p in _COMMON_ENUM_RESULTS]
    expected += [
        ('Enum value null must be "string".', ("components", "schemas", name, "enum", 1))
        for name in also_failing
    ]
    assert sorted(found) == sorted(expected)


def test_typed_enum_skips_schemas_without_enum_or_type() -> None:
    context = Context({}, ("s",), "rule", "oas3_0")
    assert FUNCTIONS["typedEnum"]({"type": "string"}, None, context) == []
    assert FUNCTIONS["typedEnum"]({"enum": [1]}, None, context) == []
    assert FUNCTIONS["typedEnum"]({"type": 5, "enum": [1]}, None, context) == []


# Checked against Spectral 6.16.3 (given $.components.schemas, resolved: false): a $ref to a
# member *inside* a component (Deep/properties/p) does not count as a use of the component.
def test_unreferenced_reusable_object() -> None:
    ref = "#/components/schemas/"
    schemas = {
        "Ref": {"$ref": ref + "S"},
        "S": {"type": "string"},
        "Deep": {"properties": {"p": {"type": "string"}}},
        "Used": {"properties": {"x": {"$ref": ref + "Deep/properties/p"}}},
        "a/b": {"type": "string"},
        "Orphan": {"$ref": ref + "Arr"},
        "Arr": {"type": "array"},
        "Sp ace": {"type": "string"},
    }
    responses = {"200": {"content": {"application/json": {"schema": {"$ref": ref + "Ref"}}}}}
    document = {
        "paths": {
            "/a": {"get": {"responses": responses}},
            "/b": {"get": {"responses": {"200": {"schema": {"$ref": ref + "Used"}}}}},
            "/c": {"$ref": ref + "a~1b"},
        },
        "components": {"schemas": schemas},
    }
    options = {"reusableObjectsLocation": "#/components/schemas"}
    found = lint("unreferencedReusableObject", options, document, ("components", "schemas"))
    message = "Potential orphaned reusable object has been detected"
    assert found == [
        (message, ("components", "schemas", name)) for name in ("Deep", "Orphan", "Sp ace")
    ]


# --- options -------------------------------------------------------------------------------------

# The ruleset errors Spectral 6.16.3 prints, one a line (recorded in the JSON file).


@pytest.mark.parametrize(
    ("function", "options", "problems"),
    [(case["function"], case["options"], case["problems"]) for case in CASES["options"]],
)
def test_options_as_spectral(function: str, options: Any, problems: list[str]) -> None:
    assert validate_options(function, options) == ("\n".join(problems) or None)


def test_a_function_refuses_bad_options_when_called() -> None:
    context = Context({}, ("a",), "rule", None)
    with pytest.raises(FunctionOptionsError) as raised:
        FUNCTIONS["casing"]("fooBar", {"type": "upper"}, context)
    assert raised.value.function == "casing"
    assert raised.value.problems[0].startswith('"casing" function and its "type" option')


# The engine passes read-only views of the document: any mapping is an object, any sequence
# but a string an array.
def test_functions_take_any_mapping_and_sequence() -> None:
    context = Context({}, ("t",), "rule", None)
    target = MappingProxyType({"b": 1, "a": (1, 2)})
    assert FUNCTIONS["alphabetical"](target, None, context) == [
        FunctionResult('"b" must be placed after "a"', ("b",))
    ]
    assert FUNCTIONS["length"](target, {"max": 1}, context)
    assert FUNCTIONS["xor"](target, {"properties": ["a", "b"]}, context)
    assert FUNCTIONS["alphabetical"](("b", "a"), None, context)[0].path == (0,)
    assert FUNCTIONS["typedEnum"](
        MappingProxyType({"type": ("string",), "enum": (1,)}), None, context
    )


def test_every_function_is_registered() -> None:
    assert sorted(FUNCTIONS) == sorted(
        [
            *("alphabetical", "casing", "defined", "enumeration", "falsy", "length", "or"),
            *(
                "pattern",
                "schema",
                "truthy",
                "typedEnum",
                "undefined",
                "unreferencedReusableObject",
            ),
            "xor",
        ]
    )
    with pytest.raises(KeyError):
        validate_options("nope", None)


# --- regular expressions -------------------------------------------------------------------------


def test_catastrophic_backtracking_is_stopped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(functions_regex, "MATCH_TIMEOUT_SECONDS", 0.05)
    context = Context({}, ("a",), "rule", None)
    with pytest.raises(FunctionError, match="took over"):
        FUNCTIONS["pattern"]("a" * 60 + "b", {"match": "^(a|aa)+$"}, context)


# Spectral 6.16.3 stops with 'Function "pattern" threw an exception: Invalid regular expression:
# /(/: Unterminated group' and 'Invalid flags supplied to RegExp constructor 'q''.
@pytest.mark.parametrize("pattern", ["(", "/x/q", "/x/gg", "[a", "a\\", "/\\u{zz}/u"])
def test_invalid_patterns_raise(pattern: str) -> None:
    context = Context({}, ("a",), "rule", None)
    with pytest.raises(FunctionError, match='Function "pattern" threw an exception'):
        FUNCTIONS["pattern"]("x", {"match": pattern}, context)


def test_patterns_compile_once() -> None:
    assert compile_js_regex("^ab+$") is compile_js_regex("^ab+$")


# --- JavaScript values and messages -------------------------------------------------------------


# Checked against Node 22 ('a'.localeCompare('B') and so on).
@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [
        ("a", "B", -1), ("a", "A", -1), ("A", "a", 1), ("_a", "a", -1), ("a_b", "ab", -1),
        ("a-b", "a_b", 1), ("1", "a", -1), ("10", "9", -1), ("a1", "a", 1), ("é", "f", -1),
        ("e", "é", -1), ("Z", "a", 1), ("$ref", "a", -1), ("/b", "/a", 1),
        ("/users/{id}", "/users", 1), ("/users/{id}", "/users/me", -1), ("a b", "ab", -1),
        ("abc", "ABC", -1), ("aB", "Ab", -1), ("same", "same", 0),
    ],
)  # fmt: skip
def test_locale_compare(left: str, right: str, expected: int) -> None:
    assert locale_compare(left, right) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("10", 10.0), (" 1e3 ", 1000.0), ("", 0.0), ("0x10", 16.0), ("-Infinity", float("-inf"))],
)
def test_to_number(text: str, expected: float) -> None:
    assert to_number(text) == expected


def test_to_number_nan() -> None:
    assert to_number("foo") != to_number("foo")
    assert to_number(None) != to_number(None)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        *[(UNDEFINED, "undefined"), ([1], "Array[]"), ({}, "Object{}"), (2.0, "2"), (2.5, "2.5")],
        *[("é", '"é"'), (None, "null"), (True, "true")],
    ],
)
def test_print_value(value: Any, expected: str) -> None:
    assert print_value(value) == expected


@pytest.mark.parametrize("value", [[], {}, "0", -1, float("inf")])
def test_empty_objects_are_truthy(value: Any) -> None:
    assert is_truthy(value)


@pytest.mark.parametrize("value", [UNDEFINED, None, False, 0, 0.0, "", float("nan")])
def test_falsy_values(value: Any) -> None:
    assert not is_truthy(value)


@pytest.mark.parametrize(
    ("schema", "reads"),
    [
        ({"type": "object", "anyOf": [{"required": ["maxLength"]}, {"required": ["enum"]}]},
         (set(), {"maxLength", "enum"})),
        ({"properties": {"a": {"type": "string"}}, "required": ["a", "b"]}, ({"a"}, {"b"})),
        ({"if": {"required": ["x"]}, "then": {"properties": {"y": {}}}}, ({"y"}, {"x"})),
        ({"dependentRequired": {"a": ["b"]}}, (set(), {"a", "b"})),
        ({"additionalProperties": False}, None),
        ({"enum": [{"a": 1}]}, None),
        ({"allOf": [{"$ref": "#/definitions/x"}]}, None),
        ({"minProperties": 1}, None),
        ({"propertyNames": {"pattern": "^a"}}, None),
    ],
)  # fmt: skip
def test_schema_reads_only_the_members_it_names(schema: Any, reads: Any) -> None:
    found = read_members(schema)
    assert (found if found is None else (set(found[0]), set(found[1]))) == reads


def test_schema_results_reused_for_targets_that_differ_only_in_unread_members() -> None:
    """Two string schemas differing in their descriptions are one validation; a target
    that differs in a member the schema reads is validated anew."""
    options = {"schema": {"type": "object", "anyOf": [{"required": ["maxLength"]}]}}
    context = Context({}, ("components", "schemas", "name"), "rule", None)
    results = [
        FUNCTIONS["schema"](target, options, context)
        for target in (
            {"type": "string", "description": "one"},
            {"type": "string", "description": "two", "example": "x"},
            {"type": "string", "maxLength": 3},
        )
    ]
    missing = [
        FunctionResult('"name" property must have required property "maxLength"'),
        FunctionResult(
            '"name" property must match a schema in anyOf. None of the schemas matched,'
            " see the other errors reported for this value"
        ),
    ]
    assert results == [missing, missing, []]
