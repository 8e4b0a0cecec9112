"""Casing styles for names: check a name against a style, convert it to one, find the style
most names at one place use, and apply a naming rule's policy (style, pattern, digits, allow)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

W = TypeVar("W")

STYLES: dict[str, re.Pattern[str]] = {
    "flat": re.compile(r"^[a-z][a-z0-9]*$"),
    "camel": re.compile(r"^[a-z][a-zA-Z0-9]*$"),
    # PascalCase and Header-Case need a lower-case letter: ACTIVE is MACRO_CASE, not PascalCase
    "pascal": re.compile(r"^(?:[A-Z](?=[A-Za-z0-9]*[a-z])[a-zA-Z0-9]*|[A-Z][0-9]*)$"),
    "kebab": re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$"),
    "snake": re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$"),
    "macro": re.compile(r"^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$"),
    "cobol": re.compile(r"^[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*$"),
    "header": re.compile(
        r"^(?=[A-Z0-9-]*[a-z])[A-Z][a-zA-Z0-9]*(?:-[A-Z0-9][a-zA-Z0-9]*)*$|^[A-Z][0-9]*$"
    ),
}

LABELS = {
    "flat": "flatcase",
    "camel": "camelCase",
    "pascal": "PascalCase",
    "kebab": "kebab-case",
    "snake": "snake_case",
    "macro": "MACRO_CASE",
    "cobol": "COBOL-CASE",
    "header": "Header-Case",
}

# Acronyms stay one word (HTTPServer -> HTTP, Server); digits stay with the word before them.
_WORD = re.compile(r"[A-Z]+(?=[A-Z][a-z])[0-9]*|[A-Z]?[a-z]+[0-9]*|[A-Z]+[0-9]*|[0-9]+")


def words(name: str) -> list[str]:
    return _WORD.findall(name)


_NOT_ALNUM = re.compile(r"[^a-z0-9]")


def squash(name: str) -> str:
    """A name as compared without case or separators: ``api_key``, ``apiKey`` and ``API-Key``
    all give ``apikey``."""
    return _NOT_ALNUM.sub("", name.lower())


def matches(name: str, style: str) -> bool:
    return STYLES[style].match(name) is not None


def convert(name: str, style: str) -> str:
    """``name`` written in ``style``: ``convert("user_id", "camel") == "userId"``."""
    parts = [w.lower() for w in words(name)]
    if not parts:
        return name
    if style == "flat":
        return "".join(parts)
    if style == "camel":
        return parts[0] + "".join(p.capitalize() for p in parts[1:])
    if style == "pascal":
        return "".join(p.capitalize() for p in parts)
    if style == "kebab":
        return "-".join(parts)
    if style == "snake":
        return "_".join(parts)
    if style == "macro":
        return "_".join(parts).upper()
    if style == "cobol":
        return "-".join(parts).upper()
    if style == "header":
        return "-".join(p.capitalize() for p in parts)
    raise ValueError(f"unknown casing style '{style}'")


#: The order in which an ambiguous name (``id`` is flat, camel, kebab and snake at once) or a
#: tie between styles is settled.
PRIORITY = ("camel", "snake", "kebab", "pascal", "macro", "cobol", "header", "flat")


def styles_of(name: str) -> list[str]:
    """Every style ``name`` is written in, in priority order."""
    return [style for style in PRIORITY if STYLES[style].match(name)]


def describe(name: str) -> str:
    """The label of the first style a name is written in, or ``mixed case``."""
    found = styles_of(name)
    return LABELS[found[0]] if found else "mixed case"


def dominant(names: list[str]) -> tuple[str | None, int]:
    """The style most of ``names`` are written in, and how many are; ties go by priority."""
    counts = dict.fromkeys(PRIORITY, 0)
    for name in names:
        for style in styles_of(name):
            counts[style] += 1
    best = max(PRIORITY, key=lambda style: counts[style])  # max keeps the first of equals
    return (best, counts[best]) if counts[best] else (None, 0)


@dataclass(frozen=True)
class Policy:
    """How the names at one location must be written (a naming rule's options)."""

    style: str  # a style name, or "consistent": whatever most names here use
    pattern: str = ""  # a regular expression that replaces the style when set
    allow_digits: bool = True
    allow: frozenset[str] = frozenset()

    @classmethod
    def from_options(cls, options: Mapping[str, Any]) -> Policy:
        return cls(
            options["style"],
            options.get("pattern", ""),
            options.get("allow-digits", True),
            frozenset(options.get("allow", ())),
        )

    def check(self, kind: str, names: Iterable[tuple[W, str]]) -> Iterator[tuple[W, str]]:
        """``(where, message)`` for each name that breaks the policy.

        ``kind`` names the location in messages (``property``, ``path segment``...).
        """
        # a name without letters (an enum value "10") has no casing to check
        named = [
            (where, name)
            for where, name in names
            if name not in self.allow and any(char.isalpha() for char in name)
        ]
        if not self.allow_digits:
            for where, name in named:
                if any(char.isdigit() for char in name):
                    yield where, f"{kind} '{name}' contains digits"
        if self.pattern:
            regex = re.compile(self.pattern)
            for where, name in named:
                if not regex.search(name):
                    yield where, f"{kind} '{name}' does not match the pattern {self.pattern}"
            return
        if self.style == "consistent":
            yield from self._consistent(kind, named)
            return
        label = LABELS[self.style]
        for where, name in named:
            if not matches(name, self.style):
                expected = convert(name, self.style)
                yield where, f"{kind} '{name}' is not {label} (expected '{expected}')"

    @staticmethod
    def _consistent(kind: str, named: list[tuple[W, str]]) -> Iterator[tuple[W, str]]:
        style, count = dominant([name for _, name in named])
        if style is None:
            return
        label, total = LABELS[style], len(named)
        many = kind[:-1] + "ies" if kind.endswith("y") else kind + "s"
        for where, name in named:
            if not matches(name, style):
                yield (
                    where,
                    f"{kind} '{name}' is {describe(name)}; {count} of {total} {many} here are "
                    f"{label} (expected '{convert(name, style)}')",
                )


def options_schema(default_style: str) -> dict[str, dict[str, Any]]:
    """The options every casing rule takes, with its own default style."""
    return {
        "style": {"enum": [*sorted(STYLES), "consistent"], "default": default_style},
        "pattern": {"type": "string", "format": "regex", "default": ""},
        "allow-digits": {"type": "boolean", "default": True},
        "allow": {"type": "array", "items": {"type": "string"}, "default": []},
    }
