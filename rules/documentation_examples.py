"""Documentation rules for examples: request bodies and success responses carry one, and every
example and default validates against its schema.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from apilint.rule import Document, Findings, Item, rule


@rule(
    "example-valid",
    area="documentation",
    severity="error",
    summary="Every example and default validates against its schema.",
)
def example_valid(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Validates every ``example``/``examples`` (of media types, parameters, response headers
    and schemas, at any depth) and every schema ``default`` against its schema, with the JSON
    Schema dialect of the spec's version (3.0's ``nullable`` style; 3.1's JSON Schema 2020-12).
    The finding points at the offending value inside the example and names the failing keyword.

    Why: examples are copied into client code, mock servers and documentation; an example that
    contradicts its schema teaches every reader the wrong contract.

    Example:
        bad:
            paths:
              /quota:
                get:
                  responses:
                    "200":
                      headers:
                        X-Rate-Limit-Remaining:
                          example: many
        good:
            paths:
              /pets:
                get:
                  summary: List pets
                  parameters:
                    - name: limit
                      in: query
                      example: 20
                      examples:
                        small:
                          value: 5
                          # ...
    """
    from apilint.analysis.examples import ExampleValidator, examples

    for example, failure in ExampleValidator(doc).failures(examples(doc)):
        inside = "/" + "/".join(failure.path) if failure.path else "the top level"
        yield (
            example.loc.child(*failure.path),
            f"{example.kind} does not match its schema at {inside}: {failure.message} "
            f"({failure.keyword})",
        )


def _has_example(doc: Document, media: Item) -> bool:
    value = media.value
    if "example" in value or value.get("examples"):
        return True
    schema = doc.child(media, "schema")
    return (
        schema is not None
        and isinstance(schema.value, dict)
        and ("example" in schema.value or bool(schema.value.get("examples")))
    )


@rule(
    "operation-examples",
    area="documentation",
    severity="info",
    summary="Request bodies and success responses carry an example.",
)
def operation_examples(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Each media type of a request body and of a success (2xx) response needs an ``example``
    or ``examples``, on the media type or on its schema (2.0: ``examples`` on the response or an
    ``example`` on the schema).

    Why: a concrete example is the fastest way to understand a payload, and mock servers and
    contract tests are built from them.

    Example:
        bad:
            paths:
              /pets:
                get:
                  responses:
                    "200":
                      content:
                        application/json:
                          schema:
                            type: array
                            items:
                              $ref: "#/components/schemas/Pet"
        good:
            paths:
              /pets:
                get:
                  responses:
                    "200":
                      content:
                        application/json:
                          schema:
                            type: array
                            items:
                              $ref: "#/components/schemas/Pet"
                          example:
                            - name: Rex
    """
    for body in doc.request_bodies:
        label = body.operation.label
        if doc.is_swagger:
            if not _has_example(doc, body):
                yield body.loc, f"request body of {label} has no example"
            continue
        for media_type, media in doc.entries(doc.child(body, "content")):
            if isinstance(media.value, dict) and not _has_example(doc, media):
                yield media.loc, f"request body of {label} ({media_type}) has no example"
    for response in doc.responses:
        if not response.status.startswith("2") or response.operation is None:
            continue
        label = response.operation.label
        if doc.is_swagger:
            if "schema" in response.value and not (
                response.value.get("examples") or _has_example(doc, response)
            ):
                yield response.loc, f"response {response.status} of {label} has no example"
            continue
        for media_type, media in doc.entries(doc.child(response, "content")):
            if (
                isinstance(media.value, dict)
                and "schema" in media.value
                and not _has_example(doc, media)
            ):
                yield (
                    media.loc,
                    f"response {response.status} of {label} ({media_type}) has no example",
                )
