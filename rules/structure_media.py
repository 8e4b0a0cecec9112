"""Structure rules for what OpenAPI 3.2 adds to parameters and media types: the
``querystring`` parameter, which is the whole query string, and the positional and per-item
encodings (``prefixEncoding``, ``itemEncoding``), which replace ``encoding``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from apilint.rule import (
    Document,
    Findings,
    Item,
    Location,
    Operation,
    Parameter,
    rule,
    subject,
)


def _names(params: list[Parameter]) -> str:
    return ", ".join(f"'{param.name}'" for param in params)


def _querystrings_listed(doc: Document, holder: Item) -> list[tuple[Location, str]]:
    """(where it is listed, name) of each ``in: querystring`` entry of a ``parameters`` list,
    as written: repeats are kept."""
    listed = doc.child(holder, "parameters")
    if listed is None or not isinstance(listed.value, list):
        return []
    found: list[tuple[Location, str]] = []
    for index, raw in enumerate(listed.value):
        param = doc.resolve(listed.loc.child(index), raw)
        value = param.value if param is not None else None
        if isinstance(value, dict) and value.get("in") == "querystring":
            found.append((listed.loc.child(index), str(value.get("name", ""))))
    return found


def _holders(doc: Document) -> Iterator[Item]:
    """Every path item (of paths, webhooks and callbacks) and every operation, each once: the
    objects that hold a ``parameters`` list."""
    seen: set[Location] = set()
    path_items = [
        item for s in ("paths", "webhooks") for _, item in doc.entries(doc.child(doc.root_item, s))
    ]
    for operation in (*doc.operations, *doc.callbacks):
        path_items.append(operation.path_item)
    for item in (*path_items, *doc.operations, *doc.callbacks):
        if item.loc not in seen and isinstance(item.value, dict):
            seen.add(item.loc)
            yield item


def _within(site: Location, holder: Item) -> bool:
    return site.file == holder.loc.file and site.pointer.startswith(holder.loc.pointer + "/")


def _effective_problems(operation: Operation) -> Findings:
    """What an operation's own parameters and its path item's make together: two querystring
    parameters of different names, one from each list, or querystring beside query."""
    whole = [param for param in operation.parameters if param.location == "querystring"]
    if not whole:
        return
    label = operation.label
    own = [param for param in whole if _within(param.site, operation)]
    inherited = [param for param in whole if not _within(param.site, operation)]
    if own and inherited:
        yield (
            own[0].site,
            f"{label} has querystring parameter '{own[0].name}' and its path item's"
            f" '{inherited[0].name}' (the query string is one value)",
        )
    query = [param for param in operation.parameters if param.location == "query"]
    if query:
        first = (own or whole)[0]
        yield (
            first.site,
            f"{label} has querystring parameter '{first.name}' and query parameters"
            f" ({_names(query)}): describe the query string one way",
        )


@rule(
    "querystring-parameter",
    area="structure",
    severity="error",
    summary="An operation has at most one querystring parameter, and no query ones beside it.",
    formats={"3.2"},
)
def querystring_parameter(doc: Document, options: Mapping[str, Any]) -> Findings:
    """An ``in: querystring`` parameter (OpenAPI 3.2) describes the whole query string, so an
    operation's parameters (its own and its path item's) hold at most one, and no ``in: query``
    parameter beside it. A second one in a ``parameters`` list is reported where it is listed;
    one in the operation's list beside another in its path item's, at the operation's; the
    mix with query parameters, once per operation, at the querystring parameter (Redocly's
    ``spec-querystring-parameters``).

    Why: a request has one query string; the specification forbids a second querystring
    parameter and querystring beside query parameters, which would describe it twice, and
    clients could not tell which description to serialize.

    Example:
        bad:
            paths:
              /events:
                get:
                  parameters:
                    - name: criteria
                      in: querystring
                      content:
                        application/x-www-form-urlencoded:
                          schema:
                            $ref: "#/components/schemas/EventFilter"
                    - name: timezone
                      in: query
                      schema:
                        type: string
        good:
            paths:
              /events:
                get:
                  parameters:
                    - name: criteria
                      in: querystring
                      content:
                        application/x-www-form-urlencoded:
                          schema:
                            $ref: "#/components/schemas/EventFilter"
                    - name: Accept-Language
                      in: header
                      schema:
                        type: string
    """
    for holder in _holders(doc):
        listed = _querystrings_listed(doc, holder)
        for site, name in listed[1:]:
            where = subject(holder.loc.pointer)
            yield site, f"{where} lists a second querystring parameter '{name}'"
    for operation in (*doc.operations, *doc.callbacks):
        yield from _effective_problems(operation)


#: What 3.2 adds beside ``encoding``, which may not be combined with it.
_SEQUENTIAL_ENCODINGS = ("prefixEncoding", "itemEncoding")


def _encoding_holders(doc: Document) -> list[tuple[str, Item]]:
    """(name, object) of every media type and of every Encoding Object in them: each may
    hold ``encoding``, ``prefixEncoding`` and ``itemEncoding``."""
    holders: list[tuple[str, Item]] = []
    for name, media in doc.media_types:
        holders.append((name, media))
        holders.extend((name, encoding) for encoding in doc.encodings(media))
    return holders


@rule(
    "encoding-combination",
    area="structure",
    severity="error",
    summary="A media type uses encoding, or prefixEncoding/itemEncoding, not both (3.2).",
    formats={"3.2"},
    supersedes=("oas-schema",),
)
def encoding_combination(doc: Document, options: Mapping[str, Any]) -> Findings:
    """A Media Type Object (or a nested Encoding Object) of OpenAPI 3.2 that has ``encoding``
    (by property name) has neither ``prefixEncoding`` nor ``itemEncoding`` (by position, for
    each item): one finding per object, at the keys beside ``encoding`` (Redocly's
    ``spec-no-invalid-encoding-combinations``).

    Why: the specification makes them mutually exclusive: ``encoding`` applies to the
    properties of an object, the other two to the parts of a sequence, and a tool that meets
    both cannot tell which of the two the content is.

    Example:
        bad:
            paths:
              /uploads:
                post:
                  requestBody:
                    content:
                      multipart/mixed:
                        schema:
                          type: array
                        encoding:
                          metadata:
                            contentType: application/json
                        itemEncoding:
                          contentType: image/png
        good:
            paths:
              /uploads:
                post:
                  requestBody:
                    content:
                      multipart/mixed:
                        schema:
                          type: array
                        prefixEncoding:
                          - contentType: application/json
                        itemEncoding:
                          contentType: image/png
    """
    for name, holder in _encoding_holders(doc):
        if "encoding" not in holder.value:
            continue
        present = [keyword for keyword in _SEQUENTIAL_ENCODINGS if keyword in holder.value]
        if not present:
            continue
        where = subject(holder.loc.pointer)
        message = f"{name} content of {where} has encoding beside {' and '.join(present)}"
        for keyword in present:  # one finding, at each key the specification rejects
            yield holder.loc.child(keyword), message
