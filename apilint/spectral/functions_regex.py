"""JavaScript regular expressions (as Spectral's ``pattern`` function writes them) run in Python.

A ruleset's pattern is either a bare source (``^[a-z]+$``, compiled with no flags) or the
``/source/flags`` form. The source is translated token by token to the ``regex`` module's syntax,
keeping JavaScript's meaning where the two differ: ``\\d``, ``\\w`` and ``\\b`` are ASCII only,
``\\s`` is JavaScript's whitespace set, ``.`` stops at every line terminator, ``$`` matches only
at the very end (not before a final newline), ``[^]`` matches any character, ``(?<name>...)`` and
``\\k<name>`` are named groups, and an unknown escape such as ``\\e`` is the letter itself.

Why the ``regex`` module: rulesets are other people's code, and a pattern like ``^(a|aa)+$``
backtracks for ever on a long enough value. ``regex`` takes a time limit per match (measured:
``^(a|aa)+$`` on 61 characters stops after the 0.5 s limit, where ``re`` would run for hours) and
avoids many such blow-ups outright (``(x+x+)+y``: 1 ms). RE2 (google-re2) runs in linear time but
refuses lookarounds and backreferences, which real rulesets use (``^(?!.*\\/$)``). The limit costs
about 2 microseconds per match (50,000 matches: 0.10 s with it, 0.02 s without).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

#: How long one match may run before the pattern is given up as catastrophic backtracking.
MATCH_TIMEOUT_SECONDS = 0.5

# Spectral's split of "/source/flags" (pattern.js: REGEXP_PATTERN).
_SLASHED = regex.compile(r"^/(.+)/([a-z]*)$", regex.DOTALL)
_JS_FLAGS = frozenset("dgimsuvy")
_LINE_END = r"\n\r\u2028\u2029"
_SPACE = r" \t\n\v\f\r\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
_WORD = "A-Za-z0-9_"
_BOUNDARY = f"(?:(?<=[{_WORD}])(?![{_WORD}])|(?<![{_WORD}])(?=[{_WORD}]))"
_NOT_BOUNDARY = f"(?:(?<=[{_WORD}])(?=[{_WORD}])|(?<![{_WORD}])(?![{_WORD}]))"
# Escapes outside a class, and inside one (where \b is a backspace).
_CLASS_ESCAPES = {"d": "[0-9]", "D": "[^0-9]", "w": f"[{_WORD}]", "W": f"[^{_WORD}]"}
_CLASS_ESCAPES |= {"s": f"[{_SPACE}]", "S": f"[^{_SPACE}]", "b": _BOUNDARY, "B": _NOT_BOUNDARY}
_IN_CLASS_ESCAPES = {"d": "0-9", "w": _WORD, "s": _SPACE, "b": r"\x08"}
_CONTROL = frozenset("nrtvf")
_QUANTIFIER = regex.compile(r"\{[0-9]+(?:,[0-9]*)?\}")


class JsRegexError(ValueError):
    """The pattern is not a valid JavaScript regular expression (Spectral's function throws)."""


class RegexTimeoutError(TimeoutError):
    """A match ran past :data:`MATCH_TIMEOUT_SECONDS` (catastrophic backtracking)."""


@dataclass(frozen=True)
class JsRegex:
    """A compiled JavaScript regular expression; :meth:`test` is ``RegExp.prototype.test``."""

    text: str
    compiled: regex.Pattern[str]
    sticky: bool
    code_units: bool  # no u flag: the expression sees UTF-16 code units, as JavaScript's does

    def test(self, value: str) -> bool:
        """Whether the expression matches ``value`` (anywhere; at the start when sticky)."""
        find = self.compiled.match if self.sticky else self.compiled.search
        subject = utf16_units(value) if self.code_units else value
        try:
            return find(subject, timeout=MATCH_TIMEOUT_SECONDS) is not None
        except TimeoutError as error:
            message = f"pattern {self.text} took over {MATCH_TIMEOUT_SECONDS} s on {value[:80]!r}"
            raise RegexTimeoutError(message) from error


@lru_cache(maxsize=1024)
def compile_js_regex(text: str) -> JsRegex:
    """Compile a pattern as Spectral's ``pattern`` does: ``/source/flags`` or a bare source."""
    split = _SLASHED.match(text)
    source, flags = (split.group(1), split.group(2)) if split else (text, "")
    if not set(flags) <= _JS_FLAGS or len(set(flags)) != len(flags):
        raise JsRegexError(f"Invalid flags supplied to RegExp constructor '{flags}'")
    options = regex.IGNORECASE if "i" in flags else 0
    code_units = "u" not in flags and "v" not in flags
    try:
        translated = _Translator(utf16_units(source) if code_units else source, flags).translate()
        compiled = regex.compile(translated, options)
    except (regex.error, _SyntaxError) as error:
        raise JsRegexError(f"Invalid regular expression: /{source}/{flags}: {error}") from None
    return JsRegex(text, compiled, sticky="y" in flags, code_units=code_units)


def utf16_units(text: str) -> str:
    """``text`` with each character beyond U+FFFF split into its two UTF-16 surrogates."""
    if all(ord(char) <= 0xFFFF for char in text):
        return text
    return "".join(_surrogates(char) for char in text)


def _surrogates(char: str) -> str:
    point = ord(char) - 0x10000
    if point < 0:
        return char
    return chr(0xD800 + (point >> 10)) + chr(0xDC00 + (point & 0x3FF))


class _SyntaxError(Exception):
    pass


class _Translator:
    """One pass over a JavaScript source, writing the ``regex`` module's equivalent."""

    def __init__(self, source: str, flags: str) -> None:
        self.source = source
        self.unicode = "u" in flags or "v" in flags
        self.dotall = "s" in flags
        self.multiline = "m" in flags
        self.named = "(?<" in source.replace("(?<=", "").replace("(?<!", "")
        self.out: list[str] = []
        self.pos = 0
        self.in_class = False

    def translate(self) -> str:
        while self.pos < len(self.source):
            char = self.source[self.pos]
            self.pos += 1
            if char == "\\":
                self.out.append(self._escape())
            elif self.in_class:
                self._class_char(char)
            else:
                self.out.append(self._outside(char))
        if self.in_class:
            raise _SyntaxError("Unterminated character class")
        return "".join(self.out)

    def _class_char(self, char: str) -> None:
        if char == "]":
            self.in_class = False
        self.out.append("\\[" if char == "[" else char)

    def _outside(self, char: str) -> str:
        rest = self.source[self.pos - 1 :]
        if char == "[":
            return self._open_class(rest)
        if char == ".":
            return r"[\s\S]" if self.dotall else f"[^{_LINE_END}]"
        if char == "$":
            return f"(?=[{_LINE_END}]|\\Z)" if self.multiline else r"\Z"
        if char == "^":
            return f"(?:(?<=[{_LINE_END}])|\\A)" if self.multiline else r"\A"
        if char == "{" and not _QUANTIFIER.match(rest):
            return r"\{"
        if rest.startswith("(?<") and not rest.startswith(("(?<=", "(?<!")):
            self.pos += 2
            return "(?P<"
        return char

    def _open_class(self, rest: str) -> str:
        for js, python in (("[^]", r"[\s\S]"), ("[]", "(?!)")):
            if rest.startswith(js):
                self.pos += len(js) - 1
                return python
        self.in_class = True
        if rest.startswith("[^"):
            self.pos += 1
            return "[^"
        return "["

    def _escape(self) -> str:
        if self.pos >= len(self.source):
            raise _SyntaxError("\\ at end of pattern")
        char = self.source[self.pos]
        self.pos += 1
        table = _IN_CLASS_ESCAPES if self.in_class else _CLASS_ESCAPES
        if char in table:
            return table[char]
        if char in _CONTROL or char in "DWS" or (char.isdigit() and char != "0"):
            return "\\" + char
        if char == "0":
            return r"\x00"
        return self._letter_escape(char) if char.isalpha() else regex.escape(char)

    def _letter_escape(self, char: str) -> str:
        rest = self.source[self.pos :]
        if char == "k" and self.named and (name := regex.match(r"<(\w+)>", rest)):
            self.pos += name.end()
            return f"(?P={name.group(1)})"
        if char == "u":
            return self._unicode_escape(rest)
        if char == "x" and regex.match(r"[0-9a-fA-F]{2}", rest):
            return "\\x"
        if char == "c" and rest[:1].isascii() and rest[:1].isalpha():
            self.pos += 1
            return regex.escape(chr(ord(rest[0]) % 32))
        if char in "pP" and self.unicode and (name := regex.match(r"\{[\w=]+\}", rest)):
            self.pos += name.end()
            return f"\\{char}{name.group(0)}"
        if self.unicode:
            raise _SyntaxError(f"Invalid escape \\{char}")
        return regex.escape(char)

    def _unicode_escape(self, rest: str) -> str:
        if regex.match(r"[0-9a-fA-F]{4}", rest):
            return "\\u"
        braced = regex.match(r"\{([0-9a-fA-F]{1,6})\}", rest)
        if self.unicode and braced:
            self.pos += braced.end()
            return f"\\U{int(braced.group(1), 16):08x}"
        if self.unicode:
            raise _SyntaxError("Invalid Unicode escape")
        return "u"
