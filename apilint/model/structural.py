"""Structural validation of a whole spec against the OpenAPI JSON Schemas.

The schemas are the ones openapi-spec-validator ships (2.0, 3.0, 3.1 and 3.2). They are checked with
the compiled ``jsonschema-rs`` validator when it is installed (about 0.02 s on a 13 MB spec) and
with the pure-Python ``jsonschema`` otherwise (several seconds on the same spec). Each error is
reduced to the most specific failure (through ``oneOf``/``anyOf`` branches) and to a short
message that does not repeat the offending value.
"""

from __future__ import annotations

import bisect
import importlib.util
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from apilint.model.refs import Workspace
from apilint.source import pointer as jp
from apilint.source.locations import Location

try:
    import jsonschema_rs
except ImportError:  # pragma: no cover - exercised only where no wheel exists
    jsonschema_rs = None

_SCHEMA_FOLDERS = {"2.0": "v2.0", "3.0": "v3.0", "3.1": "v3.1", "3.2": "v3.2"}


@dataclass(frozen=True)
class StructuralError:
    pointer: str
    message: str


@cache
def oas_schema(version: str) -> dict[str, Any]:
    """The OpenAPI JSON Schema for a version, as shipped by openapi-spec-validator."""
    # find the package's files without importing it (its import takes a third of a second)
    spec = importlib.util.find_spec("openapi_spec_validator")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("openapi-spec-validator is not installed")
    folder = Path(next(iter(spec.submodule_search_locations))) / "resources" / "schemas"
    text = (folder / _SCHEMA_FOLDERS[version] / "schema.json").read_text(encoding="utf-8")
    return json.loads(text)  # type: ignore[no-any-return]


@cache
def _validator(version: str) -> Any:
    schema = oas_schema(version)
    if jsonschema_rs is not None:
        return jsonschema_rs.validator_for(schema)
    import jsonschema

    return jsonschema.validators.validator_for(schema)(schema)


def _short(value: Any, limit: int = 40) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= limit else text[: limit - 3] + "..."


@dataclass
class _Failure:
    """One validation failure, the same whichever library found it."""

    kind: str  # required, additional, type, enum, const, oneOf, anyOf, oneOfMultiple, other
    path: list[str]
    instance: Any
    detail: Any = None  # the missing property, the unexpected keys, the types or the options
    message: str = ""
    branches: list[list[_Failure]] = field(default_factory=list)


_RS_KINDS = {
    "Required": "required",
    "AdditionalProperties": "additional",
    "UnevaluatedProperties": "additional",
    "Type": "type",
    "Enum": "enum",
    "Constant": "const",
    "OneOfNotValid": "oneOf",
    "AnyOf": "anyOf",
    "OneOfMultipleValid": "oneOfMultiple",
}


def _from_rs(error: Any) -> _Failure:
    kind = error.kind
    name = _RS_KINDS.get(type(kind).__name__, "other")
    detail = {
        "required": lambda: kind.property,
        "additional": lambda: list(kind.unexpected),
        "type": lambda: kind.types if isinstance(kind.types, list) else [kind.types],
        "enum": lambda: kind.options,
    }.get(name, lambda: None)()
    branches = [[_from_rs(e) for e in branch] for branch in getattr(kind, "context", None) or []]
    path = [str(token) for token in error.instance_path]
    return _Failure(name, path, error.instance, detail, error.message, branches)


_PY_KINDS = {
    "required": "required",
    "additionalProperties": "additional",
    "unevaluatedProperties": "additional",
    "type": "type",
    "enum": "enum",
    "const": "const",
    "oneOf": "oneOf",
    "anyOf": "anyOf",
}


def _from_py(error: Any) -> _Failure:
    name = _PY_KINDS.get(str(error.validator), "other")
    if name == "oneOf" and not error.context:
        name = "oneOfMultiple"  # jsonschema reports "valid under more than one" this way
    detail: Any = None
    if name == "required":
        match = re.match(r"^'(.*)' is a required property$", error.message)
        detail = match.group(1) if match else error.message
    elif name == "additional" and error.validator == "unevaluatedProperties":
        listed = re.search(r"\((.*) (?:was|were) unexpected\)", error.message)
        detail = re.findall(r"'((?:[^'\\]|\\.)*)'", listed.group(1)) if listed else []
    elif name == "additional" and isinstance(error.instance, dict):
        schema = error.schema if isinstance(error.schema, dict) else {}
        known = schema.get("properties", {})
        patterns = list(schema.get("patternProperties", {}))
        detail = [
            key
            for key in error.instance
            if key not in known and not any(re.search(p, key) for p in patterns)
        ]
    elif name == "type":
        expected = error.validator_value
        detail = expected if isinstance(expected, list) else [expected]
    elif name == "enum":
        detail = error.validator_value
    grouped: dict[Any, list[_Failure]] = {}
    for child in error.context or []:
        grouped.setdefault(child.relative_schema_path[0], []).append(_from_py(child))
    path = [str(token) for token in error.absolute_path]
    return _Failure(name, path, error.instance, detail, error.message, list(grouped.values()))


def _is_ref_required(failure: _Failure) -> bool:
    return failure.kind == "required" and failure.detail == "$ref"


