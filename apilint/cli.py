"""The ``apilint`` command: parses arguments and calls the Python API, nothing more."""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Iterable, Mapping
from contextlib import AbstractContextManager
from itertools import chain
from pathlib import Path
from typing import Any, TypeVar

import click

from apilint import __version__
from apilint.lint.declare import known_areas

#: The names of ``apilint.reporters.FORMATS``, written here so that ``apilint --version`` does
#: not import the reporters (a test keeps the two equal).
FORMAT_NAMES = ("text", "json", "sarif", "junit", "github", "gitlab", "checkstyle", "markdown")
DIFF_FORMAT_NAMES = (*FORMAT_NAMES, "changelog")
REPORT_FORMAT_NAMES = ("text", "markdown", "json", "html")
SEVERITY_CHOICES = ("error", "warn", "info", "hint")
COLOUR_CHOICES = ("auto", "always", "never")
#: GitHub shows at most this many annotations of each level per step
GITHUB_ANNOTATIONS = 10
F = TypeVar("F", bound=Callable[..., Any])


def _fail(message: str) -> None:
    """Each line of ``message`` (a config may have several problems) as an error, exit 2."""
    for line in message.splitlines() or [message]:
        click.echo(f"apilint: error: {line}", err=True)
    sys.exit(2)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="apilint")
def main() -> None:
    """Enforce API standards on OpenAPI documents."""


def _config_option(help: str) -> Callable[[F], F]:
    return click.option(
        "-c", "--config", "config_path", type=click.Path(dir_okay=False, path_type=Path), help=help
    )


def _format_option(names: tuple[str, ...]) -> Callable[[F], F]:
    return click.option(
        "-f",
        "--format",
        "output_format",
        type=click.Choice(names),
        default="text",
        show_default=True,
        help="Output format.",
    )


def _outputs_options(names: tuple[str, ...]) -> Callable[[F], F]:
    """``-f FORMAT`` and ``-o FILE``, each repeatable: pairs of a format and its file."""

    def decorate(command: F) -> F:
        command = click.option(
            "-o",
            "--output",
            "outputs",
            multiple=True,
            type=click.Path(dir_okay=False, path_type=Path),
            help="Write the report in the matching --format to this file (repeatable, in"
            " pairs with --format); the terminal then gets the summary only.",
        )(command)
        return click.option(
            "-f",
            "--format",
            "formats",
            multiple=True,
            type=click.Choice(names),
            help="Output format (default text; repeatable with --output).",
        )(command)

    return decorate


def _colour_option(command: F) -> F:
    return click.option(
        "--color",
        "--colour",
        "colour_choice",
        type=click.Choice(COLOUR_CHOICES),
        default="auto",
        show_default=True,
        help="Colour the text output: auto is on a terminal, unless NO_COLOR is set (or"
        " FORCE_COLOR is: then always); the option wins over both.",
    )(command)


def _max_annotations_option(command: F) -> F:
    return click.option(
        "--max-annotations",
        type=click.IntRange(1),
        metavar="N",
        help=f"github format: at most N annotations of each level (default"
        f" {GITHUB_ANNOTATIONS}, what GitHub shows per step); the rest are log lines, with one"
        " notice saying how many.",
    )(command)


def _fail_severity_option(help: str) -> Callable[[F], F]:
    return click.option(
        "--fail-severity",
        type=click.Choice(SEVERITY_CHOICES),
        default="error",
        show_default=True,
        help=help,
    )


def _jobs_option(command: F) -> F:
    return click.option(
        "-j",
        "--jobs",
        type=_Jobs(),
        metavar="N|auto",
        default="auto",
        show_default=True,
        help="Lint this many specs at once, in parallel processes; auto: one per usable CPU"
        " when the specs are enough work to share, else one.",
    )(command)


def _cache_options(command: F) -> F:
    """``--no-cache`` and ``--cache-dir``; :func:`_cache_folder` reads them."""
    command = click.option(
        "--cache-dir",
        type=click.Path(file_okay=False, path_type=Path),
        help="Where results are cached (default: $APILINT_CACHE_DIR, else ~/.cache/apilint).",
    )(command)
    return click.option(
        "--no-cache",
        is_flag=True,
        help="Lint every spec, even one whose files and config are unchanged since it was cached.",
    )(command)


def _cache_folder(no_cache: bool, cache_dir: Path | None) -> Path | None:
    if no_cache:
        return None
    from apilint.lint.cache import default_dir

    return cache_dir or default_dir()


