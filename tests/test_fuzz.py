"""Fuzzing: mutated specs and odd ``$ref`` graphs give findings or a clean load error, never a
traceback or a ``rule-error``; output is the same whatever ``-j``. Bounded (a fixed number of
examples, derandomized) so the suite stays fast and repeatable."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import yaml
from conftest import CLEAN_SPEC, run
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import apilint
from apilint.lint.engine import RULE_ERROR

ROOT = Path(__file__).resolve().parents[1]
BASES = [
    yaml.safe_load((ROOT / "examples" / "bookstore.yaml").read_text(encoding="utf-8")),
    yaml.safe_load(CLEAN_SPEC),
]
#: What a mutation may put in place of a value: other types, extremes, odd text.
ODD_VALUES = [
    None,
    {},
    [],
    "",
    0,
    -1,
    10**30,
    -(10**30),
    1.5e308,
    True,
    "\u202e\u0301\U0001f600 name",
    "a" * 10_000,
    [{"$ref": "#/nowhere"}],
    {"$ref": "#"},
    {"$ref": "#/paths"},
    {"type": "object", "properties": None},
    [[[[]]]],
]


def _places(data: Any, trail: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value in the document (keys of mappings, indexes of lists)."""
    found = [trail] if trail else []
    if isinstance(data, dict):
        for key, value in data.items():
            found.extend(_places(value, (*trail, key)))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found.extend(_places(value, (*trail, index)))
    return found


def _mutate(data: Any, trail: tuple[Any, ...], how: str, value: Any) -> None:
    parent = data
    for step in trail[:-1]:
        parent = parent[step]
    last = trail[-1]
    if how == "delete":
        del parent[last]
    elif how == "rename" and isinstance(parent, dict):
        parent["\u00e9\u0000" + str(last)] = parent.pop(last)
    elif how == "wrap":
        parent[last] = [parent[last]]  # an array where an object belongs
    else:
        parent[last] = copy.deepcopy(value)


mutation = st.tuples(
    st.integers(min_value=0),
    st.sampled_from(["replace", "replace", "delete", "rename", "wrap"]),
    st.sampled_from(ODD_VALUES),
)


@settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(
    base=st.sampled_from(range(len(BASES))), mutations=st.lists(mutation, min_size=1, max_size=6)
)
def test_mutated_specs_never_crash_a_rule(base: int, mutations: list) -> None:
    data = copy.deepcopy(BASES[base])
    for choice, how, value in mutations:
        places = _places(data)
        if not places:
            break
        _mutate(data, places[choice % len(places)], how, value)
    report = apilint.lint_document(data)
    crashed = [f.message for f in report.findings if f.rule == RULE_ERROR]
    assert crashed == [], crashed
    for problem in report.errors:
        assert "\n" not in str(problem)


def _schemas_chain(length: int) -> dict[str, Any]:
    schemas = {f"S{i}": {"$ref": f"#/components/schemas/S{i + 1}"} for i in range(length)}
    schemas[f"S{length}"] = {"type": "object", "properties": {"id": {"type": "string"}}}
    return schemas


def _spec(schemas: dict[str, Any], ref: str = "#/components/schemas/S0") -> dict[str, Any]:
    body = {"content": {"application/json": {"schema": {"$ref": ref}}}}
    return {
        "openapi": "3.0.3",
        "info": {"title": "Refs", "version": "1.0.0"},
        "paths": {"/a": {"get": {"responses": {"200": {"description": "ok", **body}}}}},
        "components": {"schemas": schemas},
    }


def _assert_no_crash(report: apilint.Report) -> None:
    assert [f.message for f in report.findings if f.rule == RULE_ERROR] == []


def test_a_chain_of_ten_thousand_refs(tmp_path: Path) -> None:
    spec = tmp_path / "chain.json"
    spec.write_text(json.dumps(_spec(_schemas_chain(10_000))))
    _assert_no_crash(apilint.lint_file(spec))


def test_self_reference_and_cycles_across_files(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("A:\n  $ref: 'b.yaml#/B'\n")
    (tmp_path / "b.yaml").write_text("B:\n  $ref: 'c.yaml#/C'\n")
    (tmp_path / "c.yaml").write_text("C:\n  $ref: 'a.yaml#/A'\n")
    schemas = {"Self": {"$ref": "#/components/schemas/Self"}, "Loop": {"$ref": "a.yaml#/A"}}
    spec = tmp_path / "openapi.json"
    spec.write_text(json.dumps(_spec(schemas, "#/components/schemas/Loop")))
    report = apilint.lint_file(spec)
    _assert_no_crash(report)
    messages = " ".join(f.message for f in report.findings)
    assert "cycle" in messages


def test_refs_to_missing_files_into_arrays_and_out_of_the_folder(tmp_path: Path) -> None:
    schemas = {
        "Missing": {"$ref": "nothere.yaml#/X"},
        "IntoArray": {"$ref": "#/tags/0"},
        "PastArray": {"$ref": "#/tags/5"},
        "Up": {"$ref": "../../etc/passwd"},
        "Encoded": {"$ref": "#/components/schemas/a~1b%20c"},
        "a/b c": {"type": "string"},
        "Tilde": {"$ref": "#/components/schemas/x~0y"},
        "x~y": {"type": "string"},
    }
    data = _spec(schemas)
    data["tags"] = [{"name": "t"}]
    spec = tmp_path / "api" / "openapi.json"
    spec.parent.mkdir()
    spec.write_text(json.dumps(data))
    report = apilint.lint_file(spec)
    _assert_no_crash(report)
    assert report.errors == ()
    text = " ".join(f.message for f in report.findings)
    assert "cannot load 'nothere.yaml'" in text and "leaves the project folder" in text


def test_output_is_byte_identical_whatever_jobs(project: Path) -> None:
    folder = project / "specs"
    folder.mkdir()
    for index, base in enumerate(BASES * 2):
        (folder / f"spec{index}.json").write_text(json.dumps(base))
    for name in ("json", "sarif"):
        one = run("lint", "--no-cache", "-f", name, "-j", "1", "specs")
        two = run("lint", "--no-cache", "-f", name, "-j", "2", "specs")
        assert one.stdout == two.stdout and one.exit_code == two.exit_code


def test_a_catastrophic_pattern_never_hangs_example_validation(tmp_path: Path) -> None:
    """Python's re needs hours for ``^(a+)+$`` on 40 a's and a '!' (a spec of the APIs.guru
    collection hung so); patterns are checked by a linear engine instead."""
    schema = {"type": "string", "pattern": "^(a+)+$", "example": "a" * 40 + "!"}
    data = _spec({"S0": schema})
    spec = tmp_path / "redos.json"
    spec.write_text(json.dumps(data))
    report = apilint.lint_file(spec)
    _assert_no_crash(report)
    found = [f.message for f in report.findings if f.rule == "example-valid"]
    assert len(found) == 1 and "does not match '^(a+)+$'" in found[0]
