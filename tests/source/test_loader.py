"""Reading spec files into plain data: YAML 1.2 core scalars, merge keys, tags, duplicates."""

from __future__ import annotations

import json
import math
import os
from pathlib import Path
from typing import Any

import pytest

import apilint
from apilint.source.loader import LoadError, load_file, parse_text
from apilint.source.locations import DuplicateKey

DUPLICATES_ONLY = {"extends": [], "rules": {"duplicate-key": "error"}}
HEAD = "openapi: 3.0.3\ninfo: {title: t, version: 1.0.0}\npaths: {}\n"


def _yaml(text: str) -> Any:
    return parse_text(text, Path("spec.yaml")).data


# -- scalars: YAML 1.2 core schema ---------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("on", "on"),
        ("off", "off"),
        ("yes", "yes"),
        ("no", "no"),
        ("Y", "Y"),
        ("2020-01-01", "2020-01-01"),
        ("2001-12-14t21:59:43.10-05:00", "2001-12-14t21:59:43.10-05:00"),
        ("12:30:00", "12:30:00"),  # no base 60
        ("1_000", "1_000"),
        ("0b101", "0b101"),
        ("1.0.0", "1.0.0"),
        ("true", True),
        ("True", True),
        ("false", False),
        ("FALSE", False),
        ("null", None),
        ("~", None),
        ("", None),
        ("42", 42),
        ("-7", -7),
        ("+12", 12),
        ("010", 10),  # not octal in YAML 1.2
        ("0x1F", 31),
        ("0o17", 15),
        ("1.5", 1.5),
        ("1e3", 1000.0),
        ("-.5", -0.5),
        (".inf", math.inf),
        ("+.Inf", math.inf),
        ("-.INF", -math.inf),
        ('"true"', "true"),
        ("'42'", "42"),
    ],
)
def test_scalars_follow_the_yaml_1_2_core_schema(written: str, value: Any) -> None:
    data = _yaml(f"v: {written}\n")
    assert data == {"v": value}
    assert type(data["v"]) is type(value)


@pytest.mark.parametrize("written", [".nan", ".NaN", ".NAN"])
def test_nan(written: str) -> None:
    value = _yaml(f"v: {written}\n")["v"]
    assert isinstance(value, float) and math.isnan(value)


@pytest.mark.parametrize(
    ("written", "key"),
    [("200", "200"), ('"200"', "200"), ("true", "true"), ("null", "null"), ("1.5", "1.5")],
)
def test_mapping_keys_are_the_text_written(written: str, key: str) -> None:
    assert _yaml(f"{written}: x\n") == {key: "x"}


def test_response_codes_are_string_keys() -> None:
    data = _yaml("responses:\n  200: {description: ok}\n  '404': {description: no}\n")
    assert list(data["responses"]) == ["200", "404"]


# -- merge keys ----------------------------------------------------------------------------


def test_merge_key_copies_entries_and_local_keys_win() -> None:
    data = _yaml("base: &b {x: 1, y: 2}\nd:\n  <<: *b\n  y: 3\n")
    assert data == {"base": {"x": 1, "y": 2}, "d": {"x": 1, "y": 3}}
    assert "<<" not in data["d"]


def test_merge_key_with_a_list_earlier_source_wins() -> None:
    data = _yaml("a: &a {k: a, only_a: 1}\nb: &b {k: b, only_b: 2}\nc:\n  <<: [*a, *b]\n")
    assert data["c"] == {"k": "a", "only_a": 1, "only_b": 2}


def test_merge_key_of_a_scalar_is_a_load_error() -> None:
    with pytest.raises(LoadError) as caught:
        _yaml("a: 1\nb:\n  <<: 5\n")
    assert caught.value.message == "merge key '<<' needs a mapping"
    assert (caught.value.line, caught.value.column) == (3, 7)


def test_anchor_and_alias_give_equal_values() -> None:
    data = _yaml("a: &s {type: string}\nb: *s\n")
    assert data["a"] == data["b"] == {"type": "string"}


# -- tags are never constructed ------------------------------------------------------------