def wants_colour(choice: str, terminal: bool, environ: Mapping[str, str]) -> bool:
    """Whether text output is coloured: ``always`` or ``never`` as asked; ``auto``: not when
    ``NO_COLOR`` is set to anything but an empty string (no-color.org), yes when
    ``FORCE_COLOR`` is (force-color.org), else on a terminal that is not ``TERM=dumb``."""
    if choice != "auto":
        return choice == "always"
    if environ.get("NO_COLOR"):
        return False
    if environ.get("FORCE_COLOR"):
        return True
    return terminal and environ.get("TERM") != "dumb"


def _stdout_colour(choice: str) -> bool:
    return wants_colour(choice, sys.stdout.isatty(), os.environ)


def _emit(
    formats: tuple[str, ...],
    outputs: tuple[Path, ...],
    render: Callable[[str, bool], Iterable[str]],
    summary: str,
    colour_choice: str = "auto",
) -> None:
    """Print the one report asked for, or write each format to its file and print a summary."""
    formats = formats or ("text",)
    if not outputs:
        if len(formats) > 1:
            raise click.UsageError("more than one --format needs an --output for each")
        colour = formats[0] == "text" and _stdout_colour(colour_choice)
        _print(render(formats[0], colour), colour)
        return
    if len(formats) != len(outputs):
        raise click.UsageError("give --format and --output in pairs (-f sarif -o out.sarif)")
    for name, output in zip(formats, outputs, strict=True):
        try:
            with output.open("w", encoding="utf-8") as handle:
                handle.writelines(render(name, False))
        except OSError as error:
            _fail(f"cannot write {output}: {error.strerror}")
    click.echo(summary)


def _print(pieces: Iterable[str], colour: bool, also: Callable[[str], None] | None = None) -> None:
    """Print a rendering given piece by piece, in batches of about 64 kB (and hand each batch
    to ``also``)."""
    batch: list[str] = []
    size = 0
    for piece in chain(pieces, [""]):
        batch.append(piece)
        size += len(piece)
        if size >= 1 << 16 or not piece:
            text = "".join(batch)
            click.echo(text, nl=False, color=colour)
            if also is not None:
                also(text)
            batch, size = [], 0


class _Jobs(click.ParamType):
    """``-j``: a number of processes, at least 1, or ``auto``."""

    name = "N|auto"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if value == "auto" or (isinstance(value, int) and value >= 1):
            return value
        try:
            count = int(value)
        except ValueError:
            count = 0
        if count < 1:
            self.fail(f"{value!r} is neither a number of processes (1 or more) nor auto")
        return count


