"""Wall time and peak memory of ``apilint lint`` on the large real specs, one process per run.

    python bench/bench_large.py [--runs 3] [--preset recommended] [--format json] [--warm]
                                [SPEC ...]

Without SPEC arguments it lints every file in ../shared/corpus/large/. Each run is a whole
``apilint`` process (start-up, load, index, every enabled rule, output), measured one after the
other: the median, min and max wall time, and the peak resident memory of the process.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LARGE = ROOT.parent / "shared" / "corpus" / "large"


@dataclass(frozen=True)
class ProcessRun:
    """One measured process: wall time, CPU time (user + system, its threads and the children
    it waited for) and peak resident memory."""

    seconds: float
    cpu_seconds: float
    peak_mb: float


def measure_process(
    command: list[str],
    allowed: tuple[int, ...] = (0, 1),
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
) -> ProcessRun:
    """Run ``command`` once, output to /dev/null; an exit code not ``allowed`` stops.

    The peak is the largest resident set of the process or of any child it waited for (Linux
    ``wait4``), not their sum."""
    with tempfile.TemporaryFile() as stderr:  # a file, not a pipe: a full pipe would block it
        start = time.perf_counter()
        process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=stderr, env=env, cwd=cwd
        )
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        if code not in allowed:
            stderr.seek(0)
            error = stderr.read().decode(errors="replace")
            raise SystemExit(f"{' '.join(command)} exited {code}: {error}")
    return ProcessRun(elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def run_once(command: list[str], allowed: tuple[int, ...] = (0, 1)) -> tuple[float, float]:
    """(wall seconds, peak RSS in MB) of one process; an exit code not ``allowed`` stops."""
    run = measure_process(command, allowed)
    return run.seconds, run.peak_mb


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("specs", nargs="*", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--preset", default="recommended")
    parser.add_argument("--format", default="json", help="the output format (default json)")
    parser.add_argument(
        "--warm",
        action="store_true",
        help="measure re-runs on unchanged specs: the result cache (in a fresh temporary folder)"
        " is filled by one run first; default: cold runs, --no-cache",
    )
    args = parser.parse_args()
    specs = args.specs or sorted(LARGE.glob("*"))
    if not specs:
        raise SystemExit(f"no specs given and none found in {LARGE}")
    apilint = shutil.which("apilint") or str(Path(sys.executable).parent / "apilint")
    with tempfile.TemporaryDirectory() as folder:
        config = Path(folder) / "bench.apilint.yaml"
        config.write_text(json.dumps({"extends": [args.preset]}))
        print(
            f"apilint bench: {platform.node()}, {os.cpu_count()} cores, "
            f"Python {platform.python_version()}, preset {args.preset}, {args.runs} runs, "
            f"format {args.format}, "
            + ("warm (result cache filled)" if args.warm else "cold (--no-cache)")
        )
        print(
            f"{'spec':<24} {'size MB':>8} {'median s':>9} {'min s':>7} {'max s':>7} {'peak MB':>8}"
        )
        for spec in specs:
            cache = ["--cache-dir", str(Path(folder) / "cache")] if args.warm else ["--no-cache"]
            options = [*cache, "-f", args.format, "--config", str(config)]
            command = [apilint, "lint", *options, str(spec)]
            if args.warm:
                run_once(command)  # fills the cache
            results = [run_once(command) for _ in range(args.runs)]
            times = [t for t, _ in results]
            peak = max(m for _, m in results)
            size = spec.stat().st_size / 1e6
            print(
                f"{spec.name:<24} {size:>8.1f} {statistics.median(times):>9.2f} "
                f"{min(times):>7.2f} {max(times):>7.2f} {peak:>8.0f}"
            )


if __name__ == "__main__":
    main()
