"""The OpenAPI 3.2 rules on the cases the peers' own tests describe (Redocly's
``spec-discriminator-defaultMapping``, ``spec-no-invalid-tag-parents``), beyond the fixtures."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

import apilint

HEAD = "openapi: 3.2.0\ninfo: {title: T, version: 1.0.0}\n"


def _findings(rule_id: str, body: str) -> list[tuple[str, str]]:
    data: dict[str, Any] = yaml.safe_load(HEAD + body)
    report = apilint.lint_document(data, {"extends": [], "rules": {rule_id: "error"}})
    return sorted((f.pointer, f.message) for f in report.findings if f.rule == rule_id)


def _schemas(text: str) -> str:
    indented = "\n".join(f"    {line}" if line else line for line in text.splitlines())
    return f"components:\n  schemas:\n{indented}\n"


BRANCHES = """
Foo:
  type: object
  properties: {test: {type: string, const: foo}}
  required: [test]
Bar:
  type: object
  properties: {test: {type: string, const: bar}}
  required: [test]
"""

DEFAULT_MAPPING_CASES = {
    "default named": (
        """
Base:
  type: object
  discriminator: {propertyName: test, defaultMapping: DefaultType}
  properties: {test: {type: string}}
DefaultType:
  allOf: [{$ref: '#/components/schemas/Base'}]
""",
        [],
    ),
    "default by pointer": (
        """
Base:
  type: object
  discriminator: {propertyName: test, defaultMapping: '#/components/schemas/DefaultType'}
  properties: {test: {type: string}}
DefaultType:
  allOf: [{$ref: '#/components/schemas/Base'}]
""",
        [],
    ),
    "required by the schema": (
        """
Base:
  type: object
  discriminator: {propertyName: test}
  required: [test]
  properties: {test: {type: string}}
""",
        [],
    ),
    "required by every branch": (
        """
Used:
  discriminator: {propertyName: test}
  oneOf: [{$ref: '#/components/schemas/Foo'}, {$ref: '#/components/schemas/Bar'}]
"""
        + BRANCHES,
        [],
    ),
    "required through allOf": (
        """
Used:
  allOf: [{$ref: '#/components/schemas/Bar'}]
  discriminator: {propertyName: test}
"""
        + BRANCHES,
        [],
    ),
    "optional in one branch": (
        """
Used:
  discriminator: {propertyName: test}
  oneOf: [{$ref: '#/components/schemas/Loose'}, {$ref: '#/components/schemas/Bar'}]
Loose:
  type: object
  properties: {test: {type: string, const: foo}}
"""
        + BRANCHES,
        ["/components/schemas/Used/discriminator"],
    ),
    "optional": (
        """
Base:
  type: object
  discriminator: {propertyName: test, mapping: {a: TypeA}}
  properties: {test: {type: string}}
TypeA:
  allOf: [{$ref: '#/components/schemas/Base'}]
""",
        ["/components/schemas/Base/discriminator"],
    ),
    "default names nothing": (
        """
Base:
  type: object
  discriminator: {propertyName: test, defaultMapping: TypeB}
  properties: {test: {type: string}}
""",
        ["/components/schemas/Base/discriminator/defaultMapping"],
    ),
    "a cycle whose way out requires it": (
        """
Used:
  discriminator: {propertyName: test}
  oneOf: [{$ref: '#/components/schemas/Cyc'}, {$ref: '#/components/schemas/Bar'}]
Cyc:
  oneOf:
    - {type: object, properties: {test: {type: string}}, required: [test]}
    - {$ref: '#/components/schemas/Round'}
Round:
  allOf: [{$ref: '#/components/schemas/Cyc'}, {type: object}]
"""
        + BRANCHES,
        [],
    ),
    "a cycle whose way out does not": (
        """
Used:
  discriminator: {propertyName: test}
  oneOf: [{$ref: '#/components/schemas/Cyc'}, {$ref: '#/components/schemas/Bar'}]
Cyc:
  oneOf:
    - {$ref: '#/components/schemas/Round'}
    - {type: object, properties: {test: {type: string}}}
Round:
  allOf: [{type: object}, {$ref: '#/components/schemas/Cyc'}]
"""
        + BRANCHES,
        ["/components/schemas/Used/discriminator"],
    ),
}


@pytest.mark.parametrize(
    ("body", "expected"), DEFAULT_MAPPING_CASES.values(), ids=list(DEFAULT_MAPPING_CASES)
)
def test_discriminator_default_mapping(body: str, expected: list[str]) -> None:
    found = _findings("discriminator-default-mapping", _schemas(body))
    assert [pointer for pointer, _ in found] == expected


def test_tag_parent_undefined_parents_are_each_reported() -> None:
    body = (
        "paths: {}\ntags:\n  - {name: books, parent: products}\n  - {name: cds, parent: products}\n"
    )
    found = _findings("tag-parent", body)
    assert [pointer for pointer, _ in found] == ["/tags/0/parent", "/tags/1/parent"]


def test_tag_parent_each_cycle_is_one_finding() -> None:
    body = (
        "paths: {}\ntags:\n  - {name: foo, parent: bar}\n  - {name: bar, parent: foo}\n"
        "  - {name: baz, parent: foo}\n  - {name: self, parent: self}\n"
    )
    assert _findings("tag-parent", body) == [
        ("/tags/0/parent", "tag parents form a cycle: 'foo' -> 'bar' -> 'foo'"),
        ("/tags/3/parent", "tag 'self' is its own parent"),
    ]


def test_rules_of_3_2_do_not_run_on_3_1() -> None:
    body = "paths: {}\ntags:\n  - {name: books, parent: products}\n"
    data = yaml.safe_load(HEAD.replace("3.2.0", "3.1.0") + body)
    report = apilint.lint_document(data, {"extends": [], "rules": {"tag-parent": "error"}})
    assert not [f for f in report.findings if f.rule == "tag-parent"]
