"""A Markdown summary for a pull-request comment (or a job summary): a heading, the counts,
one table of findings, most severe first, capped at :data:`MAX_ROWS` rows, and the files that
could not be linted."""

from __future__ import annotations

import re

from apilint.lint.findings import Finding, LoadProblem, Report
from apilint.reporters.text import summary

MAX_ROWS = 200

# Backslash-escaped, which CommonMark allows for any ASCII punctuation: what would start
# emphasis, code, links, HTML or entities, and the pipe that would end a table cell.
_SPECIAL = re.compile(r"([\\`*_\[\]<>&|~])")
_NEWLINES = re.compile(r"\r\n|\r|\n")


def escape(text: str) -> str:
    """Text safe in a table cell: Markdown escaped, each line break a ``<br>``."""
    return _NEWLINES.sub("<br>", _SPECIAL.sub(r"\\\1", text))


def code(text: str, cell: bool = True) -> str:
    """A code span: a fence longer than any run of backticks inside, line breaks as spaces,
    and in a table ``cell`` pipes escaped (GitHub unescapes them before reading the span)."""
    text = _NEWLINES.sub(" ", text)
    if cell:
        text = text.replace("|", "\\|")
    longest = max((len(run) for run in re.findall("`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if longest or text.startswith(" ") or text.endswith(" ") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _row(finding: Finding) -> str:
    message = escape(finding.message)
    if finding.previous is not None:
        was = finding.previous
        message += f" (was {code(f'{was.file}:{was.line}')})"
    if finding.related:
        message += f" ({escape(finding.elsewhere())})"
    location = code(f"{finding.file}:{finding.line}")
    return f"| {finding.severity.label} | {code(finding.rule)} | {location} | {message} |"


def _place(problem: LoadProblem) -> str:
    if problem.line is None:
        return problem.file
    column = f":{problem.column}" if problem.column is not None else ""
    return f"{problem.file}:{problem.line}{column}"


def render(report: Report, colour: bool = False) -> str:
    lines = ["## apilint", "", f"**{summary(report)}**", ""]
    if report.findings:
        # Most severe first, so that the cap never hides an error behind a page of hints.
        ordered = sorted(report.findings, key=lambda finding: -finding.severity)
        lines += ["| Severity | Rule | Location | Message |", "| --- | --- | --- | --- |"]
        lines += [_row(finding) for finding in ordered[:MAX_ROWS]]
        if len(ordered) > MAX_ROWS:
            more = len(ordered) - MAX_ROWS
            lines += ["", f"…and {more} more finding{'' if more == 1 else 's'}."]
        lines.append("")
    elif not report.errors:
        lines += ["No findings.", ""]
    elif report.files:
        lines += ["No findings in the files that could be linted.", ""]
    if report.errors:
        lines += ["### Could not be linted", ""]
        for problem in report.errors:
            lines.append(f"- {code(_place(problem), cell=False)}: {escape(problem.message)}")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"
