"""Diff two specs: load both sides, compare them, apply the version policy, locate changes."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from apilint.changes.kinds import KINDS
from apilint.changes.model import (
    Change,
    DiffReport,
    RawChange,
    Recorder,
    RepositoryDiff,
    SpecDiff,
)
from apilint.changes.operations import OperationComparer
from apilint.changes.policy import allow_sunset_removals, apply_version_policy, version_of
from apilint.changes.repository import SpecPair, renamed_from, spec_pairs
from apilint.changes.schemas import SchemaComparer
from apilint.changes.settings import DIFF_DEFAULTS, diff_settings
from apilint.changes.sources import AbsentAtRevision, Side, open_side
from apilint.changes.toplevel import compare_security_schemes, compare_servers
from apilint.lint.config import Config, ConfigError, config_for
from apilint.lint.findings import Identity, LoadProblem, Place
from apilint.lint.fingerprints import anchor, fingerprint, project_path
from apilint.model.document import Document
from apilint.source.loader import LoadError
from apilint.source.locations import Location, display_path


def compare_documents(
    old: Document, new: Document, options: Mapping[str, Any] | None = None
) -> tuple[list[RawChange], dict[str, str]]:
    """Every change from ``old`` to ``new`` (version policy applied), each with its level in
    force (its kind's, lowered in an unstable operation), and the level of each change kind in
    force (``options``: the config's ``diff`` settings)."""
    settings = {**DIFF_DEFAULTS, **(options or {})}
    levels = {kind.id: kind.level for kind in KINDS.values()}
    levels.update(settings["changes"])
    recorder = Recorder()
    schemas = SchemaComparer(old, new, recorder, settings["extensible-enum-extension"])
    OperationComparer(old, new, recorder, schemas, settings).run()
    compare_servers(old, new, recorder)
    compare_security_schemes(old, new, recorder)
    changes = _kept(recorder.changes.values(), levels, settings)
    allow_sunset_removals(changes, settings)
    before = len(recorder.changes)
    apply_version_policy(changes, old, new, settings, recorder)
    changes += _kept(list(recorder.changes.values())[before:], levels, settings)
    return changes, levels


def _kept(
    changes: Iterable[RawChange], levels: Mapping[str, str], settings: Mapping[str, Any]
) -> list[RawChange]:
    """The changes not switched off, each with its level in force (lowered in an operation
    whose stability level the ``stability-exempt`` setting limits)."""
    kept = [c for c in changes if levels[c.kind] != "off"]
    for change in kept:
        change.settle(levels[change.kind], settings["stability-exempt"])
    return kept


def _place(side: Side, loc: Location) -> Place:
    loaded = side.doc.workspace.files[loc.file]
    line, column = loaded.positions.locate(loc.pointer)
    return Place(side.name(loc.file), line, column, loc.pointer)


def _identity(side: Side, change: RawChange, message: str, root: Path | None) -> Identity:
    path = project_path(change.new.file, root)
    where = anchor(side.doc.workspace.files[change.new.file].data, change.new.pointer)
    return Identity(path, where, fingerprint(change.kind, path, where, message))


def _operation_places(side: Side) -> dict[Location, str]:
    return {operation.loc: operation.label for operation in side.doc.operations}


def _enclosing(loc: Location, operations: Mapping[Location, str]) -> str | None:
    """The operation whose node holds ``loc`` (or is it), if any."""
    pointer = loc.pointer
    while (label := operations.get(Location(loc.file, pointer))) is None and pointer:
        pointer = pointer.rpartition("/")[0]
    return label


def _operations_of(
    change: RawChange, old: Mapping[Location, str], new: Mapping[Location, str]
) -> tuple[str, ...]:
    """The operations ``change`` reaches, else the one it is in (an operation added or
    removed: in the new spec, else in the old one)."""
    if change.operations:
        return tuple(change.operations)
    label = _enclosing(change.new, new) or _enclosing(change.old, old)
    return (label,) if label else ()


def diff_sides(
    old: Side, new: Side, options: Mapping[str, Any] | None = None, root: Path | None = None
) -> DiffReport:
    """The located changes between two loaded sides; ``root``: the project folder that
    fingerprints name files relative to (default: the working folder)."""
    changes = compare_documents(old.doc, new.doc, options)[0]  # each with its level in force
    old_operations, new_operations = _operation_places(old), _operation_places(new)
    located = []
    for c in changes:
        message = c.text()
        located.append(
            Change(
                id=c.kind,
                level=c.level,
                message=message,
                old=_place(old, c.old),
                new=_place(new, c.new),
                allowed=c.allowed if c.level == "breaking" else None,
                identity=_identity(new, c, message, root),
                operations=_operations_of(c, old_operations, new_operations),
            )
        )
    versions = (version_of(old.doc), version_of(new.doc))
    return DiffReport.build(old.label, new.label, located, versions=versions)


def _same_spec(old: str, new: str) -> bool:
    """Whether ``old`` is ``new`` at a git revision (``REV:path``, as ``--base`` writes it)."""
    path = old.partition(":")[2]
    return os.path.normpath(os.path.abspath(path)) == os.path.normpath(os.path.abspath(new))


def _added(old: str, new: str, side: Side, why: str, level: str = "info") -> DiffReport:
    """The report of a spec that is new since the revision ``old`` names (``level``: the
    config's level of ``spec-added``)."""
    place = Place(side.label, 1, 1, "")
    change = Change(
        id="spec-added",
        level=level,
        message=f"new spec: {why}",
        old=None,
        new=place,
    )
    changes = [change] if level != "off" else []
    return DiffReport.build(old, new, changes, versions=(None, version_of(side.doc)))


def _renamed_or_added(
    old: str, new: str, side: Side, why: str, config: Config | None
) -> DiffReport:
    """A spec absent at the revision ``old`` names: compared with the file git says it was
    renamed or moved from, else added."""
    revision = old.partition(":")[0]
    source = renamed_from(revision, new)
    if source is None:
        return _added(old, new, side, why)
    return diff_specs(f"{revision}:{source}", new, config)


def diff_specs(
    old: str,
    new: str,
    config: Config | None = None,
    *,
    unchanged: Callable[[Side], bool] | None = None,
) -> DiffReport:
    """Diff two specs named as files, folders or ``REV:path``; a side that cannot be read is a
    report error (exit 2), never an exception. The config is the explicit one, else the one
    nearest the new spec. A bad explicit config raises ``ConfigError``. ``unchanged``: says
    from the new side alone that the old one is the same (none of its files changed), so that
    nothing is compared."""
    settings = diff_settings(config) if config is not None else None  # fails before any work
    sides: list[Side] = []
    errors: list[LoadProblem] = []
    effective: Config | None = config
    for text in (new, old):  # the new side first: its config applies to both
        try:
            side, found = open_side(text, effective)
        except ConfigError as error:
            errors.append(LoadProblem(text, f"config error: {error}"))
            continue
        except AbsentAtRevision as error:
            if text == old and not errors and _same_spec(old, new):  # added since the revision
                return _renamed_or_added(old, new, sides[0], error.message, config)
            errors.append(LoadProblem(text, error.message))
            continue
        except LoadError as error:
            errors.append(LoadProblem(text, error.message, error.line, error.column))
            continue
        effective = effective or found
        if unchanged is not None and text == new and unchanged(side):
            version = version_of(side.doc)
            return DiffReport.build(old, side.label, versions=(version, version))
        sides.append(side)
    if errors:
        return DiffReport.build(old, new, errors=errors)
    new_side, old_side = sides
    assert effective is not None
    if settings is None:  # the config found beside the new spec
        try:
            settings = diff_settings(effective)
        except ConfigError as error:
            problem = LoadProblem(new, f"config error: {error}")
            return DiffReport.build(old, new, errors=[problem])
    try:
        return diff_sides(old_side, new_side, settings, effective.root)
    except Exception as error:  # never a traceback: one line naming both sides, exit 2
        detail = str(error).splitlines()[0] if str(error) else ""
        message = f"cannot compare with {old}: {type(error).__name__}" + (
            f": {detail}" if detail else ""
        )
        return DiffReport.build(old, new, errors=[LoadProblem(new, message)])


def diff_repository(
    base: str, paths: Sequence[str] = (), config: Config | None = None
) -> RepositoryDiff:
    """Every OpenAPI root under ``paths`` (files, folders, globs; default: the working folder)
    against its version at the git revision ``base``, with its ``$ref``'d files read at
    ``base`` too: a spec renamed or moved is compared with its old self, a new one is
    ``spec-added``, one gone (or no longer a spec) ``spec-removed``. A spec that cannot be read
    is its report's error, a path that names nothing a ``RepositoryDiff`` error. Raises
    ``RevisionError`` (one line) when git cannot answer (no repository, unknown revision), and
    ``ConfigError`` for a bad explicit config."""
    if config is not None:
        diff_settings(config)  # a bad explicit config fails before any work
    pairing = spec_pairs(base, list(paths) or ["."])
    unchanged = _untouched(pairing.changed)
    specs = tuple(_spec_diff(base, pairing.top, pair, config, unchanged) for pair in pairing.pairs)
    problems = pairing.problems
    if not specs and not problems:
        where = " ".join(paths) or "."
        problems.append(LoadProblem(where, f"no OpenAPI spec here or at {base}"))
    return RepositoryDiff(base, specs, tuple(sorted(problems)))


def _untouched(changed: frozenset[str]) -> Callable[[Side], bool]:
    """Whether none of the files a spec reads (root and ``$ref``'d, or failing to load) is
    among the ``changed`` ones: it is then the same spec as at the revision."""

    def unchanged(side: Side) -> bool:
        workspace = side.doc.workspace
        workspace.scan()
        reached = [*workspace.files, *workspace.failed]
        return not any(os.path.normpath(key) in changed for key in reached)

    return unchanged


def _spec_diff(
    base: str,
    top: Path,
    pair: SpecPair,
    config: Config | None,
    unchanged: Callable[[Side], bool] | None,
) -> SpecDiff:
    """One pair's report, and the label that names the spec (``unchanged``: tells a spec
    whose files did not change)."""
    if pair.new is None:
        assert pair.old is not None
        removed = _removed(f"{base}:{pair.old}", top / pair.old, pair.why, config)
        return SpecDiff(removed.new, pair.status, removed)
    new = display_path(os.path.abspath(pair.new))
    if pair.old is None:
        old = f"{base}:{Path(os.path.relpath(os.path.abspath(pair.new), top)).as_posix()}"
        added = _added_spec(old, new, pair.why, config)
        return SpecDiff(added.new, pair.status, added)
    old = f"{base}:{os.path.relpath(top / pair.old)}"
    same = unchanged if pair.status == "compared" else None
    report = diff_specs(old, new, config, unchanged=same)
    label = report.new if pair.status == "compared" else f"{pair.old} -> {report.new}"
    return SpecDiff(label, pair.status, report)


def _whole_spec_level(kind: str, spec: Path, config: Config | None) -> str:
    """The level of ``spec-added`` or ``spec-removed`` in the config that applies to ``spec``
    (raises ``ConfigError``)."""
    changes: Mapping[str, str] = diff_settings(config_for(spec, config))["changes"]
    return changes.get(kind, KINDS[kind].level)


def _added_spec(old: str, new: str, why: str, config: Config | None) -> DiffReport:
    try:
        side, effective = open_side(new, config)
        level = _whole_spec_level("spec-added", Path(new), effective)
    except ConfigError as error:
        return DiffReport.build(old, new, errors=[LoadProblem(new, f"config error: {error}")])
    except LoadError as error:
        problem = LoadProblem(new, error.message, error.line, error.column)
        return DiffReport.build(old, new, errors=[problem])
    return _added(old, new, side, why, level)


def _removed(old: str, where: Path, why: str, config: Config | None) -> DiffReport:
    """The report of a spec that existed at the revision (``old``: ``REV:path``) and is gone
    from ``where``."""
    new = display_path(str(where))
    try:
        level = _whole_spec_level("spec-removed", where, config)
    except ConfigError as error:
        return DiffReport.build(old, new, errors=[LoadProblem(new, f"config error: {error}")])
    if level == "off":
        return DiffReport.build(old, new)
    change = Change(
        id="spec-removed",
        level=level,
        message=f"spec removed: {why}",
        old=Place(old, 1, 1, ""),
        new=Place(new, 1, 1, ""),
    )
    return DiffReport.build(old, new, [change])
