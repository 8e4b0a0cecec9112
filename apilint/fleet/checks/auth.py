"""Authentication: the kinds of security scheme an API's operations require.

A scheme counts when a security requirement names it (the global one or an operation's);
when no requirement names any, the declared schemes count (a spec that declares its scheme
but forgets to require it still tells how clients authenticate). Kinds are named
``oauth2``, ``openIdConnect``, ``mutualTLS``, ``http bearer``, ``http basic`` (and ``http
<scheme>`` for others), ``apiKey in header``, ``apiKey in query``, ``apiKey in cookie``;
2.0's ``basic`` is ``http basic``. The choice is the kinds in use, sorted and joined with
`` + `` (``apiKey in header + oauth2``), or ``none`` for an API with operations and no
scheme at all.
"""

from __future__ import annotations

from apilint.fleet.consistency import consistency_check
from apilint.rule import Document, SecurityScheme


def kind(scheme: SecurityScheme) -> str | None:
    """How a scheme is named in a choice; None for a scheme with no (known) type."""
    value = scheme.value
    found = value.get("type")
    if found == "basic":  # 2.0
        return "http basic"
    if found == "http":
        name = value.get("scheme")
        return f"http {str(name).lower()}" if isinstance(name, str) and name else "http"
    if found == "apiKey":
        where = value.get("in")
        return f"apiKey in {where}" if where in ("header", "query", "cookie") else "apiKey"
    if found in ("oauth2", "openIdConnect", "mutualTLS"):
        return str(found)
    return None


@consistency_check("auth", concern="authentication")
def authentication(doc: Document) -> dict[str, str]:
    """Compares the kinds of security scheme in use (``oauth2``, ``http bearer``, ``apiKey in
    header``...), as one set per API; ``none`` for an API that requires and declares none.
    An API with no operation has no aspect."""
    operations = [operation for operation in doc.operations if not operation.webhook]
    if not operations:
        return {}
    schemes = doc.security_schemes
    required = {
        name
        for requirement in doc.security_requirements
        if requirement.operation is None
        or not (requirement.operation.webhook or requirement.operation.callback)
        for name in requirement.value
    }
    used = [schemes[name] for name in sorted(required) if name in schemes]
    if not used:
        used = list(schemes.values())
    kinds = sorted({found for scheme in used if (found := kind(scheme)) is not None})
    return {"schemes": " + ".join(kinds) if kinds else "none"}
