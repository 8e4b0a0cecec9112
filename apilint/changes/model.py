"""What a diff finds: raw changes as the comparison records them, and located changes.

The comparison records a :class:`RawChange` per (kind, old place, new place): a schema shared by
many operations changes once, in one place, and the change lists the operations it reaches.
Raw changes are located (file, line, column) only at the end, like lint findings.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from apilint.lint.findings import Finding, Identity, LoadProblem, Place, Report, Severity
from apilint.source.locations import Location

LEVEL_ORDER = {"breaking": 0, "warning": 1, "info": 2}

#: How many operation names a message lists before "and N more".
_SHOWN_OPERATIONS = 1


@dataclass
class RawChange:
    """A change before it is located; ``removed`` is the old value of what was removed (for
    the sunset allowance), ``allowed`` why the version policy covers a breaking change."""

    kind: str
    message: str
    old: Location
    new: Location
    removed: Any = None
    operations: list[str] = field(default_factory=list)
    allowed: str | None = None

    def text(self) -> str:
        """The message with the operations it reaches."""
        if not self.operations:
            return self.message
        first = ", ".join(self.operations[:_SHOWN_OPERATIONS])
        more = len(self.operations) - _SHOWN_OPERATIONS
        tail = f" and {more} more operation{'s' if more > 1 else ''}" if more > 0 else ""
        return f"{self.message} (in {first}{tail})"


Key = tuple[str, Location, Location]


class Recorder:
    """Collects raw changes, one per (kind, old place, new place)."""

    def __init__(self) -> None:
        self.changes: dict[Key, RawChange] = {}

    def emit(
        self, kind: str, message: str, old: Location, new: Location, removed: Any = None
    ) -> Key:
        key = (kind, old, new)
        if key not in self.changes:
            self.changes[key] = RawChange(kind, message, old, new, removed)
        return key

    def attribute(self, keys: Iterable[Key], operation: str) -> None:
        """Say that the changes at ``keys`` reach ``operation`` (once each)."""
        for key in keys:
            operations = self.changes[key].operations
            if operation not in operations:
                operations.append(operation)


@dataclass(frozen=True, kw_only=True)
class Change:
    """One located change between two versions of a spec."""

    id: str
    level: str  # breaking, warning or info
    message: str
    old: Place | None  # None: a whole spec added since the base revision
    new: Place
    allowed: str | None = None  # why the version policy covers this breaking change
    identity: Identity | None = None  # of the new place, for baselines and fingerprints

    @property
    def severity(self) -> Severity:
        """error for a breaking change the version policy does not cover; warn for a covered
        one or a warning; info for the rest."""
        if self.level == "breaking":
            return Severity.WARN if self.allowed else Severity.ERROR
        return Severity.WARN if self.level == "warning" else Severity.INFO

    @property
    def full_message(self) -> str:
        return f"{self.message} (allowed: {self.allowed})" if self.allowed else self.message

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "level": self.level,
            "severity": self.severity.label,
            "allowed": self.allowed,
            "message": self.message,
            "old": self.old.to_dict() if self.old else None,
            "new": self.new.to_dict(),
        }

    def to_finding(self) -> Finding:
        new = self.new
        return Finding(
            file=new.file,
            line=new.line,
            column=new.column,
            rule=self.id,
            message=self.full_message,
            pointer=new.pointer,
            severity=self.severity,
            previous=self.old,
            identity=self.identity,
        )


def _change_key(change: Change) -> tuple[Any, ...]:
    old = change.old or Place("", 0, 0, "")
    return (LEVEL_ORDER[change.level], change.new, change.id, change.message, old)


#: Changes that judge the other changes rather than being one: not counted among them.
POLICY_VERDICTS = frozenset({"version-not-bumped"})


@dataclass(frozen=True)
class DiffReport:
    """The changes from ``old`` to ``new`` (as shown), in a deterministic order: by level,
    then by place in the new spec; load problems of either side in ``errors``."""

    old: str
    new: str
    changes: tuple[Change, ...] = ()
    errors: tuple[LoadProblem, ...] = ()
    old_version: str | None = None
    new_version: str | None = None

    @classmethod
    def build(
        cls,
        old: str,
        new: str,
        changes: Iterable[Change] = (),
        errors: Iterable[LoadProblem] = (),
        versions: tuple[str | None, str | None] = (None, None),
    ) -> DiffReport:
        ordered = tuple(sorted(changes, key=_change_key))
        return cls(old, new, ordered, tuple(sorted(errors)), *versions)

    @property
    def api_changes(self) -> list[Change]:
        """The changes of the API itself: all but the version policy's verdict on them
        (``version-not-bumped`` is about the breaking changes, not one of them)."""
        return [c for c in self.changes if c.id not in POLICY_VERDICTS]

    def counts(self) -> dict[str, int]:
        """Changes of the API per level, every level present; ``uncovered``: breaking changes
        the version policy does not cover. The policy's verdict is not counted."""
        counts = dict.fromkeys(LEVEL_ORDER, 0)
        changes = self.api_changes
        for change in changes:
            counts[change.level] += 1
        counts["uncovered"] = sum(1 for c in changes if c.severity is Severity.ERROR)
        return counts

    def to_report(self) -> Report:
        """The changes as lint findings (located in the new spec, ``previous`` in the old), for
        every lint output format."""
        return Report.build(
            (change.to_finding() for change in self.changes),
            self.errors,
            files=[] if self.errors else [self.new],
        )

    def exit_code(self, fail_severity: Severity = Severity.ERROR) -> int:
        """0 nothing at or above ``fail_severity`` (by default: every breaking change is
        covered by the version policy), 1 otherwise, 2 a side could not be read."""
        return self.to_report().exit_code(fail_severity)
