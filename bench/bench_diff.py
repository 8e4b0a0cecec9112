"""Wall time and peak memory of ``apilint diff`` on the real release pairs, one process per run.

    python bench/bench_diff.py [--runs 3] [OLD NEW]

Without arguments it diffs the largest pair of ../shared/corpus/pairs/ (by total size), both
ways: forwards (the real release) and backwards (every addition becomes a removal). Each run
is a whole ``apilint diff`` process: start-up, loading both specs, the comparison, JSON output.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import sys
from pathlib import Path

from bench_large import run_once  # the same process measurement as lint's (this folder)

ROOT = Path(__file__).resolve().parents[1]
PAIRS = ROOT.parent / "shared" / "corpus" / "pairs"


def largest_pair() -> tuple[Path, Path]:
    pairs = []
    for folder in sorted(p for p in PAIRS.glob("*") if p.is_dir()):
        files = sorted(f for f in folder.iterdir() if f.suffix in (".json", ".yaml", ".yml"))
        if len(files) == 2:
            pairs.append((sum(f.stat().st_size for f in files), files[0], files[1]))
    if not pairs:
        raise SystemExit(f"no pairs given and none found in {PAIRS}")
    _, old, new = max(pairs)
    return old, new


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("specs", nargs="*", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    old, new = args.specs if len(args.specs) == 2 else largest_pair()
    apilint = shutil.which("apilint") or str(Path(sys.executable).parent / "apilint")
    print(
        f"apilint diff bench: {platform.node()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, {args.runs} runs"
    )
    print(f"{'diff':<36} {'median s':>9} {'min s':>7} {'max s':>7} {'peak MB':>8}")
    for before, after in ((old, new), (new, old)):
        command = [apilint, "diff", "--format", "json", str(before), str(after)]
        results = [run_once(command) for _ in range(args.runs)]
        times = [t for t, _ in results]
        label = f"{before.name} -> {after.name}"
        print(
            f"{label:<36} {statistics.median(times):>9.2f} {min(times):>7.2f} "
            f"{max(times):>7.2f} {max(m for _, m in results):>8.0f}"
        )


if __name__ == "__main__":
    main()
