"""Security rules: transport and secrets.

The common API weaknesses of the OWASP API Security Top 10 (2023) that a spec can show: each
rule's documentation names the one it guards against. Resource consumption and input bounds
are in ``security_bounds``; authentication and authorisation proper in ``auth`` and
``auth_schemes``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from typing import Any
from urllib.parse import urlsplit

from apilint.analysis.urls import clear_text, is_loopback, server_urls
from apilint.rule import Document, Findings, Location, Parameter, casing, rule, squash, subject
from apilint.rule import pointer as jp

from ._common import _texts

#: Names that hold secrets. A name is one when its last words are one of these (words split
#: by case and separators, compared without case or separators): ``x_api_key``, ``apiKey``,
#: ``APIKEY`` and ``client_secret`` are secrets; ``api_key_id``, ``secret_name``,
#: ``page_token`` and ``nextToken`` are not.
SECRET_NAMES = [
    "password", "passwd", "pwd", "passphrase", "secret", "credential", "credentials",
    "authorization", "api_key", "access_key", "secret_key", "private_key", "subscription_key",
    "access_token", "refresh_token", "id_token", "auth_token", "api_token", "bearer_token",
    "session_token", "oauth_token", "private_token",
]  # fmt: skip

#: Names that are a secret or not depending on what they hold (a pagination ``token``, a lookup
#: ``key``): a parameter so named is a secret when its description says it authenticates.
_AMBIGUOUS = {"token", "key"}
_AUTHENTICATES = re.compile(
    r"authenticat|authoriz|credential|api[ _-]?key|access[ _-]?token|bearer|oauth|private key"
    r"|secret|password",
    re.IGNORECASE,
)


def _secret_name(name: str, secrets: set[str]) -> bool:
    """Whether ``name`` ends with the words of one of ``secrets`` (each squashed)."""
    tail = ""
    for word in reversed(casing.words(name)):
        tail = word.lower() + tail
        if tail in secrets:
            return True
    return False


_ALLOW_LOOPBACK = {"type": "boolean", "default": True}
_NAMES = {"type": "array", "items": {"type": "string"}}


# -- transport --------------------------------------------------------------------------------


@rule(
    "server-https",
    area="security",
    severity="warn",
    summary="Every server URL uses https (localhost and loopback allowed).",
    options={"allow-localhost": _ALLOW_LOOPBACK},
)
def server_https(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Every 3.x server URL (top level, path items, operations; each value its variables can
    take) must be https or relative; in 2.0 ``schemes`` must not list ``http`` or ``ws``.
    Localhost and loopback addresses are allowed unless ``allow-localhost`` is false.

    Why: over plain http every credential and every response can be read and changed by
    anyone on the path (OWASP API8:2023, security misconfiguration).

    Example:
        bad:
            servers:
              - url: http://api.parcels.example.com/v1
        good:
            servers:
              - url: "https://{region}.parcels.example.com/{basePath}"
                variables:
                  region:
                    default: eu
                    enum: [eu, us, ap]
                  basePath:
                    default: v1
    """
    allow = options["allow-localhost"]
    if doc.is_swagger:
        host = doc.data.get("host")
        if allow and isinstance(host, str) and is_loopback(_hostname(host)):
            return
        holders = [doc.root_item, *doc.operations]
        for holder in holders:
            schemes = holder.value.get("schemes")
            if not isinstance(schemes, list):
                continue
            for index, scheme in enumerate(schemes):
                if str(scheme).lower() in ("http", "ws"):
                    owner = subject(holder.loc.pointer) if holder.loc.pointer else "the API"
                    message = f"scheme '{scheme}' of {owner} is not encrypted"
                    yield holder.loc.child("schemes", index), message
        return
    for server in doc.servers:
        for url in server_urls(server.value):
            if clear_text(url, allow):
                yield server.loc.child("url"), f"server URL is not https: {url}"
                break


def _hostname(host: str) -> str | None:
    """The host name of a 2.0 ``host`` (``name:port``, ``[::1]:8080``...)."""
    try:
        return urlsplit(f"//{host}").hostname
    except ValueError:
        return None


_USERINFO = re.compile(r"^[a-z][a-z0-9+.-]*://[^/?#@]*@", re.IGNORECASE)


