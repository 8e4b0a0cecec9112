"""Compare an old and a new schema, direction-aware, through ``$ref``s and cycle-safe.

Schemas are compared as what they accept, not as text: ``$ref``s are followed on both sides
(moving a schema into components is no change), ``allOf`` members are merged into one view
(splitting a schema into ``allOf`` parts is no change), and each (old, new) pair of schema
places is compared once per context, however many operations use it; recursive schemas stop
at a pair already being compared.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from apilint.changes.model import Key, Recorder
from apilint.model.document import Document, Item
from apilint.source import pointer as jp
from apilint.source.locations import Location

#: Format pairs where the second accepts every value of the first.
_WIDER_FORMATS = frozenset({("int32", "int64"), ("float", "double")})

#: Size keywords: (keyword, id stem, is an upper bound).
_SIZES = (
    ("maxLength", "max-length", True),
    ("minLength", "min-length", False),
    ("maxItems", "max-items", True),
    ("minItems", "min-items", False),
    ("maxProperties", "max-properties", True),
    ("minProperties", "min-properties", False),
)


@dataclass
class Flat:
    """A schema with its ``allOf`` members merged: each keyword with the place it is written,
    properties by name, and the names listed as required."""

    loc: Location
    keywords: dict[str, tuple[Any, Location]] = field(default_factory=dict)
    properties: dict[str, Item] = field(default_factory=dict)
    #: where each property is written (its ``$ref`` entry when it refers to a schema)
    sites: dict[str, Location] = field(default_factory=dict)
    required: dict[str, Location] = field(default_factory=dict)

    def get(self, keyword: str) -> Any:
        found = self.keywords.get(keyword)
        return None if found is None else found[0]

    def at(self, keyword: str) -> Location:
        """Where ``keyword`` is written, or the schema itself when it is not."""
        found = self.keywords.get(keyword)
        return found[1].child(keyword) if found is not None else self.loc


def flatten(doc: Document, item: Item) -> Flat:
    flat = Flat(item.loc)
    _merge(doc, item, flat, set())
    return flat


def _merge(doc: Document, item: Item, flat: Flat, seen: set[Location]) -> None:
    value = item.value
    if item.loc in seen or not isinstance(value, dict):
        return
    seen.add(item.loc)
    for key, entry in value.items():
        if key not in ("allOf", "required"):
            flat.keywords.setdefault(key, (entry, item.loc))
    holder = doc.child(item, "properties")
    for name, prop in doc.entries(holder):
        if name not in flat.properties:
            flat.properties[name] = prop
            flat.sites[name] = holder.loc.child(name)  # type: ignore[union-attr]
    required = value.get("required")
    if isinstance(required, list):
        for index, name in enumerate(required):
            if isinstance(name, str):
                flat.required.setdefault(name, item.loc.child("required", index))
    for member in doc.elements(doc.child(item, "allOf")):
        _merge(doc, member, flat, seen)


def subject(pointer: str) -> str:
    """How a message names the schema at ``pointer``: by property or component name."""
    return _subject(jp.split(pointer))


def _subject(tokens: list[str]) -> str:
    while len(tokens) >= 2 and tokens[-2] in ("allOf", "anyOf", "oneOf"):
        tokens = tokens[:-2]
    if len(tokens) >= 2 and tokens[-2] == "properties":
        return f"property '{tokens[-1]}'"
    if tokens and tokens[-1] in ("items", "additionalProperties"):
        what = "items" if tokens[-1] == "items" else "additional properties"
        return f"{what} of {_subject(tokens[:-1])}"
    if len(tokens) >= 2 and tokens[-2] in ("schemas", "definitions"):
        return f"schema '{tokens[-1]}'"
    return "schema"


def canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, default=str)


def _shown(value: Any) -> str:
    text = json.dumps(value, default=str)
    return text if len(text) <= 60 else text[:57] + "..."


def _types(flat: Flat) -> set[str] | None:
    """The JSON types a schema allows (None: any), ``null`` included when nullable."""
    written = flat.get("type")
    if isinstance(written, str):
        types = {written}
    elif isinstance(written, list):
        types = {t for t in written if isinstance(t, str)}
    elif flat.properties or "additionalProperties" in flat.keywords:
        types = {"object"}  # what a schema without a type but with properties describes
    elif "items" in flat.keywords:
        types = {"array"}
    else:
        return None
    if flat.get("nullable") is True or flat.get("x-nullable") is True:
        types.add("null")
    return types


def _covers(wide: set[str], narrow: set[str]) -> bool:
    """Whether every value of the ``narrow`` types is one of the ``wide`` types."""
    return all(t in wide or (t == "integer" and "number" in wide) for t in narrow)


def _upper(flat: Flat, prefix: str) -> tuple[float, bool] | None:
    """The bound ``prefix`` (``max``/``min``) as (value, exclusive), in the 3.0 boolean and the
    3.1 numeric forms of ``exclusiveMaximum``/``exclusiveMinimum``."""
    inclusive = flat.get(f"{prefix}imum")
    exclusive = flat.get(f"exclusive{prefix.capitalize()}imum")
    bounds: list[tuple[float, bool]] = []
    if _number(inclusive):
        bounds.append((inclusive, exclusive is True))
    if _number(exclusive):
        bounds.append((exclusive, True))
    if not bounds:
        return None
    if prefix == "max":  # the lowest maximum binds; at a tie, the exclusive one
        return min(bounds, key=lambda b: (b[0], not b[1]))
    return max(bounds, key=lambda b: (b[0], b[1]))


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _tighter(old: tuple[float, bool] | None, new: tuple[float, bool] | None, upper: bool) -> bool:
    """Whether bound ``new`` admits fewer values than bound ``old`` (None: unbounded)."""
    if new is None:
        return False
    if old is None:
        return True
    if new[0] != old[0]:
        return new[0] < old[0] if upper else new[0] > old[0]
    return new[1] and not old[1]


class SchemaComparer:
    """Compares schemas of two documents and records changes with ids ``{prefix}-...``."""

    def __init__(self, old: Document, new: Document, recorder: Recorder) -> None:
        self.old = old
        self.new = new
        self.recorder = recorder
        self._done: dict[tuple[Location, Location, str], list[Key]] = {}
        self._active: set[tuple[Location, Location, str]] = set()

    def compare(
        self, old: Item, new: Item, prefix: str, noun: str, direction: str, operation: str
    ) -> None:
        """Record what changed from ``old`` to ``new`` where ``operation`` uses them."""
        keys = self._compare(old, new, _Context(prefix, noun, direction))
        self.recorder.attribute(keys, operation)

    def _compare(self, old: Item, new: Item, ctx: _Context) -> list[Key]:
        pair = (old.loc, new.loc, ctx.prefix)
        done = self._done.get(pair)
        if done is not None:
            return done
        if pair in self._active or not (
            isinstance(old.value, dict) and isinstance(new.value, dict)
        ):
            return []
        self._active.add(pair)
        keys: list[Key] = []
        try:
            _Pair(self, flatten(self.old, old), flatten(self.new, new), ctx, keys).run()
        finally:
            self._active.discard(pair)
        self._done[pair] = keys
        return keys


@dataclass(frozen=True)
class _Context:
    prefix: str  # the id prefix: parameter, request, response, response-header
    noun: str  # how messages name where the schema is used
    direction: str  # request (clients send it) or response (clients receive it)


class _Pair:
    """One comparison of two flattened schemas; appends the keys of what it records."""

    def __init__(
        self, comparer: SchemaComparer, old: Flat, new: Flat, ctx: _Context, keys: list[Key]
    ):
        self.comparer = comparer
        self.old = old
        self.new = new
        self.ctx = ctx
        self.keys = keys
        self.name = subject(new.loc.pointer)

    def emit(
        self, suffix: str, detail: str, old: Location, new: Location, removed: Any = None
    ) -> None:
        message = f"{self.ctx.noun} {self.name}: {detail}"
        kind = f"{self.ctx.prefix}-{suffix}"
        self.keys.append(self.comparer.recorder.emit(kind, message, old, new, removed))

    def run(self) -> None:
        self.types()
        self.format()
        self.enum()
        self.bounds()
        self.sizes()
        self.other_constraints()
        self.properties()
        self.nested()
        self.variants()
        self.discriminator()

    def both(self, keyword: str) -> tuple[Any, Any]:
        return self.old.get(keyword), self.new.get(keyword)

    def at(self, keyword: str) -> tuple[Location, Location]:
        return self.old.at(keyword), self.new.at(keyword)

    def types(self) -> None:
        old, new = _types(self.old), _types(self.new)
        where = self.at("type")
        if old is None or new is None:
            if old is None and new is not None:
                self.emit("type-narrowed", f"type restricted to {_list(new)}", *where)
            elif old is not None and new is None:
                self.emit("type-widened", f"type {_list(old)} no longer restricted", *where)
            return
        if "null" in old and "null" not in new:
            self.emit("nullable-removed", "null is no longer allowed", *self._null_at())
        elif "null" in new and "null" not in old:
            self.emit("nullable-added", "null is now allowed", *self._null_at())
        old, new = old - {"null"}, new - {"null"}
        if not old or not new or old == new:
            return
        change = f"type changed from {_list(old)} to {_list(new)}"
        if _covers(new, old):
            self.emit("type-widened", change, *where)
        elif _covers(old, new):
            self.emit("type-narrowed", change, *where)
        else:
            self.emit("type-changed", change, *where)

    def _null_at(self) -> tuple[Location, Location]:
        """Where each side says whether null is allowed: its ``nullable`` (``x-nullable``),
        else its ``type``, else the schema itself."""
        return _null_place(self.old), _null_place(self.new)

    def format(self) -> None:
        old, new = self.both("format")
        if old == new or _types(self.old) != _types(self.new):
            return
        where = self.at("format")
        if old is None:
            self.emit("format-added", f"format {new} added", *where)
        elif new is None:
            self.emit("format-removed", f"format {old} removed", *where)
        elif (old, new) in _WIDER_FORMATS:
            self.emit("format-widened", f"format widened from {old} to {new}", *where)
        elif (new, old) in _WIDER_FORMATS:
            self.emit("format-narrowed", f"format narrowed from {old} to {new}", *where)
        else:
            self.emit("format-changed", f"format changed from {old} to {new}", *where)

    def _enum(self, flat: Flat) -> tuple[list[Any] | None, str]:
        if isinstance(flat.get("enum"), list):
            return flat.get("enum"), "enum"
        if "const" in flat.keywords:
            return [flat.get("const")], "const"
        return None, "enum"

    def enum(self) -> None:
        (old, old_key), (new, new_key) = self._enum(self.old), self._enum(self.new)
        if old is None and new is None:
            return
        old_at, new_at = self.old.at(old_key), self.new.at(new_key)
        if old is None:
            self.emit("enum-added", f"values restricted to {_shown(new)}", old_at, new_at)
            return
        if new is None:
            self.emit("enum-removed", "values no longer restricted to an enum", old_at, new_at)
            return
        old_values = {canonical(v): i for i, v in enumerate(old)}
        new_values = {canonical(v): i for i, v in enumerate(new)}
        for text, index in old_values.items():
            if text not in new_values:
                place = old_at.child(index) if old_key == "enum" else old_at
                self.emit("enum-value-removed", f"enum value {text} removed", place, new_at)
        for text, index in new_values.items():
            if text not in old_values:
                place = new_at.child(index) if new_key == "enum" else new_at
                self.emit("enum-value-added", f"enum value {text} added", old_at, place)

    def bounds(self) -> None:
        for prefix, word in (("max", "maximum"), ("min", "minimum")):
            old, new = _upper(self.old, prefix), _upper(self.new, prefix)
            if old == new:
                continue
            upper = prefix == "max"
            where = (
                self.old.at(_bound_keyword(self.old, word)),
                self.new.at(_bound_keyword(self.new, word)),
            )
            detail = f"{word} changed from {_bound(old)} to {_bound(new)}"
            if _tighter(old, new, upper):
                self.emit(f"{prefix}-tightened", detail, *where)
            elif _tighter(new, old, upper):
                self.emit(f"{prefix}-relaxed", detail, *where)

    def sizes(self) -> None:
        for keyword, stem, upper in _SIZES:
            old, new = self.both(keyword)
            old = old if _number(old) else None
            new = new if _number(new) else None
            if old == new or (not upper and {old, new} <= {None, 0}):
                continue
            where = self.at(keyword)
            detail = f"{keyword} changed from {_size(old)} to {_size(new)}"
            old_bound = None if old is None else (old, False)
            new_bound = None if new is None else (new, False)
            if _tighter(old_bound, new_bound, upper):
                self.emit(f"{stem}-tightened", detail, *where)
            else:
                self.emit(f"{stem}-relaxed", detail, *where)

    def other_constraints(self) -> None:
        old, new = self.both("multipleOf")
        if new is not None and old != new and _number(new):
            self.emit(
                "multiple-of-changed",
                f"multipleOf changed from {old} to {new}",
                *self.at("multipleOf"),
            )
        old, new = self.both("uniqueItems")
        if old is not True and new is True:
            self.emit("unique-items-added", "items must now be unique", *self.at("uniqueItems"))
        elif old is True and new is not True:
            self.emit("unique-items-removed", "items may now repeat", *self.at("uniqueItems"))
        old, new = self.both("pattern")
        where = self.at("pattern")
        if old is None and new is not None:
            self.emit("pattern-added", f"pattern {_shown(new)} added", *where)
        elif old is not None and new is None:
            self.emit("pattern-removed", f"pattern {_shown(old)} removed", *where)
        elif old != new:
            self.emit(
                "pattern-changed", f"pattern changed from {_shown(old)} to {_shown(new)}", *where
            )
        if "default" in self.old.keywords or "default" in self.new.keywords:
            old, new = self.both("default")
            present = ("default" in self.old.keywords, "default" in self.new.keywords)
            if present != (True, True) or canonical(old) != canonical(new):
                shown = [
                    _shown(v) if p else "none" for v, p in zip((old, new), present, strict=True)
                ]
                self.emit(
                    "default-changed",
                    f"default changed from {shown[0]} to {shown[1]}",
                    *self.at("default"),
                )

    def properties(self) -> None:
        old, new = self.old, self.new
        request = self.ctx.direction == "request"
        hidden = "readOnly" if request else "writeOnly"  # never in this direction's payloads
        for name, old_prop in old.properties.items():
            new_prop = new.properties.get(name)
            if _flag(old_prop, hidden):
                continue
            if new_prop is None:
                message = f"property '{name}' removed"
                removed = old_prop.value
                self.emit(
                    "property-removed", message, old.sites[name], new.at("properties"), removed
                )
                continue
            if self._flags(name, old_prop, new_prop, hidden):
                continue
            was, now = name in old.required, name in new.required
            if was and not now:
                message = f"property '{name}' is no longer required"
                self.emit("property-became-optional", message, old.required[name], new.sites[name])
            elif now and not was:
                message = f"property '{name}' became required"
                self.emit("property-became-required", message, old.sites[name], new.required[name])
            self.keys.extend(self.comparer._compare(old_prop, new_prop, self.ctx))
        for name, new_prop in new.properties.items():
            if name in old.properties or _flag(new_prop, hidden):
                continue
            required = name in new.required
            suffix = "property-added-required" if required else "property-added"
            what = "required property" if required else "property"
            self.emit(suffix, f"{what} '{name}' added", old.at("properties"), new.sites[name])

    def _flags(self, name: str, old_prop: Item, new_prop: Item, hidden: str) -> bool:
        """Record a property newly ``readOnly``, ``writeOnly`` or ``deprecated``; True when it
        left this direction's payloads (nothing more to compare)."""
        for keyword, suffix in (
            ("readOnly", "property-became-read-only"),
            ("writeOnly", "property-became-write-only"),
            ("deprecated", "property-deprecated"),
        ):
            if _flag(new_prop, keyword) and not _flag(old_prop, keyword):
                where = self.old.sites[name], new_prop.loc.child(keyword)
                self.emit(suffix, f"property '{name}' became {keyword}", *where)
        return _flag(new_prop, hidden)

    def nested(self) -> None:
        comparer = self.comparer
        for keyword in ("items", "additionalProperties"):
            old_raw, new_raw = self.both(keyword)
            if keyword == "additionalProperties":
                self._additional(old_raw, new_raw)
            if isinstance(old_raw, dict) and isinstance(new_raw, dict):
                old_item = comparer.old.resolve(self.old.at(keyword), old_raw)
                new_item = comparer.new.resolve(self.new.at(keyword), new_raw)
                if old_item is not None and new_item is not None:
                    self.keys.extend(comparer._compare(old_item, new_item, self.ctx))

    def _additional(self, old: Any, new: Any) -> None:
        if not (
            self.old.properties
            or self.new.properties
            or "additionalProperties" in self.new.keywords
        ):
            return
        where = self.at("additionalProperties")
        if old is not False and new is False:
            self.emit(
                "additional-properties-restricted",
                "additional properties are no longer allowed",
                *where,
            )
        elif old is False and new is not False:
            self.emit(
                "additional-properties-allowed", "additional properties are now allowed", *where
            )

    def variants(self) -> None:
        comparer = self.comparer
        for keyword in ("oneOf", "anyOf"):
            old_list, new_list = self.both(keyword)
            if not (isinstance(old_list, list) and isinstance(new_list, list)):
                continue
            old_at, new_at = self.at(keyword)
            old_variants = dict(_variants(comparer.old, old_at, old_list))
            new_variants = dict(_variants(comparer.new, new_at, new_list))
            for name, (site, item) in old_variants.items():
                if name not in new_variants:
                    message = f"{keyword} alternative {name} removed"
                    self.emit("variant-removed", message, site, new_at)
                else:
                    self.keys.extend(comparer._compare(item, new_variants[name][1], self.ctx))
            for name, (site, _) in new_variants.items():
                if name not in old_variants:
                    self.emit("variant-added", f"{keyword} alternative {name} added", old_at, site)

    def discriminator(self) -> None:
        old, new = self.both("discriminator")
        if not (isinstance(old, dict) and isinstance(new, dict)):
            return
        where = self.at("discriminator")
        if old.get("propertyName") != new.get("propertyName"):
            before, after = old.get("propertyName"), new.get("propertyName")
            detail = f"discriminator changed from '{before}' to '{after}'"
            self.emit("discriminator-changed", detail, *where)
        old_map, new_map = old.get("mapping"), new.get("mapping")
        if isinstance(old_map, dict):
            for value in old_map:
                if not isinstance(new_map, dict) or value not in new_map:
                    self.emit(
                        "discriminator-mapping-removed",
                        f"discriminator value '{value}' removed",
                        where[0].child("mapping", value),
                        where[1],
                    )


