"""Compare an old and a new schema, direction-aware, through ``$ref``s and cycle-safe.

Schemas are compared as what they accept, not as text: ``$ref``s are followed on both sides
(moving a schema into components is no change), ``allOf`` members are merged into one view
(splitting a schema into ``allOf`` parts is no change; where parts repeat a bound, the
tightest one holds), and each (old, new) pair of schema places is compared once per context,
however many operations use it; recursive schemas stop at a pair already being compared. In
JSON Schema 2020-12 documents (3.1 on) the keywords beside a ``$ref`` apply too. A schema
wrapped into a ``oneOf``/``anyOf`` (or unwrapped from one) is compared with the alternative
most like it, and the others are alternatives added (or removed).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from apilint.changes.kinds import KINDS
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
    ("maxContains", "max-contains", True),
    ("minContains", "min-contains", False),
)

#: What a lower size bound is when it is not written (``minContains`` defaults to 1).
_LOWER_DEFAULTS = {"minContains": 1}

#: Patterns that accept every string: changing to one of them removes the pattern.
_ANY_PATTERN = frozenset({"", ".*", "^.*$", ".*$", "^.*", "[\\s\\S]*", "^[\\s\\S]*$"})

#: How many alternatives a wrapped schema is tried against (each is a dry-run comparison).
_MOST_TRIED = 16

#: Keywords holding one subschema compared in the same direction as their schema.
_NESTED = (
    "items",
    "additionalProperties",
    "contains",
    "propertyNames",
    "then",
    "else",
    "contentSchema",
)

#: Keywords whose subschema constrains more where present: (keyword, id stem).
_PRESENCE = (("contains", "contains"), ("if", "condition"), ("propertyNames", "property-names"))

#: Keywords that forbid more when ``false``: (keyword, id stem, what messages call it).
_CLOSERS = (
    ("unevaluatedProperties", "unevaluated-properties", "unevaluated properties"),
    ("unevaluatedItems", "unevaluated-items", "unevaluated items"),
)


@dataclass
class Flat:
    """A schema with its ``allOf`` members merged: each keyword with the place it is written,
    properties by name, and the names listed as required."""

    loc: Location
    keywords: dict[str, tuple[Any, Location]] = field(default_factory=dict)
    #: every part's value of each keyword, outer part first (a bound repeated in parts)
    written: dict[str, list[tuple[Any, Location]]] = field(default_factory=dict)
    #: each merged part: its keywords and where it is
    parts: list[Item] = field(default_factory=list)
    properties: dict[str, Item] = field(default_factory=dict)
    #: where each property is written (its ``$ref`` entry when it refers to a schema)
    sites: dict[str, Location] = field(default_factory=dict)
    #: a property's other definitions (in other ``allOf`` parts), which constrain it too
    refinements: dict[str, list[Item]] = field(default_factory=dict)
    required: dict[str, Location] = field(default_factory=dict)

    def get(self, keyword: str) -> Any:
        found = self.keywords.get(keyword)
        return None if found is None else found[0]

    def at(self, keyword: str) -> Location:
        """Where ``keyword`` is written, or the schema itself when it is not."""
        found = self.keywords.get(keyword)
        return found[1].child(keyword) if found is not None else self.loc

    def copy(self) -> Flat:
        """A copy that merging more into leaves this one as it is."""
        return Flat(
            self.loc,
            dict(self.keywords),
            {key: list(found) for key, found in self.written.items()},
            list(self.parts),
            dict(self.properties),
            dict(self.sites),
            {key: list(found) for key, found in self.refinements.items()},
            dict(self.required),
        )

    def values(self, keyword: str) -> list[tuple[Any, Location]]:
        """Every part's value of ``keyword`` with the place of that keyword."""
        return [(value, loc.child(keyword)) for value, loc in self.written.get(keyword, ())]


def flatten(doc: Document, item: Item) -> Flat:
    flat = Flat(item.loc)
    merge(doc, item, flat)
    return flat


def merge(doc: Document, item: Item, flat: Flat) -> None:
    """Merge ``item`` (with its ``allOf`` parts) into ``flat``: keywords already there win."""
    _merge(doc, item, flat, set())


