"""JSONPath filter expressions (``[?(...)]``) as Spectral evaluates them, without ``eval``.

Spectral (nimma) runs a filter as JavaScript. Rulesets use a small subset, which this module
tokenizes, parses (precedence climbing) and compiles into Python closures, once per path:

- literals: strings in ``'`` or ``"``, numbers, ``true``/``false``/``null``/``undefined``,
  ``void 0``, arrays ``[..]``, regex literals ``/re/flags`` (translated and run with a time
  limit by :mod:`apilint.spectral.functions_regex`);
- ``@`` (the candidate), ``@property`` (its member name, or index: a number), ``@parent``,
  ``@parentProperty``, ``@root``, ``@path`` (JSONPath-Plus string form, ``$['a'][0]``), and
  nimma's type shorthands ``@string @number @boolean @integer @scalar @array @object @null``;
- member access ``@.a.b``, ``@['a-b']``, ``@.list[0]``, ``.length`` of strings and arrays,
  ``.constructor.name`` (``'Array'``, ``'Object'``...);
- operators ``!`` ``typeof`` ``void`` unary ``-``, ``+`` ``-``, ``<`` ``<=`` ``>`` ``>=``,
  ``==`` ``!=`` ``===`` ``!==``, ``&&`` ``||`` (returning an operand, as JavaScript does), ``in``
  (nimma reads ``a in b`` as ``b.includes(a)``) and nimma's ``a ~= 're'``;
- methods: strings ``match indexOf lastIndexOf includes startsWith endsWith toLowerCase
  toUpperCase trim``, arrays ``includes indexOf join``, regexes ``test``, objects
  ``hasOwnProperty``; and ``Array.isArray(x)``.

Values, conversions and operators follow JavaScript (:mod:`apilint.spectral.jsvalues`). Where
JavaScript would throw (a member of ``undefined``, a method the value does not have) or a regex
runs past its time limit, the filter is false for that candidate; Spectral 6.16.3 instead aborts
the whole lint run ("Cannot read properties of null").
Where Spectral rejects a filter (``typeof``, ``Array.isArray``: "'Array' is not defined") this
module accepts it: JSONPath-Plus, whose syntax rulesets are written for, supports both.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from apilint.spectral.functions_js import is_truthy
from apilint.spectral.functions_regex import (
    JsRegex,
    JsRegexError,
    RegexTimeoutError,
    compile_js_regex,
)
from apilint.spectral.jsvalues import (
    STRING_METHODS,
    UNDEFINED,
    JsThrow,
    add,
    call_method,
    compare,
    get_member,
    is_array,
    is_mapping,
    is_number,
    js_type,
    loose_equals,
    regex_from_value,
    strict_equals,
    to_number,
    to_string,
)


class FilterSyntaxError(ValueError):
    """A filter expression this module cannot parse; ``position`` is an index into the path."""

    def __init__(self, message: str, position: int) -> None:
        super().__init__(message)
        self.position = position


@dataclass(slots=True)
class Scope:
    """What a filter sees for one candidate: ``origin.path()`` is the parent's path."""

    value: Any
    property: str | int
    parent: Any
    parent_property: str | int | None
    root: Any
    origin: HasPath

    def path(self) -> tuple[str | int, ...]:
        return (*self.origin.path(), self.property)


class HasPath(Protocol):
    def path(self) -> tuple[str | int, ...]: ...


Evaluator = Callable[[Scope], Any]


# ----------------------------------------------------------------------------- tokens

_PUNCTUATORS = (
    "===", "!==", "==", "!=", "<=", ">=", "&&", "||", "~=",
    "<", ">", "!", "(", ")", "[", "]", ".", ",", "+", "-",
)  # fmt: skip
_IDENTIFIER = re.compile(r"@?[A-Za-z_$][A-Za-z0-9_$]*|@")
_NUMBER_TOKEN = re.compile(r"(0[xX][0-9a-fA-F]+|(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?)")
_STRING_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}


@dataclass(frozen=True)
class Token:
    kind: str  # "num", "str", "regex", "name", "op", "end"
    value: Any
    start: int


