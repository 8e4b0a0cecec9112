"""Hostile or broken input: one clear error per file, exit code 2, never a traceback or a hang."""

from __future__ import annotations

import codecs
import json
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

import apilint
from apilint.cli import main
from apilint.lint.findings import LoadProblem
from apilint.source.loader import LoadError, load_file, parse_text

FIXTURES = Path(__file__).parent / "fixtures" / "bad-input"
HEAD = "openapi: 3.0.3\ninfo: {title: t, version: 1.0.0}\npaths: {}\n"

#: name -> (content: a fixture file name or the bytes to write, the one error line expected)
BAD: dict[str, tuple[str | bytes, str]] = {
    "malformed.yaml": (
        "malformed.yaml",
        "malformed.yaml:9:6: invalid YAML: did not find expected key",
    ),
    "malformed.json": (
        "malformed.json",
        "malformed.json:5:46: invalid JSON: Expecting property name enclosed in double quotes",
    ),
    "json-named-yaml.json": (
        b"openapi: 3.0.3\n",
        "json-named-yaml.json:1:1: invalid JSON: Expecting value",
    ),
    "empty.yaml": ("empty.yaml", "empty.yaml: empty file (no YAML or JSON document)"),
    "whitespace.yaml": (
        "whitespace.yaml",
        "whitespace.yaml: empty file (no YAML or JSON document)",
    ),
    "empty.json": (b"", "empty.json: empty file (no YAML or JSON document)"),
    "binary.yaml": (
        b"openapi: 3.0.3\n\x00\x01\x02\xff\xfe",
        "binary.yaml: binary file (contains NUL bytes), not a YAML or JSON spec",
    ),
    "latin1.yaml": (
        "openapi: 3.0.3\ninfo:\n  title: Café\n".encode("latin-1"),
        "latin1.yaml:3:13: not UTF-8 text (byte 0xe9 cannot be decoded)",
    ),
    "truncated-utf16.yaml": (
        codecs.BOM_UTF16_LE + "openapi: 3.0.3\n".encode("utf-16-le") + b"o",
        "truncated-utf16.yaml: not valid utf-16-le text: truncated data",
    ),
    "alias-bomb.yaml": (
        "alias-bomb.yaml",
        "alias-bomb.yaml: YAML aliases expand to more than 2,000,000 nodes; refusing an alias bomb",
    ),
    "recursive-alias.yaml": (
        "recursive-alias.yaml",
        "recursive-alias.yaml:4:9: recursive YAML alias (a node contains itself)",
    ),
    "two-documents.yaml": (
        "two-documents.yaml",
        "two-documents.yaml:4:1: invalid YAML: more than one YAML document in the file",
    ),
    "list-root.yaml": (
        "list-root.yaml",
        "list-root.yaml: not an OpenAPI document: the top level is a list, not a mapping",
    ),
    "scalar-root.yaml": (
        b"just a sentence\n",
        "scalar-root.yaml: not an OpenAPI document: the top level is a str value, not a mapping",
    ),
    "not-openapi.yaml": (
        "not-openapi.yaml",
        "not-openapi.yaml: not an OpenAPI document: no 'openapi' or 'swagger' key at the top level",
    ),
    "openapi-4.yaml": (
        "openapi-4.yaml",
        "openapi-4.yaml: unsupported OpenAPI version '4.0.0'"
        " (apilint reads 2.0, 3.0.x, 3.1.x and 3.2.x)",
    ),
    "swagger-1.2.yaml": (
        b'swagger: "1.2"\n',
        "swagger-1.2.yaml: unsupported Swagger version '1.2' (apilint reads 2.0)",
    ),
    "deep.json": (b"[" * 5000, "deep.json: document nests too deeply to be read"),
    "deep-flow.yaml": (
        b"[" * 5000 + b"]" * 5000,
        "deep-flow.yaml: document nests too deeply to be read",
    ),
    "deep-object.json": (
        b'{"openapi": "3.0.3", "x": ' + b'{"a": ' * 5000 + b"1" + b"}" * 5001,
        "deep-object.json: document nests too deeply to be read",
    ),
}


#: path-segment-casing with a configured style (without one, a spec is judged by its own)
KEBAB = {"severity": "warn", "options": {"style": "kebab"}}
KEBAB_CONFIG = (
    "extends: []\nrules:\n  path-segment-casing: {severity: warn, options: {style: kebab}}\n"
)


