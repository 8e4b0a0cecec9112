"""The document model: one spec, its version, and indexes that rules read.

Indexes are built once, on first use, by following ``$ref``s through the :class:`Workspace`.
Every indexed item carries the :class:`Location` where it is written, so a rule reports a problem
in the file and at the node where it really is, without walking the tree itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from apilint.model.refs import IGNORE_KEY, Workspace
from apilint.source.loader import LoadError
from apilint.source.locations import Location

#: The methods a path item names as fixed fields (``query`` only from OpenAPI 3.2 on).
HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace", "query")
#: Where OpenAPI 3.2 puts operations of any other method, keyed by the method as sent.
ADDITIONAL_OPERATIONS = "additionalOperations"


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def json_schema_2020(version: str) -> bool:
    """Whether a version's schemas are JSON Schema 2020-12 (3.1 on) rather than OpenAPI's
    subset of draft 4 (2.0, 3.0)."""
    return _version_key(version) >= (3, 1)


def detect_version(data: Any) -> str:
    """``"2.0"``, ``"3.0"``, ``"3.1"`` or ``"3.2"``; a ``LoadError`` for anything that is not
    OpenAPI."""
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else f"a {type(data).__name__} value"
        raise LoadError(f"not an OpenAPI document: the top level is {kind}, not a mapping")
    if "openapi" in data:
        declared = str(data["openapi"])
        match = re.match(r"^3\.([012])\.\d+", declared)
        if match:
            return f"3.{match.group(1)}"
        raise LoadError(
            f"unsupported OpenAPI version '{declared}' (apilint reads 2.0, 3.0.x, 3.1.x and 3.2.x)"
        )
    if "swagger" in data:
        declared = str(data["swagger"])
        if declared == "2.0":
            return "2.0"
        raise LoadError(f"unsupported Swagger version '{declared}' (apilint reads 2.0)")
    raise LoadError("not an OpenAPI document: no 'openapi' or 'swagger' key at the top level")


@dataclass(frozen=True, slots=True)
class Item:
    """A node of the spec: where it is written and its value (after ``$ref``s)."""

    loc: Location
    value: Any


@dataclass(frozen=True, slots=True)
class Parameter(Item):
    """A parameter; ``loc`` is where it is written, ``site`` where this use of it is listed
    (the ``$ref`` entry in an operation's list, when it is shared)."""

    name: str
    location: str  # the parameter's "in"
    site: Location


@dataclass(frozen=True, slots=True)
class Operation(Item):
    """An operation. ``path`` is the path template, the webhook name, or the callback's
    runtime expression; ``webhook`` and ``callback`` say which kind it is."""

    path: str
    method: str
    path_item: Item
    parameters: tuple[Parameter, ...]
    webhook: bool = False
    callback: bool = False

    @property
    def label(self) -> str:
        """How messages name the operation: ``GET /users/{id}``."""
        return f"{self.method.upper()} {self.path}"

    @property
    def operation_id(self) -> str | None:
        value = self.value.get("operationId")
        return value if isinstance(value, str) else None


@dataclass(frozen=True, slots=True)
class Response(Item):
    operation: Operation | None
    status: str


@dataclass(frozen=True, slots=True)
class RequestBody(Item):
    operation: Operation


@dataclass(frozen=True, slots=True)
class Schema(Item):
    name: str | None = None  # the component / definition name, for named schemas


@dataclass(frozen=True, slots=True)
class Property(Item):
    schema: Schema
    name: str


@dataclass(frozen=True, slots=True)
class SecurityScheme(Item):
    """A security scheme; ``site`` is its entry under the schemes section (``loc`` differs
    when that entry is a ``$ref`` to a scheme written elsewhere)."""

    name: str
    site: Location


@dataclass(frozen=True, slots=True)
class SecurityRequirement(Item):
    """One requirement object (``{scheme: [scopes]}``); ``operation`` None for the global one."""

    operation: Operation | None


@dataclass(frozen=True, slots=True)
class Tag(Item):
    name: str


#: The keywords of a Media Type Object whose value is a schema (``itemSchema``: 3.2).
MEDIA_SCHEMA_KEYWORDS = ("schema", "itemSchema")

#: Keywords whose value is one subschema, a list of them, or a map of them.
_ONE = (
    "additionalProperties",
    "unevaluatedProperties",
    "items",
    "additionalItems",
    "unevaluatedItems",
    "contains",
    "propertyNames",
    "not",
    "if",
    "then",
    "else",
    "contentSchema",
)
_LIST = ("allOf", "anyOf", "oneOf", "prefixItems")
_MAP = ("properties", "patternProperties", "dependentSchemas", "$defs", "definitions")
_SUBSCHEMA_KEYWORDS = frozenset((*_ONE, *_LIST, *_MAP))
_KEYWORD_ORDER = {key: rank for rank, key in enumerate((*_ONE, *_LIST, *_MAP))}


def _sent(keyword: str, schema: Item) -> bool:
    """Whether a request subschema is something clients send (not ``readOnly``, not ``not``)."""
    value = schema.value
    return keyword != "not" and not (isinstance(value, dict) and value.get("readOnly") is True)


@dataclass
class Document:
    """A loaded spec with its indexes; rules read it and never change it."""

    workspace: Workspace
    version: str = field(init=False)

    def __post_init__(self) -> None:
        self.version = detect_version(self.workspace.root.data)

    # -- access ----------------------------------------------------------------------------
    @property
    def data(self) -> dict[str, Any]:
        """The root file's data as written (``$ref``s not replaced)."""
        return self.workspace.root.data  # type: ignore[no-any-return]

    @property
    def root(self) -> Location:
        return self.workspace.root_location

    @property
    def is_swagger(self) -> bool:
        return self.version == "2.0"

    def since(self, version: str) -> bool:
        """Whether the document's OpenAPI version is ``version`` or a later one."""
        return _version_key(self.version) >= _version_key(version)

    @property
    def is_json_schema_2020(self) -> bool:
        """Whether schemas are JSON Schema 2020-12 (3.1 on) rather than OpenAPI's subset of
        draft 4 (2.0, 3.0)."""
        return json_schema_2020(self.version)

    @property
    def methods(self) -> tuple[str, ...]:
        """The method fields of a path item in this version (``query`` from 3.2 on)."""
        return HTTP_METHODS if self.since("3.2") else HTTP_METHODS[:-1]

    def resolve(self, loc: Location, value: Any) -> Item | None:
        """The node behind ``value`` (itself unless it is a ``$ref``), None if broken."""
        if not (isinstance(value, dict) and "$ref" in value):
            return Item(loc, value)  # the common case, without the workspace's ref loop
        resolved = self.workspace.resolve(loc, value)
        return None if resolved is None else Item(*resolved)

    def child(self, item: Item, *keys: str | int) -> Item | None:
        """The node at ``keys`` below ``item``, following ``$ref``s at every step."""
        current: Item | None = item
        for key in keys:
            if current is None:
                return None
            value = current.value
            if (isinstance(value, dict) and isinstance(key, str) and key in value) or (
                isinstance(value, list) and isinstance(key, int) and 0 <= key < len(value)
            ):
                current = self.resolve(current.loc.child(key), value[key])
            else:
                return None
        return current

    def entries(self, item: Item | None) -> Iterator[tuple[str, Item]]:
        """(key, resolved item) for each entry of a mapping node, skipping broken refs."""
        if item is None or not isinstance(item.value, dict):
            return
        for key, value in item.value.items():
            resolved = self.resolve(item.loc.child(key), value)
            if resolved is not None:
                yield key, resolved

    def elements(self, item: Item | None) -> Iterator[Item]:
        """Resolved items of a list node, skipping broken refs."""
        if item is None or not isinstance(item.value, list):
            return
        for index, value in enumerate(item.value):
            resolved = self.resolve(item.loc.child(index), value)
            if resolved is not None:
                yield resolved

    @cached_property
    def root_item(self) -> Item:
        return Item(self.root, self.data)

    @cached_property
    def info(self) -> Item | None:
        found = self.child(self.root_item, "info")
        return found if found is not None and isinstance(found.value, dict) else None

    @cached_property
    def components(self) -> Item | None:
        """``components`` (3.x); None in 2.0, where the sections are at the top level."""
        found = self.child(self.root_item, "components")
        return found if found is not None and isinstance(found.value, dict) else None

    def component_section(self, name: str) -> Item | None:
        """A section of reusable objects by its 3.x name (``schemas``, ``parameters``, ...)."""
        if self.is_swagger:
            swagger_names = {
                "schemas": "definitions",
                "securitySchemes": "securityDefinitions",
                "parameters": "parameters",
                "responses": "responses",
            }
            if name not in swagger_names:
                return None
            return self.child(self.root_item, swagger_names[name])
        return self.child(self.components, name) if self.components else None

    # -- indexes ---------------------------------------------------------------------------
    def forget_indexes(self) -> None:
        """Let go of every index built so far; one asked for again is built again. The
        engine does this once the rules have run: on a large spec the indexes are about
        100 MB, not needed to locate the findings."""
        for name in _INDEXES:
            self.__dict__.pop(name, None)

    @cached_property
    def operations(self) -> tuple[Operation, ...]:
        """Every operation under ``paths`` (and ``webhooks`` in 3.1), in document order."""
        found: list[Operation] = []
        for section, webhook in (("paths", False), ("webhooks", True)):
            found.extend(self._operations_in(self.child(self.root_item, section), webhook, False))
        return tuple(found)

    @cached_property
    def callbacks(self) -> tuple[Operation, ...]:
        """Operations of callbacks (3.x): requests the API sends to its clients. Kept apart
        from ``operations`` because their "paths" are runtime expressions, not URLs."""
        sections = [self.child(op, "callbacks") for op in self.operations]
        sections.extend(item for _, item in self.entries(self.component_section("callbacks")))
        found: list[Operation] = []
        seen: set[Location] = set()
        while sections:
            section = sections.pop(0)
            callbacks = [item for _, item in self.entries(section)]
            for callback in callbacks:
                if callback.loc in seen:
                    continue
                seen.add(callback.loc)
                for operation in self._operations_in(callback, False, True):
                    found.append(operation)
                    sections.append(self.child(operation, "callbacks"))
        return tuple(found)

    def _operations_in(
        self, section: Item | None, webhook: bool, callback: bool
    ) -> list[Operation]:
        found: list[Operation] = []
        for path, path_item in self.entries(section):
            if not isinstance(path_item.value, dict):
                continue
            shared = self._parameters(self.child(path_item, "parameters"))
            for method, operation in self._path_item_operations(path_item):
                own = self._parameters(self.child(operation, "parameters"))
                merged = {(p.name, p.location): p for p in shared}
                merged.update({(p.name, p.location): p for p in own})
                found.append(
                    Operation(
                        operation.loc,
                        operation.value,
                        path,
                        method,
                        path_item,
                        tuple(merged.values()),
                        webhook,
                        callback,
                    )
                )
        return found

    def _path_item_operations(self, path_item: Item) -> Iterator[tuple[str, Item]]:
        """(method, operation) of a path item: its method fields, then (3.2) each entry of
        ``additionalOperations``, keyed by the method as it is sent (``COPY``)."""
        for method in self.methods:
            if method in path_item.value:
                operation = self.child(path_item, method)
                if operation is not None and isinstance(operation.value, dict):
                    yield method, operation
        if self.since("3.2"):
            for method, operation in self.entries(self.child(path_item, ADDITIONAL_OPERATIONS)):
                if isinstance(operation.value, dict) and not method.startswith("x-"):
                    yield method, operation

    def _parameters(self, items: Item | None) -> list[Parameter]:
        params = []
        if items is None or not isinstance(items.value, list):
            return params
        for index, raw in enumerate(items.value):
            site = items.loc.child(index)
            item = self.resolve(site, raw)
            if item is not None and (param := self._parameter(item, site)) is not None:
                params.append(param)
        return params

    @staticmethod
    def _parameter(item: Item, site: Location) -> Parameter | None:
        value = item.value
        if isinstance(value, dict) and isinstance(value.get("name"), str):
            return Parameter(item.loc, value, value["name"], str(value.get("in", "")), site)
        return None

    @cached_property
    def parameters(self) -> tuple[Parameter, ...]:
        """Every parameter object once: path-item and operation level (an overridden path-item
        parameter too), of callbacks as well, and the reusable ones."""
        seen: dict[Location, Parameter] = {}
        path_items: dict[Location, Item] = {}
        for operation in (*self.operations, *self.callbacks):
            path_items.setdefault(operation.path_item.loc, operation.path_item)
            for param in self._parameters(self.child(operation, "parameters")):
                seen.setdefault(param.loc, param)
        for section_name in ("paths", "webhooks"):
            for _, item in self.entries(self.child(self.root_item, section_name)):
                path_items.setdefault(item.loc, item)
        for path_item in path_items.values():
            for param in self._parameters(self.child(path_item, "parameters")):
                seen.setdefault(param.loc, param)
        section = self.component_section("parameters")
        for name, item in self.entries(section):
            param = self._parameter(item, section.loc.child(name))  # type: ignore[union-attr]
            if param is not None:
                seen.setdefault(param.loc, param)
        return tuple(seen.values())

    @cached_property
    def request_bodies(self) -> tuple[RequestBody, ...]:
        """3.x ``requestBody`` objects and 2.0 ``in: body`` parameters, one per operation."""
        return tuple(self._request_bodies(self.operations))

    def _request_bodies(self, operations: tuple[Operation, ...]) -> list[RequestBody]:
        found = []
        for operation in operations:
            if self.is_swagger:
                for param in operation.parameters:
                    if param.location == "body":
                        found.append(RequestBody(param.loc, param.value, operation))
            else:
                body = self.child(operation, "requestBody")
                if body is not None and isinstance(body.value, dict):
                    found.append(RequestBody(body.loc, body.value, operation))
        return found

    @cached_property
    def responses(self) -> tuple[Response, ...]:
        """Every response of every operation, by status code (``default`` included)."""
        return tuple(self._responses(self.operations))

    def _responses(self, operations: tuple[Operation, ...]) -> list[Response]:
        found = []
        for operation in operations:
            for status, response in self.entries(self.child(operation, "responses")):
                if isinstance(response.value, dict) and not status.startswith("x-"):
                    found.append(Response(response.loc, response.value, operation, status))
        return found

    @cached_property
    def response_objects(self) -> tuple[Item, ...]:
        """Every response object once: of operations, of callbacks, and the reusable ones."""
        found: dict[Location, Item] = {}
        for response in (*self.responses, *self._responses(self.callbacks)):
            found.setdefault(response.loc, response)
        for _, item in self.entries(self.component_section("responses")):
            if isinstance(item.value, dict):
                found.setdefault(item.loc, item)
        return tuple(found.values())

    def media_schemas(self, item: Item) -> Iterator[Item]:
        """The schema(s) a parameter, header, body or response carries, in any version:
        ``schema``, and each media type's ``schema`` and ``itemSchema`` (3.2: the schema of
        each item of a sequential media type), including those of the headers of its
        ``encoding`` (and 3.2's ``prefixEncoding``/``itemEncoding``)."""
        direct = self.child(item, "schema")
        if direct is not None:
            yield direct
        for _, media in self.entries(self.child(item, "content")):
            yield from self.media_type_schemas(media)

    def media_type_schemas(self, media: Item) -> Iterator[Item]:
        """The schemas of one Media Type Object (``schema``, ``itemSchema``, and those of its
        encodings' headers)."""
        for keyword in MEDIA_SCHEMA_KEYWORDS:
            schema = self.child(media, keyword)
            if schema is not None:
                yield schema
        for encoding in self.encodings(media):
            for _, header in self.entries(self.child(encoding, "headers")):
                yield from self.media_schemas(header)

    def encodings(self, holder: Item) -> Iterator[Item]:
        """Every Encoding Object of a media type, at any depth: ``encoding`` entries, and in
        3.2 ``prefixEncoding`` items, ``itemEncoding``, and the encodings nested in them."""
        pending = [holder]
        seen: set[Location] = set()
        while pending:
            current = pending.pop(0)
            found = [item for _, item in self.entries(self.child(current, "encoding"))]
            found.extend(self.elements(self.child(current, "prefixEncoding")))
            item_encoding = self.child(current, "itemEncoding")
            if item_encoding is not None:
                found.append(item_encoding)
            for encoding in found:
                if encoding.loc not in seen and isinstance(encoding.value, dict):
                    seen.add(encoding.loc)
                    yield encoding
                    pending.append(encoding)

    @cached_property
    def carriers(self) -> tuple[Item, ...]:
        """Everything that carries a schema or content, each once per place it is reached
        from: parameters, request bodies (of callbacks too), responses, headers of responses,
        and the reusable bodies and headers."""
        responses = self.response_objects
        carriers: list[Item] = [*self.parameters, *self.request_bodies, *responses]
        carriers.extend(self._request_bodies(self.callbacks))
        for section in ("requestBodies", "headers"):
            carriers.extend(item for _, item in self.entries(self.component_section(section)))
        for response in responses:
            carriers.extend(item for _, item in self.entries(self.child(response, "headers")))
        return tuple(carriers)

    @cached_property
    def media_types(self) -> tuple[tuple[str, Item], ...]:
        """(media type name, Media Type Object) of every ``content`` entry of what
        :attr:`carriers` holds, and of 3.2's reusable ``components.mediaTypes`` (named by
        their component name), each object once."""
        found: dict[Location, tuple[str, Item]] = {}
        for carrier in self.carriers:
            for name, media in self.entries(self.child(carrier, "content")):
                if isinstance(media.value, dict):
                    found.setdefault(media.loc, (name, media))
        for name, media in self.entries(self.component_section("mediaTypes")):
            if isinstance(media.value, dict):
                found.setdefault(media.loc, (name, media))
        return tuple(found.values())

    @cached_property
    def schemas(self) -> tuple[Schema, ...]:
        """Every schema reachable from components/definitions and operations, each once."""
        schemas = self.component_section("schemas")
        roots: list[Item] = [item for _, item in self.entries(schemas)]
        for carrier in self.carriers:
            roots.extend(self.media_schemas(carrier))
        for _, media in self.entries(self.component_section("mediaTypes")):
            roots.extend(self.media_type_schemas(media))
        return tuple(self._walk_schemas(roots, self._schema_names))

    @cached_property
    def _schema_names(self) -> dict[Location, str]:
        """A schema is named after the component entry it is written in, not one that refers
        to it."""
        schemas = self.component_section("schemas")
        names = {}
        if schemas is not None and isinstance(schemas.value, dict):
            for name, value in schemas.value.items():
                if not (isinstance(value, dict) and "$ref" in value):
                    names[schemas.loc.child(name)] = name
        return names

    @cached_property
    def request_roots(self) -> tuple[Item, ...]:
        """The schema of each parameter and request body clients send (of operations, not
        webhooks, which the API sends), ``readOnly`` ones left out. A 2.0 non-body parameter
        is its own schema."""
        roots: list[Item] = []
        for operation in self.operations:
            if operation.webhook:
                continue
            carriers: list[Item] = list(operation.parameters)
            carriers.extend(body for body in self._request_bodies((operation,)))
            for carrier in carriers:
                value = carrier.value
                if self.is_swagger and "schema" not in value and "type" in value:
                    roots.append(carrier)
                roots.extend(self.media_schemas(carrier))
        return tuple(root for root in roots if _sent("", root))

    @cached_property
    def request_schemas(self) -> tuple[Schema, ...]:
        """Every schema of what clients send (:attr:`request_roots`), at any depth, each once.
        ``readOnly`` schemas and what is under them are left out (clients never send them),
        and so are the schemas of ``not`` (they describe what is not sent)."""
        return tuple(self._walk_schemas(list(self.request_roots), self._schema_names, _sent))

    @cached_property
    def response_schemas(self) -> tuple[Schema, ...]:
        """Every schema of what the API sends: response bodies and headers, and the request
        bodies of its webhooks and callbacks, at any depth, each once."""
        roots: list[Item] = []
        for response in self.response_objects:
            roots.extend(self.media_schemas(response))
            for _, header in self.entries(self.child(response, "headers")):
                if self.is_swagger and isinstance(header.value, dict) and "type" in header.value:
                    roots.append(header)
                roots.extend(self.media_schemas(header))
        webhooks = tuple(operation for operation in self.operations if operation.webhook)
        for body in self._request_bodies((*webhooks, *self.callbacks)):
            roots.extend(self.media_schemas(body))
        return tuple(self._walk_schemas(roots, self._schema_names))

    def subschemas(self, schema: Item) -> Iterator[tuple[str, Item]]:
        """(keyword, resolved subschema) of each direct subschema, in keyword order."""
        value = schema.value
        if not isinstance(value, dict):
            return
        resolve = self.resolve
        for key in sorted(_SUBSCHEMA_KEYWORDS.intersection(value), key=_KEYWORD_ORDER.__getitem__):
            found = value[key]
            if key in _ONE and not (key == "items" and isinstance(found, list)):
                if isinstance(found, dict) and (child := resolve(schema.loc.child(key), found)):
                    yield key, child
                continue
            holder = resolve(schema.loc.child(key), found)  # a map or list may be a $ref
            if holder is None:
                continue
            if key in _MAP and isinstance(holder.value, dict):
                entries: Any = holder.value.items()
            elif key not in _MAP and isinstance(holder.value, list):
                entries = enumerate(holder.value)
            else:
                continue
            for name, raw in entries:
                child = resolve(holder.loc.child(name), raw)
                if child is not None:
                    yield key, child

    def _walk_schemas(
        self,
        roots: list[Item],
        names: dict[Location, str],
        descend: Callable[[str, Item], bool] | None = None,
    ) -> Iterator[Schema]:
        """Each schema reachable from ``roots`` once, depth first in document order;
        ``descend(keyword, child)`` may keep the walk out of some subschemas."""
        seen: set[Location] = set()
        stack = list(reversed(roots))
        while stack:
            item = stack.pop()
            if item.loc in seen or not isinstance(item.value, dict):
                continue
            seen.add(item.loc)
            yield Schema(item.loc, item.value, names.get(item.loc))
            if _SUBSCHEMA_KEYWORDS.isdisjoint(item.value):
                continue
            children = [
                child
                for keyword, child in self.subschemas(item)
                if descend is None or descend(keyword, child)
            ]
            stack.extend(reversed(children))

    @cached_property
    def properties(self) -> tuple[Property, ...]:
        """Every entry of every indexed schema's ``properties``, each schema once (an
        ``x-apilint-ignore`` marker placed among them is not a property)."""
        found = []
        for schema in self.schemas:
            props = schema.value.get("properties")
            if not isinstance(props, dict):
                continue
            for name, value in props.items():
                if name == IGNORE_KEY:
                    continue
                found.append(Property(schema.loc.child("properties", name), value, schema, name))
        return tuple(found)

    @cached_property
    def annotated_items(self) -> tuple[Item, ...]:
        """Every operation, parameter, property and schema, each place once: the things that
        carry annotations such as ``deprecated`` or ``x-`` markers (an inline property is both
        a property and a schema; it counts as the ``Property``)."""
        properties = [prop for prop in self.properties if isinstance(prop.value, dict)]
        seen = {prop.loc for prop in properties}
        schemas = [schema for schema in self.schemas if schema.loc not in seen]
        return (*self.operations, *self.parameters, *properties, *schemas)

    @cached_property
    def security_schemes(self) -> dict[str, SecurityScheme]:
        section = self.component_section("securitySchemes")
        return {
            name: SecurityScheme(item.loc, item.value, name, section.loc.child(name))  # type: ignore[union-attr]
            for name, item in self.entries(section)
            if isinstance(item.value, dict)  # a scheme that is not an object is not one
        }

    @cached_property
    def global_security(self) -> tuple[SecurityRequirement, ...]:
        return tuple(self._requirements(self.child(self.root_item, "security"), None))

    def _requirements(
        self, items: Item | None, operation: Operation | None
    ) -> Iterator[SecurityRequirement]:
        for item in self.elements(items):
            if isinstance(item.value, dict):
                yield SecurityRequirement(item.loc, item.value, operation)

    def security_of(self, operation: Operation) -> tuple[SecurityRequirement, ...] | None:
        """The operation's effective requirements; None if neither it nor the root sets any."""
        if "security" in operation.value:
            return tuple(self._requirements(self.child(operation, "security"), operation))
        if "security" in self.data:
            return self.global_security
        return None

    @cached_property
    def security_requirements(self) -> tuple[SecurityRequirement, ...]:
        """Every requirement object written in the spec: global, then per operation (of
        callbacks too)."""
        found = list(self.global_security)
        for operation in (*self.operations, *self.callbacks):
            if "security" in operation.value:
                found.extend(self._requirements(self.child(operation, "security"), operation))
        return tuple(found)

    @cached_property
    def servers(self) -> tuple[Item, ...]:
        """Server objects (3.x) at the top level, on path items and on operations."""
        found = list(self.elements(self.child(self.root_item, "servers")))
        seen_path_items: set[Location] = set()
        for operation in self.operations:
            if operation.path_item.loc not in seen_path_items:
                seen_path_items.add(operation.path_item.loc)
                found.extend(self.elements(self.child(operation.path_item, "servers")))
            found.extend(self.elements(self.child(operation, "servers")))
        return tuple(item for item in found if isinstance(item.value, dict))

    @cached_property
    def tags(self) -> tuple[Tag, ...]:
        """The top-level tag declarations."""
        return tuple(
            Tag(item.loc, item.value, item.value["name"])
            for item in self.elements(self.child(self.root_item, "tags"))
            if isinstance(item.value, dict) and isinstance(item.value.get("name"), str)
        )


#: The names of the document's indexes (each built on first use, see ``forget_indexes``).
_INDEXES = tuple(
    name for name, value in vars(Document).items() if isinstance(value, cached_property)
)
