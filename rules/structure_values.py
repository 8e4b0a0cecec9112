"""Structure rules about values a spec states twice, or leaves out where tools need them:
duplicated enum entries, duplicated tag names, array schemas without ``items``, examples given
twice (``example`` and ``examples``, ``value`` and ``externalValue``) or not at all.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

from apilint.rule import Document, Findings, Item, Location, rule, subject


def _key(value: Any) -> str:
    """A value as JSON compares it: ``1`` and ``1.0`` are one value, ``1`` and ``"1"`` two."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return json.dumps(value, sort_keys=True)


@rule(
    "enum-duplicate",
    area="structure",
    severity="warn",
    summary="An enum lists each value once.",
)
def enum_duplicate(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Each ``enum`` of every schema lists a value at most once; the repeat is reported, at its
    place, naming the value (Spectral's ``duplicated-entry-in-enum``).

    Why: a repeated value is a copy-and-paste slip; generators emit a duplicate constant that
    does not compile in some languages, and JSON Schema requires enum items to be unique.

    Example:
        bad:
            components:
              schemas:
                Status:
                  enum:
                    - pending
        good:
            components:
              schemas:
                Status:
                  enum: [pending, shipped, delivered]
    """
    for schema in doc.schemas:
        values = schema.value.get("enum")
        if not isinstance(values, list):
            continue
        seen: set[str] = set()
        for index, value in enumerate(values):
            key = _key(value)
            if key in seen:
                where = subject(schema.loc.pointer)
                yield schema.loc.child("enum", index), f"enum of {where} repeats {key}"
            seen.add(key)


@rule(
    "tag-duplicate",
    area="structure",
    severity="error",
    summary="The top-level tags declare each name once.",
)
def tag_duplicate(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Each name in the top-level ``tags`` list is declared once; a second declaration is
    reported at its place (Spectral's ``openapi-tags-uniqueness``, Redocly's
    ``no-duplicated-tag-names``).

    Why: the OpenAPI specification requires tag names to be unique; tools keep one of the
    declarations and drop the other's description silently.

    Example:
        bad:
            tags:
              - name: orders
        good:
            tags:
              - name: Orders  # tag names are case-sensitive: another tag (tag-name-casing ...
    """
    first: dict[str, int] = {}
    for index, tag in enumerate(doc.tags):
        if tag.name in first:
            yield (
                tag.loc.child("name"),
                f"tag '{tag.name}' is declared again (first as tag {first[tag.name]})",
            )
        else:
            first[tag.name] = index


@rule(
    "array-items",
    area="structure",
    severity="warn",
    summary="Array schemas say what their items are (items).",
)
def array_items(doc: Document, options: Mapping[str, Any]) -> Findings:
    """A schema of ``type: array`` has ``items`` (or, in 3.1, ``prefixItems``); a schema that
    combines others (``allOf``, ``oneOf``, ``anyOf``, ``$ref``) may get them from there and is
    not reported (Spectral's ``array-items``).

    Why: an array of anything cannot be validated or generated into a typed list; OpenAPI 3.0
    requires ``items`` when the type is array.

    Example:
        bad:
            components:
              schemas:
                Order:
                  properties:
                    lines:
                      type: array
        good:
            components:
              schemas:
                Order:
                  properties:
                    lines:
                      type: array
                      items:
                        $ref: "#/components/schemas/OrderLine"
    """
    combined = ("items", "prefixItems", "allOf", "oneOf", "anyOf", "$ref")
    for schema in doc.schemas:
        value = schema.value
        kind = value.get("type")
        is_array = kind == "array" or (isinstance(kind, list) and "array" in kind)
        if is_array and not any(key in value for key in combined):
            yield schema.loc, f"array schema {subject(schema.loc.pointer)} has no items"


def _example_holders(doc: Document) -> Iterator[Item]:
    """Every node that may hold ``example``/``examples``: parameters, response headers and
    the media types of request bodies and responses (3.x), each place once."""
    seen: set[Location] = set()
    holders: list[Item] = [*doc.parameters]
    for owner in (*doc.request_bodies, *doc.response_objects):
        holders.extend(item for _, item in doc.entries(doc.child(owner, "content")))
    for response in doc.response_objects:
        holders.extend(item for _, item in doc.entries(doc.child(response, "headers")))
    for holder in holders:
        if holder.loc not in seen and isinstance(holder.value, dict):
            seen.add(holder.loc)
            yield holder


@rule(
    "example-and-examples",
    area="structure",
    severity="error",
    summary="A media type, parameter or header has example or examples, not both.",
    formats={"3.0", "3.1", "3.2"},
)
def example_and_examples(doc: Document, options: Mapping[str, Any]) -> Findings:
    """A media type, parameter or header gives ``example`` or ``examples``, never both: the
    specification says they are mutually exclusive.

    Why: tools pick one of the two and ignore the other, each its own way; documentation and
    mock servers then disagree on what the example is.

    Example:
        bad:
            paths:
              /orders:
                get:
                  parameters:
                    - name: limit
                      example: 20
        good:
            paths:
              /orders:
                get:
                  parameters:
                    - name: limit
                      in: query
                      schema:
                        type: integer
                      examples:
                        small:
                          value: 5
    """
    for holder in _example_holders(doc):
        if "example" in holder.value and "examples" in holder.value:
            yield (
                holder.loc.child("example"),
                f"{subject(holder.loc.pointer)} has both example and examples",
            )


#: 3.2's Example Object fields that may not stand together (the specification's MUST NOTs).
_EXAMPLE_CONFLICTS = (
    ("value", "externalValue"),
    ("value", "dataValue"),
    ("value", "serializedValue"),
    ("serializedValue", "externalValue"),
)
_EXAMPLE_FIELDS_32 = ("value", "dataValue", "serializedValue", "externalValue")


def _example_problem(doc: Document, value: dict[str, Any]) -> str | None:
    """What is wrong with the fields an Example Object gives its example by, if anything."""
    if not doc.since("3.2"):
        has_value, has_external = "value" in value, "externalValue" in value
        if has_value and has_external:
            return "has both value and externalValue"
        return None if has_value or has_external else "has neither value nor externalValue"
    clashes = [f"{a} and {b}" for a, b in _EXAMPLE_CONFLICTS if a in value and b in value]
    if clashes:
        return "has both " + "; both ".join(clashes)
    if not any(key in value for key in _EXAMPLE_FIELDS_32):
        return "has none of value, dataValue, serializedValue and externalValue"
    return None


@rule(
    "example-value-or-external",
    area="structure",
    severity="error",
    summary="An Example Object gives its example one way: value or externalValue (3.2: or "
    "dataValue/serializedValue), not several.",
    formats={"3.0", "3.1", "3.2"},
    supersedes=("oas-schema",),
)
def example_value_or_external(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Each Example Object (in an ``examples`` map, or under ``components.examples``) gives
    ``value`` or ``externalValue``: both is a contradiction the specification forbids, neither
    is an example of nothing (Spectral's ``oas3-examples-value-or-externalValue``). In 3.2 it
    may also give ``dataValue`` (the data) and ``serializedValue`` (its serialized form), and
    the specification forbids ``value`` beside any of the other three, and
    ``serializedValue`` beside ``externalValue`` (``dataValue`` may go with either); giving
    none of the four is an example of nothing (Redocly's ``spec-example-values``).

    Why: a documentation tool or mock server shows one of the two, or nothing at all.

    Example:
        bad:
            paths:
              /orders:
                get:
                  responses:
                    "200":
                      content:
                        application/json:
                          examples:
                            empty:
                              summary: No orders yet
        good:
            paths:
              /orders:
                get:
                  responses:
                    "200":
                      content:
                        application/json:
                          examples:
                            one:
                              $ref: "#/components/examples/Order"
                            many:
                              externalValue: https://example.com/orders.json
    """
    maps = [doc.child(holder, "examples") for holder in _example_holders(doc)]
    maps.append(doc.component_section("examples"))
    seen: set[Location] = set()
    for examples in maps:
        if examples is None or not isinstance(examples.value, dict):
            continue
        for name, example in doc.entries(examples):
            if example.loc in seen or not isinstance(example.value, dict):
                continue
            seen.add(example.loc)
            problem = _example_problem(doc, example.value)
            if problem is not None:
                yield example.loc, f"example '{name}' {problem}"


#: Lists that mean nothing when empty, where they may stand (``security: []`` is not one:
#: it makes an operation public).
_ROOT_LISTS = ("servers", "tags", "schemes", "consumes", "produces")
_OPERATION_LISTS = ("servers", "tags", "schemes", "consumes", "produces")


@rule(
    "empty-list",
    area="structure",
    severity="warn",
    summary="No empty lists that mean nothing (servers: [], tags: [], schemes: []).",
)
def empty_list(doc: Document, options: Mapping[str, Any]) -> Findings:
    """``servers``, ``tags``, ``schemes``, ``consumes`` and ``produces`` are not empty lists,
    at the top level, on a path item or on an operation. ``security: []`` is not reported: it
    is OpenAPI's way to make an operation public.

    Why: an empty list is either a leftover or a mistake; ``servers: []`` even reads as "no
    server", while tools fall back to the default ``/``.

    Example:
        bad:
            servers: []
        good:
            servers:
              - url: https://api.example.com/v1
    """
    holders: list[Item] = [doc.root_item]
    seen: set[Location] = set()
    for operation in doc.operations:
        if operation.path_item.loc not in seen:
            seen.add(operation.path_item.loc)
            holders.append(operation.path_item)
        holders.append(operation)
    for holder in holders:
        if not isinstance(holder.value, dict):
            continue
        keys = _ROOT_LISTS if holder is doc.root_item else _OPERATION_LISTS
        for key in keys:
            if holder.value.get(key) == []:
                owner = subject(holder.loc.pointer) if holder.loc.pointer else "the API"
                yield holder.loc.child(key), f"{key} of {owner} is an empty list"


def _is_type(value: Any, kind: str) -> bool:
    """Whether a JSON value is of a JSON Schema type (``1.0`` is an integer, ``True`` is not)."""
    if kind == "integer":
        is_number = isinstance(value, (int, float)) and not isinstance(value, bool)
        return is_number and float(value).is_integer()
    checks: dict[str, Any] = {
        "string": lambda v: isinstance(v, str),
        "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
        "boolean": lambda v: isinstance(v, bool),
        "array": lambda v: isinstance(v, list),
        "object": lambda v: isinstance(v, dict),
        "null": lambda v: v is None,
    }
    check = checks.get(kind)
    return check is None or bool(check(value))  # an unknown type is oas-schema's finding


@rule(
    "typed-enum",
    area="structure",
    severity="warn",
    summary="Enum values are of the schema's type.",
)
def typed_enum(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Each value of an ``enum`` is of the schema's ``type`` (any of them when ``type`` is a
    list; ``null`` also when a 3.0 schema is ``nullable``); a value of another type is
    reported at its place (Spectral's ``typed-enum``).

    Why: a value of the wrong type can never be sent or received (``"1"`` in an integer enum);
    it is usually a quoting slip that generators turn into a constant that does not compile.

    Example:
        bad:
            components:
              schemas:
                Priority:
                  enum:
                    - "3"
        good:
            components:
              schemas:
                Priority:
                  enum: [1, 2, 3.0]
    """
    for schema in doc.schemas:
        values, kind = schema.value.get("enum"), schema.value.get("type")
        if not isinstance(values, list) or kind is None:
            continue
        kinds = [k for k in (kind if isinstance(kind, list) else [kind]) if isinstance(k, str)]
        if not kinds:
            continue
        if schema.value.get("nullable") is True:
            kinds.append("null")
        for index, value in enumerate(values):
            if not any(_is_type(value, k) for k in kinds):
                where = subject(schema.loc.pointer)
                shown = "/".join(kinds)
                yield (
                    schema.loc.child("enum", index),
                    f"enum of {where} holds {_key(value)}, not of type {shown}",
                )
