"""Structure rules for servers: URL templates whose variables are declared and used, and URLs
that do not end with a slash (paths are appended to them).
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
    formats={"3.0", "3.1"},
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
