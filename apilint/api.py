"""The Python API: lint files, folders or in-memory documents and get a :class:`Report`."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from apilint.analysis.auth_matrix import AuthMatrix, build
from apilint.lint.config import Config, build_config, coerce_config
from apilint.lint.discover import discover
from apilint.lint.engine import lint_data, lint_spec, load_document
from apilint.lint.findings import Report
from apilint.lint.jobs import Jobs, check_jobs, lint_specs
from apilint.lint.reach import fragments, roots_reaching
from apilint.source.locations import display_path

if TYPE_CHECKING:
    from apilint.changes import DiffReport, RepositoryDiff
    from apilint.fleet.model import FleetReport
    from apilint.lint.cache import ResultCache

ConfigLike = Config | Mapping[str, Any] | str | Path | None
#: the rule whose options say which operations are public on purpose
_PUBLIC_RULE = "operation-security"


def lint_file(
    path: str | Path, config: ConfigLike = None, cache_dir: str | Path | None = None
) -> Report:
    """Lint one spec file. ``config``: a Config, raw config data, a config file path, or None
    (use the nearest ``.apilint.yaml``/``pyproject.toml`` above the file, else ``recommended``).
    ``cache_dir``: keep and reuse results there (see :mod:`apilint.lint.cache`); None: no cache.
    """
    return lint_spec(Path(path), coerce_config(config), _cache(cache_dir))


def _cache(folder: str | Path | None) -> ResultCache | None:
    if folder is None:
        return None
    from apilint.lint.cache import ResultCache

    return ResultCache(Path(folder))


def lint_paths(
    paths: Iterable[str | Path],
    config: ConfigLike = None,
    jobs: Jobs = 1,
    skip_non_specs: bool = False,
    cache_dir: str | Path | None = None,
) -> Report:
    """Lint files, folders (every OpenAPI root in them) and globs; ``jobs`` processes at once,
    or ``"auto"``: one per usable CPU when the specs are enough work to share (see
    :mod:`apilint.lint.jobs`), else one; anything else raises ``ValueError``.

    ``skip_non_specs`` (the pre-commit hook) skips named files that are not OpenAPI roots
    instead of reporting them, and lints every root spec of the project whose ``$ref``s reach
    one of them (a commit that changes only a fragment of a split spec is still checked).
    ``cache_dir``: keep and reuse results there (see :mod:`apilint.lint.cache`); None: no cache.
    """
    check_jobs(jobs)
    named = [str(p) for p in paths]
    files, problems = discover(named, skip_non_specs)
    explicit = coerce_config(config)  # a bad explicit config fails here, before any work
    folder = None if cache_dir is None else Path(cache_dir)
    if skip_non_specs:
        known = {os.path.abspath(f) for f in files}
        for root in roots_reaching(fragments(named), explicit, folder):
            if os.path.abspath(root) not in known:
                files.append(root)
    # Spawned worker processes get the config in a form they can rebuild it from.
    portable = config.source if isinstance(config, Config) else config
    reports = lint_specs(files, explicit, jobs, folder, portable)
    return Report.merge([*reports, Report.build(errors=problems)])


def auth_coverage(path: str | Path, config: ConfigLike = None) -> AuthMatrix:
    """The auth coverage matrix of one spec: per operation its requirements and whether it is
    ``protected``, ``public`` (on purpose) or ``unprotected``. Raises ``ConfigError`` or
    ``LoadError`` (one line each) for a spec or config that cannot be read."""
    doc, effective = load_document(Path(path), coerce_config(config))
    settings = effective.settings_for(doc.workspace.root_key)
    options = settings[_PUBLIC_RULE].options if _PUBLIC_RULE in settings else {}
    return build(
        doc,
        display_path(str(Path(path).absolute())),
        options.get("public-marker", "x-public"),
        options.get("public-paths", []),
    )


def diff(old: str | Path, new: str | Path, config: ConfigLike = None) -> DiffReport:
    """The changes from ``old`` to ``new`` (files, folders holding one spec, or ``REV:path``
    git revisions), each with its level and both places, the version policy applied. A side
    that cannot be read is in ``errors``; a bad explicit config raises ``ConfigError``."""
    from apilint.changes import diff_specs  # imported on use: lint runs never need it

    return diff_specs(str(old), str(new), coerce_config(config))


def diff_repository(
    base: str, paths: Iterable[str | Path] = (), config: ConfigLike = None
) -> RepositoryDiff:
    """Every OpenAPI spec under ``paths`` (files, folders, globs; default: the working
    folder) against its version at the git revision ``base``: a renamed or moved spec is
    compared with its old self, a new one is ``spec-added`` (info), one gone ``spec-removed``
    (breaking). ``specs``: a ``SpecDiff`` (label, status, ``DiffReport``) per spec. Raises
    ``RevisionError`` (one line) when git cannot answer: not a repository, unknown revision."""
    from apilint.changes import diff_repository as compare  # imported on use, as ``diff``

    return compare(base, [str(p) for p in paths], coerce_config(config))


def report(
    paths: Iterable[str | Path],
    config: ConfigLike = None,
    *,
    root: str | Path | None = None,
    gate: str = "error",
    jobs: Jobs = "auto",
    cache_dir: str | Path | None = None,
    compare: str | Path | None = None,
) -> FleetReport:
    """The fleet report on every OpenAPI spec under ``paths`` (files, folders, globs, or
    ``@LIST``: a file naming one path per line): per API its score, owner and hotspots; per
    team and for the fleet the scores' distribution and the APIs passing the gate (no
    finding at or above ``gate``); the standards least adopted; the inconsistencies between
    APIs; and with ``compare`` (a snapshot file, or a folder of them: its latest) the trend.
    Specs that cannot be linted are listed with their error. Raises ``ValueError`` (one
    line) for a bad ``report`` config section, CODEOWNERS, snapshot or list file, and
    ``ConfigError`` for a bad explicit config."""
    from apilint.fleet.build import build_report  # imported on use: lint runs never need it
    from apilint.lint.findings import Severity

    explicit = coerce_config(config)
    return build_report(
        [str(p) for p in paths],
        explicit,
        root=None if root is None else Path(root),
        gate=Severity.parse(gate),
        jobs=jobs,
        cache_dir=None if cache_dir is None else Path(cache_dir),
        portable=config.source if isinstance(config, Config) else config,
        compare_with=None if compare is None else Path(compare),
    )


def lint_document(document: Mapping[str, Any], config: ConfigLike = None) -> Report:
    """Lint a spec already in memory. Findings have pointers; lines are unknown (1)."""
    effective = coerce_config(config) or build_config(None)
    return lint_data(dict(document), effective)
