"""Structural validation of a whole spec against the OpenAPI JSON Schemas.

The schemas are the ones openapi-spec-validator ships (2.0, 3.0 and 3.1). They are checked with
the compiled ``jsonschema-rs`` validator when it is installed (about 0.02 s on a 13 MB spec) and
with the pure-Python ``jsonschema`` otherwise (several seconds on the same spec). Each error is
reduced to the most specific failure (through ``oneOf``/``anyOf`` branches) and to a short
message that does not repeat the offending value.
"""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from apilint import pointer as jp
from apilint.refs import Location, Workspace

try:
    import jsonschema_rs
except ImportError:  # pragma: no cover - exercised only where no wheel exists
    jsonschema_rs = None

_SCHEMA_FOLDERS = {"2.0": "v2.0", "3.0": "v3.0", "3.1": "v3.1"}


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


def _branch_score(errors: list[Any]) -> tuple[int, int, int, int]:
    """How likely a failing ``oneOf`` branch is the one the author meant.

    A branch that only asks for ``$ref`` says nothing. A branch that rejects the value of a
    property (``in: path`` where it wants ``query``) describes another kind of object, so the
    branch with the fewest such mismatches wins, then the one with the fewest errors, then the
    one whose errors are deepest (most specific).
    """
    useful = [e for e in errors if not _is_ref_required(e)]
    mismatches = sum(type(e.kind).__name__ in ("Enum", "Constant") for e in useful)
    depth = max((len(list(e.instance_path)) for e in useful), default=-1)
    return (1 if useful else 0, -mismatches, -len(useful), depth)


def _is_ref_required(error: Any) -> bool:
    kind = error.kind
    return type(kind).__name__ == "Required" and kind.property == "$ref"


def _rs_errors(error: Any) -> Iterator[StructuralError]:
    kind = error.kind
    name = type(kind).__name__
    path = [str(token) for token in error.instance_path]
    if name in ("OneOfNotValid", "AnyOf") and kind.context:
        best = max(kind.context, key=_branch_score)
        useful = [e for e in best if not _is_ref_required(e)]
        if useful:
            for child in useful:
                yield from _rs_errors(child)
            return
    pointer = jp.join("", *path)
    if name == "Required":
        message = f"missing required property '{kind.property}'"
    elif name in ("AdditionalProperties", "UnevaluatedProperties"):
        for key in kind.unexpected:
            yield StructuralError(jp.join(pointer, key), f"property '{key}' is not allowed here")
        return
    elif name == "Type":
        expected = kind.types if isinstance(kind.types, list) else [kind.types]
        message = f"{_short(error.instance)} is not of type {' or '.join(map(str, expected))}"
    elif name == "Enum":
        message = f"{_short(error.instance)} is not one of {_short(kind.options, 80)}"
    elif name in ("OneOfNotValid", "AnyOf"):
        message = "matches none of the allowed forms"
    elif name == "OneOfMultipleValid":
        message = "matches more than one of the allowed forms"
    else:
        message = error.message
        if len(message) > 160:
            message = message[:157] + "..."
    yield StructuralError(pointer, message)


def _py_errors(error: Any) -> Iterator[StructuralError]:
    import jsonschema

    if error.validator in ("oneOf", "anyOf") and error.context:
        best = jsonschema.exceptions.best_match(
            e for e in error.context if not (e.validator == "required" and "$ref" in e.message)
        )
        if best is not None:
            yield from _py_errors(best)
            return
    pointer = jp.join("", *[str(t) for t in error.absolute_path])
    message = error.message if len(error.message) <= 160 else error.message[:157] + "..."
    yield StructuralError(pointer, message)


def validate(data: Any, version: str) -> list[StructuralError]:
    """Every structural error in a spec, in a stable order."""
    validator = _validator(version)
    found: set[StructuralError] = set()
    expand = _rs_errors if jsonschema_rs is not None else _py_errors
    for error in validator.iter_errors(data):
        found.update(expand(error))
    return sorted(found, key=lambda e: (e.pointer, e.message))


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
