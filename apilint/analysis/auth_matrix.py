"""The auth coverage matrix: for every operation, who may call it (webhooks, requests the
API sends rather than receives, are not listed).

Each operation gets a status: ``protected`` (every alternative of its effective ``security``
names at least one scheme), ``public`` (anonymous access is possible and meant: the effective
``security`` is an empty list, ``security: []``, or has an empty ``{}`` alternative, OpenAPI's
own way to make authentication optional; or the operation is marked public: the
``operation-security`` rule's marker, ``x-public: true`` by default, or a path in its
``public-paths``), or ``unprotected`` (no security requirement applies and nothing says the
operation is meant to be public). Requirements are kept as written: alternatives (OR) of
schemes that apply together (AND), each with its scopes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from apilint.model.document import Document, Operation
from apilint.source.locations import display_path

STATUSES = ("protected", "public", "unprotected")


@dataclass(frozen=True)
class Requirement:
    """One scheme of a requirement object, with the scopes (or roles) it asks for."""

    scheme: str
    scopes: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class AuthRow:
    """One operation: where it is, what its effective security says, and its status."""

    method: str
    path: str
    status: str  # one of STATUSES
    alternatives: tuple[tuple[Requirement, ...], ...]  # OR of AND; () when none applies
    source: str  # "operation", "global" or "none": where the effective security is written
    file: str
    line: int
    pointer: str

    @property
    def schemes(self) -> str:
        """``a + b | c``: ``+`` joins schemes that apply together, ``|`` alternatives;
        ``(none)`` for an empty ``{}`` alternative, ``-`` when there is no requirement."""
        if not self.alternatives:
            return "-"
        return " | ".join(
            " + ".join(req.scheme for req in alternative) if alternative else "(none)"
            for alternative in self.alternatives
        )

    @property
    def scopes(self) -> str:
        """``scheme: scope scope; scheme: scope``, each scheme once, in the order written."""
        found: dict[str, list[str]] = {}
        for alternative in self.alternatives:
            for req in alternative:
                listed = found.setdefault(req.scheme, [])
                listed.extend(scope for scope in req.scopes if scope not in listed)
        return "; ".join(f"{name}: {' '.join(s)}" for name, s in found.items() if s)

    def to_dict(self) -> dict[str, Any]:
        return {
            "method": self.method,
            "path": self.path,
            "status": self.status,
            "source": self.source,
            "requirements": [
                [{"scheme": req.scheme, "scopes": list(req.scopes)} for req in alternative]
                for alternative in self.alternatives
            ],
            "file": self.file,
            "line": self.line,
            "pointer": self.pointer,
        }


@dataclass(frozen=True)
class AuthMatrix:
    """The rows of one spec, in document order."""

    file: str
    rows: tuple[AuthRow, ...]

    def totals(self) -> dict[str, int]:
        counts = {"operations": len(self.rows)} | {status: 0 for status in STATUSES}
        for row in self.rows:
            counts[row.status] += 1
        return counts

    def summary(self) -> str:
        """``212 operations: 198 protected, 9 public, 5 unprotected``."""
        totals = self.totals()
        noun = "operation" if totals["operations"] == 1 else "operations"
        parts = ", ".join(f"{totals[status]} {status}" for status in STATUSES)
        return f"{totals['operations']} {noun}: {parts}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "operations": [row.to_dict() for row in self.rows],
            "totals": self.totals(),
        }


def marked_public(operation: Operation, marker: str, public_paths: Iterable[str]) -> bool:
    """Whether the operation is declared public on purpose: ``marker: true`` on it, or its
    path listed in ``public_paths``."""
    return operation.value.get(marker) is True or operation.path in set(public_paths)


def explicitly_public(doc: Document, operation: Operation) -> bool:
    """Whether the operation's effective ``security`` (its own, else the global one) opens it
    on purpose: an empty list (``security: []``) or an empty ``{}`` alternative."""
    holder = operation.value if "security" in operation.value else doc.data
    written = holder.get("security")
    return isinstance(written, list) and (
        not written or any(isinstance(req, dict) and not req for req in written)
    )


def status_of(doc: Document, operation: Operation, marker: str, public_paths: Iterable[str]) -> str:
    """``protected``, ``public`` or ``unprotected`` (see the module documentation)."""
    requirements = doc.security_of(operation)
    if requirements and all(req.value for req in requirements):
        return "protected"
    if explicitly_public(doc, operation) or marked_public(operation, marker, public_paths):
        return "public"
    return "unprotected"


def build(doc: Document, shown: str, marker: str, public_paths: Iterable[str]) -> AuthMatrix:
    """The matrix of a loaded document; ``shown`` is how its file is named."""
    paths = list(public_paths)
    rows = []
    for operation in doc.operations:
        if operation.webhook:
            continue  # a request the API sends, not one it receives
        requirements = doc.security_of(operation)
        alternatives = tuple(
            tuple(
                Requirement(
                    str(name),
                    tuple(str(s) for s in scopes) if isinstance(scopes, list) else (),
                )
                for name, scopes in req.value.items()
            )
            for req in requirements or ()
        )
        status = status_of(doc, operation, marker, paths)
        source = "none"
        if requirements is not None:
            source = "operation" if "security" in operation.value else "global"
        loc = operation.loc
        line, _ = doc.workspace.files[loc.file].positions.locate(loc.pointer)
        where = shown if loc.file == doc.workspace.root_key else display_path(loc.file)
        rows.append(
            AuthRow(
                method=operation.method.upper(),
                path=operation.path,
                status=status,
                alternatives=alternatives,
                source=source,
                file=where,
                line=line,
                pointer=loc.pointer,
            )
        )
    return AuthMatrix(shown, tuple(rows))
