"""JavaScript values as Spectral's JSONPath filters see them (see :mod:`.filters`).

``undefined`` is :data:`UNDEFINED`; ``null`` is ``None``; objects are any ``Mapping``, arrays any
``Sequence`` but ``str``. The conversions, equalities and comparisons follow JavaScript: truthiness
(``0``, ``''``, ``null``, ``undefined``, ``NaN`` are falsy; ``{}`` and ``[]`` are truthy), strict
equality by type (``1 === true`` is false), loose ``==`` with its conversions (``'3' == 3``,
``null == undefined``, ``true == 1``), relational operators on strings or numbers, ``+`` that
concatenates when either side is a string. Where JavaScript throws (a member of ``undefined``, a
method the value does not have) these functions raise :class:`JsThrow`.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from apilint.spectral.functions_js import UNDEFINED, is_array, is_mapping, is_number
from apilint.spectral.functions_js import to_number as js_number
from apilint.spectral.functions_regex import (
    MATCH_TIMEOUT_SECONDS,
    JsRegex,
    JsRegexError,
    compile_js_regex,
)


class JsThrow(Exception):
    """What JavaScript would throw evaluating a filter: the filter is false for the candidate."""


@dataclass(frozen=True)
class _Constructor:
    """The value of ``x.constructor``: only its ``name`` is readable."""

    name: str


def js_type(value: Any) -> str:
    """JavaScript's ``typeof`` (``null`` is ``'object'``)."""
    if value is UNDEFINED:
        return "undefined"
    if value is None:
        return "object"
    if type(value) is bool:
        return "boolean"
    if is_number(value):
        return "number"
    if type(value) is str:
        return "string"
    if isinstance(value, _Constructor):
        return "function"
    return "object"


def to_string(value: Any) -> str:
    if value is UNDEFINED:
        return "undefined"
    if value is None:
        return "null"
    if type(value) is bool:
        return "true" if value else "false"
    if type(value) is float:
        return _number_string(value)
    if type(value) in (int, str):
        return str(value)
    if is_array(value):
        return _join(value, ",")
    if isinstance(value, JsRegex):
        return value.text
    return "[object Object]"


def _number_string(value: float) -> str:
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    return str(int(value)) if value.is_integer() and abs(value) < 1e21 else repr(value)


def to_number(value: Any) -> float | int:
    if value is None:
        return 0
    if type(value) is bool:
        return int(value)
    if is_number(value):
        return value
    if type(value) is str:
        return js_number(value)
    if value is UNDEFINED or is_mapping(value):
        return math.nan
    return to_number(to_primitive(value))


def to_primitive(value: Any) -> Any:
    """Objects and arrays become their string form; primitives stay."""
    if js_type(value) == "object" and value is not None:
        return to_string(value)
    return value


def strict_equals(left: Any, right: Any) -> bool:
    if type(left) is str and type(right) is str:
        return left == right
    if is_number(left) and is_number(right):
        return left == right
    left_type, right_type = js_type(left), js_type(right)
    if left_type != right_type or (left is None) != (right is None):
        return False
    if left_type in ("object", "function"):
        return left is right or (isinstance(left, _Constructor) and left == right)
    return bool(left == right)


def loose_equals(left: Any, right: Any) -> bool:
    left_type, right_type = js_type(left), js_type(right)
    nullish = (UNDEFINED, None)
    if left in nullish or right in nullish:
        return (left in nullish) and (right in nullish)
    if left_type == right_type:
        return strict_equals(left, right)
    if left_type == "boolean" or right_type == "boolean":
        return loose_equals(
            to_number(left) if left_type == "boolean" else left,
            to_number(right) if right_type == "boolean" else right,
        )
    if {left_type, right_type} == {"number", "string"}:
        return to_number(left) == to_number(right)
    if left_type == "object":
        return loose_equals(to_primitive(left), right)
    if right_type == "object":
        return loose_equals(left, to_primitive(right))
    return False


def compare(left: Any, right: Any, test: Callable[[Any, Any], bool]) -> bool:
    left, right = to_primitive(left), to_primitive(right)
    if type(left) is str and type(right) is str:
        return test(left, right)
    left_number, right_number = to_number(left), to_number(right)
    if math.isnan(left_number) or math.isnan(right_number):
        return False
    return test(left_number, right_number)


def add(left: Any, right: Any) -> Any:
    left, right = to_primitive(left), to_primitive(right)
    if type(left) is str or type(right) is str:
        return to_string(left) + to_string(right)
    return to_number(left) + to_number(right)


