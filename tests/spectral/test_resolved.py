"""The resolved view: $refs followed when read, cycles left as $refs, places in the right file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from apilint.model.refs import Workspace
from apilint.source.loader import load_file
from apilint.source.locations import Location
from apilint.spectral.jsonpath import compile_path
from apilint.spectral.resolved import MappingView, location_of, plain, view
from apilint.spectral.rules import _written_at

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


COMPONENTS_FIRST = """\
openapi: 3.0.3
info: {title: T, version: "1"}
components:
  schemas:
    Name: {type: string, enum: [a]}
    Pet:
      type: object
      properties:
        name: {$ref: "#/components/schemas/Name"}
        nick: {type: string, enum: [b]}
paths:
  /pets:
    get:
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Pet"}
  /names:
    get:
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Name"}
"""


@pytest.mark.parametrize(
    "path",
    [
        "$.paths..[?(@ && @.type=='string')].enum",
        "$.paths.*.*.responses..schema..enum",
        "$.paths.*..properties.*",
    ],
)
def test_a_walk_read_from_the_documents_walk_is_the_walk_made_alone(
    tmp_path: Path, path: str
) -> None:
    """The walk below ``$.paths`` read from the root's kept walk enters what a walk below
    ``$.paths`` alone enters, although the root's walk entered the schemas under
    ``components`` first (where the ``$ref``s lead)."""
    (tmp_path / "openapi.yaml").write_text(COMPONENTS_FIRST)
    file = Path(os.path.abspath(tmp_path / "openapi.yaml"))
    root = view(Workspace(load_file(file), file.parent))
    alone = [m.path for m in compile_path(path).select(root, once=_written_at)]
    walks: dict[object, object] = {}
    list(compile_path("$..[?(@.type)]").select(root, once=_written_at, walks=walks))
    kept = [m.path for m in compile_path(path).select(root, once=_written_at, walks=walks)]
    assert kept == alone
    assert alone  # the paths reach the schemas through their $refs
