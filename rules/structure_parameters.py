"""Structure rules about parameter lists: a parameter listed twice, and (2.0) bodies sent two
ways at once.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

from apilint.rule import Document, Findings, Item, Location, rule, subject


def _parameter_lists(doc: Document) -> Iterator[Item]:
    """Each ``parameters`` list of a path item or an operation (callbacks included), once."""
    seen: set[Location] = set()
    for operation in (*doc.operations, *doc.callbacks):
        for owner in (operation.path_item, operation):
            found = doc.child(owner, "parameters")
            if found is not None and found.loc not in seen and isinstance(found.value, list):
                seen.add(found.loc)
                yield found


def _identity(value: Any) -> tuple[str, str] | None:
    """A parameter's (``in``, name): header names are case-insensitive."""
    if not isinstance(value, dict):
        return None
    name, where = value.get("name"), value.get("in")
    if not isinstance(name, str) or not isinstance(where, str):
        return None
    return where, name.lower() if where == "header" else name


@rule(
    "parameter-unique",
    area="structure",
    severity="error",
    summary="A parameter list names each parameter (name and in) once.",
)
def parameter_unique(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Within one ``parameters`` list (an operation's, or a path item's) no two entries are the
    same parameter: the same ``name`` and ``in`` (header names compared without case), after
    following ``$ref``s. The repeat is reported at its place. An operation's parameter that
    overrides one of its path item is allowed, as OpenAPI says. Two identical entries written
    out in full are left to ``oas-schema``, which reports the list as having non-unique items
    (Spectral's ``operation-parameters``, Redocly's ``operation-parameters-unique``). In 2.0, a
    second ``in: body`` parameter, or ``body`` with ``formData`` in one list, is reported too.

    Why: which of two same-named parameters a tool keeps is undefined; one is silently
    dropped, and with it its schema, its requiredness or its description.

    Example:
        bad:
            paths:
              /orders:
                parameters:
                  - name: x-tenant
                    in: header
                    description: Header names are case-insensitive.
                    schema:
                      type: string
        good:
            paths:
              /orders/{id}:
                parameters:
                  - $ref: "#/components/parameters/Id"
                  - name: limit
                    in: query
                    schema:
                      type: integer
                get:
                  parameters:
                    - name: limit  # an operation may override its path item's parameter
                    # ...
    """
    for listed in _parameter_lists(doc):
        owner = subject(listed.loc.pointer)
        first: dict[tuple[str, str], tuple[int, Any]] = {}
        kinds: dict[str, list[int]] = {"body": [], "formData": []}
        for index, raw in enumerate(listed.value):
            resolved = doc.resolve(listed.loc.child(index), raw)
            value = resolved.value if resolved is not None else None
            identity = _identity(value)
            if identity is None:
                continue
            if identity not in first:
                first[identity] = (index, raw)
                kinds.get(identity[0], []).append(index)
                continue
            before, raw_before = first[identity]
            if _same_inline(raw, raw_before):
                continue  # oas-schema reports the list's non-unique items
            yield (
                listed.loc.child(index),
                f"{identity[0]} parameter '{value['name']}' of {owner} is listed again"
                f" (first as parameter {before})",
            )
        if not doc.is_swagger:
            continue
        bodies, forms = kinds["body"], kinds["formData"]
        if len(bodies) > 1:
            yield listed.loc.child(bodies[1]), f"{owner} has a second body parameter"
        if bodies and forms:
            later = max(bodies[0], forms[0])
            yield listed.loc.child(later), f"{owner} sends both a body and formData parameters"


def _same_inline(one: Any, other: Any) -> bool:
    """Whether two list entries are the same parameter written out in full, twice."""
    if _is_ref(one) or _is_ref(other):
        return False
    return json.dumps(one, sort_keys=True, default=str) == json.dumps(
        other, sort_keys=True, default=str
    )


def _is_ref(value: Any) -> bool:
    return isinstance(value, dict) and "$ref" in value
