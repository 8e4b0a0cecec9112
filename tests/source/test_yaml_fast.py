"""The fast YAML path (yaml-rs data, positions from indentation) gives exactly what libyaml's node
tree gives: the same data, the same duplicate keys and errors, the same line and column for every
pointer. Where the text uses something the fast path does not read the same way, libyaml reads it.
"""

from __future__ import annotations

import math
import os
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from apilint.source import pointer as jp
from apilint.source.block_positions import BlockPositions
from apilint.source.loader import LoadError, compose_positions, parse_yaml, parse_yaml_nodes
from apilint.source.yaml_fast import fast_yaml

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("APILINT_SHARED", ROOT.parent / "shared"))


def _pointers(data: Any, base: str = "") -> list[str]:
    """Every pointer into ``data``, plus one missing child under each node."""
    found = [base]
    if isinstance(data, dict):
        for key, value in data.items():
            found += _pointers(value, jp.join(base, key))
        found.append(jp.join(base, "no-such-key"))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _pointers(value, jp.join(base, index))
        found.append(jp.join(base, len(data)))
    else:
        found.append(jp.join(base, "x"))
    return found


def _comparable(value: Any) -> Any:
    """Data with key order kept and NaN made equal to itself."""
    if isinstance(value, dict):
        return [(key, _comparable(item)) for key, item in value.items()]
    if isinstance(value, list):
        return [_comparable(item) for item in value]
    if isinstance(value, float) and math.isnan(value):
        return "nan"
    return (type(value).__name__, value)


def assert_same_as_libyaml(text: str) -> bool:
    """Both readings agree on everything; True if the fast path was taken."""
    try:
        fast = parse_yaml(text)
    except LoadError as error:
        with pytest.raises(LoadError) as slow_error:
            parse_yaml_nodes(text)
        assert (str(error), error.line, error.column) == (
            str(slow_error.value),
            slow_error.value.line,
            slow_error.value.column,
        )
        return False
    slow = parse_yaml_nodes(text)
    assert _comparable(fast[0]) == _comparable(slow[0])
    assert [vars(d) for d in fast[2]] == [vars(d) for d in slow[2]]
    for pointer in _pointers(slow[0]):
        assert fast[1].locate(pointer) == slow[1].locate(pointer), pointer
    return isinstance(fast[1], BlockPositions)


SPEC = """\
# a comment before everything
openapi: 3.0.3
info:
  title: "Quoted \\u00e9 title"
  version: '1.0'
  description: |
    key: not a key, block scalar text
    - not an item
paths:
  /pets/{id}:
    get:
      tags: [pets, "animals", 'more']
      parameters:
      - name: id
        in: path
        required: true
        schema: {type: string, enum: [a,
            b, c]}
      -   name: limit   # a comment after a value
          in: query

      responses:
        200:
          description: OK
        'default':
          description: >-
            folded
            text
    x-list:
      -
        a: 1
      -
        - nested
        - items
      - [{x: 1}]
"""


def test_a_typical_spec_takes_the_fast_path_and_agrees_with_libyaml() -> None:
    assert fast_yaml(SPEC) is not None
    assert assert_same_as_libyaml(SPEC)


def test_integer_keys_are_their_text() -> None:
    data = fast_yaml("responses:\n  200: {description: OK}\n  '404': {description: no}\n")
    assert data == {"responses": {"200": {"description": "OK"}, "404": {"description": "no"}}}


def test_a_file_without_a_final_newline_is_read_fast_unless_a_text_ends_it() -> None:
    assert fast_yaml("a: 1\nb: text") == {"a": 1, "b": "text"}
    assert fast_yaml("a: 1\nb: |\n  text") is None  # libyaml: 'text', yaml-rs: 'text\n'
    assert_same_as_libyaml("a: 1\nb: |\n  text")


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("base: &b {x: 1}\nuse:\n  <<: *b\n  y: 2\n", id="merge key"),
        pytest.param("a: &x 1\nb: *x\n", id="anchor and alias"),
        pytest.param("x: &a [*a]\n", id="recursive alias"),
        pytest.param("a: !!python/object:os.system echo\n", id="python tag"),
        pytest.param("a: !!str 12\nb: !custom {c: 1}\n", id="tags"),
        pytest.param("a: 1\n---\nb: 2\n", id="two documents"),
        pytest.param("%YAML 1.2\n---\na: 1\n", id="directive"),
        pytest.param("a: 1\na: 2\n", id="duplicate key"),
        pytest.param("a: 0b101\nb: 1_000\nc: 0X1F\nd: +0x1F\ne: 0O7\n", id="odd numbers"),
        pytest.param("responses:\n  0200: {description: x}\n", id="leading-zero key"),
        pytest.param("k:\n  +1: x\n  -0: y\n", id="signed keys"),
        pytest.param("true: 1\n", id="boolean key"),
        pytest.param("~: 1\n", id="null key"),
        pytest.param("1.5: 1\n", id="float key"),
        pytest.param("? [a, b]\n: c\n", id="complex key"),
        pytest.param("a: line\u2028break\n", id="unicode line separator"),
        pytest.param("a: x\r\nb: y\r\n", id="CRLF"),
        pytest.param("a: a\x01b\n", id="control character"),
        pytest.param("- a\n- b\n", id="a list, not a mapping"),
        pytest.param("a: - - b\n", id="stacked dashes"),
        pytest.param("k:\n" + " " * 600 + "deep: 1\n", id="deep indentation"),
    ],
)
def test_what_the_fast_path_reads_differently_goes_to_libyaml(text: str) -> None:
    assert fast_yaml(text) is None
    assert not assert_same_as_libyaml(text)


