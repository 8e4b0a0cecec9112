"""Versioning rules for retiring things deliberately: whatever is deprecated says when it goes
away and what replaces it, sunset dates are real and not passed, and deprecated operations
send the Deprecation header.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from apilint.analysis.versions import parse_date, today_or
from apilint.rule import Document, Findings, Item, Operation, rule

from ._common import _label


def _deprecated(doc: Document) -> Iterator[Item]:
    """Everything marked ``deprecated: true``."""
    return (item for item in doc.annotated_items if item.value.get("deprecated") is True)


def _has_header(doc: Document, operation: Item, name: str) -> bool:
    """Whether one of the operation's responses documents the header (any case)."""
    for _, response in doc.entries(doc.child(operation, "responses")):
        headers = response.value.get("headers") if isinstance(response.value, dict) else None
        if isinstance(headers, dict) and any(str(h).lower() == name for h in headers):
            return True
    return False


_EXTENSION = {"type": "string", "pattern": "^x-", "default": "x-sunset"}


@rule(
    "deprecated-sunset",
    area="versioning",
    severity="warn",
    summary="Whatever is deprecated says when it goes away (a sunset date).",
    options={"extension": _EXTENSION},
    recommended=False,
)
def deprecated_sunset(doc: Document, options: Mapping[str, Any]) -> Findings:
    """An operation, parameter, schema or property marked ``deprecated: true`` must give its
    removal date in an extension (``x-sunset`` by default); an operation may document a
    ``Sunset`` response header (RFC 8594) instead.

    Why: deprecation without a date leaves consumers unable to plan a migration, and providers
    unable to ever remove anything. Off in ``recommended``: the sunset extension is a
    convention for an organisation to adopt (or the RFC 8594 ``Sunset`` header).

    Example:
        bad:
            paths:
              /orders:
                get:
                  summary: List orders
                  deprecated: true
                  description: Use GET /v2/orders instead; the removal date is still being ...
                  responses:
                    "200":
                      description: The orders.
        good:
            paths:
              /orders:
                get:
                  summary: List orders
                  deprecated: true
                  x-sunset: "2025-06-30"
                  responses:
                    "200":
                      description: The orders.
    """
    extension = options["extension"]
    for item in _deprecated(doc):
        if extension in item.value:
            continue
        operation = isinstance(item, Operation)
        if operation and _has_header(doc, item, "sunset"):
            continue
        alternative = " and no Sunset response header" if operation else ""
        yield (
            item.loc.child("deprecated"),
            f"deprecated {_label(item)} has no '{extension}' date{alternative}",
        )


