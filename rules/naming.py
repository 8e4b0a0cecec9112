"""Naming rules: names in a spec follow the organisation's casing conventions."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from apilint import casing, pointer
from apilint.document import Document
from apilint.rule import Findings, rule

_STYLE = {"enum": sorted(casing.STYLES), "default": "camel"}
_ALLOW = {"type": "array", "items": {"type": "string"}, "default": []}


def _problem(kind: str, name: str, style: str) -> str:
    label = casing.LABELS[style]
    return f"{kind} '{name}' is not {label} (expected '{casing.convert(name, style)}')"


@rule(
    "path-segment-casing",
    area="naming",
    severity="warn",
    summary="Static path segments follow one casing style (kebab-case by default).",
    options={"style": {**_STYLE, "default": "kebab"}, "allow": _ALLOW},
)
def path_segment_casing(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Checks every static segment of every path (``/user-accounts/{id}``: ``user-accounts``)
    against the configured style; template parameters and segments listed in ``allow`` are
    skipped.

    Why: URLs are the most visible part of an API; one convention across every API of an
    organisation makes them predictable. Kebab-case is the common choice (Zalando 129).
    """
    style, allow = options["style"], set(options["allow"])
    paths = doc.data.get("paths")
    if not isinstance(paths, dict):
        return
    for path in paths:
        if not path.startswith("/"):
            continue
        for segment in path.split("/"):
            if not segment or "{" in segment or segment in allow:
                continue
            if not casing.matches(segment, style):
                yield (
                    pointer.join("/paths", path),
                    _problem("path segment", segment, style) + f" in {path}",
                )


@rule(
    "operation-id-casing",
    area="naming",
    severity="warn",
    summary="operationIds follow one casing style (camelCase by default).",
    options={"style": _STYLE, "allow": _ALLOW},
)
def operation_id_casing(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Checks each ``operationId`` against the configured style.

    Why: generated SDKs turn operationIds into method names; a consistent style gives
    idiomatic method names without per-operation overrides.
    """
    style, allow = options["style"], set(options["allow"])
    for operation in doc.operations:
        op_id = operation.operation_id
        if op_id and op_id not in allow and not casing.matches(op_id, style):
            yield operation.loc.child("operationId"), _problem("operationId", op_id, style)


_IGNORED_PROPERTY = re.compile(r"^(?:@|\$|_links$|_embedded$)")


@rule(
    "property-casing",
    area="naming",
    severity="warn",
    summary="Schema property names follow one casing style (camelCase by default).",
    options={"style": _STYLE, "allow": _ALLOW},
)
def property_casing(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Checks the name of every property of every schema, at any depth, each schema once even
    when it is referenced many times. Names starting with ``@`` or ``$`` (JSON-LD, HAL) and
    names listed in ``allow`` are skipped.

    Why: JSON payloads are read by code in many languages; one property style across an API
    spares every client a mapping layer.
    """
    style, allow = options["style"], set(options["allow"])
    for prop in doc.properties:
        name = prop.name
        if name in allow or _IGNORED_PROPERTY.match(name):
            continue
        if not casing.matches(name, style):
            yield prop.loc, _problem("property", name, style)
