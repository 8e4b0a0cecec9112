"""Compare the operations of two specs: paths, parameters, request bodies, responses and
security, matched by meaning rather than by text.

Paths match with their parameter names normalised (``/users/{id}`` is ``/users/{userId}``),
operations by method, parameters by (name, in) — path parameters by their position in the
template, header names in any case — and media types and response codes by value.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, TypeGuard

from apilint.analysis.versions import parse_date
from apilint.changes.model import Recorder
from apilint.changes.schemas import SchemaComparer, canonical
from apilint.changes.settings import DIFF_DEFAULTS
from apilint.changes.stability import STABILITY_LEVELS, STABLE, stability_of
from apilint.model.document import MEDIA_SCHEMA_KEYWORDS, Document, Item, Operation, Parameter
from apilint.source.locations import Location

_PLACEHOLDER = re.compile(r"\{[^}]*\}")
#: Schema keywords a 2.0 non-body parameter or header carries on itself.
_SELF_SCHEMA = ("type", "format", "items", "enum", "pattern", "default", "maximum", "minimum")


def path_key(path: str) -> str:
    """A path template with its parameter names dropped: ``/users/{}``."""
    return _PLACEHOLDER.sub("{}", path)


def _operation_key(operation: Operation) -> tuple[str, str, str]:
    kind = "webhook" if operation.webhook else "path"
    path = operation.path if operation.webhook else path_key(operation.path)
    return kind, path, operation.method


def _match(
    old: tuple[Operation, ...], new: tuple[Operation, ...]
) -> list[tuple[Operation, Operation]]:
    """Pairs of the same operation: by exact path first, then by the path with parameter
    names dropped where that is unambiguous (a spec may have both ``/a/{id}`` and
    ``/a/{name}``), in new-spec order."""
    exact = {(op.webhook, op.path, op.method): op for op in old}
    pairs: dict[int, tuple[Operation, Operation]] = {}
    taken: set[int] = set()
    for index, op in enumerate(new):
        found = exact.get((op.webhook, op.path, op.method))
        if found is not None:
            pairs[index] = (found, op)
            taken.add(id(found))
    loose: dict[tuple[str, str, str], list[Operation]] = {}
    for op in old:
        if id(op) not in taken:
            loose.setdefault(_operation_key(op), []).append(op)
    wanted: dict[tuple[str, str, str], list[int]] = {}
    for index, op in enumerate(new):
        if index not in pairs:
            wanted.setdefault(_operation_key(op), []).append(index)
    for key, indexes in wanted.items():
        candidates = loose.get(key, [])
        if len(indexes) == 1 and len(candidates) == 1:
            pairs[indexes[0]] = (candidates[0], new[indexes[0]])
    return [pairs[index] for index in sorted(pairs)]


def _param_key(operation: Operation, param: Parameter) -> tuple[str, str]:
    if param.location == "path":
        names = [name[1:-1] for name in _PLACEHOLDER.findall(operation.path)]
        if param.name in names:
            return "path", f"#{names.index(param.name)}"
    if param.location == "header":
        return "header", param.name.lower()
    if param.location == "querystring":  # 3.2: the whole query string, one per operation
        return "querystring", ""
    return param.location, param.name


def _is_success(status: str) -> bool:
    return status[:1] in ("2", "3")


@dataclass(frozen=True)
class _Body:
    """A request body in any version: the item, whether it is required, and its media types
    with their schemas."""

    item: Item
    required: bool
    media: dict[str, tuple[Location, Item | None]]


class OperationComparer:
    """Records what changed in each operation, and which operations were added or removed;
    ``options``: the diff settings (the stability and sunset extensions)."""

    def __init__(
        self,
        old: Document,
        new: Document,
        recorder: Recorder,
        schemas: SchemaComparer,
        options: Mapping[str, Any] = DIFF_DEFAULTS,
    ) -> None:
        self.old = old
        self.new = new
        self.recorder = recorder
        self.schemas = schemas
        self.stability_extension: str = options["stability-extension"]
        self.sunset_extension: str = options["sunset-extension"]

    def run(self) -> None:
        pairs = _match(self.old.operations, self.new.operations)
        matched_old = {id(old) for old, _ in pairs}
        matched_new = {id(new) for _, new in pairs}
        for old_op in self.old.operations:
            self.recorder.stability[old_op.label] = self._stability(old_op)
        for old_op, new_op in pairs:  # changes in a pair are named by the new label
            self.recorder.stability[new_op.label] = self._stability(old_op)
        for old_op in self.old.operations:
            if id(old_op) not in matched_old:
                self._removed(old_op)
        for new_op in self.new.operations:
            if id(new_op) not in matched_new:
                kind = "webhook-added" if new_op.webhook else "operation-added"
                near = self._near(self.old, new_op)
                self.recorder.emit(kind, f"{new_op.label} added", near, new_op.loc)
        for old_op, new_op in pairs:
            _Operation(self, old_op, new_op).run()

    def _stability(self, operation: Operation) -> str:
        """The operation's stability level; an invalid one counts as stable."""
        return stability_of(operation.value, self.stability_extension) or STABLE

    def _near(self, doc: Document, operation: Operation) -> Location:
        """The place in ``doc`` nearest to where ``operation`` (of the other spec) would be:
        its path item, else the paths section, else the root."""
        section = "webhooks" if operation.webhook else "paths"
        paths = doc.child(doc.root_item, section)
        if paths is None or not isinstance(paths.value, dict):
            return doc.root
        wanted = operation.path if operation.webhook else path_key(operation.path)
        for path, item in doc.entries(paths):
            if (path if operation.webhook else path_key(path)) == wanted:
                return item.loc
        return paths.loc

    def _removed(self, operation: Operation) -> None:
        near = self._near(self.new, operation)
        if operation.webhook:
            kind, message = "webhook-removed", f"{operation.label} removed"
        elif operation.value.get("deprecated") is True:
            kind, message = (
                "deprecated-operation-removed",
                f"deprecated operation {operation.label} removed",
            )
        else:
            kind = "operation-removed"
            message = f"{operation.label} removed without being deprecated first"
        key = self.recorder.emit(kind, message, operation.loc, near, operation.value)
        self.recorder.confine(key, operation.label)


