"""Read a Spectral ruleset (``.spectral.yaml``, ``.spectral.yml``, ``.spectral.json``) into plain
definitions, its ``extends`` followed, every problem named by file, line and key path.

What this module knows is Spectral's ruleset format, not how rules run: rule definitions
(``given``, ``then``, ``severity``, ``message``, ``formats``, ``resolved``...), the built-in
``spectral:oas`` ruleset named by ``extends`` (kept as the names of its rules and the mode,
``recommended``, ``all`` or ``off``), ``aliases``, ``overrides``, ``functions`` and
``functionsDir``. Rulesets on npm are read from a ``node_modules`` folder above the ruleset when
they are YAML or JSON; a JavaScript ruleset, ``spectral:asyncapi`` and ``spectral:arazzo`` are
skipped, with a notice saying why; a JavaScript ruleset is read by running it in QuickJS
(:mod:`apilint.spectral.js_ruleset`).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from apilint.source import pointer as jp
from apilint.source.loader import LoadedFile, LoadError, load_data, load_file
from apilint.spectral.js_ruleset import JsRulesetError, read_js_ruleset

#: The file names a folder's ruleset may have, in the order Spectral looks for them.
RULESET_NAMES = (".spectral.yaml", ".spectral.yml", ".spectral.json")
#: A ruleset written as a JavaScript module (read by :mod:`apilint.spectral.js_ruleset`).
JS_SUFFIXES = (".js", ".cjs")
#: The built-in ruleset apilint maps onto its own rules; the others it cannot run.
SPECTRAL_OAS = "spectral:oas"
_UNSUPPORTED = {
    "spectral:asyncapi": "AsyncAPI documents are not OpenAPI; apilint lints OpenAPI only",
    "spectral:arazzo": "Arazzo workflows are not OpenAPI; apilint lints OpenAPI only",
}
#: Spectral's severities by name and by number (``-1`` and ``off``: the rule does not run).
SEVERITY_NAMES = ("error", "warn", "info", "hint", "off")
_SEVERITY_NUMBERS = {0: "error", 1: "warn", 2: "info", 3: "hint", -1: "off"}
#: Spectral's document formats and the OpenAPI versions each means (others mean no OpenAPI).
FORMATS: dict[str, frozenset[str]] = {
    "oas2": frozenset({"2.0"}),
    "oas3": frozenset({"3.0", "3.1", "3.2"}),
    "oas3.0": frozenset({"3.0"}),
    "oas3_0": frozenset({"3.0"}),
    "oas3.1": frozenset({"3.1"}),
    "oas3_1": frozenset({"3.1"}),
    "oas3.2": frozenset({"3.2"}),
    "oas3_2": frozenset({"3.2"}),
}
#: Formats Spectral knows that are no OpenAPI version: a rule limited to them never runs here.
OTHER_FORMATS = frozenset(
    {
        "asyncapi2",
        "asyncapi3",
        "arazzo1",
        "arazzo1.0",
        "json-schema",
        "json-schema-loose",
        "json-schema-draft4",
        "json-schema-draft6",
        "json-schema-draft7",
        "json-schema-draft-2019-09",
        "json-schema-draft-2020-12",
        "json-schema-2019-09",
        "json-schema-2020-12",
    }
)
_ALIAS_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")
_EXTENDS_MODES = ("recommended", "all", "off")
_TOP_KEYS = frozenset(
    {
        "extends",
        "rules",
        "overrides",
        "aliases",
        "formats",
        "functions",
        "functionsDir",
        "documentationUrl",
        "description",
        "parserOptions",
    }
)
_RULE_KEYS = frozenset(
    {
        "given",
        "then",
        "severity",
        "message",
        "description",
        "recommended",
        "formats",
        "resolved",
        "documentationUrl",
        "tags",
        "type",
        "extensions",
    }
)


class RulesetError(Exception):
    """A ruleset that cannot be used: one line naming the file, the place and the problem."""


@dataclass(frozen=True)
class Then:
    """One check of a rule: the function, its options, and the field of the target it reads
    (``None``: the target itself; ``@key``: the target's member name)."""

    function: str
    options: Any = None
    field: str | None = None


@dataclass(frozen=True)
class RuleDefinition:
    """A rule as a ruleset defines it."""

    name: str
    given: tuple[str, ...]
    then: tuple[Then, ...]
    severity: str = "warn"
    recommended: bool = True
    message: str | None = None
    description: str | None = None
    #: the OpenAPI versions the rule applies to; None: every document
    formats: frozenset[str] | None = None
    resolved: bool = True
    documentation_url: str | None = None
    #: the ruleset file that defines the rule (its functions are found beside it)
    source: Path = Path()


@dataclass(frozen=True)
class Override:
    """An ``overrides`` entry: file globs (relative to the ruleset) or ``file#/pointer``
    places, and the severities they set."""

    files: tuple[str, ...]
    rules: Mapping[str, str]
    source: Path = Path()


@dataclass
class Ruleset:
    """A ruleset with its ``extends`` followed: every rule by name, in the order defined."""

    #: the rules a ruleset defines (``given``/``then``), by name
    rules: dict[str, RuleDefinition] = field(default_factory=dict)
    #: the severity each rule runs at (``off`` included): definitions and overrides merged
    severities: dict[str, str] = field(default_factory=dict)
    #: ``spectral:oas`` when extended: its mode (recommended, all or off)
    builtin_mode: str | None = None
    #: the severities set for ``spectral:oas`` rules by name (which apilint rules they are is
    #: decided where apilint's rules are known)
    builtin_severities: dict[str, str] = field(default_factory=dict)
    #: alias name -> the paths it stands for, per OpenAPI version set (None: every document)
    aliases: dict[str, list[tuple[frozenset[str] | None, tuple[str, ...]]]] = field(
        default_factory=dict
    )
    overrides: list[Override] = field(default_factory=list)
    #: custom JavaScript functions the rules may call, by name -> the folder they are in
    functions: dict[str, Path] = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)
    #: what a run should say once about the ruleset (an extended ruleset it skips)
    notices: list[str] = field(default_factory=list)


