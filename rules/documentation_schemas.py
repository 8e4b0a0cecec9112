"""Documentation rules for schemas: named schemas, their properties and their enum values are
described.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from apilint.rule import Document, Findings, Item, rule, subject

from ._common import _blank


@rule(
    "schema-description",
    area="documentation",
    severity="warn",
    summary="Every component schema has a description or a title.",
    recommended=False,
)
def schema_description(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Each named schema (``components.schemas``, ``definitions``) needs a ``description`` or a
    ``title`` that is not blank (a title is a short name, and may be the schema's name). Text
    that is written but says nothing (``TODO``) is ``placeholder-text``'s finding, not this
    rule's.

    Why: named schemas become the types of every generated SDK; their documentation is the
    documentation of those types. Off in ``recommended``, where ``documentation-coverage``
    gives the share of documented schemas as one figure rather than one finding per schema.

    Example:
        bad:
            components:
              schemas:
                Order:
                  type: object
        good:
            components:
              schemas:
                Order:
                  description: A customer's order.
                  type: object
                  properties:
                    id:
                      type: string
                    lines:
                      type: array
                      items:
                        type: object
    """
    for schema in doc.schemas:
        if schema.name is None:
            continue
        if _blank(schema.value.get("description")) and _blank(schema.value.get("title")):
            yield schema.loc, f"schema '{schema.name}' has no description or title"


@rule(
    "property-description",
    area="documentation",
    severity="info",
    summary="Every schema property has a description or a title.",
    recommended=False,
)
def property_description(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Each property of each schema (at any depth, each schema once) needs a ``description`` or
    a ``title`` that is not blank, on the property or on the schema its ``$ref`` points to.
    Text that is written but says nothing (``TODO``, only the property's name) is
    ``placeholder-text``'s finding, not this rule's.

    Why: property names are short; units, formats and meaning live in the description. Off in
    ``recommended`` (real specs have thousands of undescribed properties); the documentation
    coverage figure counts them either way, and ``documentation-coverage`` can gate on it.

    Example:
        bad:
            paths:
              /orders:
                get:
                  responses:
                    "200":
                      content:
                        application/json:
                          schema:
                            properties:
                              items:
                                type: array
                                items:
                                  $ref: "#/components/schemas/Order"
        good:
            paths:
              /orders:
                get:
                  responses:
                    "200":
                      content:
                        application/json:
                          schema:
                            $ref: "#/components/schemas/Order"
    """
    for prop in doc.properties:
        if not _written(doc, prop):
            yield prop.loc, f"property '{prop.name}' has no description or title"


def _written(doc: Document, item: Item) -> bool:
    """Whether a schema has a description or title that is not blank, on itself or on the
    schema its ``$ref`` points to."""
    for candidate in (item, doc.resolve(item.loc, item.value)):
        value = candidate.value if candidate is not None else None
        if isinstance(value, dict) and not (
            _blank(value.get("description")) and _blank(value.get("title"))
        ):
            return True
    return False


@rule(
    "enum-description",
    area="documentation",
    severity="info",
    summary="Enums document what each of their values means.",
    options={
        "extensions": {
            "type": "array",
            "items": {"type": "string", "pattern": "^x-"},
            "default": ["x-enum-descriptions", "x-enumDescriptions", "x-enum-varnames"],
        }
    },
    recommended=False,
)
def enum_description(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Each ``enum`` of a schema must document its values: a description that mentions every
    value, or one of the ``extensions`` (``x-enum-descriptions`` by default) with an entry for
    every value. Off in ``recommended``.

    Why: ``status: [P, A, C]`` is meaningless without a legend, and clients end up guessing.

    Example:
        bad:
            paths:
              /orders:
                get:
                  parameters:
                    - name: status
                      schema:
                        enum: [pending, paid]
        good:
            paths: {}
    """
    extensions = options["extensions"]
    for schema in doc.schemas:
        values = schema.value.get("enum")
        if not isinstance(values, list) or not values:
            continue
        if any(_covers(schema.value.get(ext), values) for ext in extensions):
            continue
        text = schema.value.get("description")
        if isinstance(text, str) and all(
            re.search(rf"(?<![\w-]){re.escape(str(v))}(?![\w-])", text)
            for v in values
            if v is not None
        ):
            continue  # every value is named, as a whole word, in the description
        named = f"'{schema.name}'" if schema.name else subject(schema.loc.pointer)
        yield schema.loc.child("enum"), f"the enum values of {named} are not described"


def _covers(extension: Any, values: list[Any]) -> bool:
    if isinstance(extension, dict):
        return all(str(v) in extension for v in values if v is not None)
    if isinstance(extension, list):
        return len(extension) >= len([v for v in values if v is not None])
    return False
