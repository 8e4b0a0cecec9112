"""Spectral's built-in functions (``then.function``), with Spectral 6's semantics and wording.

Each function takes the target value (:data:`UNDEFINED` when a ``field`` names a missing
member), the rule's ``functionOptions`` (``None`` when it has none) and a :class:`Context`, and
returns its results. As in Spectral (``createRulesetFunction``), options are checked before the
function runs (:class:`FunctionOptionsError`, worded as Spectral words it), and a target of the
wrong type gives no result at all: ``casing`` passes over a number, ``length`` over a boolean.

Messages are what the function gives Spectral, placeholders included. Spectral's engine
(``spectral-core/dist/runner/lintNode.js``) then renders them with
:func:`apilint.spectral.messages.render`: ``#{{print("property")}}`` becomes
``"<property>" property `` (or ``The document `` at the root), where ``property`` is the last
segment of the result's path, or the dotted missing part (``info.contact``) when the path goes
past what the document has; ``#{{print("value")}}`` becomes the value at that path, printed by
:func:`print_value`. The rendered text is the rule's ``{{error}}``. A result's ``path`` is below
the target; the engine adds ``Context.given_path`` in front (``absolute`` results excepted).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Final
from urllib.parse import unquote

import regex

from apilint.spectral.functions_base import (
    PROPERTY,
    VALUE,
    Context,
    Function,
    FunctionError,
    FunctionOptionsError,
    FunctionResult,
    Options,
)
from apilint.spectral.functions_js import (
    UNDEFINED,
    is_array,
    is_number,
    is_object,
    is_truthy,
    js_type,
    locale_compare,
    print_value,
    to_number,
)
from apilint.spectral.functions_options import OPTION_SCHEMAS, option_problems
from apilint.spectral.functions_regex import JsRegexError, RegexTimeoutError, compile_js_regex
from apilint.spectral.functions_schema import schema

__all__ = [
    "FUNCTIONS",
    "PROPERTY",
    "UNDEFINED",
    "VALUE",
    "Context",
    "Function",
    "FunctionError",
    "FunctionOptionsError",
    "FunctionResult",
    "Options",
    "validate_options",
]


def validate_options(name: str, options: Any) -> str | None:
    """The problem with ``options`` for function ``name``, as Spectral words it (one a line)."""
    problems = option_problems(name, options)
    return "\n".join(problems) if problems else None


# --- truthy, falsy, defined, undefined -------------------------------------------------------


def _truthy(target: Any, _options: Options, _context: Context) -> list[FunctionResult]:
    return [] if is_truthy(target) else [FunctionResult(f"{PROPERTY}must be truthy")]


def _falsy(target: Any, _options: Options, _context: Context) -> list[FunctionResult]:
    return [FunctionResult(f"{PROPERTY}must be falsy")] if is_truthy(target) else []


def _defined(target: Any, _options: Options, _context: Context) -> list[FunctionResult]:
    return [FunctionResult(f"{PROPERTY}must be defined")] if target is UNDEFINED else []


def _undefined(target: Any, _options: Options, _context: Context) -> list[FunctionResult]:
    return [] if target is UNDEFINED else [FunctionResult(f"{PROPERTY}must be undefined")]


# --- enumeration, length, pattern, casing -----------------------------------------------------


def _same_value_zero(left: Any, right: Any) -> bool:
    """``Array.prototype.includes`` equality: by type, and NaN equals NaN."""
    if js_type(left) != js_type(right):
        return False
    if is_number(left) and math.isnan(left):
        return math.isnan(right)
    return bool(left == right)


def _enumeration(target: Any, options: Options, _context: Context) -> list[FunctionResult]:
    values = _opts(options)["values"]
    if any(_same_value_zero(target, value) for value in values):
        return []
    allowed = ", ".join(print_value(value) for value in values)
    return [FunctionResult(f"{VALUE} must be equal to one of the allowed values: {allowed}")]


def js_length(text: str) -> int:
    """A JavaScript string's ``length``: UTF-16 code units (an emoji counts 2)."""
    return len(text.encode("utf-16-le")) // 2