def schema_item(doc: Document, loc: Location, value: Any) -> Item | None:
    """The schema written at ``loc``: followed when it is a ``$ref``, except a 2020-12
    ``$ref`` with keywords beside it, kept as written (``_merge`` follows it)."""
    if doc.is_json_schema_2020 and _ref(value) is not None and len(value) > 1:
        return Item(loc, value)
    return doc.resolve(loc, value)


def _merge(doc: Document, item: Item, flat: Flat, seen: set[Location]) -> None:
    value = item.value
    if item.loc in seen or not isinstance(value, dict):
        return
    seen.add(item.loc)
    flat.parts.append(item)
    for key, entry in value.items():
        if key not in ("allOf", "required", "$ref"):
            flat.keywords.setdefault(key, (entry, item.loc))
            flat.written.setdefault(key, []).append((entry, item.loc))
    holder = doc.child(item, "properties") if "properties" in value else None
    if holder is not None and isinstance(holder.value, dict):
        for name, raw in holder.value.items():
            prop = schema_item(doc, holder.loc.child(name), raw)
            if prop is None:
                continue
            if name in flat.properties:
                flat.refinements.setdefault(name, []).append(prop)
            else:
                flat.properties[name] = prop
                flat.sites[name] = holder.loc.child(name)
    required = value.get("required")
    if isinstance(required, list):
        for index, name in enumerate(required):
            if isinstance(name, str):
                flat.required.setdefault(name, item.loc.child("required", index))
    if _ref(value) is not None:  # a 2020-12 $ref beside other keywords: its target applies
        target = doc.resolve(item.loc, {"$ref": value["$ref"]})
        if target is not None:
            _merge(doc, target, flat, seen)
    for member in doc.elements(doc.child(item, "allOf")):
        _merge(doc, member, flat, seen)


def subject(pointer: str) -> str:
    """How a message names the schema at ``pointer``: by property or component name."""
    return _subject(jp.split(pointer))


#: Subschema keywords and how messages name what they hold.
_HOLDS = {
    "items": "items",
    "additionalProperties": "additional properties",
    "contains": "contains",
    "propertyNames": "property names",
    "then": "then",
    "else": "else",
    "unevaluatedProperties": "unevaluated properties",
    "unevaluatedItems": "unevaluated items",
}


#: Keywords whose entries a message names by the schema holding them.
_WRAPPERS = ("allOf", "anyOf", "oneOf", "dependentSchemas")


def _subject(tokens: list[str]) -> str:
    while len(tokens) >= 2 and tokens[-2] in _WRAPPERS:
        tokens = tokens[:-2]
    if len(tokens) >= 2 and tokens[-2] == "properties":
        return f"property '{tokens[-1]}'"
    if len(tokens) >= 2 and tokens[-2] == "patternProperties":
        return f"properties named like '{tokens[-1]}' in {_subject(tokens[:-2])}"
    if len(tokens) >= 2 and tokens[-2] == "prefixItems":
        return f"item {tokens[-1]} of {_subject(tokens[:-2])}"
    if tokens and tokens[-1] in _HOLDS:
        return f"{_HOLDS[tokens[-1]]} of {_subject(tokens[:-1])}"
    if len(tokens) >= 2 and tokens[-2] in ("schemas", "definitions"):
        return f"schema '{tokens[-1]}'"
    return "schema"


def canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, default=str)


def _shown(value: Any) -> str:
    return _shown_text(json.dumps(value, default=str))


