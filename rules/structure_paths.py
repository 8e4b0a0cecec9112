"""Structure rules about the set of paths: two paths that are the same route, or that a single
URL could match.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Mapping
from typing import Any

from apilint.rule import Document, Findings, pointer, rule

_TEMPLATE = re.compile(r"\{[^}]*\}")


def _paths(doc: Document) -> Iterator[tuple[str, str]]:
    """(pointer, path) of each path of the root document that is a URL path."""
    paths = doc.data.get("paths")
    for path in paths if isinstance(paths, dict) else ():
        if isinstance(path, str) and path.startswith("/"):
            yield pointer.join("/paths", path), path


def _shape(path: str) -> str:
    """The path with every parameter's name left out: the route a server sees."""
    return _TEMPLATE.sub("{}", path)


@rule(
    "path-identical",
    area="structure",
    severity="error",
    summary="No two paths differ only in the names of their parameters.",
    supersedes=("path-parameter-name-consistent",),
)
def path_identical(doc: Document, options: Mapping[str, Any]) -> Findings:
    """No two path keys are the same route: equal once the names of their path parameters are
    left out (``/pets/{petId}`` and ``/pets/{name}``). The later one is reported, naming the
    first, in place of ``path-parameter-name-consistent``'s finding on the same path (Redocly's
    ``no-identical-paths``; Spectral's ``path-params`` reports them too).

    Why: OpenAPI says such paths are identical and invalid; a router or a generated client
    keeps one of the two and drops the other's operations.

    Example:
        bad:
            paths:
              /pets/{name}:
                delete:
                  parameters:
                    - name: name
                      in: path
                      required: true
                      schema:
                        type: string
                  responses:
                    "204":
                      description: Deleted.
        good:
            paths:
              /pets/{petId}:
                get:
                  responses:
                    "200":
                      description: A pet.
              /pets/{petId}/toys:
                get:
                  responses:
                    "200":
                      description: Its toys.
                      # ...
    """
    first: dict[str, str] = {}
    for where, path in _paths(doc):
        shape = _shape(path)
        if shape in first:
            yield where, f"path {path} is the same route as {first[shape]} (only names differ)"
        else:
            first[shape] = path


def _is_parameter(segment: str) -> bool:
    return segment.startswith("{") and segment.endswith("}") and segment.count("{") == 1


_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
_UUID = re.compile(r"^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$")


def _accepts(schema: Any, text: str) -> bool:
    """Whether ``text`` could be a value of a path parameter with ``schema`` (its type, enum,
    pattern and uuid format are checked; anything else is taken to accept it)."""
    if not isinstance(schema, dict):
        return True
    kind = schema.get("type")
    kinds = kind if isinstance(kind, list) else [kind]
    if kind is not None and not {"string", None} & set(kinds) and not _NUMBER.match(text):
        return False
    if isinstance(schema.get("enum"), list) and text not in map(str, schema["enum"]):
        return False
    if schema.get("format") == "uuid" and not _UUID.match(text):
        return False
    pattern = schema.get("pattern")
    if isinstance(pattern, str):
        try:
            return re.search(pattern, text) is not None
        except re.error:
            return True
    return True


def _parameter_schemas(doc: Document) -> dict[tuple[str, str], Any]:
    """(path, parameter name) -> the schema of each path parameter (2.0: the parameter)."""
    found: dict[tuple[str, str], Any] = {}
    for operation in doc.operations:
        for param in operation.parameters:
            if param.location == "path" and isinstance(param.value, dict):
                schema = param if doc.is_swagger else doc.child(param, "schema")
                value = schema.value if schema is not None else None
                found.setdefault((operation.path, param.name), value)
    return found


