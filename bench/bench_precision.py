"""Findings per operation on real specs, per rule, beside Redocly CLI: is every finding worth it?

    python bench/bench_precision.py [--preset recommended] [--no-redocly] [--top 40] [SPEC ...]

Without SPEC arguments it lints every file in ../shared/corpus/real/ with the preset and no
organisation config, as a team adopting apilint would. It prints, in one run:

- findings per operation overall and per rule (operations counted by apilint's document model,
  the same denominator for every tool);
- the duplicates it finds: nodes that two rules report (same file and pointer), and messages
  repeated at many places (one rule, one message, more than ``--repeat`` places in one file);
- Redocly CLI's ``recommended`` findings per operation on the same specs, run with a high
  ``--max-problems`` (its JSON output stops at 100 problems per file by default). Redocly is
  installed with npm into the bench cache as ``bench_peers.py`` does.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

from bench_peers import install_peers, peer_environment

from apilint.api import lint_file
from apilint.lint.engine import load_document
from apilint.lint.findings import Finding
from apilint.source.loader import LoadError

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT.parent / "shared" / "corpus" / "real"


def operations(spec: Path) -> int:
    try:
        doc, _ = load_document(spec)
    except LoadError:
        return 0
    return len(doc.operations)


def redocly_count(binary: Path, spec: Path) -> int | None:
    """How many problems Redocly's ``recommended`` reports on ``spec`` (None: it failed)."""
    command = [str(binary), "lint", "--format", "json", "--max-problems", "1000000", str(spec)]
    done = subprocess.run(
        command, capture_output=True, text=True, cwd=spec.parent, env=peer_environment()
    )
    try:
        return len(json.loads(done.stdout)["problems"])
    except (json.JSONDecodeError, KeyError):
        return None


def shared_nodes(findings: list[Finding]) -> Counter[tuple[str, str]]:
    """Pairs of rules that report the same node (file and pointer), with how often."""
    by_node: dict[tuple[str, str], set[str]] = defaultdict(set)
    for finding in findings:
        by_node[finding.file, finding.pointer].add(finding.rule)
    pairs: Counter[tuple[str, str]] = Counter()
    for rules in by_node.values():
        ordered = sorted(rules)
        for i, first in enumerate(ordered):
            for second in ordered[i + 1 :]:
                pairs[first, second] += 1
    return pairs


def repeated_messages(findings: list[Finding], at_least: int) -> list[tuple[int, Finding]]:
    """Messages one rule prints at ``at_least`` places or more in one file."""
    places: dict[tuple[str, str, str], list[Finding]] = defaultdict(list)
    for finding in findings:
        places[finding.file, finding.rule, finding.message].append(finding)
    found = [(len(group), group[0]) for group in places.values() if len(group) >= at_least]
    return sorted(found, key=lambda pair: (-pair[0], pair[1].file))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("specs", nargs="*", type=Path)
    parser.add_argument("--preset", default="recommended")
    parser.add_argument("--no-redocly", action="store_true", help="leave Redocly out")
    parser.add_argument("--top", type=int, default=40, help="rules shown (default 40)")
    parser.add_argument("--repeat", type=int, default=5, help="a message at this many places")
    parser.add_argument("--per-spec", action="store_true", help="a line per spec too")
    args = parser.parse_args()
    specs = args.specs or sorted(p for p in REAL.glob("*") if p.suffix in {".yaml", ".json"})
    if not specs:
        raise SystemExit(f"no specs given and none found in {REAL}")
    redocly = None if args.no_redocly else install_peers(["redocly"])["redocly"]

    all_findings: list[Finding] = []
    total_ops = 0
    redocly_total = 0
    redocly_ops = 0
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        config = Path(folder) / "precision.apilint.yaml"
        config.write_text(json.dumps({"extends": [args.preset]}))
        for spec in specs:
            ops = operations(spec)
            report = lint_file(spec, config)
            all_findings.extend(report.findings)
            total_ops += ops
            theirs = redocly_count(redocly, spec) if redocly else None
            if theirs is not None:
                redocly_total += theirs
                redocly_ops += ops
            rows.append((spec.name, ops, len(report.findings), theirs))

    print(f"{len(specs)} specs, {total_ops} operations, preset {args.preset}")
    if args.per_spec:
        print(f"\n{'spec':<40} {'ops':>5} {'apilint':>8} {'/op':>6} {'redocly':>8} {'/op':>6}")
        for name, ops, ours, theirs in rows:
            per = ours / ops if ops else 0.0
            them = "" if theirs is None else f"{theirs:>8} {theirs / ops if ops else 0:>6.2f}"
            print(f"{name:<40} {ops:>5} {ours:>8} {per:>6.2f} {them}")

    by_rule = Counter(f.rule for f in all_findings)
    severity = {f.rule: f.severity.label for f in all_findings}
    print(f"\n{'rule':<34} {'severity':<8} {'findings':>8} {'per op':>7}")
    for rule_id, count in by_rule.most_common(args.top):
        print(f"{rule_id:<34} {severity[rule_id]:<8} {count:>8} {count / total_ops:>7.3f}")
    by_severity = Counter(f.severity.label for f in all_findings)
    print(
        f"\napilint {args.preset}: {len(all_findings)} findings, "
        f"{len(all_findings) / total_ops:.2f} per operation "
        f"({', '.join(f'{k} {v}' for k, v in sorted(by_severity.items()))})"
    )
    if redocly is not None and redocly_ops:
        print(
            f"Redocly recommended: {redocly_total} problems, "
            f"{redocly_total / redocly_ops:.2f} per operation"
        )

    pairs = shared_nodes(all_findings)
    print(f"\ntwo rules on one node: {sum(pairs.values())} nodes")
    for (first, second), count in pairs.most_common(10):
        print(f"  {count:>6}  {first} + {second}")
    repeats = repeated_messages(all_findings, args.repeat)
    print(f"\none message at {args.repeat}+ places in one file: {len(repeats)} messages")
    for count, finding in repeats[:10]:
        print(f"  {count:>6}  {Path(finding.file).name}: {finding.rule}: {finding.message[:70]}")


if __name__ == "__main__":
    main()
