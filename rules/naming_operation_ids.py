"""Naming rules for operationIds: every operation has one, a valid identifier, optionally a verb
and a noun (casing is ``operation-id-casing``'s business, in ``naming_casing``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from apilint.rule import Document, Findings, casing, rule

from ._common import _operations_without, _spec_wide

#: What an operationId must be by default: a name every generator maps to a method name and
#: that needs no escaping in a URL fragment.
_OPERATION_ID_NAME = r"^[A-Za-z_][A-Za-z0-9_.-]*$"
#: An identifier in code, what the ``strict`` preset asks an operationId to be.
_IDENTIFIER = r"^[A-Za-z_][A-Za-z0-9_]*$"


@rule(
    "operation-id-defined",
    area="naming",
    severity="warn",
    summary="Every operation has an operationId.",
)
def operation_id_defined(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Each operation (webhooks included; callbacks, which the API sends rather than serves,
    are not) must have a non-empty ``operationId``. When nearly every operation has none,
    the spec does not use operationIds, and that is one finding.

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
    yield from _operations_without(doc, lambda op: not op.operation_id, "operationId")


@rule(
    "operation-id-valid",
    area="naming",
    severity="warn",
    summary="operationIds are names code and URLs can use (letters, digits, _ - .).",
    options={"pattern": {"type": "string", "format": "regex", "default": _OPERATION_ID_NAME}},
    strict_options={"pattern": _IDENTIFIER},
    supersedes=("operation-id-casing",),
)
def operation_id_valid(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Each ``operationId`` must match ``pattern``: by default a letter or underscore, then
    letters, digits, underscores, hyphens or dots, so every generator maps it to a method name
    and it needs no escaping in a URL fragment (``strict`` asks for an identifier: no hyphens
    or dots). When nearly every operationId of a spec breaks the pattern, that is the spec's
    convention and one finding, its operations listed as related places. Its finding replaces
    ``operation-id-casing``'s on the same operationId.

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
    named = [op for op in doc.operations if op.operation_id]
    failing = [
        (
            op.loc.child("operationId"),
            f"operationId '{op.operation_id}' is not a valid name ({options['pattern']})",
        )
        for op in named
        if not regex.search(op.operation_id)
    ]
    yield from _spec_wide(
        failing,
        len(named),
        f"{{failing}} of {{total}} operationIds are not valid names ({options['pattern']})",
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
