"""Examples in a spec and their validation against the schemas they illustrate.

Every ``example``/``examples`` of media types, parameters and schemas, and every schema
``default``, is validated against its schema with the dialect of the spec's version: OpenAPI
3.0's (``nullable``, boolean ``exclusiveMinimum``; also used for 2.0) or 3.1's full JSON Schema
2020-12, as openapi-schema-validator implements them. A validator is compiled once per schema
and reused for all of its examples. ``$ref``s in schemas resolve across the spec's files.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from apilint.analysis import example_screen
from apilint.analysis.example_screen import file_uri
from apilint.model.document import Document, Item
from apilint.source.locations import Location


@dataclass(frozen=True)
class Example:
    """One example value, where it is written, and the schema it must satisfy."""

    loc: Location
    value: Any
    schema: Item
    kind: str  # "example", "default"


def _media_examples(doc: Document, media: Item, schema: Item) -> Iterator[Example]:
    value = media.value
    if "example" in value:
        yield Example(media.loc.child("example"), value["example"], schema, "example")
    for _, example in doc.entries(doc.child(media, "examples")):
        if isinstance(example.value, dict) and "value" in example.value:
            yield Example(example.loc.child("value"), example.value["value"], schema, "example")


def examples(doc: Document) -> Iterator[Example]:
    """Every example and default in the spec with the schema it belongs to: of parameters,
    request bodies, responses (2.0 ``examples`` too), response headers and schemas."""
    carriers: list[Item] = [*doc.parameters, *doc.request_bodies, *doc.response_objects]
    for carrier in carriers:
        if not isinstance(carrier.value, dict):
            continue
        direct = doc.child(carrier, "schema")
        if direct is not None and not doc.is_swagger:
            yield from _media_examples(doc, carrier, direct)  # a 3.x parameter's own examples
        if doc.is_swagger and direct is not None:
            examples_by_type = carrier.value.get("examples")
            if isinstance(examples_by_type, dict):
                for media_type, value in examples_by_type.items():
                    where = carrier.loc.child("examples", media_type)
                    yield Example(where, value, direct, "example")
        for _, media in doc.entries(doc.child(carrier, "content")):
            schema = doc.child(media, "schema")
            if schema is not None and isinstance(media.value, dict):
                yield from _media_examples(doc, media, schema)
    if not doc.is_swagger:  # 3.x headers carry examples like parameters; 2.0 headers none
        headers = {
            header.loc: header
            for response in doc.response_objects
            for _, header in doc.entries(doc.child(response, "headers"))
        }
        for header in headers.values():
            schema = doc.child(header, "schema")
            if schema is not None and isinstance(header.value, dict):
                yield from _media_examples(doc, header, schema)
    for schema in doc.schemas:
        value = schema.value
        if "example" in value:
            yield Example(schema.loc.child("example"), value["example"], schema, "example")
        if doc.version == "3.1" and isinstance(value.get("examples"), list):
            for index, item in enumerate(value["examples"]):
                yield Example(schema.loc.child("examples", index), item, schema, "example")
        if "default" in value:
            yield Example(schema.loc.child("default"), value["default"], schema, "default")


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


class ExampleValidator:
    """Validates examples, compiling one validator per schema location. :meth:`failures`
    first screens all examples at once with a compiled validator (see
    :mod:`apilint.analysis.example_screen`) and checks exactly only those the screen rejects."""

    def __init__(self, doc: Document) -> None:
        self._doc = doc
        self._base_validator: Any = None
        self._validators: dict[Location, Any] = {}

    @property
    def _base(self) -> Any:
        """The validator the others are evolved from, built on first need: most examples pass
        the screen, and openapi-schema-validator costs 0.2 s to import."""
        if self._base_validator is None:
            self._base_validator = self._build_base()
        return self._base_validator

    def _build_base(self) -> Any:
        doc = self._doc
        from openapi_schema_validator import OAS30Validator, OAS31Validator
        from referencing import Registry, Resource
        from referencing.jsonschema import DRAFT4, DRAFT202012

        cls = _linear_patterns(OAS31Validator if doc.version == "3.1" else OAS30Validator)
        spec = DRAFT202012 if doc.version == "3.1" else DRAFT4
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
        """The most relevant reason the example fails its schema, or None if it is valid."""
        from jsonschema.exceptions import best_match

        try:
            # jsonschema walks some keywords in set order; sorted, the choice is the same
            # whatever the hash seed
            errors = sorted(
                self._validator(example.schema).iter_errors(example.value),
                key=lambda error: (tuple(map(str, error.absolute_path)), str(error.validator)),
            )
            error = best_match(errors)
        except Exception:  # an unresolvable $ref or a broken schema: not the example's fault
            return None
        if error is None:
            return None
        path = tuple(str(token) for token in error.absolute_path)
        message = _stable_message(error)
        message = message if len(message) <= 160 else message[:157] + "..."
        return Failure(path, str(error.validator), message)


def _stable_message(error: Any) -> str:
    """jsonschema's message, with the unexpected properties of ``additionalProperties`` in the
    order they are written (jsonschema lists them in set order, which varies between runs)."""
    schema, instance = error.schema, error.instance
    if error.validator != "additionalProperties" or not isinstance(instance, dict):
        return str(error.message)
    known = schema.get("properties", {}) if isinstance(schema, dict) else {}
    patterns = schema.get("patternProperties", {}) if isinstance(schema, dict) else {}
    extras = [
        name
        for name in instance
        if name not in known and not any(re.search(pattern, name) for pattern in patterns)
    ]
    if not extras:
        return str(error.message)
    listed = ", ".join(map(repr, extras))
    verb = "was" if len(extras) == 1 else "were"
    return f"Additional properties are not allowed ({listed} {verb} unexpected)"


def _target(schema: Item) -> str:
    """An absolute ``$ref`` to a schema: its file's URI and its pointer as a fragment."""
    from urllib.parse import quote

    return f"{file_uri(schema.loc.file)}#{quote(schema.loc.pointer, safe='/~')}"
