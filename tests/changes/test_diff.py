"""``apilint diff`` as users meet it: no change where nothing changed, the version policy,
the CLI's formats and exit codes, git revisions, and the Python API."""

from __future__ import annotations

import copy
import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import apilint
from apilint.cli import main
from apilint.lint.config import ConfigError

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "bookstore.yaml"
SHARED = Path(os.environ.get("APILINT_SHARED", ROOT.parent / "shared"))
REAL = SHARED / "corpus" / "real"
PAIRS = SHARED / "corpus" / "pairs"

OLD = """\
openapi: 3.0.3
info: {title: Pets, version: 1.2.0}
paths:
  /pets:
    get:
      operationId: listPets
      parameters:
        - {name: limit, in: query, schema: {type: integer, maximum: 100}}
      responses:
        "200":
          description: The pets.
          content:
            application/json:
              schema:
                type: array
                items: {$ref: "#/components/schemas/Pet"}
components:
  schemas:
    Pet:
      type: object
      required: [id]
      properties:
        id: {type: string}
        name: {type: string}
"""


def _new(version: str = "1.2.0") -> str:
    """OLD with one breaking change (``name`` removed from a response) and one info change."""
    text = OLD.replace("version: 1.2.0", f"version: {version}")
    text = text.replace("        name: {type: string}\n", "")
    return text.replace("maximum: 100}", "maximum: 200}")


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _reordered(value: Any) -> Any:
    """Every mapping's keys in reverse order, at any depth."""
    if isinstance(value, dict):
        return {key: _reordered(value[key]) for key in reversed(list(value))}
    if isinstance(value, list):
        return [_reordered(item) for item in value]
    return value


def _move_one_schema(data: dict[str, Any]) -> bool:
    """Move the first inline response schema (not a $ref) into the reusable schemas and refer
    to it from where it was. False when the spec has none."""
    swagger = "swagger" in data
    for path_item in data.get("paths", {}).values():
        for operation in path_item.values() if isinstance(path_item, dict) else ():
            responses = operation.get("responses") if isinstance(operation, dict) else None
            for response in (responses or {}).values():
                if not isinstance(response, dict):
                    continue
                holders = [response] if swagger else list((response.get("content") or {}).values())
                for holder in holders:
                    schema = holder.get("schema") if isinstance(holder, dict) else None
                    if isinstance(schema, dict) and "$ref" not in schema and schema:
                        if swagger:
                            section = data.setdefault("definitions", {})
                            ref = "#/definitions/MovedByTheTest"
                        else:
                            section = data.setdefault("components", {}).setdefault("schemas", {})
                            ref = "#/components/schemas/MovedByTheTest"
                        section["MovedByTheTest"] = copy.deepcopy(schema)
                        holder["schema"] = {"$ref": ref}
                        return True
    return False


def _assert_no_change(old: Path, new: Path) -> None:
    report = apilint.diff(old, new)
    assert report.errors == ()
    assert [c.message for c in report.changes] == []
    assert report.exit_code() == 0


# -- nothing changed ----------------------------------------------------------------------------


def test_a_spec_diffed_with_itself_has_no_change() -> None:
    _assert_no_change(EXAMPLE, EXAMPLE)


def test_reordered_keys_and_a_schema_moved_into_components_are_no_change(tmp_path: Path) -> None:
    from apilint.source.loader import load_file

    data = load_file(EXAMPLE).data
    moved = _reordered(data)
    assert _move_one_schema(moved), "the example spec has an inline response schema to move"
    copy_path = _write(tmp_path, "moved.json", json.dumps(moved))
    _assert_no_change(EXAMPLE, copy_path)
    assert "MovedByTheTest" in copy_path.read_text()


@pytest.mark.skipif(not REAL.is_dir(), reason=f"the shared corpus is not present at {REAL}")
@pytest.mark.parametrize(
    "spec", sorted(REAL.iterdir()) if REAL.is_dir() else [], ids=lambda p: p.name
)
def test_real_spec_reordered_and_moved_is_no_change(spec: Path, tmp_path: Path) -> None:
    from apilint.source.loader import load_file

    moved = _reordered(load_file(spec).data)
    _move_one_schema(moved)
    _assert_no_change(spec, _write(tmp_path, "moved.json", json.dumps(moved)))