class _Operation:
    """The comparison of one matched pair of operations."""

    def __init__(self, parent: OperationComparer, old: Operation, new: Operation) -> None:
        self.parent = parent
        self.old = old
        self.new = new
        self.label = new.label

    def emit(
        self, kind: str, message: str, old: Location, new: Location, removed: object = None
    ) -> None:
        key = self.parent.recorder.emit(kind, f"{message}", old, new, removed)
        self.parent.recorder.attribute([key], self.label)

    def schema(
        self, old: Item | None, new: Item | None, prefix: str, noun: str, direction: str
    ) -> None:
        if old is not None and new is not None:
            self.parent.schemas.compare(old, new, prefix, noun, direction, self.label)

    def flag(
        self, keyword: str, old: Item, new: Item, set_: tuple[str, str], unset: tuple[str, str]
    ) -> None:
        """Record ``keyword: true`` appearing (``set_``: kind and message) or going away
        (``unset``), at the keyword on the side that has it."""
        was, now = old.value.get(keyword) is True, new.value.get(keyword) is True
        if now and not was:
            self.emit(*set_, _at(old, keyword), new.loc.child(keyword))
        elif was and not now and unset[0]:
            self.emit(*unset, old.loc.child(keyword), _at(new, keyword))

    def run(self) -> None:
        old, new = self.old, self.new
        self.stability()
        self.flag(
            "deprecated",
            old,
            new,
            ("operation-deprecated", f"{self.label} deprecated"),
            ("operation-reactivated", f"{self.label} is no longer deprecated"),
        )
        self.sunset(old, new, "")
        old_id, new_id = old.operation_id, new.operation_id
        if old_id and old_id != new_id:
            self.emit(
                "operation-id-changed",
                f"operationId changed from '{old_id}' to '{new_id}'"
                if new_id
                else f"operationId '{old_id}' removed",
                old.loc.child("operationId"),
                new.loc.child("operationId") if new_id else new.loc,
            )
        if old.webhook:
            self.webhook_payload()
            return
        self.parameters()
        self.request_body()
        self.responses()
        self.security()

    def stability(self) -> None:
        """An invalid stability level in the new spec; a level that went down or up."""
        extension = self.parent.stability_extension
        before = stability_of(self.old.value, extension)
        after = stability_of(self.new.value, extension)
        old_at, new_at = _at(self.old, extension), _at(self.new, extension)
        if after is None:
            value = json.dumps(self.new.value[extension], ensure_ascii=False, default=str)
            message = f"{extension} {value} is not one of {', '.join(STABILITY_LEVELS)}"
            self.emit("stability-level-invalid", message, old_at, new_at)
        elif before is not None and before != after:
            went_down = STABILITY_LEVELS.index(after) < STABILITY_LEVELS.index(before)
            kind = "stability-decreased" if went_down else "stability-increased"
            self.emit(kind, f"stability level went from {before} to {after}", old_at, new_at)

    def sunset(self, old: Item, new: Item, name: str) -> None:
        """The sunset date of what stays deprecated: removed, or moved earlier (``name``: the
        parameter, empty for the operation)."""
        extension = self.parent.sunset_extension
        before = parse_date(old.value.get(extension))
        if before is None or new.value.get("deprecated") is not True:
            return
        what = f"{name}: sunset date" if name else "sunset date"
        if extension not in new.value:
            message = f"{what} {before.isoformat()} removed while still deprecated"
            self.emit("sunset-removed", message, old.loc.child(extension), new.loc)
            return
        after = parse_date(new.value[extension])
        if after is not None and after < before:
            message = f"{what} moved earlier, from {before.isoformat()} to {after.isoformat()}"
            self.emit(
                "sunset-brought-forward",
                message,
                old.loc.child(extension),
                new.loc.child(extension),
            )

    # -- parameters -----------------------------------------------------------------------
    def _params(self, operation: Operation) -> dict[tuple[str, str], Parameter]:
        return {_param_key(operation, p): p for p in operation.parameters if p.location != "body"}

    def parameters(self) -> None:
        old_params, new_params = self._params(self.old), self._params(self.new)
        removed = [p for key, p in old_params.items() if key not in new_params]
        added = [p for key, p in new_params.items() if key not in old_params]
        for key, old_param in old_params.items():
            if key in new_params:
                self.parameter(old_param, new_params[key])
        removed, added = self._moved_or_renamed(removed, added)
        for param in removed:
            where = f"{param.location} parameter '{param.name}'"
            if param.value.get("deprecated") is True:
                self.emit(
                    "deprecated-parameter-removed",
                    f"deprecated {where} removed",
                    param.site,
                    self.new.loc,
                    param.value,
                )
            else:
                self.emit(
                    "parameter-removed",
                    f"{where} removed without being deprecated first",
                    param.site,
                    self.new.loc,
                    param.value,
                )
        for param in added:
            required = param.value.get("required") is True
            kind = "parameter-added-required" if required else "parameter-added"
            what = "required" if required else "optional"
            self.emit(
                kind,
                f"{what} {param.location} parameter '{param.name}' added",
                self.old.loc,
                param.site,
            )

    def _moved_or_renamed(
        self, removed: list[Parameter], added: list[Parameter]
    ) -> tuple[list[Parameter], list[Parameter]]:
        """Pair a removed and an added parameter of the same name in another place (moved),
        or the only ones of one place, alike but for their name (renamed); then compare each
        pair like a kept parameter."""
        pairs: list[tuple[str, Parameter, Parameter]] = []
        for old_param in list(removed):
            for new_param in added:
                if (
                    new_param.name.lower() == old_param.name.lower()
                    and new_param.location != old_param.location
                ):
                    pairs.append(("parameter-moved", old_param, new_param))
                    removed.remove(old_param)
                    added.remove(new_param)
                    break
        for location in sorted({p.location for p in removed}):
            gone = [p for p in removed if p.location == location]
            came = [p for p in added if p.location == location]
            if len(gone) == 1 and len(came) == 1 and self._alike(gone[0], came[0]):
                pairs.append(("parameter-renamed", gone[0], came[0]))
                removed.remove(gone[0])
                added.remove(came[0])
        for kind, old_param, new_param in pairs:
            if kind == "parameter-moved":
                what = f"moved from {old_param.location} to {new_param.location}"
            else:
                what = f"renamed to '{new_param.name}'"
            message = f"{old_param.location} parameter '{old_param.name}' {what}"
            self.emit(kind, message, old_param.site, new_param.site)
            self.parameter(old_param, new_param)
        return removed, added

    def _alike(self, old: Parameter, new: Parameter) -> bool:
        """Whether two parameters differ only by name (or by the case of their name)."""
        return old.name.lower() == new.name.lower() or self._same_schema(old, new)

    def _same_schema(self, old: Parameter, new: Parameter) -> bool:
        old_schema = _param_schema(self.parent.old, old)
        new_schema = _param_schema(self.parent.new, new)
        if old_schema is None or new_schema is None:
            return old_schema is new_schema
        return canonical(old_schema.value) == canonical(new_schema.value)

    def parameter(self, old: Parameter, new: Parameter) -> None:
        name = f"{new.location} parameter '{new.name}'"
        self.flag(
            "required",
            old,
            new,
            ("parameter-became-required", f"{name} became required"),
            ("parameter-became-optional", f"{name} is no longer required"),
        )
        self.flag("deprecated", old, new, ("parameter-deprecated", f"{name} deprecated"), ("", ""))
        self.sunset(old, new, name)
        swagger = self.parent.old.is_swagger, self.parent.new.is_swagger
        same_place = old.location == new.location  # a moved one has another default style
        if same_place and _style(old, swagger[0]) != _style(new, swagger[1]):
            self.emit(
                "parameter-style-changed",
                f"{name} serialization changed"
                f" from {_style(old, swagger[0])} to {_style(new, swagger[1])}",
                old.loc,
                new.loc,
            )
        self.schema(
            _param_schema(self.parent.old, old),
            _param_schema(self.parent.new, new),
            "parameter",
            name,
            "request",
        )

    def webhook_payload(self) -> None:
        """A webhook's request body is sent by the API and received by its consumers: it is
        compared in the response direction (a new enum value may surprise them)."""
        old = _body(self.parent.old, self.old)
        new = _body(self.parent.new, self.new)
        if old is None or new is None:
            return
        for media_type, (_, old_schema) in old.media.items():
            if media_type in new.media:
                new_schema = new.media[media_type][1]
                self.schema(old_schema, new_schema, "webhook", "webhook payload", "response")

    # -- request body -----------------------------------------------------------------------
    def request_body(self) -> None:
        old = _body(self.parent.old, self.old)
        new = _body(self.parent.new, self.new)
        if old is None and new is None:
            return
        if old is None:
            assert new is not None
            kind = "request-body-added-required" if new.required else "request-body-added"
            what = "required" if new.required else "optional"
            self.emit(kind, f"{what} request body added", self.old.loc, new.item.loc)
            return
        if new is None:
            self.emit("request-body-removed", "request body removed", old.item.loc, self.new.loc)
            return
        if new.required and not old.required:
            self.emit(
                "request-body-became-required",
                "request body became required",
                old.item.loc,
                new.item.loc,
            )
        elif old.required and not new.required:
            self.emit(
                "request-body-became-optional",
                "request body is no longer required",
                old.item.loc,
                new.item.loc,
            )
        for _, old_schema, new_schema in self._media(
            old.media, new.media, "request", old.item.loc, new.item.loc
        ):
            self.schema(old_schema, new_schema, "request", "request body", "request")

    def _media(
        self,
        old: dict[str, tuple[Location, Item | None]],
        new: dict[str, tuple[Location, Item | None]],
        prefix: str,
        old_holder: Location,
        new_holder: Location,
    ) -> Iterator[tuple[str, Item | None, Item | None]]:
        """Report removed and added media types; yield the schemas of those in both (or of
        the only one on each side, when a single media type was replaced)."""
        for media_type, (loc, _) in old.items():
            if media_type not in new:
                self.emit(
                    f"{prefix}-media-type-removed",
                    f"{prefix} media type {media_type} removed",
                    loc,
                    new_holder,
                )
        for media_type, (loc, _) in new.items():
            if media_type not in old:
                self.emit(
                    f"{prefix}-media-type-added",
                    f"{prefix} media type {media_type} added",
                    old_holder,
                    loc,
                )
        common = [m for m in old if m in new]
        if not common and len(old) == 1 and len(new) == 1:
            pairs = [(next(iter(new)), next(iter(old.values())), next(iter(new.values())))]
        else:
            pairs = [(media_type, old[media_type], new[media_type]) for media_type in common]
        for media_type, (old_loc, old_schema), (new_loc, new_schema) in pairs:
            self._schema_presence(prefix, media_type, (old_loc, old_schema), (new_loc, new_schema))
            yield media_type, old_schema, new_schema

    def _schema_presence(
        self,
        prefix: str,
        media_type: str,
        old: tuple[Location, Item | None],
        new: tuple[Location, Item | None],
    ) -> None:
        """A schema given to a request media type that had none (it took any content), or
        taken from a response media type (it may now hold anything)."""
        (old_loc, old_schema), (new_loc, new_schema) = old, new
        if prefix == "request" and old_schema is None and _constrains(new_schema):
            message = f"request media type {media_type} now has a schema: it took any content"
            self.emit("request-media-type-schema-added", message, old_loc, new_schema.loc)
        elif prefix == "response" and _constrains(old_schema) and new_schema is None:
            message = f"response media type {media_type} no longer has a schema"
            self.emit("response-media-type-schema-removed", message, old_schema.loc, new_loc)

    # -- responses --------------------------------------------------------------------------
    def responses(self) -> None:
        old_doc, new_doc = self.parent.old, self.parent.new
        old = {
            status.upper(): item
            for status, item in old_doc.entries(old_doc.child(self.old, "responses"))
            if not status.startswith("x-")
        }
        new = {
            status.upper(): item
            for status, item in new_doc.entries(new_doc.child(self.new, "responses"))
            if not status.startswith("x-")
        }
        holder = new_doc.child(self.new, "responses")
        new_holder = holder.loc if holder is not None else self.new.loc
        holder = old_doc.child(self.old, "responses")
        old_holder = holder.loc if holder is not None else self.old.loc
        for status, item in old.items():
            if status not in new:
                kind = (
                    "response-success-status-removed"
                    if _is_success(status)
                    else "response-status-removed"
                )
                self.emit(kind, f"response {status} removed", item.loc, new_holder, item.value)
        for status, item in new.items():
            old_item = old.get(status)
            if old_item is None:
                kind = (
                    "response-success-status-added"
                    if _is_success(status)
                    else "response-status-added"
                )
                self.emit(kind, f"response {status} added", old_holder, item.loc)
                continue
            if not (isinstance(old_item.value, dict) and isinstance(item.value, dict)):
                continue
            media = self._media(
                _response_media(old_doc, self.old, old_item),
                _response_media(new_doc, self.new, item),
                "response",
                old_item.loc,
                item.loc,
            )
            for _, old_schema, new_schema in media:
                self.schema(
                    old_schema,
                    new_schema,
                    "response",
                    "response body",
                    "response",
                )
            self.headers(status, old_item, item)

    def headers(self, status: str, old: Item, new: Item) -> None:
        old_doc, new_doc = self.parent.old, self.parent.new
        old_headers = {
            name.lower(): item for name, item in old_doc.entries(old_doc.child(old, "headers"))
        }
        new_headers = {
            name.lower(): item for name, item in new_doc.entries(new_doc.child(new, "headers"))
        }
        for name, item in old_headers.items():
            required = isinstance(item.value, dict) and item.value.get("required") is True
            found = new_headers.get(name)
            if found is None:
                kind = "response-required-header-removed" if required else "response-header-removed"
                self.emit(
                    kind,
                    f"response {status} header '{name}' removed",
                    item.loc,
                    new.loc,
                    item.value,
                )
                continue
            now = isinstance(found.value, dict) and found.value.get("required") is True
            if required and not now:
                self.emit(
                    "response-header-became-optional",
                    f"response {status} header '{name}' is no longer required",
                    item.loc.child("required"),
                    found.loc,
                )
            self.schema(
                _header_schema(old_doc, item),
                _header_schema(new_doc, found),
                "response-header",
                f"response header '{name}'",
                "response",
            )
        for name, item in new_headers.items():
            if name not in old_headers:
                self.emit(
                    "response-header-added",
                    f"response {status} header '{name}' added",
                    old.loc,
                    item.loc,
                )

    # -- security ---------------------------------------------------------------------------
    def security(self) -> None:
        old = _alternatives(self.parent.old, self.old)
        new = _alternatives(self.parent.new, self.new)
        old_at = _security_at(self.parent.old, self.old)
        new_at = _security_at(self.parent.new, self.new)
        old_open = not old or any(not alt for alt, _ in old)
        new_open = not new or any(not alt for alt, _ in new)
        if old_open and not new_open:
            self.emit("security-added", f"{self.label} now requires authentication", old_at, new_at)
            return
        if new_open and not old_open:
            self.emit(
                "security-removed",
                f"{self.label} no longer requires authentication",
                old_at,
                new_at,
            )
            return
        old_by_schemes = {frozenset(alt): (alt, loc) for alt, loc in old}
        new_by_schemes = {frozenset(alt): (alt, loc) for alt, loc in new}
        for schemes, (alternative, old_loc) in old_by_schemes.items():
            if schemes not in new_by_schemes:
                if schemes:
                    self.emit(
                        "security-alternative-removed",
                        f"authentication with {_names(schemes)} removed",
                        old_loc,
                        new_at,
                    )
                continue
            found, new_loc = new_by_schemes[schemes]
            for scheme in sorted(schemes):
                more = sorted(set(found[scheme]) - set(alternative[scheme]))
                fewer = sorted(set(alternative[scheme]) - set(found[scheme]))
                if more:
                    self.emit(
                        "security-scopes-added",
                        f"{scheme} requires more scopes: {', '.join(more)}",
                        old_loc,
                        new_loc.child(scheme),
                    )
                if fewer:
                    self.emit(
                        "security-scopes-removed",
                        f"{scheme} no longer requires the scopes {', '.join(fewer)}",
                        old_loc.child(scheme),
                        new_loc,
                    )
        for schemes, (_, new_loc) in new_by_schemes.items():
            if schemes and schemes not in old_by_schemes:
                self.emit(
                    "security-alternative-added",
                    f"authentication with {_names(schemes)} added",
                    old_at,
                    new_loc,
                )


