"""Documentation rules for what goes in and out of an operation: parameters, request bodies,
responses and response headers have descriptions, and an operation documents its success and
error responses and their schemas.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from apilint.analysis.coverage import documented
from apilint.rule import Document, Findings, rule


@rule(
    "parameter-description",
    area="documentation",
    severity="warn",
    summary="Every parameter has a description.",
)
def parameter_description(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Each parameter object (each once, reusable ones included) needs a ``description``.

    Why: a parameter's name rarely says its unit, format, default behaviour or constraints.

    Example:
        bad:
            paths:
              /orders/{orderId}:
                parameters:
                  - name: orderId
                    in: path
                    required: true
                    description: TODO
                    schema:
                      type: string
        good:
            paths:
              /orders:
                parameters:
                  - $ref: "#/components/parameters/PageSize"
                get:
                  summary: List orders
                  parameters:
                    - name: status
                      in: query
                      description: Only orders in this status.
                      schema:
                      # ...
    """
    for param in doc.parameters:
        if not documented(param.value.get("description")):
            yield param.loc, f"{param.location} parameter '{param.name}' has no description"


@rule(
    "request-body-description",
    area="documentation",
    severity="info",
    summary="Every request body has a description.",
    formats={"3.0", "3.1"},
)
def request_body_description(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Each ``requestBody`` needs a ``description`` (2.0 body parameters are parameters, and
    ``parameter-description`` covers them).

    Why: the body is usually the largest input of an operation; what it represents and how it
    is used belongs next to it.

    Example:
        bad:
            paths:
              /orders:
                post:
                  requestBody:
                    required: true
                    content:
                      application/json:
                        schema:
                          type: object
        good:
            paths:
              /orders:
                post:
                  requestBody:
                    description: The order to place; prices are taken from the catalogue, not ...
                    content:
                      application/json:
                        schema:
                          type: object
    """
    seen: set[Any] = set()
    for body in doc.request_bodies:
        if body.loc in seen:
            continue  # a shared body is reported once, where it is written
        seen.add(body.loc)
        if not documented(body.value.get("description")):
            label = body.operation.label
            yield body.loc, f"request body of {label} has no description"


@rule(
    "response-description",
    area="documentation",
    severity="warn",
    summary="Every response has a real description (not blank, not a placeholder).",
)
def response_description(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Each response object (of operations, callbacks and components, each once) needs a
    ``description`` that says something.

    Why: OpenAPI requires the field, and specs satisfy it with ``""`` or ``TODO``; a consumer
    handling a response needs to know what it means.

    Example:
        bad:
            paths:
              /orders:
                get:
                  responses:
                    "200":
                      description: ""
        good:
            paths:
              /orders:
                get:
                  responses:
                    "200":
                      description: The orders, newest first.
    """
    for response in doc.response_objects:
        if not documented(response.value.get("description")):
            yield response.loc, "response has no description"


@rule(
    "header-description",
    area="documentation",
    severity="info",
    summary="Every response header has a description.",
)
def header_description(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Each header a response declares needs a ``description``.

    Why: headers such as rate limits and pagination links are part of the contract, and their
    meaning is not in their name.

    Example:
        bad:
            paths:
              /orders:
                get:
                  responses:
                    "200":
                      headers:
                        X-Total-Count:
                          schema:
                            type: integer
        good:
            paths:
              /orders:
                get:
                  responses:
                    "200":
                      headers:
                        X-Total-Count:
                          description: The number of orders across all pages.
                          schema:
                            type: integer
    """
    for response in doc.response_objects:
        for name, header in doc.entries(doc.child(response, "headers")):
            if isinstance(header.value, dict) and not documented(header.value.get("description")):
                yield header.loc, f"header '{name}' has no description"


def _status_kind(status: str) -> str:
    if status == "default":
        return "default"
    return {"1": "info", "2": "success", "3": "success", "4": "error", "5": "error"}.get(
        status[:1], "other"
    )


@rule(
    "operation-responses",
    area="documentation",
    severity="warn",
    summary="Every operation documents a success response and its error responses.",
)
def operation_responses(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Each operation needs at least one success response (2xx or 3xx) and at least one error
    response (4xx, 5xx or ``default``).

    Why: clients must handle failure; an operation that documents only its happy path leaves
    every error to be discovered in production.

    Example:
        bad:
            paths:
              /orders:
                get:
                  responses:
                    "200":
                      description: The orders.
        good:
            paths:
              /orders:
                get:
                  responses:
                    "200":
                      description: The orders.
                    "400":
                      description: The query is malformed.
    """
    for operation in doc.operations:
        responses = operation.value.get("responses")
        if not isinstance(responses, dict):
            continue
        kinds = {_status_kind(str(status)) for status in responses}
        label = operation.label
        where = operation.loc.child("responses")
        if "success" not in kinds:
            yield where, f"{label} documents no success (2xx or 3xx) response"
        if not kinds & {"error", "default"}:
            yield where, f"{label} documents no error (4xx, 5xx or default) response"


_NO_BODY = {"204", "205", "304"}


@rule(
    "response-schema",
    area="documentation",
    severity="warn",
    summary="Success and error responses that carry a body declare its schema.",
)
def response_schema(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Each success and error response (other than 204, 205 and 304, and responses to
    ``HEAD``) must declare a schema: in 3.x a ``content`` entry with a ``schema``, in 2.0 a
    ``schema``.

    Why: without a schema a client cannot parse the body, and code generators produce untyped
    responses.

    Example:
        bad:
            paths:
              /orders:
                get:
                  responses:
                    "200":
                      description: The orders.
                      content:
                        application/json: {}
        good:
            paths:
              /orders:
                get:
                  responses:
                    "200":
                      description: The orders.
                      content:
                        application/json:
                          schema:
                            type: array
                            items:
                              $ref: "#/components/schemas/Order"
    """
    seen: set[Any] = set()
    for response in doc.responses:
        operation = response.operation
        if operation is None or operation.method == "head" or response.status in _NO_BODY:
            continue
        if _status_kind(response.status) not in ("success", "error", "default"):
            continue
        if response.loc in seen:
            continue  # a shared response is reported once, where it is written
        seen.add(response.loc)
        if not any(True for _ in doc.media_schemas(response)):
            label = operation.label
            yield response.loc, f"response {response.status} of {label} declares no schema"
