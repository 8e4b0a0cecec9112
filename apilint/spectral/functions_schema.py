"""Spectral's ``schema`` function: JSON Schema validation worded as Spectral words it.

Spectral validates with Ajv 8 and words Ajv's errors with ``@stoplight/better-ajv-errors``.
Here jsonschema validates, and its errors are turned into what Ajv would have reported:
the same keywords in Ajv's order (with ``allErrors: false`` Ajv stops at the first failing
keyword, except that ``anyOf``/``oneOf`` keep the first error of every branch), Ajv's message
texts (``must have required property 'name'``, ``must NOT have fewer than 2 characters``), then
better-ajv-errors' tree (an ``anyOf`` error is dropped when deeper errors explain it, enum errors
beside other errors are dropped) and its wording (``"name" property type must be string``,
``Property "x" is not expected to be here``, ``Did you mean "camel"?``). Checked against
Spectral 6.16.3 on the cases in tests/spectral/test_functions.py.

Not reproduced: Ajv's own quirks with ``$ref`` siblings in draft 7 (jsonschema ignores them as
the draft says), ``errorMessage`` keywords inside the ruleset's schema (ajv-errors), and formats
that jsonschema's checker does not know here (those pass, as unknown formats do in Spectral).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

import referencing.exceptions
from jsonschema import (
    Draft4Validator,
    Draft6Validator,
    Draft7Validator,
    Draft201909Validator,
    Draft202012Validator,
    FormatChecker,
)
from jsonschema.exceptions import ValidationError
from jsonschema.protocols import Validator

from apilint.spectral.functions_base import PROPERTY, Context, FunctionResult
from apilint.spectral.functions_js import UNDEFINED, is_number
from apilint.spectral.functions_regex import JsRegexError, compile_js_regex
from apilint.spectral.functions_schema_errors import AjvError, pointer, to_ajv, word_errors
from apilint.spectral.resolved import plain

_VALIDATORS: Final[Mapping[str, type[Validator]]] = {
    "draft4": Draft4Validator,
    "draft6": Draft6Validator,
    "draft7": Draft7Validator,
    "draft2019-09": Draft201909Validator,
    "draft2020-12": Draft202012Validator,
}
_DRAFT = re.compile(
    r"^https?://json-schema\.org/(?:draft-0([467])|draft/(20(?:19-09|20-12)))/(?:hyper-)?schema#?$"
)
# Ajv's keyword groups, in the order it evaluates them (rules.ts, then each vocabulary's order).
_UNTYPED = ("$ref", "const", "enum", "not", "anyOf", "oneOf", "allOf", "if", "then", "else")
_GROUPS: Final = {
    "number": ("maximum", "minimum", "exclusiveMaximum", "exclusiveMinimum", "multipleOf"),
    "string": ("maxLength", "minLength", "pattern", "format"),
    "array": (
        *("maxItems", "minItems", "uniqueItems", "additionalItems", "prefixItems", "items"),
        *("contains", "unevaluatedItems"),
    ),
    "object": (
        *("maxProperties", "minProperties", "required", "dependencies", "dependentRequired"),
        *("dependentSchemas", "propertyNames", "additionalProperties", "properties"),
        *("patternProperties", "unevaluatedProperties"),
    ),
}
_ORDER: Final = {
    keyword: (group, index)
    for group, keywords in enumerate((_UNTYPED, *_GROUPS.values()), start=1)
    for index, keyword in enumerate(keywords)
}
_GROUP_OF_TYPE = {"number": 2, "integer": 2, "string": 3, "array": 4, "object": 5}
# Keywords whose next schema-path step names a subschema (a property, an index).
_WITH_ARGUMENT = frozenset(
    (
        *("properties", "patternProperties", "allOf", "anyOf", "oneOf", "prefixItems"),
        *("dependencies", "dependentSchemas", "$defs", "definitions"),
    )
)


# --- running the validator ---------------------------------------------------------------------


def _dialect(schema: Mapping[str, Any], option: str | None) -> str:
    if option not in (None, "auto"):
        return option
    declared = schema.get("$schema")
    found = _DRAFT.match(declared) if isinstance(declared, str) else None
    return f"draft{found.group(1) or found.group(2)}" if found else "draft7"


def _formats() -> FormatChecker:
    """The formats ajv-formats knows (others pass, as unknown formats pass in Spectral)."""
    ajv_formats = ("date", "time", "date-time", "email", "ipv4", "ipv6", "uuid")
    checker = FormatChecker(
        formats=[name for name in ajv_formats if name in FormatChecker.checkers]
    )
    for name, expression in _FORMAT_PATTERNS.items():
        checker.checks(name)(_matches(expression))
    checker.checks("regex")(_is_js_regex)
    checker.checks("int32")(lambda value: not is_number(value) or _is_int(value, 2**31))
    checker.checks("int64")(lambda value: not is_number(value) or _is_int(value, 2**63))
    return checker


def _matches(expression: re.Pattern[str]) -> Callable[[object], bool]:
    return lambda value: not isinstance(value, str) or expression.fullmatch(value) is not None


def _is_int(value: float, bound: int) -> bool:
    return float(value).is_integer() and -bound <= value < bound


def _is_js_regex(value: object) -> bool:
    if not isinstance(value, str):
        return True
    try:
        compile_js_regex(value)
    except JsRegexError:
        return False
    return True


_URI_CHARS = r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]"
_FORMAT_PATTERNS: Final = {
    "uri": re.compile(rf"[A-Za-z][A-Za-z0-9+.\-]*:{_URI_CHARS}*"),
    "uri-reference": re.compile(f"{_URI_CHARS}*"),
    "url": re.compile(rf"(?:https?|ftp)://{_URI_CHARS}+"),
    "hostname": re.compile(
        r"(?=.{1,253}\.?$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[-0-9a-z]{0,61}[0-9a-z])?)*\.?",
        re.IGNORECASE,
    ),
    "byte": re.compile(r"(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?"),
    "json-pointer": re.compile(r"(?:/(?:[^~/]|~0|~1)*)*"),
    "relative-json-pointer": re.compile(r"(?:0|[1-9][0-9]*)(?:#|(?:/(?:[^~/]|~0|~1)*)*)"),
}


_FORMAT_CHECKER: Final = _formats()


#: Compiled validators by (id of the rule's schema, dialect); the schema is kept alive with it.
_COMPILED: dict[tuple[int, str], tuple[Any, Validator]] = {}


def _validator(schema: Mapping[str, Any], dialect: str) -> Validator:
    """One validator per rule schema: compiled on first use, as Spectral compiles it once."""
    key = (id(schema), dialect)
    cached = _COMPILED.get(key)
    if cached is None or cached[0] is not schema:
        cached = (schema, _VALIDATORS[dialect](schema, format_checker=_FORMAT_CHECKER))
        _COMPILED[key] = cached
    return cached[1]


@dataclass(frozen=True)
class _Step:
    """A keyword met on an error's schema path, with the subschema it names."""

    index: int  # its position in the schema path
    keyword: str
    node: Mapping[str, Any]  # the schema holding the keyword
    rank: tuple[Any, ...]  # Ajv's evaluation order at this level


