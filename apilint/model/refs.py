"""``$ref`` resolution across files: cycle-safe, confined to the project folder.

A :class:`Workspace` holds every file of one spec (the root file and each file a ``$ref`` reaches),
each parsed once. Values are addressed by :class:`Location` (the file a node is written in and its
JSON pointer there), so a rule's finding in a referenced file is reported in that file.
"""

from __future__ import annotations

import bisect
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

from apilint.source import pointer as jp
from apilint.source.loader import (
    DEFAULT_MAX_BYTES,
    LoadedFile,
    LoadError,
    decode,
    load_file,
    parse_text,
)
from apilint.source.locations import Location

IGNORE_KEY = "x-apilint-ignore"
#: The ``x-apilint-ignore`` entry that names every rule.
IGNORE_ALL = "*"


@dataclass(frozen=True)
class RefProblem:
    """A ``$ref`` that could not be followed; ``kind`` is ``unresolved`` or ``not-followed``."""

    location: Location  # the "$ref" entry itself
    kind: str
    message: str


@dataclass
class RefPolicy:
    allow_outside_root: bool = False
    allow_remote: bool = False
    max_bytes: int = DEFAULT_MAX_BYTES
    timeout: float = 10.0


class _Unresolvable(Exception):
    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message


def get(data: Any, pointer: str) -> Any:
    """The value at ``pointer`` in ``data``; raises ``KeyError`` when there is none."""
    for token in jp.split(pointer):
        if isinstance(data, dict):
            if token not in data:
                raise KeyError(token)
            data = data[token]
        elif isinstance(data, list) and token.isdigit() and int(token) < len(data):
            data = data[int(token)]
        else:
            raise KeyError(token)
    return data


def _is_remote(target: str) -> bool:
    scheme = urlsplit(target).scheme
    return len(scheme) > 1  # a one-letter "scheme" is a Windows drive


def fetch_url(url: str, max_bytes: int, timeout: float = 10.0) -> LoadedFile:
    """Fetch and parse a remote spec file (only when the config allows remote references)."""
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            raw = response.read(max_bytes + 1)
    except (urllib.error.URLError, OSError, ValueError) as error:
        reason = getattr(error, "reason", error)
        raise LoadError(f"cannot fetch {url}: {reason}") from None
    if len(raw) > max_bytes:
        raise LoadError(f"{url} is over the {max_bytes / 1048576:.0f} MB limit")
    return parse_text(decode(raw), Path(urlsplit(url).path or "remote.yaml"))


def _names_self(data: Any, address: str) -> bool:
    """Whether a ``$ref`` address names the document itself through its ``$self`` (OpenAPI
    3.2: the document's own URI and its base URI; a relative ``$self`` is resolved against the
    file, as the address is, so both are compared against the same base)."""
    own = data.get("$self") if isinstance(data, dict) else None
    if not isinstance(own, str) or not own:
        return False
    base = own.partition("#")[0]
    return urljoin(base, address) == base


