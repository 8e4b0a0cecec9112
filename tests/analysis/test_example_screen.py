"""The compiled example screen: it may send a valid example to the exact validator, but it
must never pass an example the exact validator (openapi-schema-validator) rejects."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from apilint.analysis import example_screen
from apilint.analysis.examples import ExampleValidator, examples
from apilint.model.document import Document
from apilint.model.refs import Workspace
from apilint.source.loader import load_data

pytestmark = pytest.mark.skipif(
    example_screen.jsonschema_rs is None, reason="jsonschema-rs has no wheel here"
)

PET_SCHEMAS: dict[str, Any] = {
    "Cat": {
        "type": "object",
        "required": ["petType", "meows"],
        "properties": {"petType": {"type": "string"}, "meows": {"type": "boolean"}},
    },
    "Dog": {
        "type": "object",
        "required": ["petType", "barks"],
        "properties": {"petType": {"type": "string"}, "barks": {"type": "boolean"}},
    },
    "Str": {"type": "string"},
    "Pet": {
        "oneOf": [{"$ref": "#/components/schemas/Cat"}, {"$ref": "#/components/schemas/Dog"}],
        "discriminator": {
            "propertyName": "petType",
            "mapping": {"cat": "#/components/schemas/Cat"},
        },
    },
}

# (schema, example, valid for openapi-schema-validator's 3.0 dialect)
CASES_30: list[tuple[dict[str, Any], Any, bool]] = [
    ({"type": "string", "nullable": True}, None, True),
    ({"type": "string", "nullable": True}, 1, False),
    ({"type": "string"}, None, False),
    ({"type": "string", "nullable": True, "enum": ["a"]}, None, False),
    # nullable makes both branches match: oneOf fails
    (
        {"oneOf": [{"type": "string", "nullable": True}, {"type": "integer", "nullable": True}]},
        None,
        False,
    ),
    ({"oneOf": [{"type": "string", "nullable": True}, {"type": "integer"}]}, None, True),
    # the OpenAPI dialect evaluates the siblings of a $ref; plain draft 4 ignores them
    (
        {"properties": {"x": {"$ref": "#/components/schemas/Str", "maxLength": 3}}},
        {"x": "abcdef"},
        False,
    ),
    (
        {"properties": {"x": {"$ref": "#/components/schemas/Str", "maxLength": 3}}},
        {"x": "abc"},
        True,
    ),
    # a discriminator replaces the union's own check by the mapped schema's
    ({"$ref": "#/components/schemas/Pet"}, {"petType": "cat", "meows": True}, True),
    ({"$ref": "#/components/schemas/Pet"}, {"petType": "Dog", "barks": True}, True),
    ({"$ref": "#/components/schemas/Pet"}, {"petType": "cat", "barks": True}, False),
    ({"$ref": "#/components/schemas/Pet"}, {"petType": "", "meows": True}, False),
    ({"$ref": "#/components/schemas/Pet"}, {"petType": "Bird", "meows": True}, False),
    ({"$ref": "#/components/schemas/Pet"}, {"meows": True}, False),
    ({"$ref": "#/components/schemas/Pet"}, "cat", False),
    # enum values are data: never rewritten as if they were schemas
    ({"enum": [{"type": "a", "nullable": True}]}, {"type": "a", "nullable": True}, True),
    ({"enum": [{"type": "a", "nullable": True}]}, {"type": ["a", "null"], "nullable": True}, False),
    # a property named like a keyword is a name, not a keyword
    ({"properties": {"$ref": {"type": "string"}}}, {"$ref": 1}, False),
    (
        {"properties": {"nullable": {"type": "string"}, "type": {"type": "string"}}},
        {"type": 1},
        False,
    ),
    # draft 4 style exclusive bounds
    ({"type": "number", "minimum": 1, "exclusiveMinimum": True}, 1, False),
    ({"type": "integer"}, 1.5, False),
]

# 3.1 is plain JSON Schema 2020-12: nothing is rewritten, a discriminator is an annotation
CASES_31: list[tuple[dict[str, Any], Any, bool]] = [
    ({"type": ["string", "null"]}, None, True),
    ({"type": "string", "nullable": True}, None, False),
    ({"type": "number", "exclusiveMinimum": 1}, 1, False),
    (
        {"properties": {"x": {"$ref": "#/components/schemas/Str", "maxLength": 3}}},
        {"x": "abcdef"},
        False,
    ),
    ({"$ref": "#/components/schemas/Pet"}, {"petType": "cat", "meows": True}, True),
    ({"$ref": "#/components/schemas/Pet"}, {"petType": "cat"}, False),
    ({"prefixItems": [{"type": "integer"}], "items": False}, [1, 2], False),
]


def _document(version: str, cases: list[tuple[dict[str, Any], Any, bool]]) -> Document:
    paths = {
        f"/case{index}": {
            "get": {
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {
                            "application/json": {
                                # an Example Object: ``example: null`` is no example
                                "schema": schema,
                                "examples": {"case": {"value": value}},
                            }
                        },
                    }
                }
            }
        }
        for index, (schema, value, _) in enumerate(cases)
    }
    spec = {
        "openapi": "3.1.0" if version == "3.1" else "3.0.3",
        "info": {"title": "t", "version": "1"},
        "paths": paths,
        "components": {"schemas": PET_SCHEMAS},
    }
    path = Path("/tmp/apilint-screen/openapi.json")
    return Document(Workspace(load_data(spec, path), path.parent))


def _screen(doc: Document) -> tuple[list[int], set[int] | None, set[int]]:
    found = [example for example in examples(doc) if example.loc.pointer.startswith("/paths/")]
    order = [int(example.loc.pointer.split("/")[2].removeprefix("~1case")) for example in found]
    exact = ExampleValidator(doc)
    invalid = {
        case for case, example in zip(order, found, strict=True) if exact.check(example) is not None
    }
    files = {example_screen.file_uri(key): f.data for key, f in doc.workspace.files.items()}
    targets = [
        f"{example_screen.file_uri(e.schema.loc.file)}#{e.schema.loc.pointer}" for e in found
    ]
    rejected = example_screen.rejected(files, doc.version, targets, [e.value for e in found])
    screened = None if rejected is None else {order[index] for index in rejected}
    return order, screened, invalid


@pytest.mark.parametrize(("version", "cases"), [("3.0", CASES_30), ("3.1", CASES_31)])
def test_screen_agrees_with_the_exact_validator(
    version: str, cases: list[tuple[dict[str, Any], Any, bool]]
) -> None:
    order, screened, invalid = _screen(_document(version, cases))
    assert sorted(order) == list(range(len(cases)))
    # the cases state what the exact validator says ...
    assert invalid == {index for index, (_, _, valid) in enumerate(cases) if not valid}
    # ... and the screen, where the rewrite is exact, says the same
    assert screened == invalid


def test_screen_errs_on_the_strict_side_only() -> None:
    # a required readOnly property may be missing in the OpenAPI dialect; plain JSON Schema
    # requires it, so the screen rejects and the exact validator accepts: no finding
    cases = [
        (
            {"required": ["id"], "properties": {"id": {"type": "string", "readOnly": True}}},
            {},
            True,
        )
    ]
    _, screened, invalid = _screen(_document("3.0", cases))
    assert invalid == set()
    assert screened == {0}


def test_without_jsonschema_rs_every_example_is_checked_exactly(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    doc = _document("3.0", CASES_30)
    with_screen = [(e.loc, f) for e, f in ExampleValidator(doc).failures(examples(doc))]
    monkeypatch.setattr(example_screen, "jsonschema_rs", None)
    without = [(e.loc, f) for e, f in ExampleValidator(doc).failures(examples(doc))]
    assert with_screen == without
    assert len(without) == sum(1 for _, _, valid in CASES_30 if not valid)


def test_a_schema_jsonschema_rs_cannot_compile_falls_back() -> None:
    # jsonschema-rs checks schemas against the metaschema; the exact validator does not care
    cases = [({"type": "number", "minimum": "zero"}, 5, True), ({"type": "string"}, 5, False)]
    _, screened, invalid = _screen(_document("3.0", cases))
    assert screened is None
    assert invalid == {1}


@pytest.mark.parametrize(("version", "cases"), [("3.0", CASES_30), ("3.1", CASES_31)])
@pytest.mark.parametrize(
    ("name", "value"),
    [("_reachable", lambda files, targets: None), ("_BATCH", 3)],
    ids=["whole files, not cut to what examples reach", "batches of 3, numbered as one list"],
)
def test_the_screen_says_the_same_however_its_work_is_cut(
    version: str,
    cases: list[tuple[dict[str, Any], Any, bool]],
    name: str,
    value: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    doc = _document(version, cases)
    usual = _screen(doc)
    monkeypatch.setattr(example_screen, name, value)
    assert len(cases) > 3 * 2 and _screen(doc) == usual


def test_only_what_the_targets_reach_is_given_to_the_validator() -> None:
    """The registry gets each referenced node at its own pointer (lists keep their length,
    so item numbers still resolve); operations and unreferenced schemas are left out."""
    root = "file:///spec/openapi.json"
    other = "file:///spec/common.json"
    files = {
        root: {
            "paths": {
                "/a": {"get": {"parameters": [{"name": "x"}, {"schema": {"$ref": "#/s/A"}}]}}
            },
            "s": {
                "A": {"properties": {"b": {"$ref": "common.json#/B"}}, "example": {"$ref": "#/n"}},
                "P": {"discriminator": {"propertyName": "t", "mapping": {"c": "#/s/C"}}},
                "C": {"type": "object"},
                "Unused": {"type": "string"},
            },
        },
        other: {"B": {"type": "integer"}, "Unused": {}},
    }
    targets = [f"{root}#/paths/~1a/get/parameters/1/schema", f"{root}#/s/P"]
    assert example_screen._reachable(files, targets) == {
        root: {
            "paths": {"/a": {"get": {"parameters": [None, {"schema": {"$ref": "#/s/A"}}]}}},
            "s": {
                "A": files[root]["s"]["A"],
                "P": files[root]["s"]["P"],
                "C": {"type": "object"},
            },
        },
        other: {"B": {"type": "integer"}},
    }


@pytest.mark.parametrize(
    "schema",
    [
        {"$id": "https://example.com/a", "type": "string"},
        {"properties": {"a": {"$anchor": "here"}}},
        {"$ref": "#here"},
        {"$ref": "missing.json#/x"},
        {"$ref": "#/nowhere"},
    ],
)
def test_references_not_by_file_and_pointer_give_the_whole_files(schema: Any) -> None:
    files = {"file:///spec/openapi.json": {"s": {"A": schema}}}
    assert example_screen._reachable(files, ["file:///spec/openapi.json#/s/A"]) is None


def test_the_screen_is_strict_where_discriminators_are_broken_or_named() -> None:
    """The exact validator checks a union whose discriminator cannot be resolved as an anyOf,
    reads a schema name as a mapping value, and keeps an allOf next to a discriminator; the
    screen may reject more, never less."""
    broken = {
        "oneOf": [{"$ref": "#/components/schemas/Cat"}, {"$ref": "#/components/schemas/Dog"}],
        "discriminator": {"propertyName": "petType", "mapping": {"dog": "#/nowhere"}},
    }
    named = {
        "oneOf": [{"$ref": "#/components/schemas/Cat"}, {"$ref": "#/components/schemas/Dog"}],
        "discriminator": {"propertyName": "petType", "mapping": {"cat": "Cat"}},
    }
    with_all_of = {
        "allOf": [{"required": ["name"]}],
        "oneOf": [{"$ref": "#/components/schemas/Cat"}, {"$ref": "#/components/schemas/Dog"}],
        "discriminator": {"propertyName": "petType"},
    }
    cases: list[tuple[dict[str, Any], Any, bool]] = [
        (broken, {"petType": "dog", "barks": True}, True),
        (broken, {"petType": "dog", "meows": True}, True),  # a Cat, as far as anyOf goes
        (broken, {"petType": "dog"}, False),
        (named, {"petType": "cat", "meows": True}, True),
        (named, {"petType": "cat", "barks": True}, False),
        (with_all_of, {"petType": "Cat", "meows": True, "name": "Tom"}, True),
        (with_all_of, {"petType": "Cat", "meows": True}, False),
    ]
    _, screened, invalid = _screen(_document("3.0", cases))
    assert invalid == {index for index, (_, _, valid) in enumerate(cases) if not valid}
    assert screened is not None and invalid <= screened