def _shown_text(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "..."


def _types(flat: Flat) -> set[str] | None:
    """The JSON types a schema allows (None: any), ``null`` included when nullable."""
    written = [_type_set(value) for value, _ in flat.values("type")]
    sets = [found for found in written if found is not None]
    if sets:
        types = sets[0]
        for other in sets[1:]:  # allOf: a value must be of a type every part allows
            types = {t for t in types if t in other or (t == "integer" and "number" in other)} | (
                {"integer"} if "number" in types and "integer" in other else set()
            )
    elif flat.properties or "additionalProperties" in flat.keywords:
        types = {"object"}  # what a schema without a type but with properties describes
    elif "items" in flat.keywords:
        types = {"array"}
    else:
        return None
    if flat.get("nullable") is True or flat.get("x-nullable") is True:
        types.add("null")
    return types


def _type_set(written: Any) -> set[str] | None:
    if isinstance(written, str):
        return {written}
    if isinstance(written, list):
        return {t for t in written if isinstance(t, str)}
    return None


def _covers(wide: set[str], narrow: set[str]) -> bool:
    """Whether every value of the ``narrow`` types is one of the ``wide`` types."""
    return all(t in wide or (t == "integer" and "number" in wide) for t in narrow)


def _upper(flat: Flat, prefix: str) -> tuple[tuple[float, bool], Location] | None:
    """The bound ``prefix`` (``max``/``min``) as (value, exclusive), in the 3.0 boolean and the
    3.1 numeric forms of ``exclusiveMaximum``/``exclusiveMinimum``, the tightest of every
    ``allOf`` part's; with the place of the keyword that sets it."""
    word, exclusive_word = f"{prefix}imum", f"exclusive{prefix.capitalize()}imum"
    bounds: list[tuple[tuple[float, bool], Location]] = []
    for part in flat.parts:
        inclusive, exclusive = part.value.get(word), part.value.get(exclusive_word)
        if _number(inclusive):
            bounds.append(((inclusive, exclusive is True), part.loc.child(word)))
        if _number(exclusive):
            bounds.append(((exclusive, True), part.loc.child(exclusive_word)))
    if not bounds:
        return None
    if prefix == "max":  # the lowest maximum binds; at a tie, the exclusive one
        return min(bounds, key=lambda b: (b[0][0], not b[0][1]))
    return max(bounds, key=lambda b: (b[0][0], b[0][1]))


def _size_bound(flat: Flat, keyword: str, upper: bool) -> tuple[float | None, Location]:
    """A size bound, the tightest of every part's, and where it is written."""
    found = [(value, loc) for value, loc in flat.values(keyword) if _number(value)]
    if not found:
        return None, flat.at(keyword)
    return (min if upper else max)(found, key=lambda f: f[0])


def _patterns(flat: Flat) -> dict[str, Location]:
    """Every part's pattern (each must match), with where it is written."""
    found: dict[str, Location] = {}
    for value, loc in flat.values("pattern"):
        if isinstance(value, str):
            found.setdefault(value, loc)
    return found


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

    def __init__(
        self,
        old: Document,
        new: Document,
        recorder: Recorder,
        extensible_enum: str = "x-extensible-enum",
    ) -> None:
        self.old = old
        self.new = new
        self.recorder = recorder
        self.extensible_enum = extensible_enum
        self._done: dict[tuple[tuple[Location, ...], tuple[Location, ...], str], list[Key]] = {}
        self._active: set[tuple[tuple[Location, ...], tuple[Location, ...], str]] = set()

    def compare(
        self, old: Item, new: Item, prefix: str, noun: str, direction: str, operation: str
    ) -> None:
        """Record what changed from ``old`` to ``new`` where ``operation`` uses them."""
        keys = self._compare(old, new, _Context(prefix, noun, direction))
        self.recorder.attribute(keys, operation)

    def _compare(self, old: Item, new: Item, ctx: _Context) -> list[Key]:
        return self._compare_all((old,), (new,), ctx)

    def _compare_all(
        self, old: tuple[Item, ...], new: tuple[Item, ...], ctx: _Context
    ) -> list[Key]:
        """Compare the schema ``old[0]`` (refined by the other items: the same property in
        other ``allOf`` parts) with ``new[0]`` (refined likewise)."""
        pair = (tuple(i.loc for i in old), tuple(i.loc for i in new), ctx.prefix)
        done = self._done.get(pair)
        if done is not None:
            return done
        if pair in self._active or not (
            isinstance(old[0].value, dict) and isinstance(new[0].value, dict)
        ):
            return []
        self._active.add(pair)
        keys: list[Key] = []
        try:
            old_flat, new_flat = flatten(self.old, old[0]), flatten(self.new, new[0])
            for item in old[1:]:
                merge(self.old, item, old_flat)
            for item in new[1:]:
                merge(self.new, item, new_flat)
            _Pair(self, old_flat, new_flat, ctx, keys).run()
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
        wrapped = self.unwrap()
        self.types()
        self.format()
        self.enum()
        self.extensible_enum()
        self.bounds()
        self.sizes()
        self.other_constraints()
        self.properties()
        self.nested()
        self.closers()
        self.prefix_items()
        self.dependencies()
        self.condition()
        self.variants(skip=wrapped)
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

    def _enum(self, flat: Flat) -> tuple[dict[str, int] | None, str]:
        """The allowed values (as canonical text, with their index in the first enum) and the
        keyword that lists them; the values every ``allOf`` part's enum allows."""
        lists = [value for value, _ in flat.values("enum") if isinstance(value, list)]
        if lists:
            others = [{canonical(v) for v in other} for other in lists[1:]]
            values = {canonical(v): i for i, v in enumerate(lists[0])}
            return {v: i for v, i in values.items() if all(v in o for o in others)}, "enum"
        if "const" in flat.keywords:
            return {canonical(flat.get("const")): 0}, "const"
        return None, "enum"

    def enum(self) -> None:
        (old, old_key), (new, new_key) = self._enum(self.old), self._enum(self.new)
        if old is None and new is None:
            return
        if not any(isinstance(f.get("enum"), list) for f in (self.old, self.new)):  # const
            self.const()
            return
        old_at, new_at = self.old.at(old_key), self.new.at(new_key)
        if old is None:
            shown = f"[{', '.join(new)}]"
            self.emit("enum-added", f"values restricted to {_shown_text(shown)}", old_at, new_at)
            return
        if new is None:
            self.emit("enum-removed", "values no longer restricted to an enum", old_at, new_at)
            return
        for text, index in old.items():
            if text not in new:
                place = old_at.child(index) if old_key == "enum" else old_at
                self.emit("enum-value-removed", f"enum value {text} removed", place, new_at)
        for text, index in new.items():
            if text not in old:
                place = new_at.child(index) if new_key == "enum" else new_at
                self.emit("enum-value-added", f"enum value {text} added", old_at, place)

    def const(self) -> None:
        present = ("const" in self.old.keywords, "const" in self.new.keywords)
        old, new = self.both("const")
        where = self.at("const")
        if present == (False, True):
            self.emit("const-added", f"value fixed to {_shown(new)}", *where)
        elif present == (True, False):
            self.emit("const-removed", f"value no longer fixed to {_shown(old)}", *where)
        elif canonical(old) != canonical(new):
            detail = f"const changed from {_shown(old)} to {_shown(new)}"
            self.emit("const-changed", detail, *where)

    def extensible_enum(self) -> None:
        """Values of an open enum (``x-extensible-enum``): clients must expect new ones."""
        keyword = self.comparer.extensible_enum
        old, new = self.both(keyword)
        if not (isinstance(old, list) and isinstance(new, list)):
            return
        old_at, new_at = self.at(keyword)
        old_values = {canonical(v): i for i, v in enumerate(old)}
        new_values = {canonical(v): i for i, v in enumerate(new)}
        for text, index in old_values.items():
            if text not in new_values:
                message = f"extensible enum value {text} removed"
                self.emit("extensible-enum-value-removed", message, old_at.child(index), new_at)
        for text, index in new_values.items():
            if text not in old_values:
                message = f"extensible enum value {text} added"
                self.emit("extensible-enum-value-added", message, old_at, new_at.child(index))

    def bounds(self) -> None:
        for prefix, word in (("max", "maximum"), ("min", "minimum")):
            old_found, new_found = _upper(self.old, prefix), _upper(self.new, prefix)
            old = old_found[0] if old_found else None
            new = new_found[0] if new_found else None
            if old == new:
                continue
            upper = prefix == "max"
            where = (
                old_found[1] if old_found else self.old.at(word),
                new_found[1] if new_found else self.new.at(word),
            )
            detail = f"{word} changed from {_bound(old)} to {_bound(new)}"
            if _tighter(old, new, upper):
                self.emit(f"{prefix}-tightened", detail, *where)
            elif _tighter(new, old, upper):
                self.emit(f"{prefix}-relaxed", detail, *where)

    def sizes(self) -> None:
        for keyword, stem, upper in _SIZES:
            (old, old_at), (new, new_at) = (
                _size_bound(self.old, keyword, upper),
                _size_bound(self.new, keyword, upper),
            )
            unset = {None, _LOWER_DEFAULTS.get(keyword, 0)}
            if old == new or (not upper and {old, new} <= unset):
                continue
            if keyword.endswith("Contains") and not (
                "contains" in self.old.keywords and "contains" in self.new.keywords
            ):
                continue  # contains added or removed: that change says it all
            where = old_at, new_at
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
        elif _number(old) and new is None:
            self.emit("multiple-of-removed", f"multipleOf {old} removed", *self.at("multipleOf"))
        for keyword in ("contentMediaType", "contentEncoding"):
            old, new = self.both(keyword)
            if old != new:
                detail = f"{keyword} changed from {_shown(old)} to {_shown(new)}"
                self.emit("content-encoding-changed", detail, *self.at(keyword))
        old, new = self.both("uniqueItems")
        if old is not True and new is True:
            self.emit("unique-items-added", "items must now be unique", *self.at("uniqueItems"))
        elif old is True and new is not True:
            self.emit("unique-items-removed", "items may now repeat", *self.at("uniqueItems"))
        self.patterns()
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

    def patterns(self) -> None:
        """Patterns (one per ``allOf`` part): one replaced by another is a change, one that
        accepts every string counts as none."""
        old = {p: at for p, at in _patterns(self.old).items() if p not in _ANY_PATTERN}
        new = {p: at for p, at in _patterns(self.new).items() if p not in _ANY_PATTERN}
        added = [p for p in new if p not in old]
        removed = [p for p in old if p not in new]
        if len(added) == 1 and len(removed) == 1:
            detail = f"pattern changed from {_shown(removed[0])} to {_shown(added[0])}"
            self.emit("pattern-changed", detail, old[removed[0]], new[added[0]])
            return
        for pattern in added:
            self.emit(
                "pattern-added", f"pattern {_shown(pattern)} added", self.old.loc, new[pattern]
            )
        for pattern in removed:
            message = f"pattern {_shown(pattern)} removed"
            self.emit("pattern-removed", message, old[pattern], self.new.loc)

    def properties(self) -> None:
        old, new = self.old, self.new
        old_doc, new_doc = self.comparer.old, self.comparer.new
        request = self.ctx.direction == "request"
        hidden = "readOnly" if request else "writeOnly"  # never in this direction's payloads
        for name, old_prop in old.properties.items():
            new_prop = new.properties.get(name)
            if _flag(old_doc, old_prop, hidden):
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
            old_all = (old_prop, *old.refinements.get(name, ()))
            new_all = (new_prop, *new.refinements.get(name, ()))
            self.keys.extend(self.comparer._compare_all(old_all, new_all, self.ctx))
        for name, new_prop in new.properties.items():
            if name in old.properties or _flag(new_doc, new_prop, hidden):
                continue
            required = name in new.required
            suffix = "property-added-required" if required else "property-added"
            what = "required property" if required else "property"
            self.emit(suffix, f"{what} '{name}' added", old.at("properties"), new.sites[name])

    def _flags(self, name: str, old_prop: Item, new_prop: Item, hidden: str) -> bool:
        """Record a property newly ``readOnly``, ``writeOnly`` or ``deprecated`` (a required
        one that became ``writeOnly`` left responses clients counted on); True when it left
        this direction's payloads (nothing more to compare)."""
        old_doc, new_doc = self.comparer.old, self.comparer.new
        for keyword, suffix in (
            ("readOnly", "property-became-read-only"),
            ("writeOnly", "property-became-write-only"),
            ("deprecated", "property-deprecated"),
        ):
            if _flag(new_doc, new_prop, keyword) and not _flag(old_doc, old_prop, keyword):
                if keyword == "writeOnly" and name in self.old.required:
                    suffix = f"required-{suffix}"
                where = self.old.sites[name], _flag_at(new_doc, new_prop, keyword)
                self.emit(suffix, f"property '{name}' became {keyword}", *where)
        return _flag(new_doc, new_prop, hidden)

    def nested(self) -> None:
        """Subschemas compared in this schema's direction; 2020-12 ``items: false``."""
        self._additional(*self.both("additionalProperties"))
        self._closed_items()
        for keyword in _NESTED:
            self._pair(keyword)
        for keyword, stem in _PRESENCE:
            self._presence(keyword, stem)
        self._pattern_properties()

    def _pattern_properties(self) -> None:
        """``patternProperties``: a pattern added constrains the properties it names."""
        old, new = self.both("patternProperties")
        old, new = old if isinstance(old, dict) else {}, new if isinstance(new, dict) else {}
        old_at, new_at = self.at("patternProperties")
        for pattern in sorted(old.keys() | new.keys(), key=str):
            if pattern not in old:
                message = f"properties named like {_shown(pattern)} constrained"
                self.emit("pattern-property-added", message, old_at, new_at.child(pattern))
            elif pattern not in new:
                message = f"properties named like {_shown(pattern)} no longer constrained"
                self.emit("pattern-property-removed", message, old_at.child(pattern), new_at)
            else:
                self._compare_at(
                    old_at.child(pattern), old[pattern], new_at.child(pattern), new[pattern]
                )

    def _pair(self, keyword: str) -> None:
        """Compare the subschemas written at ``keyword``, each side's parts merged (an
        ``allOf`` part may refine ``items`` another part gives)."""
        comparer = self.comparer
        old = _subschemas(comparer.old, self.old, keyword)
        new = _subschemas(comparer.new, self.new, keyword)
        if old and new:
            self.keys.extend(comparer._compare_all(old, new, self.ctx))

    def _compare_at(self, old_at: Location, old_raw: Any, new_at: Location, new_raw: Any) -> None:
        if not (isinstance(old_raw, dict) and isinstance(new_raw, dict)):
            return
        comparer = self.comparer
        old_item = schema_item(comparer.old, old_at, old_raw)
        new_item = schema_item(comparer.new, new_at, new_raw)
        if old_item is not None and new_item is not None:
            self.keys.extend(comparer._compare(old_item, new_item, self.ctx))

    def _presence(self, keyword: str, stem: str) -> None:
        """A keyword whose subschema constrains more where it is present (``contains``,
        ``if``, ``propertyNames``): added, removed, or (``if``) changed."""
        present = (keyword in self.old.keywords, keyword in self.new.keywords)
        where = self.at(keyword)
        if present == (False, True):
            self.emit(f"{stem}-added", f"{keyword} {_shown(self.new.get(keyword))} added", *where)
        elif present == (True, False):
            self.emit(
                f"{stem}-removed", f"{keyword} {_shown(self.old.get(keyword))} removed", *where
            )
        elif present == (True, True) and keyword == "if":
            old, new = self.both("if")
            if canonical(old) != canonical(new):
                detail = f"if changed from {_shown(old)} to {_shown(new)}"
                self.emit("condition-changed", detail, *where)

    def condition(self) -> None:
        """``then``/``else`` added or removed under an ``if`` both sides share."""
        if not ("if" in self.old.keywords and "if" in self.new.keywords):
            return
        for keyword in ("then", "else"):
            present = (keyword in self.old.keywords, keyword in self.new.keywords)
            where = self.at(keyword)
            if present == (False, True):
                self.emit("condition-added", f"{keyword} branch added", *where)
            elif present == (True, False):
                self.emit("condition-removed", f"{keyword} branch removed", *where)

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

    def _closed_items(self) -> None:
        """2020-12 ``items: false``: no items beyond ``prefixItems``."""
        old, new = self.both("items")
        where = self.at("items")
        if old is not False and new is False:
            self.emit("items-restricted", "items beyond prefixItems are no longer allowed", *where)
        elif old is False and new is not False:
            self.emit("items-allowed", "items beyond prefixItems are allowed again", *where)

    def closers(self) -> None:
        """``unevaluatedProperties``/``unevaluatedItems``: ``false`` forbids what no other
        keyword describes (like ``additionalProperties``); schemas are compared."""
        for keyword, stem, what in _CLOSERS:
            old, new = self.both(keyword)
            where = self.at(keyword)
            if old is not False and new is False:
                self.emit(f"{stem}-restricted", f"{what} are no longer allowed", *where)
            elif old is False and new is not False:
                self.emit(f"{stem}-allowed", f"{what} are now allowed", *where)
            self._pair(keyword)

    def prefix_items(self) -> None:
        """``prefixItems``: positions compared one by one; one more or one fewer."""
        old, new = self.both("prefixItems")
        if not (isinstance(old, list) or isinstance(new, list)):
            return
        old, new = old if isinstance(old, list) else [], new if isinstance(new, list) else []
        old_at, new_at = self.at("prefixItems")
        for index in range(max(len(old), len(new))):
            if index >= len(old):
                message = f"prefixItems position {index} added"
                self.emit("prefix-item-added", message, old_at, new_at.child(index))
            elif index >= len(new):
                message = f"prefixItems position {index} removed"
                self.emit("prefix-item-removed", message, old_at.child(index), new_at)
            else:
                self._compare_at(old_at.child(index), old[index], new_at.child(index), new[index])

    def dependencies(self) -> None:
        """``dependentRequired`` (names a present property requires) and
        ``dependentSchemas`` (a schema a present property brings in)."""
        old, new = self.both("dependentRequired")
        old, new = old if isinstance(old, dict) else {}, new if isinstance(new, dict) else {}
        old_at, new_at = self.at("dependentRequired")
        for name in sorted(old.keys() | new.keys(), key=str):
            before, after = _names(old.get(name)), _names(new.get(name))
            for needed in after - before:
                message = f"property '{name}' now requires '{needed}'"
                self.emit("dependent-required-added", message, old_at, new_at.child(name))
            for needed in before - after:
                message = f"property '{name}' no longer requires '{needed}'"
                self.emit("dependent-required-removed", message, old_at.child(name), new_at)
        old, new = self.both("dependentSchemas")
        old, new = old if isinstance(old, dict) else {}, new if isinstance(new, dict) else {}
        old_at, new_at = self.at("dependentSchemas")
        for name in sorted(old.keys() | new.keys(), key=str):
            if name not in old:
                message = f"dependent schema of property '{name}' added"
                self.emit("dependent-schema-added", message, old_at, new_at.child(name))
            elif name not in new:
                message = f"dependent schema of property '{name}' removed"
                self.emit("dependent-schema-removed", message, old_at.child(name), new_at)
            else:
                self._compare_at(old_at.child(name), old[name], new_at.child(name), new[name])

    def unwrap(self) -> str | None:
        """A schema wrapped into a ``oneOf``/``anyOf`` (or unwrapped from one) on one side:
        merge the alternative most like the other side into that side, and record the
        others as alternatives added (or removed). The keyword handled, if any."""
        for keyword in ("oneOf", "anyOf"):
            old, new = self.both(keyword)
            if _choices(new) and not _composed(self.old):
                self._merge_best(keyword, "new")
                return keyword
            if _choices(old) and not _composed(self.new):
                self._merge_best(keyword, "old")
                return keyword
        return None

    def _merge_best(self, keyword: str, side: str) -> None:
        comparer = self.comparer
        doc = comparer.new if side == "new" else comparer.old
        flat = self.new if side == "new" else self.old
        at = flat.at(keyword)
        choices = list(_variants(doc, at, flat.get(keyword)))
        if not choices:
            return
        other = _types(self.old if side == "new" else self.new)
        alike = [c for c in choices if _types(flatten(doc, c[1][1])) == other] or choices
        best = min(alike[:_MOST_TRIED], key=lambda c: self._cost(side, keyword, c[1][1]))
        merge(doc, best[1][1], flat)
        flat.keywords.pop(keyword, None)
        for name, (site, item) in choices:
            if name == best[0]:
                continue
            if item.value == {"type": "null"}:  # 3.1's nullable: oneOf [X, {type: null}]
                added = side == "new"
                suffix, detail = ("added", "now") if added else ("removed", "no longer")
                where = (self.old.loc, site) if added else (site, self.new.loc)
                self.emit(f"nullable-{suffix}", f"null is {detail} allowed", *where)
            elif side == "new":
                what = f"{keyword} alternative {name} added"
                self.emit("variant-added", what, self.old.loc, site)
            else:
                self.emit(
                    "variant-removed", f"{keyword} alternative {name} removed", site, self.new.loc
                )

    def _cost(self, side: str, keyword: str, choice: Item) -> tuple[int, int]:
        """How much a comparison with ``choice`` merged into ``side`` would record: its
        breaking changes, then all of them (a dry run with its own recorder)."""
        comparer = self.comparer
        dry = SchemaComparer(comparer.old, comparer.new, Recorder(), comparer.extensible_enum)
        old, new = self.old.copy(), self.new.copy()
        target, doc = (new, dry.new) if side == "new" else (old, dry.old)
        merge(doc, choice, target)
        target.keywords.pop(keyword, None)
        keys: list[Key] = []
        _Pair(dry, old, new, self.ctx, keys).run()
        breaking = sum(1 for kind, _, _ in keys if KINDS[kind].level == "breaking")
        return breaking, len(keys)

    def variants(self, skip: str | None = None) -> None:
        comparer = self.comparer
        for keyword in ("oneOf", "anyOf"):
            old_list, new_list = self.both(keyword)
            if keyword == skip or not (isinstance(old_list, list) and isinstance(new_list, list)):
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


def _flag(doc: Document, item: Item, keyword: str) -> bool:
    """Whether ``keyword: true`` is written on the schema, beside its ``$ref`` or on the
    schema it refers to."""
    return _flagged(doc, item, keyword) is not None


def _flag_at(doc: Document, item: Item, keyword: str) -> Location:
    found = _flagged(doc, item, keyword)
    return found if found is not None else item.loc


def _flagged(doc: Document, item: Item, keyword: str) -> Location | None:
    """Where ``keyword: true`` is written for the schema: on it, beside its ``$ref``, on the
    schema it refers to or in one of its ``allOf`` parts (None: nowhere)."""
    if not isinstance(item.value, dict):
        return None
    if item.value.get(keyword) is True:
        return item.loc.child(keyword)
    if _ref(item.value) is None and "allOf" not in item.value:
        return None
    found = [at for value, at in flatten(doc, item).values(keyword) if value is True]
    return found[0] if found else None


def _subschemas(doc: Document, flat: Flat, keyword: str) -> tuple[Item, ...]:
    """The schemas every part writes at ``keyword``, ``$ref``s followed."""
    found = (schema_item(doc, at, value) for value, at in flat.values(keyword))
    return tuple(item for item in found if item is not None and isinstance(item.value, dict))


def _ref(value: Any) -> str | None:
    """The ``$ref`` a schema is, or has beside other keywords (2020-12)."""
    ref = value.get("$ref") if isinstance(value, dict) else None
    return ref if isinstance(ref, str) else None


def _composed(flat: Flat) -> bool:
    """Whether a schema offers alternatives (``oneOf``/``anyOf``) already."""
    return any(_choices(flat.get(keyword)) for keyword in ("oneOf", "anyOf"))


def _choices(value: Any) -> bool:
    return isinstance(value, list) and len(value) > 0


def _names(value: Any) -> set[str]:
    return {v for v in value if isinstance(v, str)} if isinstance(value, list) else set()


def _list(types: set[str]) -> str:
    return "/".join(sorted(types))


def _bound(bound: tuple[float, bool] | None) -> str:
    if bound is None:
        return "none"
    return f"{bound[0]} (exclusive)" if bound[1] else str(bound[0])


def _size(value: Any) -> str:
    return "none" if value is None else str(value)
