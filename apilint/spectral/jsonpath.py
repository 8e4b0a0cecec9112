"""JSONPath as Spectral 6 evaluates a rule's ``given`` (nimma, with JSONPath-Plus syntax).

``compile_path(text)`` parses once (cached); ``CompiledPath.select(root)`` yields the matches,
each node once, in nimma's order (below). ``root`` is plain data or any ``Mapping``/``Sequence``
view (only their protocols are used); ``..`` walks iteratively and does not descend into a node
it is already inside, so a cyclic view is safe.

Syntax: ``$``, ``.name``, ``['name']``/``["name"]``, ``.*``/``[*]``, ``..name``/``..*``/
``..[...]``, ``[0]``, unions ``['a','b']``/``[a,b]``/``[0,1]``, slices ``[1:3]``/``[::2]``,
filters ``[?(...)]`` (:mod:`apilint.spectral.filters`), ``^`` (the parent of each match) and a
final ``~`` (the member name or index instead of the value: ``Match.is_key``).

Checked against Spectral 6.16.3 (nimma 0.2.3): a negative index ``[-1]`` selects nothing
(slices such as ``[-2:]`` do work); ``..`` does not test the root itself (``$..[?(@.k)]``).

Order: a path with one ``..`` (and no union of names) or a ``^`` yields in document order (nimma
walks the document once); other paths yield segment by segment, a union of names in the order
written (``$.p[*][put,get]``: each path's put, then its get), indices in document order. Over
40 real specs and the 198 distinct ``given`` paths of the published rulesets installed for the
benchmarks (Spectral's own, baloise, zalando, rhoas, microcks, owasp...), every match set
equals nimma's and 99.5% come in the same order; the rest differ because JavaScript lists an
object's integer-like keys (``'200'``, ``'404'``) first, in numeric order, where this module
keeps the file's order.

Differences, on purpose: nimma yields a parent once per child for ``^`` (``$..$ref^``) and a
node once per path to it (``$..a..b``); here each node comes once. nimma's ``$.list.length``
(an array's length as if it were a member) is not supported. Array indices in ``Match.path``
are ints (nimma's fallback gives some as strings).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from apilint.spectral.filters import FilterSyntaxError, Scope, Screen, parse_filter, screen_of
from apilint.spectral.functions_js import is_array, is_mapping, kind_of
from apilint.spectral.resolved import is_view

Key = str | int
#: An identity for a container node (None: none), to walk each node once (``select``).
Identity = Callable[[Any], Hashable | None]
#: The walks below nodes, by the nodes' identities, kept across paths (``select``), and
#: their indexes by member (``_screened``).
Walks = dict[Hashable, Any]
Predicate = Callable[[Scope], bool]


class JsonPathError(ValueError):
    """A path that cannot be parsed; the message names the position."""


@dataclass(frozen=True)
class Match:
    value: Any  # the node (for ``~``: the member name, a str, or the index, an int)
    path: tuple[Key, ...]  # keys from the root to the node (for ``~``: to the member)
    is_key: bool = False  # True when ``~`` selected the member name


class _Node:
    """A selected node: its value, the key it has in its parent, and the parent."""

    __slots__ = ("key", "parent", "pos", "value")

    def __init__(self, value: Any, key: Key | None, parent: _Node | None, pos: int) -> None:
        self.value = value
        self.key = key
        self.parent = parent
        self.pos = pos  # index among the parent's children; -1 until needed

    def path(self) -> tuple[Key, ...]:
        keys: list[Key] = []
        node: _Node | None = self
        while node is not None and node.parent is not None:
            keys.append(node.key)  # type: ignore[arg-type]
            node = node.parent
        return tuple(reversed(keys))

    def order(self) -> tuple[int, ...]:
        """Document-order sort key: the child index at each level."""
        positions: list[int] = []
        node: _Node | None = self
        while node is not None and node.parent is not None:
            if node.pos < 0:
                node.pos = _position(node.parent.value, node.key)
            positions.append(node.pos)
            node = node.parent
        return tuple(reversed(positions))

    def ancestor_ids(self) -> set[int]:
        ids: set[int] = set()
        node: _Node | None = self
        while node is not None:
            ids.add(id(node.value))
            node = node.parent
        return ids


def _position(container: Any, key: Key | None) -> int:
    if is_mapping(container):
        return next((i for i, name in enumerate(container) if name == key), 0)
    return key if isinstance(key, int) else 0


def _children(value: Any) -> Iterable[tuple[Key, Any]]:
    if is_view(value):
        return value.members()
    if is_mapping(value):
        return value.items()
    if is_array(value):
        return enumerate(value)
    return ()


# ----------------------------------------------------------------------------- selectors


class _Selector:
    """Picks children of one node (``select``), or tests one child as a walk visits it."""

    def select(self, node: _Node, root: Any) -> Iterator[_Node]:
        for pos, (key, child) in enumerate(_children(node.value)):
            if self.picks(node, key, child, root):
                yield _Node(child, key, node, pos)

    def picks(self, parent: _Node, key: Key, child: Any, root: Any) -> bool:
        raise NotImplementedError


@dataclass(frozen=True)
class _Names(_Selector):
    """``.name``, ``['a','b']``, ``[0,1]``: members by name or index (a negative one: none)."""

    keys: tuple[Key, ...]

    def select(self, node: _Node, root: Any) -> Iterator[_Node]:
        value = node.value
        if is_mapping(value):
            for key in self.keys:
                name = str(key)
                if name in value:
                    yield _Node(value[name], name, node, -1)
        elif is_array(value):  # indices in document order, as nimma gives them
            indices = {key if isinstance(key, int) else _digits(key) for key in self.keys}
            for index in sorted(i for i in indices if i is not None and 0 <= i < len(value)):
                yield _Node(value[index], index, node, index)

    def picks(self, parent: _Node, key: Key, child: Any, root: Any) -> bool:
        if isinstance(key, str):
            return key in self.keys or any(isinstance(k, int) and str(k) == key for k in self.keys)
        return key in self.keys or str(key) in self.keys


def _digits(key: str) -> int | None:
    return int(key) if key.isdigit() else None


@dataclass(frozen=True)
class _Wildcard(_Selector):
    def select(self, node: _Node, root: Any) -> Iterator[_Node]:
        for pos, (key, child) in enumerate(_children(node.value)):
            yield _Node(child, key, node, pos)

    def picks(self, parent: _Node, key: Key, child: Any, root: Any) -> bool:
        return True


@dataclass(frozen=True)
class _Slice(_Selector):
    start: int | None
    stop: int | None
    step: int | None

    def select(self, node: _Node, root: Any) -> Iterator[_Node]:
        value = node.value
        if not is_array(value) or self.step == 0:
            return
        for index in sorted(range(len(value))[self.start : self.stop : self.step]):
            yield _Node(value[index], index, node, index)

    def picks(self, parent: _Node, key: Key, child: Any, root: Any) -> bool:
        if not isinstance(key, int) or self.step == 0:
            return False
        return key in range(len(parent.value))[self.start : self.stop : self.step]


@dataclass(frozen=True)
class _Filter(_Selector):
    predicate: Predicate
    screen: Screen | None = None  # what a node needs for the predicate to hold

    def picks(self, parent: _Node, key: Key, child: Any, root: Any) -> bool:
        return self.predicate(Scope(child, key, parent.value, parent.key, root, parent))


# ----------------------------------------------------------------------------- segments


@dataclass(frozen=True)
class _Segment:
    selector: _Selector | None  # None for ``^``
    descendant: bool = False

    def apply(
        self,
        nodes: list[_Node],
        root: Any,
        once: Identity | None = None,
        walks: Walks | None = None,
    ) -> list[_Node]:
        if self.selector is None:
            return [node.parent for node in nodes if node.parent is not None]
        if not self.descendant:
            return [child for node in nodes for child in self.selector.select(node, root)]
        return list(self._descend(nodes, root, once, walks))

    def repeats(self, nodes: list[_Node]) -> bool:
        """Whether applying this segment to ``nodes`` may select a node twice."""
        if self.selector is None:
            return len(nodes) > 1
        if isinstance(self.selector, _Names) and len(self.selector.keys) > 1:
            return True
        return self.descendant and len(nodes) > 1

    def _descend(
        self, nodes: list[_Node], root: Any, once: Identity | None, walks: Walks | None
    ) -> Iterator[_Node]:
        """The selected descendants of each node in turn, skipping a node inside one walked."""
        entered: set[Hashable] = set()
        if len(nodes) == 1:  # one walk (`$.paths..`): the one worth keeping for other paths
            yield from self._walk(nodes[0], root, once, entered, walks)
            return
        walked: set[tuple[int, ...]] = set()
        for start in nodes:
            order = start.order()
            if any(order[:depth] in walked for depth in range(len(order) + 1)):
                continue
            walked.add(order)
            yield from self._walk(start, root, once, entered, None, walks)

    def _walk(
        self,
        start: _Node,
        root: Any,
        once: Identity | None,
        entered: set[Hashable],
        walks: Walks | None = None,
        kept: Walks | None = None,
    ) -> Iterator[_Node]:
        """The selected nodes of a pre-order walk below ``start`` (see :func:`_visits`); with
        ``walks``, the walk below a node with an identity is made once and kept there, for
        every path that walks below that node again. ``kept``: the walks kept so far, where
        a walk that is part of one is read instead of made (:func:`_from_kept`)."""
        assert self.selector is not None
        picks = self.selector.picks
        names = self.selector.keys if isinstance(self.selector, _Names) else None
        if names is not None and not all(isinstance(k, str) and not k.isdigit() for k in names):
            names = None  # an index, or a name that also selects an array element
        visits: Iterable[tuple[_Node, Key, Any, int]]
        identity = once(start.value) if once is not None and walks is not None else None
        if identity is not None and walks is not None and once is not None:
            if identity not in walks:
                walks[identity] = _kept_walk(walks, start, identity, once)
            visits = walks[identity]
            if isinstance(self.selector, _Filter) and self.selector.screen is not None:
                visits = _screened(walks, identity, self.selector.screen)
        else:
            known = once(start.value) if once is not None and kept is not None else None
            found = None
            if known is not None and kept is not None:
                found = _from_kept(kept, start, known, entered)
            visits = found if found is not None else _visits(start, once, entered)
        for node, key, child, pos in visits:
            if (key in names) if names is not None else picks(node, key, child, root):
                yield _Node(child, key, node, pos)


def _screened(walks: Walks, identity: Hashable, screen: Screen) -> list[Any]:
    """The visits of the kept walk below ``identity`` whose node passes ``screen`` (see
    :mod:`apilint.spectral.filters`), from an index of the walk by the screen's member, made
    once and kept beside the walk, as is each screen's list of visits."""
    key = ("screened", identity, screen)
    found = walks.get(key)
    if found is None:
        walk = walks[identity]
        name, values, loose = screen
        index = _member_index(walks, identity, name)
        if values is None:
            positions = index[_ANY]
        else:
            parts = [index.get(value, []) for value in values] + ([index[_OTHER]] if loose else [])
            positions = parts[0] if len(parts) == 1 else sorted(set().union(*parts))
        found = walks[key] = [walk[position] for position in positions]
    return found  # type: ignore[no-any-return]


