"""Structure rules about schemas whose keywords contradict each other or say nothing: required
properties no schema defines, keywords the type makes tools ignore, compositions that combine
nothing (one branch, a repeated or empty branch, two ``oneOf`` branches that both take ``null``),
mixed number bounds, ``nullable`` without a type, and discriminators a payload may omit.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from apilint.analysis.examples import declares
from apilint.rule import Document, Findings, Item, Location, Schema, rule, subject

from ._common import DYNAMIC_REFS, Requirement, _spec_wide

#: Keywords whose subschemas describe the same instance as their parent, so the properties
#: they define are properties the parent's instance may have.
_COMBINED = ("allOf", "anyOf", "oneOf", "if", "then", "else")
#: Keywords whose subschemas are judged against their parent's instance: a name they require
#: may be defined by the parent (``oneOf: [{required: [a]}, {required: [b]}]``).
_JUDGED_WITH_PARENT = frozenset({*_COMBINED, "not", "dependentSchemas"})
_COMPOSITIONS = ("allOf", "anyOf", "oneOf")
#: Keywords that describe a schema without constraining it: beside a single ``$ref`` in a
#: composition they make it a wrapper, OpenAPI 3.0's way to annotate a reference.
_ANNOTATIONS = frozenset(
    {
        "description",
        "title",
        "nullable",
        "readOnly",
        "writeOnly",
        "deprecated",
        "example",
        "examples",
        "default",
        "externalDocs",
        "xml",
        "$comment",
    }
)


def _named(schema: Item) -> str:
    """How messages name a schema: by its component or operation, else (a schema in a file of
    its own, reached by ``$ref``) by its file's name and pointer."""
    where = subject(schema.loc.pointer)
    if where not in (schema.loc.pointer, "the document"):
        return where
    file = schema.loc.file.rsplit("/", 1)[-1]
    return f"{file}#{schema.loc.pointer}" if schema.loc.pointer else file


def _members(doc: Document, schema: Item, keyword: str) -> Iterator[Item]:
    """The resolved subschemas of a combining keyword (a list, or one schema)."""
    found = doc.child(schema, keyword)
    if found is None:
        return
    if isinstance(found.value, list):
        yield from doc.elements(found)
    elif isinstance(found.value, dict):
        yield found


def _composed(doc: Document, schema: Item, keywords: tuple[str, ...]) -> Iterator[Item]:
    """``schema`` and the subschemas it combines through ``keywords``, recursively, each
    written schema once (a cycle ends there)."""
    seen: set[Location] = set()
    stack = [schema]
    while stack:
        item = stack.pop()
        if item.loc in seen or not isinstance(item.value, dict):
            continue
        seen.add(item.loc)
        yield item
        for keyword in keywords:
            if keyword in item.value:
                stack.extend(_members(doc, item, keyword))


def _types(value: dict[str, Any]) -> set[str] | None:
    """The types a schema's ``type`` names, None when it names none."""
    kind = value.get("type")
    kinds = kind if isinstance(kind, list) else [kind]
    named = {k for k in kinds if isinstance(k, str)}
    return named or None


# -- required-property-defined -----------------------------------------------------------------


@dataclass
class _Known:
    """The property names a schema and what it combines define, and whether any of them
    admits properties it does not name."""

    names: set[str] = field(default_factory=set)
    open: bool = False


def _is_open(value: dict[str, Any]) -> bool:
    """Whether a schema admits properties it does not name (or may, through a dynamic
    reference apilint does not follow)."""
    for keyword in ("additionalProperties", "unevaluatedProperties"):
        if keyword in value and value[keyword] is not False:
            return True
    return bool(value.get("patternProperties")) or any(key in value for key in DYNAMIC_REFS)


