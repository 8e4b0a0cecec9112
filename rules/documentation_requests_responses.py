"""Documentation rules for what goes in and out of an operation: parameters, request bodies,
responses and response headers have descriptions, and an operation documents its success and
error responses and their schemas.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from apilint.rule import Document, Findings, rule

from ._common import _blank, _response_label, _spec_wide


@rule(
    "parameter-description",
    area="documentation",
    severity="warn",
    summary="Every parameter has a description.",
)
def parameter_description(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Each parameter object (each once, reusable ones included) needs a ``description`` that
    is not blank. One that is written but says nothing (``TODO``, only the parameter's name)
    is ``placeholder-text``'s finding, not this rule's.

    Why: a parameter's name rarely says its unit, format, default behaviour or constraints.

    Example:
        bad:
            paths:
              /orders/{orderId}:
                parameters:
                  - name: orderId
                    in: path
                    required: true
                    description: ""
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
        if _blank(param.value.get("description")):
            yield param.loc, f"{param.location} parameter '{param.name}' has no description"


@rule(
    "request-body-description",
    area="documentation",
    severity="info",
    summary="Every request body has a description.",
    formats={"3.0", "3.1", "3.2"},
)
def request_body_description(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Each ``requestBody`` needs a ``description`` that is not blank (2.0 body parameters are
    parameters, and ``parameter-description`` covers them). One that is written but says
    nothing (``TODO``) is ``placeholder-text``'s finding, not this rule's. When (nearly) no
    request body has a description, that is one finding, with every body as a related place.

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
    missing: list[tuple[Any, str]] = []
    for body in doc.request_bodies:
        if body.loc in seen:
            continue  # a shared body is reported once, where it is written
        seen.add(body.loc)
        if _blank(body.value.get("description")):
            missing.append((body.loc, f"request body of {body.operation.label} has no description"))
    spec_wide = "{failing} of the {total} request bodies have no description"
    yield from _spec_wide(missing, len(seen), spec_wide)


@rule(
    "response-description",
    area="documentation",
    severity="warn",
    summary="Every response has a description (3.2: or a summary) that is not blank.",
)
def response_description(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Each response object (of operations, callbacks and components, each once) needs a
    ``description`` that is not blank; from OpenAPI 3.2 on, where ``description`` is optional
    and a response may have a ``summary``, a summary is enough. One that is written but says
    nothing (``TODO``) is ``placeholder-text``'s finding, not this rule's.

    Why: OpenAPI up to 3.1 requires the field, and specs satisfy it with ``""``; a consumer
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
    summary_counts = doc.since("3.2")
    for response in doc.response_objects:
        described = not _blank(response.value.get("description"))
        if not described and not (summary_counts and not _blank(response.value.get("summary"))):
            yield response.loc, f"{_response_label(response)} has no description"


@rule(
    "header-description",
    area="documentation",
    severity="info",
    summary="Every response header has a description.",
)
def header_description(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Each header a response declares needs a ``description`` that is not blank. One that is
    written but says nothing (``TODO``) is ``placeholder-text``'s finding, not this rule's.

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
            if isinstance(header.value, dict) and _blank(header.value.get("description")):
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
    response (4xx, 5xx or ``default``). Webhooks and callbacks are left out: the API sends
    those requests, and what the receiver answers (a bare ``2XX`` acknowledgement) is not the
    API's contract to document. When (nearly) every operation lacks error responses, that is
    one finding, with every operation as a related place.

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
    operations = [op for op in doc.operations if not op.webhook]  # callbacks are not among them
    no_success: list[tuple[Any, str]] = []
    no_error: list[tuple[Any, str]] = []
    for operation in operations:
        responses = operation.value.get("responses")
        if not isinstance(responses, dict):
            continue
        kinds = {_status_kind(str(status)) for status in responses}
        label = operation.label
        where = operation.loc.child("responses")
        if "success" not in kinds:
            no_success.append((where, f"{label} documents no success (2xx or 3xx) response"))
        if not kinds & {"error", "default"}:
            no_error.append((where, f"{label} documents no error (4xx, 5xx or default) response"))
    total = len(operations)
    spec_wide = "{failing} of the {total} operations document no %s response"
    yield from _spec_wide(no_success, total, spec_wide % "success (2xx or 3xx)")
    yield from _spec_wide(no_error, total, spec_wide % "error (4xx, 5xx or default)")


_NO_BODY = {"204", "205", "304"}

#: Media types of structured data, which a client parses into objects: JSON, XML, YAML, forms.
_STRUCTURED = re.compile(r"json|xml|yaml|x-www-form-urlencoded|^multipart/", re.IGNORECASE)


@rule(
    "response-schema",
    area="documentation",
    severity="warn",
    summary="Responses that declare a structured body (JSON, XML, forms) declare its schema.",
)
def response_schema(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Each success and error response that declares a body of structured data must give its
    schema: in 3.x each ``content`` entry of a JSON, XML, YAML, form or multipart media type
    needs a ``schema``; in 2.0 a response that shows ``examples`` needs a ``schema``. A
    response with no ``content`` (2.0: no ``schema``) has no body and is not a finding (a
    ``404`` with only a description), and neither is a binary or plain-text media type
    (``image/png: {}``), or a 204, 205 or 304 response, a response to ``HEAD``, or the
    acknowledgement a webhook or callback receiver returns.

    Why: without a schema a client cannot parse the body, and code generators produce untyped
    responses.

    Example:
        bad:
            paths:
              /orders:
                get:
                  responses:
                    "200":
                      content:
                        application/json: {}
        good:
            paths:
              /orders:
                get:
                  responses:
                    "200":
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
        if operation is None or operation.webhook or operation.method == "head":
            continue  # a webhook's response is the receiver's acknowledgement
        if response.status in _NO_BODY:
            continue
        if _status_kind(response.status) not in ("success", "error", "default"):
            continue
        if response.loc in seen:
            continue  # a shared response is reported once, where it is written
        seen.add(response.loc)
        label = f"response {response.status} of {operation.label}"
        if doc.is_swagger:
            if "schema" not in response.value and response.value.get("examples"):
                yield response.loc, f"{label} shows examples but declares no schema"
            continue
        for media_type, media in doc.entries(doc.child(response, "content")):
            if not _STRUCTURED.search(media_type) or not isinstance(media.value, dict):
                continue
            if "schema" not in media.value and "itemSchema" not in media.value:  # 3.2: items
                yield media.loc, f"{label} declares {media_type} content with no schema"
