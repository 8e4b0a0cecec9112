"""Auth rules: every operation's security requirements name declared schemes, every scheme is
used, and every operation is protected or deliberately public. The schemes themselves are
checked in ``auth_schemes``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from apilint.analysis.auth_matrix import status_of
from apilint.rule import Document, Findings, Operation, rule


@rule(
    "security-scheme-defined",
    area="auth",
    severity="error",
    summary="Every security requirement names a security scheme that is defined.",
)
def security_scheme_defined(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Each name in a ``security`` requirement (global or per operation) must be a key of
    ``components.securitySchemes`` (``securityDefinitions`` in 2.0).

    Why: a requirement naming an unknown scheme protects nothing: gateways and generated clients
    cannot apply it, and reviewers believe the operation is protected when it is not.

    Example:
        bad:
            security:
              - api_key: []
        good:
            security:
              - apiKey: []
    """
    schemes = doc.security_schemes
    section = "securityDefinitions" if doc.is_swagger else "components.securitySchemes"
    for requirement in doc.security_requirements:
        for name in requirement.value:
            if name not in schemes:
                yield (
                    requirement.loc.child(name),
                    f"security scheme '{name}' is not defined in {section}",
                )


@rule(
    "security-scheme-unused",
    area="auth",
    severity="warn",
    summary="Every defined security scheme is used by some requirement.",
)
def security_scheme_unused(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Reports security schemes that no global or operation requirement uses.

    Why: an unused scheme usually means an operation that should use it does not; at best it is
    dead configuration that misleads readers about how the API is protected.

    Example:
        bad:
            openapi: 3.0.3
            info:
              title: Billing
              version: 1.0.0
            security:
              - bearerAuth: []
            paths:
              /invoices:
                get:
                  summary: List invoices
                  description: Also accepts an API key (apiKey) for server-to-server calls.
                  # ...
        good:
            openapi: 3.1.0
            info:
              title: Billing
              version: 1.0.0
            security:
              - bearerAuth: []
            paths:
              /invoices:
                get:
                  summary: List invoices
                  responses:
                  # ...
    """
    used = {name for req in doc.security_requirements for name in req.value}
    for name, scheme in doc.security_schemes.items():
        if name not in used:
            yield scheme.site, f"security scheme '{name}' is defined but never used"


@rule(
    "operation-security",
    area="auth",
    severity="error",
    summary="Every operation is protected, or explicitly public.",
    options={
        "public-marker": {"type": "string", "pattern": "^x-", "default": "x-public"},
        "public-paths": {"type": "array", "items": {"type": "string"}, "default": []},
    },
)
def operation_security(doc: Document, options: Mapping[str, Any]) -> Findings:
    """An operation must have a security requirement (its own ``security`` or the global one)
    or be explicitly public: its effective ``security`` is ``[]`` or has an empty ``{}``
    alternative (OpenAPI's own way to make an operation public or its authentication
    optional), it carries the public marker (``x-public: true`` by default) or its path is
    listed in ``public-paths``. When some operation declares security, each one that has none
    is a finding; when none does, the spec gets one finding, on ``/paths``, that counts them.

    Why: a forgotten ``security`` section publishes an endpoint to the world (OWASP API2:2023,
    broken authentication). Requiring an explicit, reviewable declaration (``security: []``
    or the marker) makes every public operation a decision rather than an accident.

    Example:
        bad:
            paths:
              /accounts:
                get:
                  summary: List accounts
                  responses:
                    "200":
                      description: The accounts.
                post:
                  summary: Open an account
                  security:
                    - bearerAuth: []
                  responses:
                  # ...
        good:
            paths:
              /accounts:
                get:
                  summary: List accounts
                  responses:
                    "200":
                      description: The accounts.
                post:
                  summary: Open an account
                  security:
                    - bearerAuth: []
                      apiKey: []
                      # ...
    """
    marker, public_paths = options["public-marker"], list(options["public-paths"])
    # a webhook is a request the API sends, not one it receives
    operations = [operation for operation in doc.operations if not operation.webhook]
    unprotected = [
        operation
        for operation in operations
        if status_of(doc, operation, marker, public_paths) == "unprotected"
    ]
    if not unprotected:
        return
    if len(unprotected) > 1 and all(doc.security_of(op) is None for op in operations):
        yield doc.root_item.loc.child("paths"), _no_security(doc, unprotected, operations)
        return
    for operation in unprotected:
        yield (
            operation.loc,
            f"{operation.label} has no security requirement and is not marked {marker}",
        )


def _no_security(doc: Document, unprotected: list[Operation], operations: list[Operation]) -> str:
    """The message of a spec where no operation declares security."""
    count = f"none of the {len(unprotected)} operations"
    if len(unprotected) < len(operations):
        count += " not marked public"
    schemes = [f"'{name}'" for name in doc.security_schemes]
    if not schemes:
        why = " and the spec defines no security scheme"
    else:
        noun = "scheme" if len(schemes) == 1 else "schemes"
        why = f", though the spec defines the security {noun} {', '.join(schemes)}"
    return f"no operation declares security: {count} has a security requirement{why}"
