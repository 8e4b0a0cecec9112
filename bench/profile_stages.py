"""Where a cold lint's time goes, stage by stage, in one process (``recommended``).

    python bench/profile_stages.py [SPEC ...]

Stages: parse (bytes to data and the YAML position map), ``$ref`` scan, indexes (operations,
parameters, schemas, properties, built on first use: measured here before the rules), each
rule pack (area) without the positions of its findings, the positions of all findings (the
JSON token scan happens there), the coverage figure and the JSON output. Default: every
file in ../shared/corpus/large/.
"""

from __future__ import annotations

import gc
import sys
import time
from collections import defaultdict
from pathlib import Path

from apilint.config import build_config
from apilint.coverage import measure
from apilint.engine import _Collector, _document, _where
from apilint.findings import Report
from apilint.loader import load_file
from apilint.reporters import FORMATS

LARGE = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "large"


def profile(spec: Path) -> dict[str, float]:
    config = build_config({"extends": ["recommended"]})
    stages: dict[str, float] = defaultdict(float)
    start = time.perf_counter()
    loaded = load_file(spec.resolve(), config.max_bytes)
    stages["parse"] = time.perf_counter() - start
    doc = _document(loaded, spec, config)
    mark = time.perf_counter()
    doc.workspace.scan()
    stages["$ref scan"] = time.perf_counter() - mark
    mark = time.perf_counter()
    for index in ("operations", "parameters", "request_bodies", "responses", "schemas"):
        getattr(doc, index)
    doc.properties  # noqa: B018  (built on first use)
    stages["indexes"] = time.perf_counter() - mark
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
    mark = time.perf_counter()
    for rule_id, where, message in located:
        collector.add(rule_id, where, message)  # type: ignore[arg-type]
    stages["positions + identities"] = time.perf_counter() - mark
    mark = time.perf_counter()
    measure(doc)
    stages["coverage"] = time.perf_counter() - mark
    mark = time.perf_counter()
    FORMATS["json"](Report.build(collector.findings), False)
    stages["json output"] = time.perf_counter() - mark
    stages["total"] = time.perf_counter() - start
    return stages


def main() -> None:
    gc.disable()  # as the command does
    specs = [Path(a) for a in sys.argv[1:]] or sorted(LARGE.glob("*"))
    results = {spec.name: profile(spec) for spec in specs}
    names = list(dict.fromkeys(stage for stages in results.values() for stage in stages))
    print(f"{'stage':<24}" + "".join(f"{name:>18}" for name in results))
    for stage in names:
        cells = "".join(f"{results[n].get(stage, 0.0):>17.2f}s" for n in results)
        print(f"{stage:<24}{cells}")


if __name__ == "__main__":
    main()
