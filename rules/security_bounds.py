"""Security rules: resource consumption and input bounds (OWASP API4:2023).

Rate limits documented on responses, and the size of what clients may send: string lengths,
array sizes, integer ranges and closed objects in request schemas.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from apilint.rule import Document, Findings, Location, Schema, rule, subject

_NAMES = {"type": "array", "items": {"type": "string"}}


# -- resource consumption ---------------------------------------------------------------------


@rule(
    "rate-limit-response",
    area="security",
    severity="warn",
    summary="Every operation documents 429 Too Many Requests (and rate-limit headers).",
    options={
        "headers": {**_NAMES, "default": []},
        "header-statuses": {"type": "array", "items": {"type": "string"}, "default": ["429"]},
    },
    recommended=False,
)
def rate_limit_response(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Every operation must document a ``429`` response (or ``4XX``). When ``headers`` names
    rate-limit headers (``RateLimit-Limit``, ``Retry-After``...), each response whose status is
    in ``header-statuses`` (``429`` by default; ``2XX`` matches every success) must document
    them. On in ``strict``.

    Why: without documented limits clients cannot back off, and an API without limits can be
    exhausted by one client (OWASP API4:2023, unrestricted resource consumption).

    Example:
        bad:
            paths:
              /search:
                get:
                  responses:
                    "200":
                      description: The matching documents.
                    "400":
                      description: The query is invalid.
        good:
            paths:
              /search:
                get:
                  responses:
                    "200":
                      description: The matching documents.
                    "429":
                      $ref: "#/components/responses/TooManyRequests"
    """
    wanted = [str(header) for header in options["headers"]]
    statuses = [str(status).upper() for status in options["header-statuses"]]
    for operation in doc.operations:
        if operation.webhook:
            continue  # the consumer answers a webhook, not the API
        responses = doc.child(operation, "responses")
        codes = {str(code).upper(): item for code, item in doc.entries(responses)}
        if "429" not in codes and "4XX" not in codes:
            yield (
                responses.loc if responses is not None else operation.loc,
                f"{operation.label} does not document 429 (too many requests)",
            )
        if not wanted:
            continue
        for code, response in codes.items():
            if not any(_status_matches(code, status) for status in statuses):
                continue
            headers = response.value.get("headers") if isinstance(response.value, dict) else None
            present = {str(h).lower() for h in headers} if isinstance(headers, dict) else set()
            for header in wanted:
                if header.lower() not in present:
                    yield (
                        response.loc,
                        f"{code} response of {operation.label} does not document {header}",
                    )


def _status_matches(code: str, status: str) -> bool:
    in_range = status.endswith("XX") and code[:1] == status[:1] and code[1:3].isdigit()
    return code == status or in_range


# -- input bounds -----------------------------------------------------------------------------


def _types(schema: Schema) -> set[str]:
    declared = schema.value.get("type")
    if isinstance(declared, str):
        return {declared}
    return {t for t in declared if isinstance(t, str)} if isinstance(declared, list) else set()


def _request_schemas_of(doc: Document, kind: str) -> Iterator[Schema]:
    """Request schemas of a JSON type that a client really sends (not ``readOnly``) and that
    no ``enum``/``const`` already bounds."""
    for schema in doc.request_schemas:
        value = schema.value
        sent = value.get("readOnly") is not True
        if kind in _types(schema) and sent and "enum" not in value and "const" not in value:
            yield schema


_BOUNDED_FORMATS = ["date", "date-time", "time", "uuid", "ipv4", "ipv6"]