@main.command()
@click.argument("paths", nargs=-1)
@_config_option(
    "Config file, or a Spectral ruleset (default: nearest .apilint.yaml or pyproject.toml"
    " above each spec; else the nearest .spectral.yaml)."
)
@click.option(
    "--ruleset",
    "ruleset_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Lint with this Spectral ruleset alone (.spectral.yaml), for a one-off run.",
)
@_outputs_options(FORMAT_NAMES)
@click.option(
    "--baseline",
    "baseline_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Report only findings not recorded in this baseline file (apilint baseline).",
)
@click.option(
    "--update-baseline",
    is_flag=True,
    help="With --baseline: drop the entries that no longer occur from the file.",
)
@_cache_options
@click.option(
    "--since",
    metavar="REV",
    help="Lint only the specs (among PATHS, default .) whose files changed since this git"
    " revision, $ref'd files included.",
)
@_fail_severity_option("Exit 1 when a finding is at least this severe.")
@_jobs_option
@click.option(
    "--severity",
    "shown_severity",
    type=click.Choice(SEVERITY_CHOICES),
    help="Show only findings at least this severe (the exit code still judges every finding"
    " by --fail-severity; the text summary counts them all).",
)
@click.option(
    "-q",
    "--quiet",
    is_flag=True,
    help="Show only the findings that fail the run (at or above --fail-severity: errors by"
    " default) and the summary line, no coverage lines.",
)
@click.option(
    "--statistics",
    is_flag=True,
    help="After the findings (or, with --output, above the summary), the number of findings"
    " per rule and severity.",
)
@click.option(
    "--show-doc-links", is_flag=True, help="Text: end each finding with its rule's docs link."
)
@_max_annotations_option
@_colour_option
@click.option(
    "--skip-non-specs",
    is_flag=True,
    help="Skip named files that are not OpenAPI roots (for pre-commit hooks).",
)
def lint(
    paths: tuple[str, ...],
    config_path: Path | None,
    ruleset_path: Path | None,
    formats: tuple[str, ...],
    outputs: tuple[Path, ...],
    baseline_path: Path | None,
    update_baseline: bool,
    no_cache: bool,
    cache_dir: Path | None,
    since: str | None,
    fail_severity: str,
    jobs: int | str,
    shown_severity: str | None,
    quiet: bool,
    statistics: bool,
    show_doc_links: bool,
    max_annotations: int | None,
    colour_choice: str,
    skip_non_specs: bool,
) -> None:
    """Lint OpenAPI files, folders (every spec in them) and globs.

    Exit codes: 0 clean, 1 findings at or above --fail-severity, 2 usage, config or load errors.
    """
    # A lint run builds millions of objects and no reference cycles worth collecting; the
    # cyclic collector's passes over them cost 20% of the time on large specs (measured in
    # bench/README.md). This process ends after one run, so it does without.
    gc.disable()

    if not paths and since is None:
        raise click.UsageError("give the specs to lint (files, folders or globs)")
    if update_baseline and baseline_path is None:
        raise click.UsageError("--update-baseline needs --baseline FILE")
    if ruleset_path is not None:
        if config_path is not None:
            raise click.UsageError("give --config or --ruleset, not both")
        from apilint.spectral.ruleset import is_ruleset

        if not is_ruleset(ruleset_path):
            raise click.UsageError(f"--ruleset {ruleset_path}: not a Spectral ruleset")
        config_path = ruleset_path  # a ruleset is read as a config that extends it
    cache = _cache_folder(no_cache, cache_dir)
    # One spec printed in one format: a run the cache can answer already rendered, before the
    # config and the rules are even imported.
    alone = cache is not None and since is None and baseline_path is None and not outputs
    alone = alone and len(paths) == 1 and len(formats) <= 1 and Path(paths[0]).is_file()
    name = formats[0] if formats else "text"
    colour = name == "text" and _stdout_colour(colour_choice)
    display = _display(
        formats,
        outputs,
        shown_severity=shown_severity,
        quiet=quiet,
        fail_severity=fail_severity,
        statistics=statistics,
        show_doc_links=show_doc_links,
        max_annotations=max_annotations,
    )
    rendering = _rendering_name(name, colour, display)
    if alone:
        _answer_from_cache(Path(paths[0]), config_path, cache, rendering, fail_severity)

    from apilint.lint.config import ConfigError, load_config
    from apilint.lint.findings import Severity

    baseline = _read_baseline(baseline_path) if baseline_path else None
    try:
        config = load_config(config_path) if config_path else None
        for notice in _notices(config):
            click.echo(f"apilint: note: {notice}", err=True)
        from apilint.api import lint_paths  # after the cache had its chance: 0.1 s of imports

        if since is not None:
            report = _lint_since(since, paths or (".",), config, jobs, cache)
        else:
            report = lint_paths(
                paths, config, jobs=jobs, skip_non_specs=skip_non_specs, cache_dir=cache
            )
    except ConfigError as error:
        _fail(str(error))
        return
    if baseline is not None and baseline_path is not None:
        report = _apply_baseline(report, baseline, baseline_path, update_baseline)
    from apilint.reporters import Display, rendering_chunks
    from apilint.reporters.text import statistics_lines, summary

    shown = Display(**display)

    def render(name: str, colour: bool) -> Iterable[str]:
        return rendering_chunks(name, report, colour, shown)

    if alone and not report.errors:
        with _keeping(Path(paths[0]), config, config_path, cache, rendering) as keep:
            _print(render(name, colour), colour, keep)
    else:
        closing = summary(report, shown.severity)
        if statistics and outputs and report.findings:
            closing = "".join(statistics_lines(report)) + "\n" + closing
        _emit(formats, outputs, render, closing, colour_choice)
    sys.exit(report.exit_code(Severity.parse(fail_severity)))