def test_python_tags_are_read_as_plain_data_and_never_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    marker = tmp_path / "X"
    spec = tmp_path / "spec.yaml"
    spec.write_text(
        HEAD
        + f'x-a: !!python/object/apply:os.system ["touch {marker}"]\n'
        + "x-b: !!python/object/apply:os.system\n  args: ['touch X']\n"
        + "x-c: !!python/name:os.system\n"
        + "x-d: !!python/object/new:str ['s']\n"
        + "x-e: !custom {k: v}\n"
    )
    data = load_file(spec).data
    assert data["x-a"] == [f"touch {marker}"]
    assert data["x-b"] == {"args": ["touch X"]}
    assert data["x-c"] == ""
    assert data["x-d"] == ["s"]
    assert data["x-e"] == {"k": "v"}
    report = apilint.lint_file(spec, config={"extends": ["strict"]})
    assert report.errors == ()
    assert not marker.exists()
    assert not (tmp_path / "X").exists()


def test_explicit_str_tag_keeps_text() -> None:
    assert _yaml("v: !!str 123\n") == {"v": "123"}


@pytest.mark.parametrize("written", ['!!int "abc"', "!!int 0x", "!!int 0b11", "!!float nope"])
def test_explicit_numeric_tag_on_non_number_is_not_a_crash(written: str) -> None:
    try:
        data = _yaml(f"v: {written}\n")
    except LoadError as error:  # a clear refusal is acceptable
        assert "\n" not in error.message
        assert error.line == 1
    else:
        assert isinstance(data["v"], str)


# -- encodings -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [
        ("utf-8", b"\xef\xbb\xbf"),
        ("utf-16-le", b"\xff\xfe"),
        ("utf-16-be", b"\xfe\xff"),
        ("utf-32-le", b"\xff\xfe\x00\x00"),
        ("utf-32-be", b"\x00\x00\xfe\xff"),
    ],
)
@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_text_with_a_byte_order_mark_loads(
    tmp_path: Path, encoding: str, bom: bytes, suffix: str
) -> None:
    text = (
        '{"openapi": "3.0.3", "info": {"title": "Café", "version": "1"}}'
        if suffix == ".json"
        else "openapi: 3.0.3\ninfo:\n  title: Café\n"
    )
    spec = tmp_path / f"spec{suffix}"
    spec.write_bytes(bom + text.encode(encoding))
    loaded = load_file(spec)
    assert loaded.data["openapi"] == "3.0.3"
    assert loaded.data["info"]["title"] == "Café"
    assert loaded.positions.locate("/info/title")[0] == (1 if suffix == ".json" else 3)


# -- duplicate keys ------------------------------------------------------------------------


def test_yaml_duplicate_keys_are_recorded_and_the_last_value_kept() -> None:
    loaded = parse_text("a: 1\nb:\n  c: 1\n  c: 2\na: 3\n", Path("spec.yaml"))
    assert loaded.data == {"a": 3, "b": {"c": 2}}
    assert loaded.duplicate_keys == [
        DuplicateKey(pointer="/b/c", key="c", line=4, column=3, first_line=3),
        DuplicateKey(pointer="/a", key="a", line=5, column=1, first_line=1),
    ]


def test_yaml_keys_equal_as_text_are_duplicates() -> None:
    loaded = parse_text("'200': a\n200: b\n", Path("spec.yaml"))
    assert loaded.data == {"200": "b"}
    assert [(d.pointer, d.line, d.first_line) for d in loaded.duplicate_keys] == [("/200", 2, 1)]


def test_json_duplicate_keys_are_recorded_and_the_last_value_kept() -> None:
    text = '{"a": 1,\n "b": {"c/d": 1,\n  "c/d": 2},\n "l": [{"k": 1, "k": 2}],\n "a": 3}'
    loaded = parse_text(text, Path("spec.json"))
    assert loaded.data == {"a": 3, "b": {"c/d": 2}, "l": [{"k": 2}]}
    assert loaded.duplicate_keys == [
        DuplicateKey(pointer="/b/c~1d", key="c/d", line=3, column=3, first_line=2),
        DuplicateKey(pointer="/l/0/k", key="k", line=4, column=17, first_line=4),
        DuplicateKey(pointer="/a", key="a", line=5, column=2, first_line=1),
    ]


def test_json_keys_equal_after_unescaping_are_duplicates() -> None:
    loaded = parse_text('{"a": 1,\n "\\u0061": 2}', Path("spec.json"))
    assert loaded.data == {"a": 2}
    assert [(d.pointer, d.line, d.first_line) for d in loaded.duplicate_keys] == [("/a", 2, 1)]


