"""JavaScript value semantics that Spectral's built-in functions rely on, done in Python.

Spectral runs on Node, so its functions see JavaScript values: ``undefined`` (a missing member)
differs from ``null``, an empty object or array is truthy, ``Number("10")`` parses strings, and
``String.prototype.localeCompare`` sorts with ICU's root collation. This module gives the few
pieces of that the functions need, each checked against Node 22 and Spectral 6.16.3.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any, Final


class _Undefined:
    """JavaScript's ``undefined``: the value of a member a document does not have."""

    _instance: _Undefined | None = None

    def __new__(cls) -> _Undefined:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "UNDEFINED"

    def __bool__(self) -> bool:
        return False


#: The target of a rule whose ``field`` names a member the node does not have.
UNDEFINED: Final = _Undefined()


#: A value's kind, decided once per type (``isinstance`` on the ABCs is slow): a JavaScript
#: object is any mapping (a plain dict, or a view of the document), an array any sequence but
#: a string.
_SCALAR, _MAPPING, _ARRAY = 0, 1, 2
_KINDS: dict[type, int] = {dict: _MAPPING, list: _ARRAY, str: _SCALAR, int: _SCALAR}


def _kind(value: Any) -> int:
    """Scalar, mapping or array; decided once per type (the ABC checks are slow)."""
    kind = _KINDS.get(type(value))
    if kind is None:
        if isinstance(value, Mapping):
            kind = _MAPPING
        elif isinstance(value, Sequence) and not isinstance(value, (str, bytes, bytearray)):
            kind = _ARRAY
        else:
            kind = _SCALAR
        _KINDS[type(value)] = kind
    return kind


def is_mapping(value: Any) -> bool:
    return _kind(value) == _MAPPING


is_object = is_mapping


def is_array(value: Any) -> bool:
    return _kind(value) == _ARRAY


def kind_of(value: Any) -> int:
    """0 for a scalar (so falsy), 1 for a mapping, 2 for an array."""
    kind = _KINDS.get(type(value))
    return _kind(value) if kind is None else kind


def is_number(value: Any) -> bool:
    """JSON Schema's (and ``typeof``'s) number: an int or float, never a bool (data read from
    JSON or YAML holds no other number types)."""
    return type(value) in (int, float)


def js_type(value: Any) -> str | None:
    """The JSON Schema type name of ``value`` ("integer" is reported as "number")."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if is_number(value):
        return "number"
    if isinstance(value, str):
        return "string"
    if is_array(value):
        return "array"
    if is_object(value):
        return "object"
    return None


def is_truthy(value: Any) -> bool:
    """JavaScript truthiness: objects and arrays are truthy even when empty; NaN is falsy."""
    if value is UNDEFINED or value is None or value is False:
        return False
    if is_number(value):
        return value != 0 and not math.isnan(value)
    if isinstance(value, str):
        return value != ""
    return True


def print_value(value: Any) -> str:
    """Spectral's ``printValue``: JSON for primitives, ``Array[]`` and ``Object{}`` otherwise."""
    if value is UNDEFINED:
        return "undefined"
    if is_array(value):
        return "Array[]"
    if is_object(value):
        return "Object{}"
    if isinstance(value, float):
        return _number_text(value)
    return json.dumps(value, ensure_ascii=False)


def _number_text(value: float) -> str:
    """``JSON.stringify`` of a float: integral values lose their ``.0``; NaN/Infinity are null."""
    if math.isnan(value) or math.isinf(value):
        return "null"
    if value.is_integer() and abs(value) < 1e21:
        return str(int(value))
    return repr(value)


# JavaScript's StrWhiteSpaceChar: what Number() trims.
_JS_SPACE = " \t\n\v\f\r\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
_JS_SPACE += "\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
_DECIMAL = re.compile(r"[+-]?(?:Infinity|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)")
_RADIX = re.compile(r"0([xX][0-9a-fA-F]+|[oO][0-7]+|[bB][01]+)")


def to_number(value: Any) -> float:
    """JavaScript's ``Number(value)`` for strings and numbers (NaN when it is not a number)."""
    if is_number(value):
        return float(value)
    if not isinstance(value, str):
        return math.nan
    text = value.strip(_JS_SPACE)
    if text == "":
        return 0.0
    if _DECIMAL.fullmatch(text):
        return float(text.replace("Infinity", "inf"))
    if _RADIX.fullmatch(text):
        return float(int(text, 0))
    return math.nan


# ICU root collation, primary level: spaces and punctuation, then digits, then letters.
# The order of these characters was read from Node's ``localeCompare`` (en-US, ICU 74).
_PUNCTUATION = " _-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$"


def _primary(char: str) -> tuple[int, int]:
    if char in _PUNCTUATION:
        return (0, _PUNCTUATION.index(char))
    if char.isdigit():
        return (1, unicodedata.digit(char, 0))
    if char.isalpha():
        return (2, ord(char.lower()))
    return (0, len(_PUNCTUATION) + ord(char))


def collation_key(text: str) -> tuple[tuple[Any, ...], ...]:
    """A sort key close to ``localeCompare``: base letters, then accents, then lower before upper.

    An approximation of ICU's root collation (no contractions, no expansions): exact for ASCII
    names, which is what rulesets sort (keys, tags, paths, enum values).
    """
    bases: list[str] = []
    accents: list[int] = []
    for char in text:
        decomposed = unicodedata.normalize("NFD", char)
        bases.append(decomposed[0])
        accents.append(len(decomposed) - 1)
    return (
        tuple(_primary(base) for base in bases),
        tuple(accents),
        tuple(int(base.isupper()) for base in bases),
    )


def locale_compare(left: str, right: str) -> int:
    """``left.localeCompare(right)``: -1, 0 or 1."""
    a, b = collation_key(left), collation_key(right)
    return (a > b) - (a < b)
