"""What ``apilint lint`` shows of a report: ``--severity``/``--quiet``, ``--statistics``,
``--show-doc-links``, ``--max-annotations`` for GitHub, and colour (``--color``,
``NO_COLOR``, ``FORCE_COLOR``); none of them changes the exit code."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import CLEAN_SPEC, DIRTY_SPEC, run

from apilint.cli import wants_colour

Write = Callable[[str, str], Path]

#: The console script installed next to the Python running the tests.
APILINT = Path(sys.executable).parent / "apilint"
DOCS = "https://github.com/apilint/apilint/blob/main/docs/rules.md"
ESC = "\x1b["

ERROR_LINES = [
    "api.yaml:7:5  error  operation-security  GET /userAccounts/{id} has no security requirement"
    " and is not marked x-public",
    "api.yaml:7:5  error  path-params-defined  path parameter 'id' of /userAccounts/{id} is not"
    " declared for GET",
]
COVERAGE_LINE = "api.yaml: documentation coverage 42.9% (info 40%, operations 0%, responses 100%)"
COUNTS = "10 problems (2 errors, 7 warnings, 1 info, 0 hints) in 1 file"

#: ``--statistics`` for DIRTY_SPEC: most findings first, then the most severe, then by id.
STATISTICS = [
    "1  error  operation-security     Every operation is protected, or explicitly public.",
    "1  error  path-params-defined    Path template parameters are declared, and declared path"
    " parameters are used.",
    "1  warn   info-contact           info has a contact with a name, an email or a URL.",
    "1  warn   info-description       info has a description.",
    "1  warn   info-license           info has a license with an SPDX identifier or a URL.",
    "1  warn   info-version-format    info.version is a version number or date (strict semantic"
    " versioning on request).",
    "1  warn   operation-responses    Every operation documents a success response and its error"
    " responses.",
    "1  warn   operation-summary      Every operation has a summary, and a short one.",
    "1  warn   operation-tags         Every operation has at least one tag.",
    "1  info   operation-description  Every operation has a description.",
]

#: One warning (info-version-format) and nothing else.
WARN_ONLY_SPEC = CLEAN_SPEC.replace("version: 1.0.0", "version: latest")


@pytest.fixture(autouse=True)
def _no_colour_from_outside(monkeypatch: pytest.MonkeyPatch) -> None:
    """The colour variables of the shell running the tests do not reach these runs."""
    for name in ("NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)


# --- --severity and --quiet -----------------------------------------------------------------


def test_severity_lists_only_findings_at_or_above_it_and_counts_the_rest(
    project: Path, write: Write
) -> None:
    write("api.yaml", DIRTY_SPEC)
    result = run("lint", "--severity", "error", "api.yaml")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        *ERROR_LINES,
        "",
        COVERAGE_LINE,
        f"{COUNTS}; 8 below error not shown",
    ]


def test_quiet_lists_what_fails_the_run_and_the_summary_only(project: Path, write: Write) -> None:
    write("api.yaml", DIRTY_SPEC)
    result = run("lint", "-q", "api.yaml")
    assert (result.exit_code, result.stdout.splitlines()) == (
        1,
        [*ERROR_LINES, "", f"{COUNTS}; 8 below error not shown"],
    )
    # what fails the run is what --fail-severity says
    result = run("lint", "--quiet", "--fail-severity", "info", "api.yaml")
    assert len(result.stdout.splitlines()) == 10 + 2
    assert result.stdout.endswith(f"{COUNTS}\n")


def test_quiet_with_severity_lists_that_level_without_coverage_lines(
    project: Path, write: Write
) -> None:
    write("api.yaml", DIRTY_SPEC)
    lines = run("lint", "-q", "--severity", "warn", "api.yaml").stdout.splitlines()
    assert len(lines) == 9 + 2
    assert COVERAGE_LINE not in lines
    assert lines[-1] == f"{COUNTS}; 1 below warn not shown"


def test_quiet_on_a_passing_spec_prints_the_summary_line_only(project: Path, write: Write) -> None:
    write("api.yaml", WARN_ONLY_SPEC)
    result = run("lint", "-q", "api.yaml")
    assert (result.exit_code, result.stdout) == (
        0,
        "1 problem (0 errors, 1 warning, 0 infos, 0 hints) in 1 file; 1 below error not shown\n",
    )


def test_hidden_findings_still_fail_the_run(project: Path, write: Write) -> None:
    write("api.yaml", WARN_ONLY_SPEC)
    result = run("lint", "--severity", "error", "--fail-severity", "warn", "api.yaml")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-1] == (
        "1 problem (0 errors, 1 warning, 0 infos, 0 hints) in 1 file; 1 below error not shown"
    )
    assert "info-version-format" not in result.stdout


def test_severity_leaves_lesser_findings_out_of_json_too(project: Path, write: Write) -> None:
    write("api.yaml", DIRTY_SPEC)
    result = run("lint", "-f", "json", "--severity", "error", "api.yaml")
    payload = json.loads(result.stdout)
    assert result.exit_code == 1
    assert [f["rule"] for f in payload["findings"]] == ["operation-security", "path-params-defined"]
    assert payload["summary"] == {"error": 2, "warn": 0, "info": 0, "hint": 0, "load_errors": 0}


# --- --statistics -----------------------------------------------------------------------------


def test_statistics_follow_the_findings(project: Path, write: Write) -> None:
    write("api.yaml", DIRTY_SPEC)
    result = run("lint", "--statistics", "api.yaml")
    lines = result.stdout.splitlines()
    assert result.exit_code == 1
    assert lines[10:] == ["", *STATISTICS, "", COVERAGE_LINE, COUNTS]


def test_statistics_count_every_finding_whatever_is_shown(project: Path, write: Write) -> None:
    write("api.yaml", DIRTY_SPEC)
    result = run("lint", "-q", "--statistics", "api.yaml")
    assert result.stdout.splitlines() == [
        *ERROR_LINES,
        "",
        *STATISTICS,
        "",
        f"{COUNTS}; 8 below error not shown",
    ]


def test_statistics_go_to_the_terminal_beside_output_files(project: Path, write: Write) -> None:
    write("api.yaml", DIRTY_SPEC)
    result = run("lint", "--statistics", "-f", "sarif", "-o", "out.sarif", "api.yaml")
    assert (result.exit_code, result.stdout.splitlines()) == (1, [*STATISTICS, "", COUNTS])
    assert len(json.loads(Path("out.sarif").read_text())["runs"][0]["results"]) == 10


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--statistics", "-f", "json"], "--statistics is for the text format"),
        (["--show-doc-links", "-f", "sarif"], "--show-doc-links is for the text format"),
        (["--max-annotations", "5"], "--max-annotations is for the github format"),
    ],
)
def test_a_display_option_for_a_format_not_written_is_a_usage_error(
    project: Path, write: Write, options: list[str], message: str
) -> None:
    write("api.yaml", DIRTY_SPEC)
    result = run("lint", *options, "api.yaml")
    assert result.exit_code == 2
    assert message in result.stderr


# --- --show-doc-links -------------------------------------------------------------------------


def test_doc_links_end_each_finding_line(project: Path, write: Write) -> None:
    write("api.yaml", DIRTY_SPEC)
    result = run("lint", "--show-doc-links", "--severity", "error", "api.yaml")
    assert result.stdout.splitlines()[:2] == [
        f"{ERROR_LINES[0]}  {DOCS}#operation-security",
        f"{ERROR_LINES[1]}  {DOCS}#path-params-defined",
    ]


# --- GitHub annotations -----------------------------------------------------------------------


def test_github_annotations_are_capped_with_a_closing_notice(project: Path, write: Write) -> None:
    write("api.yaml", DIRTY_SPEC)
    result = run("lint", "-f", "github", "--max-annotations", "2", "api.yaml")
    lines = result.stdout.splitlines()
    assert result.exit_code == 1
    assert [line.split(" ", 1)[0] for line in lines if line.startswith("::")] == [
        "::warning",
        "::warning",
        "::notice",  # the operation-description info: the closing notice takes the other place
        "::error",
        "::error",
        "::notice",
    ]
    assert lines[-1] == (
        "::notice title=apilint::5 more findings not annotated (5 warnings): --max-annotations 2"
        " per level, as GitHub shows no more per step; see this step's log, or the SARIF or"
        " text report"
    )
    assert "api.yaml:7:5  warn  operation-summary  GET /userAccounts/{id} has no summary" in lines


def test_github_annotates_at_most_ten_of_each_level_by_default(project: Path, write: Write) -> None:
    # twelve undeclared path parameters: twelve errors at least
    paths = "".join(f"  /p{n}/{{id{n}}}:\n    get: {{}}\n" for n in range(12))
    write("api.yaml", f"openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths:\n{paths}")
    result = run("lint", "-f", "github", "--severity", "error", "api.yaml")
    lines = result.stdout.splitlines()
    assert [line.split(" ", 1)[0] for line in lines].count("::error") == 10
    plain = [line for line in lines if not line.startswith("::")]
    assert len(plain) >= 2  # twelve errors at least: those past ten are lines of the log
    assert lines[-1].startswith(
        f"::notice title=apilint::{len(plain)} more findings not annotated ({len(plain)} errors)"
    )


def test_diff_caps_github_annotations_too(project: Path, write: Write) -> None:
    operations = "".join(
        f"  /p{n}:\n    get:\n      operationId: op{n}\n"
        f"      responses: {{'200': {{description: ok}}}}\n"
        for n in range(12)
    )
    write("old.yaml", f"openapi: 3.0.3\ninfo: {{title: t, version: 1.0.0}}\npaths:\n{operations}")
    write("new.yaml", "openapi: 3.0.3\ninfo: {title: t, version: 1.0.0}\npaths: {}\n")
    result = run("diff", "-f", "github", "--max-annotations", "4", "old.yaml", "new.yaml")
    lines = result.stdout.splitlines()
    assert result.exit_code == 1
    assert [line.split(" ", 1)[0] for line in lines].count("::error") == 4
    # twelve removed operations and the version verdict: thirteen errors
    assert lines[-1].startswith("::notice title=apilint::9 more findings not annotated (9 errors)")
    assert "new.yaml:3:1  error  operation-removed  GET /p9 removed" in result.stdout


# --- colour -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("choice", "terminal", "environ", "coloured"),
    [
        ("auto", True, {}, True),
        ("auto", False, {}, False),
        ("auto", True, {"NO_COLOR": "1"}, False),
        ("auto", True, {"NO_COLOR": ""}, True),  # an empty value does not count (no-color.org)
        ("auto", False, {"FORCE_COLOR": "1"}, True),
        ("auto", False, {"FORCE_COLOR": ""}, False),
        ("auto", True, {"NO_COLOR": "1", "FORCE_COLOR": "1"}, False),
        ("auto", True, {"TERM": "dumb"}, False),
        ("always", False, {"NO_COLOR": "1"}, True),
        ("never", True, {"FORCE_COLOR": "1"}, False),
    ],
)
def test_colour_follows_the_option_then_the_environment_then_the_terminal(
    choice: str, terminal: bool, environ: dict[str, str], coloured: bool
) -> None:
    assert wants_colour(choice, terminal, environ) is coloured


def _console(args: list[str], environ: dict[str, str], terminal: bool = False) -> str:
    """The stdout of the installed ``apilint`` run with this environment, on a pseudo-terminal
    when ``terminal``."""
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "TERM")}
    env.update(environ)
    if not terminal:
        completed = subprocess.run(
            [str(APILINT), *args], capture_output=True, text=True, env=env, check=False
        )
        return completed.stdout
    leader, follower = pty.openpty()
    with subprocess.Popen([str(APILINT), *args], stdout=follower, env=env) as process:
        os.close(follower)
        chunks = []
        while True:
            try:
                data = os.read(leader, 65536)
            except OSError:  # the terminal closed: the process is done
                break
            if not data:
                break
            chunks.append(data)
        process.wait()
    os.close(leader)
    return b"".join(chunks).decode().replace("\r\n", "\n")


@pytest.mark.parametrize(
    ("args", "environ", "terminal", "coloured"),
    [
        ([], {"TERM": "xterm"}, True, True),
        ([], {"TERM": "xterm", "NO_COLOR": "1"}, True, False),
        ([], {"FORCE_COLOR": "1"}, False, True),
        (["--color", "never"], {"FORCE_COLOR": "1"}, False, False),
        (["--color", "always"], {"NO_COLOR": "1"}, False, True),
        (["--colour", "never"], {"TERM": "xterm"}, True, False),
    ],
)
def test_the_console_script_colours_as_asked(
    project: Path,
    write: Write,
    args: list[str],
    environ: dict[str, str],
    terminal: bool,
    coloured: bool,
) -> None:
    write("api.yaml", DIRTY_SPEC)
    written = _console(["lint", *args, "api.yaml"], environ, terminal)
    assert "operation-security" in written
    assert (ESC in written) is coloured


def test_a_cached_rendering_never_serves_another_display(project: Path, write: Write) -> None:
    """The result cache keeps one rendering per format, colour and display options."""
    write("api.yaml", DIRTY_SPEC)
    plain = _console(["lint", "api.yaml"], {})
    assert _console(["lint", "api.yaml"], {}) == plain  # the second run is answered by the cache
    assert ESC in _console(["lint", "api.yaml"], {"FORCE_COLOR": "1"})
    quiet = _console(["lint", "-q", "api.yaml"], {})
    assert quiet.splitlines() == [*ERROR_LINES, "", f"{COUNTS}; 8 below error not shown"]
    assert _console(["lint", "-q", "api.yaml"], {}) == quiet
    assert _console(["lint", "--statistics", "api.yaml"], {}).splitlines()[11:21] == STATISTICS
    assert _console(["lint", "api.yaml"], {}) == plain


def test_diff_colours_as_asked(project: Path, write: Write) -> None:
    write("old.yaml", CLEAN_SPEC)
    write("new.yaml", CLEAN_SPEC.replace("  /pets:", "  /animals:"))
    assert ESC in _console(["diff", "--color", "always", "old.yaml", "new.yaml"], {})
    assert ESC not in _console(
        ["diff", "old.yaml", "new.yaml"], {"FORCE_COLOR": "1", "NO_COLOR": "1"}
    )
