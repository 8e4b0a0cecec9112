"""Auth rules on the security schemes themselves: HTTPS for their URLs, OAuth 2 flows and
scopes, HTTP basic, where API keys travel, bearer formats, and the 401/403 responses protected
operations document.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from fnmatch import fnmatchcase
from typing import Any

from apilint.analysis.urls import clear_text
from apilint.rule import Document, Findings, Location, SecurityScheme, rule


def _flows(doc: Document, scheme: SecurityScheme) -> Iterator[tuple[Location, str, dict[str, Any]]]:
    """(location, flow name, flow object) of an oauth2 scheme; 2.0 has one flow, written on
    the scheme itself (``flow: accessCode``)."""
    value = scheme.value
    if value.get("type") != "oauth2":
        return
    if doc.is_swagger:
        yield scheme.loc, str(value.get("flow", "")), value
        return
    flows = value.get("flows")
    if isinstance(flows, dict):
        for name, flow in flows.items():
            if isinstance(flow, dict):
                yield scheme.loc.child("flows", name), name, flow


def _declared_scopes(doc: Document, scheme: SecurityScheme) -> dict[str, Location] | None:
    """Scope name -> where it is declared, over all flows; None if not an oauth2 scheme."""
    if scheme.value.get("type") != "oauth2":
        return None
    declared: dict[str, Location] = {}
    for where, _, flow in _flows(doc, scheme):
        scopes = flow.get("scopes")
        if isinstance(scopes, dict):
            for scope in scopes:
                declared.setdefault(str(scope), where.child("scopes", str(scope)))
    return declared


def _schemes(doc: Document) -> Iterator[tuple[str, SecurityScheme]]:
    """(name, scheme) for each scheme written once: a name that is a ``$ref`` to another
    entry of the same section is the same scheme, checked (and reported) once."""
    seen: set[Location] = set()
    for name, scheme in doc.security_schemes.items():
        if scheme.loc not in seen:
            seen.add(scheme.loc)
            yield name, scheme


#: The URLs of an OAuth2 flow (``deviceAuthorizationUrl``: 3.2's device authorization flow).
_URL_FIELDS = ("authorizationUrl", "deviceAuthorizationUrl", "tokenUrl", "refreshUrl")
#: The URLs on a scheme itself (``oauth2MetadataUrl``: 3.2, RFC 8414 server metadata).
_SCHEME_URL_FIELDS = ("openIdConnectUrl", "oauth2MetadataUrl")
#: 2.0 flow names -> their 3.x names, so one ``flows`` option serves both versions.
_SWAGGER_FLOWS = {"accessCode": "authorizationCode", "application": "clientCredentials"}
_ALLOW_LOOPBACK = {"type": "boolean", "default": True}


@rule(
    "security-scheme-https",
    area="auth",
    severity="error",
    summary="OAuth2 and OpenID Connect URLs (authorization, token, metadata...) use https.",
    options={"allow-localhost": _ALLOW_LOOPBACK},
)
def security_scheme_https(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Each ``authorizationUrl``, ``deviceAuthorizationUrl`` (3.2), ``tokenUrl`` and
    ``refreshUrl`` of every OAuth2 flow, every ``openIdConnectUrl`` and every
    ``oauth2MetadataUrl`` (3.2) must be https (localhost and loopback addresses are allowed
    unless ``allow-localhost`` is false). Relative URLs are left to ``server-https``.

    Why: these endpoints receive passwords, authorization codes and tokens; over plain http
    anyone on the path can read them (OWASP API2:2023, broken authentication).

    Example:
        bad:
            components:
              securitySchemes:
                oAuth2:
                  flows:
                    authorizationCode:
                      authorizationUrl: http://auth.photos.example.com/oauth2/authorize
        good:
            components:
              securitySchemes:
                oAuth2:
                  flows:
                    authorizationCode:
                      authorizationUrl: https://auth.photos.example.com/oauth2/authorize
    """
    allow = options["allow-localhost"]
    for name, scheme in _schemes(doc):
        for where, flow_name, flow in _flows(doc, scheme):
            for field in _URL_FIELDS:
                url = flow.get(field)
                if isinstance(url, str) and clear_text(url, allow):
                    flow_text = f" ({flow_name} flow)" if flow_name else ""
                    yield where.child(field), f"{field} of '{name}'{flow_text} is not https: {url}"
        for field in _SCHEME_URL_FIELDS:
            url = scheme.value.get(field)
            if isinstance(url, str) and clear_text(url, allow):
                yield scheme.loc.child(field), f"{field} of '{name}' is not https"


