"""Versioning: where an API's clients read and pin its version.

The places, each counted when it holds for the API as a whole:

- ``path segment``: at least half of the operations' paths carry a version segment (``v2``,
  ``v1.1``, ``v1beta1``, a number such as ``2.0`` or ``3``, or a date such as
  ``2010-04-01``);
- ``server URL``: more than half of the server URLs (2.0: ``basePath``), their variables at
  their defaults, carry one (a mock server's ``/1.0.0`` beside a production URL without one
  does not count);
- ``header``: at least half of the operations take a header parameter whose name ends with
  the word ``version`` (``Api-Version``, ``Stripe-Version``; ``X-Client-Version`` and the
  like, which name a client's version, excepted);
- ``query parameter``: the same with a query parameter (``api-version``);
- ``media type``: at least half of the operations send or accept a media type that names a
  version (``application/vnd.acme.v2+json``, ``application/json;version=2``).

The choice is the places found, in that order, joined with `` + `` (``server URL + header``),
or ``none``. An API with no operation has no aspect.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from apilint.analysis.urls import server_urls
from apilint.fleet.consistency import consistency_check
from apilint.rule import Document, Operation, casing

_SEGMENT = re.compile(
    r"^(?:[vV]?\d+(?:\.\d+){0,2}|[vV]\d+(?:alpha|beta)\d*"
    r"|\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01]))$"
)
_MEDIA_VERSION = re.compile(r"[.+-]v\d+\b|;\s*v(?:ersion)?=\d+", re.IGNORECASE)
#: Words before ``version`` that make a parameter name something else than the API's version.
_NOT_THE_API = frozenset(
    {"client", "sdk", "app", "application", "library", "user", "agent", "os", "device"}
    | {"browser", "firmware", "schema", "document", "object", "model", "template", "min", "max"}
)
PLACES = ("path segment", "server URL", "header", "query parameter", "media type")


def has_version_segment(path: str) -> bool:
    """Whether a URL path has a version segment (``/v2/users``, ``/2010-04-01/Accounts``)."""
    return any(_SEGMENT.match(segment) for segment in path.split("/"))


def _names_version(name: str) -> bool:
    found = [word.lower() for word in casing.words(name)]
    return bool(found) and found[-1] == "version" and _NOT_THE_API.isdisjoint(found[:-1])


def _server_paths(doc: Document) -> list[str]:
    if doc.is_swagger:
        base = doc.data.get("basePath")
        return [base] if isinstance(base, str) else []
    found = []
    for server in doc.servers:
        for url in server_urls(server.value)[:1]:  # variables at their defaults
            try:
                found.append(urlsplit(url).path)
            except ValueError:
                continue
    return found


def _media_types(doc: Document, operation: Operation) -> Iterator[str]:
    if doc.is_swagger:
        for holder in (operation.value, doc.data):
            for key in ("consumes", "produces"):
                listed = holder.get(key)
                if isinstance(listed, list):
                    yield from (item for item in listed if isinstance(item, str))
        return
    carriers = [doc.child(operation, "requestBody")]
    carriers.extend(item for _, item in doc.entries(doc.child(operation, "responses")))
    for carrier in carriers:
        content = doc.child(carrier, "content") if carrier is not None else None
        if content is not None and isinstance(content.value, dict):
            yield from (name for name in content.value if isinstance(name, str))


def _places(doc: Document, operations: list[Operation]) -> set[str]:
    counts = dict.fromkeys(PLACES, 0)
    for operation in operations:
        counts["path segment"] += has_version_segment(operation.path)
        located = {(p.location, _names_version(p.name)) for p in operation.parameters}
        counts["header"] += ("header", True) in located
        counts["query parameter"] += ("query", True) in located
        counts["media type"] += any(
            _MEDIA_VERSION.search(name) for name in _media_types(doc, operation)
        )
    places = {place for place, n in counts.items() if 2 * n >= len(operations) and n}
    servers = _server_paths(doc)
    if 2 * sum(map(has_version_segment, servers)) > len(servers):
        places.add("server URL")
    return places


@consistency_check("versioning", concern="versioning")
def versioning(doc: Document) -> dict[str, str]:
    """Compares where the version lives: a path segment, the server URL, a header, a query
    parameter, the media type, a combination of them, or ``none``."""
    operations = [op for op in doc.operations if not op.webhook]
    if not operations:
        return {}
    places = _places(doc, operations)
    return {"version location": " + ".join(p for p in PLACES if p in places) or "none"}
