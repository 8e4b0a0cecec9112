"""``apilint diff`` output: every lint format (the changes as findings, located in the new spec
with the old place beside them), a JSON shape of its own with both places, and a Markdown
changelog grouped by level."""

from __future__ import annotations

import json
from collections.abc import Callable

from apilint import __version__
from apilint.changes.model import LEVEL_ORDER, POLICY_VERDICTS, DiffReport
from apilint.reporters import FORMATS, diff_markdown, text
from apilint.reporters.text import plural

_HEADINGS = {"breaking": "Breaking changes", "warning": "Warnings", "info": "Other changes"}


def summary(diff: DiffReport) -> str:
    if diff.errors:
        unread = plural(len(diff.errors), "side")
        return f"{diff.old} -> {diff.new}: not compared ({unread} could not be read)"
    return f"{diff.old} -> {diff.new}: {counts_text(diff.counts())}"


def counts_text(counts: dict[str, int]) -> str:
    """``2 changes: 1 breaking (1 not covered by the version policy), 0 warnings, 1 info``."""
    total = counts["breaking"] + counts["warning"] + counts["info"]
    breaking = f"{counts['breaking']} breaking"
    if counts["breaking"]:
        breaking += f" ({counts['uncovered']} not covered by the version policy)"
    return (
        f"{plural(total, 'change')}: {breaking}, {plural(counts['warning'], 'warning')},"
        f" {counts['info']} info"
    )


def render_text(diff: DiffReport, colour: bool = False) -> str:
    """The lint text output of the changes, closed by a line counting them by level."""
    return text.render(diff.to_report(), colour, summary(diff))


def render_json(diff: DiffReport, colour: bool = False) -> str:
    """``{"version", "tool", "old": {"spec", "version"}, "new": {...}, "summary": {breaking,
    warning, info, uncovered, load_errors}, "changes": [{id, level, severity, allowed, message,
    old: {file, line, column, pointer}, new: {...}}], "errors": [...]}``"""
    document = {"version": 1, "tool": {"name": "apilint", "version": __version__}}
    return json.dumps({**document, **json_data(diff)}, indent=2, ensure_ascii=False) + "\n"


def json_data(diff: DiffReport) -> dict[str, object]:
    """The JSON document's ``old``, ``new``, ``summary``, ``changes`` and ``errors``."""
    counts: dict[str, int] = diff.counts()
    counts["load_errors"] = len(diff.errors)
    return {
        "old": {"spec": diff.old, "version": diff.old_version},
        "new": {"spec": diff.new, "version": diff.new_version},
        "summary": counts,
        "changes": [change.to_dict() for change in diff.changes],
        "errors": [problem.to_dict() for problem in diff.errors],
    }


def _markdown(text_: str) -> str:
    return text_.replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_").replace("<", "&lt;")


def render_changelog(diff: DiffReport, colour: bool = False) -> str:
    """Markdown for a release note or a pull-request comment: changes grouped by level."""
    versions = ""
    if diff.old_version and diff.new_version:
        versions = f" ({diff.old_version} → {diff.new_version})"
    elif diff.new_version:
        versions = f" ({diff.new_version})"
    lines = [f"## API changes: `{diff.old}` → `{diff.new}`{versions}", ""]
    for problem in diff.errors:
        lines.append(f"- **could not read** `{problem}`")
    verdicts = [c for c in diff.changes if c.id in POLICY_VERDICTS]
    for verdict in verdicts:  # about the breaking changes below, not one of them
        lines += [f"**{_markdown(verdict.message)}** (`{verdict.id}`)", ""]
    if not diff.changes and not diff.errors:
        lines.append("No changes.")
    for level in LEVEL_ORDER:
        changes = [c for c in diff.api_changes if c.level == level]
        if not changes:
            continue
        lines += [f"### {_HEADINGS[level]} ({len(changes)})", ""]
        for change in changes:
            allowed = f" *(allowed: {_markdown(change.allowed)})*" if change.allowed else ""
            was = f" (was `{change.old}`)" if change.old else ""
            lines.append(
                f"- `{change.id}`: {_markdown(change.message)}{allowed} — `{change.new}`{was}"
            )
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _lint_format(name: str) -> Callable[[DiffReport, bool], str]:
    return lambda diff, colour: FORMATS[name](diff.to_report(), colour)


#: Every lint format, with ``text``, ``json`` and ``markdown`` made for changes, and
#: ``changelog``.
DIFF_FORMATS: dict[str, Callable[[DiffReport, bool], str]] = {
    **{name: _lint_format(name) for name in FORMATS},
    "text": render_text,
    "json": render_json,
    "markdown": diff_markdown.render,
    "changelog": render_changelog,
}
