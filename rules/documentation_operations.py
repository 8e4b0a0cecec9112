"""Documentation rules for operations and tags: every operation has a summary, a description and a
declared tag, and every declared tag has a description.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from apilint.rule import Document, Findings, Location, Operation, rule

from ._common import _blank, _operations_without, _spec_wide


@rule(
    "operation-summary",
    area="documentation",
    severity="warn",
    summary="Every operation has a summary, and a short one.",
    options={
        "max-length": {"type": "integer", "minimum": 1, "default": 80},
        "no-trailing-period": {"type": "boolean", "default": False},
    },
    strict_options={"no-trailing-period": True},
)
def operation_summary(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Each operation needs a ``summary``: not missing or blank, at most ``max-length``
    characters, and not a copy of the operationId or the path. With ``no-trailing-period``
    (off by default, on in ``strict``) it must not end with a period either. A summary that is
    written but a placeholder (``TODO``) is ``placeholder-text``'s finding, not this rule's.
    When (nearly) no operation has a summary, that is the spec's way of doing things: one
    finding, with every operation as a related place, not one per operation.

    Why: the summary is the operation's title in every documentation tool and SDK; a missing
    one leaves the reader with a bare path, a long one breaks navigation menus.

    Example:
        bad:
            paths:
              /notifications:
                get:
                  description: Every notification of the signed-in user, newest first.
                  responses:
                    "200":
                      description: The notifications.
        good:
            paths:
              /notifications:
                get:
                  summary: List notifications
                  description: Every notification of the signed-in user, newest first. Read ...
                  responses:
                    "200":
                      description: The notifications.
    """
    limit = options["max-length"]
    missing: list[tuple[Any, str]] = []
    for operation in doc.operations:
        label = operation.label
        summary = operation.value.get("summary")
        if _blank(summary):
            missing.append((operation.loc, f"{label} has no summary"))
            continue
        text = summary.strip()
        if len(text) > limit:
            yield (
                operation.loc.child("summary"),
                f"summary of {label} is {len(text)} characters long (at most {limit})",
            )
        if options["no-trailing-period"] and text.endswith(".") and not text.endswith(".."):
            yield operation.loc.child("summary"), f"summary of {label} ends with a period"
        op_id = operation.operation_id
        if text in (operation.path, op_id):
            copied = "the path" if text == operation.path else "the operationId"
            yield operation.loc.child("summary"), f"summary of {label} only repeats {copied}"
    total = len(doc.operations)
    yield from _spec_wide(missing, total, "{failing} of the {total} operations have no summary")


@rule(
    "operation-description",
    area="documentation",
    severity="info",
    summary="Every operation has a description.",
)
def operation_description(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Each operation needs a ``description`` that is not missing or blank. One that is
    written but says nothing (``TODO``, only the operationId in words) is
    ``placeholder-text``'s finding, not this rule's. When (nearly) no operation has a
    description, that is one finding, with every operation as a related place.

    Why: the summary names the operation; the description says what it does, its side effects
    and its rules, which a consumer cannot guess from a path.

    Example:
        bad:
            paths:
              /orders:
                get:
                  summary: List orders
                  responses:
                    "200":
                      description: The orders.
        good:
            paths:
              /orders:
                get:
                  summary: List orders
                  description: The orders of the signed-in customer, newest first.
                  responses:
                    "200":
                      description: The orders.
    """
    yield from _operations_without(
        doc, lambda op: _blank(op.value.get("description")), "description"
    )


@rule(
    "operation-tags",
    area="documentation",
    severity="warn",
    summary="Every operation has at least one tag.",
)
def operation_tags(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Each operation must list at least one tag. When nearly every operation has none, the
    spec does not use tags, and that is one finding.

    Why: documentation tools group operations by tag; an untagged operation ends up in a
    catch-all section, or disappears from navigation.

    Example:
        bad:
            paths:
              /orders:
                get:
                  summary: List orders
                  responses:
                    "200":
                      description: The orders.
        good:
            paths:
              /orders:
                get:
                  summary: List orders
                  tags: [orders]
                  responses:
                    "200":
                      description: The orders.
    """

    def untagged(operation: Operation) -> bool:
        tags = operation.value.get("tags")
        return not (isinstance(tags, list) and any(isinstance(t, str) and t.strip() for t in tags))

    yield from _operations_without(doc, untagged, "tag")


@rule(
    "operation-tag-defined",
    area="documentation",
    severity="warn",
    summary="Every tag an operation uses is declared at the top level.",
)
def operation_tag_defined(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Each name in an operation's ``tags`` must appear in the top-level ``tags`` list. A spec
    that declares no tags at all gets one finding, at the first tag it uses, not one per use.

    Why: documentation tools group operations by tag and show the declared tag's description;
    an undeclared tag produces an undocumented, often misspelled, section.

    Example:
        bad:
            paths:
              /products:
                get:
                  tags:
                    - Catalogue
        good:
            paths:
              /products:
                get:
                  tags:
                    - products
    """
    declared = {tag.name for tag in doc.tags}
    undeclared: dict[str, Location] = {}  # name -> its first use
    for operation in doc.operations:
        tags = operation.value.get("tags")
        if not isinstance(tags, list):
            continue
        for index, name in enumerate(tags):
            if isinstance(name, str) and name not in declared:
                where = operation.loc.child("tags", index)
                undeclared.setdefault(name, where)
                if declared:
                    yield where, f"tag '{name}' is not declared in tags"
    if undeclared and not declared:  # one choice, not a slip per use: one finding
        name, where = next(iter(undeclared.items()))
        used = f"{len(undeclared)} tags ('{name}', ...) are" if len(undeclared) > 1 else None
        used = used or f"tag '{name}' is"
        yield where, f"{used} used but the top-level tags declare none"


@rule(
    "tag-description",
    area="documentation",
    severity="warn",
    summary="Every declared tag has a description.",
)
def tag_description(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Each entry of the top-level ``tags`` needs a ``description`` that is not blank. One that
    is written but says nothing (``TODO``, only the tag's name) is ``placeholder-text``'s
    finding, not this rule's.

    Why: the tag description is the introduction of its section in every documentation portal.

    Example:
        bad:
            tags:
              - name: orders
        good:
            tags:
              - name: orders
                description: Placing, tracking and cancelling orders.
    """
    for tag in doc.tags:
        if _blank(tag.value.get("description")):
            yield tag.loc, f"tag '{tag.name}' has no description"
