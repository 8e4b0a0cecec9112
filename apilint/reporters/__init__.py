"""Output formats: each module renders a :class:`~apilint.findings.Report` to text."""

from __future__ import annotations

from collections.abc import Callable

from apilint.findings import Report
from apilint.reporters import checkstyle, github, gitlab, json, junit, markdown, sarif, text

Renderer = Callable[[Report, bool], str]

FORMATS: dict[str, Renderer] = {
    "text": text.render,
    "json": json.render,
    "sarif": sarif.render,
    "junit": junit.render,
    "github": github.render,
    "gitlab": gitlab.render,
    "checkstyle": checkstyle.render,
    "markdown": markdown.render,
}
