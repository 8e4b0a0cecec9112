"""Documentation rules: a consumer can use the API from its spec alone."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from apilint.document import Document
from apilint.rule import Findings, rule


def _blank(value: Any) -> bool:
    return not isinstance(value, str) or not value.strip()


@rule(
    "info-description",
    area="documentation",
    severity="warn",
    summary="info has a description.",
)
def info_description(doc: Document, options: Mapping[str, Any]) -> Findings:
    """``info.description`` must be present and not blank.

    Why: it is the landing page of the API's documentation: what the API is for, who may use
    it and how to start.
    """
    info = doc.info
    if info is not None and _blank(info.value.get("description")):
        yield info.loc, "info has no description"


@rule(
    "info-contact",
    area="documentation",
    severity="warn",
    summary="info has a contact with a name, an email or a URL.",
)
def info_contact(doc: Document, options: Mapping[str, Any]) -> Findings:
    """``info.contact`` must be present and give at least a name, an email or a URL.

    Why: consumers with a question or an incident need to know who owns the API.
    """
    info = doc.info
    if info is None:
        return
    contact = info.value.get("contact")
    if not isinstance(contact, dict):
        yield info.loc, "info has no contact"
    elif all(_blank(contact.get(key)) for key in ("name", "email", "url")):
        yield info.loc.child("contact"), "info.contact has no name, email or url"


@rule(
    "operation-summary",
    area="documentation",
    severity="warn",
    summary="Every operation has a summary, short and without a trailing period.",
    options={"max-length": {"type": "integer", "minimum": 1, "default": 80}},
)
def operation_summary(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Each operation needs a ``summary``: not blank, at most ``max-length`` characters, not
    ending with a period.

    Why: the summary is the operation's title in every documentation tool and SDK; a missing
    one leaves the reader with a bare path, a long one breaks navigation menus.
    """
    limit = options["max-length"]
    for operation in doc.operations:
        label = f"{operation.method.upper()} {operation.path}"
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
    """
    declared = {tag.name for tag in doc.tags}
    for operation in doc.operations:
        tags = operation.value.get("tags")
        if not isinstance(tags, list):
            continue
        for index, name in enumerate(tags):
            if isinstance(name, str) and name not in declared:
                yield operation.loc.child("tags", index), f"tag '{name}' is not declared in tags"