def _size(target: Any) -> float:
    if is_object(target) or is_array(target):
        return len(target)
    return js_length(target) if isinstance(target, str) else target


def _length(target: Any, options: Options, _context: Context) -> list[FunctionResult]:
    opts, size = _opts(options), _size(target)
    results = []
    if "min" in opts and size < opts["min"]:
        results.append(FunctionResult(f"{PROPERTY}must be longer than {print_value(opts['min'])}"))
    if "max" in opts and size > opts["max"]:
        results.append(FunctionResult(f"{PROPERTY}must be shorter than {print_value(opts['max'])}"))
    return results


def _test(pattern: str, value: str) -> bool:
    try:
        return compile_js_regex(pattern).test(value)
    except (JsRegexError, RegexTimeoutError) as error:
        raise FunctionError(f'Function "pattern" threw an exception: {error}') from error


def _pattern(target: Any, options: Options, _context: Context) -> list[FunctionResult]:
    opts = _opts(options)
    results = []
    if "match" in opts and not _test(opts["match"], target):
        shown = print_value(opts["match"])
        results.append(FunctionResult(f"{VALUE} must match the pattern {shown}"))
    if "notMatch" in opts and _test(opts["notMatch"], target):
        shown = print_value(opts["notMatch"])
        results.append(FunctionResult(f"{VALUE} must not match the pattern {shown}"))
    return results


_CASES: Final = {
    "flat": "[a-z][a-z{D}]*",
    "camel": "[a-z][a-z{D}]*(?:[A-Z{D}](?:[a-z{D}]+|$))*",
    "pascal": "[A-Z][a-z{D}]*(?:[A-Z{D}](?:[a-z{D}]+|$))*",
    "kebab": "[a-z][a-z{D}]*(?:-[a-z{D}]+)*",
    "cobol": "[A-Z][A-Z{D}]*(?:-[A-Z{D}]+)*",
    "snake": "[a-z][a-z{D}]*(?:_[a-z{D}]+)*",
    "macro": "[A-Z][A-Z{D}]*(?:_[A-Z{D}]+)*",
}


@lru_cache(maxsize=256)
def casing_regex(
    case: str, disallow_digits: bool, separator: str | None, allow_leading: bool
) -> regex.Pattern[str]:
    """Spectral's casing expression (casing.js ``buildFrom``), ``$`` meaning end of text."""
    word = _CASES[case].replace("{D}", "" if disallow_digits else "0-9").replace("$", r"\Z")
    if separator is None:
        return regex.compile(rf"\A{word}\Z")
    sep = f"[{regex.escape(separator)}]"
    leading = f"{sep}?" if allow_leading else ""
    return regex.compile(rf"\A{leading}{word}(?:{sep}{word})*\Z")


def _casing(target: Any, options: Options, _context: Context) -> list[FunctionResult]:
    opts = _opts(options)
    separator = opts.get("separator")
    char = separator["char"] if separator else None
    leading = bool(separator) and separator.get("allowLeading") is True
    if leading and target == char:
        return []
    expression = casing_regex(opts["type"], opts.get("disallowDigits") is True, char, leading)
    return [] if expression.match(target) else [FunctionResult(f"must be {opts['type']} case")]


# --- alphabetical, xor, or ------------------------------------------------------------------


def _compare(left: Any, right: Any) -> float:
    """alphabetical.js ``compare``, its odd number test included (NaN means "in order")."""
    left_numeric = is_number(left) or math.isnan(to_number(left))
    if left_numeric and (is_number(right) or not math.isnan(to_number(right))):
        difference = to_number(left) - to_number(right)
        return difference if math.isnan(difference) else min(1, max(-1, difference))
    if not isinstance(left, str) or not isinstance(right, str):
        return 0
    return locale_compare(left, right)


