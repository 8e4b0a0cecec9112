"""The change kinds ``apilint diff`` reports: a stable id, a level and a summary each.

The level says what a change does to a client written against the old spec: ``breaking`` (it
may stop working), ``warning`` (it may misbehave, or its generated code changes) or ``info``.
Schema changes depend on direction: a client *sends* parameters and request bodies (a narrower
schema rejects what it sends) and *receives* responses and response headers (a wider schema
sends it what it never handled). Each schema change is therefore one kind per context, with the
level of that context's direction. This table is the only place levels are written; the README
table is generated from it (``python -m apilint.changes.kinds``).
"""

from __future__ import annotations

from dataclasses import dataclass

LEVELS = ("breaking", "warning", "info")


@dataclass(frozen=True)
class Kind:
    id: str
    level: str
    summary: str


#: Where a schema is used: (id prefix, how messages name it, direction).
CONTEXTS = (
    ("parameter", "parameter", "request"),
    ("request", "request body", "request"),
    ("response", "response body", "response"),
    ("response-header", "response header", "response"),
    ("webhook", "webhook payload", "response"),
)

#: Schema change suffixes: (suffix, level when clients send it, level when they receive it,
#: summary).
SCHEMA_CHANGES = (
    ("type-changed", "breaking", "breaking", "type changed to an unrelated one"),
    ("type-narrowed", "breaking", "info", "type accepts fewer kinds of value"),
    ("type-widened", "info", "breaking", "type accepts more kinds of value"),
    ("nullable-added", "info", "breaking", "null became a valid value"),
    ("nullable-removed", "breaking", "info", "null is no longer a valid value"),
    ("format-changed", "breaking", "breaking", "format changed"),
    ("format-narrowed", "breaking", "info", "format narrowed (int64 to int32, double to float)"),
    ("format-widened", "info", "breaking", "format widened (int32 to int64, float to double)"),
    ("format-added", "warning", "info", "format added"),
    ("format-removed", "info", "warning", "format removed"),
    ("enum-value-removed", "breaking", "info", "enum value removed"),
    ("enum-value-added", "info", "warning", "enum value added"),
    ("enum-added", "breaking", "info", "values restricted to an enum"),
    ("enum-removed", "info", "warning", "enum restriction removed"),
    ("max-tightened", "breaking", "info", "maximum lowered or added"),
    (
        "max-relaxed",
        "info",
        "breaking",
        "maximum raised or removed: clients get values they never got",
    ),
    ("min-tightened", "breaking", "info", "minimum raised or added"),
    (
        "min-relaxed",
        "info",
        "breaking",
        "minimum lowered or removed: clients get values they never got",
    ),
    ("max-length-tightened", "breaking", "info", "maxLength lowered or added"),
    ("max-length-relaxed", "info", "breaking", "maxLength raised or removed"),
    ("min-length-tightened", "breaking", "info", "minLength raised or added"),
    ("min-length-relaxed", "info", "breaking", "minLength lowered or removed"),
    ("max-items-tightened", "breaking", "info", "maxItems lowered or added"),
    ("max-items-relaxed", "info", "breaking", "maxItems raised or removed"),
    ("min-items-tightened", "breaking", "info", "minItems raised or added"),
    ("min-items-relaxed", "info", "breaking", "minItems lowered or removed"),
    ("max-properties-tightened", "breaking", "info", "maxProperties lowered or added"),
    ("max-properties-relaxed", "info", "breaking", "maxProperties raised or removed"),
    ("min-properties-tightened", "breaking", "info", "minProperties raised or added"),
    ("min-properties-relaxed", "info", "breaking", "minProperties lowered or removed"),
    ("multiple-of-changed", "breaking", "warning", "multipleOf changed or added"),
    ("unique-items-added", "breaking", "info", "items must now be unique"),
    ("unique-items-removed", "info", "breaking", "items may now repeat"),
    ("pattern-added", "breaking", "info", "pattern added"),
    (
        "pattern-changed",
        "warning",
        "warning",
        "pattern changed (whether it accepts more or less is undecidable)",
    ),
    ("pattern-removed", "info", "warning", "pattern removed"),
    ("default-changed", "warning", "info", "default value changed, added or removed"),
    ("property-removed", "warning", "breaking", "property removed"),
    ("property-added", "info", "info", "optional property added"),
    ("property-added-required", "breaking", "info", "required property added"),
    ("property-became-required", "breaking", "info", "property became required"),
    ("property-became-optional", "info", "breaking", "property became optional"),
    ("property-became-read-only", "breaking", "info", "property became readOnly"),
    (
        "property-became-write-only",
        "info",
        "warning",
        "optional property became writeOnly (left responses)",
    ),
    (
        "required-property-became-write-only",
        "info",
        "breaking",
        "required property became writeOnly (left responses)",
    ),
    ("property-deprecated", "info", "info", "property deprecated"),
    ("additional-properties-restricted", "breaking", "info", "additional properties forbidden"),
    ("additional-properties-allowed", "info", "warning", "additional properties allowed"),
    ("variant-added", "info", "breaking", "oneOf/anyOf alternative added"),
    ("variant-removed", "breaking", "info", "oneOf/anyOf alternative removed"),
    ("discriminator-changed", "breaking", "breaking", "discriminator property changed"),
    ("discriminator-mapping-removed", "breaking", "breaking", "discriminator mapping removed"),
    # JSON Schema 2020-12 (OpenAPI 3.1 and 3.2)
    ("const-added", "breaking", "info", "value fixed with const"),
    ("const-changed", "breaking", "breaking", "const value changed"),
    ("const-removed", "info", "breaking", "const removed: any value of the type may come"),
    ("contains-added", "breaking", "info", "arrays must contain a matching item (contains)"),
    ("contains-removed", "info", "breaking", "contains removed"),
    ("min-contains-tightened", "breaking", "info", "minContains raised or added"),
    ("min-contains-relaxed", "info", "breaking", "minContains lowered or removed"),
    ("max-contains-tightened", "breaking", "info", "maxContains lowered or added"),
    ("max-contains-relaxed", "info", "breaking", "maxContains raised or removed"),
    ("dependent-required-added", "breaking", "info", "a property now requires others"),
    ("dependent-required-removed", "info", "breaking", "a property no longer requires others"),
    ("dependent-schema-added", "breaking", "info", "dependentSchemas entry added"),
    ("dependent-schema-removed", "info", "breaking", "dependentSchemas entry removed"),
    ("condition-added", "breaking", "info", "if/then/else added"),
    ("condition-removed", "info", "breaking", "if/then/else removed"),
    ("condition-changed", "warning", "warning", "the if of an if/then/else changed"),
    ("prefix-item-added", "info", "breaking", "prefixItems position added (longer tuples)"),
    ("prefix-item-removed", "breaking", "info", "prefixItems position removed"),
    ("items-restricted", "breaking", "info", "no items beyond prefixItems (items: false)"),
    ("items-allowed", "info", "warning", "items beyond prefixItems allowed again"),
    (
        "unevaluated-properties-restricted",
        "breaking",
        "info",
        "unevaluated properties forbidden",
    ),
    ("unevaluated-properties-allowed", "info", "warning", "unevaluated properties allowed"),
    ("unevaluated-items-restricted", "breaking", "info", "unevaluated items forbidden"),
    ("unevaluated-items-allowed", "info", "warning", "unevaluated items allowed"),
    ("pattern-property-added", "breaking", "info", "patternProperties entry added"),
    ("pattern-property-removed", "info", "breaking", "patternProperties entry removed"),
    ("property-names-added", "breaking", "info", "property names restricted (propertyNames)"),
    ("property-names-removed", "info", "breaking", "propertyNames removed"),
    ("multiple-of-removed", "info", "breaking", "multipleOf removed"),
    (
        "content-encoding-changed",
        "breaking",
        "breaking",
        "contentMediaType or contentEncoding of a string changed",
    ),
    # x-extensible-enum (the extension name is the diff setting extensible-enum-extension)
    ("extensible-enum-value-removed", "breaking", "info", "value removed from an extensible enum"),
    (
        "extensible-enum-value-added",
        "info",
        "info",
        "value added to an extensible enum (clients were told to expect new ones)",
    ),
)