class _Shapes:
    """The property names each schema can know, through its compositions and the schemas that
    combine it, following ``$ref``s, cycle-safe."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.memo: dict[Location, _Known] = {}
        self.parents: dict[Location, list[Schema]] = {}
        for schema in doc.schemas:
            if not _JUDGED_WITH_PARENT.isdisjoint(schema.value):
                for keyword, child in doc.subschemas(schema):
                    if keyword in _JUDGED_WITH_PARENT:
                        self.parents.setdefault(child.loc, []).append(schema)

    def own(self, schema: Item) -> _Known:
        """What ``schema`` and the subschemas it combines define."""
        if schema.loc in self.memo:
            return self.memo[schema.loc]
        known = _Known()
        for item in _composed(self.doc, schema, _COMBINED):
            properties = self.doc.child(item, "properties")
            if properties is not None and isinstance(properties.value, dict):
                known.names.update(properties.value)
            known.open = known.open or _is_open(item.value)
        self.memo[schema.loc] = known
        return known

    def ancestors(self, schema: Item) -> Iterator[Schema]:
        """The schemas that combine ``schema``, and those that combine them, each once."""
        seen = {schema.loc}
        stack = list(self.parents.get(schema.loc, ()))
        while stack:
            parent = stack.pop()
            if parent.loc not in seen:
                seen.add(parent.loc)
                yield parent
                stack.extend(self.parents.get(parent.loc, ()))

    def undefined(self, schema: Item, names: list[str]) -> set[str]:
        """Those of ``names`` that neither ``schema`` nor any schema combined with it can
        define; nothing when one of them admits other properties."""
        known = self.own(schema)
        if known.open:
            return set()
        missing = {name for name in names if name not in known.names}
        for ancestor in self.ancestors(schema):
            if not missing:
                break
            found = self.own(ancestor)
            if found.open:
                return set()
            missing -= found.names
        return missing


@rule(
    "required-property-defined",
    area="structure",
    severity="warn",
    summary="Every name in required is a property the schema defines.",
)
def required_property_defined(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Each name a schema lists in ``required`` is defined in its ``properties``, in a schema it
    combines (``allOf``, ``anyOf``, ``oneOf``, followed through ``$ref``), or in a schema that
    combines it (``oneOf: [{required: [email]}, {required: [phone]}]`` beside the properties
    they choose from). A schema that admits properties it does not name
    (``additionalProperties`` other than false, ``patternProperties``) is not judged: the name
    may be one of those (Redocly's ``no-required-schema-properties-undefined``, vacuum's
    ``required-fields-defined``). Names are compared as written: ``Name`` is not ``name``.

    Why: a required property nobody defines is usually a typo or a property renamed on one
    side only; validators then reject every payload that lacks it, while generated clients
    have no field to send it in.

    Example:
        bad:
            components:
              schemas:
                Pet:
                  required:
                    - name
        good:
            components:
              schemas:
                Pet:
                  required: [id, name]
    """
    shapes: _Shapes | None = None
    for schema in doc.schemas:
        required = schema.value.get("required")
        if not isinstance(required, list) or not required:
            continue
        names = [name for name in required if isinstance(name, str)]
        shapes = shapes or _Shapes(doc)
        undefined = shapes.undefined(schema, names)
        # `required` on an array schema is usually meant for its items
        misplaced = _types(schema.value) == {"array"}
        for index, name in enumerate(required):
            if isinstance(name, str) and name in undefined:
                why = ": it is an array, required belongs in its items" if misplaced else ""
                yield (
                    schema.loc.child("required", index),
                    f"required property '{name}' of {_named(schema)} is not defined{why}",
                )


# -- schema-type-mismatch ----------------------------------------------------------------------


@rule(
    "schema-type-mismatch",
    area="structure",
    severity="warn",
    summary="No items on a schema that is not an array, no properties on one that is not an "
    "object.",
)
def schema_type_mismatch(doc: Document, options: Mapping[str, Any]) -> Findings:
    """A schema whose ``type`` rules out arrays has no ``items``, and one whose ``type`` rules
    out objects has no ``properties`` (Redocly's ``no-schema-type-mismatch``): validators
    apply those keywords only to arrays and objects, so on any other type they are ignored.
    An empty ``items`` or ``properties`` (``{}``) says nothing and is not reported; a schema
    without ``type``, or whose ``type`` list holds both, is not judged.

    Why: ``items`` on an object or ``properties`` on an array is a mistake about the shape of
    the data: the type says one thing, the keyword another, and documentation, validators and
    generated code each believe a different one. A warning, not an error: the document is
    valid, and the ignored keyword changes nothing a validator accepts.

    Example:
        bad:
            components:
              schemas:
                Tags:
                  properties:
                    name:
                      type: string
        good:
            components:
              schemas:
                Tags:
                  type: array
                  items:
                    type: string
    """
    for schema in doc.schemas:
        value = schema.value
        types = _types(value)
        if types is None:
            continue
        for keyword, needs in (("items", "array"), ("properties", "object")):
            if value.get(keyword) and needs not in types:
                kinds = "/".join(sorted(types))
                yield (
                    schema.loc.child(keyword),
                    f"{keyword} of {_named(schema)} is ignored: its type is {kinds}, not {needs}",
                )