def test_no_duplicates_no_records() -> None:
    assert parse_text('{"a": {"a": 1}}', Path("s.json")).duplicate_keys == []
    assert parse_text("a: {a: 1}\nb: [{a: 1}, {a: 2}]\n", Path("s.yaml")).duplicate_keys == []


def test_yaml_duplicate_key_is_a_finding_at_the_repeated_key(tmp_path: Path) -> None:
    spec = tmp_path / "openapi.yaml"
    spec.write_text(HEAD + "x-a: 1\nx-b:\n  k: 1\n  k: 2\nx-a: 2\n")
    report = apilint.lint_file(spec, config=DUPLICATES_ONLY)
    assert report.errors == ()
    assert [(f.rule, f.line, f.column, f.pointer, f.message) for f in report.findings] == [
        (
            "duplicate-key",
            7,
            3,
            "/x-b/k",
            "duplicate key 'k' (first at line 6); only the last value is used",
        ),
        (
            "duplicate-key",
            8,
            1,
            "/x-a",
            "duplicate key 'x-a' (first at line 4); only the last value is used",
        ),
    ]


def test_json_duplicate_key_is_a_finding_at_the_repeated_key(tmp_path: Path) -> None:
    spec = tmp_path / "openapi.json"
    spec.write_text(
        '{"openapi": "3.0.3",\n "info": {"title": "t", "version": "1"},\n'
        ' "paths": {},\n "openapi": "3.1.0"}\n'
    )
    report = apilint.lint_file(spec, config=DUPLICATES_ONLY)
    assert report.errors == ()
    assert [(f.rule, f.line, f.column, f.pointer) for f in report.findings] == [
        ("duplicate-key", 4, 2, "/openapi")
    ]
    assert "first at line 1" in report.findings[0].message


def test_duplicate_key_in_a_referenced_file_is_reported_in_that_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "pet.yaml").write_text(
        "type: object\nproperties:\n  name: {type: string}\n  name: {type: integer}\n"
    )
    (tmp_path / "schemas" / "pet.json").write_text('{"type": "object",\n "type": "string"}')
    spec = tmp_path / "openapi.yaml"
    spec.write_text(
        "openapi: 3.0.3\ninfo: {title: t, version: 1.0.0}\npaths: {}\n"
        "components:\n  schemas:\n"
        "    Pet: {$ref: 'schemas/pet.yaml'}\n"
        "    PetJ: {$ref: 'schemas/pet.json'}\n"
    )
    report = apilint.lint_file(spec, config=DUPLICATES_ONLY)
    assert report.errors == ()
    assert [(f.file, f.line, f.column, f.pointer) for f in report.findings] == [
        (os.path.join("schemas", "pet.json"), 2, 2, "/type"),
        (os.path.join("schemas", "pet.yaml"), 4, 3, "/properties/name"),
    ]


@pytest.mark.parametrize(
    ("text", "name"),
    [("a: 1\na: 2\na: 3\n", "s.yaml"), ('{"a": 1,\n"a": 2,\n"a": 3}', "s.json")],
)
def test_key_written_three_times_names_the_first_line(text: str, name: str) -> None:
    loaded = parse_text(text, Path(name))
    assert [(d.line, d.first_line) for d in loaded.duplicate_keys] == [(2, 1), (3, 1)]


def test_each_duplicate_finding_is_at_its_own_line(tmp_path: Path) -> None:
    spec = tmp_path / "openapi.yaml"
    spec.write_text(HEAD + "x-a: 1\nx-a: 2\nx-a: 3\nx-b: {k: 1, k: 2}\nx-b: 3\n")
    report = apilint.lint_file(spec, config=DUPLICATES_ONLY)
    # the third x-a repeats the second's defect (a key given again after line 5): related
    assert [(f.line, f.pointer, [p.line for p in f.related]) for f in report.findings] == [
        (5, "/x-a", [6]),
        (7, "/x-b/k", []),
        (8, "/x-b", []),
    ]


def test_json_string_values_that_are_equal_are_one_object() -> None:
    """A large spec repeats the same values thousands of times; they are kept once."""
    text = '{"a": {"type": "string"}, "b": [{"type": "string"}, "string"], "c": "x"}'
    data = parse_text(text, Path("s.json")).data
    assert data == json.loads(text)
    assert data["a"]["type"] is data["b"][0]["type"] is data["b"][1]