#: Where one context's level differs from its direction's: (id prefix, suffix) -> level, why.
CONTEXT_LEVELS = {
    ("parameter", "default-changed"): (
        "breaking",
        "the server applies a parameter's default to every call that omits it: the same call"
        " now means something else",
    ),
}

#: Changes that are not about a schema: (id, level, summary).
OTHER_CHANGES = (
    # endpoints
    ("operation-removed", "breaking", "operation removed without being deprecated first"),
    ("deprecated-operation-removed", "breaking", "deprecated operation removed"),
    ("operation-added", "info", "operation added"),
    ("operation-deprecated", "info", "operation deprecated"),
    ("operation-reactivated", "info", "operation no longer deprecated"),
    ("operation-id-changed", "warning", "operationId changed (generated clients rename it)"),
    ("stability-decreased", "breaking", "an operation's stability level went down"),
    ("stability-increased", "info", "an operation's stability level went up"),
    ("stability-level-invalid", "breaking", "stability level not draft, alpha, beta or stable"),
    ("sunset-brought-forward", "breaking", "the sunset date of what is deprecated moved earlier"),
    ("sunset-removed", "warning", "the sunset date of what is still deprecated removed"),
    ("webhook-removed", "breaking", "webhook removed"),
    ("webhook-added", "info", "webhook added"),
    # parameters
    ("parameter-added-required", "breaking", "required parameter added"),
    ("parameter-added", "info", "optional parameter added"),
    ("parameter-removed", "breaking", "parameter removed without being deprecated first"),
    ("deprecated-parameter-removed", "breaking", "deprecated parameter removed"),
    ("parameter-renamed", "breaking", "parameter renamed"),
    ("parameter-moved", "breaking", "parameter moved to another location (in)"),
    ("parameter-became-required", "breaking", "parameter became required"),
    ("parameter-became-optional", "info", "parameter became optional"),
    ("parameter-style-changed", "breaking", "parameter serialization (style, explode) changed"),
    ("parameter-deprecated", "info", "parameter deprecated"),
    # request bodies
    ("request-body-added-required", "breaking", "required request body added"),
    ("request-body-added", "info", "optional request body added"),
    ("request-body-removed", "breaking", "request body removed (what clients send is ignored)"),
    ("request-body-became-required", "breaking", "request body became required"),
    ("request-body-became-optional", "info", "request body became optional"),
    ("request-media-type-removed", "breaking", "request media type removed"),
    ("request-media-type-added", "info", "request media type added"),
    ("request-media-type-schema-added", "breaking", "a media type that took anything has a schema"),
    # responses
    ("response-success-status-removed", "breaking", "success (2xx/3xx) response removed"),
    ("response-status-removed", "warning", "error or default response removed"),
    ("response-success-status-added", "info", "success response added"),
    ("response-status-added", "warning", "error response added (clients may not handle it)"),
    ("response-media-type-removed", "breaking", "response media type removed"),
    ("response-media-type-added", "info", "response media type added"),
    ("response-media-type-schema-removed", "breaking", "a media type no longer has a schema"),
    ("response-header-removed", "warning", "response header removed"),
    ("response-required-header-removed", "breaking", "required response header removed"),
    ("response-header-became-optional", "breaking", "response header became optional"),
    ("response-header-added", "info", "response header added"),
    # security
    ("security-added", "breaking", "an open operation now requires authentication"),
    ("security-removed", "warning", "an operation no longer requires authentication"),
    ("security-alternative-removed", "breaking", "a way to authenticate was removed"),
    ("security-alternative-added", "info", "a way to authenticate was added"),
    ("security-scopes-added", "breaking", "an operation requires more OAuth2 scopes"),
    ("security-scopes-removed", "info", "an operation requires fewer OAuth2 scopes"),
    ("security-scheme-removed", "warning", "security scheme removed"),
    ("security-scheme-type-changed", "breaking", "security scheme type changed"),
    ("security-scheme-changed", "breaking", "apiKey name or location, or HTTP scheme changed"),
    ("security-scheme-flow-removed", "breaking", "OAuth2 flow removed"),
    ("security-scheme-url-changed", "warning", "OAuth2 authorization or token URL changed"),
    ("security-scheme-scope-removed", "warning", "OAuth2 scope removed from a flow"),
    # servers
    ("server-removed", "warning", "server URL removed (clients configured with it may fail)"),
    ("server-added", "info", "server URL added"),
    # whole specs
    ("spec-added", "info", "the spec is new since the base revision: nothing to compare"),
    ("spec-removed", "breaking", "a spec that existed at the base revision is gone"),
    # version policy
    ("version-not-bumped", "breaking", "breaking changes without a major version bump"),
    ("version-decreased", "warning", "info.version went down"),
    ("version-bumped-without-breaking", "info", "major version bumped without breaking changes"),
)


