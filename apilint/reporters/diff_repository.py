"""``apilint diff --base REV [PATHS...]`` output: every spec's changes in one document of each
format, one summary line and one exit code.

``text`` lists the changes of all specs by file (each line names its file), then a line per
spec that changed, was renamed, added, removed or could not be read, then the total; ``json``
is one document with a ``specs`` array (each entry shaped as a one-spec ``apilint diff``
document, with its ``status``); ``markdown`` is the pull-request comment over the specs;
``changelog`` a section per spec with changes; every other lint format gets all the changes
as one report.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from apilint import __version__
from apilint.changes.model import RepositoryDiff, SpecDiff
from apilint.reporters import FORMATS, changes, diff_markdown, text
from apilint.reporters.text import plural


def total(repo: RepositoryDiff) -> str:
    """``main: 3 specs (1 compared, 1 renamed, 1 added): 2 changes: ...``; the paths that
    name nothing and the specs that could not be read are counted after it."""
    statuses = ", ".join(f"{n} {status}" for status, n in repo.statuses().items() if n)
    specs = plural(len(repo.specs), "spec") + (f" ({statuses})" if statuses else "")
    line = f"{repo.base}: {specs}: {changes.counts_text(repo.counts())}"
    unread = sum(1 for spec in repo.specs if spec.diff.errors)
    if unread:
        line += f"; {plural(unread, 'spec')} not compared"
    if repo.errors:
        line += f"; {plural(len(repo.errors), 'path')} naming nothing"
    return line


def _noteworthy(spec: SpecDiff) -> bool:
    return bool(spec.status != "compared" or spec.diff.changes or spec.diff.errors)


def render_text(repo: RepositoryDiff, colour: bool = False) -> str:
    """The lint text output of every change, closed by a line per spec that changed and the
    total."""
    lines = [changes.summary(spec.diff) for spec in repo.specs if _noteworthy(spec)]
    closing = "\n".join([*lines, total(repo)])
    return text.render(repo.to_report(), colour, closing)


def render_json(repo: RepositoryDiff, colour: bool = False) -> str:
    """``{"version", "tool", "base", "summary": {breaking, warning, info, uncovered,
    load_errors, specs, compared, renamed, added, removed}, "specs": [{"status", "old",
    "new", "summary", "changes", "errors"}], "errors": [...]}``"""
    counts: dict[str, int] = repo.counts()
    counts["load_errors"] = len(repo.errors) + sum(len(s.diff.errors) for s in repo.specs)
    counts["specs"] = len(repo.specs)
    counts.update(repo.statuses())
    document = {
        "version": 1,
        "tool": {"name": "apilint", "version": __version__},
        "base": repo.base,
        "summary": counts,
        "specs": [{"status": spec.status, **changes.json_data(spec.diff)} for spec in repo.specs],
        "errors": [problem.to_dict() for problem in repo.errors],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _problems(repo: RepositoryDiff) -> list[str]:
    return [f"- **could not read** `{problem}`" for problem in repo.errors]


def render_markdown(repo: RepositoryDiff, colour: bool = False) -> str:
    """The pull-request comment over every spec (``diff_markdown.render_specs``)."""
    specs = [(spec.label, spec.diff) for spec in repo.specs]
    comment = diff_markdown.render_specs(specs) if specs else "No OpenAPI spec.\n"
    problems = _problems(repo)
    return "\n".join([*problems, ""]) + comment if problems else comment


def render_changelog(repo: RepositoryDiff, colour: bool = False) -> str:
    """The changelog of each spec with changes (or that could not be read), one after the
    other; ``No changes.`` when none has any."""
    sections = [changes.render_changelog(s.diff) for s in repo.specs if _noteworthy(s)]
    lines = _problems(repo)
    if not sections and not lines:
        specs = plural(len(repo.specs), "spec")
        return f"## API changes since `{repo.base}`\n\nNo changes in {specs}.\n"
    return "\n".join([*lines, *sections])


def _lint_format(name: str) -> Callable[[RepositoryDiff, bool], str]:
    return lambda repo, colour: FORMATS[name](repo.to_report(), colour)


#: Every ``apilint diff`` format, over the specs of a repository run.
REPOSITORY_FORMATS: dict[str, Callable[[RepositoryDiff, bool], str]] = {
    **{name: _lint_format(name) for name in FORMATS},
    "text": render_text,
    "json": render_json,
    "markdown": render_markdown,
    "changelog": render_changelog,
}