# -- composition-logical -----------------------------------------------------------------------


def _discriminated(doc: Document, schema: Item) -> bool:
    """Whether ``schema`` or a schema it extends (``allOf``) declares a ``discriminator``."""
    return any("discriminator" in item.value for item in _composed(doc, schema, ("allOf",)))


def _admits_null(doc: Document, value: Any) -> bool:
    """Whether a schema says by its own keywords alone that ``null`` is valid (``type: 'null'``,
    a ``null`` in a type list, 3.0's ``nullable`` beside a type), nothing else ruling it out."""
    if not isinstance(value, dict) or any(key in value for key in (*_COMPOSITIONS, "not")):
        return False
    if doc.version == "3.0":
        admits = value.get("nullable") is True and "type" in value
    else:
        admits = "null" in (_types(value) or ())
    enum = value.get("enum")
    if isinstance(enum, list) and None not in enum:
        return False
    return admits and value.get("const", None) is None


def _wrapper(beside: set[str]) -> bool:
    """Whether the keywords beside a single-schema composition only annotate it."""
    return bool(beside) and all(key in _ANNOTATIONS or key.startswith("x-") for key in beside)


def _single_member(
    doc: Document, schema: Schema, keyword: str, holder: Item
) -> Iterator[tuple[Location, str]]:
    """A composition of one schema that is neither a wrapper nor a subtype declaration."""
    where = f"{keyword} of {_named(schema)}"
    if holder.value == [{}]:
        yield holder.loc.child(0), f"{where} has only an empty schema, which adds nothing"
        return
    beside = set(schema.value) - {keyword}
    if keyword != "allOf":
        if not _wrapper(beside) and "discriminator" not in beside:
            yield holder.loc, f"{where} has a single schema: nothing to choose from"
    elif not beside:
        member = doc.child(holder, 0)
        if member is not None and not _discriminated(doc, member):
            yield holder.loc, f"{where} has a single schema and nothing beside it"


def _member_key(entry: Any, member: Item) -> str:
    """What makes two members the same schema: the target of a ``$ref``, else the text."""
    if isinstance(entry, dict) and "$ref" in entry:
        return f"{member.loc.file}#{member.loc.pointer}"
    return json.dumps(entry, sort_keys=True, default=str)


def _members_problems(
    doc: Document, schema: Schema, keyword: str, holder: Item
) -> Iterator[tuple[Location, str]]:
    """Empty and repeated members of a composition of several, and (``oneOf``) two members
    that both accept ``null``."""
    where = f"{keyword} of {_named(schema)}"
    seen: dict[str, int] = {}
    nullable: list[int] = []
    for index, entry in enumerate(holder.value):
        if entry == {}:
            what = "adds nothing" if keyword == "allOf" else "matches any value"
            yield holder.loc.child(index), f"{where} has an empty schema, which {what}"
            continue
        member = doc.resolve(holder.loc.child(index), entry)
        if member is None:
            continue
        key = _member_key(entry, member)
        if key in seen:
            twice = f"{where} lists one schema twice ({seen[key]} and {index})"
            yield holder.loc.child(index), twice
        seen.setdefault(key, index)
        if keyword == "oneOf" and _admits_null(doc, member.value):
            nullable.append(index)
    if len(nullable) > 1:
        first, second = nullable[:2]
        both = f"{where}: null matches both schema {first} and schema {second}"
        yield holder.loc.child(second), both


