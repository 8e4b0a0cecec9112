"""The CPUs this process may use: its affinity mask, and a container's CPU quota."""

from __future__ import annotations

import os
from pathlib import Path


def usable_cpus() -> int:
    """The CPUs this process may use: those it may run on (its affinity mask, where the
    platform has one), fewer when a container's CPU quota (cgroup v2 or v1) allows fewer."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - macOS and Windows have no affinity call
        cpus = os.cpu_count() or 1
    quota = _cpu_quota()
    return max(1, min(cpus, quota)) if quota is not None else cpus


#: where a container's CPU quota is: cgroup v2 (``max 100000`` or ``200000 100000``), v1
_CPU_MAX = Path("/sys/fs/cgroup/cpu.max")
_CFS_QUOTA = Path("/sys/fs/cgroup/cpu/cpu.cfs_quota_us")
_CFS_PERIOD = Path("/sys/fs/cgroup/cpu/cpu.cfs_period_us")


def _cpu_quota() -> int | None:
    """The CPUs a cgroup quota allows (rounded up), or None where there is none."""
    try:
        if _CPU_MAX.exists():
            quota, period = _CPU_MAX.read_text(encoding="ascii").split()[:2]
        else:
            quota = _CFS_QUOTA.read_text(encoding="ascii").strip()
            period = _CFS_PERIOD.read_text(encoding="ascii").strip()
        if quota in ("max", "-1"):
            return None
        return -(-int(quota) // int(period))
    except (OSError, ValueError, ZeroDivisionError):
        return None
