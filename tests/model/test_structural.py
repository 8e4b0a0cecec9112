"""Structural validation: the errors oas-schema reports, narrowed to the node at fault."""

from __future__ import annotations

import pytest

from apilint.model.structural import StructuralError, validate


def _spec(version: str, example: dict[str, object]) -> dict[str, object]:
    media = {"schema": {"type": "integer"}, "examples": {"one": example}}
    response = {"description": "ok", "content": {"application/json": media}}
    return {
        "openapi": version,
        "info": {"title": "T", "version": "1"},
        "paths": {"/orders": {"get": {"responses": {"200": response}}}},
    }


@pytest.mark.parametrize(("openapi", "version"), [("3.1.0", "3.1"), ("3.2.0", "3.2")])
def test_a_failing_example_is_not_also_an_unknown_property(openapi: str, version: str) -> None:
    """Under unevaluatedProperties, a property whose value fails counts as not evaluated; the
    error inside it explains it, and "'examples' is not allowed here" would be an echo."""
    errors = validate(_spec(openapi, {"value": 1, "externalValue": "https://x.io/1"}), version)
    media = "/paths/~1orders/get/responses/200/content/application~1json"
    assert errors and all(e.pointer.startswith(f"{media}/examples/one") for e in errors)
    assert not any(e.message.endswith("is not allowed here") for e in errors)


def test_an_unknown_property_is_still_reported() -> None:
    spec = _spec("3.1.0", {"value": 1})
    spec["info"] = {"title": "T", "version": "1", "colour": "blue"}
    assert validate(spec, "3.1") == [
        StructuralError("/info/colour", "property 'colour' is not allowed here")
    ]
