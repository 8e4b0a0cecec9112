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

from apilint import __version__
from apilint.findings import Report

SHAPE_VERSION = 1


def render(report: Report, colour: bool = False) -> str:
    summary: dict[str, int] = dict(report.counts())
    summary["load_errors"] = len(report.errors)
    payload = {
        "version": SHAPE_VERSION,
        "tool": {"name": "apilint", "version": __version__},
        "files": list(report.files),
        "summary": summary,
        "findings": [finding.to_dict() for finding in report.findings],
        "errors": [problem.to_dict() for problem in report.errors],
        "coverage": dict(report.coverage),
    }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"
