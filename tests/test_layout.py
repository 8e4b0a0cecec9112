"""The package layout: stages import one way, no import cycles, old module paths still work.

Every ``import`` statement of apilint's modules and the built-in rules counts, at the top of a
module or inside a function, ``TYPE_CHECKING`` blocks included: an import placed in a function
to dodge a cycle is still an edge of the graph.
"""

from __future__ import annotations

import ast
import importlib
import warnings
from pathlib import Path

import pytest

from apilint._moved import MOVED

ROOT = Path(__file__).resolve().parent.parent

#: The stages of the flow, in order: a module may import from its own stage or an earlier one.
STAGES: list[tuple[str, ...]] = [
    ("apilint._moved",),
    ("apilint.source",),
    ("apilint.model",),
    ("apilint.analysis",),
    ("apilint.lint", "apilint.spectral"),
    ("apilint.rule",),
    ("apilint.rules",),
    ("apilint.changes", "apilint.fleet"),
    ("apilint.reporters",),
    ("apilint.api", "apilint.testing"),
    ("apilint.cli",),
]


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted((ROOT / "apilint").rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    for path in sorted((ROOT / "rules").glob("*.py")):
        name = "apilint.rules" if path.stem == "__init__" else f"apilint.rules.{path.stem}"
        found[name] = path
    return found


MODULES = _modules()


def _imports(name: str, path: Path) -> set[str]:
    """The apilint modules ``name`` imports (a name imported from a package counts as its
    submodule when there is one)."""
    package = name if path.stem == "__init__" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                child = f"{base}.{alias.name}"
                found.add(child if child in MODULES else base)
    return {module for module in found if module == "apilint" or module.startswith("apilint.")}


GRAPH = {name: _imports(name, path) - {name} for name, path in MODULES.items()}


def _stage(module: str) -> int:
    best, rank = -1, -1
    for index, prefixes in enumerate(STAGES):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > best:
                best, rank = len(prefix), index
    return rank


def test_every_module_has_a_stage() -> None:
    """A new module is placed in the flow on purpose, not left beside the others."""
    assert [m for m in MODULES if m != "apilint" and _stage(m) < 0] == []


def test_every_import_names_a_module_that_exists() -> None:
    """No module of apilint uses an old (moved) path or a module that is gone."""
    missing = sorted(
        f"{name} imports {target}"
        for name, targets in GRAPH.items()
        for target in targets
        if target not in MODULES
    )
    assert missing == []


def test_imports_point_down_the_flow() -> None:
    """source -> model -> analysis -> lint -> rule API -> rules, changes -> reporters -> api,
    cli: never the other way. The package root (``__version__``) may be read from anywhere."""
    against = sorted(
        f"{name} (stage {_stage(name)}) imports {target} (stage {_stage(target)})"
        for name, targets in GRAPH.items()
        if name != "apilint"
        for target in targets
        if target != "apilint" and _stage(target) > _stage(name)
    )
    assert against == []


def test_the_package_root_imports_only_the_old_paths_table() -> None:
    """``import apilint`` stays cheap: its public names are imported on first use."""
    assert GRAPH["apilint"] <= {"apilint._moved", "apilint.api", "apilint.lint.findings"}
    tree = ast.parse(MODULES["apilint"].read_text(encoding="utf-8"))
    top_level = [
        node.module
        for node in tree.body
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("apilint")
    ]
    assert top_level == []


def _cycle(graph: dict[str, set[str]]) -> list[str]:
    """One import cycle of ``graph``, or []."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        path.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                return [*path[path.index(target) :], target]
            if target not in state and (found := visit(target)):
                return found
        path.pop()
        state[node] = 2
        return []

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return []


def test_no_import_cycles() -> None:
    # the root's other imports are for type checkers only (its names load on first use)
    runtime = {**GRAPH, "apilint": {"apilint._moved"}}
    assert _cycle(runtime) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycle(graph) == ["a", "b", "c", "a"]


@pytest.mark.parametrize(("old", "new"), sorted(MOVED.items()))
def test_an_old_module_path_still_imports_with_a_warning(old: str, new: str) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        module = importlib.import_module(old)
        module = importlib.reload(module) if not caught else module
    assert any(
        issubclass(w.category, DeprecationWarning) and f"is now {new}" in str(w.message)
        for w in caught
    )
    home = importlib.import_module(new)
    public = [key for key in vars(home) if not key.startswith("_")]
    assert public and all(getattr(module, key) is getattr(home, key) for key in public)


def test_rule_authors_import_from_one_place() -> None:
    """The built-in rules take the rule API from ``apilint.rule``, as a plugin would."""
    for name in (m for m in MODULES if m.startswith("apilint.rules.")):
        assert not {m for m in GRAPH[name] if m.startswith("apilint.lint.")}, name
        if not name.rpartition(".")[2].startswith("_"):  # a rule module, not a shared helper
            assert "apilint.rule" in GRAPH[name], name