def _variants(
    doc: Document, at: Location, raw: list[Any]
) -> Iterator[tuple[str, tuple[Location, Item]]]:
    """A oneOf/anyOf list's alternatives, named by the component they refer to, else by index,
    with where each is listed and the schema it is."""
    for index, value in enumerate(raw):
        site = at.child(index)
        item = doc.resolve(site, value)
        if item is None:
            continue
        if isinstance(value, dict) and isinstance(value.get("$ref"), str):
            name = f"'{value['$ref'].rpartition('/')[2]}'"
        else:
            name = f"#{index}"
        yield name, (site, item)


def _null_place(flat: Flat) -> Location:
    for keyword in ("nullable", "x-nullable"):
        if keyword in flat.keywords:
            return flat.at(keyword)
    return flat.at("type")


def _bound_keyword(flat: Flat, word: str) -> str:
    """The keyword a bound is written with: ``maximum``, else ``exclusiveMaximum``."""
    exclusive = f"exclusive{word.capitalize()}"
    return exclusive if word not in flat.keywords and exclusive in flat.keywords else word


def _flag(item: Item, keyword: str) -> bool:
    return isinstance(item.value, dict) and item.value.get(keyword) is True


def _list(types: set[str]) -> str:
    return "/".join(sorted(types))


def _bound(bound: tuple[float, bool] | None) -> str:
    if bound is None:
        return "none"
    return f"{bound[0]} (exclusive)" if bound[1] else str(bound[0])


def _size(value: Any) -> str:
    return "none" if value is None else str(value)
