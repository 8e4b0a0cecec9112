"""Casing styles for names: check a name against a style and convert it to one."""

from __future__ import annotations

import re

STYLES: dict[str, re.Pattern[str]] = {
    "flat": re.compile(r"^[a-z][a-z0-9]*$"),
    "camel": re.compile(r"^[a-z][a-zA-Z0-9]*$"),
    "pascal": re.compile(r"^[A-Z][a-zA-Z0-9]*$"),
    "kebab": re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$"),
    "snake": re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$"),
    "macro": re.compile(r"^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$"),
    "cobol": re.compile(r"^[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*$"),
    "header": re.compile(r"^[A-Z][a-zA-Z0-9]*(?:-[A-Z0-9][a-zA-Z0-9]*)*$"),
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
