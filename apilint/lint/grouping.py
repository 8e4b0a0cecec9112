"""One defect, one finding: the findings of one rule with one message at several places of a
spec (a badly named property used by twelve schemas, an undeclared tag on 200 operations)
become one finding at the first place, the other places listed as its ``related`` places.

A rule's message names its defect, so two findings with the same rule, message and severity
are the same defect seen twice; a rule that reports distinct defects says how they differ.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from apilint.lint.findings import Finding, Place, Severity


def _order(finding: Finding) -> tuple[str, int, int, str]:
    return finding.file, finding.line, finding.column, finding.pointer


def group_repeats(findings: Iterable[Finding]) -> list[Finding]:
    """The findings with each repeated defect made one finding, others unchanged."""
    groups: dict[tuple[str, str, Severity], list[Finding]] = {}
    for finding in findings:
        groups.setdefault((finding.rule, finding.message, finding.severity), []).append(finding)
    grouped: list[Finding] = []
    for members in groups.values():
        if len(members) == 1:
            grouped.append(members[0])
            continue
        members.sort(key=_order)
        first = members[0]
        places = dict.fromkeys(m.place for m in members[1:] if m.place != first.place)
        related: tuple[Place, ...] = tuple(places)
        grouped.append(dataclasses.replace(first, related=related) if related else first)
    return grouped