class _Template:
    """A path split into segments (each with whether it is a parameter, and its shape), with
    what each parameter accepts."""

    def __init__(self, path: str, schemas: dict[tuple[str, str], Any]) -> None:
        self.path = path
        self.segments = path.split("/")
        self.opens = [_is_parameter(segment) for segment in self.segments]
        self.shapes = [_shape(segment) for segment in self.segments]
        self.schemas = schemas

    def accepts(self, index: int, text: str) -> bool:
        name = self.segments[index][1:-1]
        return _accepts(self.schemas.get((self.path, name)), text)


def _common_url(one: _Template, other: _Template) -> str | None:
    """A URL both templates match when they cross (each is concrete where the other has a
    parameter that accepts the text, and equal elsewhere); None when they do not, or when one
    is more specific at every segment, so that OpenAPI's rule (concrete paths first) tells
    them apart."""
    one_wins = other_wins = False
    for index, mine_open in enumerate(one.opens):
        theirs_open = other.opens[index]
        if mine_open == theirs_open:
            if not mine_open and one.shapes[index] != other.shapes[index]:
                return None
        elif mine_open:
            if not one.accepts(index, other.segments[index]):
                return None
            other_wins = True
        else:
            if not other.accepts(index, one.segments[index]):
                return None
            one_wins = True
    if not (one_wins and other_wins):
        return None
    return "/".join(
        theirs if open_here else mine
        for mine, theirs, open_here in zip(one.segments, other.segments, one.opens, strict=True)
    )


@rule(
    "path-ambiguous",
    area="structure",
    severity="warn",
    summary="No URL matches two paths of which neither is more specific.",
)
def path_ambiguous(doc: Document, options: Mapping[str, Any]) -> Findings:
    """No two paths cross: one concrete where the other has a parameter and the other way round
    at another segment (``/{entity}/me`` and ``/books/{id}`` both match ``/books/me``). Paths
    where one is concrete wherever they differ (``/pets/mine`` and ``/pets/{petId}``) are fine:
    OpenAPI matches concrete paths first; so are paths whose parameter cannot take the other's
    text (an integer ``{issue_number}`` never matches ``comments``: type, enum, pattern and
    uuid format are checked). A path that crosses several others is one finding, listing them,
    with a URL that two of them match (Redocly's ``no-ambiguous-paths``, which reports each
    pair and ignores the parameters' schemas).

    Why: for the shared URLs the specification does not say which operation answers; routers,
    gateways and mock servers each pick their own.

    Example:
        bad:
            paths:
              /{entity}/me:
                get:
                  parameters:
                    - name: entity
                      in: path
                      required: true
                      schema:
                        type: string
                  responses:
                    "200":
                      description: The caller's entity.
        good:
            paths:
              /issues/{number}/events:  # an integer never matches "comments"
                get:
                  parameters:
                    - name: number
                      in: path
                      required: true
                      schema:
                        type: integer
                  responses:
                    "200":
                    # ...
    """
    schemas = _parameter_schemas(doc)
    places = dict((path, where) for where, path in _paths(doc))
    by_length: dict[int, list[_Template]] = defaultdict(list)
    crossings: dict[str, dict[str, str]] = defaultdict(dict)  # path -> other path -> a URL
    for path in places:
        template = _Template(path, schemas)
        for earlier in by_length[len(template.segments)]:
            url = _common_url(earlier, template)
            if url is not None:
                crossings[earlier.path][path] = url
                crossings[path][earlier.path] = url
        by_length[len(template.segments)].append(template)
    position = {path: index for index, path in enumerate(places)}
    while crossings:  # the path crossing most others (the later on a tie) covers them
        path = max(crossings, key=lambda p: (len(crossings[p]), position[p]))
        others = crossings.pop(path)
        for other in others:
            crossings[other].pop(path, None)
            if not crossings[other]:
                del crossings[other]
        first = min(others, key=position.__getitem__)
        ranked = sorted(others, key=position.__getitem__)
        listed = ", ".join(ranked[:5]) + (f" and {len(ranked) - 5} more" if len(ranked) > 5 else "")
        yield (
            places[path],
            f"path {path} matches the same URLs as {listed} (both it and {first} match"
            f" {others[first]})",
        )