def _steps(
    schema: Any,
    path: Sequence[str | int],
    instance_path: Sequence[str | int] = (),
    instance: Any = None,
) -> list[_Step]:
    """The keywords along ``path`` (a relative schema path), skipping property names/indices.

    ``instance_path`` (the error's path below ``instance``, the schema's instance) orders what
    one subschema checks in turn (``items``, ``additionalProperties``): Ajv visits array items
    by index and members in the instance's order.
    """
    steps: list[_Step] = []
    node, position, depth = schema, 0, 0
    while position < len(path) and isinstance(node, Mapping):
        keyword = str(path[position])
        rank: tuple[Any, ...] = (_keyword_rank(node, keyword),)
        sub = node.get(keyword)
        has_argument = position + 1 < len(path) and (
            keyword in _WITH_ARGUMENT
            or (keyword in ("items", "prefixItems") and isinstance(path[position + 1], int))
        )
        if has_argument and isinstance(sub, Mapping | list):
            argument = path[position + 1]
            rank += _position(sub, argument)
            sub = _subschema(sub, argument)
        elif keyword in _DESCENDING and depth < len(instance_path):
            rank += (_member_position(instance, instance_path[depth]),)
        steps.append(_Step(position, keyword, node, rank))
        if keyword in _DESCENDING and depth < len(instance_path):
            instance = _member(instance, instance_path[depth])
            depth += 1
        position += 2 if has_argument else 1
        node = sub
    return steps


