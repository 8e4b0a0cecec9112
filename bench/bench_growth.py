"""How lint time and memory grow with the size of a spec: synthetic specs of 1k, 10k and 50k
operations, each linted as a whole process (``recommended``, no cache).

    python bench/bench_growth.py [--runs 3] [--sizes 1000,10000,50000] [--keep DIR]

A generated spec has, per resource, a collection path (GET list, POST create) and an item
path (GET, PUT, DELETE) with a path parameter, a schema of eight properties (one an enum, one
an array of a shared schema, one a ``$ref`` to a shared schema), shared parameters and
responses by ``$ref``, examples, and now and then a finding (a snake_case operationId, a
missing description) so that rules report as on real specs. Time per operation should stay
flat from 1k to 50k (no rule may be quadratic), and memory should grow linearly.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench_large import run_once  # the same process measurement as the other benches


def _resource(index: int) -> tuple[dict[str, Any], dict[str, Any], str]:
    """The two path items and the schema of resource ``index``."""
    name = f"Thing{index}"
    ref = {"$ref": f"#/components/schemas/{name}"}
    collection = f"/things{index}"
    item = f"/things{index}/{{thingId}}"
    ok = {"description": "Done.", "content": {"application/json": {"schema": ref}}}
    listed = {
        "description": "The things.",
        "content": {"application/json": {"schema": {"type": "array", "items": ref}}},
    }
    errors = {"400": {"$ref": "#/components/responses/BadRequest"}}
    op_id = f"list_things{index}" if index % 17 == 0 else f"listThings{index}"
    paths = {
        collection: {
            "get": {
                "operationId": op_id,
                "summary": f"List things {index}",
                "description": "Every thing of this kind.",
                "tags": ["things"],
                "parameters": [{"$ref": "#/components/parameters/Limit"}],
                "responses": {"200": listed, **errors},
            },
            "post": {
                "operationId": f"createThing{index}",
                "summary": f"Create a thing {index}",
                "tags": ["things"],
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": ref}},
                },
                "responses": {"201": ok, **errors},
            },
        },
        item: {
            "parameters": [{"$ref": "#/components/parameters/ThingId"}],
            "get": {
                "operationId": f"getThing{index}",
                "summary": f"Get a thing {index}",
                "description": "One thing." if index % 5 else "",
                "tags": ["things"],
                "responses": {"200": ok, **errors},
            },
            "put": {
                "operationId": f"replaceThing{index}",
                "summary": f"Replace a thing {index}",
                "tags": ["things"],
                "requestBody": {"content": {"application/json": {"schema": ref}}},
                "responses": {"200": ok, **errors},
            },
            "delete": {
                "operationId": f"deleteThing{index}",
                "summary": f"Delete a thing {index}",
                "tags": ["things"],
                "responses": {"204": {"description": "Deleted."}, **errors},
            },
        },
    }
    schema = {
        "type": "object",
        "description": f"Thing number {index}.",
        "required": ["id", "name"],
        "properties": {
            "id": {"type": "string", "format": "uuid", "readOnly": True},
            "name": {"type": "string", "maxLength": 100, "example": f"thing {index}"},
            "count": {"type": "integer", "minimum": 0},
            "state": {"type": "string", "enum": ["new", "used", "gone"]},
            "owner": {"$ref": "#/components/schemas/Owner"},
            "tags": {"type": "array", "items": {"$ref": "#/components/schemas/Tag"}},
            "createdAt": {"type": "string", "format": "date-time"},
            "note_text" if index % 13 == 0 else "note": {"type": "string", "nullable": True},
        },
    }
    return paths, schema, name


def generate(operations: int) -> dict[str, Any]:
    """A spec with ``operations`` operations (five per resource)."""
    paths: dict[str, Any] = {}
    schemas: dict[str, Any] = {
        "Owner": {"type": "object", "properties": {"id": {"type": "string"}}},
        "Tag": {"type": "object", "properties": {"label": {"type": "string"}}},
        "Error": {"type": "object", "properties": {"message": {"type": "string"}}},
    }
    for index in range(max(1, operations // 5)):
        more, schema, name = _resource(index)
        paths.update(more)
        schemas[name] = schema
    return {
        "openapi": "3.0.3",
        "info": {"title": "Things", "version": "1.0.0", "description": "Generated."},
        "servers": [{"url": "https://api.example.com/v1"}],
        "tags": [{"name": "things", "description": "Things."}],
        "paths": paths,
        "components": {
            "schemas": schemas,
            "parameters": {
                "Limit": {"name": "limit", "in": "query", "schema": {"type": "integer"}},
                "ThingId": {
                    "name": "thingId",
                    "in": "path",
                    "required": True,
                    "schema": {"type": "string"},
                },
            },
            "responses": {
                "BadRequest": {
                    "description": "Bad request.",
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Error"}}
                    },
                }
            },
        },
    }


def write_spec(operations: int, path: Path, separators: tuple[str, str] | None = None) -> None:
    """Write the generated spec from a child process: a process started later from this one
    would otherwise count this one's memory at the fork in its peak (``ru_maxrss``)."""
    script = (
        "import json, sys; from bench_growth import generate; "
        "open(sys.argv[2], 'w').write(json.dumps(generate(int(sys.argv[1])), "
        f"separators={separators!r}))"
    )
    folder = str(Path(__file__).parent)
    subprocess.run(
        [sys.executable, "-c", script, str(operations), str(path)], check=True, cwd=folder
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", default="1000,10000,50000")
    parser.add_argument("--keep", type=Path, help="write the generated specs here")
    args = parser.parse_args()
    apilint = shutil.which("apilint") or str(Path(sys.executable).parent / "apilint")
    folder = args.keep or Path(tempfile.mkdtemp(prefix="apilint-growth-"))
    folder.mkdir(parents=True, exist_ok=True)
    print(f"{'operations':>10} {'MB':>6} {'median s':>9} {'ms/op':>7} {'peak MB':>8} {'KB/op':>7}")
    for size in (int(s) for s in args.sizes.split(",")):
        spec = folder / f"growth-{size}.json"
        write_spec(size, spec)
        command = [apilint, "lint", "--no-cache", "-f", "json", str(spec)]
        results = [run_once(command) for _ in range(args.runs)]
        median = statistics.median(t for t, _ in results)
        peak = max(m for _, m in results)
        print(
            f"{size:>10} {spec.stat().st_size / 1e6:>6.1f} {median:>9.2f} "
            f"{median / size * 1000:>7.3f} {peak:>8.0f} {peak * 1024 / size:>7.1f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
