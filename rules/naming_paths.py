"""Naming rules for the words and shape of paths: plural collections, no verbs, no trailing
slash, empty segment, file extension or query string, and one name for a resource's identifier
in every path.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from apilint.rule import Document, Findings, casing, pointer, rule

from ._common import _NAMES

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

    Example:
        bad:
            paths:
              /user/{userId}:
                get:
                  responses:
                    "200":
                      description: The user.
        good:
            paths:
              /users:
                get:
                  responses:
                    "200":
                      description: The users.
              /users/{userId}:
                get:
                  responses:
                    "200":
                      description: The user.
                      # ...
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

    Example:
        bad:
            paths:
              /getUsers:
                get:
                  responses:
                    "200":
                      description: The users.
        good:
            paths:
              /users:
                get:
                  responses:
                    "200":
                      description: The users.
              /users/{userId}:
                delete:
                  responses:
                    "204":
                      description: Deleted.
                      # ...
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

    Example:
        bad:
            paths:
              /users/:
                get:
                  responses:
                    "200":
                      description: The users.
        good:
            paths:
              /:
                get:
                  responses:
                    "200":
                      description: The root path is fine.
              /users:
                get:
                  responses:
                    "200":
                      description: The users.
                      # ...
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

    Example:
        bad:
            paths:
              //users:
                get:
                  responses:
                    "200":
                      description: A leading doubled slash.
        good:
            paths:
              /:
                get:
                  responses:
                    "200":
                      description: The root.
              /users/{userId}/orders:
                get:
                  responses:
                    "200":
                      description: The orders.
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

    Example:
        bad:
            paths:
              /users.json:
                get:
                  responses:
                    "200":
                      description: The users.
        good:
            paths:
              /reports/{reportId}:
                get:
                  responses:
                    "200":
                      description: The report, in the negotiated media type.
                      content:
                        application/json: {}
                        application/pdf: {}
              /.well-known/openid-configuration:
                get:
                # ...
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

    Example:
        bad:
            paths:
              /users?active=true:
                get:
                  responses:
                    "200":
                      description: The active users.
        good:
            paths:
              /users:
                get:
                  parameters:
                    - name: active
                      in: query
                      schema:
                        type: boolean
                  responses:
                    "200":
                      description: The users.
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

    Example:
        bad:
            paths:
              /users/{id}/settings:
                get:
                  responses:
                    "200":
                      description: The same user, named differently.
        good:
            paths:
              /users/{userId}:
                get:
                  responses:
                    "200":
                      description: The user.
              /users/{userId}/orders:
                get:
                  responses:
                    "200":
                      description: The user's orders.
                      # ...
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
