"""The result cache: re-linting an unchanged spec costs a file hash, not a lint.

An entry belongs to one spec file linted from one working folder with one effective config by
one apilint (its version and the code of apilint and of every rule module), and holds the
report and the SHA-256 of every file the lint read: the root and each ``$ref``'d file (a file
a ``$ref`` named but that could not be read counts, as absent). It is used only while all
those files still hash the same, so editing any referenced file, or the config, relints.
Specs with remote ``$ref``s are never cached (their content can change unseen).

Entries are JSON files named by a hash of what they belong to, in ``$APILINT_CACHE_DIR``, else
``$XDG_CACHE_HOME/apilint``, else ``~/.cache/apilint``. A broken or unreadable entry is a miss.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from apilint import __version__
from apilint.lint.findings import (
    Finding,
    Identity,
    LoadProblem,
    Place,
    Report,
    RuleInfo,
    Severity,
)
from apilint.lint.registry import installed_rule_modules

if TYPE_CHECKING:  # the config is imported on use: a warm run answers without it
    from apilint.lint.config import Config

ENTRY_VERSION = 2  # 2: findings carry related places, area and spec
_ABSENT = "absent"


def _quick_key(spec: Path, explicit: Path | None, name: str) -> str:
    where = os.path.abspath(explicit) if explicit else ""
    owner = "\0".join((__version__, os.getcwd(), os.path.abspath(spec), where, name))
    return hashlib.sha256(owner.encode()).hexdigest()[:40]


def default_dir() -> Path:
    explicit = os.environ.get("APILINT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "apilint"


def file_digest(path: str) -> str:
    """The SHA-256 of a file's bytes, or ``absent`` when it cannot be read."""
    try:
        with open(path, "rb") as handle:
            return hashlib.sha256(handle.read()).hexdigest()
    except OSError:
        return _ABSENT


def _code_files(modules: tuple[str, ...]) -> list[str]:
    """apilint's own files, the rule modules' files, the folders those are in, and every
    folder packages are imported from (installing or uninstalling a rule plugin anywhere on
    the import path adds or removes an entry there, which changes the folder)."""
    package = Path(__file__).resolve().parent.parent  # the apilint package, every stage
    files = sorted(str(p) for p in package.rglob("*.py"))
    folders = set(_import_folders())
    for name in modules:
        source = getattr(sys.modules.get(name), "__file__", None)
        if source:
            files.append(str(source))
            folders.add(os.path.dirname(os.path.dirname(source)))
    return [*files, *sorted(folders)]


def _import_folders() -> list[str]:
    """The folders on the import path, but the working folder (whose entries change with
    every file a user writes there)."""
    here = os.getcwd()
    return [
        os.path.abspath(entry)
        for entry in sys.path
        if entry and os.path.abspath(entry) != here and os.path.isdir(entry)
    ]


def _stat(path: str) -> str:
    try:
        stat = os.stat(path)
    except OSError:
        return _ABSENT
    return f"{stat.st_size}:{stat.st_mtime_ns}"


