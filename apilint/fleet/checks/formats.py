"""Formats: how an API represents points in time and identifiers.

``date-time``: each property (of every schema, each once) that holds a point in time: one in
``format: date-time``, or one named as a timestamp (its last word ``at``, ``timestamp`` or
``datetime``: ``created_at``, ``updatedAt``, ``expiryTimestamp``, ``timestamp``; a bare
``created`` or ``updated`` may as well be a count, and is not counted). It is a ``date-time
string`` (``format: date-time``, or ``dateTime`` as some write it), a ``unix timestamp`` (an
integer or number, or ``format: unix-time``), or a ``string without format``; a named
timestamp of any other type or format (``format: date``) is not counted.

``identifiers``: each path parameter and property named ``id`` or ending with the word ``id``
(``user_id``, ``accountId``, ``OrderID``; arrays and objects left out). It is a ``uuid``
(``format: uuid``), an ``integer`` (``integer``, or ``number`` with an integer format), or a
``string`` (any other string).

The API's choice for each is the representation two in three of its values use, else
``mixed (...)``; an API with fewer than :data:`MIN_VALUES` such values has no aspect.
"""

from __future__ import annotations

from collections import Counter

from apilint.fleet.checks._common import value_type
from apilint.fleet.consistency import choose, consistency_check
from apilint.rule import Document, Item, casing, squash

#: An aspect needs at least this many values: one ``ends_at`` may be a rank, not a time.
MIN_VALUES = 2
_TIMESTAMP_WORDS = frozenset({"at", "timestamp", "datetime"})
_NUMBERS = frozenset({"integer", "number"})
_INTEGER_FORMATS = frozenset({"int32", "int64", "integer"})


def _words(name: str) -> list[str]:
    return [word.lower() for word in casing.words(name)]


def names_timestamp(name: str) -> bool:
    """Whether a property's name says it holds a point in time (``created_at``, ``createdAt``,
    ``timestamp``)."""
    found = _words(name)
    return bool(found) and (
        (len(found) > 1 and found[-1] in _TIMESTAMP_WORDS)
        or found[-2:] == ["date", "time"]
        or found in (["timestamp"], ["datetime"])
    )


def names_identifier(name: str) -> bool:
    """Whether a name is an identifier's (``id``, ``user_id``, ``accountId``, ``OrderID``)."""
    found = _words(name)
    return bool(found) and found[-1] == "id"


def date_time(doc: Document, item: Item, name: str) -> str | None:
    """How one property represents a point in time; None when it does not hold one."""
    kind, shape = value_type(doc, item)
    if shape is not None and squash(shape) == "datetime" and kind in (None, "string"):
        return "date-time string"
    if not names_timestamp(name) and shape != "unix-time":
        return None
    if kind in _NUMBERS or shape == "unix-time":
        return "unix timestamp"
    if kind == "string" and shape is None:
        return "string without format"
    return None


def identifier(doc: Document, item: Item) -> str | None:
    """How one identifier is represented; None when its schema does not say."""
    kind, shape = value_type(doc, item)
    if shape == "uuid":
        return "uuid"
    if kind == "integer" or (kind == "number" and shape in _INTEGER_FORMATS):
        return "integer"
    if kind == "string":
        return "string"
    return None


@consistency_check("formats", concern="formats")
def formats(doc: Document) -> dict[str, str]:
    """Compares the representation of points in time (``date-time string``, ``unix
    timestamp``, ``string without format``) and of identifiers (``uuid``, ``integer``,
    ``string``)."""
    times: Counter[str] = Counter()
    ids: Counter[str] = Counter()
    for prop in doc.properties:
        found = date_time(doc, prop, prop.name)
        if found is not None:
            times[found] += 1
        if names_identifier(prop.name.lstrip("_")) and (found := identifier(doc, prop)):
            ids[found] += 1
    for param in doc.parameters:
        if param.location == "path" and names_identifier(param.name):
            found = identifier(doc, param)
            if found is not None:
                ids[found] += 1
    aspects = {"date-time": times, "identifiers": ids}
    return {
        aspect: choice
        for aspect, counts in aspects.items()
        if counts.total() >= MIN_VALUES and (choice := choose(counts)) is not None
    }