def _display(
    formats: tuple[str, ...],
    outputs: tuple[Path, ...],
    *,
    shown_severity: str | None,
    quiet: bool,
    fail_severity: str,
    statistics: bool,
    show_doc_links: bool,
    max_annotations: int | None,
) -> dict[str, Any]:
    """The fields of :class:`apilint.reporters.Display` (as plain values: the reporters are
    imported only when the cache cannot answer). ``--quiet`` shows what fails the run unless
    ``--severity`` says otherwise; a display option for a format the run does not write is a
    usage error."""
    if shown_severity is None:
        shown_severity = fail_severity if quiet else "hint"
    written = set(formats or ("text",))
    if show_doc_links and "text" not in written:
        raise click.UsageError("--show-doc-links is for the text format")
    if statistics and "text" not in written and not outputs:
        raise click.UsageError("--statistics is for the text format, or beside --output files")
    if max_annotations is not None and "github" not in written:
        raise click.UsageError("--max-annotations is for the github format")
    from apilint.lint.findings import Severity

    return {
        "severity": Severity.parse(shown_severity),
        "coverage": not quiet,
        "doc_links": show_doc_links,
        "statistics": statistics,
        "max_annotations": max_annotations or GITHUB_ANNOTATIONS,
    }


def _rendering_name(name: str, colour: bool, display: dict[str, Any]) -> str:
    """What a cached rendering of one spec is kept under: the format and every display option
    that changes it (``text-colour``, ``text-error-links-statistics``, ``github-20``)."""
    parts = [name, "colour"] if colour else [name]
    if display["severity"].label != "hint":
        parts.append(display["severity"].label)
    if name == "text":
        parts += [] if display["coverage"] else ["quiet"]
        parts += ["links"] if display["doc_links"] else []
        parts += ["statistics"] if display["statistics"] else []
    if name == "github":
        parts.append(str(display["max_annotations"]))
    return "-".join(parts)


def _notices(config: Any) -> tuple[str, ...]:
    """What the config (given, or found from here) cannot run, said once per run; a bad
    discovered config is left to the specs it covers, which report it."""
    from apilint.lint.config import ConfigError, config_for

    if config is not None:
        return tuple(config.notices)
    try:
        return tuple(config_for(Path.cwd() / "openapi.yaml").notices)
    except ConfigError:
        return ()


def _answer_from_cache(
    spec: Path, config_path: Path | None, folder: Any, rendering: str, fail_severity: str
) -> None:
    """Print a cached rendering of this spec's report and exit, when there is a valid one."""
    from apilint.lint.cache import ResultCache
    from apilint.lint.findings import Severity

    found = ResultCache(folder).quick_output(spec, config_path, rendering)
    if found is None:
        return
    sys.stdout.flush()
    binary = getattr(sys.stdout, "buffer", None)
    if binary is not None:
        binary.write(found.data)  # as stored: no decoding and encoding again
        binary.flush()
    else:  # pragma: no cover - a text-only stdout
        click.echo(found.data.decode("utf-8"), nl=False)
    sys.exit(found.exit_code(Severity.parse(fail_severity)))


def _keeping(
    spec: Path, config: Any, config_path: Path | None, folder: Any, key: str
) -> AbstractContextManager[Callable[[str], None]]:
    from apilint.lint.cache import ResultCache
    from apilint.lint.config import config_for

    return ResultCache(folder).keeping_output(spec, config_for(spec, config), key, config_path)


def _read_baseline(path: Path) -> Any:
    from apilint.lint.baseline import Baseline, BaselineError

    try:
        return Baseline.read(path)
    except BaselineError as error:
        _fail(str(error))


def _apply_baseline(report: Any, baseline: Any, path: Path, update: bool) -> Any:
    """The report without the baselined findings; says on stderr what matched and what is
    fixed, and drops the fixed entries from the file with ``update``."""
    outcome = baseline.apply(report)
    fixed = len(outcome.fixed)
    line = f"apilint: baseline {path}: {outcome.matched} known finding(s) not shown"
    if fixed:
        if update:
            baseline.without(outcome.fixed).write(path)
            line += f"; {fixed} entr{'y' if fixed == 1 else 'ies'} no longer occur, removed"
        else:
            line += (
                f"; {fixed} entr{'y' if fixed == 1 else 'ies'} no longer occur"
                " (--update-baseline removes them)"
            )
    click.echo(line, err=True)
    return outcome.report


