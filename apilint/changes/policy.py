"""The version policy: which breaking changes a release may make.

A breaking change is covered when ``info.version``'s major went up (policy ``major``), or when
what it removes was deprecated in the old spec with a sunset date already passed
(``allow-removal-after-sunset``). Breaking changes without either make a ``version-not-bumped``
change at ``info.version``; a major bump without any breaking change is noted as info.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import semver

from apilint.analysis.versions import major_of, parse_date, today_or
from apilint.changes.model import RawChange, Recorder
from apilint.model.document import Document


def version_of(doc: Document) -> str | None:
    info = doc.data.get("info")
    version = info.get("version") if isinstance(info, dict) else None
    return str(version) if version is not None else None


def _version_at(doc: Document) -> Any:
    info = doc.root.child("info")
    return info.child("version") if version_of(doc) is not None else info


def allow_sunset_removals(changes: list[RawChange], options: Mapping[str, Any]) -> None:
    """Cover the removal of what was deprecated with a sunset date that has passed."""
    if not options["allow-removal-after-sunset"]:
        return
    extension = options["sunset-extension"]
    today = today_or(options["today"])
    for change in changes:
        removed = change.removed
        if not (isinstance(removed, dict) and removed.get("deprecated") is True):
            continue
        date = parse_date(removed.get(extension))
        if date is not None and date <= today:
            change.allowed = f"deprecated, sunset {date.isoformat()} has passed"
        elif date is not None:
            change.message += f", before its sunset date {date.isoformat()}"


def _decreased(old: str, new: str) -> bool:
    try:
        return semver.Version.parse(new, optional_minor_and_patch=True) < semver.Version.parse(
            old, optional_minor_and_patch=True
        )
    except ValueError:
        old_major, new_major = major_of(old), major_of(new)
        return old_major is not None and new_major is not None and new_major < old_major


#: Breaking changes no version bump makes right (a major bump does not make an invalid
#: stability level valid): never covered, not counted in ``version-not-bumped``.
_NOT_COVERABLE = frozenset({"stability-level-invalid"})


def apply_version_policy(
    changes: list[RawChange],
    old: Document,
    new: Document,
    options: Mapping[str, Any],
    recorder: Recorder,
) -> None:
    """Mark the breaking changes a major bump covers (each change's ``level`` is in force),
    and record the version changes: ``version-not-bumped`` counts the breaking changes it is
    about, and is not one of them."""
    old_version, new_version = version_of(old), version_of(new)
    old_at, new_at = _version_at(old), _version_at(new)
    if old_version and new_version and _decreased(old_version, new_version):
        message = f"info.version went down from {old_version} to {new_version}"
        recorder.emit("version-decreased", message, old_at, new_at)
    if options["version-policy"] != "major":
        return
    breaking = [c for c in changes if c.level == "breaking" and c.kind not in _NOT_COVERABLE]
    uncovered = [c for c in breaking if c.allowed is None]
    old_major = major_of(old_version) if old_version else None
    new_major = major_of(new_version) if new_version else None
    if old_major is not None and new_major is not None and new_major > old_major:
        for change in uncovered:
            change.allowed = f"major version bumped from {old_version} to {new_version}"
        if not breaking:
            message = (
                f"major version bumped from {old_version} to {new_version}"
                " without a breaking change"
            )
            recorder.emit("version-bumped-without-breaking", message, old_at, new_at)
        return
    if uncovered:
        count = len(uncovered)
        plural = "s" if count > 1 else ""
        if new_major is None:
            why = f"info.version '{new_version}' has no major version to bump"
        elif old_version == new_version:
            why = f"info.version is still {new_version}"
        else:
            why = f"info.version went from {old_version} to {new_version}"
        message = f"{count} breaking change{plural} without a major version bump: {why}"
        recorder.emit("version-not-bumped", message, old_at, new_at)
