"""Structure rules about ``$ref``: keys written beside a ``$ref`` that tools ignore."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from apilint.rule import Document, Findings, Location, pointer, rule, subject

#: Keys that only document (a sibling of these kinds is lost text, not a lost constraint).
DOCUMENTATION = frozenset(
    {"description", "title", "summary", "example", "examples", "externalDocs"}
)
#: What a Reference Object may carry beside its ``$ref`` in OpenAPI 3.1 and later.
REFERENCE_OBJECT_KEYS = frozenset({"summary", "description"})
#: Keywords under which everything is a schema (3.1: a schema's ``$ref`` siblings apply).
SCHEMA_KEYWORDS = frozenset(
    {
        "schema",
        "schemas",
        "definitions",
        "$defs",
        "properties",
        "patternProperties",
        "additionalProperties",
        "items",
        "prefixItems",
        "itemSchema",
        "allOf",
        "anyOf",
        "oneOf",
        "not",
        "if",
        "then",
        "else",
        "contains",
        "dependentSchemas",
        "propertyNames",
        "unevaluatedItems",
        "unevaluatedProperties",
        "contentSchema",
    }
)


def _path_item(tokens: list[str]) -> bool:
    """Whether the object at ``tokens`` is a Path Item, whose ``$ref`` is a field of its own."""
    if len(tokens) >= 2 and tokens[-2] in ("paths", "webhooks", "pathItems"):
        return True
    return len(tokens) >= 3 and tokens[-3] == "callbacks"


def _lost(
    doc: Document, site: Location, keys: tuple[str, ...], allowed: frozenset[str]
) -> list[str]:
    """The keys beside the ``$ref`` at ``site`` that say something the target does not: not
    extensions, not ``allowed``, and not a repetition of the target's own value."""
    candidates = [key for key in keys if not key.startswith("x-") and key not in allowed]
    if not candidates:
        return []
    written = doc.workspace.value(site)
    target = doc.resolve(site, written)
    same = target.value if target is not None and isinstance(target.value, dict) else {}
    return [key for key in candidates if key not in same or same[key] != written[key]]


@rule(
    "ref-siblings",
    area="structure",
    severity="warn",
    summary="No keys beside a $ref where OpenAPI ignores them.",
    options={
        "documentation": {
            "type": "boolean",
            "default": True,
            "description": "In 2.0 and 3.0, report documentation keys beside a $ref too"
            " (description, title, summary, example, examples, externalDocs), one finding"
            " per key for the whole spec.",
        }
    },
)
def ref_siblings(doc: Document, options: Mapping[str, Any]) -> Findings:
    """In OpenAPI 2.0 and 3.0 an object with a ``$ref`` is replaced by what it points at, and
    every key written beside the ``$ref`` is ignored: a ``nullable``, ``readOnly``, ``type`` or
    ``required`` there constrains nothing. Such an object is one finding, naming the ignored
    keys. In 3.1 and later a schema's keys beside ``$ref`` apply (JSON Schema 2020-12), and a
    Reference Object elsewhere may carry only ``summary`` and ``description``. Documentation
    keys (``description``, ``title``, ``summary``, ``example(s)``, ``externalDocs``) beside a
    ``$ref`` in 2.0 and 3.0 are lost text rather than lost constraints, and documentation
    renderers commonly show them: they are one finding per key for the whole spec, listing the
    places (``documentation: false`` leaves them out). A key that repeats the target's own value
    (``type: object`` beside a ``$ref`` to an object) loses nothing and is not reported; nor is
    a Path Item's ``$ref`` (a field of the Path Item), nor an extension (``x-...``). Spectral's
    ``no-$ref-siblings`` and Redocly's ``spec-ref-siblings`` report every sibling at every
    place.

    Why: a constraint written beside a ``$ref`` looks effective in review and in some
    renderers, while validators and code generators that follow the specification drop it;
    clients then send or receive what the author meant to forbid.

    Example:
        bad:
            paths:
              /orders:
                get:
                  parameters:
                    - $ref: "#/components/parameters/Limit"
                      required: true
        good:
            paths:
              /orders:
                $ref: "#/x-paths/orders"  # a Path Item's $ref is its own field: siblings allowed
                summary: Orders
    """
    modern = doc.version not in ("2.0", "3.0")
    allowed = REFERENCE_OBJECT_KEYS if modern else frozenset()
    for site, keys in doc.workspace.ref_siblings.items():
        tokens = pointer.split(site.pointer)
        in_schema = any(token in SCHEMA_KEYWORDS for token in tokens)
        if _path_item(tokens) or (modern and (in_schema or site.file != doc.root.file)):
            continue  # a Path Item's own $ref; in 3.1, a schema (or maybe one): siblings apply
        ignored = _lost(doc, site, keys, allowed)
        if not ignored:
            continue
        if not modern and all(key in DOCUMENTATION for key in ignored):
            if options["documentation"]:
                for key in ignored:  # the same message everywhere: one finding, its places
                    yield (
                        site.child(key),
                        f"'{key}' beside $ref is ignored by OpenAPI {doc.version}"
                        " (renderers may show it; validators and generators do not)",
                    )
            continue
        listed = ", ".join(f"'{key}'" for key in ignored)
        where = subject(site.pointer) if site.file == doc.root.file else site.pointer
        verb = "is" if len(ignored) == 1 else "are"
        if modern:
            advice = "a Reference Object takes only summary and description"
        elif in_schema or not tokens:
            advice = f"OpenAPI {doc.version} ignores keys beside $ref; wrap the $ref in allOf"
        else:
            advice = f"OpenAPI {doc.version} ignores keys beside $ref"
        yield site.child(ignored[0]), f"{listed} beside $ref in {where} {verb} ignored: {advice}"
