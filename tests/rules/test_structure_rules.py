"""Structure rules beyond one fixture file: uses across the files of a split spec, and one
defect reported once when two rules see it."""

from __future__ import annotations

from pathlib import Path

import apilint
from apilint.api import lint_file

ONLY = {"extends": [], "rules": {"component-unused": "warn"}}

ROOT = """\
openapi: 3.0.3
info: {title: Split, version: 1.0.0}
paths:
  /orders:
    $ref: "./paths/orders.yaml"
components:
  schemas:
    Order:
      type: object
    Pet:
      $ref: "./models/pet.yaml"
    Unused:
      type: object
"""
ORDERS = """\
get:
  responses:
    "200":
      description: The orders.
      content:
        application/json:
          schema:
            $ref: "../openapi.yaml#/components/schemas/Order"
post:
  requestBody:
    content:
      application/json:
        schema:
          $ref: "../models/pet.yaml"
  responses:
    "201":
      description: Created.
"""


def test_refs_from_other_files_use_components(tmp_path: Path) -> None:
    (tmp_path / "paths").mkdir()
    (tmp_path / "models").mkdir()
    (tmp_path / "openapi.yaml").write_text(ROOT)
    (tmp_path / "paths" / "orders.yaml").write_text(ORDERS)
    (tmp_path / "models" / "pet.yaml").write_text("type: object\n")
    report = lint_file(tmp_path / "openapi.yaml", ONLY)
    found = [(f.rule, f.pointer, f.line) for f in report.findings]
    # Order is used from paths/orders.yaml; Pet's file is used directly; Unused is not
    assert found == [("component-unused", "/components/schemas/Unused", 12)]


def test_an_identical_path_is_not_also_an_inconsistent_parameter_name() -> None:
    """path-identical supersedes path-parameter-name-consistent on the same path."""
    param = {"in": "path", "required": True, "schema": {"type": "string"}}
    spec = {
        "openapi": "3.0.3",
        "info": {"title": "t", "version": "1"},
        "paths": {
            path: {"get": {"parameters": [{"name": name, **param}], "responses": {}}}
            for path, name in (
                ("/pets/{petId}", "petId"),
                ("/pets/{petId}/toys", "petId"),
                ("/pets/{id}", "id"),
            )
        },
    }
    both = {"path-identical": "error", "path-parameter-name-consistent": "warn"}
    report = apilint.lint_document(spec, {"extends": [], "rules": both})
    assert [(f.rule, f.pointer) for f in report.findings] == [
        ("path-identical", "/paths/~1pets~1{id}")
    ]
    alone = {"path-parameter-name-consistent": "warn"}
    report = apilint.lint_document(spec, {"extends": [], "rules": alone})
    assert [f.rule for f in report.findings] == ["path-parameter-name-consistent"]
