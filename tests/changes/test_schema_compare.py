"""Schema comparison cases the fixtures do not show: settings checked, wide alternatives."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from apilint.changes import diff_specs
from apilint.lint.config import ConfigError, build_config


def _spec(schema: dict[str, Any]) -> str:
    body = {"content": {"application/json": {"schema": schema}}}
    operation = {"requestBody": body, "responses": {"200": {"description": "ok"}}}
    return json.dumps(
        {
            "openapi": "3.0.3",
            "info": {"title": "T", "version": "1.0.0"},
            "paths": {"/pets": {"post": operation}},
        }
    )


def _changes(tmp_path: Path, old: dict[str, Any], new: dict[str, Any]) -> list[tuple[str, str]]:
    (tmp_path / "old.json").write_text(_spec(old), encoding="utf-8")
    (tmp_path / "new.json").write_text(_spec(new), encoding="utf-8")
    config = build_config({"diff": {"version-policy": "none"}}, where="test")
    report = diff_specs(str(tmp_path / "old.json"), str(tmp_path / "new.json"), config)
    return sorted((c.id, c.new.pointer) for c in report.changes)


def test_the_extensible_enum_extension_must_be_an_extension() -> None:
    with pytest.raises(ConfigError, match="extensible-enum-extension"):
        build_config({"diff": {"extensible-enum-extension": "open-enum"}}, where="test")


def test_a_wrapped_schema_finds_its_alternative_among_many(tmp_path: Path) -> None:
    """The alternative like the old schema is found past the first ones tried (alternatives
    of another type are not tried); every other one is an alternative added."""
    others = [{"type": "integer", "minimum": n} for n in range(20)]
    same = {"type": "string", "maxLength": 5}
    changes = _changes(tmp_path, same, {"oneOf": [*others, same]})
    assert changes == sorted(
        (
            "request-variant-added",
            f"/paths/~1pets/post/requestBody/content/application~1json/schema/oneOf/{n}",
        )
        for n in range(20)
    )


def test_a_schema_unchanged_but_for_an_annotation_only_all_of_is_no_change(
    tmp_path: Path,
) -> None:
    old = {"type": "object", "properties": {"name": {"type": "string", "maxLength": 9}}}
    new = {**old, "allOf": [{"description": "A pet."}, {"properties": {"name": {"maxLength": 9}}}]}
    assert _changes(tmp_path, old, new) == []


def test_all_of_parts_narrow_enums_and_types(tmp_path: Path) -> None:
    """A value must be valid against every ``allOf`` part: enums intersect, types too."""
    size = {"type": "string", "enum": ["s", "m", "l"]}
    old = {"type": "object", "properties": {"size": size, "count": {"type": "number"}}}
    narrower = {**size, "allOf": [{"enum": ["s", "m"]}]}
    count = {"type": "number", "allOf": [{"type": "integer"}]}
    new = {"type": "object", "properties": {"size": narrower, "count": count}}
    at = "/paths/~1pets/post/requestBody/content/application~1json/schema/properties"
    assert _changes(tmp_path, old, new) == [
        ("request-enum-value-removed", f"{at}/size/enum"),
        ("request-type-narrowed", f"{at}/count/type"),
    ]
