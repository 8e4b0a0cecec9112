"""GitHub Actions workflow commands: one annotation per finding, shown on the pull request.

``::error file=F,line=L,col=C,title=RULE::MESSAGE`` (``warning`` for warn, ``notice`` for info
and hint), escaped as the Actions toolkit does (``escapeProperty``, ``escapeData`` in
``@actions/core``): ``%``, CR and LF in both, ``:`` and ``,`` in properties as well. A file
that could not be linted is an ``::error`` titled ``could not lint``.

GitHub shows at most 10 error, 10 warning and 10 notice annotations per step and drops the
rest unseen; with ``max_annotations`` each level gets at most that many, the findings past it
are plain lines of the log, and one last notice says how many were not annotated.
"""

from __future__ import annotations

from collections import Counter
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


def render(report: Report, colour: bool = False, *, max_annotations: int | None = None) -> str:
    return "".join(chunks(report, colour, max_annotations=max_annotations))


def chunks(
    report: Report, colour: bool = False, *, max_annotations: int | None = None
) -> Iterator[str]:
    """One workflow command per line, load problems first (``colour`` is ignored); at most
    ``max_annotations`` annotations per level (None: every finding is one)."""
    levels = Counter(_COMMANDS[finding.severity] for finding in report.findings)
    levels["error"] += len(report.errors)
    left = dict.fromkeys(("error", "warning", "notice"), max_annotations)
    capped = max_annotations is not None and any(n > max_annotations for n in levels.values())
    if capped and max_annotations is not None:  # the closing notice takes a notice's place
        left["notice"] = max_annotations - 1
    missed: Counter[str] = Counter()
    for problem in report.errors:
        column = problem.column if problem.line is not None else None
        where = {"file": problem.file, "line": problem.line, "col": column}
        if _annotated("error", left):
            yield command("error", {**where, "title": "could not lint"}, problem.message) + "\n"
        else:
            missed["error"] += 1
            yield _log_line(str(problem))
    for finding in report.findings:
        name = _COMMANDS[finding.severity]
        message = finding.full_message
        if not _annotated(name, left):
            missed[name] += 1
            place = f"{finding.file}:{finding.line}:{finding.column}"
            yield _log_line(f"{place}  {finding.severity.label}  {finding.rule}  {message}")
            continue
        properties = {
            "file": finding.file,
            "line": finding.line,
            "col": finding.column,
            "title": finding.rule,
        }
        yield command(name, properties, message) + "\n"
    if capped:
        yield command("notice", {"title": "apilint"}, _not_annotated(missed, max_annotations))
        yield "\n"


def _log_line(text: str) -> str:
    """A plain line of the log, escaped as a command's message: a line break in a message
    (which a spec's text can put there) never starts a line GitHub would read as a command."""
    return escape_data(text) + "\n"


def _annotated(name: str, left: dict[str, int | None]) -> bool:
    """Whether one more annotation of this level is written (and count it)."""
    room = left[name]
    if room is None:
        return True
    if room <= 0:
        return False
    left[name] = room - 1
    return True


def _not_annotated(missed: Counter[str], cap: int | None) -> str:
    """The closing notice: how many of each level are only plain lines of the log."""
    parts = [
        f"{missed[name]} {name if missed[name] == 1 else name + 's'}"
        for name in ("error", "warning", "notice")
        if missed[name]
    ]
    total = sum(missed.values())
    return (
        f"{total} more finding{'' if total == 1 else 's'} not annotated ({', '.join(parts)}):"
        f" --max-annotations {cap} per level, as GitHub shows no more per step;"
        " see this step's log, or the SARIF or text report"
    )