def _at(item: Item, keyword: str) -> Location:
    """The keyword's place when the item writes it (``required: false``), else the item's."""
    return item.loc.child(keyword) if keyword in item.value else item.loc


def _constrains(schema: Item | None) -> TypeGuard[Item]:
    """Whether a schema is given and says something (``{}`` and ``true`` accept anything)."""
    return schema is not None and schema.value not in ({}, True)


def _names(schemes: frozenset[str]) -> str:
    return " and ".join(sorted(schemes))


def _alternatives(
    doc: Document, operation: Operation
) -> list[tuple[dict[str, tuple[str, ...]], Location]]:
    """The operation's effective requirements: each alternative as scheme -> scopes, with
    the place it is written."""
    found = []
    for requirement in doc.security_of(operation) or ():
        scopes = {
            str(name): tuple(str(s) for s in listed) if isinstance(listed, list) else ()
            for name, listed in requirement.value.items()
        }
        found.append((scopes, requirement.loc))
    return found


def _security_at(doc: Document, operation: Operation) -> Location:
    if "security" in operation.value:
        return operation.loc.child("security")
    if "security" in doc.data:
        return doc.root.child("security")
    return operation.loc


def _style(param: Parameter, swagger: bool) -> str:
    """A parameter's serialization with defaults filled in: ``form, explode`` (3.x), the
    ``collectionFormat`` (2.0, ``csv`` by default)."""
    value = param.value
    if swagger:
        return str(value.get("collectionFormat", "csv"))
    default = "form" if param.location in ("query", "cookie") else "simple"
    style = value.get("style", default)
    explode = value.get("explode", style == "form")
    return f"{style}{', explode' if explode is True else ''}"


