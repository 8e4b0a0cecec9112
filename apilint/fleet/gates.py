"""``apilint report``'s gates for CI: a minimum score, and no API worse than last time."""

from __future__ import annotations

from apilint.fleet.model import FleetReport
from apilint.fleet.trends import regressions


def gate_failures(report: FleetReport, min_score: float | None, no_regression: bool) -> list[str]:
    """One line per API that fails a gate: it scores under ``min_score``; with
    ``no_regression``, it regressed against the compared snapshot (its score dropped by the
    trend's tolerance or more, or it no longer passes). Specs that could not be linted are
    load errors, not gate failures."""
    failures: list[str] = []
    if min_score is not None:
        for api in report.apis:
            if api.score is not None and api.score.total < min_score:
                failures.append(f"{api.name}: score {api.score.total:.1f} is under {min_score:g}")
    if no_regression and report.trend is not None:
        for trend in regressions(report.trend):
            change = [] if trend.delta is None else [f"{trend.delta:+.1f}"]
            said = ", ".join([*change, *([trend.gate] if trend.gate else [])])
            failures.append(
                f"{trend.name}: regressed since {report.trend.since}"
                + (f" ({said})" if said else "")
            )
    return failures