def _build() -> dict[str, Kind]:
    kinds: dict[str, Kind] = {}
    for prefix, noun, direction in CONTEXTS:
        for suffix, sent, received, summary in SCHEMA_CHANGES:
            kind_id = f"{prefix}-{suffix}"
            level = sent if direction == "request" else received
            level = CONTEXT_LEVELS.get((prefix, suffix), (level, ""))[0]
            kinds[kind_id] = Kind(kind_id, level, f"{noun}: {summary}")
    for kind_id, level, summary in OTHER_CHANGES:
        kinds[kind_id] = Kind(kind_id, level, summary)
    return kinds


KINDS: dict[str, Kind] = _build()


def readme_table() -> str:
    """The README's table of change kinds, generated so it can never disagree with the code."""
    lines = ["| change | when a client sends it | when a client receives it |", "|---|---|---|"]
    for suffix, sent, received, summary in SCHEMA_CHANGES:
        lines.append(f"| `*-{suffix}`: {summary} | {sent} | {received} |")
    for (prefix, suffix), (level, why) in CONTEXT_LEVELS.items():
        lines += ["", f"`{prefix}-{suffix}` is {level}: {why}."]
    lines += ["", "| level | change | meaning |", "|---|---|---|"]
    for kind_id, level, summary in OTHER_CHANGES:
        lines.append(f"| {level} | `{kind_id}` | {summary} |")
    return "\n".join(lines)


if __name__ == "__main__":  # pragma: no cover
    print(readme_table())