def _lint_since(
    revision: str, paths: tuple[str, ...], config: Any, jobs: int, cache: Path | None
) -> Any:
    from apilint.api import lint_paths
    from apilint.lint.findings import Report
    from apilint.lint.since import SinceError, touched_specs

    try:
        specs, problems = touched_specs(paths, revision, config)
    except SinceError as error:
        _fail(f"--since {revision}: {error}")
    if not specs:
        return Report.build(errors=problems)
    report = lint_paths([str(s) for s in specs], config, jobs=jobs, cache_dir=cache)
    return Report.merge([report, Report.build(errors=problems)])


@main.command()
@click.argument("paths", nargs=-1, required=True)
@_config_option("Config file (default: nearest .apilint.yaml or pyproject.toml above each spec).")
@click.option(
    "-o",
    "--output",
    "output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path(".apilint-baseline.json"),
    show_default=True,
    help="The baseline file to write.",
)
def baseline(paths: tuple[str, ...], config_path: Path | None, output: Path) -> None:
    """Record today's findings of PATHS in a baseline file, so that `apilint lint --baseline`
    reports only new ones.

    Exit codes: 0 written, 2 usage, config or load errors (the file is still written for the
    specs that could be read).
    """
    from apilint.api import lint_paths
    from apilint.lint.baseline import Baseline
    from apilint.lint.config import ConfigError, load_config

    gc.disable()  # one run, then exit: see ``lint``
    try:
        config = load_config(config_path) if config_path else None
        report = lint_paths(paths, config)
    except ConfigError as error:
        _fail(str(error))
        return
    recorded = Baseline.of(report.findings)
    try:
        recorded.write(output)
    except OSError as error:
        _fail(f"cannot write {output}: {error.strerror}")
    for problem in report.errors:
        click.echo(f"apilint: error: {problem}", err=True)
    click.echo(f"apilint: recorded {len(recorded.entries)} finding(s) in {output}")
    sys.exit(2 if report.errors else 0)


@main.command()
@_config_option("Also list the rules of this config's plugins, with its severities.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
)
@click.option("--area", help="Only the rules of this area (built-in or a plugin's).")
@click.argument("rule_id", required=False, metavar="[RULE-ID]")
def rules(
    config_path: Path | None, output_format: str, area: str | None, rule_id: str | None
) -> None:
    """List every rule: id, area, severity in force and summary. With a RULE-ID, print that
    rule's whole documentation: what it checks, why, its options and an example."""
    import json

    from apilint.lint.config import (
        ConfigError,
        build_config,
        find_config_file,
        load_config,
        resolve_rule_name,
        unknown_rule_detail,
    )

    try:
        config_path = config_path or find_config_file(Path.cwd())
        config = load_config(config_path) if config_path else build_config(None)
    except ConfigError as error:
        _fail(str(error))
        return
    if rule_id is not None:
        from apilint.lint.ruledocs import as_data, as_text

        named = rule_id
        rule_id = resolve_rule_name(named, config.registry)
        if rule_id is None:
            _fail(unknown_rule_detail(named, config.registry))
            return
        if rule_id != named:  # a Spectral or Redocly name
            click.echo(f"apilint: '{named}' is an alias of '{rule_id}'", err=True)
        item = config.registry[rule_id]
        setting = config.rules[rule_id].severity
        configured = setting.label if setting else "off"
        if output_format == "json":
            click.echo(json.dumps(as_data(item, configured), indent=2))
        else:
            click.echo(as_text(item, configured), nl=False)
        return
    if area is not None and area not in known_areas():
        choices = ", ".join(known_areas())
        raise click.UsageError(f"unknown area '{area}' (one of {choices})")
    rows = []
    for item in config.registry:
        if area is not None and item.area != area:
            continue
        setting = config.rules[item.id]
        rows.append(
            {
                "id": item.id,
                "area": item.area,
                "severity": item.severity.label,
                "configured": setting.severity.label if setting.severity else "off",
                "formats": sorted(item.formats),
                "summary": item.summary,
                "options": item.defaults,
            }
        )
    if output_format == "json":
        click.echo(json.dumps(rows, indent=2))
        return
    width = max((len(row["id"]) for row in rows), default=10)
    for row in rows:  # the severity in force; the rule's default in brackets when it differs
        state = row["configured"]
        if state != row["severity"]:
            state += f" ({row['severity']})"
        click.echo(f"{row['id']:<{width}}  {row['area']:<13}  {state:<13}  {row['summary']}")


