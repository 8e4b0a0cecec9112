"""apilint side by side with Redocly CLI and Spectral: large specs one by one, or a corpus at once.

    python bench/bench_peers.py [--runs 5] [--tools apilint,redocly,spectral] [SPEC ...]
    python bench/bench_peers.py --corpus [DIR] [--runs 5] [--tools apilint,redocly,spectral]
                                [--apilint-jobs 1]

Without ``--corpus``, each tool lints each spec (default: every file in ../shared/corpus/large/)
in a process of its own. With ``--corpus``, each tool lints every file of DIR (default
../shared/corpus/real) in ONE call, the way each is used on many files: apilint is given the
folder (``apilint lint --no-cache -j 1 DIR``: one process, as each peer; ``--apilint-jobs auto``
measures its default instead), Redocly and Spectral the files (``lint FILE ...``).

The same for every tool: its recommended rules from an explicit config in a fresh folder that is
also its working folder (apilint ``extends: [recommended]``, no result cache, a cold run;
Redocly ``extends: [recommended]``; Spectral ``extends: ["spectral:oas"]``), JSON output to
/dev/null, Redocly's telemetry off (``REDOCLY_TELEMETRY=off``; Spectral sends none when it
runs), defaults otherwise (Redocly's JSON lists at most 100 problems per file: less output for
it to write). One untimed run per tool first reads every file into the OS cache and checks that
each tool linted every file (the files and problems it reports are printed). Then the timed
runs, interleaved (each round runs every tool once), so that a change of load on the machine
falls on all tools alike. Reported: median, min and max wall time; median CPU time (user +
system, all threads: Node's helper threads count, and on a busy machine it moves less than wall
time); the peak resident memory (of the largest single process); and apilint's wall time, CPU
time and memory over each peer's (below 1: apilint takes less). The load average is printed at
the start and the end: compare figures taken at a load well under the number of cores.

The peers are installed with npm, at pinned versions, into a cache folder outside the
repository (``$APILINT_BENCH_CACHE``, default ``~/.cache/apilint-bench``) on first use.
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
from dataclasses import dataclass, field
from pathlib import Path

from bench_large import ProcessRun, measure_process  # as the other benches measure

ROOT = Path(__file__).resolve().parents[1]
LARGE = ROOT.parent / "shared" / "corpus" / "large"
REAL = ROOT.parent / "shared" / "corpus" / "real"
CACHE = Path(os.environ.get("APILINT_BENCH_CACHE", Path.home() / ".cache" / "apilint-bench"))
PEERS = {"redocly": "@redocly/cli@2.77.0", "spectral": "@stoplight/spectral-cli@6.16.3"}
BINARIES = {"redocly": "redocly", "spectral": "spectral"}
#: Set for every run of every tool: Redocly sends usage data after each command unless told
#: not to, and may print an update notice (only on a terminal; suppressed to be sure).
PEER_ENV = {"REDOCLY_TELEMETRY": "off", "REDOCLY_SUPPRESS_UPDATE_NOTICE": "true"}
SPEC_SUFFIXES = (".json", ".yaml", ".yml")


def peer_environment() -> dict[str, str]:
    """The environment every benchmarked process runs in."""
    return {**os.environ, **PEER_ENV}


def install_peers(names: list[str]) -> dict[str, Path]:
    """The peers' command paths, installed into the cache folder when missing."""
    prefix = CACHE / "npm"
    found: dict[str, Path] = {}
    missing = []
    for name in names:
        binary = prefix / "node_modules" / ".bin" / BINARIES[name]
        found[name] = binary
        if not binary.exists():
            missing.append(PEERS[name])
    if missing:
        if shutil.which("npm") is None:
            raise SystemExit("npm is needed to install the peers")
        prefix.mkdir(parents=True, exist_ok=True)
        print(f"installing {', '.join(missing)} into {prefix}", file=sys.stderr)
        subprocess.run(
            ["npm", "install", "--no-audit", "--no-fund", "--prefix", str(prefix), *missing],
            check=True,
            stdout=subprocess.DEVNULL,
            env={**os.environ, "SCARF_ANALYTICS": "false"},  # Spectral's install-time analytics
        )
    return found


def apilint_command() -> str:
    """The apilint next to this Python (the install being measured), else the one on PATH."""
    beside = Path(sys.executable).parent / "apilint"
    return str(beside) if beside.exists() else shutil.which("apilint") or "apilint"


def write_configs(folder: Path) -> None:
    """Each tool's recommended rules, named explicitly so that no other config is picked up."""
    (folder / "apilint.yaml").write_text(json.dumps({"extends": ["recommended"]}))
    (folder / "redocly.yaml").write_text("extends:\n  - recommended\n")
    (folder / "spectral.yaml").write_text('extends: ["spectral:oas"]\n')


def command(
    tool: str, targets: list[Path], binary: Path | None, folder: Path, jobs: str
) -> list[str]:
    """One call of ``tool`` linting ``targets`` (a folder for apilint, or files); ``jobs`` is
    apilint's ``-j``."""
    paths = [str(target) for target in targets]
    if tool == "apilint":
        config = str(folder / "apilint.yaml")
        options = ["--no-cache", "-j", jobs, "-f", "json", "-c", config]
        return [apilint_command(), "lint", *options, *paths]
    if tool == "redocly":
        config = str(folder / "redocly.yaml")
        return [str(binary), "lint", "--config", config, "--format", "json", *paths]
    ruleset = str(folder / "spectral.yaml")
    return [str(binary), "lint", "-r", ruleset, "-f", "json", "--quiet", *paths]