@rule(
    "request-string-max-length",
    area="security",
    severity="warn",
    summary="Strings clients send have a maxLength (or an enum or a bounded format).",
    options={"bounded-formats": {**_NAMES, "default": _BOUNDED_FORMATS}},
    recommended=False,
)
def request_string_max_length(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Every ``type: string`` schema of a parameter or request body (at any depth, each schema
    once) must have ``maxLength``, ``enum`` or ``const``, or a ``format`` in
    ``bounded-formats`` (date, date-time, time, uuid, ipv4, ipv6 by default). ``readOnly``
    schemas are skipped. On in ``strict``.

    Why: unbounded input lets one request exhaust memory, storage or a downstream system
    (OWASP API4:2023, unrestricted resource consumption).

    Example:
        bad:
            paths:
              /bookings:
                get:
                  parameters:
                    - name: q
                      schema:
                        type: string
        good:
            paths:
              /bookings:
                get:
                  parameters:
                    - name: q
                      schema:
                        type: string
                        maxLength: 200
    """
    bounded = set(options["bounded-formats"])
    for schema in _request_schemas_of(doc, "string"):
        value = schema.value
        if "maxLength" not in value and value.get("format") not in bounded:
            yield schema.loc, f"request string has no maxLength: {subject(schema.loc.pointer)}"


@rule(
    "request-array-max-items",
    area="security",
    severity="warn",
    summary="Arrays clients send have a maxItems.",
    recommended=False,
)
def request_array_max_items(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Every ``type: array`` schema of a parameter or request body (at any depth, each schema
    once) must have ``maxItems``. ``readOnly`` schemas are skipped. On in ``strict``.

    Why: a request with a million items is a denial of service in one call (OWASP API4:2023,
    unrestricted resource consumption).

    Example:
        bad:
            paths:
              /subscribers:
                get:
                  parameters:
                    - name: tag
                      schema:
                        type: array
                        items:
                          type: string
                          maxLength: 30
        good:
            paths:
              /subscribers:
                get:
                  parameters:
                    - name: tag
                      schema:
                        type: array
                        maxItems: 10
                        items:
                          type: string
                          maxLength: 30
    """
    for schema in _request_schemas_of(doc, "array"):
        if "maxItems" not in schema.value:
            yield schema.loc, f"request array has no maxItems: {subject(schema.loc.pointer)}"


@rule(
    "request-integer-maximum",
    area="security",
    severity="warn",
    summary="Integers clients send have a maximum.",
    recommended=False,
)
def request_integer_maximum(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Every ``type: integer`` schema of a parameter or request body (at any depth, each
    schema once) must have ``maximum`` or ``exclusiveMaximum`` (a number, in 3.1). Page sizes
    and counts are the usual culprits. ``readOnly`` schemas are skipped. On in ``strict``.

    Why: an unbounded ``limit=1000000000`` makes the server do unbounded work (OWASP API4:2023,
    unrestricted resource consumption).

    Example:
        bad:
            paths:
              /items:
                get:
                  parameters:
                    - name: limit
                      schema:
                        type: integer
                        minimum: 1
                        default: 20
        good:
            paths:
              /items:
                get:
                  parameters:
                    - name: limit
                      schema:
                        type: integer
                        minimum: 1
                        maximum: 100
                        default: 20
    """
    for schema in _request_schemas_of(doc, "integer"):
        value = schema.value
        exclusive = value.get("exclusiveMaximum")
        numeric = isinstance(exclusive, (int, float)) and not isinstance(exclusive, bool)
        if "maximum" not in value and not numeric:
            yield schema.loc, f"request integer has no maximum: {subject(schema.loc.pointer)}"


@rule(
    "request-object-closed",
    area="security",
    severity="warn",
    summary="Objects clients send are closed (additionalProperties: false).",
    recommended=False,
)
def request_object_closed(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Every object schema of a parameter or request body (at any depth, each schema once)
    must set ``additionalProperties: false`` (or, in 3.1, ``unevaluatedProperties: false``).
    Maps (``additionalProperties`` given a schema) are open by design and skipped. Composed
    objects: in 3.1 the schema holding the ``allOf`` is checked (``unevaluatedProperties:
    false`` closes it) and its parts are not, unless they are also used on their own; in 2.0
    and 3.0 composed objects cannot be closed (``additionalProperties: false`` on a part or on
    the holder rejects the other parts' properties), so neither is reported. Off in
    ``recommended`` (closing objects is a policy choice), on in ``strict``.

    Why: open objects invite mass assignment, where a client sets fields it should not
    (``isAdmin``, ``balance``) and the server binds them blindly (OWASP API3:2023, broken
    object property level authorization).

    Example:
        bad:
            paths:
              /accounts/{accountId}:
                patch:
                  requestBody:
                    content:
                      application/json:
                        schema:
                          properties:
                            displayName:
                              type: string
                              maxLength: 100
                            labels:  # a map (additionalProperties is a schema): open by design
                              type: object
                              additionalProperties:
                                type: string
                                maxLength: 63
        good:
            paths:
              /accounts:
                post:
                  summary: Open an account
                  requestBody:
                    required: true
                    content:
                      application/json:
                        schema:
                          $ref: "#/components/schemas/NewAccount"
                  responses:
                  # ...
    """
    schemas = doc.request_schemas
    parts: set[Location] = set()  # reached through allOf
    direct = {root.loc for root in doc.request_roots}  # used on their own
    for schema in schemas:
        for keyword, child in doc.subschemas(schema):
            (parts if keyword == "allOf" else direct).add(child.loc)
    composable = doc.is_json_schema_2020
    for schema in schemas:
        value = schema.value
        if not _objectish(doc, schema):
            continue
        composed = "allOf" in value
        if not composable and (composed or schema.loc in parts):
            continue
        if schema.loc in parts and schema.loc not in direct:
            continue  # a part of a composed object: the holder is what gets closed
        extra = value.get("additionalProperties")
        if isinstance(extra, dict):
            continue  # a map
        if extra is False or value.get("unevaluatedProperties") is False:
            continue
        yield (
            schema.loc,
            (
                f"request object is open (no additionalProperties: false): "
                f"{subject(schema.loc.pointer)}"
            ),
        )


def _objectish(doc: Document, schema: Schema, depth: int = 0) -> bool:
    """An object schema: ``type: object``, or untyped with properties, or untyped and composed
    (``allOf``) of object schemas."""
    value = schema.value
    if "type" in value:
        return "object" in _types(schema)
    if "properties" in value or "additionalProperties" in value:
        return True
    return depth < 8 and any(
        _objectish(doc, Schema(part.loc, part.value), depth + 1)
        for keyword, part in doc.subschemas(schema)
        if keyword == "allOf" and isinstance(part.value, dict)
    )