def get_member(value: Any, key: Any) -> Any:
    """``value[key]`` in JavaScript; raises JsThrow for a member of ``null``/``undefined``."""
    if type(value) is dict and type(key) is str and key in value:
        return value[key]
    if value is UNDEFINED or value is None:
        raise JsThrow(f"Cannot read properties of {to_string(value)} (reading '{to_string(key)}')")
    if is_mapping(value):
        name = to_string(key) if type(key) is not str else key
        if name in value:
            return value[name]
        return _Constructor("Object") if name == "constructor" else UNDEFINED
    if type(value) is str or is_array(value):
        return _indexed_member(value, key)
    if isinstance(value, _Constructor):
        return value.name if key == "name" else UNDEFINED
    if key == "constructor":
        return _Constructor(
            {"number": "Number", "boolean": "Boolean"}.get(js_type(value), "RegExp")
        )
    return UNDEFINED


def _indexed_member(value: Any, key: Any) -> Any:
    if key == "length":
        return len(value)
    if key == "constructor":
        return _Constructor("String" if type(value) is str else "Array")
    index = key if type(key) is int else _array_index(key)
    if index is not None and 0 <= index < len(value):
        return value[index]
    return UNDEFINED


def _array_index(key: Any) -> int | None:
    if type(key) is float and key.is_integer():
        return int(key)
    if type(key) is str and key.isdigit() and (key == "0" or not key.startswith("0")):
        return int(key)
    return None


# ----------------------------------------------------------------------------- methods


def _string_match(text: str, pattern: Any) -> Any:
    """``String.prototype.match``: the match and its groups, every match with ``g``, or null."""
    regex = pattern if isinstance(pattern, JsRegex) else regex_from_value(pattern)
    try:
        if regex.text.startswith("/") and "g" in regex.text.rsplit("/", 1)[1]:
            found = regex.compiled.finditer(text, timeout=MATCH_TIMEOUT_SECONDS)
            return [match.group(0) for match in found] or None
        match = regex.compiled.search(text, timeout=MATCH_TIMEOUT_SECONDS)
    except TimeoutError as exc:
        raise JsThrow(f"{regex.text} took too long") from exc
    if match is None:
        return None
    groups = (match.group(0), *match.groups())
    return [UNDEFINED if group is None else group for group in groups]


def regex_from_value(pattern: Any) -> JsRegex:
    try:
        return compile_js_regex("(?:)" if pattern is UNDEFINED else to_string(pattern))
    except JsRegexError as exc:
        raise JsThrow(str(exc)) from exc


def _index_of(haystack: Any, needle: Any, *rest: Any) -> int:
    if type(haystack) is str:
        start = int(to_number(rest[0])) if rest else 0
        return haystack.find(to_string(needle), max(start, 0))
    return next((i for i, item in enumerate(haystack) if strict_equals(item, needle)), -1)


def _includes(haystack: Any, needle: Any, *_: Any) -> bool:
    if type(haystack) is str:
        return to_string(needle) in haystack
    return any(
        strict_equals(item, needle) or (_is_nan(item) and _is_nan(needle)) for item in haystack
    )


def _is_nan(value: Any) -> bool:
    return type(value) is float and math.isnan(value)


STRING_METHODS: dict[str, Callable[..., Any]] = {
    "match": _string_match,
    "indexOf": _index_of,
    "lastIndexOf": lambda text, needle, *_: text.rfind(to_string(needle)),
    "includes": _includes,
    "startsWith": lambda text, prefix="undefined", *_: text.startswith(to_string(prefix)),
    "endsWith": lambda text, suffix="undefined", *_: text.endswith(to_string(suffix)),
    "toLowerCase": lambda text, *_: text.lower(),
    "toUpperCase": lambda text, *_: text.upper(),
    "trim": lambda text, *_: text.strip(),
    "toString": lambda text, *_: text,
}
_ARRAY_METHODS: dict[str, Callable[..., Any]] = {
    "includes": _includes,
    "indexOf": _index_of,
    "join": lambda items, sep=",", *_: _join(items, sep),
}


def _join(items: Any, separator: Any) -> str:
    glue = "," if separator is UNDEFINED else to_string(separator)
    return glue.join("" if item is None or item is UNDEFINED else to_string(item) for item in items)


def call_method(receiver: Any, name: str, args: list[Any]) -> Any:
    """``receiver.name(...args)``; raises JsThrow where JavaScript would."""
    if type(receiver) is str and name in STRING_METHODS:
        return STRING_METHODS[name](receiver, *args)
    if isinstance(receiver, JsRegex) and name == "test":
        return receiver.test(to_string(args[0] if args else UNDEFINED))
    if is_mapping(receiver) and name == "hasOwnProperty" and name not in receiver:
        return to_string(args[0] if args else UNDEFINED) in receiver
    if is_array(receiver) and name in _ARRAY_METHODS:
        return _ARRAY_METHODS[name](receiver, *args)
    raise JsThrow(f"{to_string(receiver)[:40]}.{name} is not a function")
