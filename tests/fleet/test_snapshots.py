"""Report snapshots: what a run records, the file's exact form and schema, reading it back,
refusing what is not one, naming files and finding the latest in a history folder."""

from __future__ import annotations

import json
import os
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
from snapshot_fleet import Api, fleet, snapshot

from apilint.fleet import snapshots
from apilint.fleet.model import Snapshot, SnapshotApi
from apilint.fleet.snapshots import compared, latest, read, snapshot_of, to_json, write

PAYMENTS = Api("payments/openapi.yaml", team="payments", score=91.5, rules={"path-casing": 2})
BROKEN = Api("legacy/swagger.json", team=None, score=None, passes=False)


def test_a_snapshot_keeps_team_score_areas_gate_and_findings_per_rule() -> None:
    made = snapshot_of(fleet(PAYMENTS, BROKEN), label="main")
    assert made == Snapshot(
        generated="2026-12-06T21:40:00Z",
        label="main",
        apis={
            "legacy/swagger.json": SnapshotApi(
                team=None, score=None, areas={}, passes=False, rules={}
            ),
            "payments/openapi.yaml": SnapshotApi(
                team="payments",
                score=91.5,
                areas={
                    "structure": 91.5,
                    "naming": 91.5,
                    "documentation": 91.5,
                    "security": 91.5,
                    "versioning": None,
                },
                passes=True,
                rules={"path-casing": 2},
            ),
        },
    )


def test_the_file_has_sorted_keys_and_one_value_a_line() -> None:
    text = to_json(snapshot(PAYMENTS, label="main"))
    assert text == (
        "{\n"
        ' "apis": {\n'
        '  "payments/openapi.yaml": {\n'
        '   "areas": {\n'
        '    "documentation": 91.5,\n'
        '    "naming": 91.5,\n'
        '    "security": 91.5,\n'
        '    "structure": 91.5,\n'
        '    "versioning": null\n'
        "   },\n"
        '   "passes": true,\n'
        '   "rules": {\n'
        '    "path-casing": 2\n'
        "   },\n"
        '   "score": 91.5,\n'
        '   "team": "payments"\n'
        "  }\n"
        " },\n"
        ' "generated": "2026-11-30T09:00:00Z",\n'
        ' "label": "main",\n'
        ' "schema": "apilint-report-snapshot",\n'
        ' "version": 1\n'
        "}\n"
    )


def test_a_written_snapshot_reads_back_the_same(tmp_path: Path) -> None:
    made = snapshot_of(fleet(PAYMENTS, BROKEN, Api("ünïcode/api.yaml", team="ä")), "v2.1")
    assert read(write(made, tmp_path)) == made


def test_a_snapshot_without_a_label_is_named_by_its_file(tmp_path: Path) -> None:
    path = write(snapshot(PAYMENTS, label=""), tmp_path)
    assert read(path).label == "apilint-report-20261130T0900Z.json"


def _shipped_schema() -> dict[str, object]:
    text = (resources.files("apilint.fleet") / "snapshot.schema.json").read_text("utf-8")
    return json.loads(text)  # type: ignore[no-any-return]


def test_a_written_snapshot_follows_the_shipped_json_schema(tmp_path: Path) -> None:
    path = write(snapshot_of(fleet(PAYMENTS, BROKEN), "main"), tmp_path)
    validator = jsonschema.Draft202012Validator(
        _shipped_schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    data = json.loads(path.read_text("utf-8"))
    assert list(validator.iter_errors(data)) == []
    data["apis"]["payments/openapi.yaml"]["score"] = 101
    assert [error.message for error in validator.iter_errors(data)] == [
        "101 is greater than the maximum of 100"
    ]


def _file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "old.json"
    path.write_text(text, encoding="utf-8")
    return path


def _snapshot_data(**changes: object) -> str:
    data = json.loads(to_json(snapshot(PAYMENTS)))
    data.update(changes)
    return json.dumps(data)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("scores: 1\n", "not a report snapshot: not JSON (Expecting value at line 1, column 1)"),
        ('{"version": 1}', 'not a report snapshot (no schema, expected "apilint-report-snapshot")'),
        ("[1, 2]", 'not a report snapshot (no schema, expected "apilint-report-snapshot")'),
        (
            _snapshot_data(schema="sarif"),
            'not a report snapshot (schema "sarif", expected "apilint-report-snapshot")',
        ),
        (
            _snapshot_data(version=2),
            "snapshot version 2 is newer than this apilint reads (1): upgrade apilint to "
            "compare with it",
        ),
        (_snapshot_data(version=0), "unknown snapshot version 0"),
        (_snapshot_data(version="1"), 'unknown snapshot version "1"'),
        (
            _snapshot_data(apis={"a.yaml": {"team": None, "score": "high"}}),
            "invalid snapshot: /apis/a.yaml: 'areas' is a required property",
        ),
        (
            _snapshot_data(label=None),
            "invalid snapshot: /label: None is not of type 'string'",
        ),
        (
            _snapshot_data(generated="yesterday"),
            'invalid snapshot: /generated: "yesterday" is not an ISO 8601 date and time',
        ),
    ],
)
def test_read_refuses_with_one_line_naming_the_file(
    tmp_path: Path, text: str, message: str
) -> None:
    path = _file(tmp_path, text)
    with pytest.raises(ValueError) as raised:
        read(path)
    assert str(raised.value) == f"{path}: {message}"


