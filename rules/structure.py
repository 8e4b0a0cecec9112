"""Structure rules: the spec is valid OpenAPI, its ``$ref``s resolve, its keys are unique."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from apilint.model.structural import bundle, locate, validate
from apilint.rule import Document, Findings, Position, rule


@rule(
    "oas-schema",
    area="structure",
    severity="error",
    summary="The document is valid against the OpenAPI JSON Schema of its version.",
)
def oas_schema(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Checks the document against the JSON Schema for OpenAPI 2.0, 3.0, 3.1 or 3.2 that
    openapi-spec-validator ships, and reports each failure at the offending node. A multi-file
    spec is checked as bundled (each ``$ref`` into another file replaced by its target), and a
    failure inside a referenced file is reported in that file.

    Why: tools that generate clients, documentation and gateways from a spec reject or silently
    misread a structurally invalid one. Failures inside ``oneOf`` alternatives are narrowed to
    the most specific one, so the message names the real problem (a missing ``description``
    rather than "not valid under any of the given schemas").

    Example:
        bad:
            paths:
              /tickets:
                get:
                  parameters:
                    - name: status
                      requried: true
        good:
            paths:
              /tickets:
                get:
                  parameters:
                    - name: status
                      in: query
                      required: true
                      schema:
                        type: string
                        enum: [open, closed]
    """
    for error in validate(bundle(doc.workspace), doc.version):
        yield locate(doc.workspace, error.pointer), error.message


