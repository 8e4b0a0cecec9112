"""Example validation messages: exact and the same on every run."""

from __future__ import annotations

from pathlib import Path

from apilint.analysis.examples import ExampleValidator, examples
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
