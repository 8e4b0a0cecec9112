"""Naming rules for operationIds: every operation has one, a valid identifier, optionally a verb
and a noun (casing is ``operation-id-casing``'s business, in ``naming_casing``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from apilint.rule import Document, Findings, casing, rule


@rule(
    "operation-id-defined",
    area="naming",
    severity="warn",
    summary="Every operation has an operationId.",
)
def operation_id_defined(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Each operation (webhooks included; callbacks, which the API sends rather than serves,
    are not) must have a non-empty ``operationId``.

    Why: SDK generators, documentation anchors and links between operations all need a stable
    name for the operation; without one, tools invent names that change with the path.

    Example:
        bad:
            paths:
              /users:
                post:
                  summary: Create a user
                  responses:
                    "201":
                      description: Created.
        good:
            paths:
              /users:
                post:
                  operationId: createUser
                  responses:
                    "201":
                      description: Created.
    """
    for operation in doc.operations:
        if not operation.operation_id:
            label = operation.label
            yield operation.loc, f"{label} has no operationId"


@rule(
    "operation-id-valid",
    area="naming",
    severity="warn",
    summary="operationIds are valid identifiers in code (letters, digits, underscores).",
    options={
        "pattern": {"type": "string", "format": "regex", "default": r"^[A-Za-z_][A-Za-z0-9_]*$"}
    },
)
def operation_id_valid(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Each ``operationId`` must match ``pattern`` (by default an identifier: a letter or
    underscore, then letters, digits or underscores), so it is usable as a method name and in
    a URL fragment without escaping.

    Why: generators otherwise mangle ``repos/get-content`` into names nobody chose, differently
    in every language.

    Example:
        bad:
            paths:
              /repos/{repoId}/contents/{path}:
                get:
                  operationId: repos/get-content
        good:
            paths:
              /repos:
                get:
                  operationId: listRepos
                  responses:
                    "200":
                      description: The repositories.
                post:
                  operationId: create_repo
                  responses:
                    "201":
                    # ...
    """
    regex = re.compile(options["pattern"])
    for operation in doc.operations:
        op_id = operation.operation_id
        if op_id and not regex.search(op_id):
            yield (
                operation.loc.child("operationId"),
                f"operationId '{op_id}' is not a valid identifier ({options['pattern']})",
            )


DEFAULT_OPERATION_VERBS = [
    "get", "list", "create", "update", "replace", "delete", "search", "add", "remove",
    "set", "check", "start", "stop", "cancel", "send", "validate", "upload", "download",
]  # fmt: skip


@rule(
    "operation-id-verb-noun",
    area="naming",
    severity="warn",
    summary="operationIds start with a verb from a list and go on with a noun (listUsers).",
    options={
        "verbs": {"type": "array", "items": {"type": "string"}, "default": DEFAULT_OPERATION_VERBS}
    },
    recommended=False,
)
def operation_id_verb_noun(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Each ``operationId`` must be a verb from ``verbs`` followed by at least one more word
    (``listUsers``, ``get_order``); off in ``recommended``.

    Why: a fixed verb vocabulary makes SDK methods guessable (``list`` always returns a
    collection, ``get`` one item) across every API of an organisation.

    Example:
        bad:
            paths:
              /orders:
                get:
                  operationId: orders
        good:
            paths:
              /orders:
                get:
                  operationId: listOrders
    """
    verbs = {verb.lower() for verb in options["verbs"]}
    for operation in doc.operations:
        op_id = operation.operation_id
        if not op_id:
            continue
        words = casing.words(op_id)
        if len(words) < 2 or words[0].lower() not in verbs:
            yield (
                operation.loc.child("operationId"),
                f"operationId '{op_id}' is not a verb ({', '.join(sorted(verbs))}) and a noun",
            )
