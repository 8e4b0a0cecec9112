"""Example validation messages: exact and the same on every run."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from apilint.analysis.examples import ExampleValidator, examples, is_json_media_type
from apilint.lint.config import build_config
from apilint.model.document import Document
from apilint.model.refs import Workspace
from apilint.source.loader import load_data


def test_unexpected_properties_are_listed_in_the_order_written() -> None:
    # jsonschema lists them in set order, which changes with the hash seed between runs
    spec = {
        "openapi": "3.0.3",
        "info": {"title": "t", "version": "1"},
        "paths": {},
        "components": {
            "schemas": {
                "Closed": {
                    "type": "object",
                    "properties": {"id": {"type": "string"}},
                    "additionalProperties": False,
                    "example": {"zeta": 1, "id": "x", "alpha": 2, "mid": 3},
                }
            }
        },
    }
    path = Path("/tmp/apilint-examples/openapi.json")
    doc = Document(Workspace(load_data(spec, path), path.parent))
    [(example, failure)] = list(ExampleValidator(doc).failures(examples(doc)))
    assert example.loc.pointer == "/components/schemas/Closed/example"
    assert failure.keyword == "additionalProperties"
    assert failure.message == (
        "Additional properties are not allowed ('zeta', 'alpha', 'mid' were unexpected)"
    )


def _doc(spec: dict[str, Any]) -> Document:
    path = Path("/tmp/apilint-examples/openapi.json")
    return Document(Workspace(load_data(spec, path), path.parent))


@pytest.mark.parametrize(
    ("media_type", "json_like"),
    [
        ("application/json", True),
        ("application/json; charset=utf-8", True),
        ("Application/JSON", True),
        ("application/problem+json", True),
        ("application/vnd.api+json", True),
        ("text/json", True),
        ("application/x-json", True),
        ("*/*", True),
        ("application/xml", False),
        ("text/html", False),
        ("text/csv", False),
        ("text/plain", False),
        ("application/x-www-form-urlencoded", False),
        ("multipart/form-data", False),
        ("application/x-ndjson", False),
        ("application/jsonl", False),
        ("application/json-seq", False),
        ("application/*", False),
    ],
)
def test_which_media_types_have_their_examples_checked(media_type: str, json_like: bool) -> None:
    assert is_json_media_type(media_type) is json_like


def test_an_example_shared_by_several_operations_is_checked_once() -> None:
    body = {"$ref": "#/components/requestBodies/New"}
    response = {"$ref": "#/components/responses/Pet"}
    operation = {"requestBody": body, "responses": {"200": response}}
    pet = {"$ref": "#/components/schemas/Pet"}
    spec = {
        "openapi": "3.0.3",
        "info": {"title": "t", "version": "1"},
        "paths": {"/a": {"post": operation, "put": operation}, "/b": {"post": operation}},
        "components": {
            "schemas": {"Pet": {"type": "object"}},
            "examples": {"Rex": {"value": 1}},
            "requestBodies": {
                "New": {"content": {"application/json": {"schema": pet, "example": 2}}}
            },
            "responses": {
                "Pet": {
                    "description": "d",
                    "content": {
                        "application/json": {
                            "schema": pet,
                            "examples": {"rex": {"$ref": "#/components/examples/Rex"}},
                        }
                    },
                }
            },
        },
    }
    doc = _doc(spec)
    found = [example.loc.pointer for example in examples(doc)]
    assert sorted(found) == [
        "/components/examples/Rex/value",
        "/components/requestBodies/New/content/application~1json/example",
    ]
    failures = [example.loc.pointer for example, _ in ExampleValidator(doc).failures(examples(doc))]
    assert sorted(failures) == sorted(found)


def test_null_example_is_no_example_but_an_explicit_null_value_is_checked() -> None:
    schema = {"type": "string"}
    spec = {
        "openapi": "3.0.3",
        "info": {"title": "t", "version": "1"},
        "paths": {},
        "components": {
            "schemas": {"S": {**schema, "example": None}},
            "parameters": {
                "P": {
                    "name": "p",
                    "in": "query",
                    "schema": schema,
                    "example": None,
                    "examples": {"none": {"value": None}},
                }
            },
        },
    }
    doc = _doc(spec)
    [(example, failure)] = list(ExampleValidator(doc).failures(examples(doc)))
    assert example.loc.pointer == "/components/parameters/P/examples/none/value"
    assert failure.message == "null for not nullable"


def test_a_nullable_enum_without_null_says_why_null_fails() -> None:
    schema = {"type": "string", "nullable": True, "enum": ["A"]}
    spec = {
        "openapi": "3.0.3",
        "info": {"title": "t", "version": "1"},
        "paths": {},
        "components": {"schemas": {"S": {**schema, "default": None}}},
    }
    doc = _doc(spec)
    [(_, failure)] = list(ExampleValidator(doc).failures(examples(doc)))
    assert failure.keyword == "enum"
    assert failure.message.endswith(
        "; nullable: true does not add null to an enum, list null in it"
    )


def test_a_shared_body_without_example_is_reported_once_without_an_operation() -> None:
    operation_examples = build_config({"extends": []}).registry["operation-examples"]
    body = {"$ref": "#/components/requestBodies/New"}
    operation = {"requestBody": body, "responses": {"204": {"description": "d"}}}
    spec = {
        "openapi": "3.0.3",
        "info": {"title": "t", "version": "1"},
        "paths": {"/a": {"post": operation, "put": operation}},
        "components": {"requestBodies": {"New": {"content": {"application/json": {"schema": {}}}}}},
    }
    found = list(operation_examples.check(_doc(spec), {}))
    assert [(where.pointer, message) for where, message in found] == [
        (
            "/components/requestBodies/New/content/application~1json",
            "shared request body 'New' (application/json) has no example",
        )
    ]