@main.command()
@click.argument("paths", nargs=-1, required=True)
@_config_option("Config file (default: nearest .apilint.yaml or pyproject.toml above each spec).")
@_format_option(("text", "markdown", "json", "csv"))
def auth(paths: tuple[str, ...], config_path: Path | None, output_format: str) -> None:
    """Print the auth coverage matrix: per operation its schemes, scopes and status.

    Exit codes: 0 every operation protected or explicitly public, 1 some operation
    unprotected, 2 usage, config or load errors.
    """
    from apilint.api import auth_coverage
    from apilint.lint.config import ConfigError, load_config
    from apilint.lint.discover import discover
    from apilint.reporters.auth_matrix import MATRIX_FORMATS
    from apilint.source.loader import LoadError

    gc.disable()  # one run, then exit: see ``lint``
    try:
        config = load_config(config_path) if config_path else None
    except ConfigError as error:
        _fail(str(error))
        return
    files, problems = discover(paths, False)
    failed = [f"{problem.file}: {problem.message}" for problem in problems]
    matrices = []
    for file in files:
        try:
            matrices.append(auth_coverage(file, config))
        except ConfigError as error:
            failed.append(f"{file}: config error: {error}")
        except LoadError as error:
            where = f"{file}:{error.line}:{error.column or 1}" if error.line else str(file)
            failed.append(f"{where}: {error.message}")
        except Exception as error:  # never a traceback: one line, and the other specs go on
            failed.append(f"{file}: cannot build the matrix: {type(error).__name__}: {error}")
    click.echo(MATRIX_FORMATS[output_format](matrices), nl=False)
    for line in failed:
        click.echo(f"apilint: error: {line}", err=True)
    unprotected = any(row.status == "unprotected" for m in matrices for row in m.rows)
    sys.exit(2 if failed else 1 if unprotected else 0)


@main.command()
@click.argument("specs", nargs=-1)
@click.option(
    "--base",
    "base",
    metavar="REV",
    help="Compare with this git revision (e.g. main): one SPEC file with itself, or every"
    " spec under the PATHS given (default: the current folder) with its version at REV.",
)
@_config_option("Config file (default: nearest .apilint.yaml or pyproject.toml above NEW).")
@_outputs_options(DIFF_FORMAT_NAMES)
@click.option(
    "--fail-severity",
    type=click.Choice(["error", "warn", "info"]),
    default="error",
    show_default=True,
    help="Exit 1 at this severity: error is a breaking change the version policy does not"
    " cover, warn also a covered one or a warning.",
)
@_max_annotations_option
@_colour_option
def diff(
    specs: tuple[str, ...],
    base: str | None,
    config_path: Path | None,
    formats: tuple[str, ...],
    outputs: tuple[Path, ...],
    fail_severity: str,
    max_annotations: int | None,
    colour_choice: str,
) -> None:
    """Compare OLD and NEW versions of a spec and report what changed and what breaks.

    OLD and NEW are files, folders holding one spec, or git revisions (main:openapi.yaml).
    With --base REV and one SPEC file, the spec is compared with itself at REV; with --base
    REV and PATHS (folders, files, globs; none: the current folder), every spec under them
    is compared with its version at REV: renamed or moved specs with their old selves, new
    ones reported as added, removed ones as breaking.

    Exit codes: 0 nothing breaks (or every breaking change is covered by a major version
    bump), 1 an uncovered breaking change, 2 usage, config or load errors.
    """
    from apilint.lint.config import ConfigError, load_config
    from apilint.lint.findings import Severity

    gc.disable()  # one run, then exit: see ``lint``
    if base is None and len(specs) != 2:
        raise click.UsageError("give OLD and NEW, or --base REV [PATHS...]")
    try:
        config = load_config(config_path) if config_path else None
        report, formats_of, summary = _compare(specs, base, config)
    except ConfigError as error:
        _fail(str(error))
        return

    if max_annotations is not None and "github" not in formats:
        raise click.UsageError("--max-annotations is for the github format")

    def render(name: str, colour: bool) -> Iterable[str]:
        if name == "github":  # capped as lint's: GitHub drops what is past its limit
            from apilint.reporters import Display, rendering_chunks

            display = Display(max_annotations=max_annotations or GITHUB_ANNOTATIONS)
            return rendering_chunks(name, report.to_report(), colour, display)
        return (formats_of[name](report, colour),)

    _emit(formats, outputs, render, summary, colour_choice)
    sys.exit(report.exit_code(Severity.parse(fail_severity)))


