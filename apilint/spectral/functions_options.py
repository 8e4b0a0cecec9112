"""Spectral's checks of built-in function options, with Spectral's wording.

Spectral validates ``functionOptions`` with Ajv against a schema per function
(``@stoplight/spectral-functions/dist/optionSchemas.js``) and words each problem in one of two
ways: a schema's own ``errorMessage`` (ajv-errors) replaces the errors raised inside it, and
otherwise ``RulesetFunctionValidationError.printMessage`` words the error by its keyword
(``"casing" function is missing "type" option``). The schemas below are Spectral's, with their
keywords in Ajv's evaluation order (so problems come out in Spectral's order); every message was
checked against Spectral 6.16.3.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from functools import cache
from typing import Any, Final

import regex
from jsonschema import Draft7Validator, FormatChecker
from jsonschema.exceptions import ValidationError

_CASING_TYPES: Final = ("flat", "camel", "pascal", "kebab", "cobol", "snake", "macro")
_DIALECTS: Final = ("auto", "draft4", "draft6", "draft7", "draft2019-09", "draft2020-12")
_POINTER_FRAGMENT = regex.compile(
    r"^#(?:/(?:[a-z0-9_\-.!$&'()*+,;:=@]|%[0-9a-f]{2}|~0|~1)*)*$", regex.IGNORECASE
)
_PROPERTIES_MESSAGE = (
    '"{name}" requires at least two enumerated "properties", i.e. {examples}, etc.'
)
_PATTERN_EXAMPLES = (
    '"pattern" function has invalid options specified. Example valid options: '
    '{ "match": "^Stoplight" }, { "notMatch": "Swagger" }, '
    '{ "match": "Stoplight", "notMatch": "Swagger" }'
)


def _invalid(name: str, examples: str) -> str:
    return f'"{name}" function has invalid options specified. Example valid options: {examples}'


def _properties_schema(name: str, examples: str, sample: str) -> dict[str, Any]:
    return {
        "type": "object",
        "required": ["properties"],
        "additionalProperties": False,
        "properties": {
            "properties": {
                "type": "array",
                "minItems": 2,
                "items": {"type": "string"},
                "errorMessage": _PROPERTIES_MESSAGE.format(name=name, examples=examples),
            }
        },
        "errorMessage": {"type": _invalid(name, sample)},
    }


def _regex_option(name: str) -> dict[str, Any]:
    return {
        "type": "string",
        "errorMessage": f'"pattern" function and its "{name}" option must be string or RegExp '
        "instance",
    }


#: Spectral's option schemas; ``None``: the function takes no options.
OPTION_SCHEMAS: Final[Mapping[str, dict[str, Any] | None]] = {
    "alphabetical": {
        "type": ["object", "null"],
        "additionalProperties": False,
        "properties": {"keyedBy": {"type": "string"}},
        "errorMessage": {
            "type": _invalid("alphabetical", 'null (no options), { "keyedBy": "my-key" }')
        },
    },
    "casing": {
        "type": "object",
        "required": ["type"],
        "additionalProperties": False,
        "properties": {
            "type": {
                "type": "string",
                "enum": list(_CASING_TYPES),
                "errorMessage": '"casing" function and its "type" option accept the following '
                f"values: {', '.join(_CASING_TYPES)}",
            },
            "disallowDigits": {"type": "boolean"},
            "separator": {
                "type": "object",
                "required": ["char"],
                "additionalProperties": False,
                "properties": {
                    "char": {
                        "type": "string",
                        "maxLength": 1,
                        "errorMessage": '"casing" function and its "separator.char" option accepts '
                        'only char, i.e. "I" or "/"',
                    },
                    "allowLeading": {"type": "boolean"},
                },
            },
        },
        "errorMessage": {
            "type": _invalid(
                "casing", '{ "type": "camel" }, { "type": "pascal", "disallowDigits": true }'
            )
        },
    },
    "defined": None,
    "undefined": None,
    "truthy": None,
    "falsy": None,
    "typedEnum": None,
    "enumeration": {
        "type": "object",
        "required": ["values"],
        "additionalProperties": False,
        "properties": {
            "values": {
                "type": "array",
                "items": {"type": ["string", "number", "null", "boolean"]},
                "errorMessage": '"enumeration" and its "values" option support only arrays of '
                'primitive values, i.e. ["Berlin", "London", "Paris"]',
            }
        },
        "errorMessage": {
            "type": _invalid(
                "enumeration",
                '{ "values": ["Berlin", "London", "Paris"] }, { "values": [2, 3, 5, 8, 13, 21] }',
            )
        },
    },
    "length": {
        "type": "object",
        "minProperties": 1,
        "additionalProperties": False,
        "properties": {"min": {"type": "number"}, "max": {"type": "number"}},
        "errorMessage": {
            "type": _invalid("length", '{ "min": 2 }, { "max": 5 }, { "min": 0, "max": 10 }')
        },
    },
    "pattern": {
        "type": "object",
        "minProperties": 1,
        "additionalProperties": False,
        "properties": {"match": _regex_option("match"), "notMatch": _regex_option("notMatch")},
        "errorMessage": {"type": _PATTERN_EXAMPLES, "minProperties": _PATTERN_EXAMPLES},
    },
    "xor": _properties_schema(
        "xor",
        '["country", "street"], ["one", "two", "three"]',
        '{ "properties": ["country", "street"] }, { "properties": ["one", "two", "three"] }, etc.',
    ),
    "or": _properties_schema(
        "or",
        '["default", "example"], ["title", "summary", "description"]',
        '{ "properties": ["default", "example"] }, '
        '{ "properties": ["title", "summary", "description"] }, etc.',
    ),
    "schema": {
        "type": "object",
        "required": ["schema"],
        "additionalProperties": False,
        "properties": {
            "schema": {"type": "object"},
            "dialect": {"enum": list(_DIALECTS)},
            "allErrors": {"type": "boolean"},
        },
        "errorMessage": {
            "type": _invalid(
                "schema",
                '{ "schema": { /* any JSON Schema can be defined here */ } , '
                '{ "schema": { "type": "object" }, "dialect": "auto" }',
            )
        },
    },
    "unreferencedReusableObject": {
        "type": "object",
        "required": ["reusableObjectsLocation"],
        "additionalProperties": False,
        "properties": {
            "reusableObjectsLocation": {
                "type": "string",
                "format": "json-pointer-uri-fragment",
                "errorMessage": '"unreferencedReusableObject" and its "reusableObjectsLocation" '
                'option support only valid JSON Pointer fragments, i.e. "#", "#/foo", '
                '"#/paths/~1user"',
            }
        },
        "errorMessage": {
            "type": _invalid(
                "unreferencedReusableObject",
                '{ "reusableObjectsLocation": "#/components/schemas" }, '
                '{ "reusableObjectsLocation": "#/$defs" }',
            ),
            "required": '"unreferencedReusableObject" function is missing "reusableObjectsLocation"'
            ' option. Example valid options: { "reusableObjectsLocation": "#/components/schemas" }'
            ', { "reusableObjectsLocation": "#/$defs" }',
        },
    },
}

_FORMATS = FormatChecker(formats=())


@_FORMATS.checks("json-pointer-uri-fragment")
def _is_pointer_fragment(value: object) -> bool:
    return not isinstance(value, str) or _POINTER_FRAGMENT.match(value) is not None


@cache
def _validator(name: str) -> Draft7Validator:
    schema = OPTION_SCHEMAS[name]
    assert schema is not None
    return Draft7Validator(schema, format_checker=_FORMATS)


def option_problems(name: str, options: Any) -> list[str]:
    """Each problem Spectral reports with ``options`` for function ``name``, in its order."""
    if name not in OPTION_SCHEMAS:
        raise KeyError(name)
    schema = OPTION_SCHEMAS[name]
    if schema is None:
        return [] if options is None else [f'"{name}" function does not accept any options']
    messages = (
        message
        for error in _validator(name).iter_errors(options)
        for message in _messages(name, schema, error)
    )
    return list(dict.fromkeys(messages))


def _messages(name: str, schema: Mapping[str, Any], error: ValidationError) -> list[str]:
    custom = _custom_message(schema, list(error.relative_schema_path))
    if custom is not None:
        return [custom]
    if error.validator == "additionalProperties":
        return [
            f'"{name}" function does not support "{_dotted(_path(error), extra)}" option'
            for extra in _extras(error)
        ]
    return [_keyword_message(name, error)]


def _custom_message(schema: Mapping[str, Any], schema_path: Sequence[str | int]) -> str | None:
    """The innermost ``errorMessage`` (ajv-errors) that covers an error at ``schema_path``."""
    found: str | None = None
    node: Any = schema
    for depth, step in enumerate(schema_path):
        custom = node.get("errorMessage") if isinstance(node, Mapping) else None
        if isinstance(custom, str):
            found = custom
        elif isinstance(custom, Mapping) and depth == len(schema_path) - 1:
            found = custom.get(str(step), found)
        node = node.get(step) if isinstance(node, Mapping) else None
    return found


def _keyword_message(name: str, error: ValidationError) -> str:
    """``RulesetFunctionValidationError.printMessage``: the wording by Ajv keyword."""
    path = _path(error)
    if error.validator == "type":
        types = error.validator_value
        values = ", ".join(types) if isinstance(types, list) else str(types)
        return (
            f'"{name}" function and its "{path}" option accepts only the following types: {values}'
        )
    if error.validator == "required":
        missing = error.message.split("'")[1]
        return f'"{name}" function is missing "{_dotted(path, missing)}" option'
    if error.validator == "enum":
        values = ", ".join(json.dumps(value) for value in error.validator_value)
        return (
            f'"{name}" function and its "{path}" option accepts only the following values: {values}'
        )
    if error.validator == "minProperties":
        return f"must NOT have fewer than {error.validator_value} properties"
    return error.message


def _path(error: ValidationError) -> str:
    return ".".join(str(step) for step in error.absolute_path)


def _dotted(path: str, member: str) -> str:
    return f"{path}.{member}" if path else member


def _extras(error: ValidationError) -> Iterator[str]:
    known = error.schema.get("properties", {})
    instance = error.instance if isinstance(error.instance, Mapping) else {}
    return (key for key in instance if key not in known)
