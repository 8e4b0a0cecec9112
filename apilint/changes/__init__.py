"""``apilint diff``: the changes between two versions of a spec, and what they break.

``kinds`` is the table of change kinds and levels; ``sources`` reads each side (file, folder
or git revision); ``operations``, ``schemas`` and ``toplevel`` compare; ``policy`` applies the
version policy; ``model`` holds what is found; ``diff`` ties them together.
"""

from __future__ import annotations

from apilint.changes.diff import compare_documents, diff_specs
from apilint.changes.model import Change, DiffReport

__all__ = ["Change", "DiffReport", "compare_documents", "diff_specs"]