def test_read_refuses_a_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "gone.json"
    with pytest.raises(ValueError, match=r"gone\.json: cannot read the snapshot: No such file"):
        read(path)


def test_read_upgrades_an_older_version_it_knows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(snapshot(PAYMENTS, label="main"), tmp_path)

    def to_version_2(data: dict[str, object]) -> dict[str, object]:
        return {**data, "version": 2, "label": f"{data['label']} (upgraded)"}

    monkeypatch.setattr(snapshots, "SNAPSHOT_VERSION", 2)
    monkeypatch.setattr(snapshots, "_UPGRADES", {1: to_version_2})
    assert read(path).label == "main (upgraded)"


def test_write_names_the_file_by_the_utc_minute_and_never_overwrites(tmp_path: Path) -> None:
    folder = tmp_path / "history" / "report"
    first = write(snapshot(PAYMENTS, generated="2026-12-06T22:40:59+01:00"), folder)
    second = write(snapshot(BROKEN, generated="2026-12-06T21:40:00Z"), folder)
    third = write(snapshot(BROKEN, generated="2026-12-06T21:40:30Z"), folder)
    assert [first.name, second.name, third.name] == [
        "apilint-report-20261206T2140Z.json",
        "apilint-report-20261206T2140Z-2.json",
        "apilint-report-20261206T2140Z-3.json",
    ]
    assert list(read(first).apis) == ["payments/openapi.yaml"]


def _aged(path: Path, seconds: int) -> Path:
    os.utime(path, (seconds, seconds))
    return path


def test_latest_is_the_newest_generated_whatever_the_file_times(tmp_path: Path) -> None:
    newest = _aged(write(snapshot(PAYMENTS, generated="2026-12-06T10:00:00Z"), tmp_path), 1)
    _aged(write(snapshot(PAYMENTS, generated="2026-12-05T10:00:00Z"), tmp_path), 3)
    renamed = _aged(write(snapshot(PAYMENTS, generated="2026-12-06T09:59:00Z"), tmp_path), 2)
    renamed.rename(tmp_path / "zz-last-by-name.json")
    (tmp_path / "package.json").write_text('{"name": "fleet"}')
    (tmp_path / "notes.json").write_text("not json at all")
    (tmp_path / "README.md").write_text("# history")
    (tmp_path / "folder.json").mkdir()
    assert latest(tmp_path) == newest


def test_latest_breaks_a_tie_by_file_name(tmp_path: Path) -> None:
    write(snapshot(PAYMENTS), tmp_path)
    second = write(snapshot(BROKEN), tmp_path)
    assert second.name == "apilint-report-20261130T0900Z-2.json"
    assert latest(tmp_path) == second


def test_latest_of_an_empty_or_missing_folder_is_none(tmp_path: Path) -> None:
    (tmp_path / "other.json").write_text("{}")
    assert latest(tmp_path) is None
    assert latest(tmp_path / "missing") is None


def test_latest_refuses_a_snapshot_it_cannot_read(tmp_path: Path) -> None:
    write(snapshot(PAYMENTS), tmp_path)
    newer = tmp_path / "from-a-newer-apilint.json"
    newer.write_text(_snapshot_data(version=2))
    with pytest.raises(ValueError, match=r"from-a-newer-apilint\.json: snapshot version 2 is"):
        latest(tmp_path)


def test_read_checks_the_schema_without_jsonschema_rs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(snapshot(PAYMENTS, BROKEN, label="main"), tmp_path)
    monkeypatch.setattr(snapshots, "_compiled_validator", lambda: None)
    assert read(path) == snapshot(PAYMENTS, BROKEN, label="main")
    bad = _file(tmp_path, _snapshot_data(generated="soon"))
    with pytest.raises(ValueError, match=r'/generated: "soon" is not an ISO 8601 date and time$'):
        read(bad)


def test_compared_is_the_file_or_the_latest_of_a_folder(tmp_path: Path) -> None:
    assert compared(tmp_path) is None
    older = write(snapshot(PAYMENTS, generated="2026-12-01T10:00:00Z", label="old"), tmp_path)
    write(snapshot(BROKEN, generated="2026-12-02T10:00:00Z", label="new"), tmp_path)
    assert compared(tmp_path) == snapshot(BROKEN, generated="2026-12-02T10:00:00Z", label="new")
    assert compared(older) == snapshot(PAYMENTS, generated="2026-12-01T10:00:00Z", label="old")
    with pytest.raises(ValueError, match=r"missing\.json: cannot read the snapshot: No such"):
        compared(tmp_path / "missing.json")
