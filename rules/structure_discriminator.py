"""Structure rules for OpenAPI 3.2's discriminator ``defaultMapping``: the schema a payload is
read as when its discriminating property is absent or maps to nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from apilint.analysis.examples import declares, mapping_resolves
from apilint.rule import Document, Findings, rule, subject

from ._common import Requirement


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
            and not Requirement(doc, name).of(schema)
        ):
            yield (
                at,
                f"discriminator of {where} has optional property '{name}' and no defaultMapping",
            )
