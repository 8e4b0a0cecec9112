"""Spectral rulesets on the largest spec: apilint against Redocly's ``recommended`` (and,
with ``--spectral``, Spectral itself on the same ruleset).

    python bench/bench_spectral_speed.py [SPEC] [--runs 3] [--spectral]

SPEC defaults to the largest file of ``../shared/corpus/large``. The rulesets are the public
ones of ``bench_spectral_parity.py`` (installed with npm into the bench cache on first use):
the Zalando guide (32 rules, 7 of them JavaScript functions), Stoplight's OWASP ruleset (32
rules, a JavaScript module), OWASP with Stoplight's documentation ruleset (46 rules) and the
Zalando guide with OWASP (64 rules). Each tool runs
in a process of its own, ``--no-cache`` for apilint, rounds interleaved; the medians of wall
time, CPU time (user + system) and peak memory are printed.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
from pathlib import Path

from bench_large import LARGE, ProcessRun, measure_process
from bench_peers import apilint_command, install_peers, peer_environment
from bench_spectral_parity import install_rulesets

#: name -> the installed rulesets it extends (indexes into install_rulesets()'s list)
COMBINATIONS = {
    "zalando": (0,),
    "owasp": (2,),
    "owasp+documentation": (2, 3),
    "zalando+owasp": (0, 2),
}


def commands(folder: Path, spec: Path, spectral: bool) -> dict[str, list[str]]:
    """Each measured command, by label."""
    installed = install_rulesets()
    binaries = install_peers(["redocly", "spectral"] if spectral else ["redocly"])
    found: dict[str, list[str]] = {}
    for name, picks in COMBINATIONS.items():
        ruleset = folder / f"{name}.yaml"
        ruleset.write_text(
            "extends:\n" + "".join(f"  - {installed[pick]}\n" for pick in picks),
            encoding="utf-8",
        )
        found[f"apilint {name}"] = [
            *(apilint_command(), "lint", "--no-cache", "--ruleset", str(ruleset)),
            *("-f", "json", str(spec)),
        ]
        if spectral:
            found[f"spectral {name}"] = [
                str(binaries["spectral"]),
                *("lint", "-r", str(ruleset), "-f", "json", "--quiet", str(spec)),
            ]
    redocly = folder / "redocly.yaml"
    redocly.write_text("extends:\n  - recommended\n", encoding="utf-8")
    found["redocly recommended"] = [
        str(binaries["redocly"]),
        *("lint", "--config", str(redocly), "--format", "json", str(spec)),
    ]
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("spec", nargs="?", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--spectral", action="store_true", help="measure Spectral too (slow)")
    args = parser.parse_args()
    spec = args.spec or max(LARGE.iterdir(), key=lambda path: path.stat().st_size)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        measured = commands(folder, spec, args.spectral)
        runs: dict[str, list[ProcessRun]] = {label: [] for label in measured}
        for _ in range(args.runs):
            for label, command in measured.items():
                runs[label].append(
                    measure_process(command, allowed=(0, 1, 2), env=peer_environment(), cwd=folder)
                )
    print(f"{spec.name} ({spec.stat().st_size / 1e6:.1f} MB), medians of {args.runs} runs:")
    for label, done in runs.items():
        wall = statistics.median(run.seconds for run in done)
        cpu = statistics.median(run.cpu_seconds for run in done)
        peak = statistics.median(run.peak_mb for run in done)
        print(f"  {label:<24} {wall:6.2f} s wall {cpu:6.2f} s CPU {peak:6.0f} MB")


if __name__ == "__main__":
    main()