def _member_position(instance: Any, step: str | int) -> int:
    if isinstance(step, int):
        return step
    keys = list(instance) if isinstance(instance, Mapping) else []
    return keys.index(step) if step in keys else len(keys)


def _member(instance: Any, step: str | int) -> Any:
    if isinstance(instance, Mapping):
        return instance.get(step)
    if isinstance(instance, list) and isinstance(step, int) and step < len(instance):
        return instance[step]
    return None


def _subschema(container: Mapping[str, Any] | list[Any], argument: Any) -> Any:
    if isinstance(container, list):
        return (
            container[argument] if isinstance(argument, int) and argument < len(container) else None
        )
    return container.get(argument)


def _rank(schema: Any, error: ValidationError, instance: Any, offset: int) -> tuple[Any, ...]:
    """Where Ajv reaches ``error`` in its evaluation order."""
    below = list(error.relative_path)[offset:]
    steps = _steps(schema, list(error.relative_schema_path), below, instance)
    return tuple(part for step in steps for part in step.rank)


def _group(rank: tuple[Any, ...]) -> int:
    """The keyword group an error's first step is in (a type checked first joins the first)."""
    return max(rank[0][0], 1) if rank else 0


def _keyword_rank(node: Mapping[str, Any], keyword: str) -> tuple[int, int]:
    if keyword != "type":
        return _ORDER.get(keyword, (6, 0))
    declared = node.get("type")
    group = _GROUP_OF_TYPE.get(declared) if isinstance(declared, str) else None
    if group is not None and any(_ORDER.get(key, (0,))[0] == group for key in node):
        return (1, len(_UNTYPED))  # Ajv checks a lone type with its own keywords, after these
    return (0, 0)


def _position(container: Mapping[str, Any] | list[Any], argument: Any) -> tuple[int]:
    """The order Ajv visits a subschema in: by index, or properties as the schema lists them."""
    if isinstance(container, list):
        return (argument if isinstance(argument, int) else 0,)
    keys = list(container)
    return (keys.index(argument) if argument in keys else len(keys),)


# Keywords whose subschema applies to a member or an item: one instance path step each.
_DESCENDING = frozenset(
    (
        *("properties", "patternProperties", "additionalProperties", "unevaluatedProperties"),
        *("items", "prefixItems", "additionalItems", "unevaluatedItems", "contains"),
    )
)


@dataclass(frozen=True)
class _Wrapper:
    """An error Ajv adds after the errors of a subschema: propertyNames', if's."""

    schema_path: tuple[str | int, ...]
    error: AjvError