class _Tokenizer:
    """Reads tokens from ``text`` at ``pos``; a regex literal is read where an operand may start."""

    def __init__(self, text: str, pos: int) -> None:
        self.text = text
        self.pos = pos

    def error(self, message: str, pos: int | None = None) -> FilterSyntaxError:
        at = self.pos if pos is None else pos
        return FilterSyntaxError(f"{message} at position {at}", at)

    def next(self, operand_expected: bool) -> Token:
        text = self.text
        while self.pos < len(text) and text[self.pos].isspace():
            self.pos += 1
        start = self.pos
        if start >= len(text):
            return Token("end", None, start)
        char = text[start]
        if char in "'\"":
            return Token("str", self._string(char), start)
        if char == "/" and operand_expected:
            return Token("regex", self._regex(), start)
        if char.isdigit() or (char == "." and text[start + 1 : start + 2].isdigit()):
            match = _NUMBER_TOKEN.match(text, start)
            assert match is not None
            self.pos = match.end()
            return Token("num", to_number(match.group(0)), start)
        match = _IDENTIFIER.match(text, start)
        if match:
            self.pos = match.end()
            return Token("name", match.group(0), start)
        for punctuator in _PUNCTUATORS:
            if text.startswith(punctuator, start):
                self.pos = start + len(punctuator)
                return Token("op", punctuator, start)
        raise self.error(f"unexpected character {char!r} in filter", start)

    def _string(self, quote: str) -> str:
        text, pos, out = self.text, self.pos + 1, []
        while pos < len(text) and text[pos] != quote:
            if text[pos] == "\\" and pos + 1 < len(text):
                escaped = text[pos + 1]
                if escaped == "u" and re.fullmatch(r"[0-9a-fA-F]{4}", text[pos + 2 : pos + 6]):
                    out.append(chr(int(text[pos + 2 : pos + 6], 16)))
                    pos += 6
                    continue
                out.append(_STRING_ESCAPES.get(escaped, escaped))
                pos += 2
                continue
            out.append(text[pos])
            pos += 1
        if pos >= len(text):
            raise self.error("unterminated string in filter")
        self.pos = pos + 1
        return "".join(out)

    def _regex(self) -> JsRegex:
        text, pos, in_class = self.text, self.pos + 1, False
        while pos < len(text) and (in_class or text[pos] != "/"):
            if text[pos] == "\\":
                pos += 1
            elif text[pos] == "[":
                in_class = True
            elif text[pos] == "]":
                in_class = False
            pos += 1
        if pos >= len(text):
            raise self.error("unterminated regex literal in filter")
        flags_match = re.compile(r"[A-Za-z]*").match(text, pos + 1)
        assert flags_match is not None
        try:
            regex = compile_js_regex(text[self.pos : flags_match.end()])
        except JsRegexError as exc:
            raise self.error(str(exc)) from exc
        self.pos = flags_match.end()
        return regex


# ----------------------------------------------------------------------------- parser + compiler

_BINARY_PRECEDENCE = {
    "||": 1, "&&": 2,
    "==": 3, "!=": 3, "===": 3, "!==": 3, "~=": 3,
    "<": 4, "<=": 4, ">": 4, ">=": 4, "in": 4,
    "+": 5, "-": 5,
}  # fmt: skip

_AT_NAMES: dict[str, Evaluator] = {
    "@": lambda s: s.value,
    "@property": lambda s: s.property,
    "@parent": lambda s: s.parent,
    "@parentProperty": lambda s: UNDEFINED if s.parent_property is None else s.parent_property,
    "@root": lambda s: s.root,
    "@path": lambda s: path_string(s.path()),
    "@string": lambda s: type(s.value) is str,
    "@number": lambda s: is_number(s.value),
    "@boolean": lambda s: type(s.value) is bool,
    "@integer": lambda s: is_number(s.value) and float(s.value).is_integer(),
    "@null": lambda s: s.value is None,
    "@array": lambda s: is_array(s.value),
    "@object": lambda s: is_mapping(s.value) or is_array(s.value),
    "@scalar": lambda s: not (is_mapping(s.value) or is_array(s.value)),
}
_CONSTANTS = {
    "true": True,
    "false": False,
    "null": None,
    "undefined": UNDEFINED,
    "NaN": math.nan,
    "Infinity": math.inf,
}


def path_string(path: tuple[str | int, ...]) -> str:
    """JSONPath-Plus's string form of a path, as ``@path`` gives it: ``$['paths']['/a'][0]``."""
    return "$" + "".join(f"[{key}]" if type(key) is int else f"['{key}']" for key in path)


