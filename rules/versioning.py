"""Versioning rules: the API states its version clearly and retires operations deliberately."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from apilint.document import Document
from apilint.rule import Findings, rule

# The regular expression given by the Semantic Versioning 2.0.0 specification (semver.org).
SEMVER = (
    r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
    r"(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
    r"(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$"
)


@rule(
    "info-version-format",
    area="versioning",
    severity="warn",
    summary="info.version is a semantic version (or matches the configured pattern).",
    options={"pattern": {"type": "string", "format": "regex", "default": SEMVER}},
)
def info_version_format(doc: Document, options: Mapping[str, Any]) -> Findings:
    """``info.version`` must match ``pattern`` (by default Semantic Versioning 2.0.0:
    ``MAJOR.MINOR.PATCH`` with optional pre-release and build parts).

    Why: consumers and tooling compare versions to decide whether an update is safe; a free-form
    version (``latest``, ``v1``, ``2023``) tells them nothing.
    """
    info = doc.info
    if info is None or "version" not in info.value:
        return
    version = str(info.value["version"])
    if not re.search(options["pattern"], version):
        described = "a semantic version (MAJOR.MINOR.PATCH)"
        if options["pattern"] != SEMVER:
            described = f"in the required form ({options['pattern']})"
        yield info.loc.child("version"), f"info.version '{version}' is not {described}"


@rule(
    "deprecated-sunset",
    area="versioning",
    severity="warn",
    summary="A deprecated operation says when it goes away.",
    options={"extension": {"type": "string", "pattern": "^x-", "default": "x-sunset"}},
)
def deprecated_sunset(doc: Document, options: Mapping[str, Any]) -> Findings:
    """An operation marked ``deprecated: true`` must give its removal date, either in an
    extension (``x-sunset`` by default) or as a documented ``Sunset`` response header
    (RFC 8594).

    Why: deprecation without a date leaves consumers unable to plan a migration, and providers
    unable to ever remove the operation.
    """
    extension = options["extension"]
    for operation in doc.operations:
        if operation.value.get("deprecated") is not True or extension in operation.value:
            continue
        if any(_has_sunset_header(doc, r) for r in doc.responses if r.operation is operation):
            continue
        yield (
            operation.loc.child("deprecated"),
            f"deprecated operation {operation.label} has no "
            f"'{extension}' date and no Sunset response header",
        )


def _has_sunset_header(doc: Document, response: Any) -> bool:
    headers = response.value.get("headers")
    return isinstance(headers, dict) and any(name.lower() == "sunset" for name in headers)
