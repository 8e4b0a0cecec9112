"""Remote ``$ref``s: never fetched by default; fetched from http(s) when the config allows it."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

import apilint

SPEC = """\
openapi: 3.0.3
info: {{title: Pets, version: 1.0.0}}
paths:
  /pets:
    get:
      responses:
        "200":
          description: The pets.
          content:
            application/json:
              schema:
                $ref: "{base}/models.yaml#/Pet"
"""


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    served = tmp_path / "served"
    served.mkdir()
    (served / "models.yaml").write_text(
        "Pet:\n  type: object\n  properties:\n    pet_name:\n      $ref: 'names.yaml#/Name'\n"
    )
    (served / "names.yaml").write_text("Name:\n  type: object\n  properties:\n    Given_name: {}\n")
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(served)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def _lint(tmp_path: Path, base: str, refs: dict[str, bool]) -> apilint.Report:
    spec = tmp_path / "openapi.yaml"
    spec.write_text(SPEC.format(base=base))
    camel = {"severity": "warn", "options": {"style": "camel"}}  # a convention the names break
    rules = {"ref-not-followed": "warn", "ref-unresolved": "error", "property-casing": camel}
    return apilint.lint_file(spec, config={"extends": [], "rules": rules, "refs": refs})


def test_remote_ref_is_not_followed_by_default(tmp_path: Path, server: str) -> None:
    report = _lint(tmp_path, server, {})
    assert [(f.rule, f.line, f.pointer) for f in report.findings] == [
        (
            "ref-not-followed",
            12,
            "/paths/~1pets/get/responses/200/content/application~1json/schema/$ref",
        )
    ]


def test_remote_refs_are_fetched_when_allowed_and_findings_name_the_url(
    tmp_path: Path, server: str
) -> None:
    report = _lint(tmp_path, server, {"allow-remote": True})
    assert [(f.file, f.line, f.rule, f.pointer) for f in report.findings] == [
        (f"{server}/models.yaml", 4, "property-casing", "/Pet/properties/pet_name"),
        (f"{server}/names.yaml", 4, "property-casing", "/Name/properties/Given_name"),
    ]


def test_unreachable_remote_ref_is_unresolved_not_a_crash(tmp_path: Path) -> None:
    report = _lint(tmp_path, "http://127.0.0.1:9", {"allow-remote": True})
    assert [f.rule for f in report.findings] == ["ref-unresolved"]
    assert "cannot fetch" in report.findings[0].message
