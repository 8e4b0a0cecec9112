"""Report snapshots: a run's small record (scores, areas, gate, findings per rule of each API),
written as JSON to a history folder so that a later run can show what changed since.

The file format is stable and versioned (``SNAPSHOT_SCHEMA``, ``SNAPSHOT_VERSION``) and described
by ``snapshot.schema.json`` beside this module. Fields may be added without a new version (a
reader ignores what it does not know); a change an older reader would misread bumps the version.
A reader refuses versions newer than its own and upgrades the older ones it knows.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import datetime, timezone
from functools import lru_cache
from importlib import resources
from itertools import count
from pathlib import Path
from typing import Any

from apilint.fleet.model import (
    SNAPSHOT_SCHEMA,
    SNAPSHOT_VERSION,
    ApiSummary,
    FleetReport,
    Snapshot,
    SnapshotApi,
)

#: The prefix of the files ``write`` makes: ``apilint-report-20261206T2140Z.json``.
FILE_PREFIX = "apilint-report-"

#: JSON indentation: one line per value, so that a diff of two snapshots shows which API
#: changed which figure (2,639 APIs: see ``docs/report.md`` for the size).
_INDENT = 1

#: version -> the function that turns a snapshot of that version into the next version's form.
_UPGRADES: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}


class NotASnapshot(ValueError):
    """The file is not a report snapshot at all (not JSON, another schema): a history folder
    may hold such files beside its snapshots."""


def snapshot_of(report: FleetReport, label: str) -> Snapshot:
    """The snapshot of a report: per API its team, score, area subscores, whether it passes
    the gate and its findings per rule. ``label`` says what it was made from (empty: ``read``
    names it by its file)."""
    return Snapshot(
        generated=report.generated,
        label=label,
        apis={summary.name: _api_of(summary) for summary in report.apis},
    )


def _api_of(summary: ApiSummary) -> SnapshotApi:
    score = summary.score
    return SnapshotApi(
        team=summary.team,
        score=None if score is None else score.total,
        areas={} if score is None else dict(score.areas),
        passes=summary.profile.passes,
        rules={tally.rule: tally.findings for tally in summary.profile.tallies if tally.findings},
    )


def to_json(snapshot: Snapshot) -> str:
    """The snapshot file's text: keys sorted, one value a line."""
    data = {
        "schema": SNAPSHOT_SCHEMA,
        "version": SNAPSHOT_VERSION,
        "generated": snapshot.generated,
        "label": snapshot.label,
        "apis": {
            name: {
                "team": api.team,
                "score": api.score,
                "areas": dict(api.areas),
                "passes": api.passes,
                "rules": dict(api.rules),
            }
            for name, api in snapshot.apis.items()
        },
    }
    return json.dumps(data, indent=_INDENT, sort_keys=True, ensure_ascii=False) + "\n"


