"""Private helpers shared by several built-in rule modules: the path keys and the names found at
a location (path segments, parameters, headers, schema names) and the option for a list of names,
used by the ``naming_*`` modules; how messages name an operation, parameter, property or schema,
used by the ``versioning*`` modules; and the blank-text test and response names of the
``documentation_*`` modules.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from apilint.rule import Document, Item, Location, Operation, Parameter, Property, Response, pointer

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


# -- documentation ---------------------------------------------------------------------------------


def _blank(value: Any) -> bool:
    return not isinstance(value, str) or not value.strip()


def _response_label(response: Item) -> str:
    """How messages name a response: ``response 404 of GET /orders``, ``response 'NotFound'``."""
    if isinstance(response, Response) and response.operation is not None:
        return f"response {response.status} of {response.operation.label}"
    return f"response '{pointer.split(response.loc.pointer)[-1]}'"
