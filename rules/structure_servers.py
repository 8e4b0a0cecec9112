"""Structure rules for servers: URL templates whose variables are declared and used, and URLs
that do not end with a slash (paths are appended to them), that are not placeholders on an
example domain, and that are there at all.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from apilint.rule import Document, Findings, rule

_VARIABLE = re.compile(r"\{([^{}]*)\}")


@rule(
    "server-variables",
    area="structure",
    severity="error",
    summary="Server URL variables are declared, used, and their defaults are allowed values.",
    formats={"3.0", "3.1", "3.2"},
)
def server_variables(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Every ``{name}`` in a server URL is declared under ``variables``; every declared
    variable appears in the URL; a variable's ``enum`` is not empty and holds its ``default``
    (Spectral's ``oas3-server-variables``, Redocly's ``no-server-variables-empty-enum``).

    Why: a client substitutes the variables to build the base URL; an undeclared one leaves
    braces in the URL, and a default outside the enum is a URL the server says it never serves.

    Example:
        bad:
            servers:
              - url: https://{region}.api.example.com/{version}
                variables:
                  region:
                    default: eu
                    enum: [us, ap]
                  tenant:
                    default: acme
        good:
            servers:
              - url: https://{region}.api.example.com/{version}
                variables:
                  region:
                    default: eu
                    enum: [eu, us, ap]
                  version:
                    default: v1
    """
    for server in doc.servers:
        url = server.value.get("url")
        if not isinstance(url, str):
            continue
        declared = server.value.get("variables")
        variables = declared if isinstance(declared, dict) else {}
        used = _VARIABLE.findall(url)
        for name in dict.fromkeys(used):
            if name not in variables:
                yield server.loc.child("url"), f"server URL {url} uses '{{{name}}}', not declared"
        for name, variable in variables.items():
            where = server.loc.child("variables", name)
            if name not in used:
                yield where, f"server variable '{name}' is not used in {url}"
            if not isinstance(variable, dict):
                continue
            allowed = variable.get("enum")
            if isinstance(allowed, list) and not allowed:
                yield where.child("enum"), f"server variable '{name}' has an empty enum"
            elif isinstance(allowed, list) and variable.get("default") not in allowed:
                yield (
                    where.child("default"),
                    f"server variable '{name}' defaults to {variable.get('default')!r},"
                    f" not one of its enum values",
                )


@rule(
    "server-trailing-slash",
    area="structure",
    severity="warn",
    summary="Server URLs (2.0: host and basePath) do not end with a slash.",
)
def server_trailing_slash(doc: Document, options: Mapping[str, Any]) -> Findings:
    """A server URL does not end with ``/`` (the root URL ``/`` itself excepted); in 2.0,
    ``host`` and ``basePath`` do not (Spectral's ``oas3-server-trailing-slash`` and
    ``oas2-host-trailing-slash``, Redocly's ``no-server-trailing-slash``).

    Why: paths start with ``/`` and are appended to the server URL; a trailing slash makes
    ``//`` in every URL a client builds, which some servers and gateways do not route.

    Example:
        bad:
            servers:
              - url: https://api.example.com/v1/
        good:
            servers:
              - url: https://api.example.com/v1
    """
    if doc.is_swagger:
        for key in ("host", "basePath"):
            value = doc.data.get(key)
            if isinstance(value, str) and value.endswith("/") and value != "/":
                yield f"/{key}", f"{key} {value} ends with a slash"
        return
    for server in doc.servers:
        url = server.value.get("url")
        if isinstance(url, str) and url.endswith("/") and url != "/":
            yield server.loc.child("url"), f"server URL {url} ends with a slash"


#: Hosts reserved for documentation by RFC 2606 and RFC 6761: example.com, .net, .org and any
#: name under the .example top-level domain.
_EXAMPLE_HOST = re.compile(r"^(?:[^/:@]*\.)?(?:example\.(?:com|net|org)|[^/:@]*\.example)$", re.I)


def _host(url: str) -> str:
    """The host of a URL or of a 2.0 ``host`` (scheme, user, port and path left out)."""
    rest = url.split("://", 1)[-1]
    authority = re.split(r"[/?#]", rest, maxsplit=1)[0]
    return authority.rpartition("@")[2].split(":")[0]


@rule(
    "server-example-domain",
    area="structure",
    severity="warn",
    summary="Servers (2.0: host) are not example.com or another documentation-only domain.",
)
def server_example_domain(doc: Document, options: Mapping[str, Any]) -> Findings:
    """No server URL (2.0: ``host``) is on a domain reserved for documentation: ``example.com``,
    ``example.net``, ``example.org``, their subdomains, or a name under ``.example`` (RFC 2606).
    Server variables are left as written, so ``{tenant}.example.com`` is reported too
    (Spectral's ``oas3-server-not-example.com`` and ``oas2-host-not-example``, Redocly's
    ``no-server-example.com``).

    Why: an example domain is a placeholder that was never replaced; generated clients, "try
    it" consoles and mock tools send requests to a host that does not serve the API.

    Example:
        bad:
            servers:
              - url: https://api.example.com/v1
        good:
            servers:
              - url: https://api.orders.io/v1
    """
    if doc.is_swagger:
        host = doc.data.get("host")
        if isinstance(host, str) and _EXAMPLE_HOST.match(_host(host)):
            yield "/host", f"host {host} is a documentation-only domain"
        return
    for server in doc.servers:
        url = server.value.get("url")
        if isinstance(url, str) and _EXAMPLE_HOST.match(_host(url)):
            yield server.loc.child("url"), f"server URL {url} is on a documentation-only domain"


@rule(
    "servers-defined",
    area="structure",
    severity="warn",
    summary="The spec says where the API is served (servers; 2.0: host and schemes).",
    recommended=False,
)
def servers_defined(doc: Document, options: Mapping[str, Any]) -> Findings:
    """A 3.x spec lists ``servers``; a 2.0 spec names its ``host`` and ``schemes``. Off by
    default: without them OpenAPI says the API is served where the document is (``/`` of its
    host, and its scheme), which is right for software each customer installs; a hosted API
    turns this rule on (Spectral's ``oas3-api-servers``, ``oas2-api-host`` and
    ``oas2-api-schemes``; Redocly's ``no-empty-servers``). An empty list is ``empty-list``'s.

    Why: clients, generated SDKs and "try it" consoles need the base URL; without it each
    reader guesses, or calls the host that served the documentation.

    Example:
        bad:
            openapi: 3.0.3
            info:
              title: Orders
              version: 1.0.0
            paths: {}
        good:
            openapi: 3.0.3
            info:
              title: Orders
              version: 1.0.0
            servers:
              - url: https://api.orders.io/v1
            paths: {}
    """
    if doc.is_swagger:
        missing = [key for key in ("host", "schemes") if key not in doc.data]
        if missing:
            yield "", f"the spec has no {' and no '.join(missing)}: where is the API served?"
    elif "servers" not in doc.data:
        yield "", "the spec has no servers: where is the API served?"