def test_deep_block_nesting_never_reaches_yaml_rs() -> None:
    """yaml-rs overflows its stack (and kills the process) near ten thousand nested levels."""
    assert fast_yaml("a:\n" + "- " * 20_000 + "x\n") is None
    nested = "".join(" " * depth + "k:\n" for depth in range(2_000)) + " " * 2_000 + "v: 1\n"
    assert fast_yaml(nested) is None


def test_flow_nesting_yaml_rs_refuses_is_read_by_libyaml() -> None:
    text = "a: " + "[" * 300 + "]" * 300 + "\n"
    assert fast_yaml(text) is None
    data, _, _ = parse_yaml(text)
    for _ in range(300):
        data = data["a"] if isinstance(data, dict) else data[0]
    assert data == []


def test_positions_fall_back_to_libyaml_when_text_and_data_disagree() -> None:
    """A mapping whose keys in the text are not those in the data is never guessed at."""
    text = "a:\n  b: 1\n  c: 2\n"
    positions = BlockPositions(text, {"a": {"b": 1, "z": 2}}, compose_positions)
    assert positions.locate("/a/b") == (2, 3)  # libyaml's answer, after the check failed
    assert positions._whole is not None


@pytest.mark.parametrize(
    ("pointer", "where"),
    [
        ("/info/title", (4, 3)),
        ("/paths/~1pets~1{id}/get/tags/1", (12, 20)),
        ("/paths/~1pets~1{id}/get/parameters/0", (14, 9)),
        ("/paths/~1pets~1{id}/get/parameters/0/schema/enum/1", (18, 13)),
        ("/paths/~1pets~1{id}/get/parameters/1/in", (20, 11)),
        ("/paths/~1pets~1{id}/get/responses/200", (23, 9)),
        ("/paths/~1pets~1{id}/get/responses/default/description/x", (26, 11)),
        ("/paths/~1pets~1{id}/x-list/0/a", (31, 9)),
        ("/paths/~1pets~1{id}/x-list/1/1", (34, 11)),
        ("/paths/~1pets~1{id}/x-list/2", (35, 9)),
        ("/paths/~1pets~1{id}/x-list/2/0/x", (35, 11)),
        ("/paths/~1pets~1{id}/get/missing/deeper", (11, 5)),
    ],
)
def test_positions_in_the_fast_path(pointer: str, where: tuple[int, int]) -> None:
    _, positions, _ = parse_yaml(SPEC)
    assert isinstance(positions, BlockPositions)
    assert positions.locate(pointer) == where


@st.composite
def _documents(draw: st.DrawFn) -> str:
    keys = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=8)
    scalars = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(10**20), 10**20),
        st.floats(allow_nan=False),
        st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=30),
        st.sampled_from(["a: b", "- x", "#x", "1_0", "0200", "true", "~", "|", "'q'", "a\nb"]),
    )
    values = st.recursive(
        scalars,
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=4),
        max_leaves=25,
    )
    data = draw(st.dictionaries(keys, values, min_size=1, max_size=5))
    return yaml.safe_dump(
        data,
        sort_keys=False,
        allow_unicode=draw(st.booleans()),
        default_flow_style=draw(st.sampled_from([False, None])),
        indent=draw(st.sampled_from([2, 3, 4])),
        width=draw(st.sampled_from([20, 80, 10_000])),
    )


@settings(
    max_examples=150,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(_documents())
def test_any_dumped_document_reads_the_same_both_ways(text: str) -> None:
    assert_same_as_libyaml(text)


def _yaml_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())


def test_every_yaml_fixture_reads_the_same_both_ways() -> None:
    files = _yaml_files(ROOT / "tests") + _yaml_files(ROOT / "examples")
    assert len(files) > 100
    for path in files:
        raw = path.read_bytes()
        if b"\x00" in raw:
            continue
        text = raw.decode("utf-8", errors="replace").lstrip("\ufeff")
        assert_same_as_libyaml(text)


@pytest.mark.skipif(not (SHARED / "corpus").is_dir(), reason="the shared corpus is not present")
def test_every_yaml_file_of_the_corpus_reads_the_same_both_ways() -> None:
    files = [p for p in _yaml_files(SHARED / "corpus") if p.stat().st_size < 2_000_000]
    assert files
    fast = sum(assert_same_as_libyaml(p.read_text(encoding="utf-8-sig")) for p in files)
    assert fast > len(files) * 0.8  # most real specs take the fast path
