"""Spectral's result messages: the ``{{property}}``, ``{{error}}``, ``{{path}}``, ``{{value}}``
and ``{{description}}`` placeholders, and ``#{{print("property")}}``-style expressions, as
Spectral 6 renders them (its ``message`` and ``printValue``/``printPath`` helpers).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import quote

from apilint.spectral.functions_js import UNDEFINED, print_value

_PLACEHOLDER = re.compile(r"#?\{\{([^}\n]+)\}\}")
_CALL = re.compile(r"""^(\w+)\(\s*(?:"([^"]*)"|'([^']*)'|(\w+))?\s*\)$""")
_STRING = re.compile(r"""^(?:"([^"]*)"|'([^']*)')$""")


def js_string(value: Any) -> str:
    """``String(value)`` in JavaScript, for the plain JSON values a document holds."""
    if value is UNDEFINED:
        return "undefined"
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        if value.is_integer() and abs(value) < 1e21:
            return str(int(value))
        return repr(value)
    if isinstance(value, Mapping):
        return "[object Object]"
    if isinstance(value, Sequence) and not isinstance(value, str):
        return ",".join("" if item is None else js_string(item) for item in value)
    return str(value)


#: What JavaScript's ``Number()`` reads as a number (after trimming whitespace).
_JS_NUMBER = re.compile(
    r"^(?:[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|[+-]?Infinity|0[xX][0-9a-fA-F]+"
    r"|0[bB][01]+|0[oO][0-7]+|)$"
)


def _numeric(segment: str) -> bool:
    """``!Number.isNaN(Number(segment))`` in JavaScript."""
    return _JS_NUMBER.match(segment.strip()) is not None


def dot_path(path: Sequence[str | int]) -> str:
    """A path as Spectral prints it with dots (``paths['/a b'].get``, ``tags[0]``)."""
    out = ""
    for index, segment in enumerate(path):
        if isinstance(segment, int):
            out += f"[{segment}]"
        elif segment == "":
            out += "['']"
        elif re.search(r"\s", segment):
            out += f"['{segment}']"
        elif _numeric(segment):
            out += f"[{segment}]"
        else:
            out += f"{'' if index == 0 else '.'}{segment}"
    return out


def pointer_path(path: Sequence[str | int]) -> str:
    """A path as Spectral's ``{{path}}`` prints it: a URI fragment JSON pointer (``#/a/b``)."""
    if not path:
        return "#"
    parts = (str(s).replace("~", "~0").replace("/", "~1") for s in path)
    return "#" + "".join("/" + quote(part, safe="-_.!~*'()") for part in parts)


def render(template: str, variables: Mapping[str, Any]) -> str:
    """Fill a Spectral message template: ``{{name}}`` is the variable as text (nothing when
    unknown), ``#{{expression}}`` an expression of ``print("...")`` calls, quoted strings and
    variables joined with ``+``."""
    if "{{" not in template:
        return template

    def replace(found: re.Match[str]) -> str:
        body = found.group(1)
        if found.group(0).startswith("#"):
            return _evaluate(body.strip(), variables)
        if body not in variables:
            return ""
        value = variables[body]
        return value if isinstance(value, str) else js_string(value)

    return _PLACEHOLDER.sub(replace, template)


def _evaluate(expression: str, variables: Mapping[str, Any]) -> str:
    out = []
    for term in expression.split("+"):
        term = term.strip()
        call = _CALL.match(term)
        literal = _STRING.match(term)
        if call is not None:
            name, argument = call.group(1), call.group(2) or call.group(3) or call.group(4) or ""
            if name == "print":
                out.append(_print(argument, variables))
            elif name == "toUpperCase":
                out.append(_term(argument, variables).upper())
            else:
                return ""
        elif literal is not None:
            out.append(literal.group(1) if literal.group(1) is not None else literal.group(2))
        elif term.endswith(".toUpperCase()"):
            out.append(_term(term.removesuffix(".toUpperCase()"), variables).upper())
        else:
            out.append(_term(term, variables))
    return "".join(out)


def _term(name: str, variables: Mapping[str, Any]) -> str:
    value = variables.get(name)
    return "" if value is None else value if isinstance(value, str) else js_string(value)


def _print(kind: str, variables: Mapping[str, Any]) -> str:
    if kind == "property":
        prop = variables.get("property")
        return f'"{prop}" property ' if prop not in (None, "") else "The document "
    if kind == "value":
        return print_value(variables.get("value", UNDEFINED))
    value = variables.get(kind)
    return "" if value is None else value if isinstance(value, str) else js_string(value)