@pytest.mark.skipif(not SHARED.is_dir(), reason=f"the shared corpus is not present at {SHARED}")
@pytest.mark.parametrize("folder", ["digitalocean", "spacetraders"])
def test_multifile_spec_folder_diffed_with_itself_has_no_change(folder: str) -> None:
    spec = SHARED / "corpus" / "multifile" / folder
    report = apilint.diff(spec, spec)
    assert report.errors == () and report.changes == ()
    assert report.new.endswith((".yaml", ".json"))  # the folder's one root was found


def test_a_comparison_that_crashes_is_one_error_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import apilint.changes.diff as diff_module

    def boom(*args: object) -> None:
        raise RuntimeError("unexpected shape")

    monkeypatch.setattr(diff_module, "diff_sides", boom)
    old, new = _write(tmp_path, "old.yaml", OLD), _write(tmp_path, "new.yaml", _new())
    report = apilint.diff(old, new)
    assert report.exit_code() == 2
    assert report.errors[0].message == f"cannot compare with {old}: RuntimeError: unexpected shape"


# -- the version policy -------------------------------------------------------------------------


def test_breaking_change_without_major_bump_fails(tmp_path: Path) -> None:
    report = apilint.diff(_write(tmp_path, "old.yaml", OLD), _write(tmp_path, "new.yaml", _new()))
    found = {(c.id, c.level, c.severity.label) for c in report.changes}
    assert found == {
        ("response-property-removed", "breaking", "error"),
        ("parameter-max-relaxed", "info", "info"),
        ("version-not-bumped", "breaking", "error"),
    }
    bump = next(c for c in report.changes if c.id == "version-not-bumped")
    assert (bump.new.line, bump.new.pointer) == (2, "/info/version")
    why = "info.version is still 1.2.0"
    assert bump.message == f"1 breaking change without a major version bump: {why}"
    assert report.exit_code() == 1


def test_major_bump_covers_breaking_changes(tmp_path: Path) -> None:
    old = _write(tmp_path, "old.yaml", OLD)
    report = apilint.diff(old, _write(tmp_path, "new.yaml", _new("2.0.0")))
    removed = next(c for c in report.changes if c.id == "response-property-removed")
    assert removed.allowed == "major version bumped from 1.2.0 to 2.0.0"
    assert removed.severity.label == "warn"
    assert "version-not-bumped" not in {c.id for c in report.changes}
    assert report.exit_code() == 0


def test_major_bump_without_breaking_change_is_info(tmp_path: Path) -> None:
    old = _write(tmp_path, "old.yaml", OLD)
    new = _write(tmp_path, "new.yaml", OLD.replace("version: 1.2.0", "version: 2.0.0"))
    report = apilint.diff(old, new)
    assert [(c.id, c.level) for c in report.changes] == [
        ("version-bumped-without-breaking", "info")
    ]


def test_change_levels_and_policy_come_from_config(tmp_path: Path) -> None:
    old, new = _write(tmp_path, "old.yaml", OLD), _write(tmp_path, "new.yaml", _new())
    config = {"diff": {"version-policy": "none", "changes": {"parameter-max-relaxed": "off"}}}
    report = apilint.diff(old, new, config=config)
    assert [c.id for c in report.changes] == ["response-property-removed"]
    bad = {"diff": {"changes": {"no-such-change": "info"}}}
    with pytest.raises(ConfigError, match="unknown change id 'no-such-change'"):
        apilint.diff(old, new, config=bad)


# -- the command line -----------------------------------------------------------------------


def _run(*args: str) -> Any:
    return CliRunner().invoke(main, ["diff", *args], catch_exceptions=False)


