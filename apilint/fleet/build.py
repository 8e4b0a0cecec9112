"""``apilint report``'s run: every spec of a fleet linted once, then scored, owned, gathered
per team and fleet, checked for consistency across APIs and compared with an earlier run.
"""

from __future__ import annotations

import os
import statistics
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from apilint.fleet.consistency import all_checks, judge
from apilint.fleet.facts import SpecFacts
from apilint.fleet.model import (
    Adoption,
    ApiProfile,
    ApiSummary,
    Distribution,
    FleetFinding,
    FleetReport,
    GroupSummary,
)
from apilint.fleet.ownership import DEFAULT_EXTENSION, OwnershipSettings, owner_of
from apilint.fleet.profile import DEFAULT_SHOWN, Reducer
from apilint.fleet.scoring import hotspots, score, score_area
from apilint.fleet.snapshots import compared
from apilint.fleet.trends import compare
from apilint.lint.config import Config, build_config, find_config_file, load_config
from apilint.lint.discover import discover
from apilint.lint.findings import Severity
from apilint.lint.jobs import Jobs, check_jobs, map_specs
from apilint.lint.registry import PluginError

#: A finding of this severity or above breaks a standard (hints are suggestions).
BREAKING = Severity.INFO


@dataclass(frozen=True)
class ReportSettings:
    """The config's ``report`` sections, merged (a later layer's keys win; its ``teams``
    globs come before an earlier layer's), with where they are written."""

    raw: Mapping[str, Any]
    where: str
    base: Path  # the folder the config is in (``codeowners`` is relative to it)

    @classmethod
    def of(cls, config: Config, root: Path) -> ReportSettings:
        merged: dict[str, Any] = {}
        where = "config"
        for written, section in config.report_sections:
            where = written
            teams = {**section.get("teams", {}), **merged.get("teams", {})}
            merged.update(section)
            if teams:
                merged["teams"] = teams
        return cls(merged, where, config.root or root)

    def ownership(self) -> OwnershipSettings:
        return OwnershipSettings.from_config(self.raw, self.base, where=self.where)

    @property
    def shown(self) -> int:
        return int(self.raw.get("shown", DEFAULT_SHOWN))

    @property
    def min_score(self) -> float | None:
        value = self.raw.get("min-score")
        return None if value is None else float(value)

    @property
    def history(self) -> Path | None:
        value = self.raw.get("history")
        return None if value is None else self.base / value


def spec_paths(paths: Iterable[str]) -> list[str]:
    """The paths to report on: each as given, except ``@FILE`` (or a ``.txt`` file), a list
    of paths, one per line, relative to the list's folder (blank lines and ``#`` comments
    skipped)."""
    found: list[str] = []
    for raw in paths:
        listing = raw[1:] if raw.startswith("@") else raw if raw.endswith(".txt") else None
        if listing is None:
            found.append(raw)
            continue
        folder = Path(listing).parent
        try:
            text = Path(listing).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            reason = error.strerror if isinstance(error, OSError) else "not UTF-8 text"
            raise ValueError(f"{listing}: cannot read this list of specs: {reason}") from None
        for line in text.splitlines():
            entry = line.strip()
            if entry and not entry.startswith("#"):
                found.append(str(folder / entry) if not os.path.isabs(entry) else entry)
    return found


def default_root(files: Sequence[Path]) -> Path:
    """The working folder, or the folder all the specs are in when some are outside it."""
    here = Path(os.getcwd())
    absolute = [os.path.abspath(file) for file in files]
    if not absolute or all(Path(file).is_relative_to(here) for file in absolute):
        return here
    return Path(os.path.commonpath([os.path.dirname(file) for file in absolute]))


def root_config(root: Path, explicit: Config | None) -> Config:
    """The config that governs the report: the explicit one, else the nearest above ``root``."""
    if explicit is not None:
        return explicit
    found = find_config_file(root.resolve())
    return load_config(found) if found is not None else build_config(None)


