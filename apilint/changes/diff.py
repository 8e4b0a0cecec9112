"""Diff two specs: load both sides, compare them, apply the version policy, locate changes."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from apilint.changes.kinds import KINDS
from apilint.changes.model import Change, DiffReport, RawChange, Recorder
from apilint.changes.operations import OperationComparer
from apilint.changes.policy import allow_sunset_removals, apply_version_policy, version_of
from apilint.changes.schemas import SchemaComparer
from apilint.changes.settings import DIFF_DEFAULTS, diff_settings
from apilint.changes.sources import AbsentAtRevision, Side, open_side
from apilint.changes.toplevel import compare_security_schemes, compare_servers
from apilint.lint.config import Config, ConfigError
from apilint.lint.findings import Identity, LoadProblem, Place
from apilint.lint.fingerprints import anchor, fingerprint, project_path
from apilint.model.document import Document
from apilint.source.loader import LoadError
from apilint.source.locations import Location


def compare_documents(
    old: Document, new: Document, options: Mapping[str, Any] | None = None
) -> tuple[list[RawChange], dict[str, str]]:
    """Every change from ``old`` to ``new`` (version policy applied), and the level of each
    change kind in force (``options``: the config's ``diff`` settings)."""
    settings = {**DIFF_DEFAULTS, **(options or {})}
    levels = {kind.id: kind.level for kind in KINDS.values()}
    levels.update(settings["changes"])
    recorder = Recorder()
    schemas = SchemaComparer(old, new, recorder)
    OperationComparer(old, new, recorder, schemas).run()
    compare_servers(old, new, recorder)
    compare_security_schemes(old, new, recorder)
    changes = [c for c in recorder.changes.values() if levels[c.kind] != "off"]
    allow_sunset_removals(changes, settings)
    before = len(recorder.changes)
    apply_version_policy(changes, levels, old, new, settings, recorder)
    changes.extend(c for c in list(recorder.changes.values())[before:] if levels[c.kind] != "off")
    return changes, levels


def _place(side: Side, loc: Location) -> Place:
    loaded = side.doc.workspace.files[loc.file]
    line, column = loaded.positions.locate(loc.pointer)
    return Place(side.name(loc.file), line, column, loc.pointer)


def _identity(side: Side, change: RawChange, message: str, root: Path | None) -> Identity:
    path = project_path(change.new.file, root)
    where = anchor(side.doc.workspace.files[change.new.file].data, change.new.pointer)
    return Identity(path, where, fingerprint(change.kind, path, where, message))


def diff_sides(
    old: Side, new: Side, options: Mapping[str, Any] | None = None, root: Path | None = None
) -> DiffReport:
    """The located changes between two loaded sides; ``root``: the project folder that
    fingerprints name files relative to (default: the working folder)."""
    changes, levels = compare_documents(old.doc, new.doc, options)
    located = []
    for c in changes:
        message = c.text()
        located.append(
            Change(
                id=c.kind,
                level=levels[c.kind],
                message=message,
                old=_place(old, c.old),
                new=_place(new, c.new),
                allowed=c.allowed if levels[c.kind] == "breaking" else None,
                identity=_identity(new, c, message, root),
            )
        )
    versions = (version_of(old.doc), version_of(new.doc))
    return DiffReport.build(old.label, new.label, located, versions=versions)


def _same_spec(old: str, new: str) -> bool:
    """Whether ``old`` is ``new`` at a git revision (``REV:path``, as ``--base`` writes it)."""
    path = old.partition(":")[2]
    return os.path.normpath(os.path.abspath(path)) == os.path.normpath(os.path.abspath(new))


def _added(old: str, new: str, side: Side, why: str) -> DiffReport:
    """The report of a spec that is new since the revision ``old`` names."""
    place = Place(side.label, 1, 1, "")
    change = Change(
        id="spec-added",
        level="info",
        message=f"new spec: {why}",
        old=None,
        new=place,
    )
    return DiffReport.build(old, new, [change], versions=(None, version_of(side.doc)))


def diff_specs(old: str, new: str, config: Config | None = None) -> DiffReport:
    """Diff two specs named as files, folders or ``REV:path``; a side that cannot be read is a
    report error (exit 2), never an exception. The config is the explicit one, else the one
    nearest the new spec. A bad explicit config raises ``ConfigError``."""
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
                return _added(old, new, sides[0], error.message)
            errors.append(LoadProblem(text, error.message))
            continue
        except LoadError as error:
            errors.append(LoadProblem(text, error.message, error.line, error.column))
            continue
        effective = effective or found
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
