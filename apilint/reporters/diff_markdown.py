"""``apilint diff --format markdown``: a pull-request comment people read.

On top, the verdict in one line, the version policy's verdict (old → new ``info.version``) and
the counts per level; then the changes grouped by operation — operations with breaking changes
first, then those with warnings, then the rest; within one, breaking first — and what belongs
to no operation (servers, security schemes, ``info``, components nothing reaches) last, as
"Whole API". Info changes are folded in ``<details>``, and so is the tail of a long group;
past :data:`MAX_LISTED_CHARS` characters of changes the rest are only counted, so that the
comment stays within what GitHub accepts. A run over several specs has an overall verdict and
a table of the specs first, then a section per spec.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from apilint.analysis.versions import major_of
from apilint.changes.model import LEVEL_ORDER, POLICY_VERDICTS, Change, DiffReport
from apilint.lint.findings import LoadProblem, Severity
from apilint.reporters.markdown import code, escape
from apilint.reporters.text import plural

#: Changes of one group listed before the rest of the group is folded.
FOLD_AFTER = 50
#: Characters of changes listed in one comment (GitHub takes 65,536 in all); past them, the
#: remaining changes are only counted.
MAX_LISTED_CHARS = 60_000
#: What a group's blank lines and ``<details>`` markup take besides its heading and changes.
_GROUP_MARKUP = 80
#: The group of the changes tied to no operation.
WHOLE_API = "Whole API"

_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace", "query")
#: Changes of a whole spec, added or removed: no version to compare, no version line.
_WHOLE_SPEC = frozenset({"spec-added", "spec-removed"})
#: The changes the version line reports (the policy's verdict there only, not in a group).
_VERSION_KINDS = POLICY_VERDICTS | {"version-bumped-without-breaking"}


# -- the verdict --------------------------------------------------------------------------------


def _needs_bump(diff: DiffReport) -> bool:
    """Whether the version policy asks for a major bump (its verdict is among the changes)."""
    return any(change.id in POLICY_VERDICTS for change in diff.changes)


def _breaking(count: int, needs_bump: bool) -> str:
    return plural(count, "breaking change") + (
        " without a major version bump" if needs_bump else ""
    )


def _headline(counts: dict[str, int], needs_bump: bool, changed: bool, where: str = "") -> str:
    """``❌ **3 breaking changes without a major version bump**``, ``⚠️ ...`` (breaking changes
    the version policy covers, or warnings) or ``✅ ...``; ``where`` ends the bold part."""
    if counts["uncovered"]:
        return f"❌ **{_breaking(counts['uncovered'], needs_bump)}{where}**"
    if counts["breaking"]:
        covered = plural(counts["breaking"], "breaking change")
        return f"⚠️ **{covered}, all covered by the version policy{where}**"
    if counts["warning"]:
        return f"⚠️ **No breaking changes{where}**, {plural(counts['warning'], 'warning')}"
    return f"✅ **No breaking changes{where}**" if changed else f"✅ **No changes{where}**"


def verdict(diff: DiffReport) -> str:
    """The spec's verdict in one line (a side that could not be read: ``⛔``)."""
    if diff.errors:
        return "⛔ **Not compared**"
    return _headline(diff.counts(), _needs_bump(diff), bool(diff.api_changes))


def _version(version: str | None) -> str:
    return code(version, cell=False) if version else "(none)"


def _bump_needed(diff: DiffReport) -> str:
    new = diff.new_version
    if new is not None and major_of(new) is None:
        return f"❌ the version policy needs a major bump, and {code(new, cell=False)} has no major"
    return "❌ the version policy needs a major bump for breaking changes"


