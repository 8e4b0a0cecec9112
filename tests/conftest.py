"""Shared helpers: small inline specs, config and plugin writers, and a CLI runner."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from apilint.cli import main

#: A spec with no finding under any preset.
CLEAN_SPEC = """\
openapi: 3.0.3
info:
  title: Pets
  version: 1.0.0
  description: Pet store.
  termsOfService: https://pets.example/terms
  contact: {name: Team, email: team@pets.example}
  license: {name: MIT, url: https://opensource.org/licenses/MIT}
servers:
  - url: https://api.pets.dev/v1
tags:
  - name: pets
    description: The pets.
paths:
  /pets:
    get:
      operationId: listPets
      summary: List pets
      description: Every pet in the store.
      tags: [pets]
      security: [{key: []}]
      responses:
        '200':
          description: The pets.
          content:
            application/json:
              schema: {type: array, items: {type: string}}
              example: [Rex]
        '401':
          description: No valid key.
          content:
            application/json:
              schema: {type: string}
        '403':
          description: Not allowed.
          content:
            application/json:
              schema: {type: string}
        '429':
          description: Too many requests.
          content:
            application/json:
              schema: {type: string}
        default:
          description: An error.
          content:
            application/json:
              schema: {type: string}
components:
  securitySchemes:
    key: {type: apiKey, in: header, name: X-Key}
"""

#: A spec with exactly the findings of DIRTY_FINDINGS under the ``recommended`` preset.
DIRTY_SPEC = """\
openapi: 3.0.3
info:
  title: Pets
  version: latest
paths:
  /userAccounts/{id}:
    get:
      operationId: get_user
      responses:
        '200':
          description: ok
"""

#: A config that sets the organisation's naming convention (without one, casing rules only ask
#: a spec to be consistent with itself, and a one-operation spec always is).
CONVENTION_CONFIG = """\
rules:
  path-segment-casing: {options: {style: kebab}}
  operation-id-casing: {options: {style: camel}}
  property-casing: {options: {style: camel}}
"""

#: (line, column, severity, rule) of every DIRTY_SPEC finding under ``recommended``, sorted.
DIRTY_FINDINGS = [
    (2, 1, "warn", "info-contact"),
    (2, 1, "warn", "info-description"),
    (2, 1, "warn", "info-license"),
    (4, 3, "warn", "info-version-format"),
    (7, 5, "info", "operation-description"),
    (7, 5, "error", "operation-security"),
    (7, 5, "warn", "operation-summary"),
    (7, 5, "warn", "operation-tags"),
    (7, 5, "error", "path-params-defined"),
    (9, 7, "warn", "operation-responses"),
]
DIRTY_RULES = sorted(rule for _, _, _, rule in DIRTY_FINDINGS)

#: The same under ``strict``: warnings become errors, and rules outside ``recommended`` join.
STRICT_DIRTY_FINDINGS = sorted(
    [
        (1, 1, "error", "documentation-coverage"),
        (1, 1, "error", "servers-defined"),
        (2, 1, "info", "info-terms-of-service"),
        (5, 1, "error", "versioning-policy"),
        (9, 7, "error", "rate-limit-response"),
        *[
            (line, col, "error" if sev == "warn" else sev, rule)
            for line, col, sev, rule in DIRTY_FINDINGS
        ],
    ],
    key=lambda f: (f[0], f[1], f[3]),
)

#: The text line that gives the documentation coverage of DIRTY_SPEC and of CLEAN_SPEC.
DIRTY_COVERAGE = "documentation coverage 42.9% (info 40%, operations 0%, responses 100%)"
CLEAN_COVERAGE = "documentation coverage 100% (info 100%, operations 100%, responses 100%)"

#: A rule module: one rule with an option, not part of any built-in module.
PLUGIN_SOURCE = '''\
from apilint.lint.declare import rule


@rule(
    "operation-id-prefix",
    area="naming",
    severity="warn",
    summary="operationIds start with the team prefix.",
    options={"prefix": {"type": "string", "minLength": 1, "default": "acme"}},
)
def operation_id_prefix(doc, options):
    """operationIds start with the prefix.

    Why: tests.
    """
    for operation in doc.operations:
        op_id = operation.operation_id
        if op_id and not op_id.startswith(options["prefix"]):
            yield (
                operation.loc.child("operationId"),
                f"operationId '{op_id}' lacks the prefix '{options['prefix']}'",
            )
'''

#: A rule module whose only rule raises.
CRASHING_PLUGIN_SOURCE = '''\
from apilint.lint.declare import rule


@rule("always-crash", area="documentation", severity="warn", summary="Crashes.")
def always_crash(doc, options):
    """Raises on every document.

    Why: tests.
    """
    raise RuntimeError("boom\\nsecond line")
    yield
'''


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty project folder that is also the working folder (so paths print relative)."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str], Path]:
    """``write("a/b.yaml", text)``: create a file under tmp_path (and its folders)."""

    def _write(relative: str, text: str) -> Path:
        path = tmp_path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    return _write


@pytest.fixture
def plugin_module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., str]]:
    """``plugin_module(name, source)``: an importable module on sys.path, removed afterwards."""
    names: list[str] = []
    folder = tmp_path / "site"
    folder.mkdir()
    monkeypatch.syspath_prepend(str(folder))

    def _make(name: str, source: str = PLUGIN_SOURCE) -> str:
        (folder / f"{name}.py").write_text(source, encoding="utf-8")
        names.append(name)
        return name

    yield _make
    for name in names:
        sys.modules.pop(name, None)


def run(*args: str) -> Result:
    """Run ``apilint`` in process; stdout and stderr are kept apart."""
    return CliRunner().invoke(main, [str(a) for a in args])


def run_json(*args: str) -> tuple[int, dict[str, Any]]:
    """``apilint lint --format json ARGS``: the exit code and the parsed output."""
    result = run("lint", "--format", "json", *args)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, json.loads(result.stdout)


def located(payload: dict[str, Any]) -> list[tuple[int, int, str, str]]:
    """(line, column, severity, rule) of each finding in JSON output, in output order."""
    return [(f["line"], f["column"], f["severity"], f["rule"]) for f in payload["findings"]]


def rule_ids(payload: dict[str, Any]) -> list[str]:
    """The rule of each finding in JSON output, sorted."""
    return sorted(f["rule"] for f in payload["findings"])


@pytest.fixture
def lints(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The root files really linted (not answered from the result cache), in order."""
    from apilint.lint import engine

    seen: list[str] = []
    real = engine._lint_document

    def counting(doc, config, shown, observer=None):  # type: ignore[no-untyped-def]
        seen.append(shown)
        return real(doc, config, shown, observer)

    monkeypatch.setattr(engine, "_lint_document", counting)
    return seen


@pytest.fixture(autouse=True)
def _own_result_cache(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Every test gets an empty result cache of its own (the CLI caches by default)."""
    monkeypatch.setenv("APILINT_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


def plugin_wheel(folder: Path, source: str, entry_points: str) -> Path:
    """A wheel of a plugin package (``acme-api-rules``: module ``acme_api_rules`` with
    ``source``, and ``entry_points`` as in ``entry_points.txt``), written as a wheel is: the
    module and its ``.dist-info`` in a zip, for pip to install."""
    info = "acme_api_rules-1.0.dist-info"
    files = {
        "acme_api_rules.py": source,
        f"{info}/METADATA": "Metadata-Version: 2.1\nName: acme-api-rules\nVersion: 1.0\n",
        f"{info}/WHEEL": "Wheel-Version: 1.0\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
        f"{info}/entry_points.txt": entry_points,
    }
    record = [f"{name},," for name in files] + [f"{info}/RECORD,,"]
    wheel = folder / "acme_api_rules-1.0-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
        archive.writestr(f"{info}/RECORD", "\n".join(record) + "\n")
    return wheel


def pip_install(wheel: Path, target: Path) -> None:
    """Install a wheel with pip into ``target`` (a folder put on PYTHONPATH), offline."""
    pip = [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-index"]
    subprocess.run([*pip, "--target", str(target), str(wheel)], check=True)


@pytest.fixture(autouse=True)
def _no_colour_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests decide colour themselves: NO_COLOR or FORCE_COLOR in the shell running them
    would change every text output."""
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
