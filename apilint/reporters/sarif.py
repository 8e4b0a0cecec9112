"""SARIF 2.1.0 output, for GitHub code scanning and every other SARIF viewer.

One run. ``tool.driver.rules`` describes every rule that ran (and any other rule id a finding
carries: ``rule-error``, or an ``apilint diff`` change id), each result points at its rule by
``ruleIndex``. A result is located by file (a URI relative to ``SRCROOT``, the working folder,
when the file is inside it), line and column, and by JSON pointer (a logical location); its
``partialFingerprints`` hold the finding's line-free fingerprint, so code scanning keeps
tracking it when lines move. A change found by ``apilint diff`` also points at the place it was
in the old spec (a related location). Files that could not be linted are tool execution
notifications, and make ``executionSuccessful`` false.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

from apilint import __version__
from apilint.lint.findings import Finding, LoadProblem, Place, Report, RuleInfo, Severity
from apilint.lint.ruledocs import sections

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
README_URL = "https://github.com/apilint/apilint/blob/main/README.md"
INFORMATION_URI = "https://github.com/apilint/apilint"
#: The uriBaseId of relative file URIs: the folder apilint ran in (paths are shown relative
#: to it).
SRCROOT = "SRCROOT"
#: The key of the fingerprint in ``partialFingerprints`` (versioned: a new scheme gets a new
#: key, so code scanning does not match old alerts against incomparable digests).
FINGERPRINT_KEY = "apilint/v1"

_LEVELS = {
    Severity.ERROR: "error",
    Severity.WARN: "warning",
    Severity.INFO: "note",
    Severity.HINT: "note",
}
#: README section of each rule area.
_AREA_ANCHORS = {
    "naming": "#naming",
    "documentation": "#documentation",
    "versioning": "#versioning",
    "auth": "#auth-and-security",
    "security": "#auth-and-security",
    "structure": "#rules",
}
_DIFF_ANCHOR = "#breaking-changes-apilint-diff"
_RULE_ERROR = "rule-error"  # apilint.lint.engine.RULE_ERROR (not imported: the engine is heavy)
_DIFF_LEVELS = {"breaking": "error", "warning": "warning", "info": "note"}
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def artifact_location(file: str) -> dict[str, str]:
    """A file as SARIF names it: a URL as it is, an absolute path as a ``file://`` URI, a
    relative path as a percent-encoded URI with forward slashes, relative to ``SRCROOT``.

    A ``REV:path`` name (a side of ``apilint diff`` read from git) is relative too, its colon
    encoded, so that it never reads as a URI scheme."""
    uri, base = _uri(file)
    return {"uri": uri, "uriBaseId": base} if base else {"uri": uri}


@lru_cache(maxsize=1024)
def _uri(file: str) -> tuple[str, str | None]:
    """(URI, uriBaseId or None) of a file; cached: a report names few files, many times."""
    if _SCHEME.match(file):
        return file, None
    if os.path.isabs(file):
        return Path(file).as_uri(), None
    posix = file.replace(os.sep, "/") if os.sep != "/" else file
    return quote(posix, safe="/"), SRCROOT


def _physical(file: str, line: int | None, column: int | None) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": artifact_location(file)}
    if line is not None:
        region: dict[str, int] = {"startLine": max(line, 1)}
        if column is not None:
            region["startColumn"] = max(column, 1)
        physical["region"] = region
    return physical


def _location(file: str, line: int, column: int, pointer: str) -> dict[str, Any]:
    location: dict[str, Any] = {"physicalLocation": _physical(file, line, column)}
    if pointer:
        location["logicalLocations"] = [{"fullyQualifiedName": pointer, "kind": "element"}]
    return location


def _pascal(rule_id: str) -> str:
    """``info-version-format`` -> ``InfoVersionFormat`` (SARIF's rule ``name``)."""
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[^A-Za-z0-9]+", rule_id))


def _rule_entry(info: RuleInfo) -> dict[str, Any]:
    entry: dict[str, Any] = {"id": info.id, "name": _pascal(info.id)}
    if info.summary:
        entry["shortDescription"] = {"text": info.summary}
    if info.description:  # what the rule checks and why; the examples are behind helpUri
        doc = sections(info.description)
        text = doc.what + (f"\n\nWhy: {doc.why}" if doc.why else "")
        entry["fullDescription"] = {"text": text}
    entry["defaultConfiguration"] = {"level": _LEVELS[info.severity]}
    anchor = _AREA_ANCHORS.get(info.area)
    if info.help_uri:
        entry["helpUri"] = info.help_uri
    elif anchor is not None:
        entry["helpUri"] = README_URL + anchor
    entry["properties"] = {"tags": [info.area]}
    return entry


def _other_rule_entry(rule_id: str) -> dict[str, Any]:
    """A minimal entry for a rule id that findings carry but no rule that ran has: a crashed
    rule, or an ``apilint diff`` change kind."""
    entry: dict[str, Any] = {"id": rule_id, "name": _pascal(rule_id)}
    if rule_id == _RULE_ERROR:
        entry["shortDescription"] = {"text": "A rule raised an error; the other rules still ran."}
        entry["defaultConfiguration"] = {"level": "error"}
        entry["helpUri"] = README_URL + "#rules"
        return entry
    from apilint.changes.kinds import KINDS

    kind = KINDS.get(rule_id)
    if kind is not None:
        entry["shortDescription"] = {"text": kind.summary}
        entry["defaultConfiguration"] = {"level": _DIFF_LEVELS.get(kind.level, "warning")}
        entry["helpUri"] = README_URL + _DIFF_ANCHOR
    return entry


def _rules(report: Report) -> list[dict[str, Any]]:
    known = {info.id: _rule_entry(info) for info in report.rules}
    for rule_id in sorted({f.rule for f in report.findings} - known.keys()):
        known[rule_id] = _other_rule_entry(rule_id)
    return [known[rule_id] for rule_id in sorted(known)]


def _related(place: Place, number: int, text: str) -> dict[str, Any]:
    related = _location(place.file, place.line, place.column, place.pointer)
    return {"id": number, **related, "message": {"text": text}}


def _result(finding: Finding, index: int) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": index,
        "level": _LEVELS[finding.severity],
        "message": {"text": finding.message},
        "locations": [_location(finding.file, finding.line, finding.column, finding.pointer)],
    }
    if finding.identity is not None:
        result["partialFingerprints"] = {FINGERPRINT_KEY: finding.identity.digest}
    properties = {
        name: value for name, value in (("area", finding.area), ("spec", finding.spec)) if value
    }
    if properties:
        result["properties"] = properties
    related = [_related(p, n, "Also here") for n, p in enumerate(finding.related, start=1)]
    if finding.previous is not None:
        text = f"In the old spec: {finding.previous}"
        related.insert(0, _related(finding.previous, len(related) + 1, text))
    if related:
        result["relatedLocations"] = related
    return result


