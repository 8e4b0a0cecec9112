"""Documentation rule for placeholder text: a title, summary or description that is written but
is a placeholder (TODO, lorem ipsum...), or a description that only repeats the name of what it
describes.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from apilint.analysis.coverage import is_placeholder
from apilint.rule import Document, Findings, rule, squash

from ._common import _texts

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