def _policy(diff: DiffReport) -> str:
    """What the version policy says of this release, with the place of its verdict."""
    said = next((change for change in diff.changes if change.id in _VERSION_KINDS), None)
    if said is not None:
        what = _bump_needed(diff) if said.id in POLICY_VERDICTS else f"ℹ️ {escape(said.message)}"
        return f"{what} ({code(f'{said.new.file}:{said.new.line}', cell=False)})"
    reasons = sorted({c.allowed for c in diff.api_changes if c.allowed})
    if reasons:
        shown = "; ".join(escape(reason) for reason in reasons[:2])
        return f"☑️ breaking changes covered: {shown}" + ("; …" if len(reasons) > 2 else "")
    if not diff.counts()["breaking"]:
        return "✅ no breaking change, no major bump needed"
    return "breaking changes not judged by a version policy"


def version_line(diff: DiffReport) -> str:
    """``**Version** `1.2.0` → `1.3.0`: <the policy's verdict>``."""
    old, new = diff.old_version, diff.new_version
    versions = (
        f"{_version(old)} (unchanged)" if old == new else f"{_version(old)} → {_version(new)}"
    )
    return f"**Version** {versions}: {_policy(diff)}"


def counts_line(counts: dict[str, int]) -> str:
    """``**3** breaking (2 not covered by the version policy) · **1** warning · **5** info``."""
    breaking = f"**{counts['breaking']}** breaking"
    if counts["uncovered"] and counts["uncovered"] != counts["breaking"]:
        breaking += f" ({counts['uncovered']} not covered by the version policy)"
    warnings = f"**{counts['warning']}** warning{'' if counts['warning'] == 1 else 's'}"
    return f"{breaking} · {warnings} · **{counts['info']}** info"


# -- groups -------------------------------------------------------------------------------------


@dataclass
class _Group:
    """The changes shown under one operation (or the whole API), breaking first."""

    title: str
    changes: list[Change] = field(default_factory=list)

    @property
    def tier(self) -> int:
        return min(LEVEL_ORDER[change.level] for change in self.changes)

    def sort_key(self) -> tuple[int, int, str, int, str]:
        if self.title == WHOLE_API:
            return (1, 0, "", 0, "")
        method, _, path = self.title.partition(" ")
        lowered = method.lower()
        rank = _METHODS.index(lowered) if lowered in _METHODS else len(_METHODS)
        return (0, self.tier, path, rank, method)


def _change_order(change: Change) -> tuple[int, int]:
    return (LEVEL_ORDER[change.level], -change.severity)


def groups(diff: DiffReport) -> list[_Group]:
    """The changes by operation (each under the first one it reaches): operations with
    breaking changes first, then warnings, then info, each tier by path and method; the
    changes of no operation last. The version policy's verdict is on top, not in a group."""
    by_title: dict[str, _Group] = {}
    for change in diff.changes:
        if change.id in POLICY_VERDICTS:
            continue
        title = change.operations[0] if change.operations else WHOLE_API
        by_title.setdefault(title, _Group(title)).changes.append(change)
    for group in by_title.values():
        group.changes.sort(key=_change_order)
    return sorted(by_title.values(), key=_Group.sort_key)


# -- changes ------------------------------------------------------------------------------------


def _badge(change: Change) -> str:
    if change.level == "info":
        return "ℹ️"
    if change.level == "warning":
        return "⚠️ **warning**"
    return "☑️ **breaking, allowed**" if change.allowed else "❌ **breaking**"


def _removed(change: Change) -> bool:
    """Whether the change removes something (its new place is then where it was)."""
    old = change.old
    if old is None:
        return False
    return change.id.endswith("-removed") or old.pointer.startswith(change.new.pointer + "/")


def _unrepeated(message: str, operation: str) -> str:
    """``message`` without the ``in GET /pets`` its group's heading says: ``(in GET /pets and
    2 more operations)`` becomes ``(also in 2 more operations)``."""
    head, found, tail = message.rpartition(f" (in {operation}")
    if not found:
        return message
    if tail == ")":
        return head
    if tail.startswith("; "):
        return f"{head} ({tail.removeprefix('; ')}"
    if tail.startswith(" and "):
        return f"{head} (also in {tail.removeprefix(' and ')}"
    return message  # another operation whose label starts with this one's


