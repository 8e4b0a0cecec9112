"""Documentation rules for examples: request bodies and success responses carry one, and every
example and default validates against its schema.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from apilint.rule import Document, Findings, Item, Location, Operation, pointer, rule


@rule(
    "example-valid",
    area="documentation",
    severity="error",
    summary="Every example and default validates against its schema.",
)
def example_valid(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Validates every ``example``/``examples`` and every schema ``default`` against its schema,
    with the JSON Schema dialect of the spec's version (3.0's ``nullable`` and ``discriminator``;
    3.1's JSON Schema 2020-12). Checked: the examples of parameters, headers and schemas (at any
    depth), and those of media types that are JSON: ``*/*`` and any media type whose subtype
    names JSON (``application/json``, ``application/problem+json``, ...; not JSON streams such
    as ``application/x-ndjson``), in 2.0 the response ``examples`` of such a media type. Not
    checked: examples of other media types (an XML, CSV or text document is a string no schema
    of the data can judge) and ``example: null``, which generators write for an unset example.
    The finding points at the failing value deepest inside the example (in a ``oneOf``/``anyOf``
    the branch the example evidently means) and names the failing keyword; an example shared
    through ``$ref`` is reported once, where it is written. A ``discriminator`` that cannot be
    resolved (no ``propertyName``, a property no subschema declares, a ``mapping`` entry that
    points at nothing) is reported once, at the discriminator, and the union's examples are
    checked against its plain branches (as they are, unreported, when the branches fix values
    of the property that map to no schema).

    Why: examples are copied into client code, mock servers and documentation; an example that
    contradicts its schema teaches every reader the wrong contract.

    Example:
        bad:
            paths:
              /quota:
                get:
                  responses:
                    "200":
                      headers:
                        X-Rate-Limit-Remaining:
                          example: many
        good:
            paths:
              /pets:
                get:
                  summary: List pets
                  parameters:
                    - name: limit
                      in: query
                      example: 20
                      examples:
                        small:
                          value: 5
                          # ...
    """
    from apilint.analysis.examples import ExampleValidator, broken_discriminators, examples

    broken = broken_discriminators(doc)
    for item in broken:
        if item.reported:
            yield item.loc, f"discriminator cannot be resolved: {item.reason}"
    reported: set[Location] = set()
    for example, failure in ExampleValidator(doc, broken).failures(examples(doc)):
        if example.loc in reported:  # a shared example that fails more than one schema
            continue
        reported.add(example.loc)
        inside = "/" + "/".join(failure.path) if failure.path else "the top level"
        yield (
            example.loc.child(*failure.path),
            f"{example.kind} does not match its schema at {inside}: {failure.message} "
            f"({failure.keyword})",
        )


def _has_example(doc: Document, media: Item) -> bool:
    """An example on the media type (or 2.0 body parameter) or on its schema; ``example: null``
    is none (what generators write for an unset example)."""
    value = media.value
    if value.get("example") is not None or value.get("examples"):
        return True
    schema = doc.child(media, "schema")
    return (
        schema is not None
        and isinstance(schema.value, dict)
        and (schema.value.get("example") is not None or bool(schema.value.get("examples")))
    )


#: Payloads that are files: an example of their bytes is not something a spec can show.
_BINARY_TYPES = ("image/", "audio/", "video/", "font/")
_BINARY_MEDIA = frozenset(
    {"application/octet-stream", "application/pdf", "application/zip", "application/gzip"}
)


def _binary(doc: Document, media_type: str, media: Item) -> bool:
    essence = media_type.split(";", 1)[0].strip().lower()
    if essence in _BINARY_MEDIA or essence.startswith(_BINARY_TYPES):
        return True
    schema = doc.child(media, "schema")
    value = schema.value if schema is not None else None
    return isinstance(value, dict) and (
        value.get("format") == "binary" or value.get("type") == "file"
    )


def _place(kind: str, item: Item, operation: Operation, detail: str, status: str = "") -> str:
    """How a message names a body or response: by its status and operation when written in
    it, and by neither when it is a shared component (the message is then the same for every
    operation that uses it)."""
    inline = item.loc.file == operation.loc.file and item.loc.pointer.startswith(
        operation.loc.pointer + "/"
    )
    if not inline:  # named, so that two shared components never read the same
        tokens = pointer.split(item.loc.pointer)
        name = tokens[-1] if tokens else item.loc.file.rsplit("/", 1)[-1]
        return f"shared {kind} '{name}'{detail}"
    return f"{kind}{' ' + status if status else ''} of {operation.label}{detail}"


@rule(
    "operation-examples",
    area="documentation",
    severity="info",
    summary="Request bodies and success responses carry an example.",
    recommended=False,
)
def operation_examples(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Each media type of a request body and of a success (2xx) response needs an ``example``
    or ``examples``, on the media type or on its schema (2.0: ``examples`` on the response or an
    ``example`` on the schema). ``example: null`` is no example. Files (``image/*``,
    ``application/octet-stream``, a ``format: binary`` schema, ...) need none. A body or
    response shared through ``$ref`` is reported once, where it is written.

    Why: a concrete example is the fastest way to understand a payload, and mock servers and
    contract tests are built from them. Off in ``recommended``: a missing example is an
    inventory item, not a defect; the examples a spec has are checked by ``example-valid``.

    Example:
        bad:
            paths:
              /pets:
                get:
                  responses:
                    "200":
                      content:
                        application/json:
                          schema:
                            type: array
                            items:
                              $ref: "#/components/schemas/Pet"
        good:
            paths:
              /pets:
                get:
                  responses:
                    "200":
                      content:
                        application/json:
                          schema:
                            type: array
                            items:
                              $ref: "#/components/schemas/Pet"
                          example:
                            - name: Rex
    """
    seen: set[Location] = set()

    def first(loc: Location) -> bool:
        if loc in seen:
            return False
        seen.add(loc)
        return True

    for body in doc.request_bodies:
        operation = body.operation
        if doc.is_swagger:
            if not _has_example(doc, body) and not _binary(doc, "", body) and first(body.loc):
                yield body.loc, f"{_place('request body', body, operation, '')} has no example"
            continue
        for media_type, media in doc.entries(doc.child(body, "content")):
            if (
                isinstance(media.value, dict)
                and not _has_example(doc, media)
                and not _binary(doc, media_type, media)
                and first(media.loc)
            ):
                where = _place("request body", body, operation, f" ({media_type})")
                yield media.loc, f"{where} has no example"
    for response in doc.responses:
        if not response.status.startswith("2") or response.operation is None:
            continue
        operation = response.operation
        if doc.is_swagger:
            if (
                "schema" in response.value
                and not (response.value.get("examples") or _has_example(doc, response))
                and not _binary(doc, "", response)
                and first(response.loc)
            ):
                where = _place("response", response, operation, "", response.status)
                yield response.loc, f"{where} has no example"
            continue
        for media_type, media in doc.entries(doc.child(response, "content")):
            if (
                isinstance(media.value, dict)
                and "schema" in media.value
                and not _has_example(doc, media)
                and not _binary(doc, media_type, media)
                and first(media.loc)
            ):
                detail = f" ({media_type})"
                where = _place("response", response, operation, detail, response.status)
                yield media.loc, f"{where} has no example"
