"""Ajv's error messages and better-ajv-errors' wording, for Spectral's ``schema`` function.

:func:`to_ajv` turns one jsonschema error into the error(s) Ajv 8 reports for it (its keyword,
instance path and message text); :func:`word_errors` words a list of them as
``@stoplight/better-ajv-errors`` and Spectral's ``schema`` function do. Checked against
Spectral 6.16.3 (see tests/spectral/test_functions.py).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from jsonschema.exceptions import ValidationError

from apilint.spectral.functions_js import UNDEFINED, js_type, print_value

_SEGMENTS = re.compile(r"/[\w$_-]+(?:/\d+)?")


@dataclass
class AjvError:
    """One error as Ajv reports it."""

    keyword: str
    instance_path: str  # a JSON pointer, escaped, "" for the target itself
    message: str
    allowed: list[Any] = field(default_factory=list)  # enum's allowed values
    extra: str = ""  # additionalProperties' property
    matched_any: bool = False  # oneOf: more than one branch matched


# --- Ajv's messages -------------------------------------------------------------------------------


def _number(value: Any) -> str:
    return print_value(value)


def pointer(path: Iterable[str | int]) -> str:
    return "".join("/" + str(step).replace("~", "~0").replace("/", "~1") for step in path)


_SIMPLE: Final = {
    "const": "must be equal to constant",
    "not": "must NOT be valid",
    "anyOf": "must match a schema in anyOf",
    "oneOf": "must match exactly one schema in oneOf",
    "propertyNames": "property name must be valid",
    "unevaluatedProperties": "must NOT have unevaluated properties",
}
_LIMITS: Final = {
    "minLength": ("fewer", "characters"),
    "maxLength": ("more", "characters"),
    "minItems": ("fewer", "items"),
    "maxItems": ("more", "items"),
    "minProperties": ("fewer", "properties"),
    "maxProperties": ("more", "properties"),
}
_COMPARISONS: Final = {
    "minimum": ">=",
    "maximum": "<=",
    "exclusiveMinimum": ">",
    "exclusiveMaximum": "<",
}


def to_ajv(error: ValidationError, all_errors: bool) -> list[AjvError]:
    keyword, value = str(error.validator), error.validator_value
    where = pointer(error.absolute_path)
    if keyword == "additionalProperties":
        extras = _extras(error)
        message = "must NOT have additional properties"
        return [AjvError(keyword, where, message, extra=extra) for extra in extras][
            : None if all_errors else 1
        ]
    if keyword == "required":
        missing = error.message.split("'")[1] if "'" in error.message else ""
        return [AjvError(keyword, where, f"must have required property '{missing}'")]
    if keyword == "enum":
        message = "must be equal to one of the allowed values"
        return [AjvError(keyword, where, message, list(value))]
    if keyword == "oneOf":
        several = "is valid under each" in error.message
        return [AjvError(keyword, where, _SIMPLE[keyword], matched_any=several)]
    return [AjvError(keyword, where, _message(keyword, value, error))]


def _message(keyword: str, value: Any, error: ValidationError) -> str:
    if keyword in _SIMPLE:
        return _SIMPLE[keyword]
    if keyword == "type":
        return f"must be {','.join(value) if isinstance(value, list) else value}"
    if keyword in _LIMITS:
        more, unit = _LIMITS[keyword]
        return f"must NOT have {more} than {_number(value)} {unit}"
    if keyword in _COMPARISONS:
        return _comparison(keyword, value, error)
    if keyword == "multipleOf":
        return f"must be multiple of {_number(value)}"
    if keyword == "pattern":
        return f'must match pattern "{value}"'
    if keyword == "format":
        return f'must match format "{value}"'
    if keyword == "uniqueItems":
        return _duplicates(error.instance, _scalar_items(error.schema))
    if keyword in ("contains", "minContains"):
        return "must contain at least 1 valid item(s)"
    if keyword in ("dependencies", "dependentRequired"):
        return _dependency(error)
    if keyword in ("additionalItems", "items", "unevaluatedItems"):
        return f"must NOT have more than {_allowed_items(error)} items"
    if keyword == "if":
        return error.message
    if error.validator is False or keyword == "False":
        return "boolean schema is false"
    return error.message


def _comparison(keyword: str, value: Any, error: ValidationError) -> str:
    operator = _COMPARISONS[keyword]
    if isinstance(value, bool):  # draft 4: exclusiveMinimum: true beside minimum
        limit = error.schema.get(keyword.replace("exclusiveM", "m"))
        bound = "minimum" if "inimum" in keyword else "maximum"
        return f"must be {_COMPARISONS['exclusiveM' + bound[1:]]} {_number(limit)}"
    if keyword in ("minimum", "maximum") and error.schema.get(f"exclusiveM{keyword[1:]}") is True:
        operator = operator[0]
    return f"must be {operator} {_number(value)}"


def _scalar_items(schema: Mapping[str, Any]) -> bool:
    """Whether Ajv takes its fast path: ``items`` declares only scalar types."""
    items = schema.get("items")
    declared = items.get("type") if isinstance(items, Mapping) else None
    types = [declared] if isinstance(declared, str) else declared
    return bool(types) and not any(kind in ("object", "array") for kind in types)


def _duplicates(items: Any, scalar: bool) -> str:
    """Ajv's uniqueItems message; both of its loops run from the end of the array."""
    values = [
        json.dumps(item, sort_keys=True) for item in (items if isinstance(items, list) else [])
    ]
    pair = _pair_fast(values) if scalar else _pair_slow(values)
    if pair is None:
        return "must NOT have duplicate items"
    return f"must NOT have duplicate items (items ## {pair[0]} and {pair[1]} are identical)"