def build_report(
    paths: Sequence[str],
    explicit: Config | None = None,
    *,
    root: Path | None = None,
    gate: Severity = Severity.ERROR,
    jobs: Jobs = "auto",
    cache_dir: Path | None = None,
    portable: Any = None,
    compare_with: Path | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> FleetReport:
    """The report on every OpenAPI spec under ``paths`` (files, folders, globs, ``@LIST``),
    API names relative to ``root`` (default: the working folder, or the folder all the
    specs are in when some are outside it). ``compare_with``: a
    snapshot file, or a folder of snapshots (its latest). Raises ``ValueError`` (one line)
    for a bad ``report`` section, CODEOWNERS, snapshot or list file; ``ConfigError`` for a
    bad explicit config."""
    check_jobs(jobs)
    files, problems = discover(spec_paths(paths))
    folder = Path(root) if root is not None else default_root(files)
    governing = root_config(folder, explicit)
    settings = ReportSettings.of(governing, folder)
    ownership = settings.ownership()
    before = compared(compare_with) if compare_with is not None else None
    observer = SpecFacts(str(settings.raw.get("owner-extension", DEFAULT_EXTENSION)))
    profiles = map_specs(
        files,
        explicit,
        Reducer(folder, gate, settings.shown),
        jobs=jobs,
        cache_dir=cache_dir,
        portable=portable,
        observer=observer,
        progress=progress,
    )
    apis = tuple(sorted((_summary(p, ownership, folder) for p in profiles), key=lambda a: a.name))
    errors = [f"{problem.file}: {problem.message}" for problem in problems]
    if ownership.codeowners_file is not None:
        errors.extend(ownership.codeowners_file.problems)
    errors.extend(f"{api.name}: {failure}" for api in apis for failure in api.profile.failures)
    report = FleetReport(
        generated=datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        root=str(folder),
        apis=apis,
        teams=_teams(apis),
        fleet=group(None, apis),
        adoption=adoption(apis),
        consistency=_consistency(apis, governing),
        errors=tuple(errors),
        gate=gate.label,
    )
    return report if before is None else replace(report, trend=compare(before, report))


def _summary(profile: ApiProfile, settings: OwnershipSettings, root: Path) -> ApiSummary:
    ownership = owner_of(Path(profile.file), profile.owner, settings, root)
    if profile.error is not None:
        return ApiSummary(profile=profile, ownership=ownership, score=None)
    return ApiSummary(
        profile=profile,
        ownership=ownership,
        score=score(profile),
        hotspots=hotspots(profile),
    )


def distribution(scores: Sequence[float]) -> Distribution:
    """How many scores fall in each band of ten (100 in the last), their mean and median."""
    bands = [0] * 10
    for value in scores:
        bands[min(int(value // 10), 9)] += 1
    if not scores:
        return Distribution(bands=tuple(bands), mean=None, median=None)
    return Distribution(
        bands=tuple(bands),
        mean=round(statistics.fmean(scores), 1),
        median=round(statistics.median(scores), 1),
    )


def group(name: str | None, apis: Sequence[ApiSummary]) -> GroupSummary:
    scores = [api.score.total for api in apis if api.score is not None]
    return GroupSummary(
        name=name,
        apis=tuple(api.name for api in apis),
        passing=sum(1 for api in apis if api.profile.passes),
        failed_to_load=sum(1 for api in apis if api.profile.error is not None),
        distribution=distribution(scores),
    )


def _teams(apis: Sequence[ApiSummary]) -> tuple[GroupSummary, ...]:
    """Each team's group by name; the unowned APIs last, as the team ``""``."""
    by_team: dict[str, list[ApiSummary]] = {}
    for api in apis:
        by_team.setdefault(api.team or "", []).append(api)
    names = sorted(name for name in by_team if name) + ([""] if "" in by_team else [])
    return tuple(group(name, by_team[name]) for name in names)


def adoption(apis: Sequence[ApiSummary]) -> tuple[Adoption, ...]:
    """Every rule that some API breaks (a finding of info or above): the APIs breaking it, of
    those it ran on; the least adopted first, then by rule id."""
    ran: dict[str, int] = {}
    breaking: dict[str, list[str]] = {}
    areas: dict[str, str] = {}
    for api in apis:
        for rule in api.profile.rules:
            ran[rule] = ran.get(rule, 0) + 1
        for tally in api.profile.tallies:
            if Severity.parse(tally.severity) >= BREAKING:
                breaking.setdefault(tally.rule, []).append(api.name)
                areas[tally.rule] = score_area(tally.area)
    found = [
        Adoption(
            rule=rule,
            area=areas[rule],
            breaking=tuple(names),
            apis=max(ran.get(rule, 0), len(names)),
        )
        for rule, names in breaking.items()
    ]
    return tuple(sorted(found, key=lambda item: (item.adopted, item.rule)))


def _consistency(apis: Sequence[ApiSummary], config: Config) -> tuple[FleetFinding, ...]:
    """The fleet findings of the checks that ran on some API (plugins of the governing
    config; a spec's own config may have run more, which are judged if loadable here)."""
    ran = {check for api in apis for check in api.profile.checks}
    try:
        loaded = all_checks(config.plugins)
    except PluginError as error:
        raise ValueError(str(error)) from None
    checks = [check for check in loaded if check.id in ran]
    observations = {api.name: api.profile.observations for api in apis if api.profile.error is None}
    return judge(observations, checks)