class _Parser:
    def __init__(self, text: str, pos: int) -> None:
        self.tokens = _Tokenizer(text, pos)
        self.token = self.tokens.next(operand_expected=True)

    def advance(self, operand_expected: bool = False) -> Token:
        token = self.token
        self.token = self.tokens.next(operand_expected)
        return token

    def expect(self, op: str, operand_expected: bool = False) -> None:
        if not (self.token.kind == "op" and self.token.value == op):
            raise self.tokens.error(f"expected {op!r} in filter", self.token.start)
        self.advance(operand_expected)

    def at_op(self, *ops: str) -> bool:
        return self.token.kind == "op" and self.token.value in ops

    def expression(self, min_precedence: int = 1) -> Evaluator:
        left = self.unary()
        while True:
            op = self.token.value if self.token.kind in ("op", "name") else None
            precedence = _BINARY_PRECEDENCE.get(op or "", 0)
            if precedence < min_precedence:
                return left
            self.advance(operand_expected=True)
            right = self.expression(precedence + 1)
            left = _binary(op or "", left, right)

    def unary(self) -> Evaluator:
        token = self.token
        if self.at_op("!", "-", "+") or (
            token.kind == "name" and token.value in ("typeof", "void")
        ):
            self.advance(operand_expected=True)
            operand = self.unary()
            return _unary(token.value, operand)
        return self.postfix(self.primary())

    def primary(self) -> Evaluator:
        token = self.advance(operand_expected=self.at_op("(", "["))
        if token.kind in ("num", "str", "regex"):
            return _Literal(token.value)
        if token.kind == "op" and token.value == "(":
            inner = self.expression()
            self.expect(")")
            return inner
        if token.kind == "op" and token.value == "[":
            return self.array_literal()
        if token.kind == "name":
            return self.identifier(token)
        raise self.tokens.error("expected a value in filter", token.start)

    def array_literal(self) -> Evaluator:
        items: list[Evaluator] = []
        while not self.at_op("]"):
            items.append(self.expression())
            if not self.at_op("]"):
                self.expect(",", operand_expected=True)
        self.advance()
        return lambda scope: [item(scope) for item in items]

    def identifier(self, token: Token) -> Evaluator:
        name = token.value
        if name in _AT_NAMES:
            return _AT_NAMES[name]
        if name in _CONSTANTS:
            constant = _CONSTANTS[name]
            return lambda _: constant
        if name == "Array" and self.at_op("."):
            self.advance()
            method = self.advance()
            if method.value == "isArray" and self.at_op("("):
                args = self.arguments()
                return lambda scope: bool(args) and is_array(args[0](scope))
        raise self.tokens.error(f"'{name}' is not defined in filter", token.start)

    def postfix(self, target: Evaluator) -> Evaluator:
        while True:
            if self.at_op("."):
                self.advance()
                name = self.advance()
                if name.kind != "name" or name.value.startswith("@"):
                    raise self.tokens.error("expected a member name in filter", name.start)
                target = self.member_or_call(target, name.value)
            elif self.at_op("["):
                self.advance(operand_expected=True)
                key = self.expression()
                self.expect("]")
                target = _computed_member(target, key)
            else:
                return target

    def member_or_call(self, target: Evaluator, name: str) -> Evaluator:
        if not self.at_op("("):
            member: Evaluator = lambda scope: get_member(target(scope), name)  # noqa: E731
            if target is _AT_NAMES["@"] and _own_member_only(name):
                _set_screen(member, (name, None, False))  # truthy only where @ has the member
            return member
        args = self.arguments()
        receiver = target
        if target is _AT_NAMES["@property"] and name in STRING_METHODS:
            # nimma calls String methods on String(@property): array indices are numbers.
            receiver = lambda scope: to_string(scope.property)  # noqa: E731
        return lambda scope: call_method(receiver(scope), name, [arg(scope) for arg in args])

    def arguments(self) -> list[Evaluator]:
        self.expect("(", operand_expected=True)
        args: list[Evaluator] = []
        while not self.at_op(")"):
            args.append(self.expression())
            if not self.at_op(")"):
                self.expect(",", operand_expected=True)
        self.advance()
        return args


def _computed_member(target: Evaluator, key: Evaluator) -> Evaluator:
    return lambda scope: get_member(target(scope), key(scope))


def _unary(op: str, operand: Evaluator) -> Evaluator:
    if op == "!":
        return lambda scope: not is_truthy(operand(scope))
    if op == "-":
        return lambda scope: -to_number(operand(scope))
    if op == "+":
        return lambda scope: to_number(operand(scope))
    if op == "typeof":
        return lambda scope: js_type(operand(scope))
    return lambda scope: (operand(scope), UNDEFINED)[1]  # void


def _regex_test(left: Any, right: Any) -> bool:
    if type(right) is not str:
        raise JsThrow("~= expects a string")
    return regex_from_value(right).test(to_string(left))


_BINARY: dict[str, Callable[[Any, Any], Any]] = {
    "===": strict_equals,
    "!==": lambda a, b: not strict_equals(a, b),
    "==": loose_equals,
    "!=": lambda a, b: not loose_equals(a, b),
    "<": lambda a, b: compare(a, b, lambda x, y: x < y),
    "<=": lambda a, b: compare(a, b, lambda x, y: x <= y),
    ">": lambda a, b: compare(a, b, lambda x, y: x > y),
    ">=": lambda a, b: compare(a, b, lambda x, y: x >= y),
    "+": add,
    "-": lambda a, b: to_number(a) - to_number(b),
    "in": lambda a, b: call_method(b, "includes", [a]) is True,
    "~=": _regex_test,
}