def _pair_fast(values: list[str]) -> tuple[int, int] | None:
    seen: dict[str, int] = {}
    for index in reversed(range(len(values))):
        if values[index] in seen:
            return seen[values[index]], index
        seen[values[index]] = index
    return None


def _pair_slow(values: list[str]) -> tuple[int, int] | None:
    for index in reversed(range(len(values))):
        for other in reversed(range(index)):
            if values[index] == values[other]:
                return other, index
    return None


def _dependency(error: ValidationError) -> str:
    """Ajv names all of a property's dependencies, missing or not."""
    depends = error.message.split("'")[-2] if error.message.count("'") >= 4 else ""
    listed = error.validator_value.get(depends, [])
    noun = "property" if len(listed) == 1 else "properties"
    return f"must have {noun} {', '.join(listed)} when property {depends} is present"


def _allowed_items(error: ValidationError) -> int:
    prefix = error.schema.get("prefixItems", error.schema.get("items"))
    return len(prefix) if isinstance(prefix, list) else 0


def _extras(error: ValidationError) -> list[str]:
    instance = error.instance if isinstance(error.instance, Mapping) else {}
    known = error.schema.get("properties", {})
    patterns = error.schema.get("patternProperties", {})
    return [
        str(key)
        for key in instance
        if key not in known and not any(re.search(pattern, key) for pattern in patterns)
    ]


# --- better-ajv-errors --------------------------------------------------------------------------


@dataclass
class _Node:
    """better-ajv-errors' tree: errors grouped by instance path segments."""

    errors: list[AjvError] | None = field(default_factory=list)
    children: dict[str, _Node] = field(default_factory=dict)


def _tree(errors: list[AjvError]) -> _Node:
    root = _Node()
    for error in errors:
        pieces = [""] if error.instance_path == "" else _SEGMENTS.findall(error.instance_path)
        node = root
        for piece in pieces:
            node = node.children.setdefault(piece, _Node())
        if pieces and node.errors is not None:
            node.errors.append(error)
    return root


def _prune(node: _Node, parent: _Node | None, key: str) -> None:
    """better-ajv-errors ``filterRedundantErrors``."""
    errors = node.errors or []
    if any(error.keyword == "anyOf" for error in errors) and node.children:
        node.errors = None
    errors = node.errors or []
    only_enum = bool(errors) and all(error.keyword == "enum" for error in errors)
    # better-ajv-errors asks whether a sibling "has errors" with a function that returns an
    # array, empty or not, which JavaScript counts as true: any sibling drops the node.
    if parent is not None and only_enum and any(name != key for name in parent.children):
        del parent.children[key]
    for name, child in list(node.children.items()):
        _prune(child, node, name)


@dataclass(frozen=True)
class _Worded:
    error: str
    path: str
    suggestion: str | None = None


