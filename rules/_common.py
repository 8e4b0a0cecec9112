"""Private helpers shared by several built-in rule modules: the path keys and the names found at
a location (path segments, parameters, headers, schema names) and the option for a list of names,
used by the ``naming_*`` modules; how messages name an operation, parameter, property or schema,
used by the ``versioning*`` modules; and the blank-text test and response names of the
``documentation_*`` modules.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, NamedTuple

from apilint.rule import (
    Document,
    Item,
    Location,
    Operation,
    Parameter,
    Property,
    Response,
    pointer,
    subject,
)

# -- naming ----------------------------------------------------------------------------------------

#: An option that lists names or words (allow-lists, banned words), empty by default.
_NAMES = {"type": "array", "items": {"type": "string"}, "default": []}


def _paths(doc: Document) -> Iterator[tuple[str, str]]:
    """(pointer of the path entry, path) for every path key of the root document."""
    paths = doc.data.get("paths")
    if isinstance(paths, dict):
        for path in paths:
            if isinstance(path, str):
                yield pointer.join("/paths", path), path


def _path_segments(doc: Document) -> Iterator[tuple[str, str]]:
    paths = doc.data.get("paths")
    if not isinstance(paths, dict):
        return
    for path in paths:
        if not isinstance(path, str) or not path.startswith("/"):
            continue
        where = pointer.join("/paths", path)
        for segment in path.split("/"):
            # `users:cancel` is a custom method on `users`: both parts are names
            head, _, method = segment.partition(":")
            for part in (head, method):
                if part and "{" not in part:
                    yield where, part


def _parameters(doc: Document, location: str) -> Iterator[tuple[Location, str]]:
    for param in doc.parameters:
        if param.location == location:
            yield param.loc.child("name"), param.name


def _headers(doc: Document) -> Iterator[tuple[Location, str]]:
    yield from _parameters(doc, "header")
    for response in doc.response_objects:
        headers = response.value.get("headers")
        if isinstance(headers, dict):
            for name in headers:
                yield response.loc.child("headers", name), name


def _schema_names(doc: Document) -> Iterator[tuple[Location, str]]:
    section = doc.component_section("schemas")
    if section is not None and isinstance(section.value, dict):
        for name in section.value:
            yield section.loc.child(name), name


# -- versioning ------------------------------------------------------------------------------------


def _label(item: Item) -> str:
    """How messages name an item (made only for a finding)."""
    if isinstance(item, Operation):
        return f"operation {item.label}"
    if isinstance(item, Parameter):
        return f"{item.location} parameter '{item.name}'"
    if isinstance(item, Property):
        return f"property '{item.name}'"
    return f"schema '{getattr(item, 'name', None) or item.loc.pointer}'"


# -- operations ------------------------------------------------------------------------------------

#: An operation-level defect shared by at least this share of a spec's operations (and by
#: :data:`_SPEC_WIDE_MIN` or more) is the spec's way of doing things: one finding, not one per
#: operation.
_SPEC_WIDE_SHARE = 0.9
_SPEC_WIDE_MIN = 3


def _spec_wide(
    failing: list[tuple[Any, str]], total: int, spec_message: str
) -> Iterator[tuple[Any, str]]:
    """The findings of a check run on each of ``total`` operations: each operation's own
    ``(where, message)``, or, when nearly all operations fail it, ``spec_message`` (which may
    use ``{failing}`` and ``{total}``) at each place: the engine makes that one finding with
    the other places related."""
    if len(failing) >= _SPEC_WIDE_MIN and len(failing) >= _SPEC_WIDE_SHARE * total:
        message = spec_message.format(failing=len(failing), total=total)
        for where, _ in failing:
            yield where, message
        return
    yield from failing


def _operations_without(
    doc: Document, lacks: Callable[[Operation], bool], what: str
) -> Iterator[tuple[Any, str]]:
    """``{operation} has no {what}`` for each operation that ``lacks`` it, or the one
    spec-wide finding when nearly all do (:func:`_spec_wide`)."""
    missing = [(op.loc, f"{op.label} has no {what}") for op in doc.operations if lacks(op)]
    spec_message = f"{{failing}} of the {{total}} operations have no {what}"
    yield from _spec_wide(missing, len(doc.operations), spec_message)


# -- documentation ---------------------------------------------------------------------------------


def _blank(value: Any) -> bool:
    return not isinstance(value, str) or not value.strip()


def _response_label(response: Item) -> str:
    """How messages name a response: ``response 404 of GET /orders``, ``response 'NotFound'``."""
    if isinstance(response, Response) and response.operation is not None:
        return f"response {response.status} of {response.operation.label}"
    return f"response '{pointer.split(response.loc.pointer)[-1]}'"


class _Label:
    """A message's name for a node, worked out only when a message uses it (``subject`` for
    every property of a large spec is a tenth of a second that no finding needs)."""

    __slots__ = ("_where",)

    def __init__(self, where: str) -> None:
        self._where = where

    def __str__(self) -> str:
        return f"property {subject(self._where)}"

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)


class _Text(NamedTuple):
    where: Location  # the object holding the field (its child is made only for a finding)
    field: str
    text: str
    name: str | None  # the name the text must not only repeat
    label: str | _Label  # how messages name the object


def _texts(doc: Document) -> Iterator[_Text]:
    """The descriptive texts people read (titles, summaries, descriptions), each once. Titles
    come with no name: a title is a short name, and may be the name."""
    seen: set[tuple[Location, str]] = set()

    def text(
        item: Item, field: str, label: str | _Label, name: str | None = None
    ) -> Iterator[_Text]:
        value = item.value.get(field) if isinstance(item.value, dict) else None
        if isinstance(value, str) and (item.loc, field) not in seen:
            seen.add((item.loc, field))
            yield _Text(item.loc, field, value, name, label)

    info = doc.info
    if info is not None:
        yield from text(info, "title", "info")
        yield from text(info, "description", "info")
    for operation in doc.operations:
        # a summary may be the operationId in words ("List pets"); a description not
        yield from text(operation, "summary", operation.label)
        yield from text(operation, "description", operation.label, operation.operation_id)
    for param in doc.parameters:
        label = f"{param.location} parameter '{param.name}'"
        yield from text(param, "description", label, param.name)
    for body in doc.request_bodies:
        yield from text(body, "description", f"the request body of {body.operation.label}")
    for response in doc.response_objects:
        label = _response_label(response)
        yield from text(response, "description", label)
        for name, header in doc.entries(doc.child(response, "headers")):
            yield from text(header, "description", f"header '{name}' of {label}", name)
    for prop in doc.properties:  # before the schemas: a property's text is checked with its name
        yield from text(prop, "description", _Label(prop.loc.pointer), prop.name)
    for schema in doc.schemas:
        label = f"schema '{schema.name}'" if schema.name else f"the schema at {schema.loc.pointer}"
        yield from text(schema, "title", label)
        yield from text(schema, "description", label, schema.name)
    for tag in doc.tags:
        yield from text(tag, "description", f"tag '{tag.name}'", tag.name)


# -- schemas -------------------------------------------------------------------------------------

#: References apilint does not follow (to the dynamic scope).
DYNAMIC_REFS = ("$recursiveRef", "$dynamicRef")


class Requirement:
    """Whether every value of a schema has property ``name``: the schema requires it, or one of
    its ``allOf`` parts does, or every branch of its ``oneOf`` or ``anyOf`` does. Following a
    reference back to a schema being judged counts as required (a payload leaves the cycle
    through another branch, which decides); a dynamic reference, not followed, too."""

    def __init__(self, doc: Document, name: str) -> None:
        self.doc = doc
        self.name = name
        self.known: dict[Location, bool] = {}  # results that met no cycle

    def of(self, schema: Item, within: frozenset[Location] = frozenset()) -> bool:
        """Whether ``schema`` requires the property; ``within``: schemas being judged around
        it (a reference back to one of them counts as required)."""
        return self._of(schema, within)[0]

    def _of(self, schema: Item, stack: frozenset[Location]) -> tuple[bool, bool]:
        """(required, whether the answer leaned on a schema still being judged)."""
        value, loc = schema.value, schema.loc
        if not isinstance(value, dict):
            return False, False
        if loc in stack:
            return True, True
        if loc in self.known:
            return self.known[loc], False
        if any(key in value for key in DYNAMIC_REFS):
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
