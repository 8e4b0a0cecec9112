"""Structure rules about values a spec states twice, or leaves out where tools need them:
duplicated enum entries, duplicated tag names, array schemas without ``items``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from apilint.rule import Document, Findings, rule, subject


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
