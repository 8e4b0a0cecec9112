"""Documentation rule for placeholder text: a title, summary or description that is written but
is a placeholder (TODO, lorem ipsum...), or a description that only repeats the name of what it
describes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any, NamedTuple

from apilint.analysis.coverage import is_placeholder
from apilint.rule import Document, Findings, Item, Location, rule, squash, subject

from ._common import _response_label


class _Text(NamedTuple):
    where: Location  # the object holding the field (its child is made only for a finding)
    field: str
    text: str
    name: str | None  # the name the text must not only repeat
    label: str  # how messages name the object


def _texts(doc: Document) -> Iterator[_Text]:
    """The descriptive texts, each once. Titles come with no name: a title is a short name,
    and may be the name."""
    seen: set[tuple[Location, str]] = set()

    def text(item: Item, field: str, label: str, name: str | None = None) -> Iterator[_Text]:
        value = item.value.get(field) if isinstance(item.value, dict) else None
        if isinstance(value, str) and (item.loc, field) not in seen:
            seen.add((item.loc, field))
            yield _Text(item.loc, field, value, name, label)

    info = doc.info
    if info is not None:
        yield from text(info, "title", "info")
        yield from text(info, "description", "info")
    for operation in doc.operations:
        # a summary may be the operationId in words ("List pets"); a description not
        yield from text(operation, "summary", operation.label)
        yield from text(operation, "description", operation.label, operation.operation_id)
    for param in doc.parameters:
        label = f"{param.location} parameter '{param.name}'"
        yield from text(param, "description", label, param.name)
    for body in doc.request_bodies:
        yield from text(body, "description", f"the request body of {body.operation.label}")
    for response in doc.response_objects:
        label = _response_label(response)
        yield from text(response, "description", label)
        for name, header in doc.entries(doc.child(response, "headers")):
            yield from text(header, "description", f"header '{name}' of {label}", name)
    for prop in doc.properties:  # before the schemas: a property's text is checked with its name
        yield from text(prop, "description", f"property {subject(prop.loc.pointer)}", prop.name)
    for schema in doc.schemas:
        label = f"schema '{schema.name}'" if schema.name else f"the schema at {schema.loc.pointer}"
        yield from text(schema, "title", label)
        yield from text(schema, "description", label, schema.name)
    for tag in doc.tags:
        yield from text(tag, "description", f"tag '{tag.name}'", tag.name)


_FIRST_ALNUM = re.compile(r"[a-z0-9]")


_MARKER = re.compile(r"\b(?:TODO|TBD|FIXME)\b")


def _has_marker(text: str) -> bool:
    """A shouted TODO/TBD/FIXME word or lorem ipsum anywhere in the text."""
    if ("TODO" in text or "TBD" in text or "FIXME" in text) and _MARKER.search(text):
        return True
    return "lorem ipsum" in text.lower()


def _repeats(text: str, name: str) -> bool:
    """Whether the text, letters and digits only and lower-cased, is the name."""
    squashed = squash(name)
    first = _FIRST_ALNUM.search(text.lower())  # a cheap test before squashing a long text
    if first is None or not squashed:
        return first is None and not squashed
    return first.group() == squashed[0] and squash(text) == squashed


def _placeholder(text: str, field: str) -> bool:
    """Whether written text says nothing: a placeholder word, a marker, or no letter or digit
    at all ("-", "..."). A title may be "String" or "Description": it is a name."""
    if _has_marker(text) or not any(char.isalnum() for char in text):
        return True
    return is_placeholder(text) and not (
        field == "title" and squash(text) in ("string", "description")
    )


@rule(
    "placeholder-text",
    area="documentation",
    severity="warn",
    summary="No placeholder documentation: TODO, TBD, lorem ipsum, 'string', or only the name.",
)
def placeholder_text(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Reports a title, summary or description (of the info, operations, parameters, request
    bodies, responses, response headers, schemas, properties and tags) that is written but
    says nothing: a placeholder (``TODO``, ``TBD``, ``FIXME``, ``lorem ipsum``, ``string``,
    ``-``), or a description that only repeats the name of what it describes (``userId``:
    "User ID"). A title is a short name, so a title that is the name (``Order``: "Order") is
    fine.

    Text that is missing or blank is not this rule's: the matching ``*-description`` rule
    (``parameter-description``, ``operation-description``, ``schema-description``...,
    ``operation-summary`` and ``info-title`` for those fields) reports it, and those rules
    leave written placeholders to this one, so one defect gets one finding.

    Why: such text satisfies a "has a description" check while telling the reader nothing; it
    is worse than no text because it hides the gap.

    Example:
        bad:
            info:
              title: TODO
        good:
            info:
              title: Orders
    """
    for where, field, text, name, label in _texts(doc):
        if not text.strip():
            continue  # blank: the *-description rules' finding
        # inside a sentence only the shouted markers count: "Add a todo item" is real text
        if _placeholder(text, field):
            shown = text.strip()[:40]
            yield where.child(field), f"{field} of {label} is a placeholder ('{shown}')"
        elif name and _repeats(text, name):
            shown = text.strip()
            yield where.child(field), f"{field} of {label} only repeats its name ('{shown}')"
