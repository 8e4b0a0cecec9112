"""Structure rules for OpenAPI 3.2's discriminator ``defaultMapping``: the schema a payload is
read as when its discriminating property is absent or maps to nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from apilint.analysis.examples import declares, mapping_resolves
from apilint.rule import Document, Findings, Item, Location, rule, subject

#: References apilint does not follow (to the dynamic scope).
_DYNAMIC_REFS = ("$recursiveRef", "$dynamicRef")


class _Requirement:
    """Whether every value of a schema has property ``name``: the schema requires it, or one of
    its ``allOf`` parts does, or every branch of its ``oneOf`` or ``anyOf`` does. Following a
    reference back to a schema being judged counts as required (a payload leaves the cycle
    through another branch, which decides); a dynamic reference, not followed, too."""

    def __init__(self, doc: Document, name: str) -> None:
        self.doc = doc
        self.name = name
        self.known: dict[Location, bool] = {}  # results that met no cycle

    def of(self, schema: Item) -> bool:
        return self._of(schema, frozenset())[0]

    def _of(self, schema: Item, stack: frozenset[Location]) -> tuple[bool, bool]:
        """(required, whether the answer leaned on a schema still being judged)."""
        value, loc = schema.value, schema.loc
        if not isinstance(value, dict):
            return False, False
        if loc in stack:
            return True, True
        if loc in self.known:
            return self.known[loc], False
        if any(key in value for key in _DYNAMIC_REFS):
            return True, False
        required = value.get("required")
        result, cycle = isinstance(required, list) and self.name in required, False
        inner = stack | {loc}
        doc = self.doc
        for part in doc.elements(doc.child(schema, "allOf")):
            if result:
                break
            result, leaned = self._of(part, inner)
            cycle |= leaned
        for keyword in ("oneOf", "anyOf"):
            branches = list(doc.elements(doc.child(schema, keyword)))
            every = bool(branches)
            for branch in branches:
                if result or not every:
                    break
                every, leaned = self._of(branch, inner)
                cycle |= leaned
            result = result or every
        if not cycle:
            self.known[loc] = result
        return result, cycle


@rule(
    "discriminator-default-mapping",
    area="structure",
    severity="warn",
    summary="A discriminator on an optional property has a defaultMapping, and it resolves (3.2).",
    formats={"3.2"},
)
def discriminator_default_mapping(doc: Document, options: Mapping[str, Any]) -> Findings:
    """In OpenAPI 3.2 a discriminator whose ``propertyName`` is optional (not required by the
    schema, by one of its ``allOf`` parts, or by every branch of its ``oneOf``/``anyOf``) must
    have a ``defaultMapping``: the schema of a payload without that property. A
    ``defaultMapping`` must name a component schema or be a reference that resolves (Redocly's
    ``spec-discriminator-defaultMapping``). A discriminator whose property no subschema
    declares cannot be resolved at all: ``example-valid`` reports it.

    Why: the specification requires it; without it a payload that leaves the property out
    matches no schema the discriminator names, and generated clients fail to read it.

    Example:
        bad:
            components:
              schemas:
                Pet:
                  discriminator:
                    propertyName: kind
        good:
            components:
              schemas:
                Pet:
                  discriminator:
                    propertyName: kind
                    defaultMapping: "#/components/schemas/GenericPet"
    """
    for schema in doc.schemas:
        discriminator = schema.value.get("discriminator")
        if not isinstance(discriminator, dict):
            continue
        name = discriminator.get("propertyName")
        if not isinstance(name, str) or not name:
            continue  # oas-schema's finding
        where = subject(schema.loc.pointer)
        default = discriminator.get("defaultMapping")
        at = schema.loc.child("discriminator")
        if isinstance(default, str):
            if not mapping_resolves(doc, at.child("defaultMapping"), default):
                message = f"defaultMapping '{default}' of {where} names no schema"
                yield at.child("defaultMapping"), message
        elif (
            default is None
            and declares(doc, schema, name)
            and not _Requirement(doc, name).of(schema)
        ):
            yield (
                at,
                f"discriminator of {where} has optional property '{name}' and no defaultMapping",
            )
