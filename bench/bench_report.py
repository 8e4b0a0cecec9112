"""``apilint report`` against ``apilint lint`` on a fleet: is the report at most 10% slower,
with memory bounded, and does its page open in a browser in a few seconds?

    python bench/bench_report.py [FOLDER] [--jobs 2] [--runs 1]

FOLDER defaults to the APIs.guru collection of ``fleet.py`` (installed with npm on first use).
Each run is one process of each command, one after the other, ``--no-cache``: ``apilint lint
-f json -o`` and ``apilint report -f html -o -f json -o``; wall time, CPU time (user + system,
workers included) and peak memory (the largest process) are measured.
Then headless Chromium (if installed) opens the page with the network cut and takes a
screenshot: the time that takes is the time to a drawn page.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_large import measure_process  # as the other benches measure

HERE = Path(__file__).resolve().parent


def measured(command: list[str]) -> dict[str, float]:
    """Wall time, CPU time (user + system, workers included) and the largest process's peak
    memory of one command (exit 2 allowed: a fleet may hold a spec that cannot be read)."""
    run = measure_process(command, allowed=(0, 1, 2))
    return {"wall": run.seconds, "cpu": run.cpu_seconds, "peak_mb": run.peak_mb}


def browser_seconds(page: Path) -> float | None:
    """Seconds for headless Chromium to open the page (network cut) and draw a screenshot."""
    chromium = next(
        (
            found
            for name in ("chromium", "chromium-browser", "google-chrome")
            if (found := shutil.which(name))
        ),
        None,
    )
    if chromium is None:
        return None
    started = time.perf_counter()
    subprocess.run(
        [
            *(chromium, "--headless=new", "--no-sandbox", "--disable-gpu"),
            *("--proxy-server=127.0.0.1:9", "--window-size=1400,2000"),
            f"--screenshot={page.with_suffix('.png')}",
            page.as_uri(),
        ],
        capture_output=True,
        check=False,
        timeout=300,
    )
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path)
    parser.add_argument("--jobs", default="2")
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    folder = args.folder
    if folder is None:
        sys.path.insert(0, str(HERE))
        import fleet

        folder = fleet.install()
    apilint = shutil.which("apilint") or str(Path(sys.executable).with_name("apilint"))
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch)
        for run in range(args.runs):
            report = measured(
                [
                    *(apilint, "report", "--no-cache", "-j", args.jobs, str(folder)),
                    *("-f", "html", "-o", str(out / "fleet.html")),
                    *("-f", "json", "-o", str(out / "fleet.json")),
                ]
            )
            lint = measured(
                [
                    *(apilint, "lint", "--no-cache", "-j", args.jobs, str(folder)),
                    *("-f", "json", "-o", str(out / "lint.json")),
                ]
            )
            page = out / "fleet.html"
            opened = browser_seconds(page)
            print(
                f"run {run + 1}: report {report['wall']:.1f} s wall, {report['cpu']:.1f} s CPU,"
                f" {report['peak_mb']:.0f} MB; lint {lint['wall']:.1f} s wall,"
                f" {lint['cpu']:.1f} s CPU, {lint['peak_mb']:.0f} MB;"
                f" report / lint: {report['wall'] / lint['wall']:.3f} wall,"
                f" {report['cpu'] / lint['cpu']:.3f} CPU; page"
                f" {page.stat().st_size / 1e6:.1f} MB"
                + ("" if opened is None else f", drawn in Chromium in {opened:.1f} s")
            )


if __name__ == "__main__":
    main()
