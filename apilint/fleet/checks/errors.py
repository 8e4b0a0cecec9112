"""Error responses: the shape of the bodies an API sends when a request fails.

The error responses of every operation count: 4xx (``4XX`` too) but ``429``, whose body a
rate limiter in front of the service often writes in its own shape, 5xx, and ``default``
beside a 2xx or 3xx response. A response shared by many operations counts once per
operation (what clients meet most). Its body's shape is named:

- ``problem+json`` when it is sent as ``application/problem+json`` (RFC 9457);
- else the signature of its JSON body's top-level property names, sorted (``{code,
  message}``; past six, ``...``); a body that wraps one object or array is named with its
  content (``{error: {code, message}}``, ``{errors: [{code, detail}]}``); ``allOf`` parts
  are merged.

A response with no body (a 401 or 404 often has none), or whose body is not JSON
(``text/plain``, ``application/xml``) or has no properties (a bare ``type: object``, a
``oneOf``), tells nothing and is not counted. The API's choice is the shape of two in three
of the responses that tell, else ``mixed (...)``; ``no schema`` when none tells but some have
no body at all.
"""

from __future__ import annotations

import re
from collections import Counter

from apilint.fleet.consistency import choose, consistency_check
from apilint.rule import Document, Item, Location, Response

_ERROR_STATUS = re.compile(r"^[45](?:\d\d|XX)$", re.IGNORECASE)
_JSON = re.compile(r"^application/(?:[\w.+-]*\+)?json\b|^\*/\*$", re.IGNORECASE)
_PROBLEM = re.compile(r"^application/problem\+(?:json|xml)\b", re.IGNORECASE)
#: Top-level property names shown in a signature before it says ``...``.
SHOWN_PROPERTIES = 6
NO_SCHEMA = "no schema"
_MAX_ALL_OF_DEPTH = 8
#: apilint's suppression marker, which may sit among properties without being one.
IGNORE_MARKER = "x-apilint-ignore"


def _properties(doc: Document, schema: Item, depth: int = 0) -> dict[str, Item] | None:
    """The properties of an object schema by name, ``allOf`` parts merged (None: none)."""
    if not isinstance(schema.value, dict) or depth > _MAX_ALL_OF_DEPTH:
        return None
    found = dict(doc.entries(doc.child(schema, "properties")))
    for part in doc.elements(doc.child(schema, "allOf")):
        found.update(_properties(doc, part, depth + 1) or {})
    found.pop(IGNORE_MARKER, None)
    return found or None


def _signature(doc: Document, schema: Item) -> str | None:
    properties = _properties(doc, schema)
    if properties is None:
        return None
    if len(properties) == 1:
        ((name, child),) = properties.items()
        inner = _inner(doc, child)
        if inner is not None:
            return f"{{{name}: {inner}}}"
    return _names(properties)


def _inner(doc: Document, child: Item) -> str | None:
    """A wrapped object's own signature (``{code, message}``), or an array's of its items."""
    value = child.value
    if isinstance(value, dict) and value.get("type") == "array":
        items = doc.child(child, "items")
        found = _properties(doc, items) if items is not None else None
        return f"[{_names(found)}]" if found else None
    found = _properties(doc, child)
    return _names(found) if found else None


def _names(properties: dict[str, Item]) -> str:
    names = sorted(properties)
    shown = names[:SHOWN_PROPERTIES]
    more = ", ..." if len(names) > SHOWN_PROPERTIES else ""
    return f"{{{', '.join(shown)}{more}}}"


def _shape(doc: Document, response: Response) -> str | None:
    """The shape of one error response's body: :data:`NO_SCHEMA` when it has none, None when
    it tells nothing."""
    if doc.is_swagger:
        schema = doc.child(response, "schema")
        return NO_SCHEMA if schema is None else _signature(doc, schema)
    content = list(doc.entries(doc.child(response, "content")))
    if not content:
        return NO_SCHEMA
    if any(_PROBLEM.match(name) for name, _ in content):
        return "problem+json"
    for name, media in content:
        if _JSON.match(name):
            schema = doc.child(media, "schema")
            return NO_SCHEMA if schema is None else _signature(doc, schema)
    return None


def _is_error(response: Response) -> bool:
    if _ERROR_STATUS.match(response.status):
        return response.status != "429"
    if response.status != "default" or response.operation is None:
        return False
    statuses = response.operation.value.get("responses")
    return isinstance(statuses, dict) and any(str(key)[:1] in "23" for key in statuses)


@consistency_check("error-responses", concern="error responses")
def error_responses(doc: Document) -> dict[str, str]:
    """Compares the shape of error response bodies: ``problem+json`` against a signature of
    the top-level property names (``{code, message}``, ``{error: {code, message}}``), or
    ``no schema`` when no error response has a body. An API with no error response has no
    aspect."""
    shapes: Counter[str] = Counter()
    known: dict[Location, str | None] = {}  # a shared response is read once
    for response in doc.responses:
        operation = response.operation
        if operation is not None and not operation.webhook and _is_error(response):
            if response.loc not in known:
                known[response.loc] = _shape(doc, response)
            shape = known[response.loc]
            if shape is not None:
                shapes[shape] += 1
    bodies = Counter({shape: n for shape, n in shapes.items() if shape != NO_SCHEMA})
    choice = choose(bodies) or choose(shapes)
    return {"body shape": choice} if choice is not None else {}