def _member_index(walks: Walks, identity: Hashable, name: str) -> dict[Any, list[int]]:
    """Positions in the kept walk below ``identity`` of the nodes with an own member
    ``name``: all (``_ANY``), by the member's value when it is a string, and those whose value
    is something else (``_OTHER``)."""
    key = ("members", identity, name)
    index = walks.get(key)
    if index is None:
        index = walks[key] = {_ANY: [], _OTHER: []}
        for position, visit in enumerate(walks[identity]):
            child = visit[2]
            if is_mapping(child) and name in child:
                index[_ANY].append(position)
                value = child.get(name)
                index.setdefault(value if type(value) is str else _OTHER, []).append(position)
    return index  # type: ignore[no-any-return]


_ANY = object()  # the index entry of every node with the member
_OTHER = object()  # the index entry of the nodes whose member is not a string


@dataclass
class _Kept:
    """A walk kept for other paths, with what it takes to read the walk below any node it
    entered: ``ends[i]``, the position after the last visit below the node of visit ``i``;
    ``ids[i]``, that node's identity; ``at``, the position each identity was entered at;
    ``skipped[i]``, the identities met again (and not entered) just before visit ``i``, each
    with the position of the node it was met under."""

    visits: list[tuple[_Node, Key, Any, int]]
    ends: list[int]
    ids: list[Hashable | None]
    at: dict[Hashable, int]
    skipped: dict[int, list[tuple[int, Hashable]]]


