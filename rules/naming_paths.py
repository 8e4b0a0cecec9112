"""Naming rules for the shape of paths: no trailing slash, empty segment, file extension or
query string. The words and parameters of paths are checked in ``naming_path_words``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from apilint.rule import Document, Findings, rule

from ._common import _NAMES, _paths


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


_EXTENSION = re.compile(r"\.([A-Za-z0-9]+|\{[^{}]+\})$")

#: File extensions of formats an API serves; other dotted endings (Slack's ``/users.list``,
#: ``/chat.postMessage``) are method names, not extensions.
_FILE_EXTENSIONS = frozenset(
    ["json", "jsonl", "ndjson", "geojson", "jsonld", "xml", "yaml", "yml", "toml", "csv", "tsv",
     "txt", "html", "htm", "xhtml", "md", "rtf", "pdf", "png", "jpg", "jpeg", "gif", "svg",
     "webp", "ico", "bmp", "tif", "tiff", "zip", "gz", "tgz", "tar", "bz2", "7z", "xls",
     "xlsx", "doc", "docx", "ppt", "pptx", "odt", "ods", "atom", "rss", "js", "css", "mp3",
     "mp4", "wav", "ogg", "webm", "mov", "ics", "vcf", "kml", "gpx", "parquet", "avro",
     "proto", "bin", "log", "php", "asp", "aspx", "jsp", "cgi", "xsd", "wsdl", "raml"]
)  # fmt: skip


@rule(
    "path-file-extension",
    area="naming",
    severity="warn",
    summary="Paths carry no file extension (.json, .xml); the media type says the format.",
    options={"allow": _NAMES},
)
def path_file_extension(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Reports a path whose last segment ends with the extension of a file format
    (``/users.json``, ``/report/{id}.pdf``) or with a parameter after a dot
    (``/reports.{format}``); extensions listed in ``allow`` are accepted. Other dotted endings
    are method names, not extensions (``/users.list``, ``/chat.postMessage``).

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
            and (match.group(1).startswith("{") or match.group(1).lower() in _FILE_EXTENSIONS)
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
