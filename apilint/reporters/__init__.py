"""Output formats: each module renders a :class:`~apilint.findings.Report` to text."""

from __future__ import annotations

from collections.abc import Callable

from apilint.findings import Report
from apilint.reporters import json, text

Renderer = Callable[[Report, bool], str]

FORMATS: dict[str, Renderer] = {"text": text.render, "json": json.render}
