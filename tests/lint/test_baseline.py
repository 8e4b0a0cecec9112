"""Baselines as a team adopting apilint meets them: record today, see only new findings, and
keep matching through edits that move lines (a path inserted at the top, a reformatted file)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import yaml
from conftest import CONVENTION_CONFIG, DIRTY_SPEC, run, run_json

Write = Callable[[str, str], Path]

#: DIRTY_SPEC with two parameters (whose positions the tests change)
SPEC = DIRTY_SPEC.replace(
    "      responses:\n",
    "      parameters:\n"
    "        - {name: id, in: path, required: true, schema: {type: string}}\n"
    "        - {name: Page_Size, in: query, schema: {type: integer}}\n"
    "      responses:\n",
)


def _record(spec: Path) -> dict:
    result = run("baseline", spec.name, "-o", "baseline.json")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("apilint: recorded ")
    return json.loads(Path("baseline.json").read_text())


def test_baseline_file_is_sorted_readable_json(project: Path, write: Write) -> None:
    data = _record(write("api.yaml", SPEC))
    assert data["version"] == 1
    entries = data["findings"]
    assert entries and entries == sorted(
        entries, key=lambda e: (e["file"], e["rule"], e["anchor"], e["message"])
    )
    assert set(entries[0]) == {"file", "rule", "anchor", "message", "fingerprint"}
    anchors = {e["anchor"] for e in entries}
    # array positions are replaced by what identifies the element
    assert "/paths/~1userAccounts~1{id}/get/parameters/[Page_Size@query]" in anchors
    assert Path("baseline.json").read_text().startswith('{\n  "version": 1,')


def test_with_its_baseline_a_spec_has_no_finding(project: Path, write: Write) -> None:
    spec = write("api.yaml", SPEC)
    _record(spec)
    result = run("lint", "--baseline", "baseline.json", "api.yaml")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1].startswith("0 problems")
    assert "known finding(s) not shown" in result.stderr


def test_a_path_inserted_at_the_top_leaves_old_findings_matched(
    project: Path, write: Write
) -> None:
    spec = write("api.yaml", SPEC)
    before = _record(spec)
    inserted = SPEC.replace(
        "paths:\n",
        "paths:\n  /Orders:\n    get:\n      responses:\n        '200': {description: ok}\n",
    )
    # and the parameters in another order: their positions change, their identities do not
    lines = inserted.splitlines(keepends=True)
    i = next(n for n, line in enumerate(lines) if "name: id," in line)
    lines[i], lines[i + 1] = lines[i + 1], lines[i]
    spec.write_text("".join(lines))
    code, payload = run_json("--baseline", "baseline.json", "api.yaml")
    pointers = {f["pointer"] for f in payload["findings"]}
    # new: the path's own findings, and the spec's missing security, now counting two operations
    assert pointers and all(p.startswith("/paths/~1Orders") or p == "/paths" for p in pointers)
    assert code == 1  # the new path has errors of its own
    assert len(before["findings"]) > 5


def test_a_reformatted_spec_keeps_every_finding_matched(project: Path, write: Write) -> None:
    spec = write("api.yaml", SPEC)
    _record(spec)
    spec.write_text(json.dumps(yaml.safe_load(SPEC), indent=4))  # JSON is YAML: same name
    code, payload = run_json("--baseline", "baseline.json", "api.yaml")
    assert payload["findings"] == []
    assert code == 0


def test_fixed_findings_are_listed_and_update_baseline_drops_them(
    project: Path, write: Write
) -> None:
    write(".apilint.yaml", CONVENTION_CONFIG)  # operationIds in camelCase
    spec = write("api.yaml", SPEC)
    recorded = _record(spec)["findings"]
    spec.write_text(SPEC.replace("operationId: get_user", "operationId: getUser"))
    result = run("lint", "--baseline", "baseline.json", "api.yaml")
    assert result.exit_code == 0
    assert "1 entry no longer occur (--update-baseline removes them)" in result.stderr
    assert json.loads(Path("baseline.json").read_text())["findings"] == recorded  # untouched
    result = run("lint", "--baseline", "baseline.json", "--update-baseline", "api.yaml")
    assert "1 entry no longer occur, removed" in result.stderr
    kept = json.loads(Path("baseline.json").read_text())["findings"]
    assert [e for e in recorded if e not in kept] == [
        e for e in recorded if e["rule"] == "operation-id-casing"
    ]


def test_a_renamed_file_no_longer_matches_its_baseline(project: Path, write: Write) -> None:
    """The documented limitation: the file's path is part of a finding's identity."""
    spec = write("api.yaml", SPEC)
    _record(spec)
    spec.rename(project / "renamed.yaml")
    code, payload = run_json("--baseline", "baseline.json", "renamed.yaml")
    assert code == 1 and payload["findings"]


def test_a_bad_baseline_file_is_one_line_and_exit_2(project: Path, write: Write) -> None:
    write("api.yaml", SPEC)
    for text, message in (
        ("{", "not a baseline (invalid JSON"),
        ('{"version": 1}', "not a baseline (no 'findings' list)"),
        ('{"version": 9, "findings": []}', "baseline version 9 is unknown"),
        ('{"version": 1, "findings": [{"rule": "x"}]}', "findings.0: an entry needs"),
    ):
        write("bad.json", text)
        result = run("lint", "--baseline", "bad.json", "api.yaml")
        assert result.exit_code == 2
        assert message in result.stderr and len(result.stderr.splitlines()) == 1
    assert run("lint", "--baseline", "missing.json", "api.yaml").exit_code == 2
    assert run("lint", "--update-baseline", "api.yaml").exit_code == 2