def _notification(problem: LoadProblem) -> dict[str, Any]:
    """A file that could not be linted; located at its line when that is known."""
    location = {"physicalLocation": _physical(problem.file, problem.line, problem.column)}
    return {"level": "error", "message": {"text": problem.message}, "locations": [location]}


def sarif_document(report: Report) -> dict[str, Any]:
    """The SARIF log of a report, as JSON data."""
    document, results = _log(report)
    document["runs"][0]["results"] = list(results)
    return document


def _log(report: Report) -> tuple[dict[str, Any], Iterator[dict[str, Any]]]:
    """The SARIF log without its results, and the results, made one at a time."""
    rules = _rules(report)
    index = {entry["id"]: position for position, entry in enumerate(rules)}
    invocation: dict[str, Any] = {"executionSuccessful": not report.errors}
    if report.errors:
        invocation["toolExecutionNotifications"] = [_notification(p) for p in report.errors]
    run = {
        "tool": {
            "driver": {
                "name": "apilint",
                "version": __version__,
                "informationUri": INFORMATION_URI,
                "rules": rules,
            }
        },
        "invocations": [invocation],
        "columnKind": "unicodeCodePoints",
    }
    results = (_result(f, index[f.rule]) for f in report.findings)
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}, results


_LINE = json.JSONEncoder(ensure_ascii=False)  # the C encoder: ``indent`` would not use it
_RUN_END = "\n    }\n  ]\n}"


def render(report: Report, colour: bool = False) -> str:
    return "".join(chunks(report, colour))


def chunks(report: Report, colour: bool = False) -> Iterator[str]:
    """The report as a SARIF 2.1.0 log: indented JSON with one result per line (readable in
    a diff, and written by the C encoder: 28k results in 0.2 s, not 2 s), a result at a time;
    ``colour`` is ignored."""
    document, results = _log(report)
    text = json.dumps(document, indent=2, ensure_ascii=False)
    assert text.endswith(_RUN_END)
    yield text[: -len(_RUN_END)] + ',\n      "results": '
    first = True
    for result in results:
        yield f"{'[' if first else ','}\n        {_LINE.encode(result)}"
        first = False
    yield ("[]" if first else "\n      ]") + _RUN_END + "\n"