_KEPT = ("kept walks",)  # the ``walks`` entry listing the kept walks


def _keep(walks: Walks, start: _Node, once: Identity) -> list[tuple[_Node, Key, Any, int]]:
    """The walk below ``start`` as :func:`_visits` makes it (with nothing entered yet), kept
    with its positions (:class:`_Kept`) among ``walks``."""
    kept = _Kept([], [], [], {}, {})
    visits, ends, ids, at = kept.visits, kept.ends, kept.ids, kept.at
    inside = start.ancestor_ids()
    stack = [(start, _numbered_children(start.value), -1)]
    while stack:
        node, children, parent_at = stack[-1]
        for pos, (key, child) in children:
            here = len(visits)
            if not kind_of(child):
                visits.append((node, key, child, pos))
                ends.append(here + 1)
                ids.append(None)
                continue
            identity = once(child)
            if identity is not None:
                if identity in at:
                    kept.skipped.setdefault(here, []).append((parent_at, identity))
                    continue
                at[identity] = here
            visits.append((node, key, child, pos))
            ends.append(here + 1)
            ids.append(identity)
            if id(child) not in inside:
                inside.add(id(child))
                stack.append((_Node(child, key, node, pos), _numbered_children(child), here))
                break  # walk the child's members first; this loop resumes after
        else:
            stack.pop()
            inside.discard(id(node.value))
            if parent_at >= 0:
                ends[parent_at] = len(visits)
    walks.setdefault(_KEPT, []).append(kept)
    return visits


