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
# A plural acronym (IDs, URLs) is one word too.
_WORD = re.compile(
    r"[A-Z]{2,}s(?![a-z])|[A-Z]+(?=[A-Z][a-z])[0-9]*|[A-Z]?[a-z]+[0-9]*|[A-Z]+[0-9]*|[0-9]+"
)


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


def recase(name: str, style: str) -> str | None:
    """``name`` in ``style`` by a change of letter case only, or None when other characters
    would have to change: ``recase("x-amzn-RequestId", "header") == "X-Amzn-RequestId"``."""
    candidates = (
        "-".join(part[:1].upper() + part[1:] for part in name.split("-")),
        name.lower(),
        name.upper(),
        name[:1].lower() + name[1:],
        name[:1].upper() + name[1:],
    )
    return next((found for found in candidates if matches(found, style)), None)


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


#: Without a configured style, a location has a convention only when at least this share of its
#: distinct names follow one style; below it the spec mixes styles and no name is an outlier.
MAJORITY = 2 / 3
#: Names a casing style can describe: letters, digits, ``_`` and ``-`` (leading underscores
#: are markers such as ``_id``, not part of the style). ``@me``, ``.well-known``,
#: ``filter[status]`` or ``odata.type`` follow a protocol, not a casing convention.
#: This many distinct names in one other style are a second convention, reported as one finding.
SECOND_STYLE = 3
_CASEABLE = re.compile(r"^_*[A-Za-z0-9][A-Za-z0-9_-]*$")


@dataclass(frozen=True)
class Policy:
    """How the names at one location must be written (a naming rule's options)."""

    style: str  # a style name, or "consistent": whatever most names here use
    pattern: str = ""  # a regular expression that replaces the style when set
    allow_digits: bool = True
    allow: frozenset[str] = frozenset()
    #: names that differ only in letter case are the same name (HTTP headers): suggest a
    #: change of letter case only, never other characters
    case_only: bool = False

    @classmethod
    def from_options(cls, options: Mapping[str, Any], case_only: bool = False) -> Policy:
        return cls(
            options["style"],
            options.get("pattern", ""),
            options.get("allow-digits", True),
            frozenset(options.get("allow", ())),
            case_only,
        )

    def expected(self, name: str, style: str) -> str:
        """How ``name`` would be written in ``style``, for a message."""
        if not self.case_only:
            bare = name.lstrip("_")
            return f"expected '{name[: len(name) - len(bare)]}{convert(bare, style)}'"
        found = recase(name, style)
        return f"expected '{found}'" if found else "not possible by a change of letter case"

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
                yield where, f"{kind} '{name}' is not {label} ({self.expected(name, self.style)})"

    def _consistent(self, kind: str, named: list[tuple[W, str]]) -> Iterator[tuple[W, str]]:
        """The names that break the style most names at this place follow, when most do
        (:data:`MAJORITY`). A name's message is the same at all its places; when
        :data:`SECOND_STYLE` or more distinct names share another style, the spec follows
        two conventions and that is one defect: their messages are one message."""
        judged = [(where, name, name.lstrip("_")) for where, name in named if _CASEABLE.match(name)]
        distinct = list(dict.fromkeys(bare for _, _, bare in judged))  # a name counts once
        style, count = dominant(distinct)
        total = len(distinct)
        if style is None or count < MAJORITY * total:
            return
        label = LABELS[style]
        plural = f"{kind}s" if kind.endswith(("name", "Id")) else f"{kind} names"
        minorities: dict[str, list[str]] = {}
        for bare in distinct:
            if not matches(bare, style):
                minorities.setdefault(describe(bare), []).append(bare)
        for where, name, bare in judged:
            if matches(bare, style):
                continue
            minority = minorities[describe(bare)]
            if len(minority) >= SECOND_STYLE:
                first = minority[0]
                yield (
                    where,
                    f"{len(minority)} {plural} are {describe(first)} where {count} of {total} "
                    f"in this spec are {label} (e.g. '{first}': {self.expected(first, style)})",
                )
            else:
                yield (
                    where,
                    f"{kind} '{name}' is {describe(bare)}; {count} of {total} {plural} in this "
                    f"spec are {label} ({self.expected(name, style)})",
                )


def options_schema(default_style: str) -> dict[str, dict[str, Any]]:
    """The options every casing rule takes, with its own default style."""
    return {
        "style": {"enum": [*sorted(STYLES), "consistent"], "default": default_style},
        "pattern": {"type": "string", "format": "regex", "default": ""},
        "allow-digits": {"type": "boolean", "default": True},
        "allow": {"type": "array", "items": {"type": "string"}, "default": []},
    }
