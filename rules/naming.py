"""Naming rules: every name in a spec follows the organisation's casing policy.

Each location (path segments, path, query, header and cookie parameters, properties, schema
names, operationIds, enum values, tag names) is its own rule with its own default style, and
every one takes the same options: ``style`` (a casing style, or ``consistent`` to follow the
style most names at that location already use), ``pattern`` (a regular expression that replaces
the style), ``allow-digits`` and ``allow`` (names that are always accepted).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from apilint.rule import Document, Findings, Location, Policy, casing, options_schema, pointer, rule

#: An option that lists names or words (allow-lists, banned words), empty by default.
_NAMES = {"type": "array", "items": {"type": "string"}, "default": []}


def _path_segments(doc: Document) -> Iterator[tuple[str, str]]:
    paths = doc.data.get("paths")
    if not isinstance(paths, dict):
        return
    for path in paths:
        if not isinstance(path, str) or not path.startswith("/"):
            continue
        where = pointer.join("/paths", path)
        for segment in path.split("/"):
            # `users:cancel` is a custom method on `users`: both parts are names
            head, _, method = segment.partition(":")
            for part in (head, method):
                if part and "{" not in part:
                    yield where, part


@rule(
    "path-segment-casing",
    area="naming",
    severity="warn",
    summary="Static path segments follow one casing style (kebab-case by default).",
    options=options_schema("kebab"),
)
def path_segment_casing(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Checks every static segment of every path (``/user-accounts/{id}``: ``user-accounts``),
    and both parts of a custom method (``/jobs/{id}:cancel``), against the policy. Template
    parameters are skipped.

    Why: URLs are the most visible part of an API; one convention across every API of an
    organisation makes them predictable. Kebab-case is the common choice (Zalando 129).
    """
    for where, message in Policy.from_options(options).check("path segment", _path_segments(doc)):
        yield where, f"{message} in {pointer.split(where)[1]}"


def _parameters(doc: Document, location: str) -> Iterator[tuple[Location, str]]:
    for param in doc.parameters:
        if param.location == location:
            yield param.loc.child("name"), param.name