def reported(tool: str, output: str) -> str:
    """What one run's JSON output covers: files reported on and problems. Redocly prints one
    JSON document per file, every problem counted in its totals; Spectral lists only the files
    it found problems in."""
    if tool == "apilint":
        report = json.loads(output)
        problems = len(report["findings"]) + len(report["errors"])
        return f"{len(report['files'])} files, {problems:,} problems"
    documents = []
    decoder = json.JSONDecoder()
    index = 0
    while (index := _skip_space(output, index)) < len(output):
        document, index = decoder.raw_decode(output, index)
        documents.append(document)
    if tool == "redocly":
        problems = sum(d["totals"]["errors"] + d["totals"]["warnings"] for d in documents)
        return f"{len(documents)} files, {problems:,} problems"
    results = [result for document in documents for result in document]
    sources = {result["source"] for result in results}
    return f"problems in {len(sources)} files, {len(results):,} problems"


def _skip_space(text: str, index: int) -> int:
    while index < len(text) and text[index].isspace():
        index += 1
    return index


def check_run(tool: str, argv: list[str], folder: Path) -> str:
    """The untimed first run: fills the OS cache, and says what the tool reported."""
    done = subprocess.run(
        argv, capture_output=True, text=True, env=peer_environment(), cwd=folder, check=False
    )
    if done.returncode not in (0, 1):
        raise SystemExit(f"{tool} exited {done.returncode}: {done.stderr[-2000:]}")
    return f"{tool} {reported(tool, done.stdout)}"


@dataclass
class Timings:
    """One tool's timed runs on one target."""

    runs: list[ProcessRun] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(run.seconds for run in self.runs)

    @property
    def cpu(self) -> float:
        return statistics.median(run.cpu_seconds for run in self.runs)

    @property
    def peak(self) -> float:
        return max(run.peak_mb for run in self.runs)


def measure(
    label: str,
    targets: dict[str, list[Path]],
    binaries: dict[str, Path],
    runs: int,
    jobs: str,
) -> None:
    """Check each tool once on its targets, then time ``runs`` interleaved rounds and print a
    row per tool."""
    tools = list(targets)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        write_configs(folder)
        argvs = {
            tool: command(tool, targets[tool], binaries.get(tool), folder, jobs) for tool in tools
        }
        checks = [check_run(tool, argvs[tool], folder) for tool in tools]
        print(f"{label}: untimed check: {'; '.join(checks)}", flush=True)
        timings = {tool: Timings() for tool in tools}
        for _ in range(runs):
            for tool in tools:
                run = measure_process(argvs[tool], env=peer_environment(), cwd=folder)
                timings[tool].runs.append(run)
    mine = timings.get("apilint")
    for tool in tools:
        own = timings[tool]
        seconds = [run.seconds for run in own.runs]
        ratios = ""
        if mine is not None and tool != "apilint":
            ratios = (
                f" {mine.median / own.median:>6.2f}x {mine.cpu / own.cpu:>6.2f}x"
                f" {mine.peak / own.peak:>6.2f}x"
            )
        print(
            f"{label:<22} {tool:<9} {own.median:>9.2f} {min(seconds):>7.2f} {max(seconds):>7.2f}"
            f" {own.cpu:>8.2f} {own.peak:>8.0f}{ratios}",
            flush=True,
        )


def corpus_files(folder: Path) -> list[Path]:
    """The spec files of a corpus folder, in name order."""
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix in SPEC_SUFFIXES)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("specs", nargs="*", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--tools", default="apilint,redocly,spectral")
    parser.add_argument(
        "--corpus",
        nargs="?",
        const=REAL,
        type=Path,
        metavar="DIR",
        help="lint every file of DIR in one process per tool (default DIR: ../shared/corpus/real)",
    )
    parser.add_argument(
        "--apilint-jobs",
        default="1",
        metavar="N",
        help="apilint's -j (default 1: one process, as each peer runs; 'auto' for its default)",
    )
    args = parser.parse_args()
    tools = args.tools.split(",")
    if unknown := sorted(set(tools) - {"apilint", *PEERS}):
        raise SystemExit(f"unknown tools: {', '.join(unknown)}")
    binaries = install_peers([t for t in tools if t in PEERS])
    load = os.getloadavg()[0]
    print(
        f"apilint peers bench: {platform.node()}, {os.cpu_count()} cores, load {load:.2f}, "
        f"Python {platform.python_version()}, node {_node_version()}, "
        f"{apilint_command()} -j {args.apilint_jobs}, "
        f"{', '.join(PEERS[t] for t in tools if t in PEERS)}; {args.runs} interleaved runs"
    )
    print(
        f"{'target':<22} {'tool':<9} {'median s':>9} {'min s':>7} {'max s':>7} {'cpu s':>8}"
        f" {'peak MB':>8} {'time':>7} {'cpu':>7} {'memory':>7}  (apilint / peer)"
    )
    if args.corpus is not None:
        files = corpus_files(args.corpus)
        if not files:
            raise SystemExit(f"no spec files in {args.corpus}")
        # apilint is given the folder and finds the same files there (the check run shows it)
        targets = {tool: [args.corpus] if tool == "apilint" else files for tool in tools}
        label = f"{args.corpus.name} ({len(files)} files)"
        measure(label, targets, binaries, args.runs, args.apilint_jobs)
    else:
        specs = args.specs or sorted(LARGE.glob("*"))
        if not specs:
            raise SystemExit(f"no specs given and none found in {LARGE}")
        for spec in specs:
            targets = {tool: [spec] for tool in tools}
            measure(spec.name, targets, binaries, args.runs, args.apilint_jobs)
    print(f"load at the end {os.getloadavg()[0]:.2f}")


def _node_version() -> str:
    try:
        return subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
    except OSError:
        return "absent"


if __name__ == "__main__":
    main()
