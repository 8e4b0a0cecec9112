"""The fleet report's typed objects: what ``apilint report`` computes and every output renders.

Data moves one way: each spec is linted once and reduced to an :class:`ApiProfile` (small: counts,
figures, the consistency observations and the few findings the report shows; never every
finding), the profiles are scored and owned (:class:`ApiSummary`), then gathered per team and
for the whole fleet (:class:`FleetReport`), and compared with an earlier :class:`Snapshot`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

#: The score's areas, in the order every output shows them. Rules of the ``auth`` and
#: ``security`` areas both count for ``security``; a plugin's own area counts for ``structure``.
SCORE_AREAS: tuple[str, ...] = ("structure", "naming", "documentation", "security", "versioning")

#: The snapshot file format: its ``schema`` name and ``version`` (bumped on any change that an
#: older reader would misread; readers refuse versions they do not know).
SNAPSHOT_SCHEMA = "apilint-report-snapshot"
SNAPSHOT_VERSION = 1


@dataclass(frozen=True, kw_only=True)
class ShownFinding:
    """A finding as the report shows it, linked to ``file:line``."""

    rule: str
    severity: str  # error, warn, info, hint
    area: str
    message: str
    file: str
    line: int
    column: int
    pointer: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "area": self.area,
            "message": self.message,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "pointer": self.pointer,
        }


@dataclass(frozen=True, kw_only=True)
class RuleTally:
    """One rule's findings in one API: how many, of which severity and area, and the places
    they add up to (a finding's related places are the same defect elsewhere)."""

    rule: str
    area: str
    severity: str
    findings: int
    places: int
    example: str  # the first finding's message


@dataclass(frozen=True, kw_only=True)
class ApiProfile:
    """One spec reduced to what the report needs, made where the spec was linted (a worker
    process may make it): nothing in it grows with the number of findings beyond ``shown``."""

    name: str  # the spec as the report names it: its path relative to the report's root
    file: str  # the spec file as findings name it
    title: str
    version: str
    owner: str | None  # the value of the owner extension in ``info``, if any
    operations: int
    tallies: tuple[RuleTally, ...]  # by rule id
    #: documentation coverage: overall percent (None: nothing documentable) and per kind
    documentation: float | None
    documentation_kinds: Mapping[str, float | None]
    #: operations protected or public on purpose, over all operations, in percent (None: none)
    auth_coverage: float | None
    passes: bool  # no finding at or above the gate's severity
    shown: tuple[ShownFinding, ...]  # the first findings, in report order, at most a limit
    #: consistency check id -> the API's choices for that concern (``{aspect: choice}``)
    observations: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    error: str | None = None  # why the spec could not be linted (then it has no score)
    failures: tuple[str, ...] = ()  # consistency checks that failed on it (``id: error``)
    checks: tuple[str, ...] = ()  # the consistency checks that ran on it
    rules: tuple[str, ...] = ()  # the rules that ran on it

    @property
    def findings(self) -> int:
        return sum(tally.findings for tally in self.tallies)


@dataclass(frozen=True, kw_only=True)
class Hotspot:
    """A fix that would raise an API's score: every finding of one rule gone."""

    rule: str
    area: str
    findings: int
    gain: float  # score points the API would gain
    example: str


@dataclass(frozen=True, kw_only=True)
class Score:
    """An API's score, 0-100 (one decimal), and each area's subscore (None: the area had
    nothing to judge)."""

    total: float
    areas: Mapping[str, float | None]


@dataclass(frozen=True, kw_only=True)
class Ownership:
    """Who owns an API, and how that was found: ``config`` (the ``teams`` globs), ``spec``
    (the owner extension in ``info``), ``codeowners``; ``team`` None: unowned."""

    team: str | None
    source: str | None


@dataclass(frozen=True, kw_only=True)
class ApiSummary:
    """An API in the report: its profile, owner, score and hotspots."""

    profile: ApiProfile
    ownership: Ownership
    score: Score | None  # None when the spec could not be linted
    hotspots: tuple[Hotspot, ...] = ()

    @property
    def name(self) -> str:
        return self.profile.name

    @property
    def team(self) -> str | None:
        return self.ownership.team


@dataclass(frozen=True, kw_only=True)
class Distribution:
    """Scores of a group of APIs: how many fall in each band of ten (0-9 ... 90-100), the mean
    and median (None: no scored API)."""

    bands: tuple[int, ...]  # ten counts: [0, 10), [10, 20) ... [90, 100]
    mean: float | None
    median: float | None


@dataclass(frozen=True, kw_only=True)
class GroupSummary:
    """A team's APIs, or the whole fleet's (``name`` None)."""

    name: str | None
    apis: tuple[str, ...]  # API names
    passing: int  # APIs that pass the gate
    failed_to_load: int
    distribution: Distribution


@dataclass(frozen=True, kw_only=True)
class Adoption:
    """A standard (rule) across the fleet: how many APIs break it, of how many it ran on."""

    rule: str
    area: str
    breaking: tuple[str, ...]  # API names
    apis: int  # APIs it ran on

    @property
    def adopted(self) -> float:
        """Share of APIs that keep the standard, in percent."""
        return 100.0 * (self.apis - len(self.breaking)) / self.apis if self.apis else 100.0


@dataclass(frozen=True, kw_only=True)
class FleetFinding:
    """One concern handled differently across APIs: the majority's choice and who differs."""

    check: str  # the consistency check's id
    concern: str  # what is compared, e.g. "pagination parameters"
    aspect: str  # the part of the concern, e.g. "query parameters" for a naming style
    majority: str  # the choice most APIs made
    following: tuple[str, ...]  # APIs that made it
    differing: Mapping[str, str]  # API name -> its choice
    message: str


@dataclass(frozen=True, kw_only=True)
class ApiTrend:
    """An API against the compared snapshot: ``status`` is ``new``, ``removed``, ``improved``,
    ``regressed`` or ``unchanged``; rules it newly breaks and those it no longer breaks."""

    name: str
    team: str | None
    status: str
    before: float | None
    after: float | None
    new_rules: tuple[str, ...] = ()
    fixed_rules: tuple[str, ...] = ()
    passed: bool | None = None  # whether it passed the gate before (None: not there)
    passes: bool | None = None  # whether it passes now

    @property
    def gate(self) -> str | None:
        """What changed at the gate, in words (``no longer passes the gate``), or None."""
        if self.passed is True and self.passes is False:
            return "no longer passes the gate"
        if self.passed is False and self.passes is True:
            return "now passes the gate"
        return None

    @property
    def delta(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        return round(self.after - self.before, 1)


@dataclass(frozen=True, kw_only=True)
class Trend:
    """What changed since the compared snapshot, per API, team and rule."""

    since: str  # the snapshot's label: its file name or git revision
    generated: str  # when the compared snapshot was made (ISO 8601)
    apis: tuple[ApiTrend, ...]
    teams: Mapping[str, tuple[float | None, float | None]]  # team -> (mean before, mean after)
    rules: Mapping[str, tuple[int, int]]  # rule -> (APIs breaking before, after)


@dataclass(frozen=True, kw_only=True)
class FleetReport:
    """Everything ``apilint report`` shows; the CLI renders it as text, Markdown, JSON or HTML."""

    generated: str  # ISO 8601, UTC
    root: str  # the folder names are relative to
    apis: tuple[ApiSummary, ...]  # by name
    teams: tuple[GroupSummary, ...]  # by team name; unowned APIs last (name "")
    fleet: GroupSummary
    adoption: tuple[Adoption, ...]  # least adopted first
    consistency: tuple[FleetFinding, ...]
    trend: Trend | None = None
    errors: tuple[str, ...] = ()  # problems that are not one spec's (a bad path, a bad snapshot)
    gate: str = "error"  # the severity at or above which an API does not pass

    def api(self, name: str) -> ApiSummary | None:
        for summary in self.apis:
            if summary.name == name:
                return summary
        return None


@dataclass(frozen=True, kw_only=True)
class SnapshotApi:
    """An API as a snapshot keeps it."""

    team: str | None
    score: float | None
    areas: Mapping[str, float | None]
    passes: bool
    rules: Mapping[str, int]  # rule -> findings


@dataclass(frozen=True, kw_only=True)
class Snapshot:
    """A run's small record (``SNAPSHOT_SCHEMA`` version ``SNAPSHOT_VERSION``), to compare later
    runs with."""

    generated: str
    label: str  # what it was made from: a file name, a git revision
    apis: Mapping[str, SnapshotApi]
