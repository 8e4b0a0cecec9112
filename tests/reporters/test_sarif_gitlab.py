"""SARIF and GitLab Code Quality output: schema-valid on every fixture, exact on the example.

Both schemas ship with the tests, in ``tests/fixtures/schemas``, and are read offline: the SARIF
one is OASIS's (see the README there), the GitLab one is written from GitLab's documentation (see
its ``$comment``). Golden files: set ``APILINT_UPDATE_GOLDEN=1`` to rewrite them after a
deliberate change, then read the diff.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import jsonschema
import pytest
import referencing
import referencing.exceptions
import yaml
from conftest import CRASHING_PLUGIN_SOURCE, DIRTY_SPEC

import apilint
from apilint import __version__
from apilint.lint import fingerprints
from apilint.lint.findings import Finding, Identity, Report, Severity
from apilint.reporters import FORMATS, gitlab, sarif
from apilint.testing import fixture_options, fixture_root, lint_with_rule

ROOT = Path(__file__).resolve().parents[2]
SCHEMAS = ROOT / "tests" / "fixtures" / "schemas"
SARIF_SCHEMA = SCHEMAS / "sarif-schema-2.1.0.json"
#: SHA-256 of the OASIS file the shipped SARIF schema was copied from (see its README): the copy
#: is that file plus two top-level lines, its "$comment" and its "$ref" to the root definition
SARIF_SOURCE_SHA256 = "cfa305856fadf006ed349e80b2478a49f8476c0e7131f62778960cdfe71fdf85"
SARIF_ADDED_LINES = (
    '  "$comment": "Copy of the OASIS SARIF 2.1.0 schema kept for apilint\'s tests; see'
    " README.md in this folder. One change: the $ref to #/definitions/Root below, without which"
    ' the root object constrains nothing.",\n',
    '  "$ref": "#/definitions/Root",\n',
)
GITLAB_SCHEMA = SCHEMAS / "gitlab-code-quality.json"
GOLDEN = ROOT / "tests" / "golden"
#: the golden files pin the reporters, not the rule set: a fixed selection of rules (as data:
#: a config file's folder would be the project root fingerprints are relative to)
GOLDEN_CONFIG = yaml.safe_load((GOLDEN / "bookstore.apilint.yaml").read_text(encoding="utf-8"))
RULE_FIXTURES = ROOT / "tests" / "rules" / "fixtures"
#: Findings in four $ref'd files, one of them "pet food.json" (a space in its URI).
CHAIN = "tests/fixtures/refs/chain/openapi.yaml"
#: the organisation's convention: camelCase properties (the chain's files break it)
CAMEL = {"extends": ["recommended"], "rules": {"property-casing": {"options": {"style": "camel"}}}}
#: Stands for apilint's version in the SARIF golden file, so that a release does not break it.
VERSION_MARK = "<apilint version>"

#: RFC 3986 characters only (a URI reference has no space, backslash or raw non-ASCII).
_URI_CHARS = re.compile(r"^[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+$")

BAD_FIXTURES = sorted(
    (rule_dir.name, case)
    for rule_dir in RULE_FIXTURES.iterdir()
    if rule_dir.is_dir()
    for case in rule_dir.iterdir()
    if case.name.startswith("bad") and (case.is_file() or (case / "openapi.yaml").is_file())
)


def _refuse_to_fetch(uri: str) -> referencing.Resource[Any]:
    """The registry's retriever: the schemas are read offline, so any remote $ref fails."""
    raise referencing.exceptions.NoSuchResource(ref=uri)