def _branch_score(branch: list[_Failure]) -> tuple[int, int, int, int]:
    """How likely a failing ``oneOf`` branch is the one the author meant.

    A branch that only asks for ``$ref`` says nothing. A branch that rejects the value of a
    property (``in: path`` where it wants ``query``) describes another kind of object, so the
    branch with the fewest such mismatches wins, then the one with the fewest failures, then the
    one whose failures are deepest (most specific).
    """
    useful = [f for f in branch if not _is_ref_required(f)]
    mismatches = sum(f.kind in ("enum", "const") for f in useful)
    depth = max((len(f.path) for f in useful), default=-1)
    return (1 if useful else 0, -mismatches, -len(useful), depth)


def _narrow(failure: _Failure) -> Iterator[StructuralError]:
    """The most specific errors behind a failure, each with a short message."""
    if failure.kind in ("oneOf", "anyOf") and failure.branches:
        best = max(failure.branches, key=_branch_score)
        useful = [f for f in best if not _is_ref_required(f)]
        if useful:
            for child in useful:
                yield from _narrow(child)
            return
    pointer = jp.join("", *failure.path)
    kind, detail = failure.kind, failure.detail
    if kind == "additional" and detail:
        for key in detail:
            yield StructuralError(jp.join(pointer, key), f"property '{key}' is not allowed here")
        return
    if kind == "required":
        message = f"missing required property '{detail}'"
    elif kind == "type":
        message = f"{_short(failure.instance)} is not of type {' or '.join(map(str, detail))}"
    elif kind == "enum":
        message = f"{_short(failure.instance)} is not one of {_short(detail, 80)}"
    elif kind in ("oneOf", "anyOf"):
        message = "matches none of the allowed forms"
    elif kind == "oneOfMultiple":
        message = "matches more than one of the allowed forms"
    else:
        message = failure.message if len(failure.message) <= 160 else failure.message[:157] + "..."
    yield StructuralError(pointer, message)


def validate(data: Any, version: str) -> list[StructuralError]:
    """Every structural error in a spec, in a stable order."""
    validator = _validator(version)
    found: set[StructuralError] = set()
    convert = _from_rs if jsonschema_rs is not None else _from_py
    for error in validator.iter_errors(data):
        found.update(_narrow(convert(error)))
    return sorted(_without_echoes(found), key=lambda e: (e.pointer, e.message))


def _without_echoes(errors: set[StructuralError]) -> list[StructuralError]:
    """The errors without "property 'x' is not allowed here" where an error inside ``x``
    explains it: in 3.1 and later a property whose value fails its schema counts as not
    evaluated, so ``unevaluatedProperties: false`` rejects it as well."""
    pointers = sorted(error.pointer for error in errors)
    return [
        error
        for error in errors
        if not (error.message.endswith("is not allowed here") and _has_inside(pointers, error))
    ]


def _has_inside(pointers: list[str], error: StructuralError) -> bool:
    prefix = error.pointer + "/"
    at = bisect.bisect_left(pointers, prefix)
    return at < len(pointers) and pointers[at].startswith(prefix)


def _external(workspace: Workspace, loc: Location, value: Any) -> Location | None:
    """The target of ``value`` if it is a ``$ref`` into another file than the root."""
    if not (isinstance(value, dict) and isinstance(value.get("$ref"), str)):
        return None
    resolved = workspace.resolve(loc, value)
    if resolved is None or resolved[0].file == workspace.root_key:
        return None
    return resolved[0]


def bundle(workspace: Workspace) -> Any:
    """The root document with every ``$ref`` into another file replaced by what it points to.

    Multi-file specs put ``$ref``s where OpenAPI allows none (an operation, a description);
    validating the bundled view judges the spec as every bundler and tool will see it. Only the
    containers on the way to such a ``$ref`` are copied; shared fragments stay shared.
    """
    root = workspace.root.data
    if len(workspace.files) == 1:
        return root  # a single-file spec: nothing to inline
    done: dict[Location, Any] = {}
    active: set[Location] = set()

    def walk(loc: Location, value: Any) -> Any:
        target = _external(workspace, loc, value)
        if target is not None:
            if target in done:
                return done[target]
            if target in active:
                return value  # a cycle across files: keep the reference
            active.add(target)
            result = walk(target, workspace.value(target))
            active.discard(target)
            done[target] = result
            return result
        if isinstance(value, dict):
            changed = {k: walk(loc.child(k), v) for k, v in value.items()}
            same = all(changed[k] is value[k] for k in value)
            return value if same else changed
        if isinstance(value, list):
            items = [walk(loc.child(i), v) for i, v in enumerate(value)]
            return value if all(a is b for a, b in zip(items, value, strict=True)) else items
        return value

    return walk(workspace.root_location, root)


def locate(workspace: Workspace, pointer: str) -> Location:
    """Where the node at ``pointer`` of the bundled view is written (in whichever file)."""
    loc = workspace.root_location
    value: Any = workspace.root.data
    for token in jp.split(pointer):
        target = _external(workspace, loc, value)
        if target is not None:
            loc, value = target, workspace.value(target)
        if isinstance(value, dict) and token in value:
            loc, value = loc.child(token), value[token]
        elif isinstance(value, list) and token.isdigit() and int(token) < len(value):
            loc, value = loc.child(int(token)), value[int(token)]
        else:
            break
    return loc
