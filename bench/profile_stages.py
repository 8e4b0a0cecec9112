"""Where a cold lint's time goes, stage by stage, in one process (``recommended``).

    python bench/profile_stages.py [SPEC ...]

With ``--memory`` it prints, instead of times, the resident memory after each stage and its
peak so far (MB, from /proc/self/status, so Linux only), one spec per process for a clean
peak: ``python bench/profile_stages.py --memory SPEC``.

Stages: parse (bytes to data and the YAML position map), ``$ref`` scan, indexes (operations,
parameters, schemas, properties, built on first use: measured here before the rules), each
rule pack (area) without the positions of its findings, the coverage figure, the positions
of all findings (the JSON token scan happens there; the indexes are let go first, as the
engine does) and the JSON output (its pieces made, not written). Default: every
file in ../shared/corpus/large/.
"""

from __future__ import annotations

import gc
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

from apilint.analysis.coverage import measure
from apilint.lint.config import build_config
from apilint.lint.engine import _Collector, _document, _where
from apilint.lint.findings import Report
from apilint.reporters import rendering_chunks
from apilint.source.loader import load_file

LARGE = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "large"


def resident() -> str:
    """Resident memory now and at its peak so far, in MB."""
    status = Path("/proc/self/status").read_text()
    now, peak = (int(re.findall(rf"{key}:\s+(\d+)", status)[0]) for key in ("VmRSS", "VmHWM"))
    return f"{now // 1024} MB (peak {peak // 1024})"


def profile(spec: Path, memory: dict[str, str] | None = None) -> dict[str, float]:
    config = build_config({"extends": ["recommended"]})
    stages: dict[str, float] = defaultdict(float)

    def record(stage: str) -> None:
        if memory is not None:
            memory[stage] = resident()

    record("start")
    start = time.perf_counter()
    loaded = load_file(spec.resolve(), config.max_bytes)
    stages["parse"] = time.perf_counter() - start
    record("parse")
    doc = _document(loaded, spec, config)
    mark = time.perf_counter()
    doc.workspace.scan()
    stages["$ref scan"] = time.perf_counter() - mark
    record("$ref scan")
    mark = time.perf_counter()
    for index in ("operations", "parameters", "request_bodies", "responses", "schemas"):
        getattr(doc, index)
    doc.properties  # noqa: B018  (built on first use)
    stages["indexes"] = time.perf_counter() - mark
    record("indexes")
    settings = config.settings_for(doc.workspace.root_key)
    collector = _Collector(doc, config, settings)
    located: list[tuple[str, object, str]] = []
    for rule in config.registry:
        setting = settings[rule.id]
        if setting.severity is None or doc.version not in rule.formats:
            continue
        mark = time.perf_counter()
        found = [
            (rule.id, _where(doc, where), message)
            for where, message in rule.check(doc, setting.options)
        ]
        stages[f"rules: {rule.area}"] += time.perf_counter() - mark
        located.extend(found)
    record("rules")
    for rule_id, where, message in located:
        collector.add(rule_id, where, message)  # type: ignore[arg-type]
    located.clear()
    mark = time.perf_counter()
    measure(doc)
    stages["coverage"] = time.perf_counter() - mark
    doc.forget_indexes()  # as the engine does before locating
    mark = time.perf_counter()
    findings = collector.located()
    stages["positions + identities"] = time.perf_counter() - mark
    record("positions + identities")
    mark = time.perf_counter()
    for _ in rendering_chunks("json", Report.build(findings), False):
        pass
    stages["json output"] = time.perf_counter() - mark
    record("json output")
    stages["total"] = time.perf_counter() - start
    return stages


def main() -> None:
    gc.disable()  # as the command does
    arguments = sys.argv[1:]
    if arguments[:1] == ["--memory"]:
        memory: dict[str, str] = {}
        profile(Path(arguments[1]), memory)
        for stage, amount in memory.items():
            print(f"{stage:<24}{amount:>24}")
        return
    specs = [Path(a) for a in arguments] or sorted(LARGE.glob("*"))
    results = {spec.name: profile(spec) for spec in specs}
    names = list(dict.fromkeys(stage for stages in results.values() for stage in stages))
    print(f"{'stage':<24}" + "".join(f"{name:>18}" for name in results))
    for stage in names:
        cells = "".join(f"{results[n].get(stage, 0.0):>17.2f}s" for n in results)
        print(f"{stage:<24}{cells}")


if __name__ == "__main__":
    main()
