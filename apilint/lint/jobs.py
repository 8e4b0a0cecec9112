"""The specs of one run, linted in this process or in several (``-j``): how many worker
processes the run is worth (``auto``), which specs the result cache answers first, the order
specs are handed out in, and each worker's config and cache set up once.

Where processes can be forked safely (Linux, this process running one thread), the workers
start as copies of this one: the configs built here, the rules imported here and the config
objects themselves are theirs, neither rebuilt nor pickled (starting two costs about 0.05 s).
Elsewhere each worker is a fresh interpreter (``spawn``) that imports apilint and the rules
and builds its config once, from the config file or the raw data it is given (about 0.5 s).
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from multiprocessing.context import BaseContext
from pathlib import Path
from typing import Any, TypeVar

from apilint.lint import forked
from apilint.lint.cache import ResultCache
from apilint.lint.config import Config, ConfigError, coerce_config, config_for
from apilint.lint.cpus import usable_cpus
from apilint.lint.engine import Observer, lint_spec, observed
from apilint.lint.findings import Report

#: ``jobs`` that picks the number of worker processes from the machine and the work
AUTO = "auto"
#: ``auto`` lints in one process unless the specs to lint, the largest one left out, add up
#: to this many bytes of root files (the largest spec's time cannot be shared): at 0.3 s of
#: linting per MB (the real corpus), 0.15 s forked and 1.2 s spawned, about three times what
#: starting the workers costs
PARALLEL_MIN_BYTES = {"fork": 512 * 1024, "spawn": 4 * 1024 * 1024}

Jobs = int | str

#: a worker's config, result cache, observer and reduction, set once when the worker starts
_worker: tuple[Config | None, ResultCache | None, Observer | None, Callable[[Report], Any]]
T = TypeVar("T")


def check_jobs(jobs: Jobs) -> None:
    """Raise ``ValueError`` unless ``jobs`` is a positive integer or ``auto``."""
    if jobs == AUTO:
        return
    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1:
        raise ValueError(f"jobs must be a positive integer or '{AUTO}', not {jobs!r}")


def worker_count(jobs: Jobs, sizes: Sequence[int], start_method: str = "fork") -> int:
    """How many processes lint specs of these sizes (bytes of their root files): ``jobs``, at
    most one per spec; ``auto``: one per usable CPU, but one when the specs but the largest
    add up to less than :data:`PARALLEL_MIN_BYTES` for workers started this way."""
    check_jobs(jobs)
    if jobs == AUTO:
        least = PARALLEL_MIN_BYTES.get(start_method, PARALLEL_MIN_BYTES["spawn"])
        if sum(sizes) - max(sizes, default=0) < least:
            return 1
        wanted = usable_cpus()
    else:
        wanted = int(jobs)
    return max(1, min(wanted, len(sizes)))


def lint_specs(
    files: Sequence[Path],
    config: Config | None,
    jobs: Jobs = 1,
    cache_dir: Path | None = None,
    portable: Any = None,
) -> list[Report]:
    """Each spec's report, in no particular order. ``config``: the explicit config (None: the
    nearest config file of each spec); ``portable``: the same in a form a spawned worker can
    rebuild it from (a config file path or raw data; None when ``config`` is None)."""
    return map_specs(files, config, _same, jobs=jobs, cache_dir=cache_dir, portable=portable)


def _same(report: Report) -> Report:
    return report


def map_specs(
    files: Sequence[Path],
    config: Config | None,
    reduce: Callable[[Report], T],
    *,
    jobs: Jobs = 1,
    cache_dir: Path | None = None,
    portable: Any = None,
    observer: Observer | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[T]:
    """``reduce`` of each spec's report (made where the spec was linted: a worker process
    sends back only what ``reduce`` keeps), in no particular order; arguments as
    :func:`lint_specs`, and ``observer`` (see :class:`~apilint.lint.engine.Observer`).
    ``progress(done, total)`` is called as specs are done. ``reduce`` and ``observer`` go
    to worker processes: they must pickle."""
    cache = None if cache_dir is None else ResultCache(cache_dir)
    done: list[T] = []

    def finished(result: T) -> None:
        done.append(result)
        if progress is not None:
            progress(len(done), len(files))

    if jobs == 1 or len(files) < 2:
        for path in files:
            finished(reduce(lint_spec(path, config, cache, observer)))
        return done
    reports, missing = _answered_here(files, config, cache, observer)
    for report in reports:
        finished(reduce(report))
    context = start_context()
    method = context.get_start_method()
    forked = method == "fork"
    workers = worker_count(jobs, [_size(path) for path in missing], method)
    # a spawned worker rebuilds the config from its file or data: one made otherwise stays here
    if workers < 2 or (not forked and config is not None and portable is None):
        for path in missing:
            finished(reduce(lint_spec(path, config, cache, observer)))
        return done
    largest_first = sorted(missing, key=_size, reverse=True)  # the longest lints start first
    folder = None if cache_dir is None else str(cache_dir)
    with ProcessPoolExecutor(
        workers,
        mp_context=context,
        initializer=_start_worker,
        initargs=(config if forked else portable, folder, observer, reduce),
    ) as pool:
        for result in pool.map(_lint_in_worker, [str(path) for path in largest_first]):
            finished(result)
    return done


def _answered_here(
    files: Sequence[Path],
    config: Config | None,
    cache: ResultCache | None,
    observer: Observer | None,
) -> tuple[list[Report], list[Path]]:
    """The reports the result cache holds, and the specs left to lint. Each spec's config is
    built here, once per config file, so that forked workers inherit it; a config that cannot
    be built is left to the worker, which reports it as that spec's error."""
    reports: list[Report] = []
    missing: list[Path] = []
    for path in files:
        try:
            effective = config_for(path, config)
        except ConfigError:
            missing.append(path)
            continue
        known = cache.lookup(path, effective) if cache is not None else None
        if known is None or not observed(known, observer):
            missing.append(path)
        else:
            reports.append(known)
    return reports, missing


def start_context() -> BaseContext:
    """How workers start: ``fork`` where it is safe (Linux, and one thread in this process: a
    native library's thread would be missing from the copy), else ``spawn``."""
    if sys.platform == "linux":
        try:
            threads = len(os.listdir("/proc/self/task"))
        except OSError:  # pragma: no cover - /proc not mounted
            threads = 0
        if threads == 1:
            return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _start_worker(
    config: Any, cache_dir: str | None, observer: Observer | None, reduce: Callable[[Report], Any]
) -> None:
    """Set up a worker once: its config (the object itself when forked, else rebuilt from its
    file or data), its result cache, observer and what it sends back of each report."""
    global _worker
    forked.allowed = False  # the workers share the CPUs already: no spec's rules are split
    cache = None if cache_dir is None else ResultCache(Path(cache_dir))
    _worker = (coerce_config(config), cache, observer, reduce)


def _lint_in_worker(path: str) -> Any:
    config, cache, observer, reduce = _worker
    return reduce(lint_spec(Path(path), config, cache, observer))
