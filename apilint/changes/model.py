"""What a diff finds: raw changes as the comparison records them, and located changes.

The comparison records a :class:`RawChange` per (kind, old place, new place): a schema shared by
many operations changes once, in one place, and the change lists the operations it reaches.
Raw changes are located (file, line, column) only at the end, like lint findings.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from apilint.changes.stability import STABLE, capped, more_stable
from apilint.lint.findings import Finding, Identity, LoadProblem, Place, Report, Severity
from apilint.source.locations import Location

LEVEL_ORDER = {"breaking": 0, "warning": 1, "info": 2}

#: How many operation names a message lists before "and N more".
_SHOWN_OPERATIONS = 1


@dataclass
class RawChange:
    """A change before it is located; ``removed`` is the old value of what was removed (for
    the sunset allowance), ``allowed`` why the version policy covers a breaking change,
    ``stability`` the most stable level (in the old spec) of the operations it is in (``None``:
    in none), ``level`` the level in force (set by the diff: the kind's, lowered for changes
    to unstable operations)."""

    kind: str
    message: str
    old: Location
    new: Location
    removed: Any = None
    operations: list[str] = field(default_factory=list)
    allowed: str | None = None
    stability: str | None = None
    level: str = ""
    note: str = ""  # why the level in force is lower than the kind's

    def within(self, stability: str) -> None:
        """Say that the change is in an operation at ``stability``."""
        self.stability = (
            stability if self.stability is None else more_stable(self.stability, stability)
        )

    def settle(self, level: str, exempt: Mapping[str, str]) -> None:
        """Set the level in force: the kind's ``level``, capped for an unstable operation."""
        self.level = capped(level, self.stability, exempt)
        if self.level != level:
            self.note = f"stability {self.stability}: at most {self.level}"

    def text(self) -> str:
        """The message with the operations it reaches, and why its level was lowered."""
        notes = [self.note] if self.note else []
        if self.operations:
            first = ", ".join(self.operations[:_SHOWN_OPERATIONS])
            more = len(self.operations) - _SHOWN_OPERATIONS
            tail = f" and {more} more operation{'s' if more > 1 else ''}" if more > 0 else ""
            notes.insert(0, f"in {first}{tail}")
        return f"{self.message} ({'; '.join(notes)})" if notes else self.message


Key = tuple[str, Location, Location]


class Recorder:
    """Collects raw changes, one per (kind, old place, new place)."""

    def __init__(self) -> None:
        self.changes: dict[Key, RawChange] = {}
        #: each operation's stability level in the old spec, by the label changes name it with
        self.stability: dict[str, str] = {}

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
            change = self.changes[key]
            if operation not in change.operations:
                change.operations.append(operation)
            change.within(self.stability.get(operation, STABLE))

    def confine(self, key: Key, operation: str) -> None:
        """Say that the change at ``key`` is ``operation`` itself (added or removed): it takes
        the operation's stability without naming it again."""
        self.changes[key].within(self.stability.get(operation, STABLE))


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
    #: the operations the change is in or reaches (``GET /pets``), the first one it is shown
    #: under; none for servers, security schemes, ``info`` and components nothing reaches
    operations: tuple[str, ...] = ()

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


#: How a spec of a repository run relates to its old self.
SPEC_STATUSES = ("compared", "renamed", "added", "removed")


@dataclass(frozen=True)
class SpecDiff:
    """One spec of a repository run: ``label`` names it (its path; ``old -> new`` when it was
    renamed or moved), ``status`` is one of ``SPEC_STATUSES``, ``diff`` its changes."""

    label: str
    status: str
    diff: DiffReport


@dataclass(frozen=True)
class RepositoryDiff:
    """``apilint diff --base REV [PATHS...]``: every spec under the paths against its version
    at ``base``, in path order; ``errors``: the paths that name nothing."""

    base: str
    specs: tuple[SpecDiff, ...] = ()
    errors: tuple[LoadProblem, ...] = ()

    def statuses(self) -> dict[str, int]:
        """How many specs of each status, every status present."""
        counts = dict.fromkeys(SPEC_STATUSES, 0)
        for spec in self.specs:
            counts[spec.status] += 1
        return counts

    def counts(self) -> dict[str, int]:
        """The specs' change counts (:meth:`DiffReport.counts`) added up."""
        counts = dict.fromkeys([*LEVEL_ORDER, "uncovered"], 0)
        for spec in self.specs:
            for key, value in spec.diff.counts().items():
                counts[key] = counts.get(key, 0) + value
        return counts

    def to_report(self) -> Report:
        """Every spec's changes as lint findings, in one report."""
        return Report.merge(
            [*(spec.diff.to_report() for spec in self.specs), Report.build(errors=self.errors)]
        )

    def exit_code(self, fail_severity: Severity = Severity.ERROR) -> int:
        """As :meth:`DiffReport.exit_code`, over every spec: 2 when a spec or path could not
        be read."""
        return self.to_report().exit_code(fail_severity)
