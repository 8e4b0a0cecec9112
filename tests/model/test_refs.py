"""``$ref`` resolution across files, and the document model's indexes built through it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import apilint
from apilint.model.document import Document
from apilint.model.refs import Workspace
from apilint.source.loader import load_file
from apilint.source.locations import Location

REFS = Path(__file__).parent.parent / "fixtures" / "refs"
#: property-casing with a configured style: a finding in every file that has a snake_case name
CAMEL = {"severity": "warn", "options": {"style": "camel"}}
RULES = {"ref-unresolved": "error", "ref-not-followed": "warn", "property-casing": CAMEL}
CONFIG = {"extends": [], "rules": RULES}


def _document(spec: Path) -> Document:
    loaded = load_file(Path(os.path.abspath(spec)))
    return Document(Workspace(loaded, Path(os.path.abspath(spec)).parent))


def _where(loc: Location, base: Path = REFS) -> tuple[str, str]:
    return Path(os.path.relpath(loc.file, base)).as_posix(), loc.pointer


def _findings(report: apilint.Report) -> list[tuple[str, int, int, str, str]]:
    return [(Path(f.file).as_posix(), f.line, f.column, f.rule, f.pointer) for f in report.findings]


@pytest.fixture
def in_refs(monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(REFS)
    return REFS


# -- local references ------------------------------------------------------------------------


def test_local_refs_with_escaped_and_percent_encoded_pointers_resolve(in_refs: Path) -> None:
    report = apilint.lint_file("local.yaml", config=CONFIG)
    assert report.errors == ()
    assert _findings(report) == [
        (
            "local.yaml",
            32,
            9,
            "property-casing",
            "/components/schemas/a~1b~0c/properties/slash_name",
        ),
        (
            "local.yaml",
            38,
            9,
            "property-casing",
            "/components/schemas/with space/properties/space_name",
        ),
    ]


def test_escaped_and_percent_encoded_refs_reach_their_targets() -> None:
    doc = _document(REFS / "local.yaml")
    schemas = doc.component_section("schemas")
    assert schemas is not None
    targets = {name: _where(item.loc) for name, item in doc.entries(schemas)}
    assert targets["Slashed"] == ("local.yaml", "/components/schemas/a~1b~0c")
    assert targets["Spaced"] == ("local.yaml", "/components/schemas/with space")
    assert doc.workspace.problems == {}


def test_recursive_schema_is_fine_and_each_schema_is_visited_once() -> None:
    doc = _document(REFS / "local.yaml")
    locations = [schema.loc for schema in doc.schemas]
    assert len(locations) == len(set(locations))
    assert [_where(loc) for loc in locations] == [
        ("local.yaml", "/components/schemas/Tree"),
        ("local.yaml", "/components/schemas/Tree/properties/children"),
        ("local.yaml", "/components/schemas/a~1b~0c"),
        ("local.yaml", "/components/schemas/a~1b~0c/properties/slash_name"),
        ("local.yaml", "/components/schemas/with space"),
        ("local.yaml", "/components/schemas/with space/properties/space_name"),
    ]
    tree = [s for s in doc.schemas if s.loc.pointer == "/components/schemas/Tree"]
    assert len(tree) == 1
    assert tree[0].name == "Tree"
    assert [p.name for p in doc.properties if p.schema is tree[0]] == ["children", "parent"]


# -- broken references -----------------------------------------------------------------------


def test_broken_refs_are_reported_at_the_ref_key(in_refs: Path) -> None:
    report = apilint.lint_file("broken.yaml", config=CONFIG)
    assert report.errors == ()
    schemas = "/components/schemas"
    assert _findings(report) == [
        ("broken.yaml", 7, 7, "ref-unresolved", f"{schemas}/A/$ref"),
        ("broken.yaml", 9, 7, "ref-unresolved", f"{schemas}/B/$ref"),
        ("broken.yaml", 11, 7, "ref-unresolved", f"{schemas}/Self/$ref"),
        ("broken.yaml", 13, 7, "ref-unresolved", f"{schemas}/MissingPointer/$ref"),
        ("broken.yaml", 15, 7, "ref-unresolved", f"{schemas}/MissingFile/$ref"),
        ("broken.yaml", 17, 7, "ref-unresolved", f"{schemas}/NotAPointer/$ref"),
        ("broken.yaml", 19, 7, "ref-unresolved", f"{schemas}/BrokenFile/$ref"),
        ("broken.yaml", 21, 7, "ref-not-followed", f"{schemas}/Remote/$ref"),
        ("broken.yaml", 23, 7, "ref-not-followed", f"{schemas}/FileUrl/$ref"),
        ("broken.yaml", 25, 7, "ref-not-followed", f"{schemas}/Absolute/$ref"),
    ]
    messages = {f.pointer.split("/")[3]: f.message for f in report.findings}
    assert "cycle" in messages["A"] and "cycle" in messages["Self"]
    assert messages["MissingPointer"] == (
        "$ref '#/components/schemas/Nope' points to nothing:"
        " no '/components/schemas/Nope' in the target"
    )
    assert (
        messages["MissingFile"]
        == "$ref 'nope.yaml#/Pet': cannot load 'nope.yaml': no such file or directory"
    )
    assert "must start with '/'" in messages["NotAPointer"]
    assert messages["BrokenFile"].startswith(
        "$ref 'broken-target.yaml#/Pet': cannot load 'broken-target.yaml': line 3: invalid YAML"
    )
    assert "leaves the project folder" in messages["Absolute"]


def test_ref_cycle_gives_no_schema() -> None:
    doc = _document(REFS / "broken.yaml")
    names = {s.name for s in doc.schemas}
    assert names == {"Fine"}


def test_missing_ref_in_a_referenced_file_is_reported_in_that_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "pet.yaml").write_text(
        "Pet:\n  type: object\n  properties:\n    owner:\n      $ref: 'owner.yaml#/Owner'\n"
    )
    (tmp_path / "openapi.yaml").write_text(
        "openapi: 3.0.3\ninfo: {title: t, version: 1.0.0}\npaths: {}\n"
        "components:\n  schemas:\n    Pet:\n      $ref: models/pet.yaml#/Pet\n"
    )
    report = apilint.lint_file("openapi.yaml", config=CONFIG)
    assert _findings(report) == [
        ("models/pet.yaml", 5, 7, "ref-unresolved", "/Pet/properties/owner/$ref")
    ]
    assert "cannot load 'owner.yaml': no such file or directory" in report.findings[0].message


def test_ref_inside_an_example_value_is_data(tmp_path: Path) -> None:
    (tmp_path / "openapi.yaml").write_text(
        "openapi: 3.0.3\ninfo: {title: t, version: 1.0.0}\npaths: {}\n"
        "components:\n  examples:\n    JsonSchema:\n      value:\n"
        "        $ref: '#/definitions/Thing'\n"
    )
    report = apilint.lint_file(tmp_path / "openapi.yaml", config=CONFIG)
    assert report.findings == ()


# -- references across files -----------------------------------------------------------------

CHAIN = REFS / "chain"


def test_refs_across_files_at_any_depth_report_findings_in_each_file(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(CHAIN)
    report = apilint.lint_file("openapi.yaml", config=CONFIG)
    assert report.errors == ()
    assert report.files == ("openapi.yaml",)
    assert _findings(report) == [
        (
            "components/deeper/owner.json",
            5,
            7,
            "property-casing",
            "/Owner/properties/owner_name",
        ),
        ("components/pet food.json", 4, 20, "property-casing", "/Food~1Dry/properties/kibble_size"),
        ("components/pet.yaml", 4, 5, "property-casing", "/Pet/properties/pet_name"),
        (
            "openapi.yaml",
            22,
            9,
            "property-casing",
            "/components/schemas/Local/properties/root_name",
        ),
        ("shared/address.yaml", 3, 3, "property-casing", "/properties/street_line"),
    ]


def test_chain_schemas_are_each_indexed_once_in_their_own_file() -> None:
    doc = _document(CHAIN / "openapi.yaml")
    where = [_where(s.loc, CHAIN) for s in doc.schemas]
    assert len(where) == len(set(where))
    assert set(where) == {
        ("components/pet.yaml", "/Pet"),
        ("components/pet.yaml", "/Pet/properties/pet_name"),
        ("components/deeper/owner.json", "/Owner"),
        ("components/deeper/owner.json", "/Owner/properties/owner_name"),
        ("shared/address.yaml", ""),
        ("shared/address.yaml", "/properties/street_line"),
        ("components/pet food.json", "/Food~1Dry"),
        ("components/pet food.json", "/Food~1Dry/properties/kibble_size"),
        ("openapi.yaml", "/components/schemas/Local"),
        ("openapi.yaml", "/components/schemas/Local/properties/root_name"),
    }
    assert sorted(
        os.path.relpath(key, CHAIN).replace(os.sep, "/") for key in doc.workspace.files
    ) == [
        "components/deeper/owner.json",
        "components/pet food.json",
        "components/pet.yaml",
        "openapi.yaml",
        "shared/address.yaml",
    ]


def test_same_target_spelled_differently_is_one_location() -> None:
    doc = _document(CHAIN / "openapi.yaml")
    pet_via_response = doc.responses[0]
    schema = next(iter(doc.media_schemas(pet_via_response)))
    component = dict(doc.entries(doc.component_section("schemas")))["Pet"]
    assert schema.loc == component.loc
    assert _where(schema.loc, CHAIN) == ("components/pet.yaml", "/Pet")


# -- the project folder ----------------------------------------------------------------------

OUTSIDE = "Out:\n  type: object\n  properties:\n    out_name: {type: string}\n"
SPEC_WITH_OUTSIDE_REF = (
    "openapi: 3.0.3\ninfo: {title: t, version: 1.0.0}\npaths: {}\n"
    "components:\n  schemas:\n    Out:\n      $ref: '{ref}'\n"
)


def _project(tmp_path: Path, ref: str, config: str) -> Path:
    project = tmp_path / "project"
    project.mkdir()
    (project / ".apilint.yaml").write_text(
        "extends: []\nrules:\n  ref-unresolved: error\n  ref-not-followed: warn\n"
        "  property-casing: {severity: warn, options: {style: camel}}\n" + config
    )
    (tmp_path / "outside.yaml").write_text(OUTSIDE)
    spec = project / "openapi.yaml"
    spec.write_text(SPEC_WITH_OUTSIDE_REF.replace("{ref}", ref))
    return spec


@pytest.mark.parametrize("ref", ["../outside.yaml#/Out", "%2e%2e/outside.yaml#/Out"])
def test_ref_outside_the_project_folder_is_not_followed(tmp_path: Path, ref: str) -> None:
    spec = _project(tmp_path, ref, "")
    report = apilint.lint_file(spec)
    assert [(f.line, f.column, f.rule, f.pointer) for f in report.findings] == [
        (7, 7, "ref-not-followed", "/components/schemas/Out/$ref")
    ]
    assert f"leaves the project folder {tmp_path / 'project'}" in report.findings[0].message
    assert "allow-outside-root" in report.findings[0].message


def test_ref_outside_the_project_folder_is_followed_when_allowed(tmp_path: Path) -> None:
    spec = _project(tmp_path, "../outside.yaml#/Out", "refs:\n  allow-outside-root: true\n")
    report = apilint.lint_file(spec)
    assert [(f.file, f.line, f.column, f.rule, f.pointer) for f in report.findings] == [
        (str(tmp_path / "outside.yaml"), 4, 5, "property-casing", "/Out/properties/out_name")
    ]


def test_ref_outside_the_project_folder_is_followed_when_allowed_in_python(
    tmp_path: Path,
) -> None:
    spec = _project(tmp_path, "../outside.yaml#/Out", "")
    report = apilint.lint_file(spec, config={**CONFIG, "refs": {"allow-outside-root": True}})
    assert [(f.rule, f.pointer) for f in report.findings] == [
        ("property-casing", "/Out/properties/out_name")
    ]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_symlink_leaving_the_project_folder_is_not_followed(tmp_path: Path) -> None:
    spec = _project(tmp_path, "link.yaml#/Out", "")
    try:
        (tmp_path / "project" / "link.yaml").symlink_to(tmp_path / "outside.yaml")
    except OSError:
        pytest.skip("cannot create symlinks here")
    report = apilint.lint_file(spec)
    assert [(f.line, f.rule, f.pointer) for f in report.findings] == [
        (7, "ref-not-followed", "/components/schemas/Out/$ref")
    ]


def test_without_a_config_file_the_spec_folder_is_the_project_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "outside.yaml").write_text(OUTSIDE)
    (tmp_path / "api").mkdir()
    spec = tmp_path / "api" / "openapi.yaml"
    spec.write_text(SPEC_WITH_OUTSIDE_REF.replace("{ref}", "../outside.yaml#/Out"))
    elsewhere = tmp_path / "api" / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)  # the spec is not inside the working folder
    report = apilint.lint_file(spec, config=CONFIG)
    assert [f.rule for f in report.findings] == ["ref-not-followed"]
    monkeypatch.chdir(tmp_path)  # now the working folder holds both files
    report = apilint.lint_file(spec, config=CONFIG)
    assert [(f.file, f.rule) for f in report.findings] == [("outside.yaml", "property-casing")]


def test_in_a_git_work_tree_the_project_folder_is_its_root_wherever_you_stand(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SpaceTraders-style: reference/api.json refers to ../models; linting from inside
    reference/ must reach the models as from the top (no config file anywhere)."""
    (tmp_path / ".git").mkdir()  # what makes a folder a git work tree's root
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "outside.yaml").write_text(OUTSIDE)
    (tmp_path / "reference").mkdir()
    spec = tmp_path / "reference" / "openapi.yaml"
    spec.write_text(SPEC_WITH_OUTSIDE_REF.replace("{ref}", "../models/outside.yaml#/Out"))
    found = []
    for where in (tmp_path / "reference", tmp_path):
        monkeypatch.chdir(where)
        report = apilint.lint_file(spec, config=CONFIG)
        found.append([(Path(f.file).name, f.rule) for f in report.findings])
    assert found[0] == found[1] == [("outside.yaml", "property-casing")]


