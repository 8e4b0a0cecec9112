"""Naming rules for casing: every name in a spec follows the organisation's casing policy.

Each location (path segments, path, query, header and cookie parameters, properties, schema
names, operationIds, enum values, tag names) is its own rule with its own default style, and
every one takes the same options: ``style`` (a casing style, or ``consistent`` to follow the
style most names at that location already use), ``pattern`` (a regular expression that replaces
the style), ``allow-digits`` and ``allow`` (names that are always accepted).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from apilint.rule import Document, Findings, Location, Policy, options_schema, rule

from ._common import _headers, _parameters, _path_segments, _schema_names


@rule(
    "path-segment-casing",
    area="naming",
    severity="warn",
    summary="Static path segments follow one casing style (the spec's dominant one by default).",
    options=options_schema("consistent"),
)
def path_segment_casing(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Checks every static segment of every path (``/user-accounts/{id}``: ``user-accounts``),
    and both parts of a custom method (``/jobs/{id}:cancel``), against the policy; a segment
    used by many paths is one finding, its other paths listed as related places. Template
    parameters, versions (``v2.1``), file names (``openapi.json``) and tokens that do not
    start with a letter (``@me``, ``.well-known``) are not names in a style and are skipped.
    Without a configured ``style`` the segments must follow the style most of the spec's
    segments use (when two in three do).

    Why: URLs are the most visible part of an API; one convention across every API of an
    organisation makes them predictable. Kebab-case is the common choice (Zalando 129).

    Example:
        bad:
            paths:
              /userAccounts/{accountId}:
                get:
                  responses:
                    "200":
                      description: The account.
        good:
            paths:
              /user-accounts/{accountId}:
                get:
                  responses:
                    "200":
                      description: The account.
              /v2/user-accounts/{accountId}/settings-page:
                get:
                  responses:
                    "200":
                      description: The settings.
    """
    segments = ((where, name) for where, name in _path_segments(doc) if _styled_segment(name))
    yield from Policy.from_options(options).check("path segment", segments)


#: Segments that are literal tokens rather than names in a style: versions (``v2.1``,
#: ``2024-05-09``), file names (``openapi.json``: ``path-file-extension``'s) and tokens such as
#: ``@me`` or ``.well-known``.
_VERSION_SEGMENT = re.compile(r"^[vV]?\d+(?:[._-]\d+)*(?:-?(?:alpha|beta|rc)\d*)?$")


def _styled_segment(segment: str) -> bool:
    return segment[:1].isalpha() and "." not in segment and not _VERSION_SEGMENT.match(segment)


