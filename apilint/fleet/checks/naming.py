"""Naming: the casing style each location of an API's names is written in.

Locations (aspects): ``path segments`` (static segments and custom methods of the paths;
versions such as ``v2``, file names and tokens such as ``@me`` left out), ``query
parameters``, ``headers`` (header parameters and response headers), ``properties`` (of every
schema; JSON-LD ``@``/``$`` names and HAL's ``_links``/``_embedded`` left out) and
``operationIds``.

A style can only be told from a name of two words or more: ``id`` or ``status`` are at once
camelCase, snake_case and kebab-case, and ``Id`` is PascalCase as much as Header-Case; such
names, and names all in lower case letters and digits (``p2p``, ``oauth2``), are not
counted. Each distinct name counts once (a leading ``_`` marker such as
``_id`` set aside). The choice is the label of the style (``camelCase``, ``snake_case``,
``kebab-case``, ``PascalCase``, ``Header-Case``, ``MACRO_CASE``...) that two in three of the
API's names at that location follow (:func:`apilint.analysis.casing.dominant`), else
``mixed (...)``. A location with fewer than :data:`MIN_NAMES` such names has no aspect.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator

from apilint.fleet.consistency import choose, consistency_check
from apilint.rule import Document, casing

#: A location needs at least this many distinct names of two words or more to have a style.
MIN_NAMES = 2

#: Names a casing style can describe (as :mod:`apilint.analysis.casing` judges them).
_CASEABLE = re.compile(r"^_*[A-Za-z][A-Za-z0-9_-]*$")
#: Path segments that are literal tokens, not names: versions (``v2.1``, ``2024-05-09``).
_VERSION = re.compile(r"^[vV]?\d+(?:[._-]\d+)*(?:-?(?:alpha|beta|rc)\d*)?$")
_IGNORED_PROPERTY = re.compile(r"^(?:@|\$|_links$|_embedded$)")


def style_of(names: Iterable[str]) -> str | None:
    """The casing style of a location's names: the label of the style two in three of its
    distinct names of two words or more follow, ``mixed (...)`` when none does, None when
    fewer than :data:`MIN_NAMES` names tell."""
    telling = sorted(
        {name.lstrip("_") for name in names if _CASEABLE.match(name) and _telling(name.lstrip("_"))}
    )
    if len(telling) < MIN_NAMES:
        return None
    style, count = casing.dominant(telling)
    if style is not None and count >= casing.MAJORITY * len(telling):
        return casing.LABELS[style]
    return choose(Counter(casing.describe(name) for name in telling))


def _telling(name: str) -> bool:
    """Whether a name's style can be told: two words or more, not all lower case (``p2p``)."""
    return len(casing.words(name)) >= 2 and not casing.matches(name, "flat")


def _path_segments(doc: Document) -> Iterator[str]:
    for path in dict.fromkeys(op.path for op in doc.operations if not op.webhook):
        for segment in path.split("/"):
            head, _, method = segment.partition(":")  # `jobs:cancel`: a custom method
            for part in (head, method):
                if part and "{" not in part and "." not in part and not _VERSION.match(part):
                    yield part


def _headers(doc: Document) -> Iterator[str]:
    yield from (param.name for param in doc.parameters if param.location == "header")
    for response in doc.response_objects:
        headers = response.value.get("headers")
        if isinstance(headers, dict):
            yield from (name for name in headers if isinstance(name, str))


@consistency_check("naming", concern="naming style")
def naming(doc: Document) -> dict[str, str]:
    """Compares the casing style of each location's names: path segments, query parameters,
    headers, properties and operationIds (``snake_case`` against ``camelCase``...), each
    judged on the names of two words or more."""
    locations = {
        "path segments": _path_segments(doc),
        "query parameters": (p.name for p in doc.parameters if p.location == "query"),
        "headers": _headers(doc),
        "properties": (
            prop.name for prop in doc.properties if not _IGNORED_PROPERTY.match(prop.name)
        ),
        "operationIds": (op.operation_id for op in doc.operations if op.operation_id),
    }
    found = {}
    for aspect, names in locations.items():
        style = style_of(names)
        if style is not None:
            found[aspect] = style
    return found