@rule(
    "composition-logical",
    area="structure",
    severity="warn",
    summary="allOf, anyOf and oneOf combine schemas that make a difference.",
)
def composition_logical(doc: Document, options: Mapping[str, Any]) -> Findings:
    """An ``allOf``, ``anyOf`` or ``oneOf`` combines schemas that make a difference (Redocly's
    ``no-illogical-composition-keywords``). Reported: a ``oneOf`` or ``anyOf`` of a single
    schema, unless a ``discriminator`` stands beside it or only annotations do
    (``description``, ``nullable``, ``x-`` extensions...: a wrapper that annotates a
    ``$ref``, OpenAPI 3.0's way to do it); an ``allOf`` of a single schema with nothing beside
    it (one that extends a schema with a ``discriminator`` declares a subtype and is not
    reported); a schema listed twice in one list (the same ``$ref`` target, or the same inline
    schema); an empty schema (``{}``) as a member; two members of a ``oneOf`` that both accept
    ``null`` by their own ``type`` (or 3.0's ``nullable``).

    Why: a composition with one branch is indirection that generated code turns into a
    needless wrapper type; a repeated or empty member is a merge or copy slip; and a ``null``
    two ``oneOf`` branches accept matches both, so ``oneOf`` rejects the very value it meant to
    allow.

    Example:
        bad:
            components:
              schemas:
                Pet:
                  oneOf:
                    - $ref: "#/components/schemas/Cat"
        good:
            components:
              schemas:
                Pet:
                  oneOf:
                    - $ref: "#/components/schemas/Cat"
                    - $ref: "#/components/schemas/Dog"
    """
    for schema in doc.schemas:
        for keyword in _COMPOSITIONS:
            holder = doc.child(schema, keyword) if keyword in schema.value else None
            if holder is None or not isinstance(holder.value, list) or not holder.value:
                continue
            check = _single_member if len(holder.value) == 1 else _members_problems
            yield from check(doc, schema, keyword, holder)


# -- number-range-mixed ------------------------------------------------------------------------


_BOUNDS = (("minimum", "exclusiveMinimum"), ("maximum", "exclusiveMaximum"))


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


@rule(
    "number-range-mixed",
    area="structure",
    severity="warn",
    summary="A bound is inclusive or exclusive, not both (minimum and exclusiveMinimum).",
    formats={"3.1", "3.2"},
)
def number_range_mixed(doc: Document, options: Mapping[str, Any]) -> Findings:
    """A schema does not give both ``minimum`` and ``exclusiveMinimum``, nor both ``maximum``
    and ``exclusiveMaximum`` (Redocly's ``no-mixed-number-range-constraints``). In OpenAPI 3.1
    (JSON Schema 2020-12) the exclusive forms are numbers of their own, no longer the booleans
    of 3.0; each pair is reported at its exclusive keyword.

    Why: two lower bounds leave the reader to work out which one wins, and the pair is almost
    always a 3.0 schema converted by hand (``exclusiveMinimum: true`` turned into a number
    beside the old ``minimum``): say whether the bound itself is allowed, once.

    Example:
        bad:
            components:
              schemas:
                Price:
                  type: number
                  minimum: 0
                  exclusiveMinimum: 0
        good:
            components:
              schemas:
                Price:
                  type: number
                  exclusiveMinimum: 0
                  maximum: 1000
    """
    for schema in doc.schemas:
        value = schema.value
        for inclusive, exclusive in _BOUNDS:
            if _is_number(value.get(inclusive)) and _is_number(value.get(exclusive)):
                yield (
                    schema.loc.child(exclusive),
                    f"{_named(schema)} has both {inclusive} and {exclusive}",
                )


# -- nullable-type-sibling ---------------------------------------------------------------------


@rule(
    "nullable-type-sibling",
    area="structure",
    severity="warn",
    summary="nullable: true stands beside a type (OpenAPI 3.0).",
    formats={"3.0"},
)
def nullable_type_sibling(doc: Document, options: Mapping[str, Any]) -> Findings:
    """A 3.0 schema with ``nullable: true`` has a ``type`` in the same object (Redocly's
    ``nullable-type-sibling``). OpenAPI 3.0.3 says ``nullable`` adds ``null`` to the types
    that ``type`` names in the same Schema Object, and to nothing else: it does not reach
    into ``allOf``, ``oneOf`` or ``anyOf``, or a ``$ref``. Where ``nullable`` beside a
    composition without a type is a spec's habit (three or more, and nearly all of its
    nullable compositions), that habit is one finding, with every place related.

    Why: without a type, ``nullable: true`` has no effect by the specification, while some
    tools honour it anyway; validators and generated clients then disagree on whether
    ``null`` is allowed.

    Example:
        bad:
            components:
              schemas:
                MiddleName:
                  description: The person's middle name, if any.
                  nullable: true
        good:
            components:
              schemas:
                MiddleName:
                  type: string
                  nullable: true
    """
    wrappers: list[tuple[Any, str]] = []
    compositions = 0
    for schema in doc.schemas:
        value = schema.value
        if value.get("nullable") is not True:
            continue
        composed = any(key in value for key in _COMPOSITIONS)
        compositions += composed
        if "type" in value:
            continue
        finding = (
            schema.loc.child("nullable"),
            f"nullable of {_named(schema)} has no effect: the schema has no type",
        )
        if composed:
            wrappers.append(finding)
        else:
            yield finding
    habit = (
        "{failing} of the {total} schemas with nullable beside allOf/anyOf/oneOf have no "
        "type: nullable has no effect there"
    )
    yield from _spec_wide(wrappers, compositions, habit)