@rule(
    "path-parameter-casing",
    area="naming",
    severity="warn",
    summary="Path parameter names follow one casing style (the spec's dominant one by default).",
    options=options_schema("consistent"),
)
def path_parameter_casing(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Checks the name of every ``in: path`` parameter, each parameter once.

    Why: path parameter names appear in every generated client signature and in the
    documentation of every URL; mixed styles make an API look assembled from parts.

    Example:
        bad:
            paths:
              /accounts/{account_id}:
                parameters:
                  - name: account_id
                    in: path
                    required: true
                    schema:
                      type: string
        good:
            paths:
              /accounts/{accountId}:
                parameters:
                  - $ref: "#/components/parameters/AccountId"
                get:
                  summary: Get an account
                  parameters:
                    - name: include_deleted
                      in: query
                      schema:
                        type: boolean
                        # ...
    """
    yield from Policy.from_options(options).check("path parameter", _parameters(doc, "path"))


@rule(
    "query-parameter-casing",
    area="naming",
    severity="warn",
    summary="Query parameter names follow one casing style (the spec's dominant one by default).",
    options=options_schema("consistent"),
)
def query_parameter_casing(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Checks the name of every ``in: query`` parameter, each parameter once.

    Why: clients type query parameters by hand in URLs and scripts; one style spares them a
    lookup for every call (Zalando 130 asks for snake_case: see the ``zalando`` preset).

    Example:
        bad:
            paths:
              /orders:
                parameters:
                  - name: page_token
                    in: query
                    schema:
                      type: string
        good:
            paths:
              /orders/{order_id}/lines:
                parameters:
                  - name: order_id
                    in: path
                    required: true
                    schema:
                      type: string
                  - $ref: "#/components/parameters/PageSize"
                get:
                  summary: List order lines
                  # ...
    """
    yield from Policy.from_options(options).check("query parameter", _parameters(doc, "query"))


@rule(
    "header-casing",
    area="naming",
    severity="warn",
    summary="Header names follow one letter case style (the spec's dominant one by default).",
    options=options_schema("consistent"),
    recommended=False,
)
def header_casing(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Checks the names of header parameters and of the headers every response declares.

    HTTP header names are case-insensitive (RFC 9110, 5.1): ``x-amzn-RequestId`` and
    ``X-Amzn-RequestId`` are one header, while ``X-Amzn-Request-Id`` is another. So the rule
    only ever proposes a change of letter case, and says so when a name cannot follow the
    style by letter case alone.

    Why: header names are case-insensitive on the wire but not in documentation, SDKs and
    gateway configuration; the conventional ``Hyphenated-Pascal`` form (``X-Request-Id``,
    ``Content-Type``) reads as a header at a glance. Off in ``recommended``: the wire does not
    care, so it is a convention for an organisation to choose.

    Example:
        bad:
            webhooks:
              orderPlaced:
                post:
                  parameters:
                    - name: x-delivery-attempt
                      in: header
                      schema:
                        type: [integer, "null"]
        good:
            openapi: 3.0.3
            info:
              title: Orders
              version: 1.0.0
            paths:
              /orders:
                get:
                  summary: List orders
                  parameters:
                    - name: X-Request-ID
                    # ...
    """
    policy = Policy.from_options(options, case_only=True)
    yield from policy.check("header", _without_marker(_headers(doc)))


@rule(
    "cookie-casing",
    area="naming",
    severity="warn",
    summary="Cookie parameter names follow one casing style (the spec's dominant one by default).",
    formats={"3.0", "3.1", "3.2"},
    options=options_schema("consistent"),
    recommended=False,
)
def cookie_casing(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Checks the name of every ``in: cookie`` parameter, each parameter once.

    Why: cookie names are shared with browsers and other services on the same domain; a
    predictable style avoids collisions and confusion. Off in ``recommended``, as cookie names
    are often dictated by frameworks.

    Example:
        bad:
            paths:
              /cart:
                parameters:
                  - name: session_id
                    in: cookie
                    schema:
                      type: string
        good:
            paths:
              /cart:
                get:
                  summary: Show the cart
                  parameters:
                    - name: sessionId
                      in: cookie
                      required: true
                      schema:
                        type: string
                    - $ref: "#/components/parameters/Locale"
                    - name: X-Request-Id
                    # ...
    """
    yield from Policy.from_options(options).check("cookie", _parameters(doc, "cookie"))


_IGNORED_PROPERTY = re.compile(r"^(?:@|\$|_links$|_embedded$)")

#: apilint's suppression marker, which may sit in a map of names (``components.schemas``,
#: ``properties``, ``headers``) without being a name: it must not sway the dominant style.
_MARKER = "x-apilint-ignore"


def _without_marker(names: Iterable[tuple[Any, str]]) -> Iterator[tuple[Any, str]]:
    """The names of a map of names, without an ``x-apilint-ignore`` marker among them."""
    return ((where, name) for where, name in names if name != _MARKER)


@rule(
    "property-casing",
    area="naming",
    severity="warn",
    summary="Schema property names follow one casing style (the spec's dominant one by default).",
    options=options_schema("consistent"),
)
def property_casing(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Checks the name of every property of every schema (request and response, at any depth,
    each schema once even when it is referenced many times). Names starting with ``@`` or
    ``$`` (JSON-LD) and HAL's ``_links``/``_embedded`` are skipped.

    Why: JSON payloads are read by code in many languages; one property style across an API
    spares every client a mapping layer.

    Example:
        bad:
            webhooks:
              orderShipped:
                post:
                  requestBody:
                    content:
                      application/json:
                        schema:
                          properties:
                            tracking_url:
                              type: string
        good:
            webhooks:
              orderShipped:
                post:
                  requestBody:
                    content:
                      application/json:
                        schema:
                          properties:
                            orderId:
                              type: string
                            trackingUrl:
                              type: [string, "null"]
    """
    names = (
        (prop.loc, prop.name) for prop in doc.properties if not _IGNORED_PROPERTY.match(prop.name)
    )
    yield from Policy.from_options(options).check("property", _without_marker(names))


@rule(
    "schema-name-casing",
    area="naming",
    severity="warn",
    summary="Schema names follow one casing style (the spec's dominant one by default).",
    options=options_schema("consistent"),
)
def schema_name_casing(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Checks the names under ``components.schemas`` (``definitions`` in 2.0).

    Why: generators turn schema names into class names; PascalCase names become idiomatic types
    in nearly every language without renaming.

    Example:
        bad:
            components:
              schemas:
                order_list:
                  type: object
                  properties:
                    items:
                      type: array
                      items:
                        $ref: "#/components/schemas/Order"
        good:
            components:
              schemas:
                Order:
                  type: object
                  properties:
                    order_lines:
                      type: array
                      items:
                        $ref: "#/components/schemas/OrderLineV2"
                OrderLineV2:
                  type: object
                  properties:
                  # ...
    """
    yield from Policy.from_options(options).check(
        "schema name", _without_marker(_schema_names(doc))
    )


@rule(
    "operation-id-casing",
    area="naming",
    severity="warn",
    summary="operationIds follow one casing style (the spec's dominant one by default).",
    options=options_schema("consistent"),
)
def operation_id_casing(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Checks each ``operationId`` against the policy. An operationId that is not a valid name
    (``repos/get-content``) is ``operation-id-valid``'s finding, which replaces this rule's on
    the same operationId: one defect, one finding.

    Why: generated SDKs turn operationIds into method names; a consistent style gives
    idiomatic method names without per-operation overrides.

    Example:
        bad:
            paths:
              /customers:
                get:
                  operationId: list_customers
        good:
            paths:
              /customers:
                get:
                  operationId: listCustomers
    """
    names = (
        (op.loc.child("operationId"), op.operation_id) for op in doc.operations if op.operation_id
    )
    yield from Policy.from_options(options).check("operationId", names)


@rule(
    "enum-value-casing",
    area="naming",
    severity="warn",
    summary="String enum values follow one casing style (the spec's dominant one by default).",
    options=options_schema("consistent"),
    recommended=False,
)
def enum_value_casing(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Checks every string value of every ``enum`` of every schema, each schema once. By
    default the style is the one most enum values in the spec already use.

    Why: enum values become constants in generated code and are compared verbatim by clients;
    a value in a different style is usually a typo that will never match. Off in
    ``recommended``, as enum values often mirror external code lists.

    Example:
        bad:
            webhooks:
              orderShipped:
                post:
                  requestBody:
                    content:
                      application/json:
                        schema:
                          properties:
                            carrier:
                              enum:
                                - RoyalMail
        good:
            openapi: 3.0.3
            info:
              title: Orders
              version: 1.0.0
            paths:
              /orders:
                get:
                  summary: List orders
                  parameters:
                    - name: sort
                      in: query
                      # ...
    """
    values = (
        (holder.child("enum", index), value)
        for holder, enum in _enums(doc)
        for index, value in enumerate(enum)
        if isinstance(value, str) and value
    )
    yield from Policy.from_options(options).check("enum value", values)


def _enums(doc: Document) -> Iterator[tuple[Location, list[Any]]]:
    """Every ``enum`` list: of schemas, and in 2.0 of parameters and headers (and their items),
    which carry ``enum`` themselves instead of in a schema."""
    holders: list[tuple[Location, Any]] = [(schema.loc, schema.value) for schema in doc.schemas]
    if doc.is_swagger:
        holders.extend((param.loc, param.value) for param in doc.parameters)
        for response in doc.response_objects:
            headers = response.value.get("headers")
            if isinstance(headers, dict):
                holders.extend((response.loc.child("headers", n), h) for n, h in headers.items())
    for loc, value in holders:
        while isinstance(value, dict):
            if isinstance(value.get("enum"), list):
                yield loc, value["enum"]
            if not doc.is_swagger or "schema" in value:
                break  # schemas' items are schemas of their own; 2.0 items are not
            loc, value = loc.child("items"), value.get("items")


@rule(
    "tag-name-casing",
    area="naming",
    severity="warn",
    summary="Tag names follow one casing style (the spec's dominant one by default).",
    options=options_schema("consistent"),
    recommended=False,
)
def tag_name_casing(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Checks the names of the top-level tag declarations and of the tags operations use.

    Why: tags become navigation sections and SDK module names; mixed styles show up as an
    untidy menu. Off in ``recommended``, as many teams write tags as free text.

    Example:
        bad:
            tags:
              - description: Ways to pay.
                name: PaymentMethods
        good:
            tags:
              - name: PaymentMethods
    """
    names: list[tuple[Location, str]] = [(tag.loc.child("name"), tag.name) for tag in doc.tags]
    for operation in doc.operations:
        tags = operation.value.get("tags")
        if isinstance(tags, list):
            names.extend(
                (operation.loc.child("tags", index), name)
                for index, name in enumerate(tags)
                if isinstance(name, str)
            )
    yield from Policy.from_options(options).check("tag", names)
