"""Versioning rules: the API states its version clearly: the form of ``info.version``, where
the major version goes (the versioning policy), and beta and experimental markers. The rules
about retiring things (deprecation, sunset dates) are in ``versioning_deprecation``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from apilint.analysis.versions import major_of
from apilint.rule import Document, Findings, Item, Location, rule

from ._common import _label

#: CalVer as APIs use it: YYYY.MM, YYYY.MM.DD or the same with dashes.
CALVER = r"^\d{4}([.-])(0[1-9]|1[0-2])(\1(0[1-9]|[12]\d|3[01]))?$"

#: The schemes real APIs use: a version number of one to three parts (``2``, ``v4``,
#: ``2.1``, ``1.x``, ``2.1.0``), or a date (``2024-05-09``), each with an optional
#: pre-release or build suffix (``2.1.0-rc.1``, ``v1beta1``, ``2023-01-01-preview``).
COMMON = (
    r"^(?:[vV]?\d+(?:\.(?:\d+|[xX])){0,2}"
    r"|\d{4}-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)"
    r"(?:(?:[-.+][0-9A-Za-z]+|[A-Za-z][0-9A-Za-z]*)(?:[-.+][0-9A-Za-z]+)*)?$"
)


@rule(
    "info-version-format",
    area="versioning",
    severity="warn",
    summary="info.version is a version number or date (strict semantic versioning on request).",
    options={
        "scheme": {"enum": ["common", "semver", "calver", "regex"], "default": "common"},
        "pattern": {"type": ["string", "null"], "format": "regex", "default": None},
    },
    strict_options={"scheme": "semver"},
)
def info_version_format(doc: Document, options: Mapping[str, Any]) -> Findings:
    """``info.version`` must follow ``scheme``:

    - ``common`` (the default): any scheme real APIs use: a semantic version, ``MAJOR.MINOR``,
      a bare major (``2``, ``v4``, ``1.x``) or a date (``2024-05-09``), each with an optional
      suffix (``2.1.0-rc.1``, ``v1beta1``, ``2023-01-01-preview``);
    - ``semver`` (in ``strict``): Semantic Versioning 2.0.0, ``MAJOR.MINOR.PATCH`` with
      optional pre-release and build parts, checked with the ``semver`` package;
    - ``calver``: ``YYYY.MM`` or ``YYYY.MM.DD`` (dots or dashes), or ``pattern`` when given;
    - ``regex``: ``pattern``.

    A ``pattern`` given alone (with ``common``) means ``regex``; ``regex`` without a
    ``pattern`` means ``common``; ``semver`` ignores ``pattern``.

    Why: consumers and tooling compare versions to decide whether an update is safe; a
    free-form version (``latest``, ``beta``, ``current``) tells them nothing. Organisations
    that promise semantic versioning set ``scheme: semver``.

    Example:
        bad:
            info:
              version: latest
        good:
            info:
              version: 2.1.0-rc.1+build.5
    """
    info = doc.info
    if info is None or "version" not in info.value:
        return
    version = str(info.value["version"])
    scheme, pattern = options["scheme"], options["pattern"]
    if pattern is not None and scheme == "common":
        scheme = "regex"
    elif pattern is None and scheme == "regex":
        scheme = "common"
    if scheme == "semver":
        import semver

        if not semver.Version.is_valid(version):
            described = "a semantic version (MAJOR.MINOR.PATCH)"
            yield info.loc.child("version"), f"info.version '{version}' is not {described}"
        return
    if scheme == "common":
        pattern, described = COMMON, "a version number (2, v2, 2.1, 2.1.0) or a date (2024-05-09)"
    elif scheme == "calver" and pattern is None:
        pattern, described = CALVER, "a calendar version (YYYY.MM or YYYY.MM.DD)"
    else:
        described = f"in the required form ({pattern})"
    if pattern is None or not re.search(pattern, version):
        yield info.loc.child("version"), f"info.version '{version}' is not {described}"


_SEGMENT = r"^v(\d+)$"


def _version_segments(path: str, segment_pattern: str) -> list[tuple[int, int]]:
    """(position, major) of each version segment of a URL path (``/v2/users`` -> (0, 2))."""
    found = []
    for index, segment in enumerate(part for part in path.split("/") if part):
        match = re.match(segment_pattern, segment)
        if match:
            numbers = [g for g in match.groups() if g is not None and g.isdigit()]
            found.append((index, int(numbers[0]) if numbers else -1))
    return found


def _server_paths(doc: Document) -> list[tuple[Location, str]]:
    """(where, URL path) of each server: 3.x server URLs; 2.0 ``basePath``."""
    from urllib.parse import urlsplit

    if doc.is_swagger:
        base = doc.data.get("basePath")
        where = Location(doc.workspace.root_key, "/basePath")
        return [(where, base)] if isinstance(base, str) else []
    found = []
    for server in doc.servers:
        url = server.value.get("url")
        if isinstance(url, str):
            try:
                found.append((server.loc.child("url"), urlsplit(url).path))
            except ValueError:
                continue
    return found


@rule(
    "versioning-policy",
    area="versioning",
    severity="warn",
    summary="The API carries its major version where the policy says (url, header, media type).",
    options={
        "policy": {"enum": ["url", "header", "media-type", "none"], "default": "url"},
        "segment-pattern": {"type": "string", "format": "regex", "default": _SEGMENT},
        "header": {"type": ["string", "null"], "default": None},
    },
    recommended=False,
)
def versioning_policy(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Checks the spec against the versioning ``policy``:

    - ``url``: the major version is a path segment (``segment-pattern``, ``v2`` by default),
      either in every server URL (2.0: ``basePath``) or at the same position of every path,
      never both; and it equals the major of ``info.version``. A spec with no version in any
      URL gets one finding, at ``paths``.
    - ``header``: no version segment in paths or server URLs; with ``header`` set (e.g.
      ``Api-Version``), every operation documents that header parameter.
    - ``media-type``: no version segment in paths or server URLs; every request and response
      media type (2.0: ``consumes``/``produces``) names its version
      (``application/vnd.acme.v2+json`` or ``;version=2``).
    - ``none``: no version segment in paths or server URLs.

    Off in ``recommended`` (where the version goes is each platform's choice), on in
    ``strict`` with ``url``.

    Why: consumers need one place to read and pin the version; versions sprinkled in some
    paths and not others, or a ``/v2`` that disagrees with ``info.version``, break clients
    and routing.

    Example:
        bad:
            paths:
              /v1/orders:
                get:
                  summary: List orders (major 1 while info.version is 2.4.1)
                  responses:
                    "200":
                      description: The orders.
        good:
            paths:
              /v2/products:
                get:
                  summary: List products
                  responses:
                    "200":
                      description: The products.
              /v2/products/{productId}:
                parameters:
                  - name: productId
                    in: path
                    # ...
    """
    policy, segment = options["policy"], options["segment-pattern"]
    servers = [
        (where, path, _version_segments(path, segment)) for where, path in _server_paths(doc)
    ]
    paths = [
        (item, path, _version_segments(path, segment))
        for path, item in doc.entries(doc.child(doc.root_item, "paths"))
    ]
    if policy != "url":
        for where, path, found in servers:
            if found:
                yield where, f"server URL path '{path}' carries a version; the policy is {policy}"
        for item, path, found in paths:
            if found:
                yield item.loc, f"path {path} carries a version; the policy is {policy}"
        if policy == "header" and options["header"]:
            yield from _version_header(doc, options["header"])
        if policy == "media-type":
            yield from _media_type_versions(doc)
        return
    info = doc.info
    version = str(info.value.get("version", "")) if info is not None else ""
    expected = major_of(version)
    versioned_servers = [entry for entry in servers if entry[2]]
    if versioned_servers:
        for where, path, found in servers:
            if not found:
                yield where, f"server URL path '{path}' has no version segment, unlike the others"
        for item, path, found in paths:
            if found:
                yield item.loc, f"path {path} repeats the version the server URLs carry"
        checked = [(where, found) for where, _, found in versioned_servers]
    else:
        positions = [found[0][0] for _, _, found in paths if found]
        if not paths:
            return
        if not positions:  # nothing versioned at all: one finding, not one per path
            where = doc.child(doc.root_item, "paths")
            yield (
                where.loc if where is not None else doc.root,
                f"no server URL or path carries the major version (e.g. /v{expected or 1})",
            )
            return
        usual = max(sorted(set(positions)), key=positions.count)  # ties: the first place
        for item, path, found in paths:
            if not found:
                yield item.loc, f"path {path} has no version segment (e.g. /v{expected or 1})"
            elif found[0][0] != usual:
                yield item.loc, f"path {path} has its version segment in another place"
        checked = [(item.loc, found) for item, _, found in paths if found]
    if expected is None:
        return
    for where, found in checked:
        major = found[0][1]
        if major not in (-1, expected):
            yield where, f"version segment v{major} does not match info.version {version}"


