"""Documentation rules for operations and tags: every operation has a summary, a description and a
declared tag, and every declared tag has a description.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from apilint.analysis.coverage import documented
from apilint.rule import Document, Findings, rule

from ._common import _blank


@rule(
    "operation-summary",
    area="documentation",
    severity="warn",
    summary="Every operation has a summary, short and without a trailing period.",
    options={"max-length": {"type": "integer", "minimum": 1, "default": 80}},
)
def operation_summary(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Each operation needs a ``summary``: not blank, at most ``max-length`` characters, not
    ending with a period, and not a copy of the operationId or the path.

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
    for operation in doc.operations:
        label = operation.label
        summary = operation.value.get("summary")
        if _blank(summary):
            yield operation.loc, f"{label} has no summary"
            continue
        text = summary.strip()
        if len(text) > limit:
            yield (
                operation.loc.child("summary"),
                f"summary of {label} is {len(text)} characters long (at most {limit})",
            )
        if text.endswith(".") and not text.endswith(".."):
            yield operation.loc.child("summary"), f"summary of {label} ends with a period"
        op_id = operation.operation_id
        if text in (operation.path, op_id):
            copied = "the path" if text == operation.path else "the operationId"
            yield operation.loc.child("summary"), f"summary of {label} only repeats {copied}"


@rule(
    "operation-description",
    area="documentation",
    severity="info",
    summary="Every operation has a description.",
)
def operation_description(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Each operation needs a ``description`` that is not blank or a placeholder.

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
    for operation in doc.operations:
        if not documented(operation.value.get("description")):
            label = operation.label
            yield operation.loc, f"{label} has no description"


@rule(
    "operation-tags",
    area="documentation",
    severity="warn",
    summary="Every operation has at least one tag.",
)
def operation_tags(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Each operation must list at least one tag.

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
    for operation in doc.operations:
        tags = operation.value.get("tags")
        if not (isinstance(tags, list) and any(isinstance(t, str) and t.strip() for t in tags)):
            yield operation.loc, f"{operation.label} has no tag"


@rule(
    "operation-tag-defined",
    area="documentation",
    severity="warn",
    summary="Every tag an operation uses is declared at the top level.",
)
def operation_tag_defined(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Each name in an operation's ``tags`` must appear in the top-level ``tags`` list.

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
    for operation in doc.operations:
        tags = operation.value.get("tags")
        if not isinstance(tags, list):
            continue
        for index, name in enumerate(tags):
            if isinstance(name, str) and name not in declared:
                yield operation.loc.child("tags", index), f"tag '{name}' is not declared in tags"


@rule(
    "tag-description",
    area="documentation",
    severity="warn",
    summary="Every declared tag has a description.",
)
def tag_description(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Each entry of the top-level ``tags`` needs a ``description``.

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
        if not documented(tag.value.get("description")):
            yield tag.loc, f"tag '{tag.name}' has no description"