def _kept_walk(
    walks: Walks, start: _Node, identity: Hashable, once: Identity
) -> list[tuple[_Node, Key, Any, int]]:
    """The walk below ``start`` for ``walks``: read from the walk below the document's root,
    made and kept first (in a real spec, walking ``$.paths`` enters nearly every node the
    root's walk does: one walk serves them all), unless it differs below ``start``."""
    top = start
    while top.parent is not None:
        top = top.parent
    top_identity = once(top.value)
    if top is not start and top_identity is not None and top_identity not in walks:
        walks[top_identity] = _keep(walks, top, once)
    found = _from_kept(walks, start, identity, set())
    return found if found is not None else _keep(walks, start, once)


def _from_kept(
    walks: Walks, start: _Node, identity: Hashable, entered: set[Hashable]
) -> list[tuple[_Node, Key, Any, int]] | None:
    """The walk below ``start`` (as :func:`_visits` would make it with ``entered``) read from
    a kept walk that entered the same view of it, or None when none did or the kept walk
    differs below it: it did not enter a node there because it had entered it before
    ``start`` (the walk below ``start`` alone enters it there). ``entered`` grows as with
    :func:`_visits`, and is left as it was on None."""
    for kept in walks.get(_KEPT, ()):
        position = kept.at.get(identity)
        if position is not None and kept.visits[position][2] is start.value:
            return _read_below(kept, position, entered)
    return None


def _read_below(
    kept: _Kept, position: int, entered: set[Hashable]
) -> list[tuple[_Node, Key, Any, int]] | None:
    visits, ends, ids, skipped = kept.visits, kept.ends, kept.ids, kept.skipped
    end = ends[position]
    found: list[tuple[_Node, Key, Any, int]] = []
    added: list[Hashable] = []
    walked = {position}  # the nodes whose members this walk goes through
    here = position + 1
    while here <= end:
        for parent_at, again in skipped.get(here, ()):
            if parent_at in walked and again not in entered:
                entered.difference_update(added)
                return None  # this walk meets it first here, the kept walk did elsewhere
        if here == end:
            break
        identity = ids[here]
        if identity is not None:
            if identity in entered:
                here = ends[here]  # met before: neither visited nor entered
                continue
            entered.add(identity)
            added.append(identity)
        if kind_of(visits[here][2]):
            walked.add(here)
        found.append(visits[here])
        here += 1
    return found