@dataclass
class Workspace:
    """The root file of a spec and every file its ``$ref``s reach, each loaded once."""

    root: LoadedFile
    root_dir: Path
    policy: RefPolicy = field(default_factory=RefPolicy)
    files: dict[str, LoadedFile] = field(default_factory=dict)
    failed: dict[str, LoadError] = field(default_factory=dict)
    problems: dict[Location, RefProblem] = field(default_factory=dict)
    #: file -> pointer of each node holding an ``x-apilint-ignore`` -> the names it lists
    #: (rule ids, areas, ``*``; empty for a marker that lists none), found by :meth:`scan`
    ignores: dict[str, dict[str, frozenset[str]]] = field(default_factory=dict)
    #: (file, pointer of the node holding the marker, name) of each marker entry that
    #: silenced a finding, recorded by :meth:`ignored`
    ignores_used: set[tuple[str, str, str]] = field(default_factory=set)
    #: file -> (pointer, value) of each example value and default, found by :meth:`scan`
    literals: dict[str, list[tuple[str, Any]]] = field(default_factory=dict)
    #: (site, target) of every ``$ref`` that resolved, found by :meth:`scan`; the site is the
    #: object holding the ``$ref``
    references: list[tuple[Location, Location]] = field(default_factory=list)
    #: (site, target) of every local ``$ref`` inside an extension (``x-...``): not followed,
    #: but the node it names is mentioned (:meth:`scan`)
    mentioned: list[tuple[Location, Location]] = field(default_factory=list)
    #: site -> the keys written beside its ``$ref``, for the sites that have any (:meth:`scan`)
    ref_siblings: dict[Location, tuple[str, ...]] = field(default_factory=dict)
    #: what later stages build once per spec from these files and share (the Spectral
    #: rules' views of the document), by their own keys
    shared: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    #: reads a file the ``$ref``s reach (default: from disk; ``apilint diff`` reads git revisions)
    reader: Callable[[str], LoadedFile] | None = None
    _targets: dict[tuple[str, str], Location] = field(default_factory=dict)
    _ends: dict[Location, tuple[Location, Any] | None] = field(default_factory=dict)
    _scanned: set[str] = field(default_factory=set)
    _reached: dict[str, list[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.root_key = str(self.root.path)
        self.files[self.root_key] = self.root
        self._root_real = os.path.realpath(self.root_dir)

    @property
    def root_location(self) -> Location:
        return Location(self.root_key, "")

    def value(self, location: Location) -> Any:
        return get(self.files[location.file].data, location.pointer)

    def _file(self, key: str) -> LoadedFile:
        loaded = self.files.get(key)
        if loaded is not None:
            return loaded
        if key in self.failed:
            raise self.failed[key]
        try:
            if _is_remote(key):
                loaded = fetch_url(key, self.policy.max_bytes, self.policy.timeout)
            elif self.reader is not None:
                loaded = self.reader(key)
            else:
                loaded = load_file(Path(key), self.policy.max_bytes)
        except LoadError as error:
            self.failed[key] = error
            raise
        self.files[key] = loaded
        return loaded

    def _target(self, site: Location, ref: str) -> Location:
        """The location a ``$ref`` string written at ``site`` points to (file loaded)."""
        cached = self._targets.get((site.file, ref))
        if cached is not None:
            return cached
        address, _, fragment = ref.partition("#")
        # 3.2: the root document named by its own URI ($self), from itself or, absolutely,
        # from any file
        by_self = site.file == self.root_key or _is_remote(address)
        if address and by_self and _names_self(self.root.data, address):
            key = self.root_key
        elif not address:
            key = site.file
        else:
            if _is_remote(address) or _is_remote(site.file):
                key = urljoin(site.file, address) if _is_remote(site.file) else address
                if urlsplit(key).scheme not in ("http", "https"):
                    raise _Unresolvable(
                        "not-followed", f"$ref '{ref}' is not followed (only http(s) is fetched)"
                    )
                if not self.policy.allow_remote:
                    raise _Unresolvable(
                        "not-followed",
                        f"remote $ref '{ref}' is not followed"
                        " (set refs.allow-remote: true to fetch it)",
                    )
            else:
                base = os.path.dirname(site.file)
                key = os.path.normpath(os.path.join(base, unquote(address)))
                real = os.path.realpath(key)
                inside = real == self._root_real or real.startswith(self._root_real + os.sep)
                if not inside and not self.policy.allow_outside_root:
                    raise _Unresolvable(
                        "not-followed",
                        f"$ref '{ref}' leaves the project folder {self.root_dir}"
                        " (set refs.allow-outside-root: true to follow it)",
                    )
            try:
                self._file(key)
            except LoadError as error:
                where = f" line {error.line}:" if error.line else ""
                raise _Unresolvable(
                    "unresolved", f"$ref '{ref}': cannot load '{address}':{where} {error.message}"
                ) from None
        pointer = jp.from_fragment(fragment)
        if pointer and not pointer.startswith("/"):
            raise _Unresolvable(
                "unresolved", f"$ref '{ref}': fragment is not a JSON pointer (must start with '/')"
            )
        try:
            get(self.files[key].data, pointer)
        except KeyError:
            raise _Unresolvable(
                "unresolved", f"$ref '{ref}' points to nothing: no '{pointer}' in the target"
            ) from None
        target = Location(key, pointer)
        self._targets[(site.file, ref)] = target
        return target

    def is_broken(self, site: Location, ref: str) -> bool:
        """Whether a ``$ref`` string written at ``site`` points at nothing or at a file that
        cannot be read. One that is not followed (remote, outside the project) is not broken:
        it is given the benefit of the doubt. Nothing is recorded as a ref problem."""
        try:
            self._target(site, ref)
        except _Unresolvable as problem:
            return problem.kind == "unresolved"
        return False

    def resolve(self, location: Location, value: Any) -> tuple[Location, Any] | None:
        """Follow ``$ref`` chains from a node; None if a ``$ref`` on the way is broken.
        The end of each ``$ref`` node of a chain is kept, so a long chain is walked once, not
        once per node on it (10,000 chained schemas would otherwise cost 50 million steps);
        a single ``$ref`` is followed again each time (its target is kept by ``_target``):
        a large spec has hundreds of thousands, and keeping them took 36 MB on one."""
        trail: list[Location] = []
        seen: set[Location] = set()
        result: tuple[Location, Any] | None
        while True:
            if not (isinstance(value, dict) and isinstance(value.get("$ref"), str)):
                result = (location, value)
                break
            if location in self._ends:
                result = self._ends[location]
                break
            if location in seen:  # every $ref of the cycle is reported, wherever the walk began
                for member in trail[trail.index(location) :]:
                    ref = self.value(member)["$ref"]
                    message = f"$ref cycle: '{ref}' leads back to itself"
                    self._record(member.child("$ref"), "unresolved", message)
                result = None
                break
            seen.add(location)
            trail.append(location)
            try:
                location = self._target(location, value["$ref"])
            except _Unresolvable as problem:
                self._record(location.child("$ref"), problem.kind, problem.message)
                result = None
                break
            value = self.value(location)
        if len(trail) > 1:
            for passed in trail:
                self._ends[passed] = result
        return result

    def _record(self, site: Location, kind: str, message: str) -> None:
        self.problems.setdefault(site, RefProblem(site, kind, message))

    def scan(self) -> None:
        """Visit every ``$ref`` in every reachable file once, every ignore marker, and every
        example value and default (``literals``)."""
        pending = [self.root_key]
        while pending:
            key = pending.pop()
            if key in self._scanned:
                continue
            self._scanned.add(key)
            ignores: dict[str, frozenset[str]] = {}
            literals = self.literals.setdefault(key, [])
            mentions: list[tuple[str, str]] = []
            walk = _walk_refs(self.files[key].data, ignores, literals, mentions)
            for pointer, ref, siblings in walk:
                site = Location(key, pointer)
                if siblings:
                    self.ref_siblings[site] = siblings
                resolved = self.resolve(site, {"$ref": ref})
                if resolved is None:
                    continue
                target, value = resolved
                self.references.append((site, target))
                if target.file not in self._scanned:
                    pending.append(target.file)
                # an Example Object written elsewhere: its value is example data wherever it
                # is written (at the root of an examples file nothing else says so)
                in_examples = pointer.rpartition("/")[0].endswith("/examples")
                if in_examples and isinstance(value, dict):
                    found = self.literals.setdefault(target.file, [])
                    for data_key in EXAMPLE_DATA_KEYS:
                        if data_key in value:
                            found.append((f"{target.pointer}/{data_key}", value[data_key]))
            for pointer, ref in mentions:
                address, _, fragment = ref.partition("#")
                if not address:  # a local $ref an extension makes: the node is mentioned
                    target = Location(key, jp.from_fragment(fragment))
                    self.mentioned.append((Location(key, pointer), target))
            if ignores:
                self.ignores[key] = ignores

    def ignored(
        self, location: Location, rule_id: str, area: str = "", *, wildcards: bool = True
    ) -> bool:
        """Whether an ``x-apilint-ignore`` on the node or an ancestor silences ``rule_id``: it
        names the rule, or (with ``wildcards``) its ``area`` or ``*``. Every entry that
        matches is recorded in :attr:`ignores_used`."""
        markers = self.ignores.get(location.file)
        if not markers:
            return False
        names = (rule_id, area, IGNORE_ALL) if wildcards else (rule_id,)
        silenced = False
        for holder in jp.parents(location.pointer):
            listed = markers.get(holder)
            if not listed:
                continue
            for name in names:
                if name and name in listed:
                    self.ignores_used.add((location.file, holder, name))
                    silenced = True
        return silenced

    def reaches(self, location: Location) -> bool:
        """Whether the spec uses the node: it is in the root file, or a ``$ref`` points at it,
        at a node inside it or at a node around it (known once :meth:`scan` has run)."""
        if location.file == self.root_key:
            return True
        targets = self._reached.get(location.file)
        if targets is None:
            targets = sorted({t.pointer for t in self._targets.values() if t.file == location.file})
            self._reached[location.file] = targets
        for pointer in jp.parents(location.pointer):  # at it, or around it
            at = bisect.bisect_left(targets, pointer)
            if at < len(targets) and targets[at] == pointer:
                return True
        inside = bisect.bisect_left(targets, location.pointer + "/")
        return inside < len(targets) and targets[inside].startswith(location.pointer + "/")


#: Keys whose values are literal data (example values, defaults, enums), never schemas or refs,
#: except inside a map of names.
LITERAL_KEYS = frozenset({"example", "examples", "default", "enum", "const"})
_EXAMPLE_KEYS = frozenset({"example", "examples", "default"})
#: The keys of an Example Object whose value is example data (``dataValue``: 3.2).
EXAMPLE_DATA_KEYS = ("value", "dataValue")
#: Maps whose keys are names chosen by the author (a property may be called "example").
NAME_MAPS = frozenset(
    {
        "properties",
        "patternProperties",
        "definitions",
        "$defs",
        "schemas",
        "parameters",
        "responses",
        "examples",
        "headers",
        "securitySchemes",
        "securityDefinitions",
        "requestBodies",
        "links",
        "callbacks",
        "pathItems",
        "mediaTypes",
        "paths",
        "webhooks",
    }
)


def _refs_within(where: str, data: Any) -> Iterator[tuple[str, str]]:
    """(pointer of the object holding it, target) of each ``$ref`` in ``data``, any depth."""
    stack: list[tuple[str, Any]] = [(where, data)]
    while stack:
        at, node = stack.pop()
        if isinstance(node, dict):
            if isinstance(node.get("$ref"), str):
                yield at, node["$ref"]
            stack.extend((f"{at}/{jp.escape(key)}", child) for key, child in node.items())
        elif isinstance(node, list):
            stack.extend((f"{at}/{index}", child) for index, child in enumerate(node))


def _walk_refs(
    data: Any,
    ignores: dict[str, frozenset[str]],
    literals: list[tuple[str, Any]],
    mentions: list[tuple[str, str]],
) -> Iterator[tuple[str, str, tuple[str, ...]]]:
    """Yield (pointer of the object holding it, target, the keys beside it) for each ``$ref``;
    collect ignores, (pointer, value) of each example value and default into ``literals``, and
    (pointer, target) of each ``$ref`` inside an extension (``x-...``, not followed) into
    ``mentions``.

    Example values, defaults and enums are literal data, never references; a property that
    happens to be called ``example`` is still walked.
    """
    stack: list[tuple[str, Any, str, str]] = [("", data, "", "")]
    while stack:
        where, node, parent_key, grandparent_key = stack.pop()
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str):
                beside = tuple(key for key in node if key != "$ref") if len(node) > 1 else ()
                yield where, ref, beside
            if IGNORE_KEY in node:
                marker = node[IGNORE_KEY]
                names = [marker] if isinstance(marker, str) else marker
                listed = names if isinstance(names, list) else []
                ignores[where] = frozenset(name for name in listed if isinstance(name, str))
            in_names = parent_key in NAME_MAPS
            in_example = grandparent_key == "examples"  # an Example Object: its value is data
            for key, child in node.items():
                if (in_example and key in EXAMPLE_DATA_KEYS) or (
                    parent_key == "examples" and "/" in key  # 2.0: media type -> the value
                ):
                    literals.append((f"{where}/{jp.escape(key)}", child))
                    continue
                example_map = key == "examples" and isinstance(child, dict)  # walked below
                if not in_names and key in _EXAMPLE_KEYS and not example_map:
                    literals.append((f"{where}/{key}", child))
                if not isinstance(child, (dict, list)):
                    continue
                if not in_names and key.startswith("x-"):
                    mentions.extend(_refs_within(f"{where}/{jp.escape(key)}", child))
                    continue
                if not in_names and (
                    key in LITERAL_KEYS and not (key == "examples" and isinstance(child, dict))
                ):
                    continue
                stack.append((f"{where}/{jp.escape(key)}", child, key, parent_key))
        elif isinstance(node, list):
            for index, child in enumerate(node):
                if isinstance(child, (dict, list)):
                    stack.append((f"{where}/{index}", child, "", parent_key))
