"""Short human names of the nodes of an OpenAPI document, for messages: the node a JSON
pointer points to, named by its operation or component and its property path
(``'tags' in Subscriber``, ``POST /imports request body``, ``GET /items parameter 'limit'``).

A message that names its node is a message that names its defect: the engine makes one finding
of one rule's identical messages, so two different nodes must not share a message.
"""

from __future__ import annotations

from apilint.model.document import ADDITIONAL_OPERATIONS, HTTP_METHODS
from apilint.source import pointer

_METHODS = frozenset(HTTP_METHODS)
_SECTIONS = frozenset({"definitions", "parameters", "responses", "securityDefinitions"})


def _base(tokens: list[str]) -> tuple[str, int]:
    """The operation or component the tokens start in, and how many tokens it took."""
    if len(tokens) >= 3 and tokens[0] == "components":
        return tokens[2], 3
    if len(tokens) >= 2 and tokens[0] in _SECTIONS:
        return tokens[1], 2
    if len(tokens) >= 2 and tokens[0] in ("paths", "webhooks"):
        if len(tokens) >= 3 and tokens[2] in _METHODS:
            return f"{tokens[2].upper()} {tokens[1]}", 3
        if len(tokens) >= 4 and tokens[2] == ADDITIONAL_OPERATIONS:  # 3.2: COPY, PURGE...
            return f"{tokens[3].upper()} {tokens[1]}", 4
        return tokens[1], 2
    return "", 0


def subject(where: str) -> str:
    """The node at pointer ``where`` in a few words (the pointer itself when it has no
    OpenAPI shape that names it)."""
    tokens = pointer.split(where)
    base, start = _base(tokens)
    if not base:
        return where or "the document"
    properties: list[str] = []
    context: list[str] = []
    rest = tokens[start:]
    index = 0
    while index < len(rest):
        token = rest[index]
        following = rest[index + 1] if index + 1 < len(rest) else None
        if token == "properties" and following is not None:
            properties.append(following)
            index += 2
            continue
        if token == "items" and properties:
            properties[-1] += "[]"
        elif token == "additionalProperties":
            properties.append("*")
        elif token == "requestBody" and not properties:
            context.append("request body")
        elif token == "responses" and following is not None and not properties:
            context.append(f"response {following}")
            index += 2
            continue
        elif token == "parameters" and following is not None and not properties:
            context.append(f"parameter {following}")
            index += 2
            continue
        index += 1
    named = " ".join([base, *context])
    return f"'{'.'.join(properties)}' in {named}" if properties else named