def _version_header(doc: Document, header: str) -> Findings:
    for operation in doc.operations:
        if operation.webhook:
            continue  # the API sends webhooks; it does not receive them
        names = {(p.name.lower(), p.location) for p in operation.parameters}
        if (header.lower(), "header") not in names:
            yield operation.loc, f"{operation.label} does not document the {header} header"


_MEDIA_VERSION = re.compile(r"[.+-]v\d+\b|;\s*v(?:ersion)?=\d+", re.IGNORECASE)


def _media_type_versions(doc: Document) -> Findings:
    if doc.is_swagger:  # 2.0 lists media types in consumes/produces
        for holder in (doc.root_item, *doc.operations):
            for key in ("consumes", "produces"):
                listed = holder.value.get(key)
                for index, media_type in enumerate(listed if isinstance(listed, list) else []):
                    if isinstance(media_type, str) and not _MEDIA_VERSION.search(media_type):
                        where = holder.loc.child(key, index)
                        yield where, f"media type {media_type} names no version"
        return
    carriers: list[Item] = [*doc.request_bodies, *doc.response_objects]
    for carrier in carriers:
        for media_type, media in doc.entries(doc.child(carrier, "content")):
            if not _MEDIA_VERSION.search(media_type):
                yield media.loc, f"media type {media_type} names no version"


