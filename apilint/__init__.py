"""apilint: enforce API standards on OpenAPI documents.

>>> import apilint
>>> report = apilint.lint_file("openapi.yaml")       # doctest: +SKIP
>>> [f.rule for f in report.findings]                 # doctest: +SKIP
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "Finding",
    "LoadProblem",
    "Place",
    "Report",
    "RuleInfo",
    "Severity",
    "__version__",
    "auth_coverage",
    "diff",
    "diff_repository",
    "lint_document",
    "lint_file",
    "lint_paths",
    "report",
]

if TYPE_CHECKING:
    from apilint.api import (
        auth_coverage,
        diff,
        diff_repository,
        lint_document,
        lint_file,
        lint_paths,
        report,
    )
    from apilint.lint.findings import Finding, LoadProblem, Place, Report, RuleInfo, Severity

_LAZY = {
    "auth_coverage": "apilint.api",
    "diff": "apilint.api",
    "diff_repository": "apilint.api",
    "lint_file": "apilint.api",
    "lint_paths": "apilint.api",
    "lint_document": "apilint.api",
    "report": "apilint.api",
    "Finding": "apilint.lint.findings",
    "LoadProblem": "apilint.lint.findings",
    "Place": "apilint.lint.findings",
    "Report": "apilint.lint.findings",
    "RuleInfo": "apilint.lint.findings",
    "Severity": "apilint.lint.findings",
}


def lazy_attributes(package: str, table: dict[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` that imports each name of ``table`` from its module on first
    use (so ``apilint --version`` and a cached run start fast)."""

    def __getattr__(name: str) -> Any:
        module = table.get(name)
        if module is None:
            raise AttributeError(f"module '{package}' has no attribute '{name}'")
        import importlib

        return getattr(importlib.import_module(module), name)

    return __getattr__


__getattr__ = lazy_attributes("apilint", _LAZY)


def __dir__() -> list[str]:
    """The public API (imported on first use, so not yet in the module's namespace) and
    what the module holds."""
    return sorted({*globals(), *__all__})


def _keep_old_module_paths() -> None:
    """``import apilint.loader`` and the other pre-0.2 paths keep working, with a warning."""
    from apilint._moved import MovedModuleFinder

    if not any(isinstance(finder, MovedModuleFinder) for finder in sys.meta_path):
        sys.meta_path.append(MovedModuleFinder())


_keep_old_module_paths()
