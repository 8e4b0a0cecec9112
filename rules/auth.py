"""Auth rules: every operation's security requirements name declared schemes, every scheme is
used, and every operation is protected or deliberately public. The schemes themselves are
checked in ``auth_schemes``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from apilint.analysis.auth_matrix import marked_public
from apilint.rule import Document, Findings, rule


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
    summary="Every operation is protected, or explicitly marked public.",
    options={
        "public-marker": {"type": "string", "pattern": "^x-", "default": "x-public"},
        "public-paths": {"type": "array", "items": {"type": "string"}, "default": []},
    },
)
def operation_security(doc: Document, options: Mapping[str, Any]) -> Findings:
    """An operation must have a security requirement (its own ``security`` or the global one)
    naming at least one scheme. An operation without one, or with ``security: []`` or an empty
    ``{}`` alternative, is accepted only when it is deliberately public: it carries the public
    marker (``x-public: true`` by default) or its path is listed in ``public-paths``.

    Why: a forgotten ``security`` section publishes an endpoint to the world (OWASP API2:2023,
    broken authentication). Requiring an explicit, reviewable marker makes every public
    operation a decision rather than an accident.

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
                  security: []
                  responses:
                    "201":
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
    marker, public_paths = options["public-marker"], set(options["public-paths"])
    for operation in doc.operations:
        if operation.webhook or marked_public(operation, marker, public_paths):
            continue  # a webhook is a request the API sends, not one it receives
        requirements = doc.security_of(operation)
        label = operation.label
        if requirements is None:
            yield operation.loc, f"{label} has no security requirement and is not marked {marker}"
        elif not requirements:
            yield (
                operation.loc.child("security") if "security" in operation.value else operation.loc,
                f"{label} has 'security: []' but is not marked {marker}: true",
            )
        elif any(not req.value for req in requirements):
            yield (
                operation.loc.child("security") if "security" in operation.value else operation.loc,
                f"{label} allows anonymous access ('{{}}' in security) but is not marked {marker}",
            )
