"""The peers' default rules and what covers each in apilint: Spectral's ``spectral:oas`` and
Redocly's ``recommended`` (the rules that apply to OpenAPI), one entry per peer rule.

A peer rule whose meaning is the same as one apilint rule's is an *alias*: a config, an
override and an ``x-apilint-ignore`` marker may name the rule by it (``rules:
{oas3-unused-component: off}`` switches ``component-unused`` off), and findings are still
reported under apilint's id. Every other peer rule has a note saying why apilint covers it
differently or not at all; ``docs/generate.py`` writes the README table from these entries.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Peer = Literal["spectral", "redocly"]

#: How messages and the README name each peer, and the ruleset its rules come from.
PEER_NAMES: dict[Peer, str] = {"spectral": "Spectral", "redocly": "Redocly"}
RULESETS: dict[Peer, str] = {"spectral": "spectral:oas", "redocly": "recommended"}


@dataclass(frozen=True)
class PeerRule:
    """One rule of a peer's default ruleset: the apilint rules that cover it (none: no
    equivalent), whether its id is an alias of the one apilint rule that means the same, a
    note saying how apilint differs, and whether the peer runs it by default (Spectral's
    ``recommended: false`` rules run only with ``[spectral:oas, all]``)."""

    peer: Peer
    id: str
    apilint: tuple[str, ...]
    alias: bool
    note: str
    on_by_default: bool = True


_EXAMPLES = (
    "example-valid checks every example and default (media types, parameters, headers and"
    " schemas) against its schema in one rule"
)
_OAS_SCHEMA_2 = (
    "The 2.0 Schema Object has no {keyword}: oas-schema reports it (\"property '{keyword}' is"
    ' not allowed here") with every other structural error.'
)
_SECURITY_DEFINED = (
    "Spectral checks the scheme names and their scopes in one rule; apilint splits them:"
    " security-scheme-defined (names) and oauth2-scope-defined (OAuth2 scopes)"
)
_REF_SIBLINGS = (
    "Same defect, reported once per object naming its ignored keys; documentation keys"
    " (description, example...) beside $refs are one finding per key for the spec, and a key"
    " that repeats the target's value is not reported. From 3.1 a schema's keys beside $ref"
    " apply, and other objects may have summary and description"
)
_EXAMPLE_DOMAIN = (
    "One rule for the 2.0 host and the 3.x server URLs, and for every domain RFC 2606 reserves"
    " for documentation (example.com, .net, .org and .example)."
)
_SERVERS_OFF = (
    "Same check, off by default in apilint: without servers OpenAPI serves the API where the"
    " document is, right for software each customer installs. servers: [] is empty-list's."
)
_CALLBACKS = (
    "callback-structure checks callbacks inside callbacks and servers or callbacks in webhooks"
    " in one rule"
)
_SERVER_VARIABLES = (
    "server-variables checks every server variable defect in one rule: a {name} not declared,"
    " a variable not used, an empty enum, a default outside the enum."
)
_MARKDOWN = (
    "markdown-unsafe checks <script> tags, eval(, event handlers and javascript: links together,"
    " in titles, summaries and descriptions"
)
_SERVERS = (
    "servers-defined (off by default) checks in one rule that the API says where it is served:"
    " servers in 3.x, host and schemes in 2.0"
)

_ENTRIES: tuple[PeerRule, ...] = (
    # --- Spectral, spectral:oas ---------------------------------------------------------
    PeerRule("spectral", "array-items", ("array-items",), False, "Same id, same check."),
    PeerRule(
        "spectral",
        "contact-properties",
        ("info-contact",),
        False,
        "info-contact asks for one way to reach the owner (a name, an email or a URL), not"
        " all three; no apilint rule demands all three.",
        on_by_default=False,
    ),
    PeerRule("spectral", "duplicated-entry-in-enum", ("enum-duplicate",), True, "Same check."),
    PeerRule(
        "spectral",
        "info-contact",
        ("info-contact",),
        False,
        "Same id; apilint also asks the contact to give a name, an email or a URL.",
    ),
    PeerRule("spectral", "info-description", ("info-description",), False, "Same id, same check."),
    PeerRule(
        "spectral",
        "info-license",
        ("info-license",),
        False,
        "Same id; on by default in apilint, and the license must name its terms (a URL or an"
        " SPDX identifier, Spectral's license-url).",
        on_by_default=False,
    ),
    PeerRule(
        "spectral",
        "license-url",
        ("info-license",),
        True,
        "info-license checks that the license is there and has a URL (or, from 3.1, an SPDX"
        " identifier).",
        on_by_default=False,
    ),
    PeerRule(
        "spectral",
        "no-$ref-siblings",
        ("ref-siblings",),
        True,
        f"{_REF_SIBLINGS} (Spectral judges 2.0 and 3.0 only).",
    ),
    PeerRule(
        "spectral",
        "no-eval-in-markdown",
        ("markdown-unsafe",),
        False,
        f"{_MARKDOWN} (Spectral splits them in two).",
    ),
    PeerRule(
        "spectral",
        "no-script-tags-in-markdown",
        ("markdown-unsafe",),
        False,
        f"{_MARKDOWN} (Spectral splits them in two).",
    ),
    PeerRule(
        "spectral",
        "oas2-anyOf",
        ("oas-schema",),
        False,
        _OAS_SCHEMA_2.format(keyword="anyOf"),
    ),
    PeerRule("spectral", "oas2-api-host", ("servers-defined",), False, f"{_SERVERS}."),
    PeerRule("spectral", "oas2-api-schemes", ("servers-defined",), False, f"{_SERVERS}."),
    PeerRule(
        "spectral",
        "oas2-discriminator",
        ("discriminator-property",),
        True,
        "Same check: the discriminator names a property the schema defines and requires.",
    ),
    PeerRule(
        "spectral",
        "oas2-host-not-example",
        ("server-example-domain",),
        True,
        _EXAMPLE_DOMAIN,
        on_by_default=False,
    ),
    PeerRule(
        "spectral",
        "oas2-host-trailing-slash",
        ("server-trailing-slash",),
        True,
        "apilint also checks basePath in 2.0, and server URLs in 3.x.",
    ),
    PeerRule(
        "spectral",
        "oas2-oneOf",
        ("oas-schema",),
        False,
        _OAS_SCHEMA_2.format(keyword="oneOf"),
    ),
    PeerRule(
        "spectral",
        "oas2-operation-formData-consume-check",
        ("form-data-consumes",),
        True,
        "Same check.",
    ),
    PeerRule(
        "spectral",
        "oas2-operation-security-defined",
        ("security-scheme-defined", "oauth2-scope-defined"),
        False,
        f"{_SECURITY_DEFINED}.",
    ),
    PeerRule(
        "spectral",
        "oas2-parameter-description",
        ("parameter-description",),
        True,
        "One rule for every OpenAPI version; on by default in apilint.",
        on_by_default=False,
    ),
    PeerRule(
        "spectral", "oas2-schema", ("oas-schema",), True, "Same check: the OpenAPI 2.0 JSON Schema."
    ),
    PeerRule(
        "spectral",
        "oas2-unused-definition",
        ("component-unused",),
        True,
        "apilint checks every reusable kind (definitions, parameters, responses), across files.",
    ),
    PeerRule(
        "spectral",
        "oas2-valid-media-example",
        ("example-valid",),
        False,
        f"{_EXAMPLES}.",
    ),
    PeerRule(
        "spectral",
        "oas2-valid-schema-example",
        ("example-valid",),
        False,
        f"{_EXAMPLES}.",
    ),
    PeerRule("spectral", "oas3-api-servers", ("servers-defined",), True, _SERVERS_OFF),
    PeerRule(
        "spectral",
        "oas3-callbacks-in-callbacks",
        ("callback-structure",),
        False,
        f"{_CALLBACKS}.",
    ),
    PeerRule(
        "spectral",
        "oas3-examples-value-or-externalValue",
        ("example-value-or-external",),
        True,
        "Same check; in 3.2 dataValue and serializedValue join value and externalValue.",
    ),
    PeerRule(
        "spectral",
        "oas3-operation-security-defined",
        ("security-scheme-defined", "oauth2-scope-defined"),
        False,
        f"{_SECURITY_DEFINED}; Spectral also asks openIdConnect scopes to be listed, which"
        " OpenAPI gives no place for.",
    ),
    PeerRule(
        "spectral",
        "oas3-parameter-description",
        ("parameter-description",),
        True,
        "One rule for every OpenAPI version; on by default in apilint.",
        on_by_default=False,
    ),
    PeerRule(
        "spectral",
        "oas3-schema",
        ("oas-schema",),
        True,
        "Same check, against the JSON Schema of the spec's version (3.0, 3.1 or 3.2).",
    ),
    PeerRule(
        "spectral",
        "oas3-server-not-example.com",
        ("server-example-domain",),
        True,
        _EXAMPLE_DOMAIN,
        on_by_default=False,
    ),
    PeerRule(
        "spectral",
        "oas3-server-trailing-slash",
        ("server-trailing-slash",),
        True,
        "Same check; one rule with the 2.0 host and basePath.",
    ),
    PeerRule("spectral", "oas3-server-variables", ("server-variables",), True, "Same check."),
    PeerRule(
        "spectral",
        "oas3-unused-component",
        ("component-unused",),
        True,
        "Same check, for every kind of component; a component used from another file of the"
        " spec is used.",
    ),
    PeerRule(
        "spectral",
        "oas3-valid-media-example",
        ("example-valid",),
        False,
        f"{_EXAMPLES}.",
    ),
    PeerRule(
        "spectral",
        "oas3-valid-schema-example",
        ("example-valid",),
        False,
        f"{_EXAMPLES}.",
    ),
    PeerRule(
        "spectral",
        "oas3_1-callbacks-in-webhook",
        ("callback-structure",),
        False,
        f"{_CALLBACKS}.",
    ),
    PeerRule(
        "spectral",
        "oas3_1-servers-in-webhook",
        ("callback-structure",),
        False,
        f"{_CALLBACKS}.",
    ),
    PeerRule(
        "spectral",
        "oas3_2-no-deprecated-xml-attribute",
        ("xml-deprecated-keywords",),
        True,
        "Same check (3.2), with wrapped, which 3.2 deprecates in favour of nodeType too.",
    ),
    PeerRule(
        "spectral",
        "openapi-tags",
        ("operation-tag-defined", "empty-list"),
        False,
        "apilint does not ask for a top-level tags list for its own sake: operation-tag-defined"
        " asks for one wherever operations use tags, and empty-list reports tags: [].",
        on_by_default=False,
    ),
    PeerRule(
        "spectral",
        "openapi-tags-alphabetical",
        (),
        False,
        "The order of the tags is the order documentation shows the groups in,"
        " an editorial choice rather than a defect (Redocly's tags-alphabetical is off too).",
        on_by_default=False,
    ),
    PeerRule("spectral", "openapi-tags-uniqueness", ("tag-duplicate",), True, "Same check."),
    PeerRule(
        "spectral",
        "operation-description",
        ("operation-description",),
        False,
        "Same id; reported at info by default, and one finding when (nearly) no operation has"
        " a description.",
    ),
    PeerRule("spectral", "operation-operationId", ("operation-id-defined",), True, "Same check."),
    PeerRule(
        "spectral",
        "operation-operationId-unique",
        ("operation-id-unique",),
        True,
        "Same check.",
    ),
    PeerRule(
        "spectral",
        "operation-operationId-valid-in-url",
        ("operation-id-valid",),
        True,
        "Stricter by default than URL-safe: letters, digits, _ - . (names every generator maps"
        " to a method); its pattern option sets another.",
    ),
    PeerRule(
        "spectral",
        "operation-parameters",
        ("parameter-unique",),
        True,
        "Same check: a parameter (name and in) repeated in a list, $refs resolved, and in 2.0"
        " a second body parameter or body beside formData.",
    ),
    PeerRule(
        "spectral",
        "operation-singular-tag",
        (),
        False,
        "An operation may rightly belong to several groups (Redocly's"
        " operation-singular-tag is off too).",
        on_by_default=False,
    ),
    PeerRule(
        "spectral",
        "operation-success-response",
        ("operation-responses",),
        False,
        "operation-responses asks for a success response (2xx or 3xx) and an error response"
        " (4xx, 5xx or default) in one rule.",
    ),
    PeerRule("spectral", "operation-tag-defined", ("operation-tag-defined",), False, "Same id."),
    PeerRule("spectral", "operation-tags", ("operation-tags",), False, "Same id, same check."),
    PeerRule(
        "spectral",
        "path-declarations-must-exist",
        ("path-empty-segment",),
        True,
        "Same check; path-empty-segment also reports an empty segment (//).",
    ),
    PeerRule(
        "spectral", "path-keys-no-trailing-slash", ("path-trailing-slash",), True, "Same check."
    ),
    PeerRule("spectral", "path-not-include-query", ("path-query-string",), True, "Same check."),
    PeerRule(
        "spectral",
        "path-params",
        ("path-params-defined", "path-identical"),
        False,
        "Spectral checks declared against used path parameters, a template naming one"
        " parameter twice and equivalent paths (/a/{x} and /a/{y}) in one rule; apilint"
        " splits them.",
    ),
    PeerRule(
        "spectral",
        "tag-description",
        ("tag-description",),
        False,
        "Same id; on by default in apilint.",
        on_by_default=False,
    ),
    PeerRule("spectral", "typed-enum", ("typed-enum",), False, "Same id, same check."),
    # --- Redocly, recommended -----------------------------------------------------------
    PeerRule(
        "redocly",
        "info-license",
        ("info-license",),
        False,
        "Same id; apilint also asks the license for a URL or an SPDX identifier (Redocly's"
        " info-license-strict).",
    ),
    PeerRule(
        "redocly",
        "info-license-strict",
        ("info-license",),
        True,
        "info-license checks that the license is there and has a URL (or an SPDX identifier).",
    ),
    PeerRule(
        "redocly",
        "no-ambiguous-paths",
        ("path-ambiguous",),
        True,
        "Same defect; a path that crosses several others is one finding, and paths whose"
        " parameter cannot take the other's text (an integer id never matches 'comments') do"
        " not cross.",
    ),
    PeerRule("redocly", "no-duplicated-enum-values", ("enum-duplicate",), True, "Same check."),
    PeerRule("redocly", "no-duplicated-tag-names", ("tag-duplicate",), True, "Same check."),
    PeerRule(
        "redocly",
        "no-empty-servers",
        ("servers-defined",),
        True,
        _SERVERS_OFF,
    ),
    PeerRule("redocly", "no-enum-type-mismatch", ("typed-enum",), True, "Same check."),
    PeerRule(
        "redocly",
        "no-example-value-and-externalValue",
        ("example-value-or-external",),
        True,
        "Same check; apilint also reports an Example Object with neither (as Spectral does).",
    ),
    PeerRule("redocly", "no-identical-paths", ("path-identical",), True, "Same check."),
    PeerRule(
        "redocly",
        "no-illogical-composition-keywords",
        ("composition-logical",),
        True,
        "Same check.",
    ),
    PeerRule(
        "redocly", "no-invalid-media-type-examples", ("example-valid",), False, f"{_EXAMPLES}."
    ),
    PeerRule(
        "redocly", "no-invalid-parameter-examples", ("example-valid",), False, f"{_EXAMPLES}."
    ),
    PeerRule("redocly", "no-invalid-schema-examples", ("example-valid",), False, f"{_EXAMPLES}."),
    PeerRule(
        "redocly",
        "no-mixed-number-range-constraints",
        ("number-range-mixed",),
        True,
        "Same check.",
    ),
    PeerRule("redocly", "no-path-trailing-slash", ("path-trailing-slash",), True, "Same check."),
    PeerRule(
        "redocly",
        "no-required-schema-properties-undefined",
        ("required-property-defined",),
        True,
        "Same check.",
    ),
    PeerRule("redocly", "no-schema-type-mismatch", ("schema-type-mismatch",), True, "Same check."),
    PeerRule(
        "redocly",
        "no-server-example.com",
        ("server-example-domain",),
        True,
        _EXAMPLE_DOMAIN,
    ),
    PeerRule(
        "redocly",
        "no-server-trailing-slash",
        ("server-trailing-slash",),
        True,
        "Same check; also the 2.0 host and basePath.",
    ),
    PeerRule(
        "redocly",
        "no-server-variables-empty-enum",
        ("server-variables",),
        False,
        _SERVER_VARIABLES,
    ),
    PeerRule(
        "redocly",
        "no-undefined-server-variable",
        ("server-variables",),
        False,
        _SERVER_VARIABLES,
    ),
    PeerRule(
        "redocly",
        "no-unresolved-refs",
        ("ref-unresolved",),
        True,
        "Same check; ref-not-followed reports the $refs apilint does not follow (URLs, files"
        " outside the project folder).",
    ),
    PeerRule(
        "redocly",
        "no-unsafe-markdown",
        ("markdown-unsafe",),
        True,
        "Same check: <script> tags, eval(, event-handler attributes (onerror=) and"
        " javascript: links.",
    ),
    PeerRule(
        "redocly",
        "no-unused-components",
        ("component-unused",),
        True,
        "Same check; a component used from another file of the spec is used.",
    ),
    PeerRule(
        "redocly", "nullable-type-sibling", ("nullable-type-sibling",), False, "Same id (3.0)."
    ),
    PeerRule(
        "redocly",
        "operation-2xx-response",
        ("operation-responses",),
        False,
        "operation-responses asks for a success response (2xx, or 3xx: a redirect is a"
        " success too) and an error response in one rule.",
    ),
    PeerRule(
        "redocly",
        "operation-4xx-response",
        ("operation-responses",),
        False,
        "operation-responses asks for a success response and an error response in one rule;"
        " any error response counts (4xx, 5xx or default), where Redocly asks for a 4xx.",
    ),
    PeerRule("redocly", "operation-operationId", ("operation-id-defined",), True, "Same check."),
    PeerRule(
        "redocly", "operation-operationId-unique", ("operation-id-unique",), True, "Same check."
    ),
    PeerRule(
        "redocly",
        "operation-operationId-url-safe",
        ("operation-id-valid",),
        True,
        "Stricter by default than URL-safe: letters, digits, _ - . (names every generator maps"
        " to a method); its pattern option sets another.",
    ),
    PeerRule(
        "redocly",
        "operation-parameters-unique",
        ("parameter-unique",),
        True,
        "Same check, $refs resolved.",
    ),
    PeerRule(
        "redocly",
        "operation-summary",
        ("operation-summary",),
        False,
        "Same id; apilint also reports a summary that is too long or repeats the operationId"
        " or the path.",
    ),
    PeerRule(
        "redocly",
        "path-declaration-must-exist",
        ("path-empty-segment",),
        True,
        "Same check; path-empty-segment also reports an empty segment (//).",
    ),
    PeerRule("redocly", "path-not-include-query", ("path-query-string",), True, "Same check."),
    PeerRule("redocly", "path-parameters-defined", ("path-params-defined",), True, "Same check."),
    PeerRule(
        "redocly",
        "security-defined",
        ("security-scheme-defined", "operation-security"),
        False,
        "Redocly checks in one rule that the schemes are defined and that every operation has"
        " security; apilint splits them. operation-security accepts security: [] as Redocly"
        " does, and an in-spec public marker (x-public) where Redocly has exceptions in its"
        " config.",
    ),
    PeerRule("redocly", "security-scopes-defined", ("oauth2-scope-defined",), True, "Same check."),
    PeerRule(
        "redocly",
        "spec-components-invalid-map-name",
        ("component-name-valid",),
        True,
        "Same check.",
    ),
    PeerRule(
        "redocly",
        "spec-discriminator-defaultMapping",
        ("discriminator-default-mapping",),
        True,
        "Same check (3.2).",
    ),
    PeerRule(
        "redocly",
        "spec-example-values",
        ("example-value-or-external",),
        True,
        "Same check (3.2: value, dataValue, serializedValue, externalValue).",
    ),
    PeerRule(
        "redocly",
        "spec-no-invalid-encoding-combinations",
        ("encoding-combination",),
        True,
        "Same check (3.2).",
    ),
    PeerRule("redocly", "spec-no-invalid-tag-parents", ("tag-parent",), True, "Same check (3.2)."),
    PeerRule(
        "redocly",
        "spec-querystring-parameters",
        ("querystring-parameter",),
        True,
        "Same check (3.2).",
    ),
    PeerRule(
        "redocly",
        "spec-ref-siblings",
        ("ref-siblings",),
        True,
        f"{_REF_SIBLINGS}.",
    ),
    PeerRule(
        "redocly",
        "struct",
        ("oas-schema",),
        True,
        "Same check, against the OpenAPI JSON Schema of the spec's version.",
    ),
    PeerRule("redocly", "tag-description", ("tag-description",), False, "Same id, same check."),
)

_BY_NAME: dict[str, tuple[PeerRule, ...]] = {}
for _entry in _ENTRIES:
    _BY_NAME[_entry.id] = (*_BY_NAME.get(_entry.id, ()), _entry)
_ALIASES: dict[str, str] = {e.id: e.apilint[0] for e in _ENTRIES if e.alias}
_ALIASES_OF: dict[str, tuple[str, ...]] = {}
for _name, _target in sorted(_ALIASES.items()):
    _ALIASES_OF[_target] = (*_ALIASES_OF.get(_target, ()), _name)


def entries() -> tuple[PeerRule, ...]:
    """Every peer rule: Spectral's, then Redocly's, each in id order."""
    return _ENTRIES


def named(name: str) -> tuple[PeerRule, ...]:
    """The peers' rules with this id (both peers may have one), or none."""
    return _BY_NAME.get(name, ())


def alias_target(name: str) -> str | None:
    """The apilint rule a peer's rule id is an alias of, or None."""
    return _ALIASES.get(name)


def aliases_of(rule_id: str) -> tuple[str, ...]:
    """The peer rule ids that are aliases of an apilint rule, in id order."""
    return _ALIASES_OF.get(rule_id, ())