def _first_unsorted(items: list[Any]) -> int | None:
    return next((i for i in range(len(items) - 1) if _compare(items[i], items[i + 1]) >= 1), None)


def _alphabetical(target: Any, options: Options, _context: Context) -> list[FunctionResult]:
    items = list(target)
    if len(items) < 2:
        return []
    keyed_by = (options or {}).get("keyedBy")
    if keyed_by is not None:
        if not all(is_object(item) or is_array(item) for item in items):
            return [FunctionResult(f"{PROPERTY}must be an object")]
        items = [_member(item, keyed_by) for item in items]
    if not all(isinstance(item, str) or is_number(item) for item in items):
        return [FunctionResult(f"{PROPERTY}must be one of the allowed types: number, string")]
    index = _first_unsorted(items)
    if index is None:
        return []
    if keyed_by is not None:
        return [FunctionResult("properties must follow the alphabetical order")]
    where = index if is_array(target) else items[index]
    message = f"{print_value(items[index])} must be placed after {print_value(items[index + 1])}"
    return [FunctionResult(message, (where,))]


def _member(item: Any, key: str) -> Any:
    if is_object(item):
        return item.get(key, UNDEFINED)
    return item[int(key)] if key.isdigit() and int(key) < len(item) else UNDEFINED


def _at_least_one(properties: list[str]) -> FunctionResult:
    if len(properties) > 4:
        shown = '" or "'.join(properties[:3])
        others = len(properties) - 3
        return FunctionResult(
            f'At least one of "{shown}" or {others} other properties must be defined'
        )
    listed = '" or "'.join(properties)
    return FunctionResult(f'At least one of "{listed}" must be defined')


def _present(target: Mapping[str, Any], properties: list[str]) -> list[str]:
    return [key for key in target if key in properties]


def _or(target: Any, options: Options, _context: Context) -> list[FunctionResult]:
    properties = _opts(options)["properties"]
    if len(properties) < 2 or _present(target, properties):
        return []
    return [_at_least_one(properties)]


def _xor(target: Any, options: Options, _context: Context) -> list[FunctionResult]:
    properties = _opts(options)["properties"]
    if len(properties) < 2:
        return []
    present = _present(target, properties)
    if not present:
        return [_at_least_one(properties)]
    if len(present) > 1:
        listed = '" and "'.join(present)
        return [FunctionResult(f'Just one of "{listed}" must be defined')]
    return []


# --- typedEnum, unreferencedReusableObject --------------------------------------------------


def _enum_types(target: Mapping[str, Any], document_format: str | None) -> str | list[str]:
    """typedEnum.js ``getTypes``: ``nullable`` (OAS 3.0) and ``x-nullable`` (OAS 2) add null."""
    declared = list(target["type"]) if is_array(target["type"]) else target["type"]
    nullable = (target.get("nullable") is True and document_format == "oas3_0") or (
        target.get("x-nullable") is True and document_format == "oas2"
    )
    if not nullable:
        return declared
    return [*declared, "null"] if isinstance(declared, list) else [declared, "null"]


def _value_type(value: Any, check_integer: bool) -> str | None:
    if check_integer and is_number(value) and float(value).is_integer():
        return "integer"
    return js_type(value)


def _typed_enum(target: Any, _options: Options, context: Context) -> list[FunctionResult]:
    types = _enum_types(target, context.document_format)
    check_integer = types == "integer" or (isinstance(types, list) and "integer" in types)
    shown = ",".join(types) if isinstance(types, list) else types
    results = []
    for index, value in enumerate(target["enum"]):
        found = _value_type(value, check_integer)
        if found == types or (isinstance(types, list) and found in types):
            continue
        message = f'Enum value {print_value(value)} must be "{shown}".'
        results.append(FunctionResult(message, ("enum", index)))
    return results


def _decode_segment(segment: str) -> str:
    return unquote(segment).replace("~1", "/").replace("~0", "~")


