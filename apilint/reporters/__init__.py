"""Output formats: each module renders a :class:`~apilint.lint.findings.Report` to text."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from apilint.lint.findings import Report
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

#: Formats rendered piece by piece: a report of 200,000 findings is never one string.
STREAMED: dict[str, Callable[[Report, bool], Iterable[str]]] = {
    "text": text.chunks,
    "json": json.chunks,
    "sarif": sarif.chunks,
    "github": github.chunks,
    "gitlab": gitlab.chunks,
    "junit": junit.chunks,
    "checkstyle": checkstyle.chunks,
}


def rendering_chunks(name: str, report: Report, colour: bool) -> Iterable[str]:
    """The rendering of ``report`` in format ``name``, in pieces to be written in order."""
    streamed = STREAMED.get(name)
    return streamed(report, colour) if streamed else (FORMATS[name](report, colour),)
