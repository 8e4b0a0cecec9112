"""The module paths apilint had before its stage packages, kept working for one release.

``import apilint.loader`` (and every other path in :data:`MOVED`) still works: it gives a
module holding the public names of the module's new home, and a ``DeprecationWarning`` naming
that home. apilint 0.2 removes these paths. Rule authors import from ``apilint.rule``, which
does not move.
"""

from __future__ import annotations

import importlib
import warnings
from importlib.machinery import ModuleSpec
from types import ModuleType

_STAGES = {
    "source": ("pointer", "loader", "yaml_fast", "positions", "block_positions"),
    "model": ("refs", "document", "structural"),
    "analysis": (
        "casing",
        "coverage",
        "examples",
        "example_screen",
        "urls",
        "versions",
        "auth_matrix",
    ),
    "lint": (
        "findings",
        "registry",
        "config",
        "engine",
        "fingerprints",
        "discover",
        "baseline",
        "since",
        "cache",
    ),
}

#: old module path -> new module path
MOVED = {
    f"apilint.{name}": f"apilint.{stage}.{name}"
    for stage, names in _STAGES.items()
    for name in names
}


class MovedModuleFinder:
    """A ``sys.meta_path`` finder and loader for the old paths of moved modules."""

    def find_spec(self, name: str, path: object = None, target: object = None) -> ModuleSpec | None:
        return ModuleSpec(name, self) if name in MOVED else None

    def create_module(self, spec: ModuleSpec) -> None:
        return None  # a plain new module, filled by exec_module

    def exec_module(self, module: ModuleType) -> None:
        home = MOVED[module.__name__]
        warnings.warn(
            f"{module.__name__} is now {home}; the old path goes in apilint 0.2"
            " (rule authors: import from apilint.rule)",
            DeprecationWarning,
            stacklevel=2,
        )
        new = importlib.import_module(home)
        public = {key: value for key, value in vars(new).items() if not key.startswith("__")}
        vars(module).update(public)
