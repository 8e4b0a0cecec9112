"""Every real spec in ../shared/corpus loads and lints without a crash or a rule-error.

The corpus is real public specs nobody here wrote (see ../shared/corpus/README.md). It lives
beside the project, not in it; where it is absent these tests are skipped, not failed.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

import apilint
from apilint.lint.engine import RULE_ERROR

SHARED = Path(os.environ.get("APILINT_SHARED", Path(__file__).resolve().parents[2] / "shared"))
CORPUS = SHARED / "corpus"
needs_corpus = pytest.mark.skipif(
    not CORPUS.is_dir(), reason=f"the shared corpus is not present at {CORPUS}"
)

MULTIFILE_ROOTS = {
    "digitalocean": "DigitalOcean-public.v2.yaml",
    "spacetraders": "reference/SpaceTraders.json",
}


def _specs(folder: str) -> list[Any]:
    base = CORPUS / folder
    if not base.is_dir():
        reason = f"the shared corpus is not present at {base}"
        return [pytest.param(None, id=folder, marks=pytest.mark.skip(reason=reason))]
    return sorted(p for p in base.iterdir() if p.is_file())


def _assert_lints_cleanly(spec: Path) -> apilint.Report:
    report = apilint.lint_file(spec, config={"extends": ["strict"]})
    assert report.errors == (), f"{spec} did not load: {report.errors[0]}"
    crashes = [f for f in report.findings if f.rule == RULE_ERROR]
    assert crashes == [], f"rules crashed on {spec}: {crashes[:3]}"
    return report


@needs_corpus
@pytest.mark.parametrize("spec", _specs("real"), ids=lambda p: getattr(p, "name", "absent"))
def test_real_spec_lints_without_crash(spec: Path) -> None:
    report = _assert_lints_cleanly(spec)
    assert len(report.files) == 1
    for finding in report.findings:
        assert finding.line >= 1 and finding.column >= 1
        assert finding.pointer == "" or finding.pointer.startswith("/")


@needs_corpus
@pytest.mark.parametrize("name", sorted(MULTIFILE_ROOTS))
def test_multifile_spec_lints_with_findings_in_referenced_files(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = CORPUS / "multifile" / name
    monkeypatch.chdir(folder)  # the project folder: refs may reach every file of the tree
    report = _assert_lints_cleanly(Path(MULTIFILE_ROOTS[name]))
    assert not [f for f in report.findings if f.rule in ("ref-unresolved", "ref-not-followed")]
    if name == "digitalocean":  # snake_case models: a camelCase convention fires in them
        camel = {"rules": {"property-casing": {"options": {"style": "camel"}}}}
        report = apilint.lint_file(Path(MULTIFILE_ROOTS[name]), config=camel)
        places = [
            p for f in report.findings if f.rule == "property-casing" for p in (f, *f.related)
        ]
        files = {place.file for place in places}
        assert len(files) > 100, "findings in $ref'd files must be reported in those files"
        assert "DigitalOcean-public.v2.yaml" not in files


@needs_corpus
@pytest.mark.slow
@pytest.mark.parametrize("spec", _specs("large"), ids=lambda p: getattr(p, "name", "absent"))
def test_large_spec_lints_without_crash(spec: Path) -> None:
    _assert_lints_cleanly(spec)
