"""apilint: enforce API standards on OpenAPI documents.

>>> import apilint
>>> report = apilint.lint_file("openapi.yaml")       # doctest: +SKIP
>>> [f.rule for f in report.findings]                 # doctest: +SKIP
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "Finding",
    "Report",
    "Severity",
    "__version__",
    "auth_coverage",
    "diff",
    "lint_document",
    "lint_file",
    "lint_paths",
]

if TYPE_CHECKING:
    from apilint.api import auth_coverage, diff, lint_document, lint_file, lint_paths
    from apilint.findings import Finding, Report, Severity

_LAZY = {
    "auth_coverage": "apilint.api",
    "diff": "apilint.api",
    "lint_file": "apilint.api",
    "lint_paths": "apilint.api",
    "lint_document": "apilint.api",
    "Finding": "apilint.findings",
    "Report": "apilint.findings",
    "Severity": "apilint.findings",
}


def __getattr__(name: str) -> Any:
    """Import the API on first use, so ``apilint --version`` starts fast."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'apilint' has no attribute '{name}'")
    import importlib

    return getattr(importlib.import_module(module), name)