class _Collector:
    """Ajv's error list, rebuilt from jsonschema's errors (see the module docstring)."""

    def __init__(self, validator: Validator, all_errors: bool) -> None:
        self.validator = validator
        self.all_errors = all_errors

    def collect(
        self,
        errors: Iterable[ValidationError],
        schema: Any,
        instance: Any,
        branch: bool = False,
        offset: int = 0,
    ) -> list[AjvError]:
        """Ajv's errors for ``schema`` on ``instance``; ``offset``: leading path steps to skip."""
        ranked = sorted(
            ((_rank(schema, error, instance, offset), error) for error in errors),
            key=lambda pair: pair[0],
        )
        ordered = [error for _, error in ranked]
        if not self.all_errors:
            ordered = ordered[:1] if not branch else _first_group(ranked)
        wrappers = [self._wrappers(error, schema, offset) for error in ordered]
        collected: list[AjvError] = []
        for index, error in enumerate(ordered):
            if error.validator in ("anyOf", "oneOf") and error.context:
                collected.extend(self._branches(error))
            if error.validator == "contains" and self.all_errors:
                collected.extend(self._contained(error))
            collected.extend(to_ajv(error, self.all_errors))
            following = wrappers[index + 1] if index + 1 < len(wrappers) else []
            collected.extend(w.error for w in wrappers[index] if w not in following)
        return collected

    def _branches(self, error: ValidationError) -> list[AjvError]:
        by_branch: dict[int, list[ValidationError]] = {}
        for sub in error.context:
            by_branch.setdefault(int(sub.relative_schema_path[0]), []).append(sub)
        collected: list[AjvError] = []
        for index in sorted(by_branch):
            for sub in by_branch[index]:
                sub.relative_schema_path.popleft()
            branch = error.validator_value[index]
            collected.extend(self.collect(by_branch[index], branch, error.instance, True))
        return collected

    def _contained(self, error: ValidationError) -> list[AjvError]:
        """With allErrors, Ajv keeps why each item failed ``contains``."""
        checker = self.validator.evolve(schema=error.validator_value)
        collected: list[AjvError] = []
        for index, item in enumerate(error.instance):
            errors = list(checker.iter_errors(item))
            prefix = [*error.absolute_path, index]
            for sub in errors:
                sub.path.extendleft(reversed(prefix))
            collected.extend(self.collect(errors, error.validator_value, item, offset=len(prefix)))
        return collected

    def _wrappers(self, error: ValidationError, schema: Any, offset: int) -> list[_Wrapper]:
        """The wrapper errors around ``error``, innermost first."""
        path = list(error.relative_schema_path)
        outer = len(error.absolute_path) - len(error.relative_path) + offset
        found: list[_Wrapper] = []
        depth = 0
        for step in _steps(schema, path):
            message = _WRAPPED.get(step.keyword)
            if message is not None and (step.keyword == "propertyNames" or self.all_errors):
                where = pointer(list(error.absolute_path)[: outer + depth])
                ajv = AjvError(
                    "if" if step.keyword != "propertyNames" else step.keyword, where, message
                )
                found.append(_Wrapper((*path[: step.index], where), ajv))
            depth += step.keyword in _DESCENDING
        return found[::-1]


def _first_group(ranked: list[tuple[tuple[Any, ...], ValidationError]]) -> list[ValidationError]:
    """Inside anyOf/oneOf Ajv (without allErrors) finishes the keyword group that failed first:
    ``{"type": "string", "enum": [...]}`` reports both. Nested errors: the first only."""
    first_rank, first = ranked[0]
    if len(first.relative_schema_path) > 1:
        return [first]
    group = _group(first_rank)
    return [
        error
        for rank, error in ranked
        if len(error.relative_schema_path) == 1 and _group(rank) == group
    ]


_WRAPPED: Final = {
    "propertyNames": "property name must be valid",
    "then": 'must match "then" schema',
    "else": 'must match "else" schema',
}


# --- the function ---------------------------------------------------------------------------------


def _result_path(target: Any, pointer: str) -> tuple[str | int, ...]:
    steps: list[str | int] = []
    value = target
    for raw in pointer.split("/")[1:]:
        step: str | int = raw.replace("~1", "/").replace("~0", "~")
        if isinstance(value, list) and str(step).isdigit():
            step = int(step)
            value = value[step] if step < len(value) else None
        else:
            value = value.get(step) if isinstance(value, Mapping) else None
        steps.append(step)
    return tuple(steps)


#: Per rule schema (by id, dialect, allErrors): the schema, the members it reads, and the
#: results for each distinct value of those members and name of the target (at most
#: ``_KNOWN_PER_SCHEMA``).
_KNOWN: dict[tuple[int, str, bool], tuple[Any, Reads | None, dict[Any, list[FunctionResult]]]] = {}
_KNOWN_PER_SCHEMA: Final = 4096


def _results(
    schema_object: Any, dialect: str, all_errors: bool, target: Any, name: str | int | None
) -> list[FunctionResult]:
    """Spectral's results for ``target`` (plain data or a view of the document), whose
    place's last key is ``name``. An object target is validated once per distinct value of
    the members the schema can read (:func:`read_members`) and name: a rule such as "a string
    schema has a maxLength" meets thousands of schemas that differ only in what it does not
    read; the name is in the messages about the target itself."""
    validator = _validator(schema_object, dialect)
    key = (id(schema_object), dialect, all_errors)
    entry = _KNOWN.get(key)
    if entry is None or entry[0] is not schema_object:
        entry = _KNOWN[key] = (schema_object, read_members(schema_object), {})
    _, reads, known = entry
    if reads is None or not isinstance(target, Mapping):
        return _validate(validator, schema_object, all_errors, plain(target), name)
    values, present = reads
    read = {
        member: plain(target[member]) if member in values else 0
        for member in target
        if member in values or member in present
    }
    fingerprint = (json.dumps(read, separators=(",", ":"), default=repr), name)
    results = known.get(fingerprint)
    if results is None:
        results = _validate(validator, schema_object, all_errors, read, name)
        if len(known) < _KNOWN_PER_SCHEMA:
            known[fingerprint] = results
    return results


