"""bench/bench_peers.py compares like with like: one call per tool, explicit configs, no telemetry.

The peers themselves (npm) are not needed: the command lines, the environment and the parsing
of each tool's JSON are checked here, and the script is run end to end with apilint alone.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
EXAMPLE = ROOT / "examples" / "bookstore.yaml"


@pytest.fixture(scope="module")
def peers() -> Iterator[ModuleType]:
    """bench_peers as a module (bench/ is a folder of scripts, not a package)."""
    sys.path.insert(0, str(BENCH))
    try:
        import bench_peers

        yield bench_peers
    finally:
        sys.path.remove(str(BENCH))


def test_each_tool_lints_a_corpus_in_one_call(peers: ModuleType, tmp_path: Path) -> None:
    files = [tmp_path / "a.yaml", tmp_path / "b.json"]
    binary = Path("/npm/.bin/tool")
    apilint = peers.command("apilint", [tmp_path], None, tmp_path, "1")
    assert apilint[1:] == [
        "lint",
        "--no-cache",
        "-j",
        "1",
        "-f",
        "json",
        "-c",
        str(tmp_path / "apilint.yaml"),
        str(tmp_path),
    ]
    assert peers.command("redocly", files, binary, tmp_path, "1") == [
        str(binary),
        "lint",
        "--config",
        str(tmp_path / "redocly.yaml"),
        "--format",
        "json",
        *map(str, files),
    ]
    assert peers.command("spectral", files, binary, tmp_path, "1") == [
        str(binary),
        "lint",
        "-r",
        str(tmp_path / "spectral.yaml"),
        "-f",
        "json",
        "--quiet",
        *map(str, files),
    ]


def test_each_tool_gets_its_recommended_rules(peers: ModuleType, tmp_path: Path) -> None:
    peers.write_configs(tmp_path)
    assert json.loads((tmp_path / "apilint.yaml").read_text()) == {"extends": ["recommended"]}
    assert (tmp_path / "redocly.yaml").read_text() == "extends:\n  - recommended\n"
    assert (tmp_path / "spectral.yaml").read_text() == 'extends: ["spectral:oas"]\n'


def test_every_process_runs_with_redocly_telemetry_off(
    peers: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REDOCLY_TELEMETRY", "on")
    environment = peers.peer_environment()
    assert environment["REDOCLY_TELEMETRY"] == "off"
    assert environment["PATH"] == os.environ["PATH"]


def test_what_each_tool_reported(peers: ModuleType) -> None:
    apilint = {"files": ["a", "b"], "findings": [{}, {}, {}], "errors": [{}]}
    assert peers.reported("apilint", json.dumps(apilint)) == "2 files, 4 problems"
    # Redocly: one JSON document per file; its totals count the problems it did not list
    document = {"totals": {"errors": 1, "warnings": 1200, "ignored": 0}, "problems": []}
    empty = {"totals": {"errors": 0, "warnings": 0, "ignored": 0}, "problems": []}
    redocly = json.dumps(document) + "\n" + json.dumps(empty) + "\n"
    assert peers.reported("redocly", redocly) == "2 files, 1,201 problems"
    spectral = json.dumps([{"source": "a"}, {"source": "a"}, {"source": "b"}])
    assert peers.reported("spectral", spectral) == "problems in 2 files, 3 problems"


def test_cpu_time_is_measured_beside_wall_time() -> None:
    sys.path.insert(0, str(BENCH))
    try:
        from bench_large import measure_process
    finally:
        sys.path.remove(str(BENCH))
    busy = "import time\nend = time.process_time() + 0.3\nwhile time.process_time() < end: pass"
    run = measure_process([sys.executable, "-c", busy], allowed=(0,))
    assert 0.25 < run.cpu_seconds <= run.seconds + 0.05
    assert run.peak_mb > 1


@pytest.mark.skipif(
    not (Path(sys.executable).parent / "apilint").exists(), reason="no apilint console script"
)
def test_the_corpus_mode_end_to_end_with_apilint_alone(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(EXAMPLE, corpus / "bookstore.yaml")
    shutil.copy(EXAMPLE, corpus / "copy.yaml")
    (corpus / "notes.txt").write_text("not a spec\n")
    options = ["--corpus", str(corpus), "--runs", "2", "--tools", "apilint"]
    done = subprocess.run(
        [sys.executable, str(BENCH / "bench_peers.py"), *options],
        capture_output=True,
        text=True,
        check=True,
    )
    lines = done.stdout.splitlines()
    assert lines[0].startswith("apilint peers bench: ")
    assert " -j 1, " in lines[0] and "2 interleaved runs" in lines[0]
    assert lines[2].startswith("corpus (2 files): untimed check: apilint 2 files, ")
    assert lines[3].split()[:3] == ["corpus", "(2", "files)"]
    assert lines[3].split()[3] == "apilint"
    assert lines[-1].startswith("load at the end ")
