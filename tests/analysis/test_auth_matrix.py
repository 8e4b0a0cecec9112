"""``apilint auth`` and ``apilint.auth_coverage``: the auth coverage matrix."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from conftest import run

import apilint
from apilint.analysis.auth_matrix import AuthMatrix, Requirement

FIXTURES = Path(__file__).parent.parent / "fixtures" / "auth"
MATRIX = FIXTURES / "matrix.yaml"
EXAMPLE = Path(__file__).parents[2] / "examples" / "bookstore.yaml"


def _rows(matrix: AuthMatrix) -> list[tuple[str, str, str, str, str]]:
    return [(r.method, r.path, r.status, r.schemes, r.scopes) for r in matrix.rows]


def test_example_spec_matrix_matches_the_hand_written_expectation() -> None:
    matrix = apilint.auth_coverage(EXAMPLE)
    assert _rows(matrix) == [
        ("GET", "/books", "protected", "oauth", "oauth: books:read"),
        ("GET", "/books/{bookId}", "protected", "oauth", "oauth: books:read"),
        ("POST", "/orders", "protected", "oauth", "oauth: orders:write"),
        ("GET", "/orders/{orderId}/trackDelivery", "protected", "oauth", "oauth: books:read"),
        ("GET", "/health", "public", "-", ""),
    ]
    assert matrix.summary() == "5 operations: 4 protected, 1 public, 0 unprotected"


def test_and_or_combinations_explicit_public_and_public_markers() -> None:
    matrix = apilint.auth_coverage(MATRIX)
    assert _rows(matrix) == [
        ("GET", "/entries", "protected", "oauth", "oauth: ledger:read"),
        (
            "POST",
            "/entries",
            "protected",
            "oauth + mtls | apiKey",
            "oauth: ledger:write ledger:read",
        ),
        ("GET", "/entries/{id}", "public", "apiKey | (none)", ""),
        ("PUT", "/entries/{id}", "public", "-", ""),
        ("DELETE", "/entries/{id}", "unprotected", "-", ""),
        ("GET", "/status", "public", "-", ""),
        ("GET", "/version", "public", "-", ""),
    ]
    post = matrix.rows[1]
    assert post.alternatives == (
        (Requirement("oauth", ("ledger:write", "ledger:read")), Requirement("mtls", ())),
        (Requirement("apiKey", ()),),
    )
    assert [row.source for row in matrix.rows] == [
        "operation",
        "operation",
        "operation",
        "operation",
        "none",
        "none",
        "none",
    ]
    assert (matrix.rows[4].line, matrix.rows[4].pointer) == (51, "/paths/~1entries~1{id}/delete")
    assert matrix.summary() == "7 operations: 2 protected, 4 public, 1 unprotected"


def test_global_security_is_the_source_when_the_operation_sets_none() -> None:
    matrix = apilint.auth_coverage(EXAMPLE)
    assert [row.source for row in matrix.rows] == [
        "global",
        "global",
        "operation",
        "global",
        "operation",
    ]


def test_public_paths_come_from_the_config() -> None:
    # without the folder's config, /status is not on the public list
    matrix = apilint.auth_coverage(MATRIX, {"extends": ["recommended"]})
    assert [row.status for row in matrix.rows][-2] == "unprotected"
    configured = {"rules": {"operation-security": {"options": {"public-marker": "x-open"}}}}
    matrix = apilint.auth_coverage(MATRIX, configured)
    assert matrix.rows[-1].status == "unprotected"  # x-public is no longer the marker
    assert matrix.rows[2].status == matrix.rows[3].status == "public"  # {} and [] need none


def test_swagger2_requirements() -> None:
    matrix = apilint.auth_coverage(FIXTURES / "swagger2.yaml")
    assert _rows(matrix) == [
        ("GET", "/entries", "protected", "key + basic", ""),
        ("POST", "/entries", "unprotected", "-", ""),
    ]
    assert matrix.rows[1].source == "none"


def test_text_output_and_exit_code_one_for_unprotected() -> None:
    result = run("auth", MATRIX)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[1].split() == ["METHOD", "PATH", "STATUS", "SCHEMES", "SCOPES"]
    assert lines[3].split() == [
        "POST",
        "/entries",
        "protected",
        "oauth",
        "+",
        "mtls",
        "|",
        "apiKey",
        "oauth:",
        "ledger:write",
        "ledger:read",
    ]
    assert lines[-1].strip() == "7 operations: 2 protected, 4 public, 1 unprotected"


def test_exit_code_zero_when_everything_is_protected_or_public() -> None:
    assert run("auth", EXAMPLE).exit_code == 0


@pytest.mark.parametrize("output_format", ["json", "csv", "markdown"])
def test_formats_carry_the_same_rows(output_format: str) -> None:
    result = run("auth", "--format", output_format, MATRIX, EXAMPLE)
    assert result.exit_code == 1
    expected = [
        (row.method, row.path, row.status)
        for spec in (MATRIX, EXAMPLE)
        for row in apilint.auth_coverage(spec).rows
    ]
    if output_format == "json":
        payload = json.loads(result.stdout)
        got = [
            (op["method"], op["path"], op["status"])
            for entry in payload["files"]
            for op in entry["operations"]
        ]
        assert payload["files"][0]["totals"] == {
            "operations": 7,
            "protected": 2,
            "public": 4,
            "unprotected": 1,
        }
        post = payload["files"][0]["operations"][1]
        assert post["requirements"] == [
            [
                {"scheme": "oauth", "scopes": ["ledger:write", "ledger:read"]},
                {"scheme": "mtls", "scopes": []},
            ],
            [{"scheme": "apiKey", "scopes": []}],
        ]
    elif output_format == "csv":
        records = list(csv.DictReader(io.StringIO(result.stdout)))
        got = [(r["method"], r["path"], r["status"]) for r in records]
        assert records[1]["schemes"] == "oauth + mtls | apiKey"
    else:
        table = [line for line in result.stdout.splitlines() if line.startswith("| ")]
        got = [tuple(c.strip() for c in line.strip("|").split(" | ")[:3]) for line in table]
        got = [row for row in got if row[0] != "Method"]
        assert "apiKey \\| (none)" in result.stdout  # the OR bar is escaped in a cell
    assert got == expected


def test_load_errors_name_the_file_and_other_specs_still_print(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("openapi: 3.0.3\ninfo: [unclosed\n")
    result = run("auth", broken, EXAMPLE)
    assert result.exit_code == 2
    assert "5 operations: 4 protected, 1 public, 0 unprotected" in result.stdout
    assert result.stderr.startswith(f"apilint: error: {broken}:")
    assert len(result.stderr.splitlines()) == 1
