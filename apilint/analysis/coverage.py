"""Documentation coverage: the share of a spec's documentable elements that are documented.

What counts (also in the README, so two people computing it by hand get the same number):

- ``info``: five fields, ``title``, ``description``, ``version``, ``contact`` and ``license``;
  each is documented when present and not blank (an object counts as present).
- ``operations``: every operation (paths and webhooks); documented when its ``summary`` or its
  ``description`` is not blank.
- ``parameters``: every parameter object once; documented when its ``description`` is not blank.
- ``responses``: every response object once (of operations, callbacks and components);
  documented when its ``description`` (or, from OpenAPI 3.2 on, its ``summary``) is not blank.
- ``schemas``: every named schema (``components.schemas`` / ``definitions``); documented when
  its ``description`` or ``title`` is not blank.
- ``properties``: every property of every indexed schema, each schema once; documented when the
  property's schema, or the schema its ``$ref`` points to, has a non-blank ``description`` or
  ``title``.

Text that is only a placeholder (``TODO``, ``TBD``, ``lorem ipsum``...) does not count as
documentation. The overall figure is all documented elements over all elements, in percent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from apilint.model.document import Document

KINDS = ("info", "operations", "parameters", "responses", "schemas", "properties")
INFO_FIELDS = ("title", "description", "version", "contact", "license")

_PLACEHOLDER = re.compile(
    r"^\s*(?:todo|tbd|tbc|fixme|xxx|lorem ipsum.*|string|description)\W*$", re.I
)


def is_placeholder(text: str) -> bool:
    """Whether a text says nothing: blank, or a placeholder such as ``TODO`` or ``string``."""
    return not text.strip() or _PLACEHOLDER.match(text) is not None


def documented(value: Any) -> bool:
    """A text that documents something: a non-blank string that is not a placeholder."""
    return isinstance(value, str) and not is_placeholder(value)


@dataclass(frozen=True)
class Coverage:
    """Documented and total counts per kind of element, and the percentages they give."""

    counts: dict[str, tuple[int, int]]  # kind -> (documented, total)

    @property
    def overall(self) -> float | None:
        done = sum(d for d, _ in self.counts.values())
        total = sum(t for _, t in self.counts.values())
        return 100.0 * done / total if total else None

    def percent(self, kind: str) -> float | None:
        done, total = self.counts[kind]
        return 100.0 * done / total if total else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "overall": _round(self.overall),
            "kinds": {
                kind: {"documented": d, "total": t, "percent": _round(self.percent(kind))}
                for kind, (d, t) in self.counts.items()
            },
        }

    def summary(self) -> str:
        return summary_line(self.to_dict())


def summary_line(figure: dict[str, Any]) -> str:
    """``documentation coverage 87.5% (info 100%, operations 100%, ...)`` from ``to_dict()``."""
    if figure["overall"] is None:
        return "documentation coverage: nothing to document"
    parts = [
        f"{kind} {_format(entry['percent'])}"
        for kind, entry in figure["kinds"].items()
        if entry["total"]
    ]
    return f"documentation coverage {_format(figure['overall'])} ({', '.join(parts)})"


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _format(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".") + "%"


def described(doc: Document, item: Any) -> bool:
    """Whether a schema (or a property) has a real description or title, on itself or on the
    schema its ``$ref`` points to."""
    for candidate in (item, doc.resolve(item.loc, item.value)):
        value = candidate.value if candidate is not None else None
        if isinstance(value, dict) and (
            documented(value.get("description")) or documented(value.get("title"))
        ):
            return True
    return False


def measure(doc: Document) -> Coverage:
    """Count what is documented in a spec (see the module's documentation for the rules);
    counted once per document."""
    cached = doc.__dict__.get("_coverage")
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    doc.__dict__["_coverage"] = figure = _count(doc)
    return figure


def _count(doc: Document) -> Coverage:
    counts: dict[str, tuple[int, int]] = {}
    info = doc.info.value if doc.info is not None else {}
    present = [
        field
        for field in INFO_FIELDS
        if (isinstance(info.get(field), dict) and info.get(field)) or documented(info.get(field))
    ]
    counts["info"] = (len(present), len(INFO_FIELDS))
    operations = doc.operations
    counts["operations"] = (
        sum(
            documented(op.value.get("summary")) or documented(op.value.get("description"))
            for op in operations
        ),
        len(operations),
    )
    params = doc.parameters
    counts["parameters"] = (
        sum(documented(p.value.get("description")) for p in params),
        len(params),
    )
    responses = doc.response_objects
    summaries = doc.since("3.2")  # a Response has a summary from 3.2 on
    counts["responses"] = (
        sum(
            documented(r.value.get("description"))
            or (summaries and documented(r.value.get("summary")))
            for r in responses
        ),
        len(responses),
    )
    named = [s for s in doc.schemas if s.name is not None]
    counts["schemas"] = (sum(described(doc, s) for s in named), len(named))
    props = doc.properties
    counts["properties"] = (sum(described(doc, p) for p in props), len(props))
    return Coverage(counts)
