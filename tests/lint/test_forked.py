"""A large spec's rules shared with a forked process give the findings one process gives."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from conftest import DIRTY_SPEC

from apilint.api import lint_file
from apilint.lint import forked

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="rules are split on Linux only")


def _findings(spec: Path, split: bool, monkeypatch: pytest.MonkeyPatch) -> list[tuple[object, ...]]:
    monkeypatch.setattr(forked, "SPLIT_BYTES", 0 if split else 1 << 60)
    monkeypatch.setattr(forked, "usable_cpus", lambda: 2)
    report = lint_file(spec)
    return [
        (f.rule, f.line, f.column, f.pointer, f.message, f.related, f.identity)
        for f in report.findings
    ]


def test_split_rules_find_what_one_process_finds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = tmp_path / "api.yaml"
    spec.write_text(DIRTY_SPEC)
    forks: list[int] = []
    real_fork = forked.os.fork

    def counting_fork() -> int:
        pid = real_fork()
        if pid:
            forks.append(pid)
        return pid

    monkeypatch.setattr(forked.os, "fork", counting_fork)
    alone = _findings(spec, False, monkeypatch)
    assert forks == []
    split = _findings(spec, True, monkeypatch)
    assert len(forks) == 1  # the rules were shared with a copy
    assert split == alone and alone


def test_a_copy_that_cannot_be_made_leaves_its_rules_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = tmp_path / "api.yaml"
    spec.write_text(DIRTY_SPEC)
    alone = _findings(spec, False, monkeypatch)

    def no_fork() -> int:
        raise OSError("no more processes")

    monkeypatch.setattr(forked.os, "fork", no_fork)
    assert _findings(spec, True, monkeypatch) == alone