# -- the document model ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def doc() -> Document:
    return _document(REFS / "document.yaml")


def test_operations_in_document_order_with_webhooks(doc: Document) -> None:
    assert doc.version == "3.1"
    assert [(o.path, o.method, o.webhook, _where(o.loc)) for o in doc.operations] == [
        ("/pets/{id}", "get", False, ("document.yaml", "/paths/~1pets~1{id}/get")),
        ("/pets/{id}", "put", False, ("document.yaml", "/paths/~1pets~1{id}/put")),
        ("/pets/{id}", "delete", False, ("document.yaml", "/paths/~1pets~1{id}/delete")),
        ("/owners", "get", False, ("document-paths.yaml", "/Owners/get")),
        ("petAdded", "post", True, ("document.yaml", "/webhooks/petAdded/post")),
    ]
    assert doc.operations[3].operation_id == "listOwners"
    assert doc.operations[0].operation_id is None
    assert _where(doc.operations[3].path_item.loc) == ("document-paths.yaml", "/Owners")


def test_effective_parameters_merge_path_and_operation_level(doc: Document) -> None:
    get, put = doc.operations[0], doc.operations[1]
    path = "/paths/~1pets~1{id}"
    assert [(p.name, p.location, p.loc.pointer) for p in get.parameters] == [
        ("id", "path", "/components/parameters/Id"),  # resolved through $ref
        ("limit", "query", f"{path}/get/parameters/0"),  # the operation's overrides the path's
        ("trace", "header", f"{path}/parameters/2"),  # same name, other "in": both kept
        ("trace", "query", f"{path}/get/parameters/1"),
    ]
    assert get.parameters[1].value["description"] == "overrides the path-level limit"
    assert [(p.name, p.location, p.loc.pointer) for p in put.parameters] == [
        ("id", "path", "/components/parameters/Id"),
        ("limit", "query", f"{path}/parameters/1"),
        ("trace", "header", f"{path}/parameters/2"),
    ]
    # every parameter object once, the overridden path-level one included
    assert sorted((p.name, p.loc.pointer) for p in doc.parameters) == [
        ("id", "/components/parameters/Id"),
        ("limit", f"{path}/get/parameters/0"),
        ("limit", f"{path}/parameters/1"),
        ("trace", f"{path}/get/parameters/1"),
        ("trace", f"{path}/parameters/2"),
    ]


