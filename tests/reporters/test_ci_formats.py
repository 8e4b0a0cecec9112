"""The CI output formats: JUnit, GitHub workflow commands, Checkstyle and Markdown."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

import apilint
from apilint.lint.findings import Finding, LoadProblem, Place, Report, RuleInfo, Severity
from apilint.reporters import FORMATS, STREAMED, Display, rendering_chunks
from apilint.reporters.github import render as github_render
from apilint.reporters.markdown import MAX_ROWS
from apilint.reporters.text import statistics_lines

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden"
#: the golden files pin the reporters, not the rule set: a fixed selection of rules (as data:
#: a config file's folder would be the project root fingerprints are relative to)
GOLDEN_CONFIG = yaml.safe_load((GOLDEN / "bookstore.apilint.yaml").read_text(encoding="utf-8"))
CI_FORMATS = {
    "text": "txt",
    "json": "json",
    "junit": "xml",
    "github": "txt",
    "checkstyle": "xml",
    "markdown": "md",
}

TRICKY = "a <b> & \"c\" 'd'\nsecond line"


def _rule(rule_id: str, severity: Severity = Severity.WARN) -> RuleInfo:
    return RuleInfo(
        id=rule_id,
        area="naming",
        severity=severity,
        summary=f"{rule_id} summary",
        description=f"{rule_id} description",
    )


def _finding(
    message: str = "a problem",
    *,
    file: str = "api.yaml",
    line: int = 3,
    column: int = 5,
    rule: str = "r-one",
    severity: Severity = Severity.WARN,
    pointer: str = "/info",
    previous: Place | None = None,
) -> Finding:
    return Finding(
        file=file,
        line=line,
        column=column,
        rule=rule,
        message=message,
        pointer=pointer,
        severity=severity,
        previous=previous,
    )


def _report(*findings: Finding, errors: tuple[LoadProblem, ...] = (), files=("api.yaml",)):
    return Report.build(findings, errors, files, rules=[_rule("r-one"), _rule("r-two")])


def _normalise(text: str) -> str:
    return text.replace(apilint.__version__, "VERSION")


# --- golden outputs -------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(CI_FORMATS))
def test_bookstore_output_matches_its_golden_file(name, monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    report = apilint.lint_file("examples/bookstore.yaml", config=GOLDEN_CONFIG)
    written = _normalise(FORMATS[name](report, False))
    golden = GOLDEN / f"bookstore.{name}.{CI_FORMATS[name]}"
    assert written == golden.read_text(encoding="utf-8")


def test_the_ci_formats_are_registered() -> None:
    assert set(CI_FORMATS) <= set(FORMATS)


# --- every format: load errors, clean reports, determinism -----------------------------------


@pytest.mark.parametrize("name", sorted(CI_FORMATS))
def test_a_load_error_is_rendered(name) -> None:
    problem = LoadProblem("broken.yaml", "invalid YAML: did not find expected key", 9, 6)
    written = FORMATS[name](_report(errors=(problem,), files=()), False)
    assert "broken.yaml" in written
    assert "did not find expected key" in written


@pytest.mark.parametrize("name", sorted(CI_FORMATS))
def test_a_clean_report_is_rendered(name) -> None:
    written = FORMATS[name](_report(), False)
    assert "r-one" not in written or name == "junit"  # JUnit lists the rules that passed
    if name == "github":
        assert written == ""
    if name == "markdown":
        assert "No findings." in written


@pytest.mark.parametrize("name", sorted(CI_FORMATS))
def test_output_is_deterministic(name) -> None:
    findings = [_finding(line=n, rule=f"r-{n % 3}") for n in range(1, 30)]
    forwards = FORMATS[name](_report(*findings), False)
    backwards = FORMATS[name](_report(*reversed(findings)), False)
    assert forwards == backwards


# --- JUnit -----------------------------------------------------------------------------------


def _junit(report: Report) -> ET.Element:
    return ET.fromstring(FORMATS["junit"](report, False).encode("utf-8"))


def test_junit_counts_tests_failures_and_errors() -> None:
    report = Report.build(
        [
            _finding("one", rule="r-one"),
            _finding("two", rule="r-one", line=8),
            _finding("three", rule="r-three", severity=Severity.ERROR),  # not among the rules
            _finding("in a ref", file="shared/ref.yaml", rule="r-two"),
        ],
        [LoadProblem("broken.yaml", "empty file")],
        ["api.yaml", "clean.yaml"],
        rules=[_rule("r-one"), _rule("r-two")],
    )
    root = _junit(report)
    suites = {suite.get("name"): suite for suite in root.iter("testsuite")}
    assert list(suites) == ["api.yaml", "broken.yaml", "clean.yaml", "shared/ref.yaml"]

    def counts(element: ET.Element) -> tuple[str | None, ...]:
        return element.get("tests"), element.get("failures"), element.get("errors")

    assert counts(root) == ("7", "3", "1")
    assert counts(suites["api.yaml"]) == ("3", "2", "0")
    assert counts(suites["broken.yaml"]) == ("1", "0", "1")
    assert counts(suites["clean.yaml"]) == ("2", "0", "0")
    assert counts(suites["shared/ref.yaml"]) == ("1", "1", "0")  # only its failing rule

    cases = {case.get("name"): case for case in suites["api.yaml"].iter("testcase")}
    assert sorted(cases) == ["r-one", "r-three", "r-two"]
    assert {case.get("classname") for case in cases.values()} == {"api.yaml"}
    assert cases["r-two"].find("failure") is None
    failure = cases["r-one"].find("failure")
    assert failure is not None
    assert failure.get("type") == "warn"
    assert failure.get("message") == "3:5 warn one (/info)\n8:5 warn two (/info)"
    assert failure.text == failure.get("message")
    assert cases["r-three"].find("failure").get("type") == "error"

    load = suites["broken.yaml"].find("testcase")
    assert (load.get("classname"), load.get("name")) == ("broken.yaml", "load")
    assert load.find("error").get("message") == "empty file"


def test_junit_round_trips_markup_quotes_and_newlines() -> None:
    root = _junit(_report(_finding(TRICKY, pointer="/a<&>")))
    failure = next(root.iter("failure"))
    assert failure.get("message") == f"3:5 warn {TRICKY} (/a<&>)"
    assert failure.text == f"3:5 warn {TRICKY} (/a<&>)"


def test_junit_writes_characters_xml_cannot_hold_visibly() -> None:
    root = _junit(_report(_finding("bell\x07 and \ud800")))
    assert "bell\\u0007 and \\ud800" in next(root.iter("failure")).get("message")


def test_junit_clean_report_has_only_passing_cases() -> None:
    root = _junit(_report())
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("2", "0", "0")


# --- Checkstyle ------------------------------------------------------------------------------


def _checkstyle(report: Report) -> ET.Element:
    return ET.fromstring(FORMATS["checkstyle"](report, False).encode("utf-8"))


def test_checkstyle_has_a_file_per_file_and_an_error_per_finding() -> None:
    report = Report.build(
        [
            _finding("b", file="b.yaml", severity=Severity.HINT),
            _finding("a1", file="a.yaml", severity=Severity.ERROR),
            _finding("a2", file="a.yaml", line=9, rule="r-two", severity=Severity.INFO),
        ],
        [LoadProblem("c.yaml", "invalid JSON", 4, 2), LoadProblem("d.yaml", "empty file")],
        ["a.yaml", "b.yaml", "clean.yaml"],
    )
    root = _checkstyle(report)
    assert root.tag == "checkstyle"
    assert root.get("version") == "4.3"
    files = {element.get("name"): element.findall("error") for element in root.iter("file")}
    assert list(files) == ["a.yaml", "b.yaml", "c.yaml", "clean.yaml", "d.yaml"]
    assert sum(len(errors) for errors in files.values()) == 5
    assert files["clean.yaml"] == []
    first, second = files["a.yaml"]
    assert first.attrib == {
        "line": "3",
        "column": "5",
        "severity": "error",
        "message": "a1",
        "source": "apilint.r-one",
    }
    assert (second.get("line"), second.get("severity")) == ("9", "info")
    assert files["b.yaml"][0].get("severity") == "info"
    assert files["c.yaml"][0].attrib == {
        "line": "4",
        "column": "2",
        "severity": "error",
        "message": "invalid JSON",
        "source": "apilint.load",
    }
    assert "line" not in files["d.yaml"][0].attrib


def test_checkstyle_round_trips_markup_quotes_and_newlines() -> None:
    root = _checkstyle(_report(_finding(TRICKY), files=["a&b <c>.yaml"]))
    messages = [error.get("message") for error in root.iter("error")]
    assert messages == [TRICKY]
    assert [element.get("name") for element in root.iter("file")] == ["a&b <c>.yaml", "api.yaml"]


# --- GitHub workflow commands ----------------------------------------------------------------


def test_github_writes_one_command_per_finding_with_its_level() -> None:
    report = _report(
        _finding("e", severity=Severity.ERROR, line=1),
        _finding("w", severity=Severity.WARN, line=2),
        _finding("i", severity=Severity.INFO, line=3),
        _finding("h", severity=Severity.HINT, line=4),
    )
    assert FORMATS["github"](report, False).splitlines() == [
        "::error file=api.yaml,line=1,col=5,title=r-one::e",
        "::warning file=api.yaml,line=2,col=5,title=r-one::w",
        "::notice file=api.yaml,line=3,col=5,title=r-one::i",
        "::notice file=api.yaml,line=4,col=5,title=r-one::h",
    ]


def test_github_escapes_data_and_properties_as_documented() -> None:
    # @actions/core escapeData: % \r \n; escapeProperty: those and : ,
    finding = _finding("100% sure\r\nnext: a, b", file="dir,x/a:b%.yaml", rule="my:rule,x")
    written = FORMATS["github"](_report(finding), False)
    assert written == (
        "::warning file=dir%2Cx/a%3Ab%25.yaml,line=3,col=5,title=my%3Arule%2Cx"
        "::100%25 sure%0D%0Anext: a, b\n"
    )
    assert written.count("\n") == 1


def test_github_load_errors_are_error_commands() -> None:
    report = _report(
        errors=(LoadProblem("bad.yaml", "invalid YAML: x", 9, 6), LoadProblem("e.yaml", "empty")),
        files=(),
    )
    assert FORMATS["github"](report, False).splitlines() == [
        "::error file=bad.yaml,line=9,col=6,title=could not lint::invalid YAML: x",
        "::error file=e.yaml,title=could not lint::empty",
    ]


def test_github_says_where_a_changed_node_was() -> None:
    finding = _finding("removed", previous=Place("old.yaml", 7, 3, "/info"))
    assert FORMATS["github"](_report(finding), False).endswith("::removed (was old.yaml:7:3)\n")


def _many(errors: int, warnings: int, notices: int) -> Report:
    """A report of that many error, warn and info findings, one per line in that order."""
    levels = [Severity.ERROR] * errors + [Severity.WARN] * warnings + [Severity.INFO] * notices
    return _report(
        *(_finding(f"m{n}", line=n, severity=level) for n, level in enumerate(levels, 1))
    )


def test_github_caps_annotations_per_level_and_says_how_many_were_left_out() -> None:
    lines = github_render(_many(12, 3, 11), max_annotations=10).splitlines()
    commands = [line.split(" ", 1)[0] for line in lines]
    assert commands.count("::error") == 10
    assert commands.count("::warning") == 3
    # nine notices and the closing one: GitHub shows ten of each level per step
    assert commands.count("::notice") == 10
    assert lines[10:12] == [
        "api.yaml:11:5  error  r-one  m11",
        "api.yaml:12:5  error  r-one  m12",
    ]
    assert lines[-3:-1] == ["api.yaml:25:5  info  r-one  m25", "api.yaml:26:5  info  r-one  m26"]
    assert lines[-1] == (
        "::notice title=apilint::4 more findings not annotated (2 errors, 2 notices):"
        " --max-annotations 10 per level, as GitHub shows no more per step;"
        " see this step's log, or the SARIF or text report"
    )


def test_github_under_the_cap_annotates_every_finding_without_a_closing_notice() -> None:
    lines = github_render(_many(10, 10, 10), max_annotations=10).splitlines()
    assert len(lines) == 30
    assert all(line.startswith("::") and "title=r-one" in line for line in lines)


def test_github_log_lines_past_the_cap_cannot_start_a_command() -> None:
    report = _report(
        _finding("first", line=1),
        _finding("100% bad\n::error file=x::injected", line=2),
    )
    assert github_render(report, max_annotations=1).splitlines()[:2] == [
        "::warning file=api.yaml,line=1,col=5,title=r-one::first",
        "api.yaml:2:5  warn  r-one  100%25 bad%0A::error file=x::injected",
    ]


def test_github_load_errors_take_error_annotations_first() -> None:
    problem = LoadProblem("bad.yaml", "invalid YAML: x", 9, 6)
    report = Report.build(
        [_finding("late", severity=Severity.ERROR)], [problem], files=["api.yaml"]
    )
    assert github_render(report, max_annotations=1).splitlines() == [
        "::error file=bad.yaml,line=9,col=6,title=could not lint::invalid YAML: x",
        "api.yaml:3:5  error  r-one  late",
        "::notice title=apilint::1 more finding not annotated (1 error): --max-annotations 1"
        " per level, as GitHub shows no more per step; see this step's log, or the SARIF or"
        " text report",
    ]


def test_display_severity_leaves_lesser_findings_out_of_machine_formats() -> None:
    report = _many(1, 2, 3)
    display = Display(severity=Severity.WARN)
    payload = json.loads("".join(rendering_chunks("json", report, False, display)))
    assert [f["severity"] for f in payload["findings"]] == ["error", "warn", "warn"]
    assert payload["summary"]["info"] == 0
    github = "".join(rendering_chunks("github", report, False, display))
    assert [line.split(" ", 1)[0] for line in github.splitlines()] == [
        "::error",
        "::warning",
        "::warning",
    ]


def test_text_statistics_count_findings_per_rule_and_severity_most_first() -> None:
    report = _report(
        _finding("a", rule="r-two", line=1),
        _finding("b", rule="r-one", line=2, severity=Severity.ERROR),
        _finding("c", rule="r-two", line=3),
        _finding("d", rule="r-one", line=4),
        _finding("e", rule="unlisted-rule", line=5, severity=Severity.INFO),
    )
    assert list(statistics_lines(report)) == [
        "2  warn   r-two          r-two summary\n",
        "1  error  r-one          r-one summary\n",
        "1  warn   r-one          r-one summary\n",
        "1  info   unlisted-rule\n",
    ]


def test_text_doc_links_end_each_line_of_a_rule_that_has_one() -> None:
    rules = [
        RuleInfo(
            id="r-one",
            area="naming",
            severity=Severity.WARN,
            summary="s",
            description="d",
            help_uri="https://docs.example/r-one",
        ),
        _rule("r-two"),
    ]
    findings = [_finding("one", line=1), _finding("two", rule="r-two", line=2)]
    report = Report.build(findings, files=["api.yaml"], rules=rules)
    lines = "".join(rendering_chunks("text", report, False, Display(doc_links=True))).splitlines()
    assert lines[:2] == [
        "api.yaml:1:5  warn   r-one  one  https://docs.example/r-one",
        "api.yaml:2:5  warn   r-two  two",
    ]


# --- Markdown --------------------------------------------------------------------------------


def _table_rows(written: str) -> list[str]:
    return [line for line in written.splitlines() if line.startswith("| ")][2:]


def _cells(row: str) -> list[str]:
    """The cells of a GFM table row: split on pipes that no backslash escapes."""
    return [cell.strip() for cell in re.split(r"(?<!\\)\|", row)[1:-1]]


def test_markdown_table_survives_pipes_backslashes_and_newlines() -> None:
    finding = _finding("a | b \\ c\nd *e* <f>", file="x|y.yaml", rule="r|one")
    written = FORMATS["markdown"](_report(finding), False)
    (row,) = _table_rows(written)
    assert _cells(row) == [
        "warn",
        "`r\\|one`",
        "`x\\|y.yaml:3`",
        "a \\| b \\\\ c<br>d \\*e\\* \\<f\\>",
    ]


def test_markdown_counts_and_orders_the_most_severe_first() -> None:
    report = _report(
        _finding("hint", line=1, severity=Severity.HINT),
        _finding("error", line=9, severity=Severity.ERROR),
    )
    written = FORMATS["markdown"](report, False)
    assert written.startswith("## apilint\n\n**2 problems (1 error, 0 warnings, 0 infos, 1 hint)")
    assert [_cells(row)[0] for row in _table_rows(written)] == ["error", "hint"]
    assert "`api.yaml:9`" in written


def test_markdown_caps_the_table() -> None:
    findings = [_finding(f"n{n}", line=n) for n in range(1, MAX_ROWS + 38)]
    findings.append(_finding("the error", line=500, severity=Severity.ERROR))
    written = FORMATS["markdown"](_report(*findings), False)
    rows = _table_rows(written)
    assert len(rows) == MAX_ROWS
    assert _cells(rows[0])[3] == "the error"  # the cap keeps the most severe
    assert "…and 38 more findings." in written


def test_markdown_lists_load_errors() -> None:
    report = _report(errors=(LoadProblem("bad.yaml", "invalid YAML: x_y", 9, 6),), files=())
    written = FORMATS["markdown"](report, False)
    assert "### Could not be linted\n\n- `bad.yaml:9:6`: invalid YAML: x\\_y\n" in written
    assert "No findings." not in written


def test_markdown_clean_report() -> None:
    assert FORMATS["markdown"](_report(), False) == (
        "## apilint\n\n**0 problems (0 errors, 0 warnings, 0 infos, 0 hints) in 1 file**\n\n"
        "No findings.\n"
    )


def test_diff_changelog_matches_its_golden_file(monkeypatch) -> None:
    from apilint.reporters.changes import DIFF_FORMATS

    monkeypatch.chdir(ROOT)
    pair = "tests/changes/fixtures/version-not-bumped"
    report = apilint.diff(f"{pair}/old.yaml", f"{pair}/new.yaml")
    written = DIFF_FORMATS["changelog"](report, False)
    assert written == (GOLDEN / "version-not-bumped.changelog.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(STREAMED))
def test_streamed_formats_come_in_pieces_that_join_to_the_rendering(name: str) -> None:
    report = _report(*(_finding(line=n, rule=f"rule-{n % 7}") for n in range(1, 2500)))
    pieces = list(rendering_chunks(name, report, False))
    whole = FORMATS[name](report, False)
    assert "".join(pieces) == whole
    assert max(map(len, pieces)) < len(whole) / 2  # never the whole report as one string