def _param_schema(doc: Document, param: Parameter) -> Item | None:
    """A parameter's schema in any version (a 2.0 non-body parameter is its own schema)."""
    return _header_schema(doc, param)


def _header_schema(doc: Document, item: Item) -> Item | None:
    schema = doc.child(item, "schema")
    if schema is not None:
        return schema
    for _, media in doc.entries(doc.child(item, "content")):
        return _media_schema(doc, media)
    if doc.is_swagger and isinstance(item.value, dict) and "type" in item.value:
        view = {key: item.value[key] for key in _SELF_SCHEMA if key in item.value}
        for key, value in item.value.items():
            if key.startswith(("max", "min", "exclusive")) or key in ("uniqueItems", "multipleOf"):
                view[key] = value
        return Item(item.loc, view)
    return None


def _media_schema(doc: Document, media: Item) -> Item | None:
    """A media type's schema: ``schema``, else (3.2) the ``itemSchema`` of each item of a
    sequential media type, which is compared the same way."""
    for keyword in MEDIA_SCHEMA_KEYWORDS:
        schema = doc.child(media, keyword)
        if schema is not None:
            return schema
    return None


def _media_types(doc: Document, operation: Operation, key: str) -> dict[str, Location]:
    """2.0: an operation's ``consumes`` or ``produces``, else the spec's, else JSON; each
    with the place it is listed."""
    for holder in (operation, doc.root_item):
        listed = holder.value.get(key)
        if isinstance(listed, list) and listed:
            return {str(m).lower(): holder.loc.child(key, i) for i, m in enumerate(listed)}
    return {"application/json": operation.loc}


def _body(doc: Document, operation: Operation) -> _Body | None:
    if doc.is_swagger:
        for param in operation.parameters:
            if param.location == "body":
                schema = doc.child(param, "schema")
                listed = _media_types(doc, operation, "consumes")
                media = {m: (loc, schema) for m, loc in listed.items()}
                return _Body(param, param.value.get("required") is True, media)
        return None
    body = doc.child(operation, "requestBody")
    if body is None or not isinstance(body.value, dict):
        return None
    media = {
        media_type.lower(): (item.loc, _media_schema(doc, item))
        for media_type, item in doc.entries(doc.child(body, "content"))
    }
    return _Body(body, body.value.get("required") is True, media)


def _response_media(
    doc: Document, operation: Operation, response: Item
) -> dict[str, tuple[Location, Item | None]]:
    if doc.is_swagger:
        schema = doc.child(response, "schema")
        if schema is None:
            return {}
        listed = _media_types(doc, operation, "produces")
        return {m: (loc, schema) for m, loc in listed.items()}
    return {
        media_type.lower(): (item.loc, _media_schema(doc, item))
        for media_type, item in doc.entries(doc.child(response, "content"))
    }