def test_request_bodies_resolved_through_refs(doc: Document) -> None:
    assert [(_where(b.loc), b.operation.method) for b in doc.request_bodies] == [
        (("document.yaml", "/components/requestBodies/PetBody"), "put"),
        (("document.yaml", "/webhooks/petAdded/post/requestBody"), "post"),
    ]


def test_responses_by_status_skip_extensions(doc: Document) -> None:
    assert [
        (r.status, _where(r.loc), r.operation and r.operation.method) for r in doc.responses
    ] == [
        ("200", ("document.yaml", "/components/responses/Pet"), "get"),
        ("default", ("document.yaml", "/paths/~1pets~1{id}/get/responses/default"), "get"),
        ("204", ("document.yaml", "/paths/~1pets~1{id}/put/responses/204"), "put"),
        ("204", ("document.yaml", "/paths/~1pets~1{id}/delete/responses/204"), "delete"),
        ("200", ("document-paths.yaml", "/Owners/get/responses/200"), "get"),
        ("200", ("document.yaml", "/webhooks/petAdded/post/responses/200"), "post"),
    ]


def test_schemas_reachable_from_components_and_operations_each_once(doc: Document) -> None:
    where = [_where(s.loc) for s in doc.schemas]
    assert len(where) == len(set(where))
    assert set(where) == {
        ("document.yaml", "/components/schemas/Pet"),
        ("document.yaml", "/components/schemas/Pet/properties/name"),
        ("document.yaml", "/components/schemas/Pet/properties/tags"),
        ("document.yaml", "/components/schemas/Pet/properties/tags/items"),
        ("document.yaml", "/components/schemas/Owner"),
        ("document.yaml", "/components/schemas/Owner/properties/pets"),
        ("document.yaml", "/components/parameters/Id/schema"),
        ("document.yaml", "/paths/~1pets~1{id}/parameters/1/schema"),
        ("document.yaml", "/components/requestBodies/PetBody/content/application~1json/schema"),
        (
            "document.yaml",
            "/components/requestBodies/PetBody/content/application~1json/schema/properties/nick",
        ),
        ("document.yaml", "/components/responses/Pet/headers/X-Rate/schema"),
        ("document-paths.yaml", "/Owners/get/responses/200/content/application~1json/schema"),
    }