class _Literal:
    """A literal's evaluator; ``_binary`` compares with a string literal without conversions."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value

    def __call__(self, scope: Scope) -> Any:
        return self.value


def _string_comparison(op: str, left: Evaluator, right: Evaluator) -> Evaluator | None:
    """``x === 'text'`` (or ``!==``), the most common filter, as one Python comparison."""
    if isinstance(left, _Literal):
        left, right = right, left
    if not (isinstance(right, _Literal) and type(right.value) is str):
        return None
    text = right.value
    if op == "===":
        equal: Evaluator = lambda scope: type(value := left(scope)) is str and value == text  # noqa: E731
        if (screen := screen_of(left)) is not None:
            _set_screen(equal, (screen[0], frozenset((text,)), False))
        return equal
    return lambda scope: type(value := left(scope)) is not str or value != text


def _binary(op: str, left: Evaluator, right: Evaluator) -> Evaluator:
    if op in ("===", "!==") and (fast := _string_comparison(op, left, right)):
        return fast
    if op == "&&":
        both: Evaluator = lambda scope: right(scope) if is_truthy(value := left(scope)) else value  # noqa: E731
        return _set_screen(both, _narrower(screen_of(left), screen_of(right)))
    if op == "||":
        either: Evaluator = lambda scope: value if is_truthy(value := left(scope)) else right(scope)  # noqa: E731
        return _set_screen(either, _union(screen_of(left), screen_of(right)))
    function = _BINARY[op]
    compared: Evaluator = lambda scope: function(left(scope), right(scope))  # noqa: E731
    loose = op == "==" and isinstance(right, _Literal) and type(right.value) is str
    if loose and (screen := screen_of(left)) is not None:
        # a string member equals the text only if it is the text; another value may
        # (["string"] == "string"); undefined never does
        _set_screen(compared, (screen[0], frozenset((right.value,)), True))
    return compared


# ----------------------------------------------------------------------------- screens
#
# A screen is a condition a filter cannot be true without: ``@`` is an object with an own
# member NAME whose value, when VALUES are known, is one of them (or, LOOSE, any value that is
# not a string: JavaScript's ``==`` converts). A ``..`` walk kept for many paths is indexed by
# member once, so that a filter such as ``@.type === 'string'`` is evaluated only on the nodes
# that have a ``type`` of ``string``, not on every node.

Screen = tuple[str, "frozenset[str] | None", bool]

#: Members every JavaScript object, array or string has (``@.length``...), never screened.
_INHERITED = frozenset(
    (
        *("length", "constructor", "prototype", "toString", "valueOf", "hasOwnProperty"),
        *("isPrototypeOf", "propertyIsEnumerable", "toLocaleString"),
    )
)


def _own_member_only(name: str) -> bool:
    """Whether ``@.name`` is undefined on every value without an own member ``name``."""
    return name not in _INHERITED and not name.startswith("__") and not name.isdigit()


def screen_of(evaluator: Any) -> Screen | None:
    """The screen of a compiled expression, or None."""
    return getattr(evaluator, "screen", None)


def _set_screen(evaluator: Evaluator, screen: Screen | None) -> Evaluator:
    if screen is not None:
        evaluator.screen = screen  # type: ignore[attr-defined]
    return evaluator


def _narrower(left: Screen | None, right: Screen | None) -> Screen | None:
    """``a && b`` needs both: the screen that says more."""
    if left is None or (right is not None and _looser(left, right)):
        return right
    return left


def _looser(left: Screen, right: Screen) -> bool:
    """Whether ``left`` lets more through than ``right`` (by its kind of condition)."""
    return (left[1] is None and right[1] is not None) or (left[2] and not right[2])


def _union(left: Screen | None, right: Screen | None) -> Screen | None:
    """``a || b`` needs one of them: a screen only when both screen the same member."""
    if left is None or right is None or left[0] != right[0]:
        return None
    if left[1] is None or right[1] is None:
        return (left[0], None, False)
    return (left[0], left[1] | right[1], left[2] or right[2])


def parse_filter(text: str, pos: int) -> tuple[Callable[[Scope], bool], int]:
    """Parse the filter expression in ``text`` from ``pos`` up to an unmatched ``)`` or ``]``.

    Returns the compiled predicate and the position of that closing character. The predicate
    is false where JavaScript would throw or a regex times out.
    """
    parser = _Parser(text, pos)
    expression = parser.expression()
    if not parser.at_op(")", "]"):
        raise parser.tokens.error("unexpected token in filter", parser.token.start)

    def predicate(scope: Scope) -> bool:
        try:
            return is_truthy(expression(scope))
        except (JsThrow, RegexTimeoutError, RecursionError):
            return False

    return _set_screen(predicate, screen_of(expression)), parser.token.start
