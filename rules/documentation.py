"""Documentation rules: a consumer can use the API from its spec alone."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any
from urllib.parse import urlsplit

from apilint.analysis.coverage import described, documented, is_placeholder, measure
from apilint.rule import Document, Findings, Item, Location, rule, squash


def _blank(value: Any) -> bool:
    return not isinstance(value, str) or not value.strip()


@rule(
    "info-description",
    area="documentation",
    severity="warn",
    summary="info has a description.",
)
def info_description(doc: Document, options: Mapping[str, Any]) -> Findings:
    """``info.description`` must be present and not blank.

    Why: it is the landing page of the API's documentation: what the API is for, who may use
    it and how to start.
    """
    info = doc.info
    if info is not None and _blank(info.value.get("description")):
        yield info.loc, "info has no description"


@rule(
    "info-contact",
    area="documentation",
    severity="warn",
    summary="info has a contact with a name, an email or a URL.",
)
def info_contact(doc: Document, options: Mapping[str, Any]) -> Findings:
    """``info.contact`` must be present and give at least a name, an email or a URL.

    Why: consumers with a question or an incident need to know who owns the API.
    """
    info = doc.info
    if info is None:
        return
    contact = info.value.get("contact")
    if not isinstance(contact, dict):
        yield info.loc, "info has no contact"
    elif all(_blank(contact.get(key)) for key in ("name", "email", "url")):
        yield info.loc.child("contact"), "info.contact has no name, email or url"


@rule(
    "operation-summary",
    area="documentation",
    severity="warn",
    summary="Every operation has a summary, short and without a trailing period.",
    options={"max-length": {"type": "integer", "minimum": 1, "default": 80}},
)
def operation_summary(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Each operation needs a ``summary``: not blank, at most ``max-length`` characters, not
    ending with a period, and not a copy of the operationId or the path.

    Why: the summary is the operation's title in every documentation tool and SDK; a missing
    one leaves the reader with a bare path, a long one breaks navigation menus.
    """
    limit = options["max-length"]
    for operation in doc.operations:
        label = operation.label
        summary = operation.value.get("summary")
        if _blank(summary):
            yield operation.loc, f"{label} has no summary"
            continue
        text = summary.strip()
        if len(text) > limit:
            yield (
                operation.loc.child("summary"),
                f"summary of {label} is {len(text)} characters long (at most {limit})",
            )
        if text.endswith(".") and not text.endswith(".."):
            yield operation.loc.child("summary"), f"summary of {label} ends with a period"
        op_id = operation.operation_id
        if text in (operation.path, op_id):
            copied = "the path" if text == operation.path else "the operationId"
            yield operation.loc.child("summary"), f"summary of {label} only repeats {copied}"


