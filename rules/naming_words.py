"""Naming rules for word choice: the words an organisation bans in names, per location, and the
``X-`` header prefix that RFC 6648 deprecates.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from apilint.rule import Document, Findings, casing, rule

from ._common import _NAMES, _headers, _path_segments, _schema_names


@rule(
    "header-no-x-prefix",
    area="naming",
    severity="info",
    summary="New header names do not start with 'X-' (RFC 6648).",
    options={"allow": _NAMES},
    recommended=False,
)
def header_no_x_prefix(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Reports request and response headers named ``X-...``; established ones can be listed in
    ``allow``. Off in ``recommended``, as many APIs must keep their existing ``X-`` headers.

    Why: RFC 6648 deprecates the ``X-`` convention: a header that becomes standard keeps its
    ``X-`` name forever, or breaks its clients when it is renamed.

    Example:
        bad:
            paths:
              /users:
                get:
                  parameters:
                    - name: X-Request-Id
                      in: header
                      schema:
                        type: string
        good:
            paths:
              /users:
                get:
                  parameters:
                    - name: Request-Id
                      in: header
                      schema:
                        type: string
    """
    allow = {name.lower() for name in options["allow"]}
    for where, name in _headers(doc):
        if name.lower().startswith("x-") and name.lower() not in allow:
            yield where, f"header '{name}' uses the deprecated 'X-' prefix (RFC 6648)"


@rule(
    "banned-words",
    area="naming",
    severity="warn",
    summary="Names avoid the words the organisation bans, per location.",
    options={
        "paths": _NAMES,
        "properties": _NAMES,
        "parameters": _NAMES,
        "schemas": _NAMES,
        "operation-ids": _NAMES,
    },
)
def banned_words(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Reports a name containing a banned word (compared word by word, ignoring case): path
    segments, property names, parameter names, schema names and operationIds each have their
    own list, e.g. ``properties: [data, info, object]`` or internal code names in ``paths``.
    Nothing is banned by default.

    Why: vague words (``data``, ``info``) say nothing to a consumer, and internal code names
    leak organisation details into a public contract.

    Example:
        bad:
            paths:
              /internal/users/{userId}:
                get:
                  operationId: getUser
                  parameters:
                    - name: userId
                      in: path
                      required: true
                      schema:
                        type: string
                    - name: debugFlag
                      in: query
                      # ...
        good:
            paths:
              /user-data/{dataId}:
                get:
                  operationId: getUserData
                  parameters:
                    - name: dataId
                      in: path
                      required: true
                      schema:
                        type: string
                  responses:
                  # ...
    """
    checks: list[tuple[str, str, Callable[[], Iterable[tuple[Any, str]]]]] = [
        ("paths", "path segment", lambda: _path_segments(doc)),
        ("properties", "property", lambda: ((p.loc, p.name) for p in doc.properties)),
        (
            "parameters",
            "parameter",
            lambda: ((p.loc.child("name"), p.name) for p in doc.parameters),
        ),
        ("schemas", "schema name", lambda: _schema_names(doc)),
        (
            "operation-ids",
            "operationId",
            lambda: ((op.loc.child("operationId"), op.operation_id or "") for op in doc.operations),
        ),
    ]
    for key, kind, names in checks:
        banned = {word.lower() for word in options[key]}
        if not banned:
            continue  # nothing banned here: the index is not even built
        for where, name in names():
            hits = [w.lower() for w in casing.words(name) if w.lower() in banned]
            if hits:
                yield where, f"{kind} '{name}' uses the banned word '{hits[0]}'"
