"""The resolved view: $refs followed when read, cycles left as $refs, places in the right file."""

from __future__ import annotations

import os
from pathlib import Path

from apilint.model.refs import Workspace
from apilint.source.loader import load_file
from apilint.source.locations import Location
from apilint.spectral.resolved import MappingView, location_of, plain, view

ROOT = """\
openapi: 3.0.3
info: {title: T, version: "1"}
paths:
  /pets:
    get:
      responses:
        "200":
          $ref: "./responses.yaml#/Pets"
components:
  schemas:
    Node:
      type: object
      properties:
        next:
          $ref: "#/components/schemas/Node"
"""
RESPONSES = """\
Pets:
  description: The pets.
  content:
    application/json:
      schema:
        type: array
"""


def _workspace(tmp_path: Path) -> Workspace:
    (tmp_path / "openapi.yaml").write_text(ROOT)
    (tmp_path / "responses.yaml").write_text(RESPONSES)
    path = Path(os.path.abspath(tmp_path / "openapi.yaml"))
    return Workspace(load_file(path), path.parent)


def test_a_ref_is_its_target_and_knows_where_it_is_written(tmp_path: Path) -> None:
    workspace = _workspace(tmp_path)
    root = view(workspace)
    response = root["paths"]["/pets"]["get"]["responses"]["200"]
    assert isinstance(response, MappingView)
    assert response["description"] == "The pets."
    other = str(tmp_path / "responses.yaml")
    assert response.loc == Location(other, "/Pets")
    path = ("paths", "/pets", "get", "responses", "200", "content", "application/json", "schema")
    assert location_of(root, (*path, "type")) == Location(
        other, "/Pets/content/application~1json/schema/type"
    )


def test_a_cycle_stays_a_ref(tmp_path: Path) -> None:
    root = view(_workspace(tmp_path))
    node = root["components"]["schemas"]["Node"]
    following = node["properties"]["next"]
    assert following["type"] == "object"  # followed once
    assert dict(following["properties"]["next"]) == {"$ref": "#/components/schemas/Node"}
    assert plain(node)["properties"]["next"]["properties"]["next"] == {
        "$ref": "#/components/schemas/Node"
    }


def test_unresolved_view_is_the_document_as_written(tmp_path: Path) -> None:
    root = view(_workspace(tmp_path), resolve=False)
    response = root["paths"]["/pets"]["get"]["responses"]["200"]
    assert dict(response) == {"$ref": "./responses.yaml#/Pets"}
    assert location_of(root, ("paths", "/pets", "get")) == Location(
        str(tmp_path / "openapi.yaml"), "/paths/~1pets/get"
    )
    assert location_of(root, ("paths", "/nowhere")) is None