def find_ruleset(folder: Path) -> Path | None:
    """The ruleset file of a folder, if it has one."""
    for name in RULESET_NAMES:
        candidate = folder / name
        if candidate.is_file():
            return candidate
    return None


def is_ruleset(path: Path, depth: int = 3) -> bool:
    """Whether a file is a Spectral ruleset rather than an apilint config: its name is a
    ruleset's, or its rules have ``given``/``then``, or it extends a ``spectral:`` ruleset, or
    everything it extends is a ruleset file or package (an apilint config may extend a ruleset
    beside a preset)."""
    if path.name in RULESET_NAMES or path.suffix in JS_SUFFIXES:
        return True
    if path.name in (".apilint.yaml", ".apilint.yml", "pyproject.toml"):
        return False
    try:
        data = load_file(path).data
    except (LoadError, OSError):
        return False
    if not isinstance(data, dict):
        return False
    extends = data.get("extends")
    names = extends if isinstance(extends, list) else [extends]
    firsts = [name[0] if isinstance(name, list) and name else name for name in names]
    if any(isinstance(first, str) and first.startswith("spectral:") for first in firsts):
        return True
    if extends and depth > 0 and all(isinstance(first, str) for first in firsts):
        extended = [_ruleset_file(first, path.parent) for first in firsts]
        if all(e is not None and e != path and is_ruleset(e, depth - 1) for e in extended):
            return True
    rules = data.get("rules")
    bodies = rules.values() if isinstance(rules, dict) else ()
    return any(isinstance(body, dict) and {"given", "then"} <= set(body) for body in bodies)


def load_ruleset(path: Path) -> Ruleset:
    """Read the ruleset at ``path`` and every ruleset it extends."""
    ruleset = Ruleset()
    _Reader(ruleset).read(Path(os.path.abspath(path)), ())
    return ruleset


def severity_of(value: Any) -> str | None:
    """A severity as Spectral writes it (a name, a number, or a boolean meaning the rule's own
    severity or off) as a name; ``None`` for ``true``; raises ``ValueError`` otherwise."""
    if value is True:
        return None
    if value is False:
        return "off"
    if isinstance(value, int) and value in _SEVERITY_NUMBERS:
        return _SEVERITY_NUMBERS[value]
    if isinstance(value, str) and value in SEVERITY_NAMES:
        return value
    raise ValueError(
        f"severity {json.dumps(value)} is not one of {', '.join(SEVERITY_NAMES)}, 0-3, -1,"
        " true or false"
    )


