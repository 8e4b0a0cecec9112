"""Structure rules about reusable components: components nothing refers to, and component
names that a ``$ref`` cannot reach or a generator cannot turn into an identifier.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from apilint.rule import Document, Findings, Item, Location, pointer, rule

#: The sections of reusable objects that are used through ``$ref`` (security schemes are used
#: by name: ``security-scheme-unused``), with the word a message names one of them by.
SECTIONS_3 = {
    "schemas": "schema",
    "responses": "response",
    "parameters": "parameter",
    "examples": "example",
    "requestBodies": "request body",
    "headers": "header",
    "links": "link",
    "callbacks": "callback",
    "pathItems": "path item",  # 3.1
    "mediaTypes": "media type",  # 3.2
}
SECTIONS_2 = {"definitions": "schema", "parameters": "parameter", "responses": "response"}


def _sections(doc: Document) -> Iterator[tuple[Item, str]]:
    """Each section of reusable objects the document declares, with the word for its kind."""
    if doc.is_swagger:
        for name, kind in SECTIONS_2.items():
            section = doc.child(doc.root_item, name)
            if section is not None and isinstance(section.value, dict):
                yield section, kind
        return
    for name, kind in SECTIONS_3.items():
        section = doc.child(doc.components, name) if doc.components else None
        if section is not None and isinstance(section.value, dict):
            yield section, kind


def _inside(location: Location, nodes: list[Location]) -> bool:
    """Whether ``location`` is one of ``nodes`` or lies within one of them."""
    return any(
        location.file == node.file
        and (location.pointer == node.pointer or location.pointer.startswith(node.pointer + "/"))
        for node in nodes
    )


def _component_nodes(doc: Document) -> dict[Location, list[Location]]:
    """Each component's location -> the nodes that are the component: the entry itself and,
    when the entry is a ``$ref`` into another file (a split spec), the node it points at; a
    ``$ref`` to another component of the same file is an alias, a component of its own."""
    nodes: dict[Location, list[Location]] = {}
    for section, _ in _sections(doc):
        for name, value in section.value.items():
            entry = section.loc.child(name)
            nodes[entry] = [entry]
            if isinstance(value, dict) and "$ref" in value:
                resolved = doc.resolve(entry, value)
                if resolved is not None and resolved.loc.file != entry.file:
                    nodes[entry].append(resolved.loc)
    return nodes


def _discriminated(doc: Document, used: set[Location]) -> Iterator[Location]:
    """Schemas a discriminator names: the targets of each ``mapping`` and, where a schema with
    a discriminator is extended through ``allOf``, the schemas that extend it (OpenAPI's
    implicit mapping by schema name)."""
    section = doc.component_section("schemas")
    if section is None or not isinstance(section.value, dict):
        return
    for schema in doc.schemas:
        found = schema.value.get("discriminator")
        mapping = found.get("mapping") if isinstance(found, dict) else None
        for target in mapping.values() if isinstance(mapping, dict) else ():
            if not isinstance(target, str):
                continue
            ref = target if "#" in target or "/" in target else None
            if ref is None:
                yield section.loc.child(target)
                continue
            resolved = doc.workspace.resolve(schema.loc, {"$ref": ref})
            if resolved is not None:
                yield resolved[0]
    for name in section.value:
        entry = section.loc.child(name)
        if entry in used:
            continue
        schema = doc.child(section, name)
        for branch in doc.elements(doc.child(schema, "allOf") if schema else None):
            if isinstance(branch.value, dict) and "discriminator" in branch.value:
                yield entry
                break


@rule(
    "component-unused",
    area="structure",
    severity="warn",
    summary="Every reusable component is referred to somewhere.",
)
def component_unused(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Every schema, response, parameter, example, request body, header, link, callback and
    path item under ``components`` (in 2.0: ``definitions``, ``parameters``, ``responses``) is
    used: a ``$ref`` in any file of the spec points at it or into it, from outside the component
    itself. A schema a discriminator maps to counts as used, as does a schema that extends a
    discriminated one through ``allOf``. A document with no paths and no webhooks is a library
    of components and is not judged (Spectral's ``oas3-unused-component`` and
    ``oas2-unused-definition``, Redocly's ``no-unused-components``). Security schemes are used by
    name; ``security-scheme-unused`` covers them.

    Why: an unused component is dead weight that reviewers still read and generators still turn
    into code; more often it is a leftover of a refactoring, or the operation that should use
    it does not.

    Example:
        bad:
            components:
              schemas:
                LegacyOrder:
                  type: object
                  properties:
                    parent:
                      $ref: "#/components/schemas/LegacyOrder"
        good:
            components:
              schemas:
                Pet:  # a discriminator names its subtypes: Cat through its mapping, Dog by ...
                  type: object
                  required: [kind]
                  properties:
                    kind:
                      type: string
                  discriminator:
                    propertyName: kind
                    mapping:
                      cat: "#/components/schemas/Cat"
                      # ...
    """
    if not (doc.data.get("paths") or doc.data.get("webhooks")):
        return
    nodes = _component_nodes(doc)
    if not nodes:
        return
    owner = {node: entry for entry, found in nodes.items() for node in found}
    used: set[Location] = set()
    for site, target in (*doc.workspace.references, *doc.workspace.mentioned):
        for ancestor in pointer.parents(target.pointer):
            entry = owner.get(Location(target.file, ancestor))
            if entry is not None:
                if not _inside(site, nodes[entry]):
                    used.add(entry)
                break
    used.update(_discriminated(doc, used))
    for section, kind in _sections(doc):
        for name in section.value:
            entry = section.loc.child(name)
            if entry not in used:
                yield entry, f"{kind} '{name}' is declared but nothing refers to it"


#: What a component name may be made of (OpenAPI 3.x: ``^[a-zA-Z0-9.\-_]+$``).
COMPONENT_NAME = re.compile(r"^[a-zA-Z0-9.\-_]+$")


@rule(
    "component-name-valid",
    area="structure",
    severity="error",
    summary="Component names use only letters, digits, '.', '-' and '_'.",
    formats={"3.0", "3.1", "3.2"},
)
def component_name_valid(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Every key of every ``components`` map (schemas, responses, parameters, examples, request
    bodies, headers, security schemes, links, callbacks, path items, media types) matches
    ``^[a-zA-Z0-9.\\-_]+$``, as the OpenAPI specification requires (Redocly's
    ``spec-components-invalid-map-name``).

    Why: a name with a space, a slash or a non-ASCII letter must be escaped or encoded in every
    ``$ref`` that points at it, and code generators turn it into a class name they have to
    mangle; tools disagree on how.

    Example:
        bad:
            components:
              schemas:
                Order+Line:
                  type: object
        good:
            components:
              schemas:
                Order_Line.v2-draft:
                  type: object
    """
    if doc.components is None:
        return
    for section_name, section in doc.entries(doc.components):
        if section_name.startswith("x-") or not isinstance(section.value, dict):
            continue
        for name in section.value:
            if isinstance(name, str) and not COMPONENT_NAME.match(name):
                yield (
                    section.loc.child(name),
                    f"component name '{name}' in components.{section_name} has characters"
                    " other than letters, digits, '.', '-' and '_'",
                )
