"""The specs of one run, linted in this process or in several (``-j``): how many worker
processes the run is worth (``auto``), which specs the result cache answers first, the order
specs are handed out in, and each worker's config and cache set up once.

Where processes can be forked (Linux, this process running one thread), the workers start as
copies of this one: the configs built here, the rules imported here and the config objects
themselves are theirs without being rebuilt or pickled. Elsewhere each worker is a fresh
interpreter that builds its config once, from the config file or the raw data it is given.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from multiprocessing.context import BaseContext
from pathlib import Path
from typing import Any

from apilint.lint.cache import ResultCache
from apilint.lint.config import Config, ConfigError, coerce_config, config_for
from apilint.lint.engine import lint_spec
from apilint.lint.findings import Report

#: ``jobs`` that picks the number of worker processes from the machine and the work
AUTO = "auto"
#: ``auto`` lints in one process unless the specs to lint, the largest one left out, add up
#: to this many bytes: about 0.25 s of linting, more than starting workers costs (0.05 s
#: forked, 0.3 s spawned), and the largest spec's time cannot be shared anyway
PARALLEL_MIN_BYTES = 1 << 20

Jobs = int | str

#: a worker's config and result cache, set once when the worker starts
_worker: tuple[Config | None, ResultCache | None] = (None, None)


def check_jobs(jobs: Jobs) -> None:
    """Raise ``ValueError`` unless ``jobs`` is a positive integer or ``auto``."""
    if jobs == AUTO:
        return
    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1:
        raise ValueError(f"jobs must be a positive integer or '{AUTO}', not {jobs!r}")


def usable_cpus() -> int:
    """The CPUs this process may run on (its affinity mask, where the platform has one)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - macOS and Windows have no affinity call
        return os.cpu_count() or 1


def worker_count(jobs: Jobs, sizes: Sequence[int]) -> int:
    """How many processes lint specs of these sizes (bytes of their root files): ``jobs``, at
    most one per spec; ``auto``: one per usable CPU, but one when the specs but the largest
    add up to less than :data:`PARALLEL_MIN_BYTES`."""
    check_jobs(jobs)
    if jobs == AUTO:
        if sum(sizes) - max(sizes, default=0) < PARALLEL_MIN_BYTES:
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
    cache = None if cache_dir is None else ResultCache(cache_dir)
    if jobs == 1 or len(files) < 2:
        return [lint_spec(path, config, cache) for path in files]
    reports, missing = _answered_here(files, config, cache)
    workers = worker_count(jobs, [_size(path) for path in missing])
    context = _fork_context()
    shared = config if context is not None else portable
    if workers < 2 or (context is None and config is not None and portable is None):
        return [*reports, *(lint_spec(path, config, cache) for path in missing)]
    largest_first = sorted(missing, key=_size, reverse=True)  # the longest lints start first
    folder = None if cache_dir is None else str(cache_dir)
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=_start_worker, initargs=(shared, folder)
    ) as pool:
        reports.extend(pool.map(_lint_in_worker, [str(path) for path in largest_first]))
    return reports


def _answered_here(
    files: Sequence[Path], config: Config | None, cache: ResultCache | None
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
        if known is None:
            missing.append(path)
        else:
            reports.append(known)
    return reports, missing


def _fork_context() -> BaseContext | None:
    """The ``fork`` start method where it is safe (Linux, one thread in this process: a
    thread of a native library would not exist in the copy), else None (the default)."""
    if sys.platform != "linux":
        return None
    try:
        threads = len(os.listdir("/proc/self/task"))
    except OSError:  # pragma: no cover - /proc not mounted
        return None
    return multiprocessing.get_context("fork") if threads == 1 else None


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _start_worker(config: Any, cache_dir: str | None) -> None:
    """Set up a worker once: its config (the object itself when forked, else rebuilt from its
    file or data) and its result cache."""
    global _worker
    cache = None if cache_dir is None else ResultCache(Path(cache_dir))
    _worker = (coerce_config(config), cache)


def _lint_in_worker(path: str) -> Report:
    config, cache = _worker
    return lint_spec(Path(path), config, cache)
