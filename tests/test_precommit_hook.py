"""The pre-commit hook with the real ``pre-commit`` tool, through ``pre-commit try-repo``.

Marked ``precommit``: it builds the hook's environment (a virtualenv with apilint installed
from this repository), which takes a minute, so the default test run leaves it out and
``.ci/run`` runs it on its own (``pytest -m precommit``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CLEAN_SPEC, DIRTY_SPEC

ROOT = Path(__file__).resolve().parents[1]
#: CLEAN_SPEC's response schema, moved to a model file
SPLIT_SCHEMA = "schema: {type: array, items: {$ref: 'models/Pet.json'}}"
#: pre-commit from this environment (the test extras), else from PATH
PRE_COMMIT = shutil.which("pre-commit", path=str(Path(sys.executable).parent)) or shutil.which(
    "pre-commit"
)
#: .ci/run sets this: there, a missing tool is a failure, not a reason to skip
REQUIRED = os.environ.get("APILINT_REQUIRE_PRECOMMIT") == "1"
_MISSING = [
    why
    for why, missing in (
        ("git is not installed", shutil.which("git") is None),
        ("pre-commit is not installed (test extras)", PRE_COMMIT is None),
        ("apilint is not a git checkout here", not (ROOT / ".git").exists()),
    )
    if missing
]

pytestmark = [
    pytest.mark.precommit,
    pytest.mark.skipif(bool(_MISSING) and not REQUIRED, reason="; ".join(_MISSING)),
]


def _run(repo: Path, *args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "GIT_AUTHOR_NAME": "t"}
    env.update(GIT_AUTHOR_EMAIL="t@e.x", GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@e.x")
    return subprocess.run(args, cwd=repo, capture_output=True, text=True, env=env, check=False)


def test_the_hook_fails_on_a_bad_spec_and_passes_on_a_good_one(tmp_path: Path) -> None:
    assert not _MISSING, "; ".join(_MISSING)
    repo, home = tmp_path / "repo", tmp_path / "pre-commit-home"
    repo.mkdir()
    (repo / "good.yaml").write_text(CLEAN_SPEC)
    (repo / "bad.yaml").write_text(DIRTY_SPEC)
    (repo / "settings.yaml").write_text("not: [an, openapi, document]\n")
    (repo / "data.json").write_text('{"rows": []}\n')
    # a split spec: the root reaches its model through a $ref
    (repo / "split" / "models").mkdir(parents=True)
    (repo / "split" / "openapi.yaml").write_text(
        CLEAN_SPEC.replace("schema: {type: array, items: {type: string}}", SPLIT_SCHEMA)
    )
    (repo / "split" / "models" / "Pet.json").write_text('{"type": "string"}\n')
    _run(repo, "git", "init", "-q", home=home)
    _run(repo, "git", "add", ".", home=home)

    def hook(*files: str) -> subprocess.CompletedProcess[str]:
        return _run(
            repo, str(PRE_COMMIT), "try-repo", str(ROOT), "apilint", "--files", *files, home=home
        )

    good = hook("good.yaml", "settings.yaml", "data.json")  # non-OpenAPI files: skipped
    assert good.returncode == 0, good.stdout + good.stderr
    assert "Passed" in good.stdout
    bad = hook("bad.yaml", "settings.yaml")
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "Failed" in bad.stdout
    assert "bad.yaml:7:5  error  operation-security" in bad.stdout
    assert "settings.yaml" not in bad.stdout.split("Failed", 1)[1]

    # a commit that changes only the model: the hook gets the fragment, not the root
    assert hook("split/models/Pet.json").returncode == 0
    broken = '{"type": "object", "properties": {"owner": {"$ref": "./DoesNotExist.json"}}}\n'
    (repo / "split" / "models" / "Pet.json").write_text(broken)
    _run(repo, "git", "add", ".", home=home)
    fragment = hook("split/models/Pet.json")
    assert fragment.returncode == 1, fragment.stdout + fragment.stderr
    assert "split/models/Pet.json:1:" in fragment.stdout
    assert "ref-unresolved" in fragment.stdout