@cache
def _validator(path: Path) -> jsonschema.Draft7Validator:
    schema = json.loads(path.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    offline: referencing.Registry[Any] = referencing.Registry(retrieve=_refuse_to_fetch)
    return jsonschema.Draft7Validator(schema, registry=offline)


def _schema_errors(path: Path, document: Any) -> list[str]:
    errors = _validator(path).iter_errors(document)
    return sorted(f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors)


def assert_sarif(report: Report) -> dict[str, Any]:
    """Render the report as SARIF, check it against the schema and against the report, and
    return the parsed log."""
    text = FORMATS["sarif"](report, False)
    document = json.loads(text)
    assert _schema_errors(SARIF_SCHEMA, document) == []
    (run,) = document["runs"]
    rules = run["tool"]["driver"]["rules"]
    ids = [rule["id"] for rule in rules]
    assert ids == sorted(set(ids))
    assert {f.rule for f in report.findings} | {i.id for i in report.rules} == set(ids)
    assert len(run["results"]) == len(report.findings)
    for result, finding in zip(run["results"], report.findings, strict=True):
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"] == finding.rule
        assert result["message"]["text"] == finding.message
        (location,) = result["locations"]
        artifact = location["physicalLocation"]["artifactLocation"]
        assert _URI_CHARS.match(artifact["uri"]), artifact
        if not os.path.isabs(finding.file):  # relative to SRCROOT: the file, percent-encoded
            assert artifact["uriBaseId"] == "SRCROOT"
            assert unquote(artifact["uri"]) == finding.file
        region = location["physicalLocation"]["region"]
        assert (region["startLine"], region["startColumn"]) == (finding.line, finding.column)
        if finding.pointer:
            assert location["logicalLocations"][0]["fullyQualifiedName"] == finding.pointer
        else:
            assert "logicalLocations" not in location
        if finding.identity is not None:
            assert result["partialFingerprints"] == {"apilint/v1": finding.identity.digest}
    (invocation,) = run["invocations"]
    assert invocation["executionSuccessful"] is not bool(report.errors)
    return document


def assert_gitlab(report: Report) -> list[dict[str, Any]]:
    text = FORMATS["gitlab"](report, False)
    assert not text.startswith("\ufeff")
    issues = json.loads(text)
    assert _schema_errors(GITLAB_SCHEMA, issues) == []
    fingerprints = [issue["fingerprint"] for issue in issues]
    assert len(fingerprints) == len(set(fingerprints)), "GitLab keeps one issue per fingerprint"
    assert len(issues) == len(report.findings) + len(report.errors)
    return issues


def test_both_formats_are_registered() -> None:
    assert FORMATS["sarif"] is sarif.render
    assert FORMATS["gitlab"] is gitlab.render


# SARIF


def test_the_sarif_schema_is_the_oasis_file_plus_its_root_ref() -> None:
    text = SARIF_SCHEMA.read_text(encoding="utf-8")
    for line in SARIF_ADDED_LINES:
        assert text.count(line) == 1
        text = text.replace(line, "")
    assert hashlib.sha256(text.encode("utf-8")).hexdigest() == SARIF_SOURCE_SHA256
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert schema["$ref"] == "#/definitions/Root"


def test_the_sarif_schema_has_only_local_refs() -> None:
    """Nothing to fetch: every $ref points into the file (the validator also refuses to fetch)."""
    refs = set(re.findall(r'"\$ref":\s*"([^"]*)"', SARIF_SCHEMA.read_text(encoding="utf-8")))
    definitions = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))["definitions"]
    assert len(refs) > 40
    assert {ref for ref in refs if ref.removeprefix("#/definitions/") not in definitions} == set()


def test_the_sarif_schema_rejects_a_broken_log() -> None:
    """The schema constrains the log from its root down (a log that validates nothing would let
    every SARIF test pass)."""
    broken = {
        "version": "2.0",
        "extra": 1,
        "runs": [
            {
                "tool": {"driver": {"version": "1"}},
                "results": [
                    {
                        "ruleId": "x",
                        "level": "fatal",
                        "message": {"text": "m"},
                        "locations": [{"physicalLocation": {"region": {"startLine": 0}}}],
                    }
                ],
            }
        ],
    }
    assert _schema_errors(SARIF_SCHEMA, broken) == [
        ": Additional properties are not allowed ('extra' was unexpected)",
        "runs/0/results/0/level: 'fatal' is not one of ['none', 'note', 'warning', 'error']",
        "runs/0/results/0/locations/0/physicalLocation/region/startLine: 0 is less than the"
        " minimum of 1",
        "runs/0/tool/driver: 'name' is a required property",
        "version: '2.0' is not one of ['2.1.0']",
    ]
    assert _schema_errors(SARIF_SCHEMA, {}) == [
        ": 'runs' is a required property",
        ": 'version' is a required property",
    ]


