"""``apilint diff``: the changes between two versions of a spec, and what they break.

``kinds`` is the table of change kinds and levels; ``settings`` reads the config's ``diff``
sections; ``sources`` reads each side (file, folder or git revision); ``operations``,
``schemas`` and ``toplevel`` compare; ``policy`` applies the version policy; ``model`` holds
what is found; ``diff`` ties them together. Importing the package imports none of them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from apilint import lazy_attributes

if TYPE_CHECKING:
    from apilint.changes.diff import compare_documents, diff_repository, diff_specs
    from apilint.changes.model import Change, DiffReport, RepositoryDiff, SpecDiff
    from apilint.changes.sources import RevisionError

__all__ = [
    "Change",
    "DiffReport",
    "RepositoryDiff",
    "RevisionError",
    "SpecDiff",
    "compare_documents",
    "diff_repository",
    "diff_specs",
]

_LAZY = {
    "Change": "apilint.changes.model",
    "DiffReport": "apilint.changes.model",
    "RepositoryDiff": "apilint.changes.model",
    "RevisionError": "apilint.changes.sources",
    "SpecDiff": "apilint.changes.model",
    "compare_documents": "apilint.changes.diff",
    "diff_repository": "apilint.changes.diff",
    "diff_specs": "apilint.changes.diff",
}


__getattr__ = lazy_attributes("apilint.changes", _LAZY)