@rule(
    "stability-marker",
    area="versioning",
    severity="warn",
    summary="Beta/experimental markers are booleans, one vocabulary, never on deprecated items.",
    options={
        "markers": {
            "type": "array",
            "items": {"type": "string", "pattern": "^x-"},
            "default": ["x-beta", "x-experimental"],
        }
    },
)
def stability_marker(doc: Document, options: Mapping[str, Any]) -> Findings:
    """For the extensions in ``markers`` (``x-beta`` and ``x-experimental`` by default) on
    operations, parameters, schemas and properties: each value is a boolean; the spec uses one
    of them only (the first one used, looking at operations, then parameters, properties and
    schemas, sets the vocabulary; other markers are findings); and
    nothing is both marked and ``deprecated`` (it cannot be new and on its way out at once).

    Why: tooling filters beta operations out of SDKs and stability promises by these markers;
    a string ``"yes"``, a second vocabulary or a contradiction slips past it.

    Example:
        bad:
            paths:
              /reports:
                get:
                  x-beta: "yes"
        good:
            paths:
              /reports:
                get:
                  x-beta: true
    """
    markers = list(options["markers"])
    used: str | None = None
    for item in doc.annotated_items:
        for marker in markers:
            if marker not in item.value:
                continue
            label = _label(item)
            value = item.value[marker]
            where = item.loc.child(marker)
            if not isinstance(value, bool):
                yield where, f"{marker} of {label} is not a boolean: {value!r}"
            used = used or marker
            if marker != used:
                yield where, f"{label} uses {marker}; this spec marks stability with {used}"
            if value is True and item.value.get("deprecated") is True:
                yield where, f"{label} is both {marker} and deprecated"