def _item(change: Change, group: str) -> str:
    """``- ❌ **breaking** `kind`: message — `new.yaml:12` (was `old.yaml:14`)``; the
    operation the group already names is not repeated."""
    message = _unrepeated(change.message, group)
    text = f"- {_badge(change)} {code(change.id, cell=False)}: {escape(message)}"
    if change.allowed:
        text += f" *(allowed: {escape(change.allowed)})*"
    text += f" — {code(f'{change.new.file}:{change.new.line}', cell=False)}"
    if _removed(change) and change.old is not None:
        text += f" (was {code(f'{change.old.file}:{change.old.line}', cell=False)})"
    return text


def _folded(summary: str, items: list[str]) -> list[str]:
    return ["<details>", f"<summary>{summary}</summary>", "", *items, "", "</details>", ""]


def _group_counts(changes: Sequence[Change]) -> str:
    parts = []
    for level in LEVEL_ORDER:
        count = sum(1 for change in changes if change.level == level)
        if count:
            parts.append(f"{count} {level}" if level != "warning" else plural(count, level))
    return ", ".join(parts)


def _group_badge(group: _Group) -> str:
    if any(change.severity is Severity.ERROR for change in group.changes):
        return "❌ "
    return "⚠️ " if group.tier < LEVEL_ORDER["info"] else "ℹ️ "


@dataclass
class _Budget:
    """How many more characters of changes the comment holds, and what it left out: past the
    budget, nothing more is listed (not even a shorter change), so that the order holds."""

    left: int = MAX_LISTED_CHARS
    unlisted_changes: int = 0
    unlisted_groups: int = 0

    def take(self, heading: str, items: Sequence[str]) -> int:
        """How many of a group's ``items`` (in order) the comment lists under ``heading``."""
        taken = 0
        self.left -= len(heading) + _GROUP_MARKUP
        for item in items:
            if len(item) >= self.left:
                self.left = -1
                break
            self.left -= len(item) + 1
            taken += 1
        self.unlisted_changes += len(items) - taken
        self.unlisted_groups += 0 if taken else 1
        return taken

    def note(self) -> list[str]:
        if not self.unlisted_changes:
            return []
        where = (
            f" (in {plural(self.unlisted_groups, 'more group')})" if self.unlisted_groups else ""
        )
        return [
            f"…and {plural(self.unlisted_changes, 'more change')}{where}, not listed here: see"
            " `apilint diff --format text` or `--format json`.",
            "",
        ]


def _render_group(group: _Group, heading: str, budget: _Budget) -> list[str]:
    """The group's heading and its changes: breaking changes and warnings, the tail of them
    folded past :data:`FOLD_AFTER`, then the info changes folded."""
    title = group.title if group.title == WHOLE_API else code(group.title, cell=False)
    heading = f"{heading} {_group_badge(group)}{title} · {_group_counts(group.changes)}"
    items = [_item(change, group.title) for change in group.changes]
    taken = budget.take(heading, items)
    if not taken:
        return []
    shown = list(zip(group.changes, items[:taken], strict=False))
    loud = [item for change, item in shown if change.level != "info"]
    quiet = [item for change, item in shown if change.level == "info"]
    lines = [heading, ""]
    if loud:
        lines += [*loud[:FOLD_AFTER], ""]
    if len(loud) > FOLD_AFTER:
        lines += _folded(plural(len(loud) - FOLD_AFTER, "more change"), loud[FOLD_AFTER:])
    if quiet:
        lines += _folded(plural(len(quiet), "info change"), quiet)
    return lines


# -- one spec, several specs --------------------------------------------------------------------