@rule(
    "operation-tag-defined",
    area="documentation",
    severity="warn",
    summary="Every tag an operation uses is declared at the top level.",
)
def operation_tag_defined(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Each name in an operation's ``tags`` must appear in the top-level ``tags`` list.

    Why: documentation tools group operations by tag and show the declared tag's description;
    an undeclared tag produces an undocumented, often misspelled, section.
    """
    declared = {tag.name for tag in doc.tags}
    for operation in doc.operations:
        tags = operation.value.get("tags")
        if not isinstance(tags, list):
            continue
        for index, name in enumerate(tags):
            if isinstance(name, str) and name not in declared:
                yield operation.loc.child("tags", index), f"tag '{name}' is not declared in tags"


# -- info ----------------------------------------------------------------------------------------

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def absolute_url(value: Any) -> bool:
    """Whether a value is a well-formed absolute http(s) URL (no network is used)."""
    if not isinstance(value, str) or any(char.isspace() for char in value):
        return False
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


@rule(
    "info-title",
    area="documentation",
    severity="warn",
    summary="info has a title.",
)
def info_title(doc: Document, options: Mapping[str, Any]) -> Findings:
    """``info.title`` must be present and not a placeholder.

    Why: the title names the API in every catalogue, portal and generated SDK.
    """
    info = doc.info
    if info is not None and not documented(info.value.get("title")):
        yield info.loc, "info has no title"


@rule(
    "info-version",
    area="documentation",
    severity="warn",
    summary="info has a version.",
)
def info_version(doc: Document, options: Mapping[str, Any]) -> Findings:
    """``info.version`` must be present and not blank (its format is ``info-version-format``'s
    business).

    Why: consumers need to know which version of the contract they read.
    """
    info = doc.info
    if info is None:
        return
    version = info.value.get("version")
    if version is None or (isinstance(version, str) and not version.strip()):
        yield info.loc, "info has no version"


@rule(
    "info-license",
    area="documentation",
    severity="warn",
    summary="info has a license with an SPDX identifier or a URL.",
)
def info_license(doc: Document, options: Mapping[str, Any]) -> Findings:
    """``info.license`` must be present and say which license: an SPDX ``identifier`` (3.1) or
    a ``url``. The URL must be a well-formed absolute URL.

    Why: consumers, and their lawyers, need to know under which terms they may use the API and
    its description.
    """
    info = doc.info
    if info is None:
        return
    license_ = info.value.get("license")
    if not isinstance(license_, dict):
        yield info.loc, "info has no license"
        return
    where = info.loc.child("license")
    identifier, url = license_.get("identifier"), license_.get("url")
    if not documented(identifier) and url is None:
        yield where, "license has neither an SPDX identifier nor a url"
    elif url is not None and not absolute_url(url):
        yield where.child("url"), f"license url '{url}' is not an absolute http(s) URL"


@rule(
    "info-terms-of-service",
    area="documentation",
    severity="info",
    summary="info links the terms of service.",
    recommended=False,
)
def info_terms_of_service(doc: Document, options: Mapping[str, Any]) -> Findings:
    """``info.termsOfService`` must be present and a well-formed absolute URL. Off in
    ``recommended``: internal APIs often have no terms of their own.

    Why: a public API's consumers must be able to find the terms they agree to.
    """
    info = doc.info
    if info is None:
        return
    terms = info.value.get("termsOfService")
    if terms is None:
        yield info.loc, "info has no termsOfService"
    elif not absolute_url(terms):
        yield info.loc.child("termsOfService"), f"termsOfService '{terms}' is not an absolute URL"


@rule(
    "url-valid",
    area="documentation",
    severity="warn",
    summary="Documentation links (externalDocs, contact, license) are absolute URLs.",
)
def url_valid(doc: Document, options: Mapping[str, Any]) -> Findings:
    """``externalDocs.url`` (of the document, of operations, of tags and of schemas),
    ``info.contact.url`` and ``info.license.url`` must be well-formed absolute http(s) URLs, and
    ``info.contact.email`` a well-formed email address. Nothing is fetched.

    Why: a relative or malformed link is dead in every portal that renders the spec.
    """
    holders: list[Item] = [doc.root_item]
    holders.extend(doc.operations)
    holders.extend(doc.tags)
    holders.extend(doc.schemas)
    for holder in holders:
        docs = holder.value.get("externalDocs") if isinstance(holder.value, dict) else None
        if isinstance(docs, dict) and "url" in docs and not absolute_url(docs["url"]):
            yield (
                holder.loc.child("externalDocs", "url"),
                f"externalDocs url '{docs['url']}' is not an absolute URL",
            )
    info = doc.info
    if info is None:
        return
    contact = info.value.get("contact")
    if isinstance(contact, dict):
        if "url" in contact and not absolute_url(contact["url"]):
            yield (
                info.loc.child("contact", "url"),
                f"contact url '{contact['url']}' is not an absolute URL",
            )
        email = contact.get("email")
        if email is not None and not (isinstance(email, str) and _EMAIL.match(email)):
            yield (
                info.loc.child("contact", "email"),
                f"contact email '{email}' is not an email address",
            )
    license_ = info.value.get("license")
    if isinstance(license_, dict) and "url" in license_ and not absolute_url(license_["url"]):
        yield (
            info.loc.child("license", "url"),
            f"license url '{license_['url']}' is not an absolute URL",
        )


# -- operations and tags ---------------------------------------------------------------------------


@rule(
    "operation-description",
    area="documentation",
    severity="info",
    summary="Every operation has a description.",
)
def operation_description(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Each operation needs a ``description`` that is not blank or a placeholder.

    Why: the summary names the operation; the description says what it does, its side effects
    and its rules, which a consumer cannot guess from a path.
    """
    for operation in doc.operations:
        if not documented(operation.value.get("description")):
            label = operation.label
            yield operation.loc, f"{label} has no description"


@rule(
    "operation-tags",
    area="documentation",
    severity="warn",
    summary="Every operation has at least one tag.",
)
def operation_tags(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Each operation must list at least one tag.

    Why: documentation tools group operations by tag; an untagged operation ends up in a
    catch-all section, or disappears from navigation.
    """
    for operation in doc.operations:
        tags = operation.value.get("tags")
        if not (isinstance(tags, list) and any(isinstance(t, str) and t.strip() for t in tags)):
            yield operation.loc, f"{operation.label} has no tag"


@rule(
    "tag-description",
    area="documentation",
    severity="warn",
    summary="Every declared tag has a description.",
)
def tag_description(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Each entry of the top-level ``tags`` needs a ``description``.

    Why: the tag description is the introduction of its section in every documentation portal.
    """
    for tag in doc.tags:
        if not documented(tag.value.get("description")):
            yield tag.loc, f"tag '{tag.name}' has no description"


# -- parameters, bodies, responses, headers -------------------------------------------------------


@rule(
    "parameter-description",
    area="documentation",
    severity="warn",
    summary="Every parameter has a description.",
)
def parameter_description(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Each parameter object (each once, reusable ones included) needs a ``description``.

    Why: a parameter's name rarely says its unit, format, default behaviour or constraints.
    """
    for param in doc.parameters:
        if not documented(param.value.get("description")):
            yield param.loc, f"{param.location} parameter '{param.name}' has no description"


@rule(
    "request-body-description",
    area="documentation",
    severity="info",
    summary="Every request body has a description.",
    formats={"3.0", "3.1"},
)
def request_body_description(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Each ``requestBody`` needs a ``description`` (2.0 body parameters are parameters, and
    ``parameter-description`` covers them).

    Why: the body is usually the largest input of an operation; what it represents and how it
    is used belongs next to it.
    """
    seen: set[Any] = set()
    for body in doc.request_bodies:
        if body.loc in seen:
            continue  # a shared body is reported once, where it is written
        seen.add(body.loc)
        if not documented(body.value.get("description")):
            label = body.operation.label
            yield body.loc, f"request body of {label} has no description"


@rule(
    "response-description",
    area="documentation",
    severity="warn",
    summary="Every response has a real description (not blank, not a placeholder).",
)
def response_description(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Each response object (of operations, callbacks and components, each once) needs a
    ``description`` that says something.

    Why: OpenAPI requires the field, and specs satisfy it with ``""`` or ``TODO``; a consumer
    handling a response needs to know what it means.
    """
    for response in doc.response_objects:
        if not documented(response.value.get("description")):
            yield response.loc, "response has no description"


@rule(
    "header-description",
    area="documentation",
    severity="info",
    summary="Every response header has a description.",
)
def header_description(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Each header a response declares needs a ``description``.

    Why: headers such as rate limits and pagination links are part of the contract, and their
    meaning is not in their name.
    """
    for response in doc.response_objects:
        for name, header in doc.entries(doc.child(response, "headers")):
            if isinstance(header.value, dict) and not documented(header.value.get("description")):
                yield header.loc, f"header '{name}' has no description"


def _status_kind(status: str) -> str:
    if status == "default":
        return "default"
    return {"1": "info", "2": "success", "3": "success", "4": "error", "5": "error"}.get(
        status[:1], "other"
    )


@rule(
    "operation-responses",
    area="documentation",
    severity="warn",
    summary="Every operation documents a success response and its error responses.",
)
def operation_responses(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Each operation needs at least one success response (2xx or 3xx) and at least one error
    response (4xx, 5xx or ``default``).

    Why: clients must handle failure; an operation that documents only its happy path leaves
    every error to be discovered in production.
    """
    for operation in doc.operations:
        responses = operation.value.get("responses")
        if not isinstance(responses, dict):
            continue
        kinds = {_status_kind(str(status)) for status in responses}
        label = operation.label
        where = operation.loc.child("responses")
        if "success" not in kinds:
            yield where, f"{label} documents no success (2xx or 3xx) response"
        if not kinds & {"error", "default"}:
            yield where, f"{label} documents no error (4xx, 5xx or default) response"


_NO_BODY = {"204", "205", "304"}


@rule(
    "response-schema",
    area="documentation",
    severity="warn",
    summary="Success and error responses that carry a body declare its schema.",
)
def response_schema(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Each success and error response (other than 204, 205 and 304, and responses to
    ``HEAD``) must declare a schema: in 3.x a ``content`` entry with a ``schema``, in 2.0 a
    ``schema``.

    Why: without a schema a client cannot parse the body, and code generators produce untyped
    responses.
    """
    seen: set[Any] = set()
    for response in doc.responses:
        operation = response.operation
        if operation is None or operation.method == "head" or response.status in _NO_BODY:
            continue
        if _status_kind(response.status) not in ("success", "error", "default"):
            continue
        if response.loc in seen:
            continue  # a shared response is reported once, where it is written
        seen.add(response.loc)
        if not any(True for _ in doc.media_schemas(response)):
            label = operation.label
            yield response.loc, f"response {response.status} of {label} declares no schema"


# -- schemas -------------------------------------------------------------------------------------


@rule(
    "schema-description",
    area="documentation",
    severity="warn",
    summary="Every component schema has a description or a title.",
)
def schema_description(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Each named schema (``components.schemas``, ``definitions``) needs a ``description`` or a
    ``title``.

    Why: named schemas become the types of every generated SDK; their documentation is the
    documentation of those types.
    """
    for schema in doc.schemas:
        if schema.name is None:
            continue
        if not (
            documented(schema.value.get("description")) or documented(schema.value.get("title"))
        ):
            yield schema.loc, f"schema '{schema.name}' has no description or title"


@rule(
    "property-description",
    area="documentation",
    severity="info",
    summary="Every schema property has a description or a title.",
    recommended=False,
)
def property_description(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Each property of each schema (at any depth, each schema once) needs a ``description`` or
    a ``title``, on the property or on the schema its ``$ref`` points to.

    Why: property names are short; units, formats and meaning live in the description. Off in
    ``recommended`` (real specs have thousands of undescribed properties); the documentation
    coverage figure counts them either way, and ``documentation-coverage`` can gate on it.
    """
    for prop in doc.properties:
        if not described(doc, prop):
            yield prop.loc, f"property '{prop.name}' has no description or title"


@rule(
    "enum-description",
    area="documentation",
    severity="info",
    summary="Enums document what each of their values means.",
    options={
        "extensions": {
            "type": "array",
            "items": {"type": "string", "pattern": "^x-"},
            "default": ["x-enum-descriptions", "x-enumDescriptions", "x-enum-varnames"],
        }
    },
    recommended=False,
)
def enum_description(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Each ``enum`` of a schema must document its values: a description that mentions every
    value, or one of the ``extensions`` (``x-enum-descriptions`` by default) with an entry for
    every value. Off in ``recommended``.

    Why: ``status: [P, A, C]`` is meaningless without a legend, and clients end up guessing.
    """
    extensions = options["extensions"]
    for schema in doc.schemas:
        values = schema.value.get("enum")
        if not isinstance(values, list) or not values:
            continue
        if any(_covers(schema.value.get(ext), values) for ext in extensions):
            continue
        text = schema.value.get("description")
        if isinstance(text, str) and all(
            re.search(rf"(?<![\w-]){re.escape(str(v))}(?![\w-])", text)
            for v in values
            if v is not None
        ):
            continue  # every value is named, as a whole word, in the description
        yield schema.loc.child("enum"), "enum values are not documented (describe each value)"


def _covers(extension: Any, values: list[Any]) -> bool:
    if isinstance(extension, dict):
        return all(str(v) in extension for v in values if v is not None)
    if isinstance(extension, list):
        return len(extension) >= len([v for v in values if v is not None])
    return False


# -- placeholders ----------------------------------------------------------------------------------


def _texts(doc: Document) -> Iterator[tuple[Location, str, str, str | None]]:
    """(where the field is, field, text, the name the text describes) for the descriptive
    texts; ``where`` is the object holding the field (its child is made only for a finding)."""
    info = doc.info
    if info is not None:
        for field in ("title", "description"):
            if isinstance(info.value.get(field), str):
                yield info.loc, field, info.value[field], None
    for operation in doc.operations:
        for field in ("summary", "description"):
            if isinstance(operation.value.get(field), str):
                # a summary may be the operationId in words ("List pets"); a description not
                name = operation.operation_id if field == "description" else None
                yield operation.loc, field, operation.value[field], name
    for param in doc.parameters:
        if isinstance(param.value.get("description"), str):
            yield param.loc, "description", param.value["description"], param.name
    for response in doc.response_objects:
        if isinstance(response.value.get("description"), str):
            yield response.loc, "description", response.value["description"], None
    for schema in doc.schemas:
        for field in ("title", "description"):
            if isinstance(schema.value.get(field), str):
                yield schema.loc, field, schema.value[field], schema.name
    for prop in doc.properties:
        if isinstance(prop.value, dict) and isinstance(prop.value.get("description"), str):
            yield prop.loc, "description", prop.value["description"], prop.name
    for tag in doc.tags:
        if isinstance(tag.value.get("description"), str):
            yield tag.loc, "description", tag.value["description"], tag.name


_FIRST_ALNUM = re.compile(r"[a-z0-9]")
_MARKER = re.compile(r"\b(?:TODO|TBD|FIXME)\b")


def _has_marker(text: str) -> bool:
    """A shouted TODO/TBD/FIXME word or lorem ipsum anywhere in the text."""
    if ("TODO" in text or "TBD" in text or "FIXME" in text) and _MARKER.search(text):
        return True
    return "lorem ipsum" in text.lower()


def _repeats(text: str, name: str) -> bool:
    """Whether the text, letters and digits only and lower-cased, is the name."""
    squashed = squash(name)
    first = _FIRST_ALNUM.search(text.lower())  # a cheap test before squashing a long text
    if first is None or not squashed:
        return first is None and not squashed
    return first.group() == squashed[0] and squash(text) == squashed


@rule(
    "placeholder-text",
    area="documentation",
    severity="warn",
    summary="No placeholder documentation: TODO, TBD, lorem ipsum, 'string', blank, or the name.",
)
def placeholder_text(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Reports a title, summary or description that is blank or whitespace, a placeholder
    (``TODO``, ``TBD``, ``FIXME``, ``lorem ipsum``, ``string``), or only repeats the name of
    what it describes (``userId``: "User ID").

    Why: such text satisfies a "has a description" check while telling the reader nothing; it
    is worse than no text because it hides the gap.
    """
    for where, field, text, name in _texts(doc):
        # inside a sentence only the shouted markers count: "Add a todo item" is real text
        if is_placeholder(text) or _has_marker(text):
            shown = text.strip()[:40] or "blank"
            yield where.child(field), f"{field} is a placeholder ('{shown}')"
        elif name and _repeats(text, name):
            yield where.child(field), f"{field} '{text.strip()}' only repeats the name '{name}'"


# -- examples ------------------------------------------------------------------------------------


@rule(
    "example-valid",
    area="documentation",
    severity="error",
    summary="Every example and default validates against its schema.",
)
def example_valid(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Validates every ``example``/``examples`` (of media types, parameters, response headers
    and schemas, at any depth) and every schema ``default`` against its schema, with the JSON
    Schema dialect of the spec's version (3.0's ``nullable`` style; 3.1's JSON Schema 2020-12).
    The finding points at the offending value inside the example and names the failing keyword.

    Why: examples are copied into client code, mock servers and documentation; an example that
    contradicts its schema teaches every reader the wrong contract.
    """
    from apilint.analysis.examples import ExampleValidator, examples

    for example, failure in ExampleValidator(doc).failures(examples(doc)):
        inside = "/" + "/".join(failure.path) if failure.path else "the top level"
        yield (
            example.loc.child(*failure.path),
            f"{example.kind} does not match its schema at {inside}: {failure.message} "
            f"({failure.keyword})",
        )


def _has_example(doc: Document, media: Item) -> bool:
    value = media.value
    if "example" in value or value.get("examples"):
        return True
    schema = doc.child(media, "schema")
    return (
        schema is not None
        and isinstance(schema.value, dict)
        and ("example" in schema.value or bool(schema.value.get("examples")))
    )


@rule(
    "operation-examples",
    area="documentation",
    severity="info",
    summary="Request bodies and success responses carry an example.",
)
def operation_examples(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Each media type of a request body and of a success (2xx) response needs an ``example``
    or ``examples``, on the media type or on its schema (2.0: ``examples`` on the response or an
    ``example`` on the schema).

    Why: a concrete example is the fastest way to understand a payload, and mock servers and
    contract tests are built from them.
    """
    for body in doc.request_bodies:
        label = body.operation.label
        if doc.is_swagger:
            if not _has_example(doc, body):
                yield body.loc, f"request body of {label} has no example"
            continue
        for media_type, media in doc.entries(doc.child(body, "content")):
            if isinstance(media.value, dict) and not _has_example(doc, media):
                yield media.loc, f"request body of {label} ({media_type}) has no example"
    for response in doc.responses:
        if not response.status.startswith("2") or response.operation is None:
            continue
        label = response.operation.label
        if doc.is_swagger:
            if "schema" in response.value and not (
                response.value.get("examples") or _has_example(doc, response)
            ):
                yield response.loc, f"response {response.status} of {label} has no example"
            continue
        for media_type, media in doc.entries(doc.child(response, "content")):
            if (
                isinstance(media.value, dict)
                and "schema" in media.value
                and not _has_example(doc, media)
            ):
                yield (
                    media.loc,
                    f"response {response.status} of {label} ({media_type}) has no example",
                )


# -- coverage ------------------------------------------------------------------------------------


@rule(
    "documentation-coverage",
    area="documentation",
    severity="warn",
    summary="The spec's documentation coverage is at least the configured minimum.",
    options={"min": {"type": "number", "minimum": 0, "maximum": 100, "default": 0}},
    strict_options={"min": 80},
)
def documentation_coverage(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Reports once when the spec's documentation coverage (see the README's definition: the
    share of info fields, operations, parameters, responses, schemas and properties that are
    documented) is below ``min`` percent. ``min`` is 0 by default, and 80 in ``strict``.

    Why: a coverage gate lets a platform raise the documentation bar step by step on existing
    APIs instead of demanding everything at once.
    """
    figure = measure(doc)
    overall = figure.overall
    if overall is not None and overall < options["min"]:
        yield "", f"{figure.summary()} is below the minimum of {options['min']:g}%"