@rule(
    "credentials-in-url",
    area="security",
    severity="error",
    summary="No credentials or tokens in server URLs.",
    options={"names": {**_NAMES, "default": SECRET_NAMES}},
)
def credentials_in_url(doc: Document, options: Mapping[str, Any]) -> Findings:
    """A server URL (3.x ``servers``, each value its variables can take; 2.0 ``host``) must
    carry no user information (``https://user:password@host``) and no query parameter named
    like a secret (its last words are one of ``names``, as ``secret-in-url`` compares them; by
    default the same list).

    Why: URLs are logged, cached and shared; a credential in one is a published credential
    (OWASP API2:2023, broken authentication).

    Example:
        bad:
            servers:
              - url: https://reports:hunter2@api.weather.example.com/v2
        good:
            servers:
              - url: https://api.weather.example.com/v2?units=metric&pageToken=first
                description: Query parameters that are not secrets.
    """
    names = {squash(name) for name in options["names"]}
    if doc.is_swagger:
        host = doc.data.get("host")
        if isinstance(host, str) and "@" in host:
            yield "/host", "host carries user information (credentials)"
        return
    for server in doc.servers:
        for url in server_urls(server.value):
            problem = _url_secret(url, names)
            if problem:
                written = server.value.get("url") if isinstance(server.value, dict) else None
                shown = _masked(written) if isinstance(written, str) else url
                yield server.loc.child("url"), f"server URL {shown} {problem}"
                break


def _masked(url: str) -> str:
    """A server URL as a message may show it: user information and query values masked."""
    url = _USERINFO.sub(lambda found: found.group().split("://")[0] + "://***@", url)
    base, mark, query = url.partition("?")
    if not mark:
        return url
    pairs = [pair.partition("=")[0] + ("=***" if "=" in pair else "") for pair in query.split("&")]
    return f"{base}?{'&'.join(pairs)}"


def _url_secret(url: str, names: set[str]) -> str | None:
    if _USERINFO.match(url):
        return "carries user information (credentials)"
    query = url.partition("?")[2].partition("#")[0]
    for pair in query.split("&"):
        key = pair.partition("=")[0]
        if key and _secret_name(key, names):
            return f"carries the secret query parameter '{key}'"
    return None


#: Values that are live credentials whatever field holds them: well-known token formats, each
#: with the literal text it cannot do without (searched first: it is far cheaper than the
#: expression). Placeholders do not match: AWS's documented example key, all-X keys, Slack
#: tokens without their numeric parts, URLs whose password is a <placeholder> or an
#: upper-case word.
_SECRET_VALUES: dict[str, tuple[tuple[str, ...], str]] = {
    "a private key": (("PRIVATE KEY-----",), r"-----BEGIN (?:[A-Z]+ )*PRIVATE KEY-----"),
    "an AWS access key": (
        ("AKIA", "ASIA"),
        r"\b(?:AKIA|ASIA)(?![0-9A-Z]{9}EXAMPLE)(?!X{16})[0-9A-Z]{16}\b",
    ),
    "a GitHub token": (
        ("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"),
        r"\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})",
    ),
    "a Slack token": (("xox",), r"\bxox[abprs]-[0-9]{6,}-[A-Za-z0-9-]{6,}"),
    "a Stripe live key": (("k_live_",), r"\b[rs]k_live_[A-Za-z0-9]{16,}"),
    "a Google API key": (("AIza",), r"\bAIza[0-9A-Za-z_-]{35}\b"),
    "a URL with a password": (("://",), r"://[^/\s:@?#]+:(?![A-Z_]+@)[^/\s@?#<>{}\[\]*]+@"),
}
_SECRET_PATTERNS = [
    (kind, anchors, re.compile(pattern)) for kind, (anchors, pattern) in _SECRET_VALUES.items()
]
#: A made-up sample: a counting run of digits or letters, or one character many times over.
_SAMPLE = re.compile(r"0123456789|1234567890|abcdefghij|ABCDEFGHIJ|(.)\1{7}")


def _secret_in(text: str) -> str | None:
    """What kind of credential the text holds, if any (made-up samples do not count)."""
    for kind, anchors, pattern in _SECRET_PATTERNS:
        if any(anchor in text for anchor in anchors):
            for found in pattern.finditer(text):
                if not _SAMPLE.search(found.group()):
                    return kind
    return None