def _visits(
    start: _Node, once: Identity | None, entered: set[Hashable]
) -> Iterator[tuple[_Node, Key, Any, int]]:
    """(parent, key, child, position) of every node below ``start``, in pre-order; iterative,
    and never entering a container it is already inside (a cyclic view). With ``once``, a
    container whose identity was met already (the same node reached through another
    ``$ref``) is neither visited nor entered again."""
    inside = start.ancestor_ids()
    stack = [(start, _numbered_children(start.value))]
    while stack:
        node, children = stack[-1]
        for pos, (key, child) in children:
            if not kind_of(child):
                yield node, key, child, pos
                continue
            if once is not None:
                identity = once(child)
                if identity is not None:
                    if identity in entered:
                        continue
                    entered.add(identity)
            yield node, key, child, pos
            if id(child) not in inside:
                inside.add(id(child))
                stack.append((_Node(child, key, node, pos), _numbered_children(child)))
                break  # walk the child's members first; this loop resumes after
        else:
            stack.pop()
            inside.discard(id(node.value))


def _numbered_children(value: Any) -> Iterator[tuple[int, tuple[Key, Any]]]:
    return enumerate(_children(value))


def _in_document_order(nodes: list[_Node]) -> list[_Node]:
    """Sorted by document position, each node once."""
    seen: dict[tuple[int, ...], _Node] = {}
    for node in nodes:
        seen.setdefault(node.order(), node)
    return [seen[key] for key in sorted(seen)]


def _unique(nodes: list[_Node]) -> list[_Node]:
    """Each node once, where it first comes."""
    seen: dict[tuple[int, ...], _Node] = {}
    for node in nodes:
        seen.setdefault(node.order(), node)
    return list(seen.values())


# ----------------------------------------------------------------------------- the path


@dataclass(frozen=True)
class CompiledPath:
    """A parsed path; ``select`` runs it over a document."""

    text: str
    segments: tuple[_Segment, ...]
    keys: bool  # a final ``~``
    sort: bool  # results in document order (a path with ``..`` or ``^``), else segment order

    def select(
        self, root: Any, once: Identity | None = None, walks: Walks | None = None
    ) -> Iterator[Match]:
        """The matches in ``root``. ``once(node)``: an identity for container nodes (None for
        none); a ``..`` walk meets each identity once, so a view whose ``$ref``s lead to one
        written node from many places is walked once per node, not once per path. ``walks``:
        a dict kept by the caller across paths on one document, where the walk below each node
        with an identity is made once and reused."""
        nodes = [_Node(root, None, None, 0)]
        repeats = False
        for segment in self.segments:
            repeats = repeats or segment.repeats(nodes)
            nodes = segment.apply(nodes, root, once, walks)
            if not nodes:
                return
        if self.sort:
            nodes = _in_document_order(nodes)
        elif repeats:
            nodes = _unique(nodes)
        for node in nodes:
            if not self.keys:
                yield Match(node.value, node.path())
            elif node.parent is not None:
                yield Match(node.key, node.path(), is_key=True)


@lru_cache(maxsize=4096)
def compile_path(text: str) -> CompiledPath:
    """Parse a Spectral ``given`` path; raises JsonPathError."""
    return _PathParser(text).parse()


_NAME = re.compile(r"[^.\[\]~^()'\",\s]+")
_INT = re.compile(r"-?\d+")


