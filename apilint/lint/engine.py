"""Lint one spec: load it, resolve its ``$ref``s, run the enabled rules, locate the findings.

The engine is the only place that turns a rule's ``(where, message)`` into a :class:`Finding`
with file, line and column, applies ``x-apilint-ignore`` markers and per-file severities, makes
one finding of each defect repeated at several places, and isolates a rule that raises
(reported as a ``rule-error`` finding; the other rules still run).
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from apilint.analysis.coverage import measure
from apilint.lint.config import Config, ConfigError, RuleSetting, config_for, find_config_file

if TYPE_CHECKING:
    from apilint.lint.cache import ResultCache
from apilint.lint.declare import Rule
from apilint.lint.discover import work_tree_root
from apilint.lint.findings import Finding, Identity, LoadProblem, Report, RuleInfo, Severity
from apilint.lint.fingerprints import anchor, fingerprint, project_path
from apilint.lint.forked import run_enabled
from apilint.lint.grouping import group_repeats
from apilint.lint.peer_rules import aliases_of
from apilint.lint.suppressions import MARKER_RULES, at_marker, marker_findings
from apilint.model.document import Document
from apilint.model.refs import Workspace
from apilint.source.loader import LoadedFile, LoadError, load_data, load_file
from apilint.source.locations import Location, Position, display_path

RULE_ERROR = "rule-error"


def project_folder(spec: Path, config: Config) -> Path:
    """The folder ``$ref``s may not leave: the config file's folder, else the root of the git
    work tree the spec is in, else the working folder, each only if the spec is inside it;
    else the spec's own folder. Where the command runs from changes it only outside a work
    tree and without a config."""
    resolved = spec.resolve()
    for candidate in (config.root, work_tree_root(resolved.parent), Path.cwd()):
        if candidate is not None and resolved.is_relative_to(candidate.resolve()):
            return candidate.resolve()
    return resolved.parent


class _Collector:
    """Turns located rule output into findings, with per-file severities and ignores.

    :meth:`add` keeps what a rule found; :meth:`located` gives the findings with their lines,
    columns and identities, worked out only once every rule has run (and the document's
    indexes may have been let go: on a spec with 200,000 findings, both at once would be
    hundreds of MB)."""

    def __init__(self, doc: Document, config: Config, settings: dict[str, RuleSetting]) -> None:
        self.doc = doc
        self.config = config
        self.settings = settings
        self.findings: list[Finding] = []  # located already (a crashed rule's finding)
        self._pending: list[tuple[str, Location | Position, str, Severity]] = []
        self._file_settings: dict[str, dict[str, RuleSetting]] = {}
        self._pointer_overrides = config.has_pointer_overrides  # once, not per finding
        self._shown: dict[str, str] = {}
        self._paths: dict[str, str] = {}
        self._anchors: dict[str, dict[str, str]] = {}
        self._alias_names: dict[str, tuple[str, ...]] = {}
        #: rule id -> the rules its findings replace on the same node (only rules that run)
        self.supersedes: dict[str, frozenset[str]] = {}
        #: rule id -> its area, for the findings
        self.areas: dict[str, str] = {}
        #: the root spec, as findings name it
        self.spec = display_path(doc.workspace.root_key)

    def identity(self, rule_id: str, file_key: str, pointer: str, message: str) -> Identity:
        """The finding's line-free identity, for baselines and SARIF/GitLab fingerprints."""
        path = self._paths.get(file_key)
        if path is None:
            path = self._paths[file_key] = project_path(file_key, self.config.root)
            self._anchors[file_key] = {}
        data = self.doc.workspace.files[file_key].data
        where = anchor(data, pointer, self._anchors[file_key])
        return Identity(path, where, fingerprint(rule_id, path, where, message))

    def _severity(self, rule_id: str, file_key: str) -> Severity | None:
        if file_key == self.doc.workspace.root_key:
            return self.settings[rule_id].severity
        if file_key not in self._file_settings:
            self._file_settings[file_key] = self.config.settings_for(file_key)
        return self._file_settings[file_key][rule_id].severity

    def add(
        self, rule_id: str, loc: Location | Position, message: str, *, wildcards: bool = True
    ) -> None:
        """Keep a finding, unless its rule is off in its file or an ``x-apilint-ignore`` above
        it names the rule (or, with ``wildcards``, the rule's area or ``*``)."""
        severity = self._severity(rule_id, loc.file)
        if self._pointer_overrides:
            severity = self.config.severity_at(rule_id, loc.file, loc.pointer, severity)
        if severity is None:
            return
        where = Location(loc.file, loc.pointer)
        if self._ignored(where, rule_id, wildcards):
            return
        self._pending.append((rule_id, loc, message, severity))

    def _ignored(self, where: Location, rule_id: str, wildcards: bool) -> bool:
        """Whether a marker above ``where`` names the rule, by its id or by a Spectral or
        Redocly alias (:mod:`apilint.lint.peer_rules`); every name that matches is recorded
        as used, so no short cut once one has."""
        workspace = self.doc.workspace
        area = self.areas.get(rule_id, "")
        silenced = workspace.ignored(where, rule_id, area, wildcards=wildcards)
        for alias in self._aliases(rule_id):
            silenced = workspace.ignored(where, alias, wildcards=False) or silenced
        return silenced

    def _aliases(self, rule_id: str) -> tuple[str, ...]:
        """The peer ids that name the rule in markers (not those another rule of the run
        has as its own id)."""
        found = self._alias_names.get(rule_id)
        if found is None:
            registry = self.config.registry
            found = tuple(name for name in aliases_of(rule_id) if name not in registry)
            self._alias_names[rule_id] = found
        return found

    def located(self) -> list[Finding]:
        """Every finding so far, with its place and identity; one finding per defect
        (:mod:`apilint.lint.grouping`)."""
        pending, self._pending = self._pending, []
        pending.reverse()  # taken from the end, so each is let go once it is a Finding
        files = self.doc.workspace.files
        while pending:
            rule_id, loc, message, severity = pending.pop()
            if isinstance(loc, Position):
                line, column = loc.line, loc.column
            else:
                line, column = files[loc.file].positions.locate(loc.pointer)
            shown = self._shown.get(loc.file)
            if shown is None:
                shown = self._shown[loc.file] = display_path(loc.file)
            self.findings.append(
                Finding(
                    file=shown,
                    line=line,
                    column=column,
                    rule=rule_id,
                    message=message,
                    pointer=loc.pointer,
                    severity=severity,
                    area=self.areas.get(rule_id, ""),
                    spec=self.spec,
                )
            )
        grouped = group_repeats(_drop_superseded(self.findings, self.supersedes))
        # identities after grouping: a repeat's other places have none to compute
        files = {shown: key for key, shown in self._shown.items()}
        self.findings = [
            finding
            if finding.identity is not None or finding.file not in files
            else dataclasses.replace(
                finding,
                identity=self.identity(
                    finding.rule, files[finding.file], finding.pointer, finding.message
                ),
            )
            for finding in grouped
        ]
        return self.findings