class _Reader:
    """Reads rulesets into one :class:`Ruleset`, extended ones first."""

    def __init__(self, ruleset: Ruleset) -> None:
        self.ruleset = ruleset

    def read(self, path: Path, chain: tuple[Path, ...]) -> None:
        if path in chain:
            cycle = " -> ".join(p.name for p in (*chain, path))
            raise RulesetError(f"ruleset {path}: extends itself ({cycle})")
        loaded = self._load(path)
        data = loaded.data
        where = _Place(loaded)
        if not isinstance(data, dict):
            raise where.error("", "a ruleset is a mapping (extends, rules, overrides...)")
        unknown = sorted(key for key in data if key not in _TOP_KEYS and not key.startswith("x-"))
        if unknown:
            raise where.error(f"/{unknown[0]}", f"unknown ruleset key '{unknown[0]}'")
        if not any(key in data for key in ("extends", "rules", "overrides")):
            raise where.error("", "a ruleset needs extends, rules or overrides")
        self.ruleset.files.append(path)
        for target, mode, at in self._extends(data.get("extends"), where):
            self._extend(target, mode, path, chain, where, at)
        default_formats = self._formats(data.get("formats"), where, "/formats")
        self._aliases(data.get("aliases"), where)
        self._functions(data, path, where)
        rules = data.get("rules", {})
        if not isinstance(rules, dict):
            raise where.error("/rules", "rules is a mapping of rule names")
        for name, body in rules.items():
            self._rule(str(name), body, where, path, default_formats)
        self._overrides(data.get("overrides"), where, path)

    # -- extends -------------------------------------------------------------------------------
    @staticmethod
    def _extends(value: Any, where: _Place) -> Iterator[tuple[str, str, str]]:
        """(target, mode, pointer) of each ``extends`` entry."""
        if value is None:
            return
        entries = value if isinstance(value, list) else [value]
        for index, entry in enumerate(entries):
            at = f"/extends/{index}" if isinstance(value, list) else "/extends"
            if isinstance(entry, str):
                yield entry, "recommended", at
            elif (
                isinstance(entry, list)
                and len(entry) == 2
                and isinstance(entry[0], str)
                and entry[1] in _EXTENDS_MODES
            ):
                yield entry[0], entry[1], at
            else:
                raise where.error(
                    at, "an extends entry is a ruleset name or [name, recommended|all|off]"
                )

    def _extend(
        self, target: str, mode: str, path: Path, chain: tuple[Path, ...], where: _Place, at: str
    ) -> None:
        if target == SPECTRAL_OAS:
            self.ruleset.builtin_mode = mode
            return
        if target in _UNSUPPORTED:  # its rules apply to other documents than OpenAPI
            self.ruleset.notices.append(
                f"ruleset {path}: extends '{target}', which apilint skips: {_UNSUPPORTED[target]}"
            )
            return
        if target.startswith(("http://", "https://")):
            raise where.error(at, f"'{target}': rulesets are not fetched from the network")
        file = _ruleset_file(target, path.parent)
        if file is None:
            raise where.error(at, f"'{target}': no such ruleset file or package")
        before = set(self.ruleset.rules)
        self.read(file, (*chain, path))
        if mode != "recommended":
            for name in set(self.ruleset.rules) - before:
                rule = self.ruleset.rules[name]
                if mode == "off":
                    self.ruleset.severities[name] = "off"
                elif mode == "all" and not rule.recommended:
                    self.ruleset.severities[name] = rule.severity

    @staticmethod
    def _load(path: Path) -> LoadedFile:
        if path.suffix in JS_SUFFIXES:
            try:
                return load_data(read_js_ruleset(path), path)
            except JsRulesetError as error:
                raise RulesetError(f"ruleset {path}: {error}") from None
        try:
            return load_file(path)
        except LoadError as error:
            line = f" line {error.line}:" if error.line else ""
            raise RulesetError(f"ruleset {path}:{line} {error.message}") from None
        except OSError as error:
            raise RulesetError(f"ruleset {path}: {error.strerror or error}") from None

    # -- parts ---------------------------------------------------------------------------------
    @staticmethod
    def _formats(value: Any, where: _Place, at: str) -> frozenset[str] | None:
        if value is None:
            return None
        if not isinstance(value, list) or not all(isinstance(f, str) for f in value):
            raise where.error(at, "formats is a list of format names (oas2, oas3, oas3.1...)")
        versions: set[str] = set()
        for index, name in enumerate(value):
            if name in FORMATS:
                versions |= FORMATS[name]
            elif name not in OTHER_FORMATS:
                known = ", ".join(sorted(FORMATS))
                raise where.error(f"{at}/{index}", f"unknown format '{name}' (known: {known})")
        return frozenset(versions)

    def _aliases(self, value: Any, where: _Place) -> None:
        if value is None:
            return
        if not isinstance(value, dict):
            raise where.error("/aliases", "aliases is a mapping of names to paths")
        for name, body in value.items():
            at = jp.join("/aliases", str(name))
            if not isinstance(name, str) or not _ALIAS_NAME.match(name):
                raise where.error(at, f"alias name '{name}' must match {_ALIAS_NAME.pattern}")
            if isinstance(body, list) and body and all(isinstance(p, str) for p in body):
                self.ruleset.aliases[name] = [(None, tuple(body))]
                continue
            targets = body.get("targets") if isinstance(body, dict) else None
            if not isinstance(targets, list) or not targets:
                raise where.error(at, "an alias is a list of paths, or {description, targets}")
            scoped: list[tuple[frozenset[str] | None, tuple[str, ...]]] = []
            for index, target in enumerate(targets):
                place = f"{at}/targets/{index}"
                given = target.get("given") if isinstance(target, dict) else None
                if not isinstance(given, list) or not all(isinstance(p, str) for p in given):
                    raise where.error(place, "a target has formats and a list of given paths")
                formats = self._formats(target.get("formats"), where, f"{place}/formats")
                scoped.append((formats, tuple(given)))
            self.ruleset.aliases[name] = scoped

    def _functions(self, data: dict[str, Any], path: Path, where: _Place) -> None:
        names = data.get("functions", [])
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            raise where.error("/functions", "functions is a list of function names")
        folder = data.get("functionsDir", "functions")
        if not isinstance(folder, str):
            raise where.error("/functionsDir", "functionsDir is a folder name")
        for name in names:
            self.ruleset.functions[name] = (path.parent / folder).resolve()

    def _rule(
        self,
        name: str,
        body: Any,
        where: _Place,
        path: Path,
        default_formats: frozenset[str] | None,
    ) -> None:
        at = jp.join("/rules", name)
        if not isinstance(body, dict):  # a severity for a rule defined elsewhere
            try:
                severity = severity_of(body)
            except ValueError as error:
                raise where.error(at, str(error)) from None
            self._set_severity(name, severity, where, at)
            return
        unknown = sorted(key for key in body if key not in _RULE_KEYS)
        if unknown:
            raise where.error(f"{at}/{unknown[0]}", f"unknown rule key '{unknown[0]}'")
        if "given" not in body or "then" not in body:
            if name in self.ruleset.rules and set(body) <= {"severity", "recommended"}:
                self._set_severity(name, _severity(body, where, at), where, at)
                return
            raise where.error(at, "a rule needs given and then")
        given = body["given"]
        given_list = [given] if isinstance(given, str) else given
        if not isinstance(given_list, list) or not all(isinstance(p, str) for p in given_list):
            raise where.error(f"{at}/given", "given is a JSONPath or a list of them")
        then = body["then"]
        then_list = then if isinstance(then, list) else [then]
        checks = tuple(_then(item, where, f"{at}/then") for item in then_list)
        severity = _severity(body, where, at) or "warn"
        recommended = body.get("recommended", True)
        if not isinstance(recommended, bool):
            raise where.error(f"{at}/recommended", "recommended is true or false")
        for key in ("message", "description", "documentationUrl"):
            if key in body and not isinstance(body[key], str):
                raise where.error(f"{at}/{key}", f"{key} is a string")
        resolved = body.get("resolved", True)
        if not isinstance(resolved, bool):
            raise where.error(f"{at}/resolved", "resolved is true or false")
        formats = self._formats(body.get("formats"), where, f"{at}/formats")
        self.ruleset.rules[name] = RuleDefinition(
            name=name,
            given=tuple(given_list),
            then=checks,
            severity=severity,
            recommended=recommended,
            message=body.get("message"),
            description=body.get("description"),
            formats=formats if formats is not None else default_formats,
            resolved=resolved,
            documentation_url=body.get("documentationUrl"),
            source=path,
        )
        self.ruleset.severities[name] = severity if recommended else "off"

    def _set_severity(self, name: str, severity: str | None, where: _Place, at: str) -> None:
        if name in self.ruleset.rules:
            rule = self.ruleset.rules[name]
            self.ruleset.severities[name] = severity or rule.severity
            if severity is None:  # `true`: on at the rule's own severity
                self.ruleset.rules[name] = replace(rule, recommended=True)
        elif self.ruleset.builtin_mode is not None:
            self.ruleset.builtin_severities[name] = severity or "on"
        else:
            raise where.error(at, f"rule '{name}' is not defined by this ruleset or one it extends")

    def _overrides(self, value: Any, where: _Place, path: Path) -> None:
        if value is None:
            return
        if not isinstance(value, list):
            raise where.error("/overrides", "overrides is a list of {files, rules}")
        for index, entry in enumerate(value):
            at = f"/overrides/{index}"
            files = entry.get("files") if isinstance(entry, dict) else None
            if (
                not isinstance(files, list)
                or not files
                or not all(isinstance(f, str) for f in files)
            ):
                raise where.error(at, "an override has files: a list of globs")
            rules = entry.get("rules", {})
            if not isinstance(rules, dict):
                raise where.error(f"{at}/rules", "rules is a mapping of rule names to severities")
            severities: dict[str, str] = {}
            for name, setting in rules.items():
                try:
                    severity = severity_of(setting)
                except ValueError as error:
                    raise where.error(jp.join(at, "rules", str(name)), str(error)) from None
                severities[str(name)] = severity or "on"
            extra = sorted(set(entry) - {"files", "rules"})
            if extra and any("#" in f for f in files):
                raise where.error(
                    f"{at}/{extra[0]}", "an override of #/pointer places may only set rules"
                )
            self.ruleset.overrides.append(Override(tuple(files), severities, path))