@lru_cache(maxsize=8)
def _referenced(document: _Identity) -> frozenset[str]:
    """Every local ``$ref`` in the document, decoded (Spectral's dependency graph's nodes)."""
    found: set[str] = set()
    stack = [document.value]
    while stack:
        node = stack.pop()
        if is_object(node):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#"):
                found.add("/".join(_decode_segment(part) for part in ref.split("/")))
            stack.extend(node.values())
        elif is_array(node):
            stack.extend(node)
    return frozenset(found)


def _unreferenced_reusable_object(
    target: Any, options: Options, context: Context
) -> list[FunctionResult]:
    location = _opts(options)["reusableObjectsLocation"]
    referenced = _referenced(_Identity(context.document))
    base = [_decode_segment(part) for part in location.split("/")[1:]]
    return [
        FunctionResult(
            "Potential orphaned reusable object has been detected", (*base, name), absolute=True
        )
        for name in target
        if f"{location}/{name}" not in referenced
    ]


class _Identity:
    """Wraps an unhashable document so the cache keys on its identity."""

    def __init__(self, value: Any) -> None:
        self.value = value

    def __hash__(self) -> int:
        return id(self.value)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Identity) and other.value is self.value


# --- the registry -------------------------------------------------------------------------------


def _opts(options: Options) -> Mapping[str, Any]:
    return options or {}


def _is_string(value: Any) -> bool:
    return isinstance(value, str)


def _is_object(value: Any) -> bool:
    return is_object(value)


def _is_typed_enum_schema(value: Any) -> bool:
    """typedEnum's input schema: an object with an ``enum`` array and a string (array) ``type``."""
    if not is_object(value) or not is_array(value.get("enum")):
        return False
    declared = value.get("type")
    return isinstance(declared, str) or (
        is_array(declared) and all(isinstance(item, str) for item in declared)
    )


def _of_types(*types: str) -> Callable[[Any], bool]:
    return lambda value: js_type(value) in types


@dataclass(frozen=True)
class _Builtin:
    """A function as ``createRulesetFunction`` wraps it: options checked, wrong input skipped."""

    name: str
    accepts: Callable[[Any], bool] | None  # None: any target, UNDEFINED included
    run: Function

    def __call__(self, target: Any, options: Options, context: Context) -> list[FunctionResult]:
        if self.accepts is not None and (target is UNDEFINED or not self.accepts(target)):
            return []
        _check_options(self.name, options)
        return self.run(target, options, context)


_VALID_OPTIONS: dict[int, Any] = {}


def _check_options(name: str, options: Any) -> None:
    """Raise :class:`FunctionOptionsError` once per options object that is not valid."""
    if OPTION_SCHEMAS[name] is None and options is None:
        return
    if _VALID_OPTIONS.get(id(options)) is options:
        return
    problems = option_problems(name, options)
    if problems:
        raise FunctionOptionsError(name, problems)
    _VALID_OPTIONS[id(options)] = options


def _builtins() -> dict[str, Function]:
    table: list[tuple[str, Callable[[Any], bool] | None, Function]] = [
        ("alphabetical", _of_types("object", "array"), _alphabetical),
        ("casing", lambda value: isinstance(value, str) and value != "", _casing),
        ("defined", None, _defined),
        ("enumeration", _of_types("string", "number", "null", "boolean"), _enumeration),
        ("falsy", None, _falsy),
        ("length", _of_types("array", "object", "string", "number"), _length),
        ("or", _is_object, _or),
        ("pattern", _is_string, _pattern),
        ("schema", None, schema),
        ("truthy", None, _truthy),
        ("typedEnum", _is_typed_enum_schema, _typed_enum),
        ("undefined", None, _undefined),
        ("unreferencedReusableObject", _is_object, _unreferenced_reusable_object),
        ("xor", _is_object, _xor),
    ]
    return {name: _Builtin(name, accepts, run) for name, accepts, run in table}


#: Spectral's built-in functions by name (``typedEnum`` is spectral:oas's, used by its rules).
FUNCTIONS: Final[dict[str, Function]] = _builtins()
