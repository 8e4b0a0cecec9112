"""Pagination: how an API's list operations page through results, and the names of the
parameters that do it.

An operation is paginated when a query parameter says where a page starts: a cursor
(``cursor``, ``page_token``, ``after``/``before``, ``starting_after``, ``marker``...), an
offset (``offset``, ``skip``, ``startIndex``) or a page number (``page``, ``page_number``).
Its style is the first of ``cursor``, ``offset`` and ``page number`` it has (an operation
with a page token and a page number pages by token). Names are matched without case or
separators (``pageToken``, ``page_token`` and ``PageToken`` alike); a parameter in a date
format (``after: 2024-05-01``) is a filter, not a position. An operation with only a size
(``limit``) does not say where a page starts and is not counted.

Aspects: ``style``, the style most of the API's paginated operations use; and, when there is
one, ``<style> parameters``: the pagination parameters (positions and sizes such as
``limit``, ``per_page``, ``PageSize``) that at least half of those operations take, as
written, sorted and joined with ``/`` (``limit/offset``, ``page/per_page``). APIs are compared
on parameter names only with APIs of the same style.
"""

from __future__ import annotations

from collections import Counter

from apilint.fleet.checks._common import value_type
from apilint.fleet.consistency import choose, consistency_check, is_mixed
from apilint.rule import Document, Operation, Parameter, squash

#: Squashed names of the parameters that say where a page starts, by style (in precedence).
POSITIONS: dict[str, frozenset[str]] = {
    "cursor": frozenset(
        {
            "cursor",
            "pagecursor",
            "nextcursor",
            "pagetoken",
            "nextpagetoken",
            "nexttoken",
            "continuationtoken",
            "continuation",
            "starttoken",
            "marker",
            "after",
            "before",
            "startingafter",
            "endingbefore",
        }
    ),
    "offset": frozenset({"offset", "skip", "startindex"}),
    "page number": frozenset({"page", "pagenumber", "pageno", "pagenum", "pageindex"}),
}
#: Squashed names of the parameters that say how large a page is.
SIZES = frozenset(
    {
        "limit",
        "perpage",
        "pagesize",
        "size",
        "count",
        "top",
        "first",
        "maxresults",
        "maxitems",
        "pagelimit",
        "maximumpagesize",
    }
)
_DATES = frozenset({"date", "date-time"})


def _pagination_parameters(doc: Document, operation: Operation) -> list[Parameter]:
    """The operation's query parameters that page: positions and sizes, dates left out."""
    found = []
    for param in operation.parameters:
        key = squash(param.name)
        if param.location != "query" or not (
            key in SIZES or any(key in names for names in POSITIONS.values())
        ):
            continue
        kind, shape = value_type(doc, param)
        if shape not in _DATES and kind not in ("boolean", "array", "object"):
            found.append(param)
    return found


def _style(params: list[Parameter]) -> str | None:
    keys = {squash(param.name) for param in params}
    return next((style for style, names in POSITIONS.items() if keys & names), None)


@consistency_check("pagination", concern="pagination")
def pagination(doc: Document) -> dict[str, str]:
    """Compares how list operations page: the style (``cursor``, ``offset``, ``page number``)
    most of an API's paginated operations use, and among APIs of one style the parameter
    names (``limit/offset`` against ``offset/size``; ``page/per_page`` against
    ``page/pageSize``). An API with no paginated operation has neither aspect."""
    styles: Counter[str] = Counter()
    names: dict[str, Counter[str]] = {}
    for operation in doc.operations:
        if operation.webhook:
            continue
        params = _pagination_parameters(doc, operation)
        style = _style(params)
        if style is None:
            continue
        styles[style] += 1
        names.setdefault(style, Counter()).update({param.name for param in params})
    choice = choose(styles)
    if choice is None:
        return {}
    found = {"style": choice}
    if not is_mixed(choice):
        common = sorted(name for name, n in names[choice].items() if 2 * n >= styles[choice])
        found[f"{choice} parameters"] = "/".join(common)
    return found