def test_component_schema_keeps_its_name_when_referenced_first(doc: Document) -> None:
    names = {s.loc.pointer: s.name for s in doc.schemas}
    assert names["/components/schemas/Pet"] == "Pet"
    assert names["/components/schemas/Owner"] == "Owner"


def test_schema_is_named_after_the_component_it_is_written_in() -> None:
    names = {s.loc.pointer: s.name for s in _document(REFS / "local.yaml").schemas}
    assert names["/components/schemas/a~1b~0c"] == "a/b~c"
    assert names["/components/schemas/with space"] == "with space"


def test_properties_of_each_schema_once(doc: Document) -> None:
    assert sorted((p.name, p.schema.loc.pointer) for p in doc.properties) == [
        ("name", "/components/schemas/Pet"),
        ("nick", "/components/requestBodies/PetBody/content/application~1json/schema"),
        ("owner", "/components/schemas/Pet"),
        ("pets", "/components/schemas/Owner"),
        ("tags", "/components/schemas/Pet"),
    ]
    owner = next(p for p in doc.properties if p.name == "owner")
    assert owner.loc.pointer == "/components/schemas/Pet/properties/owner"
    assert owner.value == {"$ref": "#/components/schemas/Owner"}


def test_security_schemes_and_requirements(doc: Document) -> None:
    assert {n: s.loc.pointer for n, s in doc.security_schemes.items()} == {
        "key": "/components/securitySchemes/key",
        "oauth": "/components/securitySchemes/oauth",
    }
    assert [(r.loc.pointer, r.value, r.operation) for r in doc.global_security] == [
        ("/security/0", {"key": []}, None)
    ]
    delete = doc.operations[2]
    assert [
        (r.loc.pointer, r.value, r.operation and r.operation.method)
        for r in doc.security_requirements
    ] == [
        ("/security/0", {"key": []}, None),
        ("/paths/~1pets~1{id}/delete/security/0", {"oauth": ["write"]}, "delete"),
        ("/paths/~1pets~1{id}/delete/security/1", {}, "delete"),
    ]
    effective = {
        (o.path, o.method): None if (s := doc.security_of(o)) is None else [r.value for r in s]
        for o in doc.operations
    }
    assert effective == {
        ("/pets/{id}", "get"): [{"key": []}],  # the global requirement
        ("/pets/{id}", "put"): [],  # security: [] switches it off
        ("/pets/{id}", "delete"): [{"oauth": ["write"]}, {}],
        ("/owners", "get"): [{"key": []}],
        ("petAdded", "post"): [{"key": []}],
    }
    assert doc.security_of(delete) is not None