@rule(
    "oauth2-insecure-flow",
    area="auth",
    severity="warn",
    summary="No OAuth2 implicit or password flows (OAuth 2.0 Security Best Current Practice).",
    options={
        "flows": {
            "type": "array",
            "items": {"type": "string"},
            "default": ["implicit", "password"],
        }
    },
)
def oauth2_insecure_flow(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Reports OAuth2 flows listed in ``flows`` (by default ``implicit`` and ``password``),
    by their 3.x names; 2.0's ``flow:`` alike, where ``accessCode`` and ``application`` count
    as ``authorizationCode`` and ``clientCredentials``.

    Why: the implicit flow returns tokens in the redirect URL, where they leak through history
    and referrers; the password flow hands the user's password to the client. RFC 9700 (OAuth
    2.0 Security Best Current Practice) says not to use either (OWASP API2:2023).

    Example:
        bad:
            components:
              securitySchemes:
                recipesAuth:
                  flows:
                    implicit:
                      authorizationUrl: https://login.recipebox.example.com/authorize
                      scopes:
                        recipes:read: Read your recipes.
                        recipes:write: Add and edit your recipes.
        good:
            components:
              securitySchemes:
                recipesAuth:
                  flows:
                    authorizationCode:
                      authorizationUrl: https://login.recipebox.example.com/authorize
                      tokenUrl: https://login.recipebox.example.com/token
                      scopes:
                        recipes:read: Read your recipes.
                        recipes:write: Add and edit your recipes.
    """
    banned = set(options["flows"])
    for name, scheme in _schemes(doc):
        for where, flow_name, _ in _flows(doc, scheme):
            if _SWAGGER_FLOWS.get(flow_name, flow_name) in banned:
                at = where.child("flow") if doc.is_swagger else where
                advice = (
                    "; use the authorization code flow with PKCE"
                    if flow_name in ("implicit", "password")
                    else ""
                )
                yield at, f"'{name}' uses the OAuth2 {flow_name} flow{advice}"


@rule(
    "oauth2-scope-defined",
    area="auth",
    severity="error",
    summary="Every OAuth2 scope a security requirement uses is declared by its scheme.",
)
def oauth2_scope_defined(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Each scope listed for an OAuth2 scheme in a ``security`` requirement (global or per
    operation) must be declared in that scheme's flows (``scopes``).

    Why: an undeclared scope cannot be granted, so either the operation is unusable or the
    scope check is silently skipped by gateways that only know declared scopes (OWASP
    API5:2023, broken function level authorization).

    Example:
        bad:
            security:
              - fleetAuth:
                  - vehicles:list
        good:
            security:
              - fleetAuth: [vehicles:read]
    """
    schemes = doc.security_schemes
    for requirement in doc.security_requirements:
        for name, scopes in requirement.value.items():
            declared = _declared_scopes(doc, schemes[name]) if name in schemes else None
            if declared is None or not isinstance(scopes, list):
                continue
            for index, scope in enumerate(scopes):
                if str(scope) not in declared:
                    yield (
                        requirement.loc.child(name, index),
                        f"scope '{scope}' is not declared by security scheme '{name}'",
                    )