@rule(
    "credentials-in-examples",
    area="security",
    severity="error",
    summary="No live-looking credentials (keys, tokens, passwords in URLs) in examples.",
    options={"patterns": {**_NAMES, "default": []}},
)
def credentials_in_examples(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Every example value, Example Object value and default (at any depth, in every file of
    the spec) is searched for well-known credential formats: private keys, AWS access keys,
    GitHub, Slack and Stripe live tokens, Google API keys and URLs with a password; more
    regular expressions can be added in ``patterns``. Placeholders (``<token>``,
    ``YOUR_API_KEY``, ``xoxb-your-token``, AWS's documented ``...EXAMPLE`` key) and made-up
    samples (``ghp_1234567890abcdef...``, ``AKIAXXXXXXXXXXXXXXXX``) do not count.

    Why: examples are published in portals and copied into code; a real key in one is leaked
    to everyone who reads the documentation (OWASP API8:2023, security misconfiguration).

    Example:
        bad:
            paths:
              /integrations:
                post:
                  parameters:
                    - name: X-GitHub-Token
                      example: ghp_EXAMPLE0example0EXAMPLE0example00000
        good:
            paths:
              /integrations:
                post:
                  parameters:
                    - name: X-GitHub-Token
                      example: <token>
    """
    extra = [re.compile(pattern) for pattern in options["patterns"]]
    doc.workspace.scan()  # collects every example value and default (done once per spec)
    for file_key, literals in doc.workspace.literals.items():
        unique = list(dict(literals).items())  # an Example Object may be found twice
        if not extra:  # most examples hold no secret: one C-speed search of each as JSON first
            unique = [(where, value) for where, value in unique if _may_hold_secret(value)]
        for where, text in _strings(unique):
            kind = _secret_in(text)
            if kind is None and any(pattern.search(text) for pattern in extra):
                kind = "a value matching a configured secret pattern"
            if kind is not None:
                message = f"example holds what looks like {kind}: {subject(where)}"
                yield Location(file_key, where), message


def _may_hold_secret(value: Any) -> bool:
    """Whether any string inside ``value`` may match a built-in secret pattern (its JSON text
    does; escaping keeps every character those patterns need)."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    return _secret_in(text) is not None


def _strings(literals: list[tuple[str, Any]]) -> Iterator[tuple[str, str]]:
    """(pointer, text) of every string inside the given values, at any depth."""
    stack = list(reversed(literals))
    while stack:
        where, node = stack.pop()
        if isinstance(node, str):
            yield where, node
        elif isinstance(node, dict):
            stack.extend((f"{where}/{jp.escape(key)}", child) for key, child in node.items())
        elif isinstance(node, list):
            stack.extend((f"{where}/{index}", child) for index, child in enumerate(node))


# -- secrets in the interface -----------------------------------------------------------------


@rule(
    "secret-in-url",
    area="security",
    severity="error",
    summary="Parameters named like secrets (password, api_key, client_secret...) are not in URLs.",
    options={"names": {**_NAMES, "default": SECRET_NAMES}},
)
def secret_in_url(doc: Document, options: Mapping[str, Any]) -> Findings:
    """A query or path parameter holding a secret is a finding. A name holds one when its last
    words (split by case and separators, compared without case: ``apiKey``, ``X-API-KEY`` and
    ``api_key`` alike) are one of ``names``: ``client_secret``, ``api_secret`` and
    ``x_api_key`` do; ``api_key_id``, ``secret_name``, ``pageToken`` and ``next_token`` do not.
    A parameter named just ``token`` or ``key`` holds one when its description says it
    authenticates (``Authentication token``, ``API key``...): a pagination token or a lookup
    key is no secret. Boolean and numeric parameters (``has_password``) never hold one.

    Why: URLs, query strings included, are written to server and proxy logs, browser history
    and referrer headers; a secret there is leaked (OWASP API2:2023, broken authentication).

    Example:
        bad:
            paths:
              /albums:
                get:
                  parameters:
                    - name: access_token
                      in: query
                      schema:
                        type: string
        good:
            paths:
              /albums:
                get:
                  parameters:
                    - name: Authorization
                      in: header
                      required: true
                      schema:
                        type: string
    """
    names = {squash(name) for name in options["names"]}
    for param in doc.parameters:
        if param.location not in ("query", "path") or not _may_be_text(doc, param):
            continue
        if _secret_name(param.name, names) or _described_secret(param):
            where = param.location
            yield param.loc, f"{where} parameter '{param.name}' carries a secret in the URL"


def _described_secret(param: Parameter) -> bool:
    """Whether a parameter named just ``token`` or ``key`` is said to authenticate."""
    description = param.value.get("description")
    return (
        squash(param.name) in _AMBIGUOUS
        and isinstance(description, str)
        and _AUTHENTICATES.search(description) is not None
    )


def _may_be_text(doc: Document, param: Parameter) -> bool:
    """Whether the parameter may hold a string (not a boolean or number: ``has_password``)."""
    schema = doc.child(param, "schema") if "schema" in param.value else param
    kind = schema.value.get("type") if schema and isinstance(schema.value, dict) else None
    kinds = kind if isinstance(kind, list) else [kind]
    return not all(k in ("boolean", "integer", "number", "null") for k in kinds)


_PASSWORD_NAMES = ["password", "passwd", "pwd", "passphrase", "client_secret", "private_key"]


@rule(
    "response-password-field",
    area="security",
    severity="error",
    summary="Responses do not carry password or secret fields.",
    options={"names": {**_NAMES, "default": _PASSWORD_NAMES}},
)
def response_password_field(doc: Document, options: Mapping[str, Any]) -> Findings:
    """A property of a response schema (at any depth) named in ``names`` (compared without
    case or separators) or of ``format: password`` is a finding, unless it is ``writeOnly``
    (sent by clients, never returned).

    Why: a password or secret in a response is exposed to every client, log and cache that
    sees it (OWASP API3:2023, broken object property level authorization).

    Example:
        bad:
            paths:
              /users/{userId}/keys:
                get:
                  responses:
                    "200":
                      content:
                        application/json:
                          schema:
                            items:
                              properties:
                                privateKey:
                                  type: string
        good:
            paths:
              /users:
                post:
                  summary: Create a user
                  requestBody:
                    required: true
                    content:
                      application/json:
                        schema:
                          $ref: "#/components/schemas/User"
                  responses:
                  # ...
    """
    names = {squash(name) for name in options["names"]}
    for schema in doc.response_schemas:
        for name, prop in doc.entries(doc.child(schema, "properties")):
            raw = schema.value["properties"].get(name)  # siblings of a $ref count too (3.1)
            if not isinstance(prop.value, dict) or True in (
                prop.value.get("writeOnly"),
                raw.get("writeOnly") if isinstance(raw, dict) else None,
            ):
                continue
            if squash(str(name)) in names or prop.value.get("format") == "password":
                yield (
                    schema.loc.child("properties", name),
                    f"response property '{name}' exposes a password or secret",
                )


#: What runs when Markdown is rendered: a script tag, an eval( call, an event-handler
#: attribute inside an HTML tag, and a javascript: URL as a link or an href/src.
_UNSAFE_MARKDOWN = re.compile(
    r"<script\b|\beval\s*\("
    r"|<[a-z][^>]*?\son[a-z]+\s*="
    r"|\]\(\s*javascript:|\b(?:href|src)\s*=\s*[\"']?\s*javascript:",
    re.IGNORECASE,
)


@rule(
    "markdown-unsafe",
    area="security",
    severity="warn",
    summary="No scripts (<script>, eval(, onclick=, javascript: links) in rendered texts.",
)
def markdown_unsafe(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Titles, summaries and descriptions (of the API, operations, parameters, bodies,
    responses, headers, schemas, properties and tags) hold no ``<script`` tag, no ``eval(``
    call, no event-handler attribute in an HTML tag (``<img onerror=...>``) and no
    ``javascript:`` URL as a link target (``[x](javascript:...)``, ``href="javascript:..."``)
    (Spectral's ``no-script-tags-in-markdown`` and ``no-eval-in-markdown``, Redocly's
    ``no-unsafe-markdown``). The word "javascript:" in prose is not a link and is not judged.

    Why: documentation portals render these texts as Markdown, and HTML in Markdown is passed
    through: a script in a description runs in every reader's browser (stored XSS).

    Example:
        bad:
            info:
              description: Orders API <script>alert(1)</script>
        good:
            info:
              description: |
                Orders API. Scripts are evaluated server-side; the `evaluation` endpoint
                and the <b>bold</b> text are harmless.
    """
    for where, field, text, _name, label in _texts(doc):
        if "<" not in text and "(" not in text and "=" not in text:
            continue  # nothing the pattern could match: most texts, skipped cheaply
        found = _UNSAFE_MARKDOWN.search(text)
        if found is not None:
            shown = found.group().strip()
            yield (
                where.child(field),
                f"{field} of {label} holds '{shown}', which runs when rendered",
            )