def test_servers_at_every_level_once(doc: Document) -> None:
    assert [(_where(s.loc), s.value["url"]) for s in doc.servers] == [
        (("document.yaml", "/servers/0"), "https://api.example.com"),
        (("document.yaml", "/paths/~1pets~1{id}/servers/0"), "https://pets.example.com"),
        (("document.yaml", "/paths/~1pets~1{id}/put/servers/0"), "https://put.example.com"),
        (("document-paths.yaml", "/Owners/get/servers/0"), "https://owners.example.com"),
    ]


def test_tags_are_the_named_top_level_declarations(doc: Document) -> None:
    assert [(t.loc.pointer, t.name) for t in doc.tags] == [("/tags/0", "pets")]


def test_no_security_anywhere_is_none() -> None:
    doc = _document(REFS / "local.yaml")
    assert doc.global_security == ()
    assert [doc.security_of(o) for o in doc.operations] == [None]


def test_swagger_2_body_parameter_is_the_request_body() -> None:
    doc = _document(REFS / "swagger.yaml")
    assert doc.version == "2.0"
    (post,) = doc.operations
    assert [(p.name, p.location, p.loc.pointer) for p in post.parameters] == [
        ("body", "body", "/parameters/Body"),
        ("q", "query", "/paths/~1pets/post/parameters/1"),
    ]
    assert [(b.loc.pointer, b.operation is post) for b in doc.request_bodies] == [
        ("/parameters/Body", True)
    ]
    assert [(r.status, r.loc.pointer) for r in doc.responses] == [
        ("201", "/paths/~1pets/post/responses/201")
    ]
    assert [(s.loc.pointer, s.name) for s in doc.schemas] == [
        ("/definitions/Pet", "Pet"),
        ("/definitions/Pet/properties/id", None),
    ]
    assert {n: s.loc.pointer for n, s in doc.security_schemes.items()} == {
        "basic": "/securityDefinitions/basic"
    }
    assert [r.loc.pointer for r in doc.security_requirements] == ["/security/0"]
    assert doc.servers == ()
