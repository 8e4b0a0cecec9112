"""The OpenAPI 3.2 example spec: read as 3.2, every 3.2 feature it shows indexed, and clean of
errors under the default config."""

from __future__ import annotations

from pathlib import Path

import apilint
from apilint.api import load_document

EXAMPLE = Path(__file__).parent.parent / "examples" / "library-3.2.yaml"


def test_the_3_2_example_lints_without_errors() -> None:
    report = apilint.lint_file(EXAMPLE, config={})
    assert not report.errors
    errors = [f for f in report.findings if f.severity.name.lower() == "error"]
    assert errors == [], [f"{f.line}: {f.rule} {f.message}" for f in errors]
    assert "tag-parent" in {rule.id for rule in report.rules}


def test_the_3_2_example_shows_what_3_2_adds() -> None:
    doc, _ = load_document(EXAMPLE)
    assert doc.version == "3.2"
    labels = [operation.label for operation in doc.operations]
    assert labels == [
        "GET /books",
        "QUERY /books",
        "GET /books/{bookId}",
        "LOCK /books/{bookId}",
        "GET /loans/history",
    ]
    assert any(param.location == "querystring" for param in doc.parameters)
    sent = {schema.loc.pointer for schema in doc.response_schemas}
    assert "/components/schemas/Loan" in sent  # the itemSchema of a reusable media type