@rule(
    "oauth2-scope-unused",
    area="auth",
    severity="info",
    summary="Every scope an OAuth2 scheme declares is used by some security requirement.",
)
def oauth2_scope_unused(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Reports scopes that a used OAuth2 scheme declares but no requirement asks for (an
    unused scheme is reported by ``security-scheme-unused`` instead).

    Why: a declared but unused scope usually means an operation that should require it does
    not; at best it is a permission clients request for nothing (OWASP API5:2023).

    Example:
        bad:
            components:
              securitySchemes:
                libraryAuth:
                  flows:
                    authorizationCode:
                      scopes:
                        loans:admin: Waive fines and cancel loans.
        good:
            components:
              securitySchemes:
                libraryAuth:
                  flows:
                    authorizationCode:
                      scopes:
                        catalog:read: Search the catalog.
                        loans:write: Borrow and renew books.
    """
    schemes = doc.security_schemes
    used: dict[Location, set[str]] = {}  # by where the scheme is written: aliases share it
    for requirement in doc.security_requirements:
        for name, scopes in requirement.value.items():
            if name in schemes:
                names = used.setdefault(schemes[name].loc, set())
                if isinstance(scopes, list):
                    names.update(str(scope) for scope in scopes)
    for name, scheme in _schemes(doc):
        declared = _declared_scopes(doc, scheme)
        if declared is None or scheme.loc not in used:
            continue
        for scope, where in declared.items():
            if scope not in used[scheme.loc]:
                yield where, f"scope '{scope}' of '{name}' is never required by any operation"


_WRITE_METHODS = ["post", "put", "patch", "delete"]


@rule(
    "oauth2-write-scope",
    area="auth",
    severity="warn",
    summary="Write operations require an OAuth2 scope matching a pattern (e.g. '*:write').",
    options={
        "pattern": {"type": "string", "default": "*:write"},
        "methods": {"type": "array", "items": {"type": "string"}, "default": _WRITE_METHODS},
    },
    recommended=False,
)
def oauth2_write_scope(doc: Document, options: Mapping[str, Any]) -> Findings:
    """An operation whose method is in ``methods`` (POST, PUT, PATCH, DELETE by default) and
    that has security requirements must, in every alternative, require a scope matching the
    glob ``pattern`` (``*:write`` by default). Unprotected operations are left to
    ``operation-security``. Off in ``recommended`` (scope naming is each platform's policy),
    on in ``strict``.

    Why: read-only tokens must not be able to change data; a write operation reachable with
    any scope breaks least privilege (OWASP API5:2023, broken function level authorization).

    Example:
        bad:
            paths:
              /orders:
                post:
                  summary: Place an order
                  responses:
                    "201":
                      description: The order.
        good:
            paths:
              /orders:
                post:
                  summary: Place an order
                  security:
                    - ordersAuth: [orders:read, orders:write]
                    - partnerAuth: [orders:write]
                  responses:
                    "201":
                      description: The order.
    """
    pattern, methods = options["pattern"], {m.lower() for m in options["methods"]}
    for operation in doc.operations:
        requirements = doc.security_of(operation)
        if operation.webhook or operation.method.lower() not in methods or not requirements:
            continue
        for requirement in requirements:
            if not requirement.value:
                continue  # anonymous access: operation-security's concern
            scopes = [
                str(scope)
                for value in requirement.value.values()
                if isinstance(value, list)
                for scope in value
            ]
            if not any(fnmatchcase(scope, pattern) for scope in scopes):
                # an inherited global requirement is reported at each operation it lets through
                where = operation.loc if requirement.operation is None else requirement.loc
                yield (
                    where,
                    f"{operation.label} can be called without a scope matching '{pattern}'",
                )


@rule(
    "http-basic-auth",
    area="auth",
    severity="warn",
    summary="No HTTP Basic authentication.",
)
def http_basic_auth(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Reports security schemes of HTTP Basic authentication (3.x ``type: http, scheme:
    basic``; 2.0 ``type: basic``).

    Why: Basic sends a reusable password with every request, cannot be scoped or expire, and
    is easily logged; token-based schemes limit the damage of a leak (OWASP API2:2023).

    Example:
        bad:
            components:
              securitySchemes:
                agentLogin:
                  scheme: basic
        good:
            components:
              securitySchemes:
                bearerAuth:
                  type: http
                  scheme: bearer
                  bearerFormat: JWT
                apiKey:
                  type: apiKey
                  name: X-Api-Key
                  in: header
                signedRequest:
                  type: http
                  # ...
    """
    for name, scheme in _schemes(doc):
        value = scheme.value
        if doc.is_swagger and value.get("type") == "basic":
            yield scheme.loc.child("type"), f"'{name}' uses HTTP Basic authentication"
        elif value.get("type") == "http" and str(value.get("scheme", "")).lower() == "basic":
            yield scheme.loc.child("scheme"), f"'{name}' uses HTTP Basic authentication"


@rule(
    "api-key-location",
    area="auth",
    severity="warn",
    summary="API keys are sent in a header, not in the query string or a cookie.",
    options={
        "allowed": {
            "type": "array",
            "items": {"enum": ["header", "query", "cookie"]},
            "default": ["header"],
        }
    },
)
def api_key_location(doc: Document, options: Mapping[str, Any]) -> Findings:
    """An ``apiKey`` security scheme must have ``in`` among ``allowed`` (``header`` by
    default).

    Why: URLs, query strings included, end up in server and proxy logs, browser history and
    referrer headers; cookies are sent automatically and open the door to CSRF (OWASP
    API2:2023, broken authentication).

    Example:
        bad:
            components:
              securitySchemes:
                apiKey:
                  in: query
        good:
            components:
              securitySchemes:
                apiKey:
                  in: header
    """
    allowed = set(options["allowed"])
    for name, scheme in _schemes(doc):
        where = scheme.value.get("in")
        if scheme.value.get("type") == "apiKey" and isinstance(where, str) and where not in allowed:
            yield scheme.loc.child("in"), f"API key '{name}' is sent in the {where}"


@rule(
    "bearer-format",
    area="auth",
    severity="info",
    summary="HTTP bearer schemes declare their bearerFormat (e.g. JWT).",
    formats=("3.0", "3.1", "3.2"),
)
def bearer_format(doc: Document, options: Mapping[str, Any]) -> Findings:
    """A ``type: http, scheme: bearer`` security scheme must say what its tokens are with
    ``bearerFormat`` (``JWT``, an opaque reference...).

    Why: clients, gateways and reviewers need to know how tokens are issued and validated; a
    bearer token of unknown kind cannot be reviewed (OWASP API2:2023).

    Example:
        bad:
            components:
              securitySchemes:
                userToken:
                  type: http
                  scheme: bearer
        good:
            components:
              securitySchemes:
                userToken:
                  type: http
                  scheme: bearer
                  bearerFormat: JWT
    """
    for name, scheme in _schemes(doc):
        value = scheme.value
        bearer = value.get("type") == "http" and str(value.get("scheme", "")).lower() == "bearer"
        declared = value.get("bearerFormat")
        if bearer and not (isinstance(declared, str) and declared.strip()):
            yield scheme.loc, f"bearer scheme '{name}' has no bearerFormat"


@rule(
    "auth-error-responses",
    area="auth",
    severity="warn",
    summary="Protected operations document 401 and 403 responses.",
    options={
        "statuses": {
            "type": "array",
            "items": {"type": "string", "pattern": "^[1-5][0-9][0-9]$"},
            "default": ["401", "403"],
        }
    },
    recommended=False,
)
def auth_error_responses(doc: Document, options: Mapping[str, Any]) -> Findings:
    """An operation that requires authentication (no anonymous alternative) must document
    each status in ``statuses`` (401 and 403 by default), itself or through its range
    (``4XX``). ``default`` does not count: clients need to tell "log in again" from "not
    allowed". On in ``strict``.

    Why: clients must handle expired credentials and missing permissions; undocumented, they
    are handled as generic failures and retried or shown as crashes (OWASP API2:2023).

    Example:
        bad:
            paths:
              /projects:
                get:
                  responses:
                    "200":
                      description: The projects.
        good:
            paths:
              /projects:
                get:
                  responses:
                    "200":
                      description: The projects.
                    "401":
                      $ref: "#/components/responses/Unauthorized"
                    "403":
                      $ref: "#/components/responses/Forbidden"
    """
    for operation in doc.operations:
        requirements = doc.security_of(operation)
        if operation.webhook or not requirements or any(not req.value for req in requirements):
            continue
        responses = operation.value.get("responses")
        codes = {str(code).upper() for code in responses} if isinstance(responses, dict) else set()
        for status in options["statuses"]:
            if status not in codes and f"{status[0]}XX" not in codes:
                yield (
                    operation.loc.child("responses") if codes else operation.loc,
                    f"{operation.label} requires authentication but does not document {status}",
                )


@rule(
    "security-scheme-deprecated",
    area="auth",
    severity="warn",
    summary="No security requirement still asks for a deprecated security scheme.",
    formats={"3.2"},
)
def security_scheme_deprecated(doc: Document, options: Mapping[str, Any]) -> Findings:
    """A security scheme marked ``deprecated: true`` (OpenAPI 3.2) must not be listed by a
    security requirement, global or of an operation (callbacks' too). Each requirement that
    lists it is reported, at the scheme's entry in it.

    Why: the specification says a deprecated scheme should be transitioned out of usage; a
    requirement that still names it keeps new clients integrating against the scheme that is
    going away, and documentation shows it as a way in.

    Example:
        bad:
            security:
              - legacyKey: []
        good:
            security:
              - stationAuth: [readings:read]
    """
    schemes = doc.security_schemes
    deprecated = {name for name, item in schemes.items() if item.value.get("deprecated") is True}
    if not deprecated:
        return
    for requirement in doc.security_requirements:
        operation = requirement.operation
        place = "the top-level security" if operation is None else operation.label
        index = requirement.loc.pointer.rpartition("/")[2]
        alternative = f" (alternative {int(index) + 1})" if index.isdigit() and index != "0" else ""
        for name in requirement.value:
            if name in deprecated:
                yield (
                    requirement.loc.child(name),
                    f"{place} still requires deprecated security scheme '{name}'{alternative}",
                )