def _compare(
    specs: tuple[str, ...], base: str | None, config: Any
) -> tuple[Any, Mapping[str, Callable[[Any, bool], str]], str]:
    """The report of ``apilint diff``, its formats and its summary line: two specs, one spec
    file against ``base``, or every spec under the paths against ``base``."""
    if base is None or (len(specs) == 1 and Path(specs[0]).is_file()):
        from apilint.changes import diff_specs
        from apilint.reporters.changes import DIFF_FORMATS, summary

        old, new = specs if base is None else (f"{base}:{specs[0]}", specs[0])
        report = diff_specs(old, new, config)
        return report, DIFF_FORMATS, summary(report)
    from apilint.changes import RevisionError, diff_repository
    from apilint.reporters.diff_repository import REPOSITORY_FORMATS, total

    try:
        repository = diff_repository(base, specs, config)
    except RevisionError as error:
        _fail(f"--base {base}: {error}")
    return repository, REPOSITORY_FORMATS, total(repository)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@_config_option(
    "Config file (default: the nearest .apilint.yaml or pyproject.toml above each spec; the"
    " report section is read from the one above the report's root)."
)
@_outputs_options(REPORT_FORMAT_NAMES)
@click.option(
    "--root",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Name APIs by their path relative to this folder (default: the working folder).",
)
@click.option(
    "--compare",
    "compare_with",
    type=click.Path(exists=True, path_type=Path),
    help="Show the trend since this snapshot (a file, or a folder of them: the latest).",
)
@click.option(
    "--history",
    type=click.Path(file_okay=False, path_type=Path),
    help="Snapshot folder: compare with its latest snapshot (unless --compare) and add this"
    " run's snapshot to it (default: the config's report.history).",
)
@click.option(
    "--from-git",
    "revisions",
    multiple=True,
    metavar="REV",
    help="First add to --history a snapshot of each git revision (repeatable, oldest first):"
    " the specs under PATHS as they were at REV, read from a temporary worktree.",
)
@click.option(
    "--min-score",
    type=click.FloatRange(0, 100),
    metavar="N",
    help="Exit 1 when an API scores under N (default: the config's report.min-score).",
)
@click.option(
    "--no-regression",
    is_flag=True,
    help="Exit 1 when an API regressed since the compared snapshot.",
)
@_fail_severity_option("An API passes the gate when it has no finding at least this severe.")
@_jobs_option
@_cache_options
@_colour_option
def report(
    paths: tuple[str, ...],
    config_path: Path | None,
    formats: tuple[str, ...],
    outputs: tuple[Path, ...],
    root: Path | None,
    compare_with: Path | None,
    history: Path | None,
    revisions: tuple[str, ...],
    min_score: float | None,
    no_regression: bool,
    fail_severity: str,
    jobs: int | str,
    no_cache: bool,
    cache_dir: Path | None,
    colour_choice: str,
) -> None:
    """Report on a fleet of APIs: scores per API and team, the standards least adopted,
    inconsistencies between APIs, the trend since a snapshot, as text, Markdown, JSON or a
    self-contained HTML page.

    PATHS are spec files, folders (every spec in them), globs, or @FILE, a file listing
    paths one per line. Exit codes: 0 done, 1 a gate failed (--min-score, --no-regression),
    2 usage, config or load errors.
    """
    from apilint.lint.config import ConfigError, load_config
    from apilint.lint.findings import Severity

    gc.disable()  # one run, then exit: see ``lint``
    if no_regression and compare_with is None and history is None:
        raise click.UsageError("--no-regression needs a snapshot: --compare or --history")
    cache = _cache_folder(no_cache, cache_dir)
    try:
        config = load_config(config_path) if config_path else None
        from apilint.fleet.build import ReportSettings, build_report, root_config

        folder = root or Path(os.getcwd())
        settings = ReportSettings.of(root_config(folder, config), folder)
        history = history or settings.history
        if revisions:
            if history is None:
                raise click.UsageError("--from-git needs a snapshot folder: --history DIR")
            _snapshots_from_git(revisions, paths, history, config, config_path, fail_severity)
        fleet = build_report(
            paths,
            config,
            root=root,
            gate=Severity.parse(fail_severity),
            jobs=jobs,
            cache_dir=cache,
            portable=config_path,
            compare_with=compare_with or (history if history and history.is_dir() else None),
            progress=_progress_line() if sys.stderr.isatty() else None,
        )
    except ConfigError as error:
        _fail(str(error))
        return
    except ValueError as error:
        _fail(str(error))
        return
    if history is not None:
        _add_snapshot(fleet, history)
    from apilint.fleet.gates import gate_failures

    failures = gate_failures(
        fleet, min_score if min_score is not None else settings.min_score, no_regression
    )

    def render(name: str, colour: bool) -> Iterable[str]:
        return _report_renderer(name)(fleet, colour)

    scored = [api for api in fleet.apis if api.score is not None]
    summary = f"{len(fleet.apis)} APIs, {fleet.fleet.passing} passing the gate"
    if scored:
        summary += f", mean score {fleet.fleet.distribution.mean}"
    _emit(formats, outputs, render, summary, colour_choice)
    for problem in fleet.errors:
        click.echo(f"apilint: error: {problem}", err=True)
    broken = [api for api in fleet.apis if api.profile.error is not None]
    for api in broken:
        click.echo(f"apilint: error: {api.profile.file}: {api.profile.error}", err=True)
    for failure in failures:
        click.echo(f"apilint: gate: {failure}", err=True)
    sys.exit(2 if broken or fleet.errors else 1 if failures else 0)