def test_cli_text_names_both_places_and_exits_1(tmp_path: Path) -> None:
    old, new = _write(tmp_path, "old.yaml", OLD), _write(tmp_path, "new.yaml", _new())
    result = _run(str(old), str(new))
    assert result.exit_code == 1
    line = next(x for x in result.output.splitlines() if "response-property-removed" in x)
    assert line.startswith(f"{new}:22:7  error  response-property-removed")
    assert line.endswith(f"(was {old}:24:9)")
    assert result.output.splitlines()[-1].endswith(
        # version-not-bumped judges the one breaking change; it is not counted as another
        "2 changes: 1 breaking (1 not covered by the version policy), 0 warnings, 1 info"
    )


def test_cli_json_has_both_places(tmp_path: Path) -> None:
    old, new = _write(tmp_path, "old.yaml", OLD), _write(tmp_path, "new.yaml", _new("2.0.0"))
    result = _run("--format", "json", str(old), str(new))
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["summary"] == {
        "breaking": 1,
        "warning": 0,
        "info": 1,
        "uncovered": 0,
        "load_errors": 0,
    }
    assert (data["old"]["version"], data["new"]["version"]) == ("1.2.0", "2.0.0")
    removed = next(c for c in data["changes"] if c["id"] == "response-property-removed")
    assert removed["old"] == {
        "file": str(old),
        "line": 24,
        "column": 9,
        "pointer": "/components/schemas/Pet/properties/name",
    }
    assert removed["new"]["pointer"] == "/components/schemas/Pet/properties"
    assert removed["severity"] == "warn" and removed["allowed"].startswith("major version")


def test_cli_changelog_groups_by_level(tmp_path: Path) -> None:
    old, new = _write(tmp_path, "old.yaml", OLD), _write(tmp_path, "new.yaml", _new())
    result = _run("--format", "changelog", str(old), str(new))
    text = result.output
    assert text.startswith(f"## API changes: `{old}` → `{new}` (1.2.0 → 1.2.0)")
    verdict = "**1 breaking change without a major version bump: info.version is still 1.2.0**"
    # the verdict is about the breaking changes, not one of them: on top, and not counted
    assert text.index(verdict) < text.index("### Breaking changes (1)")
    assert text.index("### Breaking changes (1)") < text.index("### Other changes (1)")
    assert "- `response-property-removed`: response body schema 'Pet': property 'name'" in text


def test_cli_exit_2_on_a_side_that_cannot_be_read(tmp_path: Path) -> None:
    new = _write(tmp_path, "new.yaml", _new())
    broken = _write(tmp_path, "broken.yaml", "openapi: 3.0.3\ninfo: [\n")
    for old in (str(tmp_path / "missing.yaml"), str(broken)):
        result = _run(old, str(new))
        assert result.exit_code == 2
        assert "Traceback" not in result.output
        assert result.output.splitlines()[0].startswith(old)


def test_cli_usage_errors() -> None:
    assert _run("only-one.yaml").exit_code == 2
    assert _run("--base", "main", "a.yaml", "b.yaml").exit_code == 2


def test_cli_fail_severity_warn_fails_on_a_covered_breaking_change(tmp_path: Path) -> None:
    old, new = _write(tmp_path, "old.yaml", OLD), _write(tmp_path, "new.yaml", _new("2.0.0"))
    assert _run(str(old), str(new)).exit_code == 0
    assert _run("--fail-severity", "warn", str(old), str(new)).exit_code == 1