def _body(diff: DiffReport, heading: str, budget: _Budget) -> list[str]:
    """A spec's verdict, version line, counts and groups (``heading``: their heading mark)."""
    lines = [verdict(diff), ""]
    if diff.errors:
        lines += [_problem(problem) for problem in diff.errors]
        return [*lines, ""]
    if not any(change.id in _WHOLE_SPEC for change in diff.changes):
        lines += [version_line(diff), "", counts_line(diff.counts()), ""]
    for group in groups(diff):
        lines += _render_group(group, heading, budget)
    return lines


def _problem(problem: LoadProblem) -> str:
    where = problem.file if problem.line is None else f"{problem.file}:{problem.line}"
    return f"- {code(where, cell=False)}: {escape(problem.message)}"


def _spec(diff: DiffReport) -> str:
    return f"{code(diff.old, cell=False)} → {code(diff.new, cell=False)}"


def _total(reports: Sequence[tuple[str, DiffReport]]) -> dict[str, int]:
    total = dict.fromkeys([*LEVEL_ORDER, "uncovered"], 0)
    for _, diff in reports:
        for key, count in diff.counts().items():
            total[key] += count
    return total


def overall_verdict(reports: Sequence[tuple[str, DiffReport]]) -> str:
    """The verdict over several specs, on their totals: how many could not be compared, how
    many break."""
    of = f" of {len(reports)} specs"
    unread = sum(1 for _, diff in reports if diff.errors)
    failing = [diff for _, diff in reports if diff.counts()["uncovered"]]
    changed = any(diff.api_changes for _, diff in reports)
    needs_bump = bool(failing) and all(_needs_bump(diff) for diff in failing)
    where = f" in {len(failing)}{of}" if failing else ""
    headline = _headline(_total(reports), needs_bump, changed, where)
    if not unread:
        return headline
    return f"⛔ **{unread}{of} could not be compared** · {headline}"


def _rank(diff: DiffReport) -> int:
    """Specs by what a reader must see first: not compared, breaking, warnings, the rest."""
    if diff.errors:
        return 0
    counts = diff.counts()
    if counts["uncovered"]:
        return 1
    if counts["breaking"] or counts["warning"]:
        return 2
    return 3 if diff.api_changes else 4


def _table(reports: Sequence[tuple[str, DiffReport]]) -> list[str]:
    lines = ["| Spec | Verdict | Breaking | Warnings | Info |", "| --- | --- | --- | --- | --- |"]
    for label, diff in reports:
        counts = diff.counts()
        cells = ["–"] * 3 if diff.errors else [str(counts[level]) for level in LEVEL_ORDER]
        lines.append(f"| {code(label)} | {verdict(diff)} | {' | '.join(cells)} |")
    return [*lines, ""]


def render_specs(reports: Sequence[tuple[str, DiffReport]]) -> str:
    """The comment for one or more specs, each given with its label: one spec is the
    verdict, version, counts and groups; several are an overall verdict, a table of the
    specs, and a section for each spec with changes or errors, worst first."""
    budget = _Budget()
    reports = sorted(reports, key=lambda report: _rank(report[1]))
    if len(reports) == 1:
        diff = reports[0][1]
        lines = [f"## API changes: {_spec(diff)}", "", *_body(diff, "###", budget)]
    else:
        lines = [
            f"## API changes in {plural(len(reports), 'spec')}",
            "",
            overall_verdict(reports),
            "",
        ]
        lines += [counts_line(_total(reports)), "", *_table(reports)]
        for label, diff in _noteworthy(reports):
            lines += [f"### {code(label, cell=False)}", "", *_body(diff, "####", budget)]
    lines += budget.note()
    return "\n".join(lines).rstrip("\n") + "\n"


def _noteworthy(reports: Iterable[tuple[str, DiffReport]]) -> list[tuple[str, DiffReport]]:
    return [(label, diff) for label, diff in reports if diff.errors or diff.changes]


def render(diff: DiffReport, colour: bool = False) -> str:
    """The comment for one spec's diff."""
    return render_specs([(diff.new, diff)])