@rule(
    "path-parameter-casing",
    area="naming",
    severity="warn",
    summary="Path parameter names follow one casing style (camelCase by default).",
    options=options_schema("camel"),
)
def path_parameter_casing(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Checks the name of every ``in: path`` parameter, each parameter once.

    Why: path parameter names appear in every generated client signature and in the
    documentation of every URL; mixed styles make an API look assembled from parts.
    """
    yield from Policy.from_options(options).check("path parameter", _parameters(doc, "path"))


@rule(
    "query-parameter-casing",
    area="naming",
    severity="warn",
    summary="Query parameter names follow one casing style (camelCase by default).",
    options=options_schema("camel"),
)
def query_parameter_casing(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Checks the name of every ``in: query`` parameter, each parameter once.

    Why: clients type query parameters by hand in URLs and scripts; one style spares them a
    lookup for every call (Zalando 130 asks for snake_case: see the ``zalando`` preset).
    """
    yield from Policy.from_options(options).check("query parameter", _parameters(doc, "query"))


def _headers(doc: Document) -> Iterator[tuple[Location, str]]:
    yield from _parameters(doc, "header")
    for response in doc.response_objects:
        headers = response.value.get("headers")
        if isinstance(headers, dict):
            for name in headers:
                yield response.loc.child("headers", name), name


@rule(
    "header-casing",
    area="naming",
    severity="warn",
    summary="Request and response header names follow one style (Header-Case by default).",
    options=options_schema("header"),
)
def header_casing(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Checks the names of header parameters and of the headers every response declares.

    Why: HTTP header names are case-insensitive on the wire but not in documentation, SDKs and
    gateway configuration; the conventional ``Hyphenated-Pascal`` form (``X-Request-Id``,
    ``Content-Type``) reads as a header at a glance.
    """
    yield from Policy.from_options(options).check("header", _headers(doc))


@rule(
    "cookie-casing",
    area="naming",
    severity="warn",
    summary="Cookie parameter names follow one casing style (camelCase by default).",
    formats={"3.0", "3.1"},
    options=options_schema("camel"),
    recommended=False,
)
def cookie_casing(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Checks the name of every ``in: cookie`` parameter, each parameter once.

    Why: cookie names are shared with browsers and other services on the same domain; a
    predictable style avoids collisions and confusion. Off in ``recommended``, as cookie names
    are often dictated by frameworks.
    """
    yield from Policy.from_options(options).check("cookie", _parameters(doc, "cookie"))


_IGNORED_PROPERTY = re.compile(r"^(?:@|\$|_links$|_embedded$)")


@rule(
    "property-casing",
    area="naming",
    severity="warn",
    summary="Schema property names follow one casing style (camelCase by default).",
    options=options_schema("camel"),
)
def property_casing(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Checks the name of every property of every schema (request and response, at any depth,
    each schema once even when it is referenced many times). Names starting with ``@`` or
    ``$`` (JSON-LD) and HAL's ``_links``/``_embedded`` are skipped.

    Why: JSON payloads are read by code in many languages; one property style across an API
    spares every client a mapping layer.
    """
    names = (
        (prop.loc, prop.name) for prop in doc.properties if not _IGNORED_PROPERTY.match(prop.name)
    )
    yield from Policy.from_options(options).check("property", names)


@rule(
    "schema-name-casing",
    area="naming",
    severity="warn",
    summary="Component/definition schema names follow one style (PascalCase by default).",
    options=options_schema("pascal"),
)
def schema_name_casing(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Checks the names under ``components.schemas`` (``definitions`` in 2.0).

    Why: generators turn schema names into class names; PascalCase names become idiomatic types
    in nearly every language without renaming.
    """
    yield from Policy.from_options(options).check("schema name", _schema_names(doc))


@rule(
    "operation-id-casing",
    area="naming",
    severity="warn",
    summary="operationIds follow one casing style (camelCase by default).",
    options=options_schema("camel"),
)
def operation_id_casing(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Checks each ``operationId`` against the policy.

    Why: generated SDKs turn operationIds into method names; a consistent style gives
    idiomatic method names without per-operation overrides.
    """
    names = (
        (op.loc.child("operationId"), op.operation_id) for op in doc.operations if op.operation_id
    )
    yield from Policy.from_options(options).check("operationId", names)


@rule(
    "enum-value-casing",
    area="naming",
    severity="warn",
    summary="String enum values follow one casing style (the spec's dominant one by default).",
    options=options_schema("consistent"),
    recommended=False,
)
def enum_value_casing(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Checks every string value of every ``enum`` of every schema, each schema once. By
    default the style is the one most enum values in the spec already use.

    Why: enum values become constants in generated code and are compared verbatim by clients;
    a value in a different style is usually a typo that will never match. Off in
    ``recommended``, as enum values often mirror external code lists.
    """
    values = (
        (holder.child("enum", index), value)
        for holder, enum in _enums(doc)
        for index, value in enumerate(enum)
        if isinstance(value, str) and value
    )
    yield from Policy.from_options(options).check("enum value", values)


def _enums(doc: Document) -> Iterator[tuple[Location, list[Any]]]:
    """Every ``enum`` list: of schemas, and in 2.0 of parameters and headers (and their items),
    which carry ``enum`` themselves instead of in a schema."""
    holders: list[tuple[Location, Any]] = [(schema.loc, schema.value) for schema in doc.schemas]
    if doc.is_swagger:
        holders.extend((param.loc, param.value) for param in doc.parameters)
        for response in doc.response_objects:
            headers = response.value.get("headers")
            if isinstance(headers, dict):
                holders.extend((response.loc.child("headers", n), h) for n, h in headers.items())
    for loc, value in holders:
        while isinstance(value, dict):
            if isinstance(value.get("enum"), list):
                yield loc, value["enum"]
            if not doc.is_swagger or "schema" in value:
                break  # schemas' items are schemas of their own; 2.0 items are not
            loc, value = loc.child("items"), value.get("items")


@rule(
    "tag-name-casing",
    area="naming",
    severity="warn",
    summary="Tag names follow one casing style (the spec's dominant one by default).",
    options=options_schema("consistent"),
    recommended=False,
)
def tag_name_casing(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Checks the names of the top-level tag declarations and of the tags operations use.

    Why: tags become navigation sections and SDK module names; mixed styles show up as an
    untidy menu. Off in ``recommended``, as many teams write tags as free text.
    """
    names: list[tuple[Location, str]] = [(tag.loc.child("name"), tag.name) for tag in doc.tags]
    for operation in doc.operations:
        tags = operation.value.get("tags")
        if isinstance(tags, list):
            names.extend(
                (operation.loc.child("tags", index), name)
                for index, name in enumerate(tags)
                if isinstance(name, str)
            )
    yield from Policy.from_options(options).check("tag", names)


# -- wording -------------------------------------------------------------------------------------

_VERSION_SEGMENT = re.compile(r"^v\d+(?:\.\d+)*$", re.IGNORECASE)


def _static_segments(path: str) -> list[tuple[str, str | None]]:
    """Each segment of a path, with the segment after it (None at the end)."""
    segments = [s for s in path.split("/") if s]
    return [(s, segments[i + 1] if i + 1 < len(segments) else None) for i, s in enumerate(segments)]


def _paths(doc: Document) -> Iterator[tuple[str, str]]:
    """(pointer of the path entry, path) for every path key of the root document."""
    paths = doc.data.get("paths")
    if isinstance(paths, dict):
        for path in paths:
            if isinstance(path, str):
                yield pointer.join("/paths", path), path


@rule(
    "path-collection-plural",
    area="naming",
    severity="warn",
    summary="A collection in a path (a segment followed by an id) is a plural noun.",
    options={"allow": _NAMES},
)
def path_collection_plural(doc: Document, options: Mapping[str, Any]) -> Findings:
    """A static segment directly followed by a template parameter (``/users/{userId}``) names a
    collection and must be a plural noun: ``/user/{id}`` is a finding. Plurals are decided by
    the ``inflection`` library, so irregular plurals (``people``, ``media``) and uncountable
    words (``information``) are right; the last word of a compound segment is the one checked
    (``user-accounts``). Version segments and names in ``allow`` are skipped.

    Why: ``/users`` and ``/users/{id}`` read as "the users" and "one of the users"; a singular
    collection name breaks that grammar of REST URLs (Zalando 134).
    """
    import inflection

    allow = set(options["allow"])
    plurals: dict[str, str | None] = {}  # word -> its plural, None if plural or uncountable
    for where, path in _paths(doc):
        for segment, following in _static_segments(path):
            if following is None or not following.startswith("{") or "{" in segment:
                continue
            name = segment.partition(":")[0]
            words = casing.words(name)
            if not words or name in allow or _VERSION_SEGMENT.match(name):
                continue
            last = words[-1]
            word = last.lower()
            if not last.isalpha():
                continue
            if word not in plurals:  # inflection's rules are slow; segments repeat a lot
                plural_word = inflection.pluralize(word)
                singular = inflection.singularize(word) == word and plural_word != word
                plurals[word] = plural_word if singular else None
            plural_word = plurals[word]
            if plural_word is None:
                continue  # already plural, or uncountable (information, series)
            plural = name[: len(name) - len(last)] + plural_word
            yield where, f"collection '{name}' in {path} is not plural (expected '{plural}')"


DEFAULT_VERBS = [
    "get", "list", "fetch", "retrieve", "read", "find", "create", "add", "insert", "make",
    "update", "modify", "edit", "change", "set", "put", "patch", "delete", "remove",
    "destroy", "execute", "save", "send",
]  # fmt: skip


@rule(
    "path-no-verbs",
    area="naming",
    severity="warn",
    summary="Path segments are nouns, not verbs (/users, not /getUsers or /users/create).",
    options={
        "verbs": {"type": "array", "items": {"type": "string"}, "default": DEFAULT_VERBS},
        "allow": {"type": "array", "items": {"type": "string"}, "default": ["search"]},
    },
)
def path_no_verbs(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Reports a static path segment whose first word is a verb from ``verbs``
    (``/getUsers``, ``/users/create``). Segments in ``allow`` (real action resources such as
    ``/search``) and custom methods after a colon (``/jobs/{id}:cancel``) are accepted.

    Why: in HTTP the method is the verb and the path names a resource; a verb in the path
    duplicates or contradicts the method (Zalando 141).
    """
    verbs = {verb.lower() for verb in options["verbs"]}
    allow = set(options["allow"])
    for where, path in _paths(doc):
        for segment, _ in _static_segments(path):
            name = segment.partition(":")[0]
            if "{" in name or name in allow:
                continue
            words = casing.words(name)
            if words and words[0].lower() in verbs:
                verb = words[0].lower()
                yield where, f"path segment '{name}' in {path} starts with the verb '{verb}'"


@rule(
    "path-trailing-slash",
    area="naming",
    severity="warn",
    summary="Paths do not end with a slash.",
)
def path_trailing_slash(doc: Document, options: Mapping[str, Any]) -> Findings:
    """``/users/`` and ``/users`` are different URLs to most servers and tools; a path key must
    not end with ``/`` (the root path ``/`` itself is fine).

    Why: clients that build URLs by joining strings produce the form the spec does not
    declare, and get 404s or redirects (Zalando 136).
    """
    for where, path in _paths(doc):
        if len(path) > 1 and path.endswith("/"):
            yield where, f"path {path} ends with a slash"


@rule(
    "path-empty-segment",
    area="naming",
    severity="error",
    summary="Paths have no empty segment ('//') and no empty parameter ('{}').",
)
def path_empty_segment(doc: Document, options: Mapping[str, Any]) -> Findings:
    """A doubled slash or an empty template ``{}`` in a path key is always a typo.

    Why: servers normalise ``//`` differently, and ``{}`` names no parameter, so the path
    cannot be called as written.
    """
    for where, path in _paths(doc):
        if "//" in path:
            yield where, f"path {path} has an empty segment ('//')"
        if "{}" in path:
            yield where, f"path {path} has an empty parameter ('{{}}')"


_EXTENSION = re.compile(r"\.([A-Za-z0-9]{2,5}|\{[^{}]+\})$")


@rule(
    "path-file-extension",
    area="naming",
    severity="warn",
    summary="Paths carry no file extension (.json, .xml); the media type says the format.",
    options={"allow": _NAMES},
)
def path_file_extension(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Reports a path whose last segment ends with a file extension (``/users.json``,
    ``/report/{id}.pdf``); extensions listed in ``allow`` are accepted.

    Why: the representation is negotiated with ``Accept`` and ``Content-Type``; an extension
    in the URL duplicates that and multiplies the paths of one resource.
    """
    allow = {ext.lower().lstrip(".") for ext in options["allow"]}
    for where, path in _paths(doc):
        match = _EXTENSION.search(path.rsplit("/", 1)[-1])
        if (
            match
            and match.group(1).lower() not in allow
            and not _VERSION_SEGMENT.match(path.rsplit("/", 1)[-1])
        ):
            yield where, f"path {path} ends with the file extension '.{match.group(1)}'"


@rule(
    "path-query-string",
    area="naming",
    severity="error",
    summary="Path keys hold no query string; query parameters are declared as parameters.",
)
def path_query_string(doc: Document, options: Mapping[str, Any]) -> Findings:
    """A ``?`` in a path key (``/users?active=true``) is a query string written into the path.

    Why: OpenAPI path keys are matched without the query; such a path is never matched, and its
    parameters are undocumented.
    """
    for where, path in _paths(doc):
        if "?" in path:
            yield where, f"path {path} contains a query string; declare query parameters instead"


_PARAM = re.compile(r"^\{([^{}]+)\}$")


@rule(
    "path-parameter-name-consistent",
    area="naming",
    severity="warn",
    summary="The parameter that identifies a resource has the same name in every path.",
)
def path_parameter_name_consistent(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Paths that address the same resource must name its identifier alike:
    ``/users/{userId}`` and ``/users/{id}/orders`` are a finding. The resource is the path
    before the parameter, with earlier parameters compared by position; the name most paths
    use is taken as the right one.

    Why: a client reading ``userId`` in one place and ``id`` in another cannot tell that both
    are the same value, and generated SDKs get inconsistent argument names.
    """
    uses: dict[str, dict[str, list[tuple[str, str]]]] = {}
    for where, path in _paths(doc):
        prefix = ""
        for segment in [s for s in path.split("/") if s]:
            match = _PARAM.match(segment)
            if match:
                uses.setdefault(prefix, {}).setdefault(match.group(1), []).append((where, path))
                prefix += "/{}"
            else:
                prefix += f"/{segment}"
    for prefix, names in sorted(uses.items()):
        if len(names) < 2:
            continue
        ranked = sorted(names, key=lambda name: (-len(names[name]), name))
        best = ranked[0]
        for name in ranked[1:]:
            for where, path in names[name]:
                yield (
                    where,
                    f"path parameter '{name}' in {path} names the resource {prefix or '/'} "
                    f"that {len(names[best])} other path(s) call '{best}'",
                )


# -- operationIds, headers, banned words ---------------------------------------------------------


@rule(
    "operation-id-defined",
    area="naming",
    severity="warn",
    summary="Every operation has an operationId.",
)
def operation_id_defined(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Each operation (webhooks included; callbacks, which the API sends rather than serves,
    are not) must have a non-empty ``operationId``.

    Why: SDK generators, documentation anchors and links between operations all need a stable
    name for the operation; without one, tools invent names that change with the path.
    """
    for operation in doc.operations:
        if not operation.operation_id:
            label = operation.label
            yield operation.loc, f"{label} has no operationId"


@rule(
    "operation-id-valid",
    area="naming",
    severity="warn",
    summary="operationIds are valid identifiers in code (letters, digits, underscores).",
    options={
        "pattern": {"type": "string", "format": "regex", "default": r"^[A-Za-z_][A-Za-z0-9_]*$"}
    },
)
def operation_id_valid(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Each ``operationId`` must match ``pattern`` (by default an identifier: a letter or
    underscore, then letters, digits or underscores), so it is usable as a method name and in
    a URL fragment without escaping.

    Why: generators otherwise mangle ``repos/get-content`` into names nobody chose, differently
    in every language.
    """
    regex = re.compile(options["pattern"])
    for operation in doc.operations:
        op_id = operation.operation_id
        if op_id and not regex.search(op_id):
            yield (
                operation.loc.child("operationId"),
                f"operationId '{op_id}' is not a valid identifier ({options['pattern']})",
            )


DEFAULT_OPERATION_VERBS = [
    "get", "list", "create", "update", "replace", "delete", "search", "add", "remove",
    "set", "check", "start", "stop", "cancel", "send", "validate", "upload", "download",
]  # fmt: skip


@rule(
    "operation-id-verb-noun",
    area="naming",
    severity="warn",
    summary="operationIds start with a verb from a list and go on with a noun (listUsers).",
    options={
        "verbs": {"type": "array", "items": {"type": "string"}, "default": DEFAULT_OPERATION_VERBS}
    },
    recommended=False,
)
def operation_id_verb_noun(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Each ``operationId`` must be a verb from ``verbs`` followed by at least one more word
    (``listUsers``, ``get_order``); off in ``recommended``.

    Why: a fixed verb vocabulary makes SDK methods guessable (``list`` always returns a
    collection, ``get`` one item) across every API of an organisation.
    """
    verbs = {verb.lower() for verb in options["verbs"]}
    for operation in doc.operations:
        op_id = operation.operation_id
        if not op_id:
            continue
        words = casing.words(op_id)
        if len(words) < 2 or words[0].lower() not in verbs:
            yield (
                operation.loc.child("operationId"),
                f"operationId '{op_id}' is not a verb ({', '.join(sorted(verbs))}) and a noun",
            )


@rule(
    "header-no-x-prefix",
    area="naming",
    severity="info",
    summary="New header names do not start with 'X-' (RFC 6648).",
    options={"allow": _NAMES},
    recommended=False,
)
def header_no_x_prefix(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Reports request and response headers named ``X-...``; established ones can be listed in
    ``allow``. Off in ``recommended``, as many APIs must keep their existing ``X-`` headers.

    Why: RFC 6648 deprecates the ``X-`` convention: a header that becomes standard keeps its
    ``X-`` name forever, or breaks its clients when it is renamed.
    """
    allow = {name.lower() for name in options["allow"]}
    for where, name in _headers(doc):
        if name.lower().startswith("x-") and name.lower() not in allow:
            yield where, f"header '{name}' uses the deprecated 'X-' prefix (RFC 6648)"


@rule(
    "banned-words",
    area="naming",
    severity="warn",
    summary="Names avoid the words the organisation bans, per location.",
    options={
        "paths": _NAMES,
        "properties": _NAMES,
        "parameters": _NAMES,
        "schemas": _NAMES,
        "operation-ids": _NAMES,
    },
)
def banned_words(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Reports a name containing a banned word (compared word by word, ignoring case): path
    segments, property names, parameter names, schema names and operationIds each have their
    own list, e.g. ``properties: [data, info, object]`` or internal code names in ``paths``.
    Nothing is banned by default.

    Why: vague words (``data``, ``info``) say nothing to a consumer, and internal code names
    leak organisation details into a public contract.
    """
    checks: list[tuple[str, str, Callable[[], Iterable[tuple[Any, str]]]]] = [
        ("paths", "path segment", lambda: _path_segments(doc)),
        ("properties", "property", lambda: ((p.loc, p.name) for p in doc.properties)),
        (
            "parameters",
            "parameter",
            lambda: ((p.loc.child("name"), p.name) for p in doc.parameters),
        ),
        ("schemas", "schema name", lambda: _schema_names(doc)),
        (
            "operation-ids",
            "operationId",
            lambda: ((op.loc.child("operationId"), op.operation_id or "") for op in doc.operations),
        ),
    ]
    for key, kind, names in checks:
        banned = {word.lower() for word in options[key]}
        if not banned:
            continue  # nothing banned here: the index is not even built
        for where, name in names():
            hits = [w.lower() for w in casing.words(name) if w.lower() in banned]
            if hits:
                yield where, f"{kind} '{name}' uses the banned word '{hits[0]}'"


def _schema_names(doc: Document) -> Iterator[tuple[Location, str]]:
    section = doc.component_section("schemas")
    if section is not None and isinstance(section.value, dict):
        for name in section.value:
            yield section.loc.child(name), name