@cache
def _code_stamp(modules: tuple[str, ...]) -> str:
    """What identifies the code that lints, by path, size and modification time (an edited
    rule in a checkout relints)."""
    parts = [__version__, *(f"{name}:{_stat(name)}" for name in _code_files(modules))]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def config_stamp(config: Config) -> str:
    """The effective config as a digest: every rule's severity and options, the overrides,
    plugins and reference policy, and the code of apilint and of the rules."""
    described = {
        "rules": {
            rule_id: [s.severity.label if s.severity else None, s.options]
            for rule_id, s in sorted(config.rules.items())
        },
        "overrides": [[list(o.files), o.rules] for o in config.overrides],
        "root": str(config.root) if config.root else None,
        "refs": [config.allow_outside_root, config.allow_remote, config.max_bytes],
        "code": _code_stamp(tuple(sorted({rule.module for rule in config.registry}))),
        "installed": installed_rule_modules(),
    }
    text = json.dumps(described, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


@dataclass(frozen=True)
class Output:
    """A report already rendered in one format, with what its exit code needs."""

    data: bytes  # the rendering as UTF-8, written out as it is
    counts: dict[str, int]  # findings per severity name
    errors: int  # load problems

    def exit_code(self, fail_severity: Severity = Severity.ERROR) -> int:
        if self.errors:
            return 2
        return int(any(self.counts.get(s.label, 0) for s in Severity if s >= fail_severity))


class ResultCache:
    """Reports by spec, kept while the files they were made from are unchanged.

    An entry is three kinds of file: ``KEY.json`` (the files read and their digests: small,
    checked on every lookup), ``KEY.report.json`` (the report) and ``KEY.STAMP.FORMAT.out``
    (the report rendered, for a run of that one spec; ``STAMP`` is the report's digest, so a
    new report never meets an old rendering)."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or default_dir()

    def _key(self, spec: Path, config: Config) -> str:
        owner = "\0".join((__version__, os.getcwd(), os.path.abspath(spec), config_stamp(config)))
        return hashlib.sha256(owner.encode()).hexdigest()[:40]

    def _valid(self, key: str) -> dict[str, Any] | None:
        """The entry's index when every file it was made from is unchanged."""
        try:
            data = json.loads((self.folder / f"{key}.json").read_text(encoding="utf-8"))
            if data.get("version") != ENTRY_VERSION:
                return None
            for path, digest in data["files"].items():
                if file_digest(path) != digest:
                    return None
            return data  # type: ignore[no-any-return]
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None

    def lookup(self, spec: Path, config: Config) -> Report | None:
        key = self._key(spec, config)
        if self._valid(key) is None:
            return None
        try:
            text = (self.folder / f"{key}.report.json").read_text(encoding="utf-8")
            return _report_from(json.loads(text))
        except (OSError, ValueError, KeyError, TypeError, IndexError):
            return None

    @contextlib.contextmanager
    def keeping_output(
        self, spec: Path, config: Config, name: str, explicit: Path | None = None
    ) -> Iterator[Callable[[str], None]]:
        """A function that takes the rendering of a run of this one spec piece by piece; when
        the block ends, the rendering is kept beside the (just stored) report, with a quick
        index that finds it without building the config (``explicit``: the config file named
        on the command line, if any)."""
        key = self._key(spec, config)
        index = self._valid(key)
        if index is None:
            yield lambda piece: None
            return
        pending = _Pending(self.folder)
        try:
            yield pending.write
        except BaseException:
            pending.abandon()
            raise
        if not pending.commit(self.folder / f"{key}.{index['stamp']}.{name}.out"):
            return
        from apilint.lint.config import config_search

        watched = [*config.files, *(p for p in config.plugins if p.endswith(".py"))]
        if explicit is None:
            watched.extend(str(p) for p in config_search(spec.resolve().parent)[1])
        modules = tuple(sorted({rule.module for rule in config.registry}))
        quick = {
            "version": ENTRY_VERSION,
            "entry": key,
            "files": {path: file_digest(path) for path in sorted(set(watched))},
            "code": {path: _stat(path) for path in _code_files(modules)},
        }
        self._write(f"{_quick_key(spec, explicit, name)}.quick.json", [json.dumps(quick)])

    def quick_output(self, spec: Path, explicit: Path | None, name: str) -> Output | None:
        """The rendering of a run of this one spec, found without building the config: valid
        while the config files (and where one could appear), apilint's and the rules' code,
        and every file the lint read are unchanged."""
        try:
            path = self.folder / f"{_quick_key(spec, explicit, name)}.quick.json"
            quick = json.loads(path.read_text(encoding="utf-8"))
            if quick.get("version") != ENTRY_VERSION:
                return None
            if any(_stat(p) != stamp for p, stamp in quick["code"].items()):
                return None
            if any(file_digest(p) != digest for p, digest in quick["files"].items()):
                return None
            key = quick["entry"]
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None
        index = self._valid(key)
        if index is None:
            return None
        try:
            data = (self.folder / f"{key}.{index['stamp']}.{name}.out").read_bytes()
            return Output(data, dict(index["counts"]), int(index["errors"]))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def store(self, spec: Path, config: Config, report: Report, files: list[str]) -> None:
        """Keep ``report``, made from ``files`` (absolute paths); quietly does nothing when
        the folder cannot be written (a cache is a courtesy)."""
        if any("://" in name for name in files):
            return
        key = self._key(spec, config)
        stamp = hashlib.sha256()

        def hashed() -> Iterator[str]:
            for piece in _report_chunks(report):
                stamp.update(piece.encode())
                yield piece

        if not self._write(f"{key}.report.json", hashed()):
            return
        index = {
            "version": ENTRY_VERSION,
            "files": {name: file_digest(name) for name in sorted(set(files))},
            "stamp": stamp.hexdigest()[:16],
            "counts": report.counts(),
            "errors": len(report.errors),
        }
        for old in self.folder.glob(f"{key}.*.out"):  # renderings of an older report
            if not old.name.startswith(f"{key}.{index['stamp']}."):
                with contextlib.suppress(OSError):
                    old.unlink()
        self._write(f"{key}.json", [json.dumps(index, ensure_ascii=False)])

    def _write(self, name: str, pieces: Iterable[str]) -> bool:
        """Write a cache file atomically (a parallel run never reads half of one)."""
        pending = _Pending(self.folder)
        for piece in pieces:
            pending.write(piece)
        return pending.commit(self.folder / name)


class _Pending:
    """A cache file being written to a temporary file, moved into place by :meth:`commit`;
    a write that fails drops it quietly (a cache is a courtesy)."""

    def __init__(self, folder: Path) -> None:
        self._handle: Any = None
        with contextlib.suppress(OSError):
            folder.mkdir(parents=True, exist_ok=True)
            # open across calls, closed by commit or abandon
            self._handle = tempfile.NamedTemporaryFile(  # noqa: SIM115
                "w", encoding="utf-8", dir=folder, delete=False, suffix=".tmp"
            )

    def write(self, piece: str) -> None:
        if self._handle is None:
            return
        try:
            self._handle.write(piece)
        except OSError:
            self.abandon()

    def commit(self, target: Path) -> bool:
        handle = self._handle
        if handle is None:
            return False
        try:
            handle.close()
            os.replace(handle.name, target)
            return True
        except OSError:
            self.abandon()
            return False

    def abandon(self) -> None:
        handle, self._handle = self._handle, None
        if handle is not None:
            with contextlib.suppress(OSError):
                handle.close()
            with contextlib.suppress(OSError):
                os.unlink(handle.name)


def _report_chunks(report: Report) -> Iterator[str]:
    """The report as compact JSON, one finding at a time."""
    encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    yield '{"findings":['
    for index, f in enumerate(report.findings):
        identity = list(f.identity) if f.identity else None
        related = [list(place) for place in f.related]
        row = [f.file, f.line, f.column, f.rule, f.message, f.pointer, int(f.severity), identity]
        row += [related, f.area, f.spec]
        yield f"{',' if index else ''}{encode(row)}"
    rest = {
        "errors": [[p.file, p.message, p.line, p.column] for p in report.errors],
        "files": list(report.files),
        "coverage": [list(pair) for pair in report.coverage.items()],
        "facts": [list(pair) for pair in report.facts.items()],
        "rules": [
            [r.id, r.area, int(r.severity), r.summary, r.description, r.help_uri]
            for r in report.rules
        ],
    }
    yield "]," + encode(rest)[1:]


def _finding_from(row: list[Any]) -> Finding:
    file, line, column, rule, message, pointer, severity, identity, related, area, spec = row
    return Finding(
        file=file,
        line=line,
        column=column,
        rule=rule,
        message=message,
        pointer=pointer,
        severity=Severity(severity),
        identity=Identity(*identity) if identity else None,
        related=tuple(Place(*place) for place in related),
        area=area,
        spec=spec,
    )


def _report_from(data: dict[str, Any]) -> Report:
    findings = tuple(_finding_from(row) for row in data["findings"])
    return Report(
        findings,  # stored in the report's own order: no need to sort again
        tuple(LoadProblem(*row) for row in data["errors"]),
        tuple(data["files"]),
        dict((file, figure) for file, figure in data["coverage"]),
        tuple(
            RuleInfo(
                id=rule_id,
                area=area,
                severity=Severity(severity),
                summary=summary,
                description=description,
                help_uri=help_uri,
            )
            for rule_id, area, severity, summary, description, help_uri in data["rules"]
        ),
        dict((file, noted) for file, noted in data.get("facts", [])),
    )
