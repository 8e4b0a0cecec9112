"""What several built-in consistency checks read: the type and format of the value a
parameter or property holds, in any OpenAPI version."""

from __future__ import annotations

from apilint.rule import Document, Item


def value_type(doc: Document, item: Item) -> tuple[str | None, str | None]:
    """(type, format) of the value ``item`` holds: a schema, a property's schema (``$ref``
    followed), or a parameter (its ``schema``, or in 2.0 the parameter itself). A 3.1 type
    list counts by its one type besides ``null``; no type, or several, is None."""
    schema: Item | None = item
    value = item.value
    if isinstance(value, dict) and "$ref" in value:
        schema = doc.resolve(item.loc, value)
    elif isinstance(value, dict) and "in" in value and "type" not in value:
        schema = next(doc.media_schemas(item), None)
    if schema is None:
        return None, None
    if isinstance(schema.value, dict) and "$ref" in schema.value:
        schema = doc.resolve(schema.loc, schema.value)
    if schema is None or not isinstance(schema.value, dict):
        return None, None
    found = schema.value.get("type")
    if isinstance(found, list):
        kinds = [kind for kind in found if kind != "null"]
        found = kinds[0] if len(kinds) == 1 else None
    shape = schema.value.get("format")
    return (
        found if isinstance(found, str) else None,
        shape if isinstance(shape, str) else None,
    )