def _severity(body: dict[str, Any], where: _Place, at: str) -> str | None:
    if "severity" not in body:
        return None
    try:
        return severity_of(body["severity"])
    except ValueError as error:
        raise where.error(f"{at}/severity", str(error)) from None


def _then(item: Any, where: _Place, at: str) -> Then:
    if not isinstance(item, dict) or not isinstance(item.get("function"), str):
        raise where.error(at, "then is {function, functionOptions, field} or a list of them")
    unknown = sorted(set(item) - {"function", "functionOptions", "field"})
    if unknown:
        raise where.error(f"{at}/{unknown[0]}", f"unknown key '{unknown[0]}' in then")
    field_name = item.get("field")
    if field_name is not None and not isinstance(field_name, str):
        raise where.error(f"{at}/field", "field is a string")
    return Then(item["function"], item.get("functionOptions"), field_name)


def _ruleset_file(target: str, base: Path) -> Path | None:
    """The file an ``extends`` entry names: a path relative to the ruleset, or a package in a
    ``node_modules`` folder at or above it (its ``main``, else a ruleset file in it)."""
    candidate = (base / target).resolve()
    if candidate.is_file():
        return candidate
    if target.startswith((".", "/")):
        return None
    for folder in (base, *base.parents):
        package = folder / "node_modules" / target
        if package.is_file():
            return package
        if package.is_dir():
            return _package_entry(package)
    return None


def _package_entry(package: Path) -> Path | None:
    manifest = package / "package.json"
    if manifest.is_file():
        try:
            main = json.loads(manifest.read_text(encoding="utf-8")).get("main")
        except (OSError, ValueError):
            main = None
        if isinstance(main, str) and (package / main).is_file():
            return (package / main).resolve()
    for name in ("ruleset.yaml", "ruleset.yml", "ruleset.json", *RULESET_NAMES, "index.js"):
        if (package / name).is_file():
            return (package / name).resolve()
    return None


class _Place:
    """Names a place in a ruleset file: the file, the line when known, the key path."""

    def __init__(self, loaded: LoadedFile) -> None:
        self.loaded = loaded

    def error(self, pointer: str, message: str) -> RulesetError:
        place = ""
        if pointer:
            try:
                place = f":{self.loaded.positions.locate(pointer)[0]}"
            except (KeyError, LookupError, ValueError):
                place = ""
        keys = ".".join(jp.split(pointer)) or "(top level)"
        return RulesetError(f"ruleset {self.loaded.path}{place}: {keys}: {message}")