def _drop_superseded(
    findings: list[Finding], supersedes: dict[str, frozenset[str]]
) -> list[Finding]:
    """The findings without those another rule's finding on the same node replaces."""
    covered = {(f.file, f.pointer, other) for f in findings for other in supersedes.get(f.rule, ())}
    if not covered:
        return findings
    return [f for f in findings if (f.file, f.pointer, f.rule) not in covered]


def run_rules(doc: Document, config: Config) -> list[Finding]:
    """Every finding of every enabled rule on a loaded document."""
    return _run_rules(doc, config).located()


def _run_rules(doc: Document, config: Config) -> _Collector:
    settings = config.settings_for(doc.workspace.root_key)
    doc.workspace.scan()
    collector = _Collector(doc, config, settings)
    enabled = list(_enabled(doc, config.registry, settings))
    ran = {rule.id: rule for rule, _ in enabled}
    for rule, _ in enabled:
        collector.areas[rule.id] = rule.area
        if rule.supersedes:
            collector.supersedes[rule.id] = rule.supersedes
    results = run_enabled(doc, enabled)
    for rule, _ in enabled:  # in the rules' order, wherever each ran
        for rule_id, loc, message in results[rule.id]:
            if loc is None:
                collector.findings.append(_crash(collector, message))
            elif not at_marker(loc.pointer):  # a marker is apilint's, not part of the API
                collector.add(rule_id, loc, message)
    _judge_markers(doc, config, collector, ran)
    return collector


def _crash(collector: _Collector, message: str) -> Finding:
    """The ``rule-error`` finding of a rule that crashed (the other rules still ran)."""
    root = collector.doc.workspace.root_key
    return Finding(
        file=display_path(root),
        line=1,
        column=1,
        rule=RULE_ERROR,
        message=message,
        pointer="",
        severity=Severity.ERROR,
        identity=collector.identity(RULE_ERROR, root, "", message),
        spec=collector.spec,
    )


def _judge_markers(
    doc: Document, config: Config, collector: _Collector, ran: dict[str, Rule]
) -> None:
    """The findings about the ``x-apilint-ignore`` markers (:mod:`apilint.lint.suppressions`),
    once every other rule has run; only a marker that names their rule id silences them."""
    if not (MARKER_RULES & ran.keys() and doc.workspace.ignores):
        return

    def off_in(rule_id: str, file: str) -> bool:
        return collector._severity(rule_id, file) is None

    for rule_id, loc, message in marker_findings(
        doc.workspace, config.registry, ran, doc.version, off_in
    ):
        collector.add(rule_id, loc, message, wildcards=False)


