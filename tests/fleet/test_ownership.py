"""Who owns each API: the config's ``teams`` globs, the owner extension, CODEOWNERS."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest
import yaml

from apilint.fleet.model import Ownership
from apilint.fleet.ownership import (
    REPORT_CONFIG_SCHEMA,
    CodeOwners,
    OwnershipSettings,
    extension_owner,
    find_codeowners,
    owner_of,
)

UNOWNED = Ownership(team=None, source=None)


def write(path: Path, text: str = "openapi: 3.1.0\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def settings(tmp_path: Path, **raw: object) -> OwnershipSettings:
    """Settings from a ``report`` section written with ``_`` for ``-`` in keys."""
    return OwnershipSettings.from_config(
        {key.replace("_", "-"): value for key, value in raw.items()}, tmp_path
    )


def team(tmp_path: Path, spec: str, owned: OwnershipSettings, info_owner: str | None = None):
    return owner_of(tmp_path / spec, info_owner, owned, tmp_path)


def codeowners(tmp_path: Path, text: str) -> CodeOwners:
    return CodeOwners.read(write(tmp_path / "CODEOWNERS", text))


# -- precedence ----------------------------------------------------------------------------


def test_config_then_extension_then_codeowners(tmp_path: Path) -> None:
    write(tmp_path / ".github" / "CODEOWNERS", "* @acme/platform\n")
    owned = settings(tmp_path, teams={"services/payments/**": "payments"})
    spec = "services/payments/openapi.yaml"
    assert team(tmp_path, spec, owned, "billing") == Ownership(team="payments", source="config")
    assert team(tmp_path, "services/orders/openapi.yaml", owned, "orders") == Ownership(
        team="orders", source="spec"
    )
    assert team(tmp_path, "services/orders/openapi.yaml", owned) == Ownership(
        team="@acme/platform", source="codeowners"
    )


def test_unowned_when_no_source_names_a_team(tmp_path: Path) -> None:
    owned = settings(tmp_path, teams={"services/payments/**": "payments"})
    assert team(tmp_path, "services/orders/openapi.yaml", owned) == UNOWNED
    assert team(tmp_path, "services/orders/openapi.yaml", owned, "  ") == UNOWNED
    assert team(tmp_path, "openapi.yaml", OwnershipSettings()) == UNOWNED


def test_extension_value_is_stripped(tmp_path: Path) -> None:
    owned = OwnershipSettings()
    assert team(tmp_path, "a.yaml", owned, " payments ") == Ownership(
        team="payments", source="spec"
    )


# -- the teams globs -----------------------------------------------------------------------


def test_first_matching_glob_wins(tmp_path: Path) -> None:
    owned = settings(
        tmp_path, teams={"services/payments/legacy/**": "legacy", "services/**": "platform"}
    )
    assert team(tmp_path, "services/payments/legacy/v1.yaml", owned).team == "legacy"
    assert team(tmp_path, "services/payments/v2.yaml", owned).team == "platform"
    reverse = settings(
        tmp_path, teams={"services/**": "platform", "services/payments/legacy/**": "legacy"}
    )
    assert team(tmp_path, "services/payments/legacy/v1.yaml", reverse).team == "platform"


def test_double_star_glob_is_anchored_at_the_root(tmp_path: Path) -> None:
    owned = settings(tmp_path, teams={"services/payments/**": "payments"})
    assert team(tmp_path, "services/payments/v1/deep/openapi.yaml", owned).team == "payments"
    assert team(tmp_path, "other/services/payments/openapi.yaml", owned) == UNOWNED
    assert team(tmp_path, "services/payments-v2/openapi.yaml", owned) == UNOWNED


def test_glob_without_slash_matches_at_any_depth(tmp_path: Path) -> None:
    owned = settings(tmp_path, teams={"*.yaml": "yaml-people"})
    assert team(tmp_path, "openapi.yaml", owned).team == "yaml-people"
    assert team(tmp_path, "a/b/c/openapi.yaml", owned).team == "yaml-people"
    assert team(tmp_path, "a/b/openapi.json", owned) == UNOWNED


def test_negated_glob_leaves_the_api_to_the_other_sources(tmp_path: Path) -> None:
    write(tmp_path / "CODEOWNERS", "/services/legacy/ @acme/legacy\n")
    owned = settings(tmp_path, teams={"!services/legacy/**": None, "services/**": "platform"})
    assert team(tmp_path, "services/legacy/openapi.yaml", owned) == Ownership(
        team="@acme/legacy", source="codeowners"
    )
    assert team(tmp_path, "services/legacy/openapi.yaml", owned, "old") == Ownership(
        team="old", source="spec"
    )
    assert team(tmp_path, "services/orders/openapi.yaml", owned).team == "platform"


def test_globs_are_relative_to_the_root(tmp_path: Path) -> None:
    owned = settings(tmp_path / "repo", teams={"*.yaml": "everyone"})
    outside = owner_of(tmp_path / "elsewhere" / "a.yaml", None, owned, tmp_path / "repo")
    assert outside == UNOWNED
    inside = owner_of(tmp_path / "repo" / "api" / "a.yaml", None, owned, tmp_path / "repo")
    assert inside == Ownership(team="everyone", source="config")


def test_relative_spec_path_is_taken_from_the_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    owned = settings(tmp_path, teams={"services/**": "platform"})
    got = owner_of(Path("services/../services/a.yaml"), None, owned, tmp_path)
    assert got == Ownership(team="platform", source="config")


@pytest.mark.parametrize(
    ("teams", "message"),
    [
        ({"a\\": "x"}, "a.yaml: report.teams: 'a\\': not a valid glob"),
        (
            {"#x": "x"},
            "a.yaml: report.teams: '#x': matches no path (empty, a comment or not a glob)",
        ),
        ({"": "x"}, "a.yaml: report.teams: '': matches no path (empty, a comment or not a glob)"),
        ({"api/**": ""}, "a.yaml: report.teams: 'api/**': names no team"),
        ({"api/**": None}, "a.yaml: report.teams: 'api/**': names no team"),
        (
            {"!api/**": "x"},
            "a.yaml: report.teams: '!api/**': a negated glob takes no team (write ~)",
        ),
    ],
)
def test_bad_teams_entry_is_one_line_naming_the_key(
    tmp_path: Path, teams: dict[str, str | None], message: str
) -> None:
    with pytest.raises(ValueError) as error:
        OwnershipSettings.from_config({"teams": teams}, tmp_path, where="a.yaml")
    assert str(error.value) == message


# -- the owner extension -------------------------------------------------------------------


def test_extension_name_is_configurable(tmp_path: Path) -> None:
    assert OwnershipSettings.from_config(None, tmp_path).extension == "x-owner"
    owned = settings(tmp_path, owner_extension="x-team")
    info = {"x-owner": "ignored", "x-team": "payments"}
    assert extension_owner(info.get(owned.extension)) == "payments"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("payments", "payments"),
        ("  payments\n", "payments"),
        ({"team": "payments", "name": "Pay Squad"}, "payments"),
        ({"name": "Pay Squad", "email": "pay@example.com"}, "Pay Squad"),
        ({"team": "", "name": "Pay Squad"}, "Pay Squad"),
        ({"team": {"name": "nested"}}, None),
        ({"email": "pay@example.com"}, None),
        ("", None),
        (42, None),
        (["payments"], None),
        (None, None),
    ],
)
def test_extension_value_string_or_object(value: object, expected: str | None) -> None:
    assert extension_owner(value) == expected


# -- CODEOWNERS ----------------------------------------------------------------------------


def test_last_matching_line_wins(tmp_path: Path) -> None:
    owners = codeowners(tmp_path, "* @acme/everyone\n*.yaml @acme/yaml\n/api/ @acme/api\n")
    assert owners.owners("README.md") == ("@acme/everyone",)
    assert owners.owners("specs/orders.yaml") == ("@acme/yaml",)
    assert owners.owners("api/orders.yaml") == ("@acme/api",)


def test_line_without_owners_un_owns(tmp_path: Path) -> None:
    owners = codeowners(tmp_path, "/apps/ @octocat\n/apps/github\n")
    assert owners.owners("apps/main/openapi.yaml") == ("@octocat",)
    assert owners.owners("apps/github/openapi.yaml") == ()
    owned = settings(tmp_path)
    assert team(tmp_path, "apps/github/openapi.yaml", owned) == UNOWNED


def test_anchored_folder_pattern(tmp_path: Path) -> None:
    owners = codeowners(tmp_path, "/api/ @acme/api\n")
    assert owners.owners("api/openapi.yaml") == ("@acme/api",)
    assert owners.owners("api/v1/deep/openapi.yaml") == ("@acme/api",)
    assert owners.owners("services/api/openapi.yaml") == ()
    assert owners.owners("api") == ()  # a folder pattern owns what the folder holds


def test_unanchored_folder_pattern_matches_at_any_depth(tmp_path: Path) -> None:
    owners = codeowners(tmp_path, "apps/ @octocat\n**/logs @logs\n")
    assert owners.owners("apps/a.yaml") == ("@octocat",)
    assert owners.owners("x/y/apps/z/a.yaml") == ("@octocat",)
    assert owners.owners("build/logs/today/a.yaml") == ("@logs",)
    assert owners.owners("logs/a.yaml") == ("@logs",)


def test_star_in_a_folder_does_not_reach_deeper(tmp_path: Path) -> None:
    owners = codeowners(tmp_path, "docs/* docs@example.com\n")
    assert owners.owners("docs/openapi.yaml") == ("docs@example.com",)
    assert owners.owners("docs/build-app/openapi.yaml") == ()


def test_wildcards(tmp_path: Path) -> None:
    owners = codeowners(tmp_path, "/specs/**/v?.yaml @v\n/x/**/*.json @json\n")
    assert owners.owners("specs/v1.yaml") == ("@v",)
    assert owners.owners("specs/a/b/v2.yaml") == ("@v",)
    assert owners.owners("specs/v10.yaml") == ()
    assert owners.owners("x/a/b.json") == ("@json",)
    assert owners.owners("x/b.json") == ("@json",)


def test_comments_blank_lines_and_several_owners(tmp_path: Path) -> None:
    text = (
        "# the default owners\n"
        "\n"
        "   # an indented comment\n"
        "*.yaml   @acme/api   api-owner@example.com  # an inline comment @ignored\n"
    )
    owners = codeowners(tmp_path, text)
    assert owners.owners("a/openapi.yaml") == ("@acme/api", "api-owner@example.com")
    assert owners.problems == ()
    assert team(tmp_path, "a/openapi.yaml", settings(tmp_path)) == Ownership(
        team="@acme/api, api-owner@example.com", source="codeowners"
    )


def test_escaped_space_in_a_pattern(tmp_path: Path) -> None:
    owners = codeowners(tmp_path, "/my\\ api/ @acme/api\n")
    assert owners.owners("my api/openapi.yaml") == ("@acme/api",)


def test_paths_are_case_sensitive(tmp_path: Path) -> None:
    owners = codeowners(tmp_path, "/API/ @acme/api\n")
    assert owners.owners("api/openapi.yaml") == ()


def test_lines_github_skips_are_problems(tmp_path: Path) -> None:
    text = (
        "* @acme/everyone\n"
        "!/api/ @acme/api\n"
        "/api/*.[ch] @acme/api\n"
        "\\#file @acme/api\n"
        "/api/ not-an-owner\n"
        "/\n"
    )
    owners = codeowners(tmp_path, text)
    assert owners.owners("api/openapi.yaml") == ("@acme/everyone",)
    path = tmp_path / "CODEOWNERS"
    assert owners.problems == (
        f"{path}:2: '!' negation is not supported in CODEOWNERS; GitHub skips this line",
        f"{path}:3: '[ ]' character ranges are not supported in CODEOWNERS; GitHub skips this line",
        f"{path}:4: '\\#' escapes are not supported in CODEOWNERS; GitHub skips this line",
        f"{path}:5: 'not-an-owner' is not a @user, @org/team or e-mail address;"
        " GitHub skips this line",
        f"{path}:6: '/' matches no file; GitHub skips this line",
    )


def test_codeowners_is_parsed_once(tmp_path: Path) -> None:
    path = write(tmp_path / "CODEOWNERS", "* @acme/api\n")
    owned = settings(tmp_path)
    path.unlink()
    assert team(tmp_path, "openapi.yaml", owned).team == "@acme/api"


def test_github_locations_in_order(tmp_path: Path) -> None:
    assert find_codeowners(tmp_path) is None
    write(tmp_path / "docs" / "CODEOWNERS", "* @docs\n")
    assert find_codeowners(tmp_path) == tmp_path / "docs" / "CODEOWNERS"
    write(tmp_path / "CODEOWNERS", "* @root\n")
    assert find_codeowners(tmp_path) == tmp_path / "CODEOWNERS"
    write(tmp_path / ".github" / "CODEOWNERS", "* @github\n")
    assert find_codeowners(tmp_path) == tmp_path / ".github" / "CODEOWNERS"
    assert team(tmp_path, "a.yaml", settings(tmp_path)).team == "@github"


def test_patterns_are_relative_to_the_work_tree_root(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    write(tmp_path / ".github" / "CODEOWNERS", "/platform/specs/ @acme/specs\n")
    base = tmp_path / "platform"  # the config's folder, below the repository root
    owned = settings(base)
    assert owned.codeowners == tmp_path / ".github" / "CODEOWNERS"
    assert owner_of(base / "specs" / "a.yaml", None, owned, base) == Ownership(
        team="@acme/specs", source="codeowners"
    )


def test_docs_codeowners_outside_a_work_tree_is_relative_to_the_folder_above(
    tmp_path: Path,
) -> None:
    write(tmp_path / "docs" / "CODEOWNERS", "/api/ @acme/api\n")
    assert team(tmp_path, "api/openapi.yaml", settings(tmp_path)).team == "@acme/api"


def test_codeowners_disabled_or_configured(tmp_path: Path) -> None:
    write(tmp_path / "CODEOWNERS", "* @root\n")
    write(tmp_path / "ops" / "OWNERS", "* @ops\n")
    assert settings(tmp_path, codeowners=False).codeowners is None
    assert team(tmp_path, "a.yaml", settings(tmp_path, codeowners=False)) == UNOWNED
    configured = settings(tmp_path, codeowners="ops/OWNERS")
    assert team(tmp_path, "ops/a.yaml", configured).team == "@ops"


def test_spec_outside_the_codeowners_root_is_not_owned_by_it(tmp_path: Path) -> None:
    write(tmp_path / "repo" / "CODEOWNERS", "* @root\n")
    owned = settings(tmp_path / "repo")
    assert owner_of(tmp_path / "other" / "a.yaml", None, owned, tmp_path) == UNOWNED


def test_unreadable_codeowners_is_one_line_naming_the_file(tmp_path: Path) -> None:
    with pytest.raises(ValueError) as missing:
        OwnershipSettings.from_config({"codeowners": "nope"}, tmp_path, where="a.yaml")
    assert str(missing.value) == f"a.yaml: report.codeowners: not a file: {tmp_path / 'nope'}"
    binary = tmp_path / "CODEOWNERS"
    binary.write_bytes(b"* @a\xff\n")
    with pytest.raises(ValueError) as undecodable:
        settings(tmp_path)
    assert str(undecodable.value) == f"{binary}: the CODEOWNERS file is not UTF-8 text"
    binary.unlink()
    (tmp_path / "CODEOWNERS").mkdir()
    (tmp_path / ".github").mkdir()
    (tmp_path / ".github" / "CODEOWNERS").symlink_to(tmp_path / "gone")
    assert find_codeowners(tmp_path) is None  # neither a folder nor a dangling link is a file


def test_codeowners_that_cannot_be_read(tmp_path: Path) -> None:
    with pytest.raises(ValueError) as folder:
        CodeOwners.read(tmp_path)
    assert str(folder.value) == f"{tmp_path}: cannot read the CODEOWNERS file: Is a directory"
    large = write(tmp_path / "CODEOWNERS", "* @a\n" + "#" * (3 * 1024 * 1024))
    with pytest.raises(ValueError) as too_large:
        settings(tmp_path)
    assert str(too_large.value) == f"{large}: over GitHub's 3 MB limit for a CODEOWNERS file"


# -- the config section --------------------------------------------------------------------


def test_report_config_schema() -> None:
    validator = jsonschema.Draft202012Validator(REPORT_CONFIG_SCHEMA)
    good = {
        "teams": {"services/payments/**": "payments", "!services/legacy/**": None},
        "owner-extension": "x-team",
        "codeowners": False,
        "min-score": 72.5,
        "shown": 0,
        "history": ".apilint/history",
    }
    assert list(validator.iter_errors(good)) == []
    assert validator.is_valid({"codeowners": "ops/CODEOWNERS"})
    for bad in (
        {"teams": {"api/**": None}},
        {"teams": {"!api/**": "x"}},
        {"teams": {"api/**": ""}},
        {"owner-extension": "owner"},
        {"codeowners": True},
        {"min-score": 101},
        {"shown": -1},
        {"shown": 1.5},
        {"colour": "red"},
    ):
        assert not validator.is_valid(bad), bad


def test_documented_example(tmp_path: Path) -> None:
    """The example of docs/report.md's Ownership section is a valid section that does what the
    section says."""
    docs = (Path(__file__).parents[2] / "docs" / "report.md").read_text(encoding="utf-8")
    section = docs.split("## Ownership", 1)[1].split("\n## ", 1)[0]
    example = yaml.safe_load(section.split("```yaml\n", 1)[1].split("```", 1)[0])["report"]
    assert jsonschema.Draft202012Validator(REPORT_CONFIG_SCHEMA).is_valid(example)
    write(tmp_path / ".github" / "CODEOWNERS", "/services/ @acme/platform\n")
    owned = OwnershipSettings.from_config(example, tmp_path)
    assert owned.extension == "x-team"
    assert team(tmp_path, "services/payments/openapi.yaml", owned).team == "payments"
    assert team(tmp_path, "services/legacy/openapi.yaml", owned, "payments") == Ownership(
        team="payments", source="spec"
    )
    assert team(tmp_path, "services/legacy/openapi.yaml", owned) == Ownership(
        team="@acme/platform", source="codeowners"
    )
