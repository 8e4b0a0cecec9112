"""URLs as written in specs: server templates expanded, and whether a URL travels in clear text."""

from __future__ import annotations

import ipaddress
import re
from typing import Any
from urllib.parse import urlsplit

_VARIABLE = re.compile(r"\{([^{}]*)\}")
#: Schemes that carry requests, and credentials with them, unencrypted.
CLEAR_TEXT_SCHEMES = frozenset({"http", "ws"})


def is_loopback(host: str | None) -> bool:
    """``localhost`` (and ``*.localhost``) or a loopback address (127.0.0.0/8, ``::1``)."""
    if not host:
        return False
    host = host.strip("[]").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def clear_text(url: str, allow_loopback: bool) -> bool:
    """Whether an absolute URL uses ``http``/``ws`` (relative URLs inherit their scheme)."""
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname
    except ValueError:
        return False
    if parts.scheme.lower() not in CLEAR_TEXT_SCHEMES:
        return False
    return not (allow_loopback and is_loopback(host))


def server_urls(server: dict[str, Any]) -> list[str]:
    """Every URL a 3.x Server Object can stand for: its template with each variable's default
    and each of its ``enum`` values (one variable varied at a time)."""
    template = server.get("url")
    if not isinstance(template, str):
        return []
    variables = server.get("variables")
    variables = variables if isinstance(variables, dict) else {}
    defaults = {
        name: str(spec.get("default", ""))
        for name, spec in variables.items()
        if isinstance(spec, dict)
    }

    def fill(values: dict[str, str]) -> str:
        return _VARIABLE.sub(lambda match: values.get(match.group(1), match.group(0)), template)

    urls = [fill(defaults)]
    for name, spec in variables.items():
        if isinstance(spec, dict) and isinstance(spec.get("enum"), list):
            for value in spec["enum"]:
                url = fill({**defaults, name: str(value)})
                if url not in urls:
                    urls.append(url)
    return urls