def _report_renderer(name: str) -> Callable[[Any, bool], Iterable[str]]:
    """The renderer of one ``apilint report`` format: ``(report, colour) -> pieces``."""
    if name == "html":  # the page in pieces: a large fleet's is tens of MB
        from apilint.reporters.report_html import chunks

        return lambda report, colour: chunks(report)
    if name == "text":
        from apilint.reporters.report_text import render as text

        return lambda report, colour: (text(report, colour),)
    from apilint.reporters import report_json, report_markdown

    rendered = {"json": report_json.render, "markdown": report_markdown.render}[name]
    return lambda report, colour: (rendered(report),)


def _add_snapshot(fleet: Any, history: Path) -> None:
    from apilint.fleet.snapshots import snapshot_of, write

    try:
        history.mkdir(parents=True, exist_ok=True)
        written = write(snapshot_of(fleet, ""), history)
    except OSError as error:
        _fail(f"cannot write a snapshot in {history}: {error.strerror}")
        return
    click.echo(f"apilint: snapshot written: {written}", err=True)


def _snapshots_from_git(
    revisions: tuple[str, ...],
    paths: tuple[str, ...],
    history: Path,
    config: Any,
    config_path: Path | None,
    fail_severity: str,
) -> None:
    """Add to ``history`` a snapshot of the specs under ``paths`` at each git revision."""
    from apilint.fleet.build import build_report
    from apilint.fleet.history import history_from_git
    from apilint.fleet.snapshots import write
    from apilint.lint.findings import Severity

    here = Path(os.getcwd())
    relative = [os.path.relpath(os.path.abspath(path), here) for path in paths]

    def build(tree: Path) -> Any:
        return build_report(
            [str(tree / path) for path in relative],
            config,
            root=tree,
            gate=Severity.parse(fail_severity),
            portable=config_path,
        )

    history.mkdir(parents=True, exist_ok=True)
    for snapshot in history_from_git(here, revisions, build):
        written = write(snapshot, history)
        click.echo(f"apilint: snapshot of {snapshot.label} written: {written}", err=True)


def _progress_line() -> Callable[[int, int], None]:
    """Progress on a terminal, ``linted 120 of 2639 specs``, at most ten times a second;
    the line is wiped once every spec is done."""
    import time

    last = [0.0]

    def show(done: int, total: int) -> None:
        now = time.monotonic()
        if done == total:
            click.echo("\r" + " " * 40 + "\r", nl=False, err=True)
        elif now - last[0] >= 0.1:
            last[0] = now
            click.echo(f"\rlinted {done} of {total} specs", nl=False, err=True)

    return show


def run() -> None:
    """The console script: run the command, then leave without tearing the interpreter down.

    Freeing the millions of objects of a large spec one by one at exit took about a second on
    github's spec (bench/README.md); the output is flushed first, and nothing else is pending.
    """
    try:
        main()
        code: object = 0
    except SystemExit as leaving:
        code = leaving.code
    except BrokenPipeError:  # the reader went away (`apilint lint ... | head`): nothing to say
        os._exit(1)
    if isinstance(code, str):
        click.echo(code, err=True)
        code = 1
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:
        code = 1
    os._exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":  # pragma: no cover
    run()
