"""Machine-readable output, a stable shape (documented in the README)::

{"version": 1, "tool": {"name": "apilint", "version": "..."},
 "files": [...], "summary": {"error": n, "warn": n, "info": n, "hint": n, "load_errors": n},
 "findings": [{"rule", "severity", "message", "file", "line", "column", "pointer"}, ...],
 "errors": [{"file", "message", "line", "column"}, ...],
 "coverage": {file: {"overall": percent,
                     "kinds": {kind: {"documented": n, "total": n, "percent": percent}}}}}
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from apilint import __version__
from apilint.lint.findings import Report

SHAPE_VERSION = 1
_LINE = json.JSONEncoder(ensure_ascii=False)  # one encoder: json.dumps makes one per call


def render(report: Report, colour: bool = False) -> str:
    """The whole rendering as one string (see :func:`chunks`)."""
    return "".join(chunks(report, colour))


def chunks(report: Report, colour: bool = False) -> Iterator[str]:
    """Indented JSON, with one finding per line: readable in a diff, and written by the C
    encoder (``indent`` would switch ``json`` to its far slower pure-Python encoder). Given
    piece by piece, one finding at a time, so a report of 200,000 findings is never one
    100 MB string."""
    summary: dict[str, int] = dict(report.counts())
    summary["load_errors"] = len(report.errors)
    sections: dict[str, object] = {
        "version": SHAPE_VERSION,
        "tool": {"name": "apilint", "version": __version__},
        "files": list(report.files),
        "summary": summary,
        "findings": None,
        "errors": [problem.to_dict() for problem in report.errors],
        "coverage": dict(report.coverage),
    }
    for number, (key, value) in enumerate(sections.items()):
        yield f"{',' if number else '{'}\n  {json.dumps(key)}: "
        if key != "findings":
            yield json.dumps(value, indent=2, ensure_ascii=False).replace("\n", "\n  ")
        elif not report.findings:
            yield "[]"
        else:
            for index, finding in enumerate(report.findings):
                yield f"{',' if index else '['}\n    {_LINE.encode(finding.to_dict())}"
            yield "\n  ]"
    yield "\n}\n"