class _Wording:
    """better-ajv-errors' messages for one validation (the target's value and path)."""

    def __init__(self, data: Any, property_path: Sequence[str | int]) -> None:
        self.data = data
        self.property_path = property_path

    def words(self, node: _Node) -> list[_Worded]:
        errors = node.errors or []
        if errors and all(error.keyword == "enum" for error in errors):
            allowed = list(dict.fromkeys(_key(v) for error in errors for v in error.allowed))
            return [self._enum(errors[0], [json.loads(value) for value in allowed])]
        worded = [self._word(error) for error in errors]
        for child in node.children.values():
            worded.extend(self.words(child))
        return worded

    def _name(self, pointer: str) -> str | None:
        if "/" in pointer:
            return pointer.rsplit("/", 1)[1]
        return str(self.property_path[-1]) if self.property_path else None

    def _pretty(self, pointer: str) -> str:
        name = self._name(pointer)
        if name is not None:
            return f'"{name}" property'
        kind = "object" if js_type(self._value(pointer)) in ("object", "array", "null") else None
        kind = kind or {"string": "string", "number": "number", "boolean": "boolean"}.get(
            str(js_type(self._value(pointer))), "undefined"
        )
        return kind.capitalize()

    def _value(self, pointer: str) -> Any:
        value = self.data
        for step in pointer.split("/")[1:]:
            step = step.replace("~1", "/").replace("~0", "~")
            if isinstance(value, list) and step.isdigit() and int(step) < len(value):
                value = value[int(step)]
            elif isinstance(value, Mapping) and step in value:
                value = value[step]
            else:
                return UNDEFINED
        return value

    def _word(self, error: AjvError) -> _Worded:
        where = error.instance_path
        if error.keyword == "additionalProperties":
            return _Worded(f'Property "{error.extra}" is not expected to be here', where)
        if error.keyword == "type":
            name = self._name(where)
            prefix = "Value type" if name is None else f'"{name}" property type'
            return _Worded(f"{prefix} {error.message}", where)
        return _Worded(f"{self._pretty(where)} {_clean(error.message)}", where)

    def _enum(self, error: AjvError, allowed: list[Any]) -> _Worded:
        where = error.instance_path
        listed = ", ".join(f'"{v}"' if isinstance(v, str) else _json(v) for v in allowed)
        text = f"{self._pretty(where)} {error.message}: {listed}"
        best = _best_match(self._value(where), allowed)
        return _Worded(text, where, None if best is None else f'Did you mean "{best}"?')


def _key(value: Any) -> str:
    return json.dumps(value, sort_keys=True)


def _json(value: Any) -> str:
    return print_value(value) if not isinstance(value, dict | list) else json.dumps(value)


def _clean(message: str) -> str:
    return message.replace("'", '"').replace("NOT", "not")


def _best_match(value: Any, allowed: list[Any]) -> str | None:
    if not isinstance(value, str):
        return None
    candidates = sorted(
        ((_levenshtein(option, value), option) for option in allowed if isinstance(option, str)),
        key=lambda pair: pair[0],
    )
    if not candidates:
        return None
    weight, best = candidates[0]
    return best if len(allowed) == 1 or weight < len(best) else None


def _levenshtein(left: str, right: str) -> int:
    previous = list(range(len(right) + 1))
    for i, a in enumerate(left, start=1):
        current = [i]
        for j, b in enumerate(right, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a != b)))
        previous = current
    return previous[-1]


def _describe_item(message: str, pointer: str) -> str:
    """schema/index.js ``describeArrayItem``: ``"0" property`` becomes ``Item at index 0``."""
    index = pointer.split("/")[-1]
    if not index.isdigit():
        return message
    for prefix in (f'"{index}" property type', f'"{index}" property'):
        if message.startswith(prefix):
            return f"Item at index {index}{message[len(prefix) :]}"
    return message


def _unmatched(errors: list[AjvError]) -> dict[str, str]:
    """schema/index.js ``findUnmatchedCombinators``: where anyOf/oneOf matched no branch."""
    return {
        error.instance_path: error.keyword
        for error in errors
        if error.keyword == "anyOf" or (error.keyword == "oneOf" and not error.matched_any)
    }


def word_errors(
    errors: list[AjvError], target: Any, property_path: Sequence[str | int]
) -> list[tuple[str, str]]:
    """Each message Spectral's ``schema`` function gives, with the JSON pointer it points at.

    ``property_path`` is the target's path in the document: its last segment names the target
    when an error is about the target itself.
    """
    tree = _tree(errors)
    _prune(tree, None, "")
    unmatched = _unmatched(errors)
    worded = []
    for found in _Wording(target, property_path).words(tree):
        text = found.error if found.suggestion is None else f"{found.error}. {found.suggestion}"
        text = _describe_item(text, found.path)
        combinator = unmatched.get(found.path)
        if combinator is not None and text.endswith(f" in {combinator}"):
            text += ". None of the schemas matched, see the other errors reported for this value"
        worded.append((text, found.path))
    return worded
