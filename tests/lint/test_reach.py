"""The reverse $ref index: a changed fragment of a split spec leads to the roots that reach it,
as the pre-commit hook needs (it is handed the fragment, not the root)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import apilint
from apilint.lint import reach

Write = Callable[[str, str], Path]

ROOT = """\
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /pets:
    get:
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: "models/Pet.json"}
"""


@pytest.fixture
def split(project: Path, write: Write) -> Path:
    (project / ".git").mkdir()  # a work tree's root: where roots are looked for
    write("api/openapi.yaml", ROOT)
    write(
        "api/models/Pet.json", '{"type": "object", "properties": {"owner": {"$ref": "Owner.json"}}}'
    )
    write("api/models/Owner.json", '{"type": "string"}')
    write("other/openapi.yaml", ROOT.replace("models/Pet.json", "Thing.json"))
    write("other/Thing.json", '{"type": "string"}')
    return project


def test_a_fragment_leads_to_the_roots_that_reach_it(split: Path) -> None:
    found = reach.roots_reaching([Path("api/models/Owner.json")])
    assert found == [Path("api/openapi.yaml")]
    assert reach.roots_reaching([Path("other/Thing.json"), Path("api/models/Pet.json")]) == [
        Path("api/openapi.yaml"),
        Path("other/openapi.yaml"),
    ]
    assert reach.roots_reaching([Path("nowhere.json")]) == []


def test_the_index_is_kept_and_follows_changes(
    split: Path, write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    loads: list[str] = []
    real = reach.reached_files

    def counting(spec: Path, config: object = None) -> list[str]:
        loads.append(str(spec))
        return real(spec, config)  # type: ignore[arg-type]

    monkeypatch.setattr(reach, "reached_files", counting)
    cache = split / "cache"
    assert reach.roots_reaching([Path("api/models/Owner.json")], None, cache)
    assert len(loads) == 2  # each root once
    assert reach.roots_reaching([Path("api/models/Owner.json")], None, cache)
    assert len(loads) == 2  # nothing changed: the kept index answers
    write("other/Thing.json", '{"$ref": "../api/models/Owner.json"}')  # now other reaches it too
    found = reach.roots_reaching([Path("api/models/Owner.json")], None, cache)
    assert found == [Path("api/openapi.yaml"), Path("other/openapi.yaml")]
    assert len(loads) == 3  # only the root whose files changed was read again


def test_the_hook_run_lints_the_roots_of_a_broken_fragment(split: Path, write: Write) -> None:
    write("api/models/Owner.json", '{"$ref": "./DoesNotExist.json"}')
    report = apilint.lint_paths(["api/models/Owner.json"], skip_non_specs=True)
    assert report.files == ("api/openapi.yaml",)
    assert ("api/models/Owner.json", "ref-unresolved") in {
        (f.file, f.rule) for f in report.findings
    }
    assert report.exit_code() == 1
