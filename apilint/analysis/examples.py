"""Examples in a spec and their validation against the schemas they illustrate.

Every ``example``/``examples`` of parameters, headers, schemas and JSON media types (3.2:
every ``dataValue``, and the examples of a sequential media type against its ``itemSchema``),
and every schema ``default``, is validated against its schema with the dialect of the spec's
version: OpenAPI 3.0's (``nullable``, boolean ``exclusiveMinimum``, ``discriminator``; also used
for 2.0) or the full JSON Schema 2020-12 of 3.1 and 3.2, as openapi-schema-validator implements
them. A validator is compiled once per schema and reused for all of its examples. ``$ref``s in
schemas resolve across the spec's files.

What is not checked: examples of media types that are not JSON (an XML or CSV document is
written as a string, which a schema of the data cannot judge), and ``example: null``, which
generators write for an example that was never set. A discriminator that cannot be resolved is
reported once (:func:`broken_discriminators`) and examples are then checked against the plain
union, never blamed for it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import quote

from apilint.analysis import example_screen
from apilint.analysis.example_screen import file_uri
from apilint.model.document import Document, Item
from apilint.model.refs import EXAMPLE_DATA_KEYS
from apilint.source import pointer as jp
from apilint.source.locations import Location

#: Subtypes of JSON streams (one document per line or record): their examples are text.
_JSON_STREAMS = ("ndjson", "jsonl", "json-seq", "jsonlines")
_COMPONENT_SCHEMAS = "#/components/schemas/"
#: A discriminator mapping value that is a schema name rather than a reference.
_SCHEMA_NAME = re.compile(r"[A-Za-z0-9._-]+")


def is_json_media_type(media_type: str) -> bool:
    """Whether a media type's examples are JSON values a schema can judge: ``*/*`` (what
    frameworks write for their JSON payloads) and any type whose subtype names JSON
    (``application/json``, ``application/problem+json``, ``text/json``, ``application/x-json``),
    except JSON streams such as ``application/x-ndjson``. Parameters (``;charset=``) are
    ignored."""
    essence = media_type.split(";", 1)[0].strip().lower()
    if essence == "*/*":
        return True
    kind, _, subtype = essence.partition("/")
    return bool(kind) and "json" in subtype and not any(s in subtype for s in _JSON_STREAMS)


@dataclass(frozen=True)
class Example:
    """One example value, where it is written, and the schema it must satisfy."""

    loc: Location
    value: Any
    schema: Item
    kind: str  # "example", "default"


def _value_examples(
    doc: Document, holder: Item, schema: Item, *, written: bool = True, items: bool = False
) -> Iterator[Example]:
    """The ``example`` (unless null) and each ``examples`` entry's ``value`` and ``dataValue``
    (3.2) of a media type, parameter or header. ``written``: whether ``example`` and ``value``
    are data a schema can judge (not text of another media type); ``dataValue`` always is.
    ``items``: the schema is a sequential media type's ``itemSchema``, so a list is the
    stream of items, each checked on its own."""
    value = holder.value
    found: list[tuple[Location, Any, bool]] = []
    if value.get("example") is not None:
        found.append((holder.loc.child("example"), value["example"], written))
    for _, example in doc.entries(doc.child(holder, "examples")):
        if isinstance(example.value, dict):
            for key in EXAMPLE_DATA_KEYS:
                if key in example.value:
                    data = key == "dataValue" or written
                    found.append((example.loc.child(key), example.value[key], data))
    for loc, data, judged in found:
        if items and isinstance(data, str) and not judged:
            continue
        if items and isinstance(data, list) and not _is_array_schema(schema):
            for index, item in enumerate(data):
                yield Example(loc.child(index), item, schema, "example")
        elif judged or (items and not isinstance(data, str)):
            yield Example(loc, data, schema, "example")


def _is_array_schema(schema: Item) -> bool:
    """Whether a schema declares its values arrays (``type: array``, or a list with it)."""
    kind = schema.value.get("type") if isinstance(schema.value, dict) else None
    return kind == "array" or (isinstance(kind, list) and "array" in kind)


def examples(doc: Document) -> Iterator[Example]:
    """Every example and default in the spec with the schema it belongs to, each once (an
    example shared through ``$ref`` is where it is written): of parameters, request bodies,
    responses (2.0 ``examples`` too), headers and schemas. Examples of media types that are
    not JSON (:func:`is_json_media_type`) and ``example: null`` are left out."""
    seen: set[tuple[Location, Location]] = set()
    for example in _examples(doc):
        key = (example.loc, example.schema.loc)
        if key not in seen:
            seen.add(key)
            yield example


def _examples(doc: Document) -> Iterator[Example]:
    for carrier in doc.carriers:
        if not isinstance(carrier.value, dict):
            continue
        direct = doc.child(carrier, "schema")
        if direct is not None and not doc.is_swagger:
            yield from _value_examples(doc, carrier, direct)  # a parameter's or header's own
        if doc.is_swagger and direct is not None:
            examples_by_type = carrier.value.get("examples")
            if isinstance(examples_by_type, dict):
                for media_type, value in examples_by_type.items():
                    if value is not None and is_json_media_type(str(media_type)):
                        where = carrier.loc.child("examples", media_type)
                        yield Example(where, value, direct, "example")
    for media_type, media in doc.media_types:
        written = is_json_media_type(media_type)  # a reusable one is named, not typed
        schema = doc.child(media, "schema")
        if schema is not None:
            yield from _value_examples(doc, media, schema, written=written)
        item_schema = doc.child(media, "itemSchema")  # 3.2: each item of a sequence
        if item_schema is not None and schema is None:
            yield from _value_examples(doc, media, item_schema, written=False, items=True)
    for schema in doc.schemas:
        value = schema.value
        if value.get("example") is not None:
            yield Example(schema.loc.child("example"), value["example"], schema, "example")
        if doc.is_json_schema_2020 and isinstance(value.get("examples"), list):
            for index, item in enumerate(value["examples"]):
                yield Example(schema.loc.child("examples", index), item, schema, "example")
        if "default" in value:
            yield Example(schema.loc.child("default"), value["default"], schema, "default")


# -- discriminators -----------------------------------------------------------------------------


@dataclass(frozen=True)
class BrokenDiscriminator:
    """A discriminator that cannot be resolved (``reported``), or whose values only its
    branches tell apart: where it is written, and why."""

    loc: Location
    reason: str
    schema: Any  # the schema object holding it, as loaded (validators meet the same object)
    reported: bool = True


def broken_discriminators(doc: Document) -> list[BrokenDiscriminator]:
    """Each 3.x ``discriminator`` that cannot be resolved: no ``propertyName``, a property no
    schema of the union declares, or a ``mapping`` entry that points at nothing. Also, not
    ``reported``: one whose branches fix values (``const``/``enum``) that map to no schema (no
    mapping entry, no component schema of that name), which tools then tell apart by those
    values, not by the discriminator. Examples of both are checked against the plain
    branches."""
    if doc.is_swagger:
        return []
    found = []
    for schema in doc.schemas:
        if "discriminator" in schema.value:
            problem = _discriminator_problem(doc, schema)
            if problem is not None:
                where = schema.loc.child("discriminator")
                found.append(BrokenDiscriminator(where, problem[0], schema.value, problem[1]))
    return found


def _discriminator_problem(doc: Document, schema: Item) -> tuple[str, bool] | None:
    """Why a discriminator cannot be used, and whether that is reported."""
    discriminator = schema.value["discriminator"]
    if not isinstance(discriminator, dict):
        return "it is not an object", True
    name = discriminator.get("propertyName")
    if not isinstance(name, str) or not name:
        return "it has no propertyName", True
    mapping = discriminator.get("mapping", {})
    if not isinstance(mapping, dict):
        return "its mapping is not an object", True
    names = _component_schema_names(doc)
    site = schema.loc.child("discriminator", "mapping")
    for value, target in mapping.items():
        if not isinstance(target, str):
            return f"mapping {value!r} is not a string", True
        if not _mapping_resolves(doc, site.child(value), target, names):
            return f"mapping {value!r} points at {target!r}, which does not exist", True
    if not declares(doc, schema, name):
        return f"property {name!r} is not declared by the schema or any of its subschemas", True
    for keyword in ("oneOf", "anyOf"):
        for branch in doc.elements(doc.child(schema, keyword)):
            fixed = [v for found in _declarations(doc, branch, name, set()) for v in _fixed(found)]
            if fixed and not any(v in mapping or v in names for v in fixed):
                reason = (
                    f"value {fixed[0]!r} of {name!r} (in {_short(branch.loc)}) maps to no schema"
                )
                return reason, False
    return None


def _component_schema_names(doc: Document) -> set[str]:
    section = doc.component_section("schemas")
    return set(section.value) if section is not None and isinstance(section.value, dict) else set()


def mapping_resolves(doc: Document, site: Location, target: str) -> bool:
    """Whether a discriminator's mapping value (or 3.2 ``defaultMapping``), written at
    ``site``, is a component schema's name or a reference that resolves (one not followed,
    remote or outside the project, is given the benefit of the doubt)."""
    return _mapping_resolves(doc, site, target, _component_schema_names(doc))


def _mapping_resolves(doc: Document, site: Location, target: str, names: set[str]) -> bool:
    """Whether a mapping value is a component schema's name or a reference that resolves (one
    not followed, remote or outside the project, is given the benefit of the doubt)."""
    if _SCHEMA_NAME.fullmatch(target) and target in names:
        return True
    return not doc.workspace.is_broken(site, target)


def declares(doc: Document, schema: Item, name: str) -> bool:
    """Whether ``schema`` or one of its ``allOf``/``oneOf``/``anyOf`` subschemas declares
    property ``name`` (a discriminator whose property none declares cannot be resolved, and
    :func:`broken_discriminators` reports it)."""
    return any(True for _ in _declarations(doc, schema, name, set()))


def _declarations(doc: Document, schema: Item, name: str, seen: set[Location]) -> Iterator[Item]:
    """The schemas of property ``name`` in ``schema`` and its ``allOf``/``oneOf``/``anyOf``
    subschemas, following ``$ref``s."""
    if schema.loc in seen or not isinstance(schema.value, dict):
        return
    seen.add(schema.loc)
    declared = doc.child(schema, "properties", name)
    if declared is not None:
        yield declared
    for keyword in ("allOf", "oneOf", "anyOf"):
        for part in doc.elements(doc.child(schema, keyword)):
            yield from _declarations(doc, part, name, seen)


def _fixed(declared: Item) -> list[str]:
    """The values a property schema allows, when it lists them (``const``, ``enum``)."""
    value = declared.value
    if not isinstance(value, dict):
        return []
    if isinstance(value.get("const"), str):
        return [value["const"]]
    enum = value.get("enum")
    return [item for item in enum if isinstance(item, str)] if isinstance(enum, list) else []


def _short(loc: Location) -> str:
    return "#" + loc.pointer


def _discriminating(cls: Any, broken: Callable[[Any], bool]) -> Any:
    """The validator class with OpenAPI 3.0's ``discriminator``: a ``oneOf``/``anyOf`` with one
    checks the object against the schema its discriminating value maps to (``mapping``, a
    schema name there too, else the component schema of that name). A broken discriminator
    (see :func:`broken_discriminators`) is left out: its union is checked as an ``anyOf``, so
    the example is only blamed when it matches no branch. ``allOf`` is always plain."""
    from jsonschema import ValidationError
    from jsonschema.validators import Draft4Validator, extend

    plain = Draft4Validator.VALIDATORS

    def dispatch(validator: Any, branches: Any, instance: Any, schema: Any) -> Iterator[Any]:
        discriminator = schema["discriminator"]
        name = discriminator["propertyName"]
        if not validator.is_type(instance, "object"):
            yield ValidationError(f"{instance!r} is not of type 'object'", validator="type")
            return
        value = instance.get(name)
        if not isinstance(value, str) or not value:
            message = f"the discriminating property {name!r} is missing or not a string"
            yield ValidationError(message, validator="discriminator")
            return
        mapping = discriminator.get("mapping") or {}
        target = mapping.get(value)
        candidates = [_COMPONENT_SCHEMAS + quote(jp.escape(value), safe="")]
        if isinstance(target, str):
            candidates = [target]
            if _SCHEMA_NAME.fullmatch(target):
                candidates.insert(0, _COMPONENT_SCHEMAS + target)
        for ref in candidates:
            if _found(validator, ref):
                yield from validator.descend(instance, {"$ref": ref})
                return
        if isinstance(target, str):  # a broken mapping entry: the discriminator's fault
            yield from plain["anyOf"](validator, branches, instance, schema)
            return
        message = (
            f"{value!r} is not a value of discriminator {name!r}: "
            "no mapping entry and no component schema of that name"
        )
        yield ValidationError(message, validator="discriminator", path=[name])

    def union(keyword: str) -> Callable[..., Iterator[Any]]:
        own = plain[keyword]

        def check(validator: Any, branches: Any, instance: Any, schema: Any) -> Iterator[Any]:
            discriminator = schema.get("discriminator")
            if not isinstance(discriminator, dict):
                yield from own(validator, branches, instance, schema)
            elif broken(schema):
                yield from plain["anyOf"](validator, branches, instance, schema)
            else:
                yield from dispatch(validator, branches, instance, schema)

        return check

    return extend(cls, {"oneOf": union("oneOf"), "anyOf": union("anyOf"), "allOf": plain["allOf"]})


def _found(validator: Any, ref: str) -> bool:
    """Whether a reference resolves from where the validator is in the schemas."""
    try:
        validator._resolver.lookup(ref)
    except Exception:  # referencing's Unresolvable, or a reference it cannot parse
        return False
    return True


# -- validation ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Failure:
    """Why an example does not match: the failing keyword, the path inside the example."""

    path: tuple[str, ...]
    keyword: str
    message: str


@lru_cache(maxsize=4096)
def _pattern_matcher(pattern: str) -> Any:
    """A compiled jsonschema-rs check of one ``pattern``: a regex engine without catastrophic
    backtracking (a spec's pattern such as ``(a+)+$`` made Python's ``re`` run for hours on one
    example); None when jsonschema-rs is absent or cannot compile the pattern."""
    try:
        import jsonschema_rs

        return jsonschema_rs.validator_for({"type": "string", "pattern": pattern})
    except Exception:  # not installed, or a pattern its engine does not take
        return None


def _linear_patterns(cls: Any) -> Any:
    """The validator class with ``pattern`` checked by jsonschema-rs where it can be. A pattern
    it cannot compile is not checked at all: an example is never validated by a backtracking
    engine on a pattern someone else wrote."""
    from jsonschema import ValidationError
    from jsonschema.validators import extend

    def pattern(validator: Any, written: Any, instance: Any, schema: Any) -> Any:
        if not (isinstance(written, str) and validator.is_type(instance, "string")):
            return
        matcher = _pattern_matcher(written)
        if matcher is not None and not matcher.is_valid(instance):
            yield ValidationError(f"{instance!r} does not match {written!r}")

    return extend(cls, {"pattern": pattern})


def _tolerant_refs(cls: Any) -> Any:
    """The validator class with a ``$ref`` that points at nothing taken as "anything": the
    broken reference is ``ref-unresolved``'s finding, and the rest of the schema still checks
    the example (an unrelated broken part never makes an example pass unchecked)."""
    from jsonschema.validators import extend
    from referencing.exceptions import Unresolvable

    followed = cls.VALIDATORS["$ref"]

    def ref(validator: Any, written: Any, instance: Any, schema: Any) -> Any:
        try:
            errors = list(followed(validator, written, instance, schema))
        except Unresolvable:
            return
        yield from errors

    return extend(cls, {"$ref": ref})


class ExampleValidator:
    """Validates examples, compiling one validator per schema location. :meth:`failures`
    first screens all examples at once with a compiled validator (see
    :mod:`apilint.analysis.example_screen`) and checks exactly only those the screen rejects."""

    def __init__(self, doc: Document, broken: Iterable[BrokenDiscriminator] | None = None) -> None:
        self._doc = doc
        self._base_validator: Any = None
        self._validators: dict[Location, Any] = {}
        found = broken_discriminators(doc) if broken is None else broken
        self._broken = {id(item.schema) for item in found}

    @property
    def _base(self) -> Any:
        """The validator the others are evolved from, built on first need: most examples pass
        the screen, and openapi-schema-validator costs 0.2 s to import."""
        if self._base_validator is None:
            self._base_validator = self._build_base()
        return self._base_validator

    def _build_base(self) -> Any:
        doc = self._doc
        from openapi_schema_validator import OAS30Validator, OAS31Validator, OAS32Validator
        from referencing import Registry, Resource
        from referencing.jsonschema import DRAFT4, DRAFT202012

        if doc.is_json_schema_2020:  # a discriminator is an annotation from 3.1 on
            dialect = OAS32Validator if doc.since("3.2") else OAS31Validator
            cls = _tolerant_refs(_linear_patterns(dialect))
        else:
            broken = self._broken
            base = _tolerant_refs(_linear_patterns(OAS30Validator))
            cls = _discriminating(base, lambda s: id(s) in broken)
        spec = DRAFT202012 if doc.is_json_schema_2020 else DRAFT4
        resources = [
            (file_uri(key), Resource(contents=loaded.data, specification=spec))
            for key, loaded in doc.workspace.files.items()
        ]
        # One validator holds the registry of every file; the others are evolved from it and
        # share its resolver (building each from the registry costs time in the number of files).
        return cls({}, registry=Registry().with_resources(resources))

    def _validator(self, schema: Item) -> Any:
        validator = self._validators.get(schema.loc)
        if validator is None:
            validator = self._base.evolve(schema={"$ref": _target(schema)})
            self._validators[schema.loc] = validator
        return validator

    def failures(self, candidates: Iterable[Example]) -> Iterator[tuple[Example, Failure]]:
        """Each example that does not match its schema, with the reason, in the given order."""
        found = list(candidates)
        files = {file_uri(key): loaded.data for key, loaded in self._doc.workspace.files.items()}
        targets = [_target(example.schema) for example in found]
        values = [example.value for example in found]
        screened = example_screen.rejected(files, self._doc.version, targets, values)
        for index, example in enumerate(found):
            if screened is None or index in screened:
                failure = self.check(example)
                if failure is not None:
                    yield example, failure

    def check(self, example: Example) -> Failure | None:
        """The most relevant reason the example fails its schema, or None if it is valid: the
        failing value deepest in the example that is still certain (in a ``oneOf``/``anyOf``,
        the branch the example evidently means, when one does)."""
        try:
            # jsonschema walks some keywords in set order; sorted, the choice is the same
            # whatever the hash seed
            errors = sorted(
                self._validator(example.schema).iter_errors(example.value),
                key=lambda error: (tuple(map(str, error.absolute_path)), str(error.validator)),
            )
            error = _best(errors, example.value)
        except Exception:  # an unresolvable $ref or a broken schema: not the example's fault
            return None
        if error is None:
            return None
        path = tuple(str(token) for token in error.absolute_path)
        extras = _unexpected(error)
        if extras:
            path = (*path, extras[0])  # the first property that should not be there
        message = _message(error, extras)
        message = message if len(message) <= 160 else message[:157] + "..."
        return Failure(path, str(error.validator), message)


#: Keywords that fail as a consequence of another failure at the same place: a failed
#: ``oneOf`` evaluates no property, so ``unevaluatedProperties`` then rejects them all.
_CONSEQUENCES = frozenset({"unevaluatedProperties", "unevaluatedItems"})


def _best(errors: list[Any], instance: Any) -> Any:
    """jsonschema's ``best_match`` (siblings in the order written), except that an
    ``unevaluatedProperties``/``Items`` error gives way to another error at or below its
    place, and in a ``oneOf``/``anyOf`` it follows the branch the example evidently means
    (:func:`_likely_branch`) instead of stopping at the union whenever the branches' errors
    tie."""
    causes = [error for error in errors if error.validator not in _CONSEQUENCES]
    errors = [
        error
        for error in errors
        if error.validator not in _CONSEQUENCES
        or not any(_within(cause.absolute_path, error.absolute_path) for cause in causes)
    ]
    rank = _relevance(instance)
    best = min(errors, key=rank, default=None)
    while best is not None and best.context:
        branch = _likely_branch(best.context)
        if branch is None:
            break
        best = min(branch, key=rank)
    return best


def _relevance(instance: Any) -> Callable[[Any], tuple[Any, ...]]:
    """jsonschema's ranking of errors in ``instance``, smallest first: the shallowest place
    (more is wrong there), the first of siblings in the order written, then a keyword other
    than ``anyOf``/``oneOf``."""

    orders: dict[int, dict[Any, int]] = {}  # each object's keys, numbered as written

    def key(error: Any) -> tuple[Any, ...]:
        node, places = instance, []
        for token in error.absolute_path:
            if isinstance(node, dict) and token in node:
                order = orders.get(id(node))
                if order is None:
                    order = orders[id(node)] = {name: n for n, name in enumerate(node)}
                places.append(order[token])
            elif isinstance(node, list) and isinstance(token, int) and 0 <= token < len(node):
                places.append(token)
            else:
                break
            node = node[token]
        return (len(error.absolute_path), places, error.validator in ("anyOf", "oneOf"))

    return key


def _within(path: Any, place: Any) -> bool:
    """Whether instance ``path`` is ``place`` or below it."""
    return len(path) >= len(place) and list(path)[: len(place)] == list(place)


def _likely_branch(context: Iterable[Any]) -> list[Any] | None:
    """The errors of the one branch of a union that fits the example best, or None when no
    single branch does. A branch fits worse when its errors say the example is another kind
    of thing (a different ``type`` of value, a different ``const``/``enum`` value of one of its
    properties), then the shallower its first error, then the more errors it has."""
    branches: dict[Any, list[Any]] = {}
    for error in context:
        index = error.relative_schema_path[0] if error.relative_schema_path else None
        branches.setdefault(index, []).append(error)

    def fit(errors: list[Any]) -> tuple[bool, int, int]:
        other_kind = any(
            (error.validator == "type" and not error.relative_path)
            or (error.validator in ("const", "enum") and len(error.relative_path) == 1)
            for error in errors
        )
        return (not other_kind, min(len(error.relative_path) for error in errors), -len(errors))

    ranked = sorted(branches.values(), key=fit, reverse=True)
    if len(ranked) > 1 and fit(ranked[0]) == fit(ranked[1]):
        return None
    return ranked[0] if ranked else None


def _unexpected(error: Any) -> list[str]:
    """The properties ``additionalProperties`` rejects, in the order they are written
    (jsonschema lists them in set order, which varies between runs)."""
    schema, instance = error.schema, error.instance
    if error.validator != "additionalProperties" or not isinstance(instance, dict):
        return []
    known = schema.get("properties", {}) if isinstance(schema, dict) else {}
    patterns = schema.get("patternProperties", {}) if isinstance(schema, dict) else {}
    return [
        str(name)
        for name in instance
        if name not in known and not any(re.search(pattern, str(name)) for pattern in patterns)
    ]


_LITERALS = {"None": "null", "True": "true", "False": "false"}


def _message(error: Any, extras: list[str]) -> str:
    """jsonschema's message, said for a reader of the spec: an object or array is named, not
    repeated whole (the message is then the same for every example that fails the same way),
    null/true/false are written as in JSON, and two common mistakes are named."""
    instance = error.instance
    if extras:
        listed = ", ".join(map(repr, extras))
        verb = "was" if len(extras) == 1 else "were"
        return f"Additional properties are not allowed ({listed} {verb} unexpected)"
    message = str(error.message)
    written = repr(instance)
    if isinstance(instance, (dict, list)) and message.startswith(written):
        message = ("the object" if isinstance(instance, dict) else "the array") + message[
            len(written) :
        ]
    elif written in _LITERALS and message.startswith(written):
        message = _LITERALS[written] + message[len(written) :]
    schema = error.schema if isinstance(error.schema, dict) else {}
    if error.validator == "enum" and instance is None and schema.get("nullable") is True:
        message += "; nullable: true does not add null to an enum, list null in it"
    if error.validator == "type" and isinstance(instance, str) and _json_text(instance):
        message = "a JSON document written as a string: write the value itself, not its text"
    return message


def _json_text(text: str) -> bool:
    """Whether a string holds a JSON object or array."""
    stripped = text.strip()
    if not stripped.startswith(("{", "[")):
        return False
    try:
        return isinstance(json.loads(stripped), (dict, list))
    except ValueError:
        return False


def _target(schema: Item) -> str:
    """An absolute ``$ref`` to a schema: its file's URI and its pointer as a fragment."""
    return f"{file_uri(schema.loc.file)}#{quote(schema.loc.pointer, safe='/~')}"