@rule(
    "duplicate-key",
    area="structure",
    severity="error",
    summary="A mapping does not repeat a key.",
)
def duplicate_key(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Reports every key written twice in the same mapping, in any file of the spec.

    Why: YAML and JSON parsers keep only one of the values (usually the last), so the other is
    silently lost, and different tools may keep different ones.

    Example:
        bad:
            Book:
              properties:
                title:
                  type: string
                  maxLength: 200
        good:
            Book:
              properties:
                title:
                  type: string
                  description: The title.
    """
    for key, loaded in doc.workspace.files.items():
        for dup in loaded.duplicate_keys:
            yield (
                Position(key, dup.pointer, dup.line, dup.column),
                f"duplicate key '{dup.key}' (first at line {dup.first_line}); "
                "only the last value is used",
            )


@rule(
    "ref-unresolved",
    area="structure",
    severity="error",
    summary="Every $ref points to something that exists.",
)
def ref_unresolved(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Reports a ``$ref`` whose file cannot be loaded, whose pointer finds nothing, or that
    only refers to itself in a cycle, at the line of the ``$ref``.

    Why: a broken reference leaves a hole in the API description that every consumer of the
    spec trips over.

    Example:
        bad:
            paths:
              /recipes:
                get:
                  parameters:
                    - $ref: "#/components/parameters/PageSize"
        good:
            paths:
              /recipes:
                get:
                  parameters:
                    - $ref: "#/components/parameters/Limit"
    """
    yield from _ref_problems(doc, "unresolved")


@rule(
    "ref-not-followed",
    area="structure",
    severity="warn",
    summary="Every $ref stays inside the project folder and is not a URL.",
)
def ref_not_followed(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Reports a ``$ref`` to a URL or to a file outside the project folder (the folder of the
    config file, else of the root spec). Such references are never followed unless the config
    allows it (``refs: {allow-outside-root: true}``), so the part they point to is not linted.

    Why: following references anywhere lets a spec make the linter read arbitrary files or
    reach the network; a reviewed, self-contained spec tree is the safe default.

    Example:
        bad:
            paths:
              /forecasts/{city}:
                get:
                  parameters:
                    - $ref: "https://api.example.com/common/parameters.yaml#/City"
        good:
            paths:
              /forecasts/{city}:
                get:
                  parameters:
                    - $ref: "#/components/parameters/City"
    """
    yield from _ref_problems(doc, "not-followed")


def _ref_problems(doc: Document, kind: str) -> Findings:
    for site, problem in sorted(doc.workspace.problems.items()):
        if problem.kind == kind:
            yield site, problem.message


@rule(
    "operation-id-unique",
    area="structure",
    severity="error",
    summary="No two operations share an operationId.",
)
def operation_id_unique(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Reports every operation whose ``operationId`` an earlier operation already uses.

    Why: code generators name methods after operationIds and links refer to operations by
    them; a duplicate makes both ambiguous.

    Example:
        bad:
            paths:
              /items/{itemId}:
                put:
                  operationId: saveItem
        good:
            paths:
              /items/{itemId}:
                put:
                  operationId: replaceItem
    """
    first: dict[str, str] = {}
    for operation in doc.operations:
        op_id = operation.operation_id
        if op_id is None:
            continue
        where = operation.label
        if op_id in first:
            yield (
                operation.loc.child("operationId"),
                f"operationId '{op_id}' is already used by {first[op_id]}",
            )
        else:
            first[op_id] = where


_TEMPLATE = re.compile(r"\{([^{}/]+)\}")


@rule(
    "path-params-defined",
    area="structure",
    severity="error",
    summary="Path template parameters are declared, and declared path parameters are used.",
)
def path_params_defined(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Each ``{name}`` in a path must have an ``in: path`` parameter in every operation of that
    path (declared on the operation or the path item), each ``in: path`` parameter must
    appear in the path, and a path names each parameter once (``/a/{id}/b/{id}`` is reported
    at the path).

    Why: a missing declaration leaves the parameter untyped and undocumented; an unused one is
    a parameter no client can send.

    Example:
        bad:
            paths:
              /projects/{projectId}:
                get:
                  summary: Get a project
                  parameters:
                    - name: projectId
                      in: query
                      schema:
                        type: string
                  responses:
                    "200":
                      description: The project.
        good:
            paths:
              /projects/{projectId}:
                get:
                  summary: Get a project
                  responses:
                    "200":
                      description: The project.
    """
    repeated: set[str] = set()
    for operation in doc.operations:
        if operation.webhook:
            continue  # a webhook's key is a name, not a path template
        in_template = _TEMPLATE.findall(operation.path)
        twice = sorted({name for name in in_template if in_template.count(name) > 1})
        if twice and operation.path not in repeated:  # once per path, not per operation
            repeated.add(operation.path)
            listed = ", ".join(f"'{name}'" for name in twice)
            yield operation.path_item.loc, f"path {operation.path} names {listed} twice"
        declared = {p.name: p for p in operation.parameters if p.location == "path"}
        for name in in_template:
            if name not in declared:
                yield (
                    operation.loc,
                    f"path parameter '{name}' of {operation.path} is not declared "
                    f"for {operation.method.upper()}",
                )
        for name, param in declared.items():
            if name not in in_template:  # reported where this operation lists it
                yield param.site, f"path parameter '{name}' does not appear in {operation.path}"


@rule(
    "ignore-unknown-rule",
    area="structure",
    severity="warn",
    summary="Every entry of an x-apilint-ignore marker names a rule, an area or '*'.",
)
def ignore_unknown_rule(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Reports each entry of an ``x-apilint-ignore`` marker that is no rule id of the run
    (built-in or a plugin's), no area (``naming``) and not ``*``, with a "did you mean" for a
    mistyped one, and a marker that is neither a name nor a list of names. The engine reports
    these, as it applies the markers: it knows every rule of the run. Only a marker that names
    ``ignore-unknown-rule`` itself silences it (an area or ``*`` does not).

    Why: a misspelled id silences nothing. The finding it was meant for stays, or, for a rule
    that is off today, comes back unannounced the day the rule is switched on.

    Example:
        bad:
            paths:
              /stockItems:
                x-apilint-ignore: [path-segment-casng]
        good:
            paths:
              /stockItems:
                x-apilint-ignore: [path-segment-casing]
    """
    return iter(())


@rule(
    "ignore-unused",
    area="structure",
    severity="warn",
    summary="Every entry of an x-apilint-ignore marker silences a finding.",
    recommended=False,
)
def ignore_unused(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Reports each entry of an ``x-apilint-ignore`` marker that silenced no finding in this
    run: the rule (every rule of the area, every rule for ``*``) found nothing on the node or
    below it, or is off (the message says so). A marker in a ``$ref``'d file is judged only by
    the specs that use its node. The engine reports these once every other rule has run. A
    marker kept on purpose names ``ignore-unused`` as well; an area or ``*`` does not silence
    it. Off in ``recommended``, on in ``strict``.

    Why: a suppression outlives the problem it was written for, and then hides the next
    problem of that rule on that node without anyone deciding so.

    Example:
        bad:
            paths:
              /stock-items:
                x-apilint-ignore: path-segment-casing
        good:
            paths:
              /stock-items:
                get:
                  summary: List the stock items
                  responses:
                    "200":
                      description: The stock items.
    """
    return iter(())