def test_a_remote_ref_is_never_fetched(tmp_path: Path) -> None:
    schema = tmp_path / "remote.json"
    schema.write_text(json.dumps({"$ref": "https://example.com/sarif.json"}), encoding="utf-8")
    remote = re.escape("https://example.com/sarif.json")
    with pytest.raises(referencing.exceptions.Unresolvable, match=remote):
        _schema_errors(schema, {})


def test_sarif_of_the_example_spec_is_valid(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    report = apilint.lint_file("examples/bookstore.yaml")
    assert report.findings
    document = assert_sarif(report)
    driver = document["runs"][0]["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("apilint", __version__)
    assert len(driver["rules"]) == len(report.rules)  # every rule that ran, none else
    levels = {r["ruleId"]: r["level"] for r in document["runs"][0]["results"]}
    assert levels["operation-responses"] == "warning"
    reference = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    for entry in driver["rules"]:  # each rule's help is its section of the rule reference
        assert entry["helpUri"].endswith(f"/docs/rules.md#{entry['id']}")
        assert f"\n## {entry['id']}\n" in reference
    assert levels["operation-description"] == "note"


def test_sarif_locates_findings_in_referenced_files(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    report = apilint.lint_file(CHAIN, CAMEL)
    document = assert_sarif(report)
    by_uri: dict[str, list[tuple[int, str]]] = {}
    for result in document["runs"][0]["results"]:
        physical = result["locations"][0]["physicalLocation"]
        assert physical["artifactLocation"]["uriBaseId"] == "SRCROOT"
        line = physical["region"]["startLine"]
        by_uri.setdefault(physical["artifactLocation"]["uri"], []).append((line, result["ruleId"]))
    folder = "tests/fixtures/refs/chain"
    assert by_uri[f"{folder}/components/pet%20food.json"] == [(4, "property-casing")]
    assert by_uri[f"{folder}/components/pet.yaml"] == [(4, "property-casing")]
    assert by_uri[f"{folder}/components/deeper/owner.json"] == [(5, "property-casing")]
    assert by_uri[f"{folder}/shared/address.yaml"] == [(3, "property-casing")]
    assert f"{folder}/openapi.yaml" in by_uri


@pytest.mark.parametrize(
    ("rule_id", "fixture"),
    BAD_FIXTURES,
    ids=[f"{rule_id}/{case.name}" for rule_id, case in BAD_FIXTURES],
)
def test_sarif_of_every_bad_rule_fixture_is_valid(
    rule_id: str, fixture: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    relative = fixture_root(fixture).relative_to(ROOT)
    report = lint_with_rule(rule_id, relative, fixture_options(fixture))
    assert report.findings and not report.errors
    assert_sarif(report)


def test_sarif_reports_load_errors_and_crashed_rules(
    project: Path, write: Callable[[str, str], Path]
) -> None:
    write("crash.py", CRASHING_PLUGIN_SOURCE)
    write(".apilint.yaml", "plugins: [crash.py]\n")
    write("api.yaml", DIRTY_SPEC)
    write("broken.yaml", "openapi: 3.0.3\ninfo: [\n")
    report = apilint.lint_paths(["api.yaml", "broken.yaml", "missing.yaml"])
    assert len(report.errors) == 2
    document = assert_sarif(report)
    run = document["runs"][0]
    notifications = run["invocations"][0]["toolExecutionNotifications"]
    assert [n["level"] for n in notifications] == ["error", "error"]
    places = [n["locations"][0]["physicalLocation"] for n in notifications]
    assert [p["artifactLocation"]["uri"] for p in places] == ["broken.yaml", "missing.yaml"]
    assert places[0]["region"]["startLine"] == report.errors[0].line
    assert "region" not in places[1]  # no line known
    rules = {rule["id"]: rule for rule in run["tool"]["driver"]["rules"]}
    assert rules["rule-error"]["defaultConfiguration"] == {"level": "error"}
    assert run["results"][0]["ruleId"] == "rule-error"


def test_sarif_of_a_diff_points_at_the_old_place(
    project: Path, write: Callable[[str, str], Path]
) -> None:
    old = DIRTY_SPEC.replace("      operationId: get_user\n", "")
    write(
        "old.yaml", old + "  /gone:\n    get:\n      responses:\n        '200': {description: ok}\n"
    )
    write("new.yaml", DIRTY_SPEC)
    diff = apilint.diff("old.yaml", "new.yaml")
    report = diff.to_report()
    assert report.findings and all(f.previous is not None for f in report.findings)
    document = assert_sarif(report)
    run = document["runs"][0]
    for result, finding in zip(run["results"], report.findings, strict=True):
        (related,) = result["relatedLocations"]
        assert related["physicalLocation"]["artifactLocation"]["uri"] == "old.yaml"
        assert related["physicalLocation"]["region"]["startLine"] == finding.previous.line
    for rule in run["tool"]["driver"]["rules"]:  # change kinds: minimal entries
        assert rule["helpUri"] == sarif.README_URL + "#breaking-changes-apilint-diff"


def test_sarif_uris() -> None:
    assert sarif.artifact_location("api/pet food.yaml") == {
        "uri": "api/pet%20food.yaml",
        "uriBaseId": "SRCROOT",
    }
    # a git revision: the colon must not read as a URI scheme
    assert sarif.artifact_location("main:api/openapi.yaml")["uri"] == "main%3Aapi/openapi.yaml"
    assert sarif.artifact_location("https://x.example/a.yaml") == {
        "uri": "https://x.example/a.yaml"
    }
    absolute = os.path.abspath("spec.yaml")
    assert sarif.artifact_location(absolute) == {"uri": Path(absolute).as_uri()}


def test_sarif_fingerprints_survive_a_path_inserted_above(
    project: Path, write: Callable[[str, str], Path]
) -> None:
    config = {"extends": ["recommended"]}
    write("api.yaml", DIRTY_SPEC)
    before = assert_sarif(apilint.lint_file("api.yaml", config))["runs"][0]["results"]
    inserted = (  # public, so that the spec's one unprotected operation stays one finding
        "paths:\n  /pets:\n    get:\n      security: []\n"
        "      responses:\n        '200': {description: ok}\n"
    )
    write("api.yaml", DIRTY_SPEC.replace("paths:\n", inserted))
    after = assert_sarif(apilint.lint_file("api.yaml", config))["runs"][0]["results"]

    def keyed(results: list[dict[str, Any]]) -> dict[tuple[str, str], tuple[str, int]]:
        found = {}
        for r in results:
            key = (r["ruleId"], r["message"]["text"])
            found[key] = (r["partialFingerprints"]["apilint/v1"], _line(r))
        return found

    old, new = keyed(before), keyed(after)
    assert len(old) == len(before)  # (rule, message) tells the old findings apart
    moved = 0
    for key, (fingerprint, line) in old.items():
        assert key in new, key
        assert new[key][0] == fingerprint, key
        moved += new[key][1] != line
    assert moved >= 5  # the findings under the old path are on other lines now
    assert len(after) > len(before)  # and the new path has findings of its own
    old_prints = {fingerprint for fingerprint, _ in old.values()}
    assert all(new[key][0] not in old_prints for key in new.keys() - old.keys())


def _line(result: dict[str, Any]) -> int:
    return result["locations"][0]["physicalLocation"]["region"]["startLine"]


# GitLab Code Quality


def test_gitlab_of_the_example_and_of_a_multi_file_spec_is_valid(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(ROOT)
    report = apilint.lint_file("examples/bookstore.yaml")
    issues = assert_gitlab(report)
    for issue, finding in zip(issues, report.findings, strict=True):
        assert issue["fingerprint"] == finding.identity.digest
        assert issue["location"] == {"path": finding.file, "lines": {"begin": finding.line}}
    paths = {issue["location"]["path"] for issue in assert_gitlab(apilint.lint_file(CHAIN, CAMEL))}
    assert "tests/fixtures/refs/chain/components/pet food.json" in paths


def test_gitlab_severities_and_load_errors(
    project: Path, write: Callable[[str, str], Path]
) -> None:
    write("api.yaml", DIRTY_SPEC)
    write("broken.yaml", "openapi: 3.0.3\ninfo: [\n")
    report = apilint.lint_paths(["api.yaml", "broken.yaml"], config={"extends": ["recommended"]})
    issues = assert_gitlab(report)
    assert issues[0]["check_name"] == "load-error"
    assert issues[0]["severity"] == "major"
    assert issues[0]["location"]["path"] == "broken.yaml"
    severity = {i["check_name"]: i["severity"] for i in issues[1:]}
    assert severity["operation-security"] == "major"  # error
    assert severity["info-contact"] == "minor"  # warn
    assert severity["operation-description"] == "info"  # info


def test_gitlab_fingerprints_are_unique_even_when_identities_repeat() -> None:
    same = Identity("api.yaml", "/paths", "f" * 32)
    findings = [
        Finding(
            file="api.yaml",
            line=line,
            column=1,
            rule="a-rule",
            message=f"found {line}",
            pointer="/paths",
            severity=Severity.WARN,
            identity=same,
        )
        for line in (3, 4)
    ]
    report = Report.build(findings)
    prints = [issue["fingerprint"] for issue in assert_gitlab(report)]
    assert prints[0] == "f" * 32
    assert prints[1] != prints[0]
    assert [i["fingerprint"] for i in gitlab.gitlab_issues(report)] == prints  # stable


# Golden output


def _golden(name: str, output: str) -> str:
    path = GOLDEN / name
    if os.environ.get("APILINT_UPDATE_GOLDEN"):
        path.write_text(output, encoding="utf-8", newline="\n")
    return path.read_text(encoding="utf-8")


def test_sarif_golden(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    output = sarif.render(apilint.lint_file("examples/bookstore.yaml", config=GOLDEN_CONFIG))
    document = json.loads(output)
    assert document["runs"][0]["tool"]["driver"]["version"] == __version__
    written = f'"version": "{__version__}"'
    assert output.count(written) == 1  # the driver's version, the only value the mark stands for
    marked = output.replace(written, f'"version": "{VERSION_MARK}"')
    expected = _golden("bookstore.sarif", marked).replace(VERSION_MARK, __version__)
    assert output == expected


def test_gitlab_golden(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    output = gitlab.render(apilint.lint_file("examples/bookstore.yaml", config=GOLDEN_CONFIG))
    assert output == _golden("bookstore.gitlab.json", output)


def test_anchors_are_the_same_when_few_walks_are_remembered(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = {
        "paths": {
            f"/p{n}": {"get": {"parameters": [{"name": f"q{n}", "in": "query"}]}} for n in range(50)
        }
    }
    pointers = [f"/paths/~1p{n}/get/parameters/0/schema" for n in range(50)] * 2
    expected = [fingerprints.anchor(data, p) for p in pointers]
    monkeypatch.setattr(fingerprints, "_REMEMBERED", 4)
    cache: dict[str, str] = {}
    assert [fingerprints.anchor(data, p, cache) for p in pointers] == expected
    assert len(cache) <= 4 and expected[0] == "/paths/~1p0/get/parameters/[q0@query]/schema"