@rule(
    "sunset-date",
    area="versioning",
    severity="warn",
    summary="Sunset dates are real dates, and not already passed.",
    options={
        "extension": _EXTENSION,
        "today": {"type": ["string", "null"], "format": "date", "default": None},
    },
)
def sunset_date(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Every sunset date (the ``x-sunset`` extension by default, on operations, parameters,
    schemas and properties) must be a date (ISO 8601 ``2025-06-30``, or an HTTP date as the
    ``Sunset`` header uses) that has not passed. ``today`` sets the current date (for
    reproducible runs); by default it is the day of the run.

    Why: a sunset date in the past means the removal is overdue or the date is stale; either
    way consumers are being told something false.

    Example:
        bad:
            paths:
              /invoices:
                get:
                  x-sunset: "2025-06-30"
        good:
            paths:
              /invoices:
                get:
                  x-sunset: "2026-06-30"
    """
    extension = options["extension"]
    today = today_or(options["today"])
    for item in doc.annotated_items:
        if extension not in item.value:
            continue
        value = item.value[extension]
        date = parse_date(value)
        where = item.loc.child(extension)
        if date is None:
            yield where, f"{extension} of {_label(item)} is not a date: {value!r}"
        elif date < today:
            yield where, f"{_label(item)} was to be removed on {date.isoformat()}, which has passed"


#: Phrases that name a replacement: "use X instead", "replaced by", "see ...".
_REPLACEMENT = (
    r"(?i)\b(instead|replaced (?:by|with)|superseded by|succeeded by|migrate to|switch to"
    r"|moved to|in favou?r of|successor|use (?:the )?\S|see\s+\S)"
)

#: Words that say the text is about the deprecation (a link beside them is the way out).
_DEPRECATION_WORD = re.compile(r"(?i)deprecat|obsolete|legacy|removed|retired|sunset")

_LINK = re.compile(r"https?://\S|\]\(\S")


def _deprecation_texts(item: Item) -> list[str]:
    """The texts of a deprecated item that may name its replacement: its description, an
    operation's summary, and vendor deprecation notes (``x-deprecatedMessage``...)."""
    value = item.value
    texts = [value.get("description"), value.get("summary")]
    texts += [text for key, text in value.items() if str(key).lower().startswith("x-deprecat")]
    return [text for text in texts if isinstance(text, str)]


class _OperationNames:
    """The paths and operationIds of a spec's operations, as one pattern that matches any of
    them as a whole word, made on first use (one pattern per spec: a spec with thousands of
    deprecated operations made thousands of patterns of thousands of names before)."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self._pattern: re.Pattern[str] | None = None

    def pattern(self) -> re.Pattern[str] | None:
        if self._pattern is None:
            names = {
                name
                for operation in self.doc.operations
                if not operation.webhook
                for name in (operation.path, operation.operation_id)
                if name
            }
            if not names:
                return None
            ordered = sorted(names, key=len, reverse=True)
            alternatives = "|".join(re.escape(name) for name in ordered)
            self._pattern = re.compile(rf"(?<![\w/{{}}-])(?:{alternatives})(?![\w/{{}}-])")
        return self._pattern

    def named_besides(self, operation: Operation, texts: list[str]) -> bool:
        """Whether the texts name an operation other than ``operation`` (an operation does not
        name itself as its replacement: neither its path nor its operationId counts)."""
        pattern = self.pattern()
        if pattern is None:
            return False
        own = {operation.path, operation.operation_id}
        return any(match.group(0) not in own for text in texts for match in pattern.finditer(text))


def _names_replacement(
    item: Item, texts: list[str], pattern: re.Pattern[str], operations: _OperationNames
) -> bool:
    """Whether the texts name what replaces the item: a phrase of ``pattern``, a link in a
    text that speaks of the deprecation, or (for an operation) another operation's path or
    operationId."""
    if any(pattern.search(text) for text in texts):
        return True
    if any(_LINK.search(text) and _DEPRECATION_WORD.search(text) for text in texts):
        return True
    return isinstance(item, Operation) and operations.named_besides(item, texts)


@rule(
    "deprecated-replacement",
    area="versioning",
    severity="info",
    summary="Whatever is deprecated says what replaces it.",
    options={
        "extension": {"type": "string", "pattern": "^x-", "default": "x-replaced-by"},
        "pattern": {"type": "string", "format": "regex", "default": _REPLACEMENT},
    },
)
def deprecated_replacement(doc: Document, options: Mapping[str, Any]) -> Findings:
    """An operation, parameter, schema or property marked ``deprecated: true`` must name its
    replacement: in an extension (``x-replaced-by`` by default: a path, operationId, name or
    link), or in its description, an operation's summary or a vendor deprecation note
    (``x-deprecatedMessage``, ``x-deprecation-message``...). A text names it with a phrase
    matched by ``pattern`` ("use X instead", "replaced by", "superseded by", "in favour of",
    "migrate to", "see ..."), with a link beside a word about the deprecation ("Deprecated:
    https://..."), or, for an operation, by naming another operation's path or operationId.
    "No longer in use" does not count.

    Why: consumers can only migrate to something they know of; a bare deprecation flag sends
    every one of them to ask the provider.

    Example:
        bad:
            paths:
              /accounts:
                get:
                  summary: List accounts
                  deprecated: true
                  description: This operation will be removed.
                  parameters:
                    - name: status
                      in: query
                      deprecated: true
                      schema:
                        type: string
                    - name: sort
                    # ...
        good:
            paths:
              /accounts:
                get:
                  summary: List accounts
                  deprecated: true
                  x-replaced-by: listCustomers
                  parameters:
                    - name: status
                      in: query
                      deprecated: true
                      description: Use the `state` parameter instead.
                      schema:
                        type: string
                        # ...
    """
    extension, pattern = options["extension"], re.compile(options["pattern"])
    operations = _OperationNames(doc)
    for item in _deprecated(doc):
        if extension in item.value:
            continue
        if _names_replacement(item, _deprecation_texts(item), pattern, operations):
            continue
        yield (
            item.loc.child("deprecated"),
            f"deprecated {_label(item)} does not say what replaces it",
        )


@rule(
    "deprecation-header",
    area="versioning",
    severity="warn",
    summary="Deprecated operations document the Deprecation response header (RFC 9745).",
    recommended=False,
)
def deprecation_header(doc: Document, options: Mapping[str, Any]) -> Findings:
    """An operation marked ``deprecated: true`` must document a ``Deprecation`` header on at
    least one of its responses, so clients learn of the deprecation at run time. Off in
    ``recommended``, on in ``strict``.

    Why: consumers rarely reread specs; a header on every response is what reaches the code
    that calls a deprecated operation (RFC 9745).

    Example:
        bad:
            paths:
              /accounts:
                get:
                  summary: List accounts
                  deprecated: true
                  responses:
                    "200":
                      description: The accounts.
                      headers:
                        Sunset:
                          description: A Sunset header is not a Deprecation header.
                          schema:
                            type: string
                            # ...
        good:
            paths:
              /accounts:
                get:
                  summary: List accounts
                  deprecated: true
                  responses:
                    "200":
                      description: The accounts.
                      headers:
                        Deprecation:
                          description: When the operation was deprecated (RFC 9745).
                          schema:
                            type: string
                            # ...
    """
    for operation in doc.operations:
        if operation.value.get("deprecated") is True and not _has_header(
            doc, operation, "deprecation"
        ):
            yield (
                operation.loc.child("deprecated"),
                f"deprecated operation {operation.label} documents no Deprecation header",
            )
