"""Documentation rule for placeholder text: a title, summary or description that is blank, a
placeholder (TODO, lorem ipsum...) or only repeats the name of what it describes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from apilint.analysis.coverage import is_placeholder
from apilint.rule import Document, Findings, Location, rule, squash


def _texts(doc: Document) -> Iterator[tuple[Location, str, str, str | None]]:
    """(where the field is, field, text, the name the text describes) for the descriptive
    texts; ``where`` is the object holding the field (its child is made only for a finding)."""
    info = doc.info
    if info is not None:
        for field in ("title", "description"):
            if isinstance(info.value.get(field), str):
                yield info.loc, field, info.value[field], None
    for operation in doc.operations:
        for field in ("summary", "description"):
            if isinstance(operation.value.get(field), str):
                # a summary may be the operationId in words ("List pets"); a description not
                name = operation.operation_id if field == "description" else None
                yield operation.loc, field, operation.value[field], name
    for param in doc.parameters:
        if isinstance(param.value.get("description"), str):
            yield param.loc, "description", param.value["description"], param.name
    for response in doc.response_objects:
        if isinstance(response.value.get("description"), str):
            yield response.loc, "description", response.value["description"], None
    for schema in doc.schemas:
        for field in ("title", "description"):
            if isinstance(schema.value.get(field), str):
                yield schema.loc, field, schema.value[field], schema.name
    for prop in doc.properties:
        if isinstance(prop.value, dict) and isinstance(prop.value.get("description"), str):
            yield prop.loc, "description", prop.value["description"], prop.name
    for tag in doc.tags:
        if isinstance(tag.value.get("description"), str):
            yield tag.loc, "description", tag.value["description"], tag.name


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


@rule(
    "placeholder-text",
    area="documentation",
    severity="warn",
    summary="No placeholder documentation: TODO, TBD, lorem ipsum, 'string', blank, or the name.",
)
def placeholder_text(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Reports a title, summary or description that is blank or whitespace, a placeholder
    (``TODO``, ``TBD``, ``FIXME``, ``lorem ipsum``, ``string``), or only repeats the name of
    what it describes (``userId``: "User ID").

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
    for where, field, text, name in _texts(doc):
        # inside a sentence only the shouted markers count: "Add a todo item" is real text
        if is_placeholder(text) or _has_marker(text):
            shown = text.strip()[:40] or "blank"
            yield where.child(field), f"{field} is a placeholder ('{shown}')"
        elif name and _repeats(text, name):
            yield where.child(field), f"{field} '{text.strip()}' only repeats the name '{name}'"
