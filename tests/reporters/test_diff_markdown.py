"""``apilint diff --format markdown``: the pull-request comment (reporters/diff_markdown.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import apilint
from apilint.changes.model import Change, DiffReport
from apilint.cli import main
from apilint.lint.findings import LoadProblem, Place
from apilint.reporters import diff_markdown
from apilint.reporters.changes import DIFF_FORMATS
from apilint.reporters.diff_markdown import render, render_specs

ROOT = Path(__file__).resolve().parents[2]
PAIR = "tests/reporters/diff_markdown"
GOLDEN = ROOT / "tests" / "golden" / "diff.md"

_NOT_BUMPED = "1 breaking change, but info.version went from 1.0.0 to 1.1.0 without a major bump"


def _change(
    kind: str,
    level: str,
    message: str = "something changed",
    *,
    operations: tuple[str, ...] = (),
    line: int = 10,
    old: str = "/a",
    new: str = "/a",
    allowed: str | None = None,
) -> Change:
    return Change(
        id=kind,
        level=level,
        message=message,
        old=Place("old.yaml", line + 1, 1, old),
        new=Place("new.yaml", line, 1, new),
        allowed=allowed,
        operations=operations,
    )


def _report(*changes: Change, versions: tuple[str, str] = ("1.0.0", "1.1.0")) -> DiffReport:
    return DiffReport.build("old.yaml", "new.yaml", changes, versions=versions)


def _not_bumped() -> Change:
    return _change("version-not-bumped", "breaking", _NOT_BUMPED, line=2, new="/info/version")


# -- the whole comment --------------------------------------------------------------------------


def test_markdown_of_a_fixture_pair_matches_its_golden_file(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(ROOT)
    report = apilint.diff(f"{PAIR}/old.yaml", f"{PAIR}/new.yaml")
    assert DIFF_FORMATS["markdown"](report, False) == GOLDEN.read_text(encoding="utf-8")


def test_cli_markdown_is_the_comment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(
        main, ["diff", "-f", "markdown", f"{PAIR}/old.yaml", f"{PAIR}/new.yaml"]
    )
    assert result.exit_code == 1
    assert result.output == GOLDEN.read_text(encoding="utf-8")


def test_a_small_report_exactly() -> None:
    report = _report(
        _not_bumped(),
        _change(
            "operation-removed",
            "breaking",
            "DELETE /pets/{id} removed without being deprecated first",
            operations=("DELETE /pets/{id}",),
            new="/paths/~1pets~1{id}",
            old="/paths/~1pets~1{id}/delete",
        ),
        _change("server-added", "info", "server https://b.example.com added", line=4),
    )
    assert render(report) == (
        "## API changes: `old.yaml` → `new.yaml`\n"
        "\n"
        "❌ **1 breaking change without a major version bump**\n"
        "\n"
        "**Version** `1.0.0` → `1.1.0`: ❌ the version policy needs a major bump for breaking"
        " changes (`new.yaml:2`)\n"
        "\n"
        "**1** breaking · **0** warnings · **1** info\n"
        "\n"
        "### ❌ `DELETE /pets/{id}` · 1 breaking\n"
        "\n"
        "- ❌ **breaking** `operation-removed`: DELETE /pets/{id} removed without being"
        " deprecated first — `new.yaml:10` (was `old.yaml:11`)\n"
        "\n"
        "### ℹ️ Whole API · 1 info\n"
        "\n"
        "<details>\n"
        "<summary>1 info change</summary>\n"
        "\n"
        "- ℹ️ `server-added`: server https://b.example.com added — `new.yaml:4`\n"
        "\n"
        "</details>\n"
    )


# -- the verdict --------------------------------------------------------------------------------


def _first_lines(report: DiffReport) -> list[str]:
    return render(report).splitlines()[2:7:2]


def test_verdict_breaking_without_a_major_bump() -> None:
    report = _report(
        _not_bumped(),
        _change("parameter-removed", "breaking", operations=("GET /a",)),
        _change("response-property-removed", "breaking", operations=("GET /b",), line=20),
    )
    verdict, version, counts = _first_lines(report)
    assert verdict == "❌ **2 breaking changes without a major version bump**"
    assert version.startswith("**Version** `1.0.0` → `1.1.0`: ❌ the version policy needs")
    assert counts == "**2** breaking · **0** warnings · **0** info"


def test_verdict_breaking_changes_the_major_bump_covers() -> None:
    why = "major version bumped from 1.0.0 to 2.0.0"
    report = _report(
        _change("parameter-removed", "breaking", operations=("GET /a",), allowed=why),
        _change("parameter-added", "info", operations=("GET /a",)),
        versions=("1.0.0", "2.0.0"),
    )
    verdict, version, counts = _first_lines(report)
    assert verdict == "⚠️ **1 breaking change, all covered by the version policy**"
    assert version == f"**Version** `1.0.0` → `2.0.0`: ☑️ breaking changes covered: {why}"
    assert counts == "**1** breaking · **0** warnings · **1** info"
    assert f"☑️ **breaking, allowed** `parameter-removed`: something changed *(allowed: {why})*" in (
        render(report)
    )


def test_verdict_no_breaking_change() -> None:
    report = _report(_change("parameter-added", "info", operations=("GET /a",)))
    verdict, version, counts = _first_lines(report)
    assert verdict == "✅ **No breaking changes**"
    assert version == "**Version** `1.0.0` → `1.1.0`: ✅ no breaking change, no major bump needed"
    assert counts == "**0** breaking · **0** warnings · **1** info"


def test_verdict_warnings_only_no_changes_and_unread_sides() -> None:
    warned = _report(_change("request-property-removed", "warning", operations=("PUT /a",)))
    assert _first_lines(warned)[0] == "⚠️ **No breaking changes**, 1 warning"
    same = _report(versions=("1.0.0", "1.0.0"))
    assert _first_lines(same)[:2] == [
        "✅ **No changes**",
        "**Version** `1.0.0` (unchanged): ✅ no breaking change, no major bump needed",
    ]
    problem = LoadProblem("old.yaml", "invalid YAML: a_b", 3, 1)
    unread = DiffReport.build("old.yaml", "new.yaml", errors=[problem])
    assert render(unread).splitlines()[2:] == [
        "⛔ **Not compared**",
        "",
        "- `old.yaml:3`: invalid YAML: a\\_b",
    ]


def test_counts_name_the_uncovered_breaking_changes_when_some_are_covered() -> None:
    sunset = "deprecated, sunset 2020-01-01 has passed"
    report = _report(
        _not_bumped(),
        _change("operation-removed", "breaking", operations=("GET /a",), allowed=sunset),
        _change("parameter-removed", "breaking", operations=("GET /b",), line=20),
    )
    verdict, _, counts = _first_lines(report)
    assert verdict == "❌ **1 breaking change without a major version bump**"
    assert counts == (
        "**2** breaking (1 not covered by the version policy) · **0** warnings · **0** info"
    )


# -- groups -------------------------------------------------------------------------------------


def _headings(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("###")]


def test_groups_breaking_first_then_warnings_then_info_and_the_whole_api_last() -> None:
    report = _report(
        _change("server-removed", "breaking", line=3),
        _change("parameter-added", "info", operations=("GET /a",), line=4),
        _change("request-property-removed", "warning", operations=("POST /z",), line=5),
        _change("parameter-removed", "breaking", operations=("PUT /m", "GET /a"), line=6),
        _change("response-status-added", "info", operations=("PUT /m",), line=7),
        _change("parameter-removed", "breaking", operations=("GET /m",), line=8),
        _change("operation-deprecated", "warning", operations=("GET /a",), line=9),
    )
    assert _headings(render(report)) == [
        "### ❌ `GET /m` · 1 breaking",  # by path, then GET, PUT, POST, DELETE...
        "### ❌ `PUT /m` · 1 breaking, 1 info",
        "### ⚠️ `GET /a` · 1 warning, 1 info",
        "### ⚠️ `POST /z` · 1 warning",
        "### ❌ Whole API · 1 breaking",
    ]


def test_within_a_group_breaking_changes_come_first() -> None:
    op = ("GET /a",)
    report = _report(
        _change("parameter-added", "info", operations=op, line=1),
        _change("operation-deprecated", "warning", operations=op, line=2),
        _change("parameter-removed", "breaking", operations=op, line=3, allowed="why"),
        _change("response-property-removed", "breaking", operations=op, line=4),
    )
    kinds = [line.split("`")[1] for line in render(report).splitlines() if line.startswith("- ")]
    assert kinds == [
        "response-property-removed",  # not covered by the version policy
        "parameter-removed",
        "operation-deprecated",
        "parameter-added",
    ]


def test_a_change_shared_by_operations_is_shown_once_under_the_first() -> None:
    message = "response body schema 'Pet': property 'name' removed (in GET /a and 1 more operation)"
    report = _report(
        _change("response-property-removed", "breaking", message, operations=("GET /a", "GET /b"))
    )
    text = render(report)
    assert _headings(text) == ["### ❌ `GET /a` · 1 breaking"]
    assert "property 'name' removed (also in 1 more operation) —" in text


def test_the_operation_the_heading_names_is_not_repeated() -> None:
    op = ("GET /a",)
    report = _report(
        _change(
            "parameter-removed",
            "breaking",
            "query parameter 'q' removed (in GET /a)",
            operations=op,
        ),
        _change(
            "parameter-added",
            "breaking",
            "p (in GET /a; stability beta: at most warning)",
            operations=op,
            line=3,
        ),
    )
    items = [line for line in render(report).splitlines() if line.startswith("- ")]
    assert items[0].startswith(
        "- ❌ **breaking** `parameter-added`: p (stability beta: at most warning) —"
    )
    assert items[1].startswith(
        "- ❌ **breaking** `parameter-removed`: query parameter 'q' removed —"
    )


@pytest.mark.parametrize(
    ("message", "shown"),
    [
        ("x (in GET /a)", "x"),
        ("x (in GET /a and 2 more operations)", "x (also in 2 more operations)"),
        ("x (in GET /a and 2 more operations; note)", "x (also in 2 more operations; note)"),
        ("x (in GET /a; note)", "x (note)"),
        ("x (in GET /a/b)", "x (in GET /a/b)"),  # another operation
        ("x", "x"),
    ],
)
def test_unrepeated(message: str, shown: str) -> None:
    assert diff_markdown._unrepeated(message, "GET /a") == shown


def test_the_old_place_is_shown_for_what_was_removed_only() -> None:
    report = _report(
        _change("schema-type-changed", "breaking", operations=("GET /a",), line=3),
        _change(
            "operation-added", "info", operations=("GET /b",), new="/paths/~1b/get", old="/paths"
        ),
        _change(
            "response-property-removed",
            "breaking",
            operations=("GET /c",),
            line=5,
            new="/p",
            old="/p/x",
        ),
        _change("server-removed", "breaking", line=7, new="/servers", old="/servers/1"),
    )
    items = [line for line in render(report).splitlines() if line.startswith("- ")]
    assert [item.endswith(")") for item in items] == [False, True, False, True]  # b: info
    assert items[1].endswith("— `new.yaml:5` (was `old.yaml:6`)")


# -- folding and size ---------------------------------------------------------------------------


def test_info_changes_are_folded_and_a_long_group_folds_its_tail() -> None:
    op = ("GET /a",)
    many = [
        _change("parameter-removed", "breaking", f"p{n}", operations=op, line=n) for n in range(60)
    ]
    report = _report(*many, _change("parameter-added", "info", operations=op, line=99))
    lines = render(report).splitlines()
    summaries = [line for line in lines if line.startswith("<summary>")]
    assert summaries == ["<summary>10 more changes</summary>", "<summary>1 info change</summary>"]
    folded = lines.index("<summary>10 more changes</summary>")
    assert lines[folded - 2 : folded + 3] == [
        "",
        "<details>",
        "<summary>10 more changes</summary>",
        "",
        lines[folded + 2],
    ]
    assert sum(1 for line in lines[:folded] if line.startswith("- ")) == diff_markdown.FOLD_AFTER
    assert lines.count("</details>") == 2


def test_past_the_size_budget_the_rest_is_only_counted() -> None:
    changes = [
        _change("parameter-removed", "breaking", "x" * 300, operations=(f"GET /p{n:04}",), line=n)
        for n in range(400)
    ]
    text = render(_report(*changes))
    assert len(text) < 65_536
    listed = sum(1 for line in text.splitlines() if line.startswith("- "))
    assert 100 < listed < 400
    unlisted = 400 - listed
    assert text.endswith(
        f"…and {unlisted} more changes (in {unlisted} more groups), not listed here: see"
        " `apilint diff --format text` or `--format json`.\n"
    )


# -- escaping -----------------------------------------------------------------------------------


def test_messages_are_escaped_for_github_markdown() -> None:
    message = "property 'a|b' <script>alert(1)</script> *x* `y`\nnext"
    report = _report(
        _change("response-property-removed", "breaking", message, operations=("GET /a|b",))
    )
    text = render(report)
    assert "### ❌ `GET /a|b` · 1 breaking" in text  # a heading: no table to break
    assert "property 'a\\|b' \\<script\\>alert(1)\\</script\\> \\*x\\* \\`y\\`<br>next" in text
    assert "<script>" not in text


def test_spec_labels_in_the_table_escape_their_pipes() -> None:
    reports = [("a|b.yaml", _report()), ("c.yaml", _report())]
    assert "| `a\\|b.yaml` | ✅ **No changes** | 0 | 0 | 0 |" in render_specs(reports)


# -- several specs ------------------------------------------------------------------------------


def test_several_specs_have_an_overall_verdict_a_table_and_a_section_each() -> None:
    breaking = _report(
        _not_bumped(), _change("parameter-removed", "breaking", operations=("GET /a",))
    )
    quiet = _report(_change("parameter-added", "info", operations=("GET /b",)))
    unchanged = _report()
    unread = DiffReport.build("main:c.yaml", "c.yaml", errors=[LoadProblem("c.yaml", "bad")])
    reports = [("a.yaml", breaking), ("b.yaml", quiet), ("u.yaml", unchanged), ("c.yaml", unread)]
    lines = render_specs(reports).splitlines()
    assert lines[:13] == [
        "## API changes in 4 specs",
        "",
        "⛔ **1 of 4 specs could not be compared** · ❌ **1 breaking change without a major"
        " version bump in 1 of 4 specs**",
        "",
        "**1** breaking · **0** warnings · **1** info",
        "",
        "| Spec | Verdict | Breaking | Warnings | Info |",
        "| --- | --- | --- | --- | --- |",
        "| `c.yaml` | ⛔ **Not compared** | – | – | – |",  # worst first
        "| `a.yaml` | ❌ **1 breaking change without a major version bump** | 1 | 0 | 0 |",
        "| `b.yaml` | ✅ **No breaking changes** | 0 | 0 | 1 |",
        "| `u.yaml` | ✅ **No changes** | 0 | 0 | 0 |",
        "",
    ]
    sections = [line for line in lines if line.startswith("### ")]
    assert sections == ["### `c.yaml`", "### `a.yaml`", "### `b.yaml`"]
    assert "#### ❌ `GET /a` · 1 breaking" in lines


def test_overall_verdicts_without_failures() -> None:
    why = "major version bumped from 1.0.0 to 2.0.0"
    covered = _report(_change("parameter-removed", "breaking", operations=("GET /a",), allowed=why))
    warned = _report(_change("operation-deprecated", "warning", operations=("GET /a",)))
    same = _report()
    overall = diff_markdown.overall_verdict
    assert overall([("a", covered), ("b", warned)]) == (
        "⚠️ **1 breaking change, all covered by the version policy**"
    )
    assert overall([("a", warned), ("b", same)]) == "⚠️ **No breaking changes**, 1 warning"
    assert overall([("a", same), ("b", same)]) == "✅ **No changes**"


def test_changes_know_their_operations(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    report = apilint.diff(f"{PAIR}/old.yaml", f"{PAIR}/new.yaml")
    operations = {change.id: change.operations for change in report.changes}
    assert operations["operation-removed"] == ("DELETE /pets/{petId}",)  # from the old spec
    assert operations["operation-deprecated"] == ("GET /pets/{petId}",)
    assert operations["response-property-removed"] == ("GET /pets", "GET /pets/{petId}")
    assert operations["server-removed"] == ()


def test_a_spec_added_or_removed_has_no_version_line() -> None:
    gone = Change(
        id="spec-removed",
        level="breaking",
        message="spec removed: g.yaml existed at main and is gone",
        old=Place("main:g.yaml", 1, 1, ""),
        new=Place("g.yaml", 1, 1, ""),
    )
    removed = DiffReport.build("main:g.yaml", "g.yaml", [gone], versions=("1.0.0", None))
    lines = render_specs([("g.yaml", removed), ("a.yaml", _report())]).splitlines()
    section = lines[lines.index("### `g.yaml`") :]
    assert section[:5] == [
        "### `g.yaml`",
        "",
        "❌ **1 breaking change**",
        "",
        "#### ❌ Whole API · 1 breaking",
    ]
    assert section[6].endswith("— `g.yaml:1` (was `main:g.yaml:1`)")
