"""apilint side by side with Redocly CLI and Spectral on the large real specs.

    python bench/bench_peers.py [--runs 3] [--tools apilint,redocly,spectral] [SPEC ...]

The peers are installed with npm, at pinned versions, into a cache folder outside the
repository (``$APILINT_BENCH_CACHE``, default ``~/.cache/apilint-bench``) on first use. Each
tool lints each spec (default: every file in ../shared/corpus/large/) as a whole process with
its recommended rules: apilint ``recommended`` with no result cache (a cold run), Redocly
``recommended`` (its default), Spectral ``extends: ["spectral:oas"]``. Runs go one after
another, never in parallel. The table gives the median, min and max wall time, the peak
resident memory, and the ratio of apilint's median to each peer's.
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
from pathlib import Path

from bench_large import run_once  # the same process measurement as the other benches

ROOT = Path(__file__).resolve().parents[1]
LARGE = ROOT.parent / "shared" / "corpus" / "large"
CACHE = Path(os.environ.get("APILINT_BENCH_CACHE", Path.home() / ".cache" / "apilint-bench"))
PEERS = {"redocly": "@redocly/cli@2.77.0", "spectral": "@stoplight/spectral-cli@6.16.3"}
BINARIES = {"redocly": "redocly", "spectral": "spectral"}


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
        )
    return found


def commands(tool: str, spec: Path, binary: Path | None, folder: Path) -> list[str]:
    if tool == "apilint":
        apilint = shutil.which("apilint") or str(Path(sys.executable).parent / "apilint")
        config = folder / "apilint.yaml"
        return [apilint, "lint", "--no-cache", "-f", "json", "-c", str(config), str(spec)]
    if tool == "redocly":
        return [str(binary), "lint", "--format", "json", str(spec)]
    ruleset = folder / "spectral.yaml"
    return [str(binary), "lint", "-r", str(ruleset), "-f", "json", "--quiet", str(spec)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("specs", nargs="*", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--tools", default="apilint,redocly,spectral")
    args = parser.parse_args()
    tools = args.tools.split(",")
    specs = args.specs or sorted(LARGE.glob("*"))
    if not specs:
        raise SystemExit(f"no specs given and none found in {LARGE}")
    binaries = install_peers([t for t in tools if t in PEERS])
    print(
        f"apilint peers bench: {platform.node()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, node {_node_version()}, {args.runs} runs, "
        f"{', '.join(PEERS[t] for t in tools if t in PEERS)}"
    )
    header = f"{'spec':<18} {'tool':<9} {'median s':>9} {'min s':>7} {'max s':>7} {'peak MB':>8}"
    print(header + "  apilint/peer")
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "apilint.yaml").write_text(json.dumps({"extends": ["recommended"]}))
        (Path(folder) / "spectral.yaml").write_text('extends: ["spectral:oas"]\n')
        for spec in specs:
            medians: dict[str, float] = {}
            for tool in tools:
                command = commands(tool, spec, binaries.get(tool), Path(folder))
                results = [run_once(command, allowed=(0, 1)) for _ in range(args.runs)]
                times = [t for t, _ in results]
                medians[tool] = statistics.median(times)
                ratio = ""
                if tool != "apilint" and "apilint" in medians:
                    ratio = f"  {medians['apilint'] / medians[tool]:.2f}x"
                print(
                    f"{spec.name:<18} {tool:<9} {medians[tool]:>9.2f} {min(times):>7.2f} "
                    f"{max(times):>7.2f} {max(m for _, m in results):>8.0f}{ratio}",
                    flush=True,
                )


def _node_version() -> str:
    try:
        return subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
    except OSError:
        return "absent"


if __name__ == "__main__":
    main()