def _enabled(
    doc: Document, registry: Iterable[Rule], settings: dict[str, RuleSetting]
) -> Iterator[tuple[Rule, RuleSetting]]:
    """Each rule that runs on the document (on, and for its OpenAPI version), with its setting."""
    for rule in registry:
        setting = settings.get(rule.id)
        if setting is not None and setting.severity is not None and doc.version in rule.formats:
            yield rule, setting


def rules_run(doc: Document, config: Config) -> list[RuleInfo]:
    """The rules that run on a document, with the severity they run at."""
    settings = config.settings_for(doc.workspace.root_key)
    return [
        RuleInfo(
            id=rule.id,
            area=rule.area,
            severity=setting.severity,  # type: ignore[arg-type]
            summary=rule.summary,
            description=rule.description,
            help_uri=rule.docs_url,
        )
        for rule, setting in _enabled(doc, config.registry, settings)
    ]


def _document(loaded: LoadedFile, spec: Path, config: Config) -> Document:
    """The document of a loaded spec file; raises ``LoadError`` (e.g. not OpenAPI)."""
    return Document(Workspace(loaded, project_folder(spec, config), config.ref_policy))


class Observer(Protocol):
    """Notes what a run needs of each spec beside its findings (``apilint report``: the
    operations, auth coverage, the consistency observations), while the spec's indexes are
    still built. ``stamp`` names what it notes: a cached report whose facts have another
    stamp is linted again."""

    stamp: str

    def __call__(self, doc: Document, config: Config) -> dict[str, Any]: ...


def _lint_document(
    doc: Document, config: Config, shown: str, observer: Observer | None = None
) -> Report:
    collector = _run_rules(doc, config)
    try:
        figure = measure(doc).to_dict()
    except Exception:  # a figure is a courtesy: a spec too broken to count still gets findings
        figure = None
    coverage = [(shown, figure)] if figure is not None else []
    rules = rules_run(doc, config)
    facts = None
    if observer is not None:
        facts = {shown: {**observer(doc, config), "stamp": observer.stamp}}
    doc.forget_indexes()  # not needed to locate the findings
    return Report.build(
        collector.located(), files=[shown], coverage=coverage, rules=rules, facts=facts
    )


def observed(report: Report, observer: Observer | None) -> bool:
    """Whether a cached report holds what ``observer`` notes (always, without one)."""
    if observer is None or report.errors:
        return True
    return all(
        isinstance(noted, dict) and noted.get("stamp") == observer.stamp
        for noted in (report.facts.get(file) for file in report.files)
    )


def load_document(path: Path, config: Config | None = None) -> tuple[Document, Config]:
    """A spec file as a :class:`Document`, with the config that applies to it. Raises
    :class:`ConfigError` or :class:`LoadError` (one line each) when it cannot be had."""
    effective = config_for(path, config)
    loaded = load_file(Path(os.path.abspath(path)), effective.max_bytes)
    return _document(loaded, path, effective), effective


def lint_spec(
    path: Path,
    config: Config | None = None,
    cache: ResultCache | None = None,
    observer: Observer | None = None,
) -> Report:
    """Lint one spec file; load and config problems become report errors, never exceptions.
    With a ``cache``, an unchanged spec (and unchanged ``$ref``'d files and config) is not
    linted again. With an ``observer``, the report's ``facts`` hold what it noted."""
    shown = display_path(str(path.absolute()))
    try:
        effective = config_for(path, config)
        known = cache.lookup(path, effective) if cache is not None else None
        if known is not None and observed(known, observer):
            return known
        doc, effective = load_document(path, effective)
    except ConfigError as error:
        return Report.build(errors=_config_problems(error, path))
    except LoadError as error:
        return Report.build(errors=[LoadProblem(shown, error.message, error.line, error.column)])
    report = _lint_document(doc, effective, shown, observer)
    if cache is not None:
        workspace = doc.workspace
        cache.store(path, effective, report, [*workspace.files, *workspace.failed])
    return report


def _config_problems(error: ConfigError, spec: Path) -> list[LoadProblem]:
    """A config's problems as load problems of the config file (not of each spec it covers:
    a run of many specs under one bad config reports each problem once)."""
    found = find_config_file(spec.resolve().parent)
    fallback = display_path(str(found)) if found else display_path(str(spec.absolute()))
    return [
        LoadProblem(
            display_path(problem.file) if problem.file else fallback,
            problem.within_file,
            problem.line,
            problem.column,
        )
        for problem in error.problems
    ]


def lint_data(data: Any, config: Config, name: str = "<document>") -> Report:
    """Lint a spec given as Python data; positions are unknown (every finding is at 1:1)."""
    path = Path(os.path.abspath(name))
    try:
        doc = _document(load_data(data, path), path, config)
    except LoadError as error:
        return Report.build(errors=[LoadProblem(name, error.message, error.line, error.column)])
    return _lint_document(doc, config, name)
