"""Spectral rulesets run by apilint beside the real Spectral: the same findings, and the time.

    python bench/bench_spectral_parity.py [--ruleset FILE ...] [SPEC ...]

Without arguments it runs public rulesets (installed with npm into the bench cache: the
Zalando guide of @baloise/spectral-rules and @rhoas/spectral-ruleset, in YAML; Stoplight's
OWASP, documentation and URL-versioning rulesets, JavaScript modules) on every
spec of ../shared/corpus/real/, with Spectral 6.16.3 (installed as ``bench_peers.py`` does)
and with ``apilint lint --ruleset``. A finding is its rule and line; per spec it prints how many
each tool found and how many both found, and lists what only one found. Specs on which Spectral
stops with an error are counted apart (apilint's filters are false where Spectral's throw).
Only the rulesets' own rules are compared: findings of rules whose functions are JavaScript,
which apilint does not run, are counted apart (Spectral's side only), and ``spectral:oas`` is
apilint's own rules under apilint's ids (see the README's peer table), not compared here.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from bench_peers import install_peers, peer_environment

from apilint.spectral.custom import not_run
from apilint.spectral.ruleset import load_ruleset

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT.parent / "shared" / "corpus" / "real"
CACHE = Path.home() / ".cache" / "apilint-bench"
RULESET_PACKAGES = (
    "@baloise/spectral-rules@1.5.0",
    "@rhoas/spectral-ruleset@0.3.1",
    "@stoplight/spectral-owasp-ruleset@2.0.1",
    "@stoplight/spectral-documentation@1.3.1",
    "@stoplight/spectral-url-versioning@1.0.6",
)
DEFAULT_RULESETS = (
    "node_modules/@baloise/spectral-rules/zalando.yml",
    "node_modules/@rhoas/spectral-ruleset/ruleset.yaml",
    "node_modules/@stoplight/spectral-owasp-ruleset/dist/ruleset.js",
    "node_modules/@stoplight/spectral-documentation/dist/ruleset.js",
    "node_modules/@stoplight/spectral-url-versioning/dist/ruleset.js",
)

Key = tuple[str, int]


def install_rulesets() -> list[Path]:
    folder = CACHE / "rulesets"
    wanted = [folder / path for path in DEFAULT_RULESETS]
    if not all(path.is_file() for path in wanted):
        folder.mkdir(parents=True, exist_ok=True)
        command = ["npm", "install", "--silent", "--no-audit", "--no-fund", *RULESET_PACKAGES]
        subprocess.run(command, cwd=folder, check=True)
    return wanted


def spectral(binary: Path, ruleset: Path, spec: Path) -> tuple[Counter[Key] | None, float]:
    started = time.perf_counter()
    done = subprocess.run(
        [str(binary), "lint", "-r", str(ruleset), str(spec), "-f", "json", "-q"],
        capture_output=True,
        text=True,
        env=peer_environment(),
    )
    took = time.perf_counter() - started
    text = done.stdout.strip()
    if not text.startswith("["):
        return None, took
    found: Counter[Key] = Counter()
    for result in json.loads(text[: text.rindex("]") + 1]):
        found[(result["code"], result["range"]["start"]["line"] + 1)] += 1
    return found, took


def apilint(ruleset: Path, spec: Path) -> tuple[Counter[Key], float]:
    started = time.perf_counter()
    command = [str(Path(sys.executable).parent / "apilint"), "lint", "--no-cache", "-f", "json"]
    done = subprocess.run(
        [*command, "--ruleset", str(ruleset), str(spec)],
        capture_output=True,
        text=True,
    )
    took = time.perf_counter() - started
    found: Counter[Key] = Counter()
    for finding in json.loads(done.stdout)["findings"]:
        for place in (finding, *finding.get("related", [])):
            found[(finding["rule"], place["line"])] += 1
    return found, took


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("specs", nargs="*", type=Path)
    parser.add_argument("--ruleset", action="append", type=Path, default=[])
    args = parser.parse_args(argv)
    specs = args.specs or sorted(REAL.iterdir())
    rulesets = args.ruleset or install_rulesets()
    binary = install_peers(["spectral"])["spectral"]
    for ruleset in rulesets:
        loaded = load_ruleset(ruleset)
        javascript = {line.split("'")[1] for line in not_run(loaded)}
        own = set(loaded.rules) - javascript  # spectral:oas is apilint's own rules, own ids
        totals: Counter[str] = Counter()
        print(f"== {ruleset.name} ({ruleset.parent.name})")
        for spec in specs:
            theirs, their_time = spectral(binary, ruleset, spec)
            ours, our_time = apilint(ruleset, spec)
            totals["apilint s"] += our_time
            if theirs is None:
                totals["spectral stopped"] += 1
                continue
            totals["spectral s"] += their_time
            expected = Counter({k: v for k, v in theirs.items() if k[0] in own})
            ours = Counter({k: v for k, v in ours.items() if k[0] in own})
            both = expected & ours
            totals["specs"] += 1
            totals["spectral"] += sum(expected.values())
            javascript_found = sum(v for k, v in theirs.items() if k[0] in javascript)
            totals["javascript only"] += javascript_found
            totals["apilint"] += sum(ours.values())
            totals["both"] += sum(both.values())
            counts = (sum(expected.values()), sum(ours.values()), sum(both.values()))
            print(
                f"{spec.name:42} spectral {counts[0]:5}  apilint {counts[1]:5}  both {counts[2]:5}"
            )
            for key in sorted(expected - ours)[:3]:
                print(f"    only Spectral {key}")
            for key in sorted(ours - expected)[:3]:
                print(f"    only apilint  {key}")
        print(dict(totals))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