# -- discriminator-property --------------------------------------------------------------------


def _required_list(value: Any) -> list[Any]:
    required = value.get("required") if isinstance(value, dict) else None
    return required if isinstance(required, list) else []


def _swagger_discriminator(doc: Document, schema: Schema) -> Iterator[tuple[Location, str]]:
    name = schema.value["discriminator"]
    if not isinstance(name, str):
        return  # not a string: oas-schema reports it
    where = schema.loc.child("discriminator")
    properties = doc.child(schema, "properties")
    if properties is None or not isinstance(properties.value, dict) or name not in properties.value:
        yield where, f"discriminator '{name}' of {_named(schema)} is not one of its properties"
    elif name not in _required_list(schema.value):
        yield where, f"discriminator '{name}' of {_named(schema)} is not in its required list"


def _openapi_discriminator(doc: Document, schema: Schema) -> Iterator[tuple[Location, str]]:
    discriminator = schema.value["discriminator"]
    if not isinstance(discriminator, dict):
        return
    name = discriminator.get("propertyName")
    if not isinstance(name, str) or not name or not declares(doc, schema, name):
        return  # a discriminator that cannot be resolved: example-valid reports it
    requirement = Requirement(doc, name)
    if requirement.of(schema):
        return
    # the member that lets it be omitted is where the fix goes: the discriminators of every
    # union of that member then read the same and make one finding
    members = [m for k in ("oneOf", "anyOf") for m in _members(doc, schema, k)]
    within = frozenset({schema.loc})
    lax = next((m for m in members if not requirement.of(m, within)), schema)
    yield (
        schema.loc.child("discriminator", "propertyName"),
        f"discriminator property '{name}' is not required by {_named(lax)}, "
        "so a payload may omit it",
    )


@rule(
    "discriminator-property",
    area="structure",
    severity="error",
    summary="A discriminator names a property every payload must have.",
    formats={"2.0", "3.0", "3.1"},
)
def discriminator_property(doc: Document, options: Mapping[str, Any]) -> Findings:
    """A discriminator names a property that every payload must carry. In Swagger 2.0 the
    ``discriminator`` (a property name) is one of the schema's own ``properties`` and is in
    its ``required`` list (Spectral's ``oas2-discriminator``). In OpenAPI 3.0 and 3.1 the
    ``propertyName`` is required: by the schema or a schema of its ``allOf``, or by every
    member of its ``oneOf``/``anyOf``. A 3.x discriminator that cannot be resolved (no
    ``propertyName``, a property no subschema declares) is left to ``example-valid``, which
    reports it. OpenAPI 3.2 allows an optional property with a ``defaultMapping``; there
    ``discriminator-default-mapping`` judges it.

    Why: a payload without the property cannot be told apart: clients and servers cannot pick
    the schema, and generated code fails to deserialize it. Swagger 2.0 and OpenAPI 3.0/3.1
    say the property must be required.

    Example:
        bad:
            components:
              schemas:
                Pet:
                  type: object
                  discriminator:
                    propertyName: petType
                  properties:
                    petType:
                      type: string
        good:
            components:
              schemas:
                Pet:
                  type: object
                  required: [petType]
                  discriminator:
                    propertyName: petType
                  properties:
                    petType:
                      type: string
    """
    check = _swagger_discriminator if doc.is_swagger else _openapi_discriminator
    for schema in doc.schemas:
        if "discriminator" in schema.value:
            yield from check(doc, schema)
