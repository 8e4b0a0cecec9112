"""Stability levels: how much an operation's clients may rely on it.

An operation says its level in an extension (``x-stability-level`` by default): ``draft``,
``alpha``, ``beta`` or ``stable``; an operation without one is stable. A change inside an
operation (its parameters, bodies, responses, and the schemas reached through them) is judged
by the level the *old* spec gave the operation, the promise its clients relied on: the
``stability-exempt`` setting caps what such a change can be (by default: at most ``info`` for
``draft`` and ``alpha``, at most ``warning`` for ``beta``). A change reaching several
operations is judged by the most stable of them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from apilint.changes.kinds import LEVELS

#: The levels from the least to the most stable.
STABILITY_LEVELS = ("draft", "alpha", "beta", "stable")
STABLE = "stable"


def stability_of(operation: Mapping[str, Any], extension: str) -> str | None:
    """The operation's stability level: ``stable`` when it says none, ``None`` when what it
    says is not a level."""
    value = operation.get(extension, STABLE)
    return value if isinstance(value, str) and value in STABILITY_LEVELS else None


def more_stable(first: str, second: str) -> str:
    return max(first, second, key=STABILITY_LEVELS.index)


def capped(level: str, stability: str | None, exempt: Mapping[str, str]) -> str:
    """``level`` lowered to what ``exempt`` allows for an operation at ``stability`` (``None``:
    a change in no operation, never lowered)."""
    ceiling = exempt.get(stability) if stability else None
    if ceiling is None or level not in LEVELS:
        return level
    return max(level, ceiling, key=LEVELS.index)
