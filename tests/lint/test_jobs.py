"""Linting many specs in worker processes (``-j``): how many workers ``auto`` picks, results
equal to one process's whether workers are forked or spawned, and the result cache answering
before any worker starts."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import CLEAN_SPEC, DIRTY_SPEC, run

import apilint
from apilint.lint import cpus as cpu_module
from apilint.lint import jobs
from apilint.lint.config import build_config
from apilint.lint.jobs import AUTO, PARALLEL_MIN_BYTES, lint_specs, usable_cpus, worker_count

Write = Callable[[str, str], Path]

MB = 1024 * 1024


# --- how many workers -------------------------------------------------------------------------


def test_a_number_of_jobs_is_taken_as_given_but_never_more_than_the_specs() -> None:
    assert worker_count(3, [10, 10, 10, 10]) == 3
    assert worker_count(8, [10, 10]) == 2
    assert worker_count(1, [MB] * 40) == 1


def test_auto_takes_one_worker_per_usable_cpu_for_enough_work(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(jobs, "usable_cpus", lambda: 4)
    assert worker_count(AUTO, [MB] * 40) == 4
    assert worker_count(AUTO, [MB] * 3) == 3


def test_auto_stays_in_one_process_for_little_work(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(jobs, "usable_cpus", lambda: 4)
    assert worker_count(AUTO, [20_000] * 10) == 1  # a pre-commit run over a few small specs
    assert worker_count(AUTO, [40 * MB, 100_000]) == 1  # one large spec: nothing to share
    assert worker_count(AUTO, [MB]) == 1
    assert worker_count(AUTO, []) == 1
    enough_to_fork = [PARALLEL_MIN_BYTES["fork"]] * 2
    assert worker_count(AUTO, enough_to_fork, "fork") == 2
    assert worker_count(AUTO, enough_to_fork, "spawn") == 1  # a fresh interpreter costs more


@pytest.mark.parametrize("wrong", [0, -1, "2", "many", 1.5, True, None])
def test_jobs_is_a_positive_number_or_auto(wrong: object) -> None:
    with pytest.raises(ValueError, match="positive integer or 'auto'"):
        worker_count(wrong, [1, 2])  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="positive integer or 'auto'"):
        apilint.lint_paths(["."], jobs=wrong)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("cpu_max", "cpus"), [("150000 100000\n", 2), ("100000 100000\n", 1), ("max 100000\n", None)]
)
def test_usable_cpus_honour_a_container_cpu_quota(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cpu_max: str, cpus: int | None
) -> None:
    monkeypatch.setattr(jobs.os, "sched_getaffinity", lambda pid: set(range(8)), raising=False)
    (tmp_path / "cpu.max").write_text(cpu_max)
    monkeypatch.setattr(cpu_module, "_CPU_MAX", tmp_path / "cpu.max")
    assert usable_cpus() == (cpus or 8)


def test_usable_cpus_without_a_quota_are_the_affinity_mask(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(jobs.os, "sched_getaffinity", lambda pid: {0, 1, 2}, raising=False)
    monkeypatch.setattr(cpu_module, "_CPU_MAX", tmp_path / "absent")
    monkeypatch.setattr(cpu_module, "_CFS_QUOTA", tmp_path / "absent")
    assert usable_cpus() == 3


# --- the same reports, however the workers start ------------------------------------------------


@pytest.fixture
def specs(project: Path, write: Write) -> list[Path]:
    write(".apilint.yaml", "overrides: [{files: ['legacy/*'], rules: {info-contact: hint}}]\n")
    for index in range(4):
        write(f"s{index}.yaml", DIRTY_SPEC)
    write("legacy/old.yaml", DIRTY_SPEC)
    write("clean.yaml", CLEAN_SPEC)
    write("broken.yaml", "openapi: 3.0.3\npaths: [\n")
    return sorted(p for p in Path(".").rglob("*.yaml") if p.name != ".apilint.yaml")


def _merged(reports: list[apilint.Report]) -> apilint.Report:
    return apilint.Report.merge(reports)


@pytest.mark.parametrize("start", ["fork", "spawn"])
@pytest.mark.parametrize("config", [None, "explicit"])
def test_workers_give_the_reports_of_one_process(
    specs: list[Path], monkeypatch: pytest.MonkeyPatch, start: str, config: str | None
) -> None:
    explicit = build_config({"extends": ["strict"]}) if config else None
    portable = {"extends": ["strict"]} if config else None
    one = _merged(lint_specs(specs, explicit, 1, None, portable))
    monkeypatch.setattr(jobs, "start_context", lambda: multiprocessing.get_context(start))
    two = _merged(lint_specs(specs, explicit, 2, None, portable))
    assert two == one
    assert len(one.errors) == 1 and len(one.files) == 6


def test_a_config_without_file_or_data_stays_in_this_process_when_spawning(
    specs: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A Config object built in Python cannot be rebuilt by a fresh interpreter: one process."""
    monkeypatch.setattr(jobs, "start_context", lambda: multiprocessing.get_context("spawn"))
    monkeypatch.setattr(jobs, "ProcessPoolExecutor", _no_pool)
    explicit = build_config({"extends": ["minimal"]})
    reports = lint_specs(specs, explicit, 2, None, None)
    assert _merged(reports) == _merged(lint_specs(specs, explicit, 1))


def _no_pool(*args: object, **kwargs: object) -> None:
    raise AssertionError("no worker process should start")


def test_cached_specs_are_answered_before_any_worker_starts(
    specs: list[Path], tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path_factory.mktemp("results")
    first = _merged(lint_specs(specs, None, 2, cache))
    monkeypatch.setattr(jobs, "ProcessPoolExecutor", _no_pool)
    # the broken spec is not cached (a load error): it is linted here, alone
    assert _merged(lint_specs(specs, None, 2, cache)) == first


def test_the_largest_specs_are_handed_out_first(
    specs: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    handed: list[str] = []

    class Recording:
        def __init__(self, *args: object, **kwargs: object) -> None:
            pass

        def __enter__(self) -> Recording:
            return self

        def __exit__(self, *exc: object) -> None:
            pass

        def map(self, function: Callable[[str], object], paths: list[str]) -> list[object]:
            handed.extend(paths)
            return []

    Path("s2.yaml").write_text(DIRTY_SPEC + "# padding\n" * 1000)
    monkeypatch.setattr(jobs, "ProcessPoolExecutor", Recording)
    lint_specs(specs, None, 2)
    assert handed[0] == "s2.yaml"
    assert handed[-1] == "broken.yaml"


# --- the command ------------------------------------------------------------------------------


def test_jobs_auto_gives_the_output_of_one_process(specs: list[Path]) -> None:
    one = run("lint", "-f", "json", "-j", "1", ".")
    auto = run("lint", "-f", "json", "-j", "auto", ".")
    default = run("lint", "-f", "json", ".")
    assert one.exit_code == auto.exit_code == default.exit_code == 2
    assert one.stdout == auto.stdout == default.stdout


@pytest.mark.parametrize("wrong", ["0", "-2", "many"])
def test_a_wrong_number_of_jobs_is_a_usage_error(project: Path, wrong: str) -> None:
    result = run("lint", "-j", wrong, ".")
    assert result.exit_code == 2
    assert "neither a number of processes (1 or more) nor auto" in result.stderr
