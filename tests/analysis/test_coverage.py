"""Documentation coverage: counts of a spec computed by hand, in the API, the CLI and a rule."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from conftest import run, run_json

from apilint.analysis.coverage import measure
from apilint.model.document import Document
from apilint.model.refs import Workspace
from apilint.source.loader import load_file

SPEC = Path(__file__).parent.parent / "fixtures" / "coverage" / "openapi.yaml"

#: Counted by hand from the "+"/"-" marks in the fixture, per the coverage module's definition:
#: info: title, version, contact documented; description a placeholder; no license.
#: operations: GET /pets (summary), GET /pets/{petId} (description); POST /pets has only TBD.
#: parameters: Limit (referenced twice, counted once), petId; sort is blank, Offset has none.
#: responses: the two 200s and the shared Error (referenced three times); the 201 is blank.
#: schemas: Pet (description), Owner (title); Problem has neither.
#: properties: Pet.id, Pet.owner (through Owner's title), tags[].label (title), Problem.detail;
#: Pet.name and Pet.tags have nothing, Owner.name only lorem ipsum.
COUNTS = {
    "info": (3, 5),
    "operations": (2, 3),
    "parameters": (2, 4),
    "responses": (3, 4),
    "schemas": (2, 3),
    "properties": (4, 7),
}
OVERALL = 100.0 * 16 / 26  # 61.538...%
SUMMARY = (
    "documentation coverage 61.5% (info 60%, operations 66.7%, parameters 50%, "
    "responses 75%, schemas 66.7%, properties 57.1%)"
)


def _document(spec: Path) -> Document:
    path = Path(os.path.abspath(spec))
    return Document(Workspace(load_file(path), path.parent))


def test_measure_counts_by_hand() -> None:
    figure = measure(_document(SPEC))
    assert figure.counts == COUNTS
    assert figure.overall == OVERALL
    assert figure.summary() == SUMMARY


def test_a_response_summary_documents_it_from_openapi_3_2_on(tmp_path: Path) -> None:
    response = "      responses:\n        '200':\n          summary: The orders.\n"
    for version, documented in (("3.2.0", 1), ("3.1.0", 0)):
        spec = tmp_path / f"{version}.yaml"
        head = f"openapi: {version}\ninfo: {{title: T, version: '1'}}\n"
        spec.write_text(f"{head}paths:\n  /orders:\n    get:\n{response}")
        assert measure(_document(spec)).counts["responses"] == (documented, 1)


def test_json_output_has_the_coverage_of_the_file(project: Path) -> None:
    shutil.copy(SPEC, project / "api.yaml")
    _, payload = run_json("api.yaml")
    assert payload["coverage"] == {
        "api.yaml": {
            "overall": 61.5,
            "kinds": {
                kind: {
                    "documented": done,
                    "total": total,
                    "percent": round(100.0 * done / total, 1),
                }
                for kind, (done, total) in COUNTS.items()
            },
        }
    }


def test_text_output_has_the_coverage_line(project: Path) -> None:
    shutil.copy(SPEC, project / "api.yaml")
    result = run("lint", "api.yaml")
    assert f"api.yaml: {SUMMARY}" in result.stdout.splitlines()


def test_strict_gates_coverage_below_80(project: Path) -> None:
    shutil.copy(SPEC, project / "api.yaml")
    (project / ".apilint.yaml").write_text("extends: [strict]\n", encoding="utf-8")
    _, payload = run_json("api.yaml")
    gate = [f for f in payload["findings"] if f["rule"] == "documentation-coverage"]
    assert [(f["line"], f["pointer"], f["severity"]) for f in gate] == [(1, "", "error")]
    assert "61.5%" in gate[0]["message"] and "80%" in gate[0]["message"]


def test_strict_passes_coverage_of_80_or_more(project: Path) -> None:
    (project / ".apilint.yaml").write_text("extends: [strict]\n", encoding="utf-8")
    (project / "api.yaml").write_text(
        "openapi: 3.0.3\n"
        "info:\n"
        "  title: Pets\n"
        "  description: Pet store.\n"
        "  version: 1.0.0\n"
        "  contact: {name: Team}\n"
        "paths: {}\n",
        encoding="utf-8",
    )
    _, payload = run_json("api.yaml")
    assert payload["coverage"]["api.yaml"]["overall"] == 80.0
    assert not [f for f in payload["findings"] if f["rule"] == "documentation-coverage"]
