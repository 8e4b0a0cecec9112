"""The document as a Spectral rule sees it: ``$ref``s replaced by their targets, lazily, and every
node knowing the file and pointer it is written at.

Spectral lints the resolved document by default (``resolved: false`` asks for it as written).
Building that document would copy every shared schema once per use; instead, :func:`view`
wraps the data in read-only :class:`Mapping` and :class:`Sequence` views that follow a ``$ref``
when it is read. A ``$ref`` back to a node the path already passed through is left as the
``$ref`` object (the view is a finite tree), as are ``$ref``s that cannot be resolved. Each view
has a :class:`Location`, so a finding on the resolved document is reported where the node is
written, a referenced file included.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any, overload

from apilint.model.refs import Workspace
from apilint.source.locations import Location


class _Node:
    """What a view of a node holds: the data, where it is written, the ``$ref`` targets on
    the way to it (cycles stop there), and the members read so far."""

    __slots__ = (
        *("_chain", "_children", "_data", "_members", "_plain", "_resolve", "_workspace"),
        "loc",
    )

    def __init__(
        self,
        workspace: Workspace,
        data: Any,
        loc: Location,
        chain: frozenset[Location],
        resolve: bool,
    ) -> None:
        self._workspace = workspace
        self._data = data
        self.loc = loc
        self._chain = chain
        self._resolve = resolve
        self._children: dict[Any, Any] = {}
        self._members: list[tuple[Any, Any]] | None = None
        self._plain: Any = None

    def _member(self, key: str | int, raw: Any) -> Any:
        """The view of member ``key`` (its data ``raw``), made the first time it is read."""
        if not isinstance(raw, dict | list):
            return raw  # a scalar is its own view
        found = self._children.get(key, _UNREAD)
        if found is _UNREAD:
            found = _wrap(self._workspace, raw, self.loc.child(key), self._chain, self._resolve)
            self._children[key] = found
        return found

    def members(self) -> list[tuple[Any, Any]]:
        """Every (key or index, view or scalar) pair, in order, made once: the walks of ``..``
        paths go through them again and again."""
        if self._members is None:
            member = self._member
            pairs = self._data.items() if type(self._data) is dict else enumerate(self._data)
            self._members = [(key, member(key, raw)) for key, raw in pairs]
        return self._members

    def __len__(self) -> int:
        return len(self._data)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.loc.file}#{self.loc.pointer})"


class MappingView(_Node, Mapping[str, Any]):
    """A mapping node of the (resolved) document; a member, once read, is kept (rules that
    read the same nodes share one view of them)."""

    __slots__ = ()

    def __getitem__(self, key: str) -> Any:
        return self._member(key, self._data[key])

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __contains__(self, key: object) -> bool:
        return key in self._data

    def items(self) -> Iterator[tuple[str, Any]]:  # type: ignore[override]
        """Members and their views, without Mapping's lookup of each key again."""
        member = self._member
        return ((key, member(key, raw)) for key, raw in self._data.items())

    def get(self, key: str, default: Any = None) -> Any:
        raw = self._data.get(key, _UNREAD)
        return default if raw is _UNREAD else self._member(key, raw)


class SequenceView(_Node, Sequence[Any]):
    """A list node of the (resolved) document; an item, once read, is kept."""

    __slots__ = ()

    @overload
    def __getitem__(self, index: int) -> Any: ...

    @overload
    def __getitem__(self, index: slice) -> list[Any]: ...

    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, slice):
            return [self[i] for i in range(len(self._data))[index]]
        position = index if index >= 0 else len(self._data) + index
        return self._member(position, self._data[index])

    def __iter__(self) -> Iterator[Any]:
        member = self._member
        return (member(index, raw) for index, raw in enumerate(self._data))


View = MappingView | SequenceView
_UNREAD = object()
_VIEW_TYPES = frozenset((MappingView, SequenceView))


def is_view(value: Any) -> bool:
    """Whether ``value`` is a view (a type test: ``isinstance`` on these ABCs is slow)."""
    return type(value) in _VIEW_TYPES


def view(workspace: Workspace, *, resolve: bool = True) -> Any:
    """The root document of ``workspace`` as views (``resolve``: ``$ref``s followed), one per
    workspace and mode, so that rules share what they read."""
    key = f"spectral-view-{'resolved' if resolve else 'written'}"
    if key not in workspace.shared:
        root = workspace.root_location
        workspace.shared[key] = _wrap(
            workspace, workspace.root.data, root, frozenset({root}), resolve
        )
    return workspace.shared[key]


def _wrap(
    workspace: Workspace, value: Any, loc: Location, chain: frozenset[Location], resolve: bool
) -> Any:
    if isinstance(value, dict):
        ref = value.get("$ref")
        if resolve and isinstance(ref, str):
            found = workspace.resolve(loc, value)
            if found is not None and found[0] not in chain:
                target, data = found
                return _wrap(workspace, data, target, chain | {target}, resolve)
        return MappingView(workspace, value, loc, chain, resolve)
    if isinstance(value, list):
        return SequenceView(workspace, value, loc, chain, resolve)
    return value


def location_of(root: Any, path: Sequence[str | int]) -> Location | None:
    """Where the node at ``path`` (keys from ``root``) is written: the view's own location, or
    for a scalar its parent's location and key. None when the path leaves the views."""
    node = root
    parent: Any = None
    for key in path:
        parent = node
        try:
            node = node[key]
        except (KeyError, IndexError, TypeError):
            return None
    if is_view(node):
        return node.loc
    if is_view(parent) and path:
        return parent.loc.child(path[-1])
    return None


def plain(value: Any) -> Any:
    """A view as plain data (dicts and lists), for functions that need JSON values (``schema``
    validation, JavaScript functions); ``$ref`` cycles stay ``$ref`` objects. A view's data is
    made once and shared: callers read it, never change it."""
    if type(value) in _VIEW_TYPES:
        if value._plain is None:
            value._plain = _plain(value)
        return value._plain
    return _plain(value)


def _plain(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {key: plain(value[key]) for key in value}
    if isinstance(value, Sequence) and not isinstance(value, str):
        return [plain(item) for item in value]
    return value