# -- git revisions ------------------------------------------------------------------------------

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _git(repo: Path, *args: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
    }
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env=env)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository with a two-file spec committed, then changed in the working tree."""
    _git(tmp_path, "init", "-q", "-b", "main")
    (tmp_path / "api").mkdir()
    root = OLD.replace(
        '                items: {$ref: "#/components/schemas/Pet"}',
        '                items: {$ref: "pet.yaml"}',
    ).split("components:")[0]
    pet = (
        "type: object\nrequired: [id]\nproperties:\n  id: {type: string}\n  name: {type: string}\n"
    )
    _write(tmp_path / "api", "openapi.yaml", root)
    _write(tmp_path / "api", "pet.yaml", pet)
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-q", "-m", "v1")
    _write(tmp_path / "api", "pet.yaml", pet.replace("  name: {type: string}\n", ""))
    monkeypatch.chdir(tmp_path)
    return tmp_path


@needs_git
def test_base_revision_reads_the_spec_and_its_refs_from_git(repo: Path) -> None:
    result = _run("--base", "main", "api/openapi.yaml", "--format", "json")
    data = json.loads(result.output)
    assert data["old"]["spec"] == "main:api/openapi.yaml"
    removed = next(c for c in data["changes"] if c["id"] == "response-property-removed")
    assert removed["old"]["file"] == "main:api/pet.yaml"
    assert (removed["old"]["line"], removed["old"]["pointer"]) == (5, "/properties/name")
    assert removed["new"]["file"] == os.path.join("api", "pet.yaml")
    assert result.exit_code == 1
    assert (repo / "api" / "pet.yaml").read_text().count("name") == 0  # the tree is untouched


@needs_git
def test_revision_paths_and_folders(repo: Path) -> None:
    by_path = apilint.diff("main:api/openapi.yaml", "api/openapi.yaml")
    by_folder = apilint.diff("main:api", "api")
    assert [c.id for c in by_path.changes] == [c.id for c in by_folder.changes]
    assert "response-property-removed" in {c.id for c in by_path.changes}
    missing = apilint.diff("main:api/nothing.yaml", "api/openapi.yaml")
    assert missing.errors and missing.errors[0].file == "main:api/nothing.yaml"


@needs_git
def test_a_spec_new_since_the_base_is_added_not_a_git_error(repo: Path) -> None:
    """A pull request that adds a service: `diff --base main` over its spec."""
    shutil.copy(repo / "api" / "openapi.yaml", repo / "api" / "billing.yaml")
    result = CliRunner().invoke(main, ["diff", "--base", "main", "api/billing.yaml"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    added = "spec-added  new spec: api/billing.yaml does not exist at main"
    assert lines[0] == f"api/billing.yaml:1:1  info   {added}"
    assert lines[-1].endswith("1 change: 0 breaking, 0 warnings, 1 info")


# -- real pairs ------------------------------------------------------------------------------


@pytest.mark.skipif(not PAIRS.is_dir(), reason=f"the shared corpus is not present at {PAIRS}")
def test_real_release_pair_both_ways() -> None:
    old, new = PAIRS / "github-ghes" / "ghes-3.17.json", PAIRS / "github-ghes" / "ghes-3.18.json"
    forward = apilint.diff(old, new)
    assert forward.errors == ()
    messages = {(c.id, c.message) for c in forward.changes}
    assert ("operation-added", "POST /orgs/{org}/private-registries added") in messages
    assert forward.counts()["breaking"] == 0
    backward = apilint.diff(new, old)
    removed = {c.message for c in backward.changes if c.id == "operation-removed"}
    assert len(removed) == 15
    assert backward.exit_code() == 1


@pytest.mark.parametrize(
    ("section", "message"),
    [
        ("diff: {changes: {nope: info}}", "diff.changes: unknown change id 'nope'"),
        ("diff: {today: tomorrow}", "diff.today: 'tomorrow' is not a 'date'"),
        ("diff: {version-policy: minor}", "diff.version-policy: 'minor' is not one of"),
    ],
)
def test_cli_bad_diff_config_is_one_line_and_exit_2(
    tmp_path: Path, section: str, message: str
) -> None:
    old, new = _write(tmp_path, "old.yaml", OLD), _write(tmp_path, "new.yaml", _new())
    config = _write(tmp_path, "bad.apilint.yaml", section + "\n")
    result = CliRunner().invoke(main, ["diff", "-c", str(config), str(old), str(new)])
    assert result.exit_code == 2
    assert message in result.output
    assert len(result.output.strip().splitlines()) == 1 and "Traceback" not in result.output
