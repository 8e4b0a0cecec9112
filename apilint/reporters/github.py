"""GitHub Actions workflow commands: one annotation per finding, shown on the pull request.

``::error file=F,line=L,col=C,title=RULE::MESSAGE`` (``warning`` for warn, ``notice`` for info
and hint), escaped as the Actions toolkit does (``escapeProperty``, ``escapeData`` in
``@actions/core``): ``%``, CR and LF in both, ``:`` and ``,`` in properties as well. A file
that could not be linted is an ``::error`` titled ``could not lint``.
"""

from __future__ import annotations

from collections.abc import Iterator

from apilint.lint.findings import Report, Severity

_COMMANDS = {
    Severity.ERROR: "error",
    Severity.WARN: "warning",
    Severity.INFO: "notice",
    Severity.HINT: "notice",
}


def escape_data(text: str) -> str:
    """A command's message: ``%`` first, so the escapes it introduces stay as written."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A property value, which ``,`` and ``:`` would otherwise end."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(name: str, properties: dict[str, object], message: str) -> str:
    """One workflow command line; properties with the value None are left out."""
    written = ",".join(
        f"{key}={escape_property(str(value))}"
        for key, value in properties.items()
        if value is not None
    )
    return f"::{name} {written}::{escape_data(message)}"


def render(report: Report, colour: bool = False) -> str:
    return "".join(chunks(report, colour))


def chunks(report: Report, colour: bool = False) -> Iterator[str]:
    """One workflow command per line, load problems first (``colour`` is ignored)."""
    for problem in report.errors:
        column = problem.column if problem.line is not None else None
        where = {"file": problem.file, "line": problem.line, "col": column}
        yield command("error", {**where, "title": "could not lint"}, problem.message) + "\n"
    for finding in report.findings:
        message = finding.full_message
        properties = {
            "file": finding.file,
            "line": finding.line,
            "col": finding.column,
            "title": finding.rule,
        }
        yield command(_COMMANDS[finding.severity], properties, message) + "\n"