class _PathParser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0

    def error(self, message: str, pos: int | None = None) -> JsonPathError:
        at = self.pos if pos is None else pos
        return JsonPathError(f"{message} at position {at} in JSONPath {self.text!r}")

    def parse(self) -> CompiledPath:
        text = self.text.strip()
        self.text = text
        if not text.startswith("$"):
            raise self.error("a path must start with '$'", 0)
        self.pos = 1
        segments: list[_Segment] = []
        keys = False
        while self.pos < len(text):
            if keys:
                raise self.error("'~' is only supported at the end of a path")
            if text[self.pos] == "~":
                keys = True
                self.pos += 1
            else:
                segments.append(self.segment())
        sort = _sorts(segments)
        return CompiledPath(self.text, tuple(segments), keys, sort)

    def segment(self) -> _Segment:
        text = self.text
        if text[self.pos] == "^":
            self.pos += 1
            return _Segment(None)
        if text.startswith("..", self.pos):
            self.pos += 2
            if self.pos < len(text) and text[self.pos] == "[":
                return _Segment(self.bracket(), descendant=True)
            return _Segment(self.dotted(), descendant=True)
        if text[self.pos] == ".":
            self.pos += 1
            if self.pos < len(text) and text[self.pos] == "[":
                return _Segment(self.bracket())
            return _Segment(self.dotted())
        if text[self.pos] == "[":
            return _Segment(self.bracket())
        raise self.error(f"unexpected {text[self.pos]!r}")

    def dotted(self) -> _Selector:
        if self.text.startswith("*", self.pos):
            self.pos += 1
            return _Wildcard()
        match = _NAME.match(self.text, self.pos)
        if not match:
            raise self.error("expected a member name")
        self.pos = match.end()
        return _Names((match.group(0),))

    def bracket(self) -> _Selector:
        self.pos += 1  # [
        self.skip_space()
        text = self.text
        if text.startswith("?", self.pos):
            selector: _Selector = self.filter()
        elif text.startswith("(", self.pos):
            raise self.error("script expressions [(...)] are not supported")
        elif text.startswith("*", self.pos):
            self.pos += 1
            selector = _Wildcard()
        else:
            selector = self.union()
        self.skip_space()
        if not text.startswith("]", self.pos):
            raise self.error("expected ']'")
        self.pos += 1
        return selector

    def filter(self) -> _Filter:
        self.pos += 1  # ?
        self.skip_space()
        try:
            predicate, end = parse_filter(self.text, self.pos)
        except FilterSyntaxError as exc:
            raise self.error(str(exc).rsplit(" at position", 1)[0], exc.position) from exc
        self.pos = end
        return _Filter(predicate, screen_of(predicate))

    def union(self) -> _Selector:
        items: list[Key] = []
        while True:
            self.skip_space()
            slice_selector = self.slice_or_none()
            if slice_selector is not None:
                if items:
                    raise self.error("a slice cannot be part of a union")
                return slice_selector
            items.append(self.union_item())
            self.skip_space()
            if not self.text.startswith(",", self.pos):
                return _Names(tuple(items))
            self.pos += 1

    def union_item(self) -> Key:
        text = self.text
        if self.pos < len(text) and text[self.pos] in "'\"":
            quote = text[self.pos]
            end = text.find(quote, self.pos + 1)
            if end < 0:
                raise self.error("unterminated string")
            name = text[self.pos + 1 : end].replace("\\" + quote, quote)
            self.pos = end + 1
            return name
        number = _INT.match(text, self.pos)
        if number and not _NAME.match(text, number.end()):
            self.pos = number.end()
            return int(number.group(0))  # a negative index selects nothing, as in nimma
        match = _NAME.match(text, self.pos)
        if not match:
            raise self.error("expected a name, an index, '*' or a filter")
        self.pos = match.end()
        return match.group(0)

    def slice_or_none(self) -> _Slice | None:
        match = re.compile(r"(-?\d+)?\s*:\s*(-?\d+)?\s*(?::\s*(-?\d+)?)?").match(
            self.text, self.pos
        )
        if not match or ":" not in match.group(0):
            return None
        self.pos = match.end()
        start, stop, step = (None if g is None else int(g) for g in match.groups())
        return _Slice(start, stop, step)

    def skip_space(self) -> None:
        while self.pos < len(self.text) and self.text[self.pos].isspace():
            self.pos += 1


def _sorts(segments: list[_Segment]) -> bool:
    """Whether nimma yields this path's matches in document order: it walks the document once
    for a path with one ``..``, or a ``^``; a path with several ``..`` or a union of names
    (``$.paths.*.*[responses,requestBody]..schema``) comes segment by segment."""
    if any(segment.selector is None for segment in segments):
        return True
    unions = any(
        isinstance(segment.selector, _Names) and len(segment.selector.keys) > 1
        for segment in segments
    )
    return not unions and sum(segment.descendant for segment in segments) == 1
