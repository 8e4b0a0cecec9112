"""OpenAPI 3.2 in the document model: the version, the operations a path item holds (``query``
and ``additionalOperations``), ``querystring`` parameters, reusable media types, ``itemSchema``
and ``$self``."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from apilint.model.document import Document, detect_version
from apilint.model.refs import Workspace
from apilint.source.loader import LoadError, load_file, parse_text

MODEL = Path(__file__).parent.parent / "fixtures" / "oas32" / "model.yaml"


def _document(spec: Path) -> Document:
    path = Path(os.path.abspath(spec))
    return Document(Workspace(load_file(path), path.parent))


def _text_document(text: str, tmp_path: Path, name: str = "openapi.yaml") -> Document:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return _document(path)


@pytest.mark.parametrize(
    ("declared", "version"),
    [("3.2.0", "3.2"), ("3.2.1", "3.2"), ("3.1.1", "3.1"), ("3.0.3", "3.0")],
)
def test_detect_version(declared: str, version: str) -> None:
    assert detect_version({"openapi": declared}) == version


def test_a_later_version_is_refused_naming_what_is_read() -> None:
    with pytest.raises(LoadError, match=r"3\.2\.x"):
        detect_version({"openapi": "3.3.0"})


def test_version_helpers() -> None:
    doc = _document(MODEL)
    assert doc.version == "3.2"
    assert doc.since("3.1") and doc.since("3.2") and not doc.since("3.3")
    assert doc.is_json_schema_2020
    assert "query" in doc.methods


def test_query_and_additional_operations_are_operations() -> None:
    doc = _document(MODEL)
    assert [op.label for op in doc.operations] == [
        "GET /readings",
        "QUERY /readings",
        "PURGE /readings",
    ]
    purge = doc.operations[2]
    assert purge.loc.pointer == "/paths/~1readings/additionalOperations/PURGE"
    assert purge.operation_id == "purgeReadings"


def test_query_is_no_method_before_3_2(tmp_path: Path) -> None:
    text = MODEL.read_text(encoding="utf-8").replace("openapi: 3.2.0", "openapi: 3.1.0")
    doc = _text_document(text, tmp_path)
    assert [op.label for op in doc.operations] == ["GET /readings"]


def test_querystring_parameter_is_indexed_with_its_content_schema() -> None:
    doc = _document(MODEL)
    (param,) = doc.parameters
    assert (param.name, param.location) == ("criteria", "querystring")
    assert all(op.parameters == (param,) for op in doc.operations)
    (schema,) = doc.media_schemas(param)
    assert schema.loc.pointer == "/components/schemas/Filter"  # through $self


def test_item_schemas_and_reusable_media_types_are_walked() -> None:
    doc = _document(MODEL)
    pointers = {schema.loc.pointer for schema in doc.schemas}
    assert "/components/mediaTypes/ReadingLines/itemSchema" not in pointers  # a $ref
    assert "/components/schemas/Reading" in pointers
    assert "/components/mediaTypes/ReadingLines/itemEncoding/headers/X-Line/schema" in pointers
    sse = "/paths/~1readings/query/responses/200/content/text~1event-stream/itemSchema"
    assert sse in pointers
    assert any(s.loc.pointer == sse for s in doc.response_schemas)
    names = [name for name, _ in doc.media_types]
    assert names == [
        "application/x-www-form-urlencoded",
        "application/json",
        "application/jsonl",
        "text/event-stream",
    ]


def test_self_names_the_document_itself(tmp_path: Path) -> None:
    doc = _document(MODEL)
    target = doc.workspace.resolve(
        doc.root.child("x"),
        {"$ref": "https://api.example.com/telemetry/openapi.yaml#/components/schemas/Reading"},
    )
    assert target is not None and target[0].pointer == "/components/schemas/Reading"
    assert not doc.workspace.problems


def test_relative_self_is_resolved_against_the_file(tmp_path: Path) -> None:
    text = (
        "openapi: 3.2.0\n$self: specs/api.yaml\ninfo: {title: T, version: '1'}\n"
        "components:\n  schemas:\n    A: {type: object}\n"
        "    B: {$ref: 'api.yaml#/components/schemas/A'}\n"
        "    C: {$ref: 'specs/api.yaml#/components/schemas/A'}\n"
    )
    doc = _text_document(text, tmp_path, "root.yaml")
    workspace = doc.workspace
    b = workspace.resolve(
        doc.root.child("components", "schemas", "B"), doc.data["components"]["schemas"]["B"]
    )
    assert b is not None and b[0] == doc.root.child("components", "schemas", "A")
    c_site = doc.root.child("components", "schemas", "C")
    assert (
        workspace.resolve(c_site, doc.data["components"]["schemas"]["C"]) is None
    )  # specs/specs/api.yaml


def test_data_values_are_example_literals(tmp_path: Path) -> None:
    text = (
        "openapi: 3.2.0\ninfo: {title: T, version: '1'}\npaths: {}\n"
        "components:\n  examples:\n    E:\n      dataValue: {$ref: not-a-ref}\n"
        "      serializedValue: '{}'\n"
    )
    doc = _text_document(text, tmp_path)
    doc.workspace.scan()
    literals = dict(doc.workspace.literals[doc.workspace.root_key])
    assert literals["/components/examples/E/dataValue"] == {"$ref": "not-a-ref"}
    assert not doc.workspace.problems  # data, not a reference


def test_parse_text_reads_3_2() -> None:
    loaded = parse_text("openapi: 3.2.0\ninfo: {title: T, version: '1'}\n", Path("x.yaml"))
    assert detect_version(loaded.data) == "3.2"


def test_self_is_the_root_from_other_files_too(tmp_path: Path) -> None:
    (tmp_path / "pet.yaml").write_text(
        "type: object\nproperties:\n  owner:\n"
        "    $ref: 'https://api.example.com/openapi.yaml#/components/schemas/Owner'\n"
        "  friend:\n    $ref: 'openapi.yaml#/components/schemas/Owner'\n",
        encoding="utf-8",
    )
    text = (
        "openapi: 3.2.0\n$self: https://api.example.com/openapi.yaml\n"
        "info: {title: T, version: '1'}\n"
        "components:\n  schemas:\n    Pet: {$ref: 'pet.yaml'}\n    Owner: {type: object}\n"
    )
    doc = _text_document(text, tmp_path, "root.yaml")
    pet = doc.child(doc.root_item, "components", "schemas", "Pet")
    assert pet is not None
    owner = doc.child(pet, "properties", "owner")
    assert owner is not None and owner.loc == doc.root.child("components", "schemas", "Owner")
    # a relative reference in another file is relative to that file, not to $self
    assert doc.child(pet, "properties", "friend") is None
