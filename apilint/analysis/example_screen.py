"""A compiled first pass over a spec's examples, so the exact validator runs only where needed.

openapi-schema-validator (pure-Python jsonschema) decides whether an example is valid and says
why; on a large spec most examples are valid and that check costs most of the time. This module
validates every example in one go with jsonschema-rs (one validator compiled for all of them)
and returns the positions it rejects; only those go through the exact validator.

The screen is sound when "valid" here implies valid there. jsonschema-rs implements plain JSON
Schema, so for 2.0 and 3.0 the schemas are first rewritten where openapi-schema-validator's
OpenAPI dialect is more permissive than plain draft 4:

- ``type: X`` with ``nullable: true`` becomes ``type: [X, "null"]`` (nullable only affects
  ``type`` there);
- a ``$ref`` with sibling keywords becomes ``allOf: [{$ref}, {siblings}]`` (draft 4 ignores
  the siblings, the OpenAPI dialect evaluates them);
- ``anyOf``/``oneOf`` next to a ``discriminator`` are replaced by what the exact validator
  checks instead (see :mod:`apilint.analysis.examples`): an object whose discriminating
  property is set, valid against the schema that value maps to (explicit ``mapping``, else
  ``#/components/schemas/<value>``), and also, since a discriminator that cannot be resolved
  is checked as a plain ``anyOf``, valid against one of the branches (``allOf`` is kept).

Where the rewrite cannot express something it errs on the strict side (the example goes to the
exact validator). Two known differences remain on the permissive side, both where plain JSON
Schema is right: ``multipleOf`` with a decimal is exact here (``19.99`` is a multiple of ``0.01``;
floating point division says otherwise), and nothing else. When jsonschema-rs is missing, cannot
compile the schemas or convert an example, every example goes to the exact validator.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from apilint.model.document import json_schema_2020
from apilint.model.refs import LITERAL_KEYS, NAME_MAPS, get
from apilint.source import pointer as jp

try:
    import jsonschema_rs
except ImportError:  # pragma: no cover - exercised only where no wheel exists
    jsonschema_rs = None

_COMBINATORS = ("anyOf", "oneOf", "allOf")
_UNIONS = ("oneOf", "anyOf")
_FALSY = ["", 0, False, None, [], {}]  # what "if not value" rejects, as JSON values
_SIMPLE_NAME = re.compile(r"[A-Za-z0-9._-]+\Z")
_COMPONENT_SCHEMA = "#/components/schemas/"
_BATCH = 2000


def rejected(
    files: dict[str, Any], version: str, targets: Sequence[str], values: Sequence[Any]
) -> set[int] | None:
    """The indexes of ``values`` that may be invalid against the schema at the matching
    ``targets`` entry (an absolute ``$ref``: file URI and fragment), or None when the screen
    cannot run. ``files`` maps each file's URI to its data."""
    try:
        return _rejected(files, version, targets, values)
    finally:
        _give_back_native_memory()