def _write(folder: Path, name: str, content: str | bytes) -> Path:
    target = folder / name
    if isinstance(content, bytes):
        target.write_bytes(content)
    else:
        shutil.copyfile(FIXTURES / content, target)
    return target


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    """Run ``apilint lint ARGS`` in-process, in tmp_path."""
    monkeypatch.chdir(tmp_path)

    def run(*args: str) -> Result:
        return CliRunner().invoke(main, ["lint", *args])

    return run


def _assert_clean_failure(result: Result, name: str, expected_line: str) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert result.stderr == ""
    assert [line for line in result.stdout.splitlines() if name in line] == [expected_line]
    assert result.stdout.endswith("; 1 file could not be linted\n")


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_file_is_one_clear_error_from_the_cli(
    name: str, tmp_path: Path, cli: Callable[..., Result]
) -> None:
    content, expected = BAD[name]
    _write(tmp_path, name, content)
    _assert_clean_failure(cli(name), name, expected)


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_file_is_one_report_error_from_the_api(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    content, expected = BAD[name]
    _write(tmp_path, name, content)
    report = apilint.lint_file(name)
    assert report.findings == ()
    assert report.exit_code() == 2
    assert len(report.errors) == 1
    assert str(report.errors[0]) == expected
    assert report.errors[0].file == name


def test_malformed_yaml_load_error_has_line_and_column() -> None:
    with pytest.raises(LoadError) as caught:
        load_file(FIXTURES / "malformed.yaml")
    assert (caught.value.line, caught.value.column) == (9, 6)
    assert str(caught.value) == "invalid YAML: did not find expected key"


def test_malformed_json_load_error_has_line_and_column() -> None:
    with pytest.raises(LoadError) as caught:
        load_file(FIXTURES / "malformed.json")
    assert (caught.value.line, caught.value.column) == (5, 46)
    assert str(caught.value) == "invalid JSON: Expecting property name enclosed in double quotes"


def test_real_process_prints_no_traceback(tmp_path: Path) -> None:
    names = ("binary.yaml", "malformed.yaml", "alias-bomb.yaml", "recursive-alias.yaml")
    for name in ("malformed.yaml", "alias-bomb.yaml", "recursive-alias.yaml"):
        _write(tmp_path, name, name)
    _write(tmp_path, "binary.yaml", b"\x00\x01")
    result = subprocess.run(
        [sys.executable, "-m", "apilint.cli", "lint", *names],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert result.stderr == ""
    assert result.stdout.splitlines()[:4] == [
        "alias-bomb.yaml: YAML aliases expand to more than 2,000,000 nodes; refusing an alias bomb",
        "binary.yaml: binary file (contains NUL bytes), not a YAML or JSON spec",
        "malformed.yaml:9:6: invalid YAML: did not find expected key",
        "recursive-alias.yaml:4:9: recursive YAML alias (a node contains itself)",
    ]
    assert result.stdout.splitlines()[-1].endswith("; 4 files could not be linted")


def test_deep_block_yaml_is_a_clean_error(tmp_path: Path, cli: Callable[..., Result]) -> None:
    lines = [f"{'  ' * depth}k{depth}:" for depth in range(3000)]
    (tmp_path / "deep.yaml").write_text(HEAD + "x-deep:\n" + "\n".join("  " + li for li in lines))
    result = cli("deep.yaml")
    assert result.exit_code == 2
    assert result.exception is None or isinstance(result.exception, SystemExit)
    errors = [line for line in result.stdout.splitlines() if line.startswith("deep.yaml")]
    assert len(errors) == 1
    assert "nests too deeply" in errors[0] or "exceeded maximum nesting depth" in errors[0]


def test_alias_bomb_is_refused_by_the_loader() -> None:
    with pytest.raises(LoadError, match="refusing an alias bomb"):
        load_file(FIXTURES / "alias-bomb.yaml")


def test_alias_bomb_of_mappings_is_refused() -> None:
    lines = [HEAD, "x-0: &m0 {a: lol, b: lol}"]
    lines += [f"x-{i}: &m{i} {{a: *m{i - 1}, b: *m{i - 1}}}" for i in range(1, 40)]
    with pytest.raises(LoadError, match="refusing an alias bomb"):
        parse_text("\n".join(lines) + "\n", Path("spec.yaml"))


def test_alias_bomb_through_merge_keys_is_refused() -> None:
    lines = [HEAD, "x-0: &m0 {a: lol, b: lol}"]
    lines += [
        f"x-{i}: &m{i} {{<<: *m{i - 1}, k{i}: *m{i - 1}, j{i}: *m{i - 1}}}" for i in range(1, 40)
    ]
    with pytest.raises(LoadError, match="refusing an alias bomb"):
        parse_text("\n".join(lines) + "\n", Path("spec.yaml"))


def test_modest_alias_reuse_is_fine() -> None:
    text = HEAD + "x-a: &a [1, 2, 3]\nx-b: [*a, *a, *a]\nx-c: {<<: {k: v}, j: *a}\n"
    data = parse_text(text, Path("spec.yaml")).data
    assert data["x-b"] == [[1, 2, 3]] * 3
    assert data["x-c"] == {"k": "v", "j": [1, 2, 3]}


def test_recursive_merge_is_refused() -> None:
    with pytest.raises(LoadError) as caught:
        parse_text("a: &a\n  <<: *a\n", Path("spec.yaml"))
    assert caught.value.message == "recursive YAML alias (a node contains itself)"


@pytest.mark.parametrize(
    ("name", "raw"),
    [
        ("bom.yaml", codecs.BOM_UTF8 + HEAD.encode()),
        ("bom.json", codecs.BOM_UTF8 + b'{"openapi": "3.0.3", "info": {}, "paths": {}}'),
        ("utf16.yaml", HEAD.encode("utf-16")),  # with its byte-order mark
        ("utf16-be.yaml", codecs.BOM_UTF16_BE + HEAD.encode("utf-16-be")),
    ],
)
def test_byte_order_marks_load_fine(name: str, raw: bytes, tmp_path: Path) -> None:
    (tmp_path / name).write_bytes(raw)
    config = {"extends": [], "rules": {"oas-schema": "error"}}
    report = apilint.lint_file(tmp_path / name, config=config)
    assert report.errors == ()
    assert len(report.files) == 1
    if name.endswith(".yaml"):
        assert report.findings == ()


def test_one_bad_file_does_not_stop_the_others(tmp_path: Path, cli: Callable[..., Result]) -> None:
    (tmp_path / ".apilint.yaml").write_text(KEBAB_CONFIG)
    _write(tmp_path, "a-good.yaml", "good.yaml")
    _write(tmp_path, "b-bad.yaml", "malformed.yaml")
    _write(tmp_path, "c-good.yaml", "good.yaml")
    result = cli("a-good.yaml", "b-bad.yaml", "c-good.yaml")
    assert result.exit_code == 2
    assert result.stderr == ""
    out = result.stdout.splitlines()
    assert "b-bad.yaml:9:6: invalid YAML: did not find expected key" in out
    finding = "  warn   path-segment-casing  path segment 'user_accounts' is not kebab-case"
    assert [line[: len(finding) + 15] for line in out if "path-segment-casing" in line] == [
        "a-good.yaml:8:3" + finding,
        "c-good.yaml:8:3" + finding,
    ]
    assert out[-1] == (
        "2 problems (0 errors, 2 warnings, 0 infos, 0 hints) in 2 files; 1 file could not be linted"
    )


def test_one_bad_file_in_a_folder_does_not_stop_the_others(tmp_path: Path) -> None:
    folder = tmp_path / "specs"
    folder.mkdir()
    _write(folder, "good.yaml", "good.yaml")
    _write(folder, "openapi-4.yaml", "openapi-4.yaml")
    (folder / "broken.yaml").write_text("openapi: 3.0.3\ninfo: [\n")
    report = apilint.lint_paths(
        [folder], config={"extends": [], "rules": {"path-segment-casing": KEBAB}}
    )
    assert report.exit_code() == 2
    assert sorted(os.path.basename(e.file) for e in report.errors) == [
        "broken.yaml",
        "openapi-4.yaml",
    ]
    assert [(os.path.basename(f.file), f.line, f.rule) for f in report.findings] == [
        ("good.yaml", 8, "path-segment-casing")
    ]


# -- size limit ------------------------------------------------------------------------------


def _big_spec(path: Path, size: int) -> None:
    path.write_text(HEAD + 'x-pad: "' + "a" * size + '"\n')


def test_file_over_the_configured_size_limit_is_refused(
    tmp_path: Path, cli: Callable[..., Result]
) -> None:
    (tmp_path / ".apilint.yaml").write_text("max-file-size: 0.001\n" + KEBAB_CONFIG)
    _big_spec(tmp_path / "big.yaml", 2000)
    _write(tmp_path, "good.yaml", "good.yaml")
    result = cli("big.yaml", "good.yaml")
    assert result.exit_code == 2
    assert result.stderr == ""
    errors = [line for line in result.stdout.splitlines() if line.startswith("big.yaml")]
    assert len(errors) == 1
    assert errors[0].startswith("big.yaml: file is ")
    assert "max-file-size" in errors[0]
    assert "good.yaml:8:3  warn   path-segment-casing" in result.stdout


def test_file_under_the_size_limit_loads(tmp_path: Path) -> None:
    (tmp_path / ".apilint.yaml").write_text("max-file-size: 0.01\nextends: []\n")
    _big_spec(tmp_path / "spec.yaml", 2000)
    assert apilint.lint_file(tmp_path / "spec.yaml").errors == ()


def test_referenced_file_over_the_size_limit_is_unresolved(tmp_path: Path) -> None:
    (tmp_path / ".apilint.yaml").write_text(
        "max-file-size: 0.001\nextends: []\nrules:\n  ref-unresolved: error\n"
    )
    (tmp_path / "big.yaml").write_text("Pet:\n  description: " + "a" * 2000 + "\n")
    (tmp_path / "spec.yaml").write_text(
        HEAD + "components:\n  schemas:\n    Pet: {$ref: 'big.yaml#/Pet'}\n"
    )
    report = apilint.lint_file(tmp_path / "spec.yaml")
    assert [(f.rule, f.line, f.pointer) for f in report.findings] == [
        ("ref-unresolved", 6, "/components/schemas/Pet/$ref")
    ]
    assert "max-file-size" in report.findings[0].message


def test_size_limit_message_names_the_configured_limit(tmp_path: Path) -> None:
    (tmp_path / ".apilint.yaml").write_text("max-file-size: 1.5\nextends: []\n")
    _big_spec(tmp_path / "big.yaml", int(1.6 * 1024 * 1024))
    report = apilint.lint_file(tmp_path / "big.yaml")
    assert len(report.errors) == 1
    assert "1.5 MB" in report.errors[0].message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_size_limit_holds_for_a_pipe(tmp_path: Path) -> None:
    (tmp_path / ".apilint.yaml").write_text("max-file-size: 0.001\nextends: []\n")
    pipe = tmp_path / "spec.yaml"
    os.mkfifo(pipe)
    payload = (HEAD + 'x-pad: "' + "a" * 4000 + '"\n').encode()

    def feed() -> None:
        try:
            with open(pipe, "wb") as handle:
                handle.write(payload)
        except OSError:
            pass

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    try:
        report = apilint.lint_file(pipe)
    finally:
        # unblock the writer if the pipe was never opened for reading
        os.close(os.open(pipe, os.O_RDONLY | os.O_NONBLOCK))
        writer.join(timeout=5)
    assert len(report.errors) == 1
    assert report.findings == ()


# -- known defects ---------------------------------------------------------------------------


def test_control_character_is_a_one_line_error_with_position(
    tmp_path: Path, cli: Callable[..., Result]
) -> None:
    (tmp_path / "ctl.yaml").write_bytes(b"openapi: 3.0.3\nx: a\x01b\n")
    with pytest.raises(LoadError) as caught:
        load_file(tmp_path / "ctl.yaml")
    assert "\n" not in caught.value.message
    assert (caught.value.line, caught.value.column) == (2, 5)
    result = cli("ctl.yaml")
    assert result.exit_code == 2
    assert result.stdout.startswith("ctl.yaml:2:5: invalid YAML: ")
    assert len([line for line in result.stdout.splitlines() if line.strip()]) == 2


def test_explicit_int_tag_on_text_is_no_traceback(
    tmp_path: Path, cli: Callable[..., Result]
) -> None:
    (tmp_path / "tag.yaml").write_text(HEAD + 'x-a: !!int "abc"\n')
    result = cli("tag.yaml")
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.exit_code in (0, 2)


def test_load_problem_is_one_line_with_position() -> None:
    assert str(LoadProblem("a.yaml", "bad", 3, 4)) == "a.yaml:3:4: bad"
    assert str(LoadProblem("a.yaml", "bad")) == "a.yaml: bad"


# -- size and shape at the extremes (issue 10) -------------------------------------------------


def test_nesting_a_hundred_thousand_deep_is_a_clean_error(
    tmp_path: Path, cli: Callable[..., Result]
) -> None:
    depth = 100_000
    (tmp_path / "deep.json").write_text(
        '{"openapi": "3.0.3", "x": ' + "[" * depth + "]" * depth + "}"
    )
    (tmp_path / "deep.yaml").write_text(HEAD + "x-deep: " + "[" * depth + "]" * depth + "\n")
    result = cli("deep.json", "deep.yaml")
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.exit_code == 2
    errors = result.stdout.splitlines()[:2]
    assert errors[0] == "deep.json: document nests too deeply to be read"
    assert errors[1].startswith("deep.yaml:") and "nest" in errors[1]


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_a_ten_megabyte_line_lints(suffix: str, tmp_path: Path, cli: Callable[..., Result]) -> None:
    """One line of 10 MB: a YAML scalar, or a whole minified JSON spec of many paths."""
    if suffix == ".yaml":
        text = (
            HEAD.replace("paths: {}", "paths:\n  /BadPath: {}")
            + 'x-pad: "'
            + "a" * 10_000_000
            + '"\n'
        )
    else:
        paths = {
            f"/items{n}": {"get": {"responses": {"200": {"description": "ok"}}}}
            for n in range(160_000)
        }
        paths["/BadPath"] = {}
        text = json.dumps(
            {"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": paths},
            separators=(",", ":"),
        )
        assert "\n" not in text and len(text) > 10_000_000
    (tmp_path / f"one-line{suffix}").write_text(text)
    (tmp_path / ".apilint.yaml").write_text(KEBAB_CONFIG)
    result = cli(f"one-line{suffix}", "--format", "json", "--no-cache")
    assert result.exit_code == 0, result.output
    findings = json.loads(result.stdout)["findings"]
    assert [(f["rule"], f["pointer"]) for f in findings] == [
        ("path-segment-casing", "/paths/~1BadPath")
    ]
    line, column = findings[0]["line"], findings[0]["column"]
    assert (line, column) == ((4, 3) if suffix == ".yaml" else (1, text.index('"/BadPath"') + 1))


def test_a_hundred_megabyte_file_is_refused_with_the_limit_named(
    tmp_path: Path, cli: Callable[..., Result]
) -> None:
    with (tmp_path / "huge.yaml").open("w") as handle:
        handle.write(HEAD + "x-pad:\n")
        line = "  - " + "a" * 1000 + "\n"
        for _ in range(100 * 1024):
            handle.write(line)
    assert (tmp_path / "huge.yaml").stat().st_size > 100_000_000
    result = cli("huge.yaml")
    assert result.exit_code == 2
    assert result.stdout.splitlines()[0] == (
        "huge.yaml: file is over the 64 MB limit (98.1 MB) (raise max-file-size in the config)"
    )


def test_an_array_of_a_million_items_lints(tmp_path: Path, cli: Callable[..., Result]) -> None:
    spec: dict[str, Any] = {
        "openapi": "3.0.3",
        "info": {"title": "t", "version": "1.0.0"},
        "paths": {},
    }
    spec["components"] = {"schemas": {"Code": {"type": "integer", "enum": list(range(1_000_000))}}}
    (tmp_path / "million.json").write_text(json.dumps(spec))
    result = cli("million.json", "--no-cache", "--format", "json")
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.exit_code in (0, 1)
    assert json.loads(result.stdout)["summary"]["load_errors"] == 0


def test_nothing_in_the_spec_folder_is_imported(tmp_path: Path) -> None:
    """Python files beside a spec (named like apilint's own imports, a plugin or a conftest) are
    never imported or run; only the plugins a config names are loaded."""
    marker = tmp_path / "imported.txt"
    trap = f"import pathlib\npathlib.Path({str(marker)!r}).write_text(__name__)\n"
    for name in (
        "yaml",
        "json",
        "click",
        "jsonschema",
        "conftest",
        "apilint_rules",
        "rules",
        "plugin",
    ):
        (tmp_path / f"{name}.py").write_text(trap)
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "__init__.py").write_text(trap)
    (tmp_path / "spec.yaml").write_text(HEAD)
    apilint_script = Path(sys.executable).parent / "apilint"
    command = (
        [str(apilint_script)]
        if apilint_script.exists()
        else [sys.executable, "-I", "-m", "apilint.cli"]
    )
    for config in ("", "plugins: [plugin_named_nowhere_here]\n"):
        (tmp_path / ".apilint.yaml").write_text(config or "extends: [recommended]\n")
        result = subprocess.run(
            [*command, "lint", "--no-cache", "spec.yaml"],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=120,
            env={**os.environ, "PYTHONPATH": ""},
        )
        assert "Traceback" not in result.stderr
        assert not marker.exists(), marker.read_text()
    assert "cannot load rule plugin 'plugin_named_nowhere_here'" in result.stdout + result.stderr
