"""Structure rules for the tag tree of OpenAPI 3.2: every ``parent`` names a declared tag, and
following the parents never comes back to where it started.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from apilint.rule import Document, Findings, Tag, rule


def _parents(tags: tuple[Tag, ...]) -> dict[str, str]:
    """Tag name -> the name of its parent, for the first declaration of each name."""
    found: dict[str, str] = {}
    for tag in tags:
        parent = tag.value.get("parent")
        if isinstance(parent, str) and tag.name not in found:
            found[tag.name] = parent
    return found


def _cycle_from(name: str, parents: Mapping[str, str]) -> list[str] | None:
    """The cycle that following the parents from ``name`` runs into, in that order from its
    first member met, or None when the chain ends."""
    chain: list[str] = []
    position: dict[str, int] = {}
    current: str | None = name
    while current is not None and current not in position:
        position[current] = len(chain)
        chain.append(current)
        current = parents.get(current)
    return None if current is None else chain[position[current] :]


@rule(
    "tag-parent",
    area="structure",
    severity="error",
    summary="A tag's parent is a declared tag, and no tag is its own ancestor.",
    formats={"3.2"},
)
def tag_parent(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Each ``parent`` of a top-level tag (OpenAPI 3.2) names a tag declared in ``tags``, and
    the parents form a tree: a chain of parents that comes back to a tag it passed is a cycle,
    reported once, at the ``parent`` of the first tag of the cycle in document order, naming
    the whole cycle (Redocly's ``spec-no-invalid-tag-parents``).

    Why: the specification requires a tag's parent to exist in the document and forbids
    circular references; documentation tools build their navigation from this tree and either
    drop the orphan or loop on the cycle.

    Example:
        bad:
            tags:
              - name: books
                parent: catalogue
        good:
            tags:
              - name: books
                parent: catalog
    """
    declared = {tag.name for tag in doc.tags}
    parents = _parents(doc.tags)
    reported: set[frozenset[str]] = set()
    for tag in doc.tags:
        parent = tag.value.get("parent")
        if not isinstance(parent, str) or parents.get(tag.name) != parent:
            continue  # not a parent, or a repeated declaration (tag-duplicate's finding)
        if parent not in declared:
            yield tag.loc.child("parent"), f"parent '{parent}' of tag '{tag.name}' is not a tag"
            continue
        cycle = _cycle_from(tag.name, parents)
        if cycle is None or tag.name not in cycle or frozenset(cycle) in reported:
            continue
        reported.add(frozenset(cycle))
        if len(cycle) == 1:
            yield tag.loc.child("parent"), f"tag '{tag.name}' is its own parent"
        else:
            path = " -> ".join(f"'{name}'" for name in (*cycle, cycle[0]))
            yield tag.loc.child("parent"), f"tag parents form a cycle: {path}"