def _give_back_native_memory() -> None:
    """Return the memory jsonschema-rs freed to the operating system. Its registry holds a
    copy of every file (about 100 MB for GitHub's 13 MB spec); once dropped, glibc keeps
    that memory for the process, and Python's own objects, which come from separate arenas,
    would not reuse it, so the peak would be the sum of both."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@cache
def _malloc_trim() -> Any:
    try:
        import ctypes

        return ctypes.CDLL("libc.so.6").malloc_trim
    except (ImportError, OSError, AttributeError):  # not glibc: nothing to do
        return None


def _rejected(
    files: dict[str, Any], version: str, targets: Sequence[str], values: Sequence[Any]
) -> set[int] | None:
    if jsonschema_rs is None:
        return None
    if not targets:
        return set()
    files = _reachable(files, targets) or files
    if json_schema_2020(version):
        draft, keyword = jsonschema_rs.Draft202012, "prefixItems"
        dialect = "https://json-schema.org/draft/2020-12/schema"
        resources = list(files.items())
    else:
        draft, keyword = jsonschema_rs.Draft4, "items"
        dialect = "http://json-schema.org/draft-04/schema#"
        resources = [(uri, _Oas30Rewrite(data).result) for uri, data in files.items()]
    try:
        registry = jsonschema_rs.Registry(resources, draft=draft)
    except Exception:  # a resource jsonschema-rs cannot take
        return None
    indexes: set[int] = set()
    # A batch at a time: a compiled validator holds each target's schemas compiled on their
    # own, and 23,000 targets at once took 180 MB on a 6 MB spec.
    for first in range(0, len(targets), _BATCH):
        batch = {
            "$schema": dialect,
            keyword: [{"$ref": target} for target in targets[first : first + _BATCH]],
        }
        try:
            validator = jsonschema_rs.validator_for(
                batch, registry=registry, validate_formats=False, base_uri="urn:apilint:examples"
            )
        except Exception:  # a ref jsonschema-rs cannot resolve, a pattern it cannot compile
            return None
        try:
            for error in validator.iter_errors(list(values[first : first + _BATCH])):
                path = error.instance_path
                if not path:  # an error about the batch as a whole: trust nothing
                    return None
                indexes.add(first + path[0])
        except Exception:  # a value jsonschema-rs cannot take (e.g. a map with integer keys)
            return None
        del validator
        _give_back_native_memory()
    return indexes


#: Keywords that change how references resolve; where one is seen, every file is given whole.
_BASE_KEYWORDS = frozenset(
    {"$id", "id", "$anchor", "$dynamicAnchor", "$dynamicRef", "$recursiveRef", "$recursiveAnchor"}
)


def _reachable(files: dict[str, Any], targets: Sequence[str]) -> dict[str, Any] | None:
    """Each file cut down to what the targets reach through ``$ref`` (and discriminator
    mappings), every kept node at its own pointer, so references resolve as in the whole
    file: jsonschema-rs copies what it is given, and on a large spec the operations it does
    not need are most of it. None when something resolves other than by file and pointer."""
    kept: dict[str, list[tuple[str, ...]]] = {}
    pending = list(targets)
    seen: set[str] = set()
    while pending:
        target = pending.pop()
        if target in seen:
            continue
        seen.add(target)
        uri, _, fragment = target.partition("#")
        data = files.get(uri)
        if data is None or (fragment and not fragment.startswith("/")):
            return None
        pointer = jp.from_fragment(fragment)
        try:
            node = get(data, pointer)
        except KeyError:
            return None
        kept.setdefault(uri, []).append(tuple(jp.split(pointer)))
        for ref in _references(node):
            if ref is None:
                return None
            pending.append(urljoin(target, ref) if not ref.startswith("#") else uri + ref)
    return {uri: _pruned(files[uri], kept[uri]) if uri in kept else {} for uri in files}


def _references(node: Any) -> Iterator[str | None]:
    """Every ``$ref`` and discriminator mapping target under ``node`` (literal data aside),
    and None where a keyword changes the base of references."""
    stack: list[tuple[Any, bool]] = [(node, False)]
    while stack:
        current, in_name_map = stack.pop()
        if isinstance(current, list):
            stack.extend((item, False) for item in current if isinstance(item, (dict, list)))
            continue
        if not isinstance(current, dict):
            continue
        if not in_name_map:
            if not _BASE_KEYWORDS.isdisjoint(current):
                yield None
            ref = current.get("$ref")
            if isinstance(ref, str):
                yield ref
            discriminator = current.get("discriminator")
            mapping = discriminator.get("mapping") if isinstance(discriminator, dict) else None
            if isinstance(mapping, dict):
                yield from (value for value in mapping.values() if isinstance(value, str))
        for key, value in current.items():
            if isinstance(value, (dict, list)) and (in_name_map or key not in LITERAL_KEYS):
                stack.append((value, not in_name_map and key in NAME_MAPS))


def _pruned(data: Any, kept: list[tuple[str, ...]]) -> Any:
    """A skeleton of ``data`` holding only the nodes at ``kept`` (lists keep their length)."""
    if () in kept:
        return data
    root: Any = [None] * len(data) if isinstance(data, list) else {}
    done: set[tuple[str, ...]] = set()
    for tokens in sorted(set(kept), key=len):
        if any(tokens[:length] in done for length in range(1, len(tokens))):
            continue  # inside a node already kept whole
        source, copy = data, root
        for depth, token in enumerate(tokens, 1):
            key: Any = int(token) if isinstance(source, list) else token
            source = source[key]
            if depth == len(tokens):
                copy[key] = source
                break
            made = copy[key] is not None if isinstance(copy, list) else key in copy
            if not made:  # the first kept node below here: its skeleton
                copy[key] = [None] * len(source) if isinstance(source, list) else {}
            copy = copy[key]
        done.add(tokens)
    return root


class _Oas30Rewrite:
    """A copy of one file's data with its schemas in plain draft 4 (shared where unchanged)."""

    def __init__(self, data: Any) -> None:
        self.data = data
        self.result = self._node(data, in_name_map=False)

    def _node(self, node: Any, in_name_map: bool) -> Any:
        if isinstance(node, list):
            copy: list[Any] | None = None
            for index, item in enumerate(node):
                if isinstance(item, (dict, list)):
                    new = self._node(item, in_name_map=False)
                    if new is not item:
                        copy = list(node) if copy is None else copy
                        copy[index] = new
            return node if copy is None else copy
        if not isinstance(node, dict):
            return node
        changed: dict[Any, Any] | None = None
        for key, value in node.items():
            if not in_name_map and key in LITERAL_KEYS:
                continue  # data, never a schema (enum values are compared as written)
            if isinstance(value, (dict, list)):
                new = self._node(value, in_name_map=not in_name_map and key in NAME_MAPS)
                if new is not value:
                    changed = dict(node) if changed is None else changed
                    changed[key] = new
        result = node if changed is None else changed
        return result if in_name_map else self._schema(result)

    def _schema(self, schema: dict[Any, Any]) -> dict[Any, Any]:
        if schema.get("nullable") is True and isinstance(schema.get("type"), str):
            schema = {**schema, "type": [schema["type"], "null"]}
        discriminator = schema.get("discriminator")
        unions = [key for key in _UNIONS if key in schema]
        if isinstance(discriminator, dict) and unions:
            # valid here only if valid both ways the exact validator may check it: by the
            # schema the value maps to, and (when the discriminator is broken) as an anyOf
            branches = [branch for key in unions for branch in _items(schema.get(key))]
            checks: list[Any] = [*_items(schema.get("allOf"))]
            if isinstance(discriminator.get("propertyName"), str):
                checks.append(self._discriminated(discriminator, branches))
            else:
                checks.append({"not": {}})
            checks.extend({"anyOf": schema[key]} for key in unions)
            rest = {key: value for key, value in schema.items() if key not in _COMBINATORS}
            schema = {**rest, "allOf": checks}
        if "$ref" in schema and len(schema) > 1:
            siblings = {key: value for key, value in schema.items() if key != "$ref"}
            schema = {"allOf": [{"$ref": schema["$ref"]}, siblings]}
        return schema

    def _discriminated(self, discriminator: dict[str, Any], branches: list[Any]) -> dict[str, Any]:
        """What openapi-schema-validator checks for a discriminated union, in plain draft 4:
        the property is set (truthy) and the object is valid against the schema its value
        maps to. Values are those of the ``mapping`` and the names of the component schemas
        the union lists; any other value fails here (the exact validator then decides)."""
        name = discriminator["propertyName"]
        mapping = discriminator.get("mapping", {})
        if not isinstance(mapping, dict):
            return {"not": {}}
        targets = []
        for value, target in mapping.items():
            if isinstance(target, str) and self._resolves(target):
                targets.append((value, target))
        for branch in branches:
            ref = branch.get("$ref") if isinstance(branch, dict) else None
            if isinstance(ref, str) and ref.startswith(_COMPONENT_SCHEMA):
                schema_name = ref[len(_COMPONENT_SCHEMA) :]
                simple = _SIMPLE_NAME.match(schema_name) is not None
                if simple and not mapping.get(schema_name) and self._resolves(ref):
                    targets.append((schema_name, ref))
        if not targets:
            return {"not": {}}
        return {
            "type": "object",
            "required": [name],
            "properties": {name: {"not": {"enum": _FALSY}}},
            "anyOf": [
                {"properties": {name: {"enum": [value]}}, "allOf": [{"$ref": target}]}
                for value, target in targets
            ],
        }

    def _resolves(self, target: str) -> bool:
        """A local ``#/...`` reference to an object of this file (others are left out)."""
        if not target.startswith("#/") or "%" in target:
            return False
        node = self.data
        for token in jp.split(target[1:]):
            if isinstance(node, dict) and token in node:
                node = node[token]
            else:
                return False
        return isinstance(node, dict)


def _items(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


@cache
def file_uri(key: str) -> str:
    """The URI a workspace file is known by in a JSON Schema registry."""
    return key if "://" in key else Path(key).as_uri()