def read(path: Path) -> Snapshot:
    """The snapshot in ``path``; raises ``ValueError`` (one line naming the file) when the file
    cannot be read, is not a snapshot (``NotASnapshot``), has a version newer than this apilint
    knows, or does not follow the schema. A snapshot with an empty label is named by its file."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) else "not UTF-8 text"
        raise ValueError(f"{path}: cannot read the snapshot: {reason}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise NotASnapshot(
            f"{path}: not a report snapshot: not JSON ({error.msg} at line {error.lineno}, "
            f"column {error.colno})"
        ) from None
    return _from_data(_current(data, path), path)


def _current(data: Any, path: Path) -> dict[str, Any]:
    """The file's data in this version's form, checked against the schema."""
    schema = data.get("schema") if isinstance(data, dict) else None
    if schema != SNAPSHOT_SCHEMA:
        found = "no schema" if schema is None else f"schema {json.dumps(schema)}"
        raise NotASnapshot(f'{path}: not a report snapshot ({found}, expected "{SNAPSHOT_SCHEMA}")')
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ValueError(f"{path}: unknown snapshot version {json.dumps(version)}")
    if version > SNAPSHOT_VERSION:
        raise ValueError(
            f"{path}: snapshot version {version} is newer than this apilint reads "
            f"({SNAPSHOT_VERSION}): upgrade apilint to compare with it"
        )
    while version < SNAPSHOT_VERSION:
        data = _UPGRADES[version](data)
        version += 1
    problem = schema_problem(data)
    if problem is not None:
        raise ValueError(f"{path}: invalid snapshot: {problem}")
    return data


@lru_cache(maxsize=1)
def json_schema() -> dict[str, Any]:
    """The snapshot file's JSON Schema (``snapshot.schema.json``, shipped with the package)."""
    text = (resources.files("apilint.fleet") / "snapshot.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


@lru_cache(maxsize=1)
def _compiled_validator() -> Any:
    """The schema compiled by jsonschema-rs (optional: CPython only), or None."""
    try:
        import jsonschema_rs
    except ImportError:
        return None
    return jsonschema_rs.validator_for(json_schema())


def schema_problem(data: Any) -> str | None:
    """What in ``data`` the snapshot schema rejects, as ``/pointer: message`` (None: valid).
    jsonschema-rs gives the fast yes when installed; jsonschema explains a no."""
    fast = _compiled_validator()
    if fast is not None and fast.is_valid(data):
        return _time_problem(data)
    import jsonschema  # only to explain what is wrong (0.1 s to import)

    validator = jsonschema.Draft202012Validator(json_schema())
    error = jsonschema.exceptions.best_match(validator.iter_errors(data))
    if error is None:
        return _time_problem(data)
    pointer = "".join(f"/{part}" for part in error.absolute_path)
    return f"{pointer or '/'}: {error.message}"


def _time_problem(data: dict[str, Any]) -> str | None:
    try:
        utc(data["generated"])
    except ValueError:
        return f"/generated: {json.dumps(data['generated'])} is not an ISO 8601 date and time"
    return None


def _from_data(data: dict[str, Any], path: Path) -> Snapshot:
    return Snapshot(
        generated=data["generated"],
        label=data["label"] or path.name,
        apis={
            name: SnapshotApi(
                team=api["team"],
                score=api["score"],
                areas=api["areas"],
                passes=api["passes"],
                rules={rule: found for rule, found in api["rules"].items() if found},
            )
            for name, api in data["apis"].items()
        },
    )


def utc(moment: str) -> datetime:
    """An ISO 8601 date and time as an aware UTC datetime (no offset: UTC); raises
    ``ValueError``. Python 3.10's ``fromisoformat`` does not read a ``Z``, hence the rewrite."""
    if moment.endswith(("Z", "z")):
        moment = moment[:-1] + "+00:00"
    parsed = datetime.fromisoformat(moment)
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=timezone.utc)
    return parsed.astimezone(timezone.utc)


def write(snapshot: Snapshot, folder: Path) -> Path:
    """Writes the snapshot into ``folder`` (made when missing) as
    ``apilint-report-<UTC time of generated, to the minute>.json`` and returns its path. An
    existing file is never overwritten: a second snapshot of the same minute gets ``-2``..."""
    text = to_json(snapshot)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = utc(snapshot.generated).strftime("%Y%m%dT%H%MZ")
    for path in _names(folder, stamp):
        try:
            with path.open("x", encoding="utf-8") as out:
                out.write(text)
        except FileExistsError:
            continue
        return path
    raise AssertionError("unreachable")  # pragma: no cover - _names never ends


def _names(folder: Path, stamp: str) -> Iterator[Path]:
    yield folder / f"{FILE_PREFIX}{stamp}.json"
    for number in count(2):
        yield folder / f"{FILE_PREFIX}{stamp}-{number}.json"


def latest(folder: Path) -> Path | None:
    """The newest snapshot among the ``*.json`` files of a history folder, by the time each was
    generated (then by file name: ``-2`` after none), never by the file's time; None when there
    is none (or no folder). Files that are not snapshots are passed over; a snapshot that
    cannot be read (a newer version, a broken one) raises ``ValueError``, rather than comparing
    with an older one unnoticed."""
    if not folder.is_dir():
        return None
    found: dict[Path, datetime] = {}
    for path in sorted(folder.glob("*.json")):
        if not path.is_file():
            continue
        try:
            found[path] = utc(read(path).generated)
        except NotASnapshot:
            continue
    return max(found, key=lambda path: (found[path], path.stem), default=None)


def compared(path: Path) -> Snapshot | None:
    """The snapshot ``--compare PATH`` names: the file itself, or a history folder's latest
    (None: the folder holds none yet, as on a first run). Raises ``ValueError`` as ``read``."""
    if not path.is_dir():
        return read(path)
    found = latest(path)
    return None if found is None else read(found)