def _validate(
    validator: Validator, schema_object: Any, all_errors: bool, data: Any, name: str | int | None
) -> list[FunctionResult]:
    errors = _Collector(validator, all_errors).collect(
        validator.iter_errors(data), schema_object, data
    )
    return [
        FunctionResult(message, _result_path(data, where))
        for message, where in word_errors(errors, data, () if name is None else (name,))
    ]


#: Keywords that apply to the instance itself and read no member of an object.
_READS_NO_MEMBER: Final = frozenset(
    (
        *("$schema", "$id", "id", "$anchor", "$comment", "title", "description", "default"),
        *("examples", "example", "readOnly", "writeOnly", "deprecated", "definitions", "$defs"),
        *("type", "format", "contentMediaType", "contentEncoding", "contentSchema", "nullable"),
        *("minLength", "maxLength", "pattern", "minimum", "maximum", "exclusiveMinimum"),
        *("exclusiveMaximum", "multipleOf", "items", "prefixItems", "additionalItems"),
        *("contains", "minContains", "maxContains", "minItems", "maxItems", "uniqueItems"),
        "unevaluatedItems",
    )
)
_SUBSCHEMAS: Final = ("not", "if", "then", "else")
_SUBSCHEMA_LISTS: Final = ("allOf", "anyOf", "oneOf")

#: The members of an object a schema reads: those whose values it validates, and those whose
#: presence alone it tests (``required``).
Reads = tuple[frozenset[str], frozenset[str]]


def read_members(schema_object: Any) -> Reads | None:
    """The members of an object instance that ``schema_object`` reads, or None when it can
    read any member (``additionalProperties``, ``enum``, ``$ref``, a keyword not known
    here...). Validating the object cut down to these members (with any value standing in
    for a member only tested for presence) gives the same errors."""
    if isinstance(schema_object, bool):
        return frozenset(), frozenset()
    if not isinstance(schema_object, Mapping):
        return None
    values: set[str] = set()
    present: set[str] = set()
    for keyword, value in schema_object.items():
        if keyword in _READS_NO_MEMBER or keyword.startswith("x-"):
            continue
        if keyword == "required" and isinstance(value, list):
            present.update(str(name) for name in value)
        elif keyword == "properties" and isinstance(value, Mapping):
            values.update(value)
        elif keyword in _DEPENDENCIES and isinstance(value, Mapping):
            for name, needs in value.items():
                present.add(name)
                if isinstance(needs, list):
                    present.update(str(n) for n in needs)
                elif not _add(read_members(needs), values, present):
                    return None
        elif keyword in _SUBSCHEMAS or keyword in _SUBSCHEMA_LISTS:
            parts = value if keyword in _SUBSCHEMA_LISTS else [value]
            if not isinstance(parts, list):
                return None
            if not all(_add(read_members(part), values, present) for part in parts):
                return None
        else:
            return None
    return frozenset(values), frozenset(present - values)


_DEPENDENCIES: Final = ("dependentRequired", "dependencies", "dependentSchemas")


def _add(reads: Reads | None, values: set[str], present: set[str]) -> bool:
    if reads is None:
        return False
    values.update(reads[0])
    present.update(reads[1])
    return True


def schema(
    target: Any, options: Mapping[str, Any] | None, context: Context
) -> list[FunctionResult]:
    """Validate the target against ``options.schema`` (Spectral's ``schema`` function)."""
    if target is UNDEFINED:
        return [FunctionResult(f"{PROPERTY}must exist")]
    opts = options or {}
    schema_object = opts["schema"]
    all_errors = opts.get("allErrors") is True
    dialect = _dialect(schema_object, opts.get("dialect"))
    name = context.given_path[-1] if context.given_path else None
    try:
        return _results(schema_object, dialect, all_errors, target, name)
    except referencing.exceptions.Unresolvable:
        return []  # a $ref the ruleset's schema cannot resolve: Spectral passes the target
