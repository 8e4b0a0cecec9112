"""Configuration: find it, read it, merge ``extends`` and ``overrides``, validate it.

A config is ``.apilint.yaml`` / ``.apilint.yml`` or the ``[tool.apilint]`` table of a
``pyproject.toml``, found from the linted file's folder upward, or named with ``--config``.
Built-in presets (``minimal``, ``recommended``, ``strict``) are derived from rule metadata, so
plugin rules take part in them exactly as built-in rules do.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pathspec

from apilint.lint.declare import Rule
from apilint.lint.findings import Severity
from apilint.lint.peer_rules import PEER_NAMES, alias_target, entries, named
from apilint.lint.registry import (
    PluginError,
    Registry,
    installed_presets,
    load_registry,
    suggest,
)
from apilint.model.refs import RefPolicy
from apilint.source.loader import DEFAULT_MAX_BYTES, LoadError, parse_text
from apilint.spectral.ruleset import (
    RULESET_NAMES,
    Ruleset,
    RulesetError,
    find_ruleset,
    is_ruleset,
    load_ruleset,
)

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

CONFIG_FILES = (".apilint.yaml", ".apilint.yml")
PRESETS = ("minimal", "recommended", "strict")
#: Presets written as config files shipped with apilint (``apilint/lint/presets/<name>.yaml``).
BUNDLED_PRESETS = ("zalando",)
SEVERITY_WORDS = ["off", "hint", "info", "warn", "warning", "error"]

_RULE_VALUE = {
    "anyOf": [
        {"enum": SEVERITY_WORDS},
        {
            "type": "object",
            "additionalProperties": False,
            "properties": {"severity": {"enum": SEVERITY_WORDS}, "options": {"type": "object"}},
        },
    ]
}
#: ``apilint report``'s section (read by ``apilint.fleet``): owners, the score gate, history
_REPORT_SECTION: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "teams": {
            "type": "object",
            "propertyNames": {"minLength": 1},
            # a negated glob takes no team: its APIs are left to the extension or CODEOWNERS
            "patternProperties": {"^!": {"type": "null"}},
            "additionalProperties": {"type": "string", "minLength": 1},
        },
        "owner-extension": {"type": "string", "pattern": "^x-"},
        "codeowners": {"anyOf": [{"type": "string", "minLength": 1}, {"const": False}]},
        "min-score": {"type": "number", "minimum": 0, "maximum": 100},
        "shown": {"type": "integer", "minimum": 0},
        "history": {"type": "string", "minLength": 1},
    },
}
CONFIG_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "extends": {
            "anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}],
        },
        "rules": {"type": "object", "additionalProperties": _RULE_VALUE},
        "overrides": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["files", "rules"],
                "properties": {
                    "files": {"type": "array", "items": {"type": "string"}, "minItems": 1},
                    "rules": {"type": "object", "additionalProperties": _RULE_VALUE},
                },
            },
        },
        "plugins": {"type": "array", "items": {"type": "string"}},
        "refs": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "allow-outside-root": {"type": "boolean"},
                "allow-remote": {"type": "boolean"},
            },
        },
        "max-file-size": {"type": "number", "exclusiveMinimum": 0, "maximum": 1048576},
        "diff": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "changes": {
                    "type": "object",
                    "additionalProperties": {"enum": ["breaking", "warning", "info", "off"]},
                },
                "version-policy": {"enum": ["major", "none"]},
                "allow-removal-after-sunset": {"type": "boolean"},
                "sunset-extension": {"type": "string", "pattern": "^x-"},
                "stability-extension": {"type": "string", "pattern": "^x-"},
                "stability-exempt": {
                    "type": "object",
                    "propertyNames": {"enum": ["draft", "alpha", "beta", "stable"]},
                    "additionalProperties": {"enum": ["breaking", "warning", "info"]},
                },
                "extensible-enum-extension": {"type": "string", "pattern": "^x-"},
                "today": {"type": ["string", "null"], "format": "date"},
            },
        },
        "report": _REPORT_SECTION,
    },
}


@dataclass(frozen=True)
class ConfigProblem:
    """One thing wrong in a config: ``where`` names the config as messages do (its path, with
    `` [tool.apilint]`` for a ``pyproject.toml`` table; ``config`` for data given in Python),
    ``detail`` is the key and what is wrong with it; ``file`` is the config file it is in."""

    where: str
    detail: str
    file: str | None = None
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        position = "".join(f":{n}" for n in (self.line, self.column) if n is not None)
        return f"{self.where}{position}: {self.detail}" if self.where else self.detail

    @property
    def within_file(self) -> str:
        """The problem as said of its file (the file not repeated): ``rules.x: ...``,
        ``[tool.apilint]: rules.x: ...``."""
        table = self.where.removeprefix(self.file or "").strip()
        return f"{table}: {self.detail}" if table else self.detail


class ConfigError(Exception):
    """A config that cannot be used: every problem found in it (``problems``), each one line
    naming the file and the key; ``str()`` is those lines."""

    def __init__(self, *problems: ConfigProblem | str) -> None:
        self.problems = tuple(
            p if isinstance(p, ConfigProblem) else ConfigProblem("", p) for p in problems
        )
        super().__init__("\n".join(str(p) for p in self.problems))


@dataclass(frozen=True)
class RuleSetting:
    """A rule's effective severity (None: off) and options."""

    severity: Severity | None
    options: Mapping[str, Any]


@dataclass(frozen=True)
class Override:
    """Rule settings for the files that match ``files``: gitignore-style patterns, relative to
    the config file's folder (``*`` stays within a folder, ``**`` crosses folders, a pattern
    without a ``/`` matches a name at any depth, ``!`` excludes)."""

    files: tuple[str, ...]
    rules: Mapping[str, Any]
    #: the folder the patterns are relative to (a ruleset's); None: the config's
    base: Path | None = None
    #: only the findings at or below this JSON pointer of the matching files (a Spectral
    #: ruleset's ``file#/pointer`` override); None: the whole files
    pointer: str | None = None
    patterns: pathspec.PathSpec = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "patterns", pathspec.GitIgnoreSpec.from_lines(self.files))


@dataclass(kw_only=True)
class Config:
    """An effective configuration: every known rule's setting, plus per-file overrides."""

    registry: Registry
    rules: dict[str, RuleSetting]
    source: Path | None = None
    overrides: list[Override] = field(default_factory=list)
    plugins: tuple[str, ...] = ()
    allow_outside_root: bool = False
    allow_remote: bool = False
    max_bytes: int = DEFAULT_MAX_BYTES
    #: the config files this config was read from (itself and what it extends)
    files: tuple[str, ...] = ()
    #: each layer's ``diff`` section (schema-checked) and where it is written, first layer
    #: first; ``apilint.changes.settings`` reads them as ``apilint diff``'s settings
    diff_sections: tuple[tuple[str, Mapping[str, Any]], ...] = ()
    #: each layer's ``report`` section and where it is written, first layer first
    report_sections: tuple[tuple[str, Mapping[str, Any]], ...] = ()
    #: what a run should say once (a ruleset's rule that cannot run, and why)
    notices: tuple[str, ...] = ()

    @property
    def root(self) -> Path | None:
        """The folder the config file is in: globs and the project folder are relative to it."""
        return self.source.parent if self.source else None

    @property
    def ref_policy(self) -> RefPolicy:
        return RefPolicy(self.allow_outside_root, self.allow_remote, self.max_bytes)

    def settings_for(self, path: str | Path) -> dict[str, RuleSetting]:
        """Rule settings for one file, with every matching override applied in order."""
        matching = [o for o in self.overrides if o.pointer is None and self._matches(o, Path(path))]
        if not matching:
            return self.rules
        settings = dict(self.rules)
        for override in matching:
            _apply_rules(settings, override.rules, self.registry, self._where(), "overrides")
        return settings

    def severity_at(
        self, rule_id: str, file: str, pointer: str, severity: Severity | None
    ) -> Severity | None:
        """A finding's severity once the overrides of ``file#/pointer`` places apply (the
        last that covers the pointer wins); ``severity`` when none does."""
        for override in self.overrides:
            if override.pointer is None or rule_id not in override.rules:
                continue
            covered = pointer == override.pointer or pointer.startswith(override.pointer + "/")
            if covered and self._matches(override, Path(file)):
                value = override.rules[rule_id]
                severity = None if value == "off" else Severity.parse(value)
        return severity

    @property
    def has_pointer_overrides(self) -> bool:
        return any(o.pointer is not None for o in self.overrides)

    def _matches(self, override: Override, path: Path) -> bool:
        base = override.base or self.root or Path.cwd()
        try:
            relative = Path(os.path.abspath(path)).relative_to(os.path.abspath(base)).as_posix()
        except ValueError:
            relative = Path(path).as_posix()
        return override.patterns.match_file(relative)

    def _where(self) -> str:
        return str(self.source or "config")


def preset(name: str, registry: Registry) -> dict[str, RuleSetting]:
    """The settings of a built-in preset, from each rule's metadata."""
    settings: dict[str, RuleSetting] = {}
    for item in registry:
        severity: Severity | None = item.severity
        if (name == "minimal" and not (item.area == "structure" and item.recommended)) or (
            name == "recommended" and not item.recommended
        ):
            severity = None
        elif name == "strict" and item.severity == Severity.WARN:
            severity = Severity.ERROR
        options = {**item.defaults, **item.strict_options} if name == "strict" else item.defaults
        settings[item.id] = RuleSetting(severity, options)
    return settings


def _apply_rules(
    settings: dict[str, RuleSetting],
    rules: Mapping[str, Any],
    registry: Registry,
    where: str,
    prefix: str = "",
    file: str | None = None,
) -> list[ConfigProblem]:
    """Apply a ``rules`` mapping; the entries that cannot be applied are left out, and each
    is a problem reading ``[prefix.]rules.rule-id...: problem``."""
    key_path = f"{prefix + '.' if prefix else ''}rules"
    problems: list[ConfigProblem] = []
    named_as: dict[str, str] = {}  # rule id -> how this mapping names it (its id or an alias)
    for name, value in rules.items():
        rule_id = resolve_rule_name(name, registry)
        if rule_id is None:
            detail = f"{key_path}.{name}: {unknown_rule_detail(name, registry)}"
            problems.append(ConfigProblem(where, detail, file))
            continue
        if rule_id in named_as:
            detail = (
                f"{key_path}: '{named_as[rule_id]}' and '{name}' name the same rule"
                f" ('{rule_id}'): keep one"
            )
            problems.append(ConfigProblem(where, detail, file))
            continue
        named_as[rule_id] = name
        item = registry[rule_id]
        current = settings.get(rule_id, RuleSetting(item.severity, item.defaults))
        if isinstance(value, str):
            value = {"severity": value}
        severity = current.severity
        if "severity" in value:
            word = value["severity"]
            severity = None if word == "off" else Severity.parse(word)
        elif current.severity is None:
            severity = item.severity  # giving options to a rule that was off switches it on
        options = dict(current.options)
        if "options" in value:
            options.update(value["options"])
            wrong = _option_problems(item, options, f"{key_path}.{name}.options")
            if wrong:
                problems.extend(ConfigProblem(where, detail, file) for detail in wrong)
                continue
        settings[rule_id] = RuleSetting(severity, options)
    return problems


def resolve_rule_name(name: str, registry: Registry) -> str | None:
    """The rule a config or an ``x-apilint-ignore`` marker means by ``name``: a rule id of the
    registry, or the Spectral or Redocly id of one (:mod:`apilint.lint.peer_rules`); None if
    it is neither."""
    if name in registry:
        return name
    target = alias_target(name)
    return target if target is not None and target in registry else None


def unknown_rule_detail(name: str, registry: Registry) -> str:
    """Why ``name`` names no rule: a peer's rule that apilint covers differently or not at
    all (with the reason), else a mistyped id (with a "did you mean")."""
    peers = named(name)
    if not peers:
        aliases = [entry.id for entry in entries() if entry.alias]
        return f"unknown rule id '{name}'{suggest(name, [*registry.rules, *aliases])}"
    first = peers[0]
    which = " and ".join(dict.fromkeys(PEER_NAMES[entry.peer] for entry in peers))
    target = alias_target(name)
    if target is not None:  # an alias of a rule this run does not have
        return f"'{name}' is the {which} name of '{target}', a rule this run does not have"
    if not first.apilint:
        return f"'{name}' is a {which} rule apilint has no equivalent of: {first.note}"
    covering = " and ".join(f"'{rule_id}'" for rule_id in first.apilint)
    return f"'{name}' is a {which} rule apilint covers differently, with {covering}: {first.note}"


def _option_problems(item: Rule, options: Mapping[str, Any], key: str) -> list[str]:
    """What is wrong with a rule's options, one ``key.option: problem`` line each: an unknown
    option with a "did you mean", a value its JSON Schema rejects."""
    import jsonschema  # on use: a run without a config file never needs it

    validator = jsonschema.Draft202012Validator(
        item.options_schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    known = sorted(item.options)
    found: list[str] = []
    for error in sorted(validator.iter_errors(options), key=lambda e: list(map(str, e.path))):
        best = jsonschema.exceptions.best_match([error]) or error
        where = ".".join([key, *(str(p) for p in best.absolute_path)])
        if best.validator == "additionalProperties" and not best.absolute_path:
            listed = f"; options: {', '.join(known)}" if known else "; the rule has no options"
            found.extend(
                f"{where}: unknown option '{name}'{suggest(name, known)}{listed}"
                for name in options
                if name not in item.options
            )
        elif best.validator == "enum" and isinstance(best.instance, str):
            choices = [str(choice) for choice in best.validator_value]
            found.append(f"{where}: {best.message}{suggest(best.instance, choices)}")
        else:
            found.append(f"{where}: {best.message}")
    return found


def _compiled_config_schema_accepts(raw: Any) -> bool:
    """Whether jsonschema-rs (when installed) finds the config valid: a fast yes for the
    common case; a no, or no jsonschema-rs, leaves the verdict to jsonschema."""
    try:
        import jsonschema_rs
    except ImportError:
        return False
    validator = jsonschema_rs.validator_for(CONFIG_SCHEMA, validate_formats=True)
    return bool(validator.is_valid(raw))


def _validate(raw: Any, where: str, file: str | None = None) -> dict[str, Any]:
    """The config, schema-checked; raises ``ConfigError`` with every problem found."""
    data, problems = _checked(raw, where, file)
    if problems:
        raise ConfigError(*problems)
    return data


def _checked(raw: Any, where: str, file: str | None) -> tuple[dict[str, Any], list[ConfigProblem]]:
    """The config with what the schema rejects left out, and a problem for each rejection:
    the rest is still read, so that one run reports every problem of a config."""
    if not raw:
        return {}, []  # no config (or an empty one): nothing to check, no jsonschema to import
    if _compiled_config_schema_accepts(raw):
        return raw, []
    import jsonschema  # only to explain what is wrong (0.1 s to import)

    validator = jsonschema.Draft202012Validator(
        CONFIG_SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    errors = sorted(validator.iter_errors(raw), key=lambda e: [str(p) for p in e.absolute_path])
    problems: list[ConfigProblem] = []
    for error in errors:
        best = jsonschema.exceptions.best_match([error]) or error
        problems.extend(ConfigProblem(where, text, file) for text in _schema_messages(best))
    if not isinstance(raw, Mapping):
        return {}, problems
    return _without_rejected(dict(raw), errors), problems


def _schema_messages(error: Any) -> list[str]:
    """What a schema error says, as ``key: problem`` lines (one per unknown key)."""
    key = ".".join(str(p) for p in error.absolute_path)
    prefix = f"{key}: " if key else ""
    if error.validator == "additionalProperties" and isinstance(error.instance, Mapping):
        known = list(error.schema.get("properties", {}))
        return [
            f"{prefix}unknown key '{name}'{suggest(str(name), known)}; known keys: "
            + ", ".join(known)
            for name in error.instance
            if name not in known
        ]
    if error.validator == "anyOf" and key.split(".")[-2:-1] == ["rules"]:
        return [
            f"{prefix}{error.instance!r} is not a rule setting: use one of "
            f"{', '.join(SEVERITY_WORDS)}, or {{severity: ..., options: {{...}}}}"
        ]
    if error.validator == "enum" and key.endswith(".severity"):
        return [
            f"{prefix}{error.instance!r} is not a severity: use one of {', '.join(SEVERITY_WORDS)}"
        ]
    return [f"{prefix}{error.message}"]


def _without_rejected(data: dict[str, Any], errors: list[Any]) -> dict[str, Any]:
    """``data`` without the parts the schema errors are about: an unknown top-level key, one
    entry of ``rules`` or ``overrides``, else the whole top-level key the error is in."""
    drop: set[str] = set()
    entries: dict[str, set[Any]] = {"rules": set(), "overrides": set()}
    for error in errors:
        path = list(error.absolute_path)
        if not path:
            drop.update(k for k in data if k not in CONFIG_SCHEMA["properties"])
        elif path[0] in entries and len(path) > 1:
            entries[path[0]].add(path[1])
        else:
            drop.add(str(path[0]))
    kept = {k: v for k, v in data.items() if k not in drop}
    if entries["rules"] and isinstance(kept.get("rules"), Mapping):
        kept["rules"] = {k: v for k, v in kept["rules"].items() if k not in entries["rules"]}
    if entries["overrides"] and isinstance(kept.get("overrides"), list):
        gone = entries["overrides"]
        kept["overrides"] = [o for i, o in enumerate(kept["overrides"]) if i not in gone]
    return kept


def read_config_file(path: Path) -> dict[str, Any]:
    """The raw, schema-validated content of a config file."""
    return _validate(_read_raw(path), _label(path), str(path))


def _label(path: Path) -> str:
    """How messages name a config file: its path, with the table of a ``pyproject.toml``."""
    return f"{path} [tool.apilint]" if path.name == "pyproject.toml" else str(path)


def _read_raw(path: Path) -> Any:
    """A config file's data as written (``None`` for an empty file or a ``pyproject.toml``
    without the table); raises ``ConfigError`` for a file that cannot be read or parsed."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise ConfigError(
            ConfigProblem(str(path), f"cannot read config: {error.strerror or error}", str(path))
        ) from None
    except UnicodeDecodeError:
        raise ConfigError(ConfigProblem(str(path), "config is not UTF-8 text", str(path))) from None
    if path.name == "pyproject.toml":
        try:
            return tomllib.loads(text).get("tool", {}).get("apilint")
        except tomllib.TOMLDecodeError as error:
            raise ConfigError(
                ConfigProblem(str(path), f"invalid TOML: {error}", str(path))
            ) from None
    if not text.strip():
        return None  # an empty config file: the defaults
    try:  # the YAML 1.2 core schema, as for specs: `off` is the word off, not False
        return parse_text(text, path).data
    except LoadError as error:
        problem = error.message.removeprefix("invalid YAML: ")
        raise ConfigError(
            ConfigProblem(
                str(path), f"invalid YAML in config: {problem}", str(path), error.line, error.column
            )
        ) from None


def _has_apilint_table(path: Path) -> bool:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    try:
        return "apilint" in tomllib.loads(text).get("tool", {})
    except tomllib.TOMLDecodeError:
        return "[tool.apilint" in text  # ours but broken: reading it will say what is wrong


def find_config_file(folder: Path) -> Path | None:
    """The nearest config file from ``folder`` upward, or None."""
    return config_search(folder)[0]


def config_search(folder: Path) -> tuple[Path | None, list[Path]]:
    """The nearest config file from ``folder`` upward (or None), and every path looked at on
    the way (a file created at one of them would change the answer)."""
    looked: list[Path] = []
    ruleset: Path | None = None
    for directory in [folder, *folder.parents]:
        for name in (*CONFIG_FILES, "pyproject.toml"):
            candidate = directory / name
            looked.append(candidate)
            if candidate.is_file() and (name != "pyproject.toml" or _has_apilint_table(candidate)):
                return candidate, looked
        if ruleset is None:
            looked.extend(directory / name for name in RULESET_NAMES)
            ruleset = find_ruleset(directory)
    # no apilint config: a Spectral ruleset, when the repository has one, is the config
    return ruleset, looked


@dataclass
class _Layer:
    raw: dict[str, Any]
    where: str
    base: Path  # the folder relative paths in this layer are read from


def _layers(
    raw: dict[str, Any],
    where: str,
    base: Path,
    chain: tuple[Path, ...],
    read: list[Path] | None = None,
) -> list[_Layer]:
    """This config's ``extends`` chain, flattened: presets as names, files as layers, self last.
    ``read`` collects the config files extended (for the result cache)."""
    extends = raw.get("extends", ["recommended"])
    if isinstance(extends, str):
        extends = [extends]
    layers: list[_Layer] = []
    for entry in extends:
        if entry in PRESETS:
            layers.append(_Layer({"preset": entry}, where, base))
            continue
        if entry in BUNDLED_PRESETS:
            bundled = Path(str(resources.files("apilint.lint") / "presets" / f"{entry}.yaml"))
            layers.extend(_layers(read_config_file(bundled), entry, bundled.parent, chain, read))
            continue
        if entry in installed_presets():
            shipped, shipped_file = _installed_preset(entry, where)
            if read is not None and shipped_file.is_file():
                read.append(shipped_file)  # the result cache watches it like a config file
            label = f"{entry} (preset of {installed_presets()[entry].value})"
            layers.extend(_layers(shipped, label, shipped_file.parent, chain, read))
            continue
        target = (base / entry).resolve()
        if target in chain:
            detail = f"extends: '{entry}' extends itself (a cycle)"
            raise ConfigError(ConfigProblem(where, detail, _config_file(where, None)))
        if not target.is_file():
            names = (*PRESETS, *BUNDLED_PRESETS, *sorted(installed_presets()))
            detail = f"extends: '{entry}' is neither a preset ({', '.join(names)})"
            detail += " nor a config file"
            raise ConfigError(ConfigProblem(where, detail, _config_file(where, None)))
        if read is not None:
            read.append(target)
        if is_ruleset(target):  # a Spectral ruleset: its rules, as the ruleset sets them
            layers.append(_Layer({"ruleset": target}, str(target), target.parent))
            continue
        layers.extend(
            _layers(read_config_file(target), str(target), target.parent, (*chain, target), read)
        )
    layers.append(_Layer(raw, where, base))
    return layers


def _installed_preset(name: str, where: str) -> tuple[dict[str, Any], Path]:
    """A preset a package ships: its raw config, and its file (for a preset given as data,
    the module's file): relative paths in it are read from that file's folder."""
    entry = installed_presets()[name]
    try:
        shipped = entry.load()
    except Exception as error:  # a package's own import may fail in any way
        raise ConfigError(f"{where}: extends: cannot load preset '{name}': {error}") from None
    if isinstance(shipped, Mapping):
        origin = getattr(sys.modules.get(entry.module), "__file__", None)
        return _validate(dict(shipped), f"preset '{name}'"), Path(origin or "preset")
    path = Path(str(shipped))
    return read_config_file(path), path


def build_config(
    raw: Mapping[str, Any] | None, source: Path | None = None, *, where: str | None = None
) -> Config:
    """An effective config from raw config data (as read from a file or given in Python)."""
    label = where or (_label(source) if source else "config")
    file = str(source) if source else None
    given = dict(raw) if isinstance(raw, Mapping) else raw
    data, problems = _checked(given if given is not None else {}, label, file)
    base = source.parent.resolve() if source else Path.cwd()
    chain = (source.resolve(),) if source else ()
    read: list[Path] = [source.resolve()] if source else []
    try:
        layers = _layers(data, label, base, chain, read)
    except ConfigError as error:
        raise ConfigError(*problems, *error.problems) from None
    plugins: list[str] = []
    written: dict[str, str] = {}  # how the config names each plugin, for messages
    for layer in layers:
        for plugin in layer.raw.get("plugins", []):
            name = str(layer.base / plugin) if plugin.endswith(".py") else plugin
            plugins.append(name)
            written[name] = plugin
    try:
        registry = load_registry(tuple(plugins))
    except PluginError as error:
        message = str(error)
        for name, plugin in written.items():
            message = message.replace(f"'{name}'", f"'{plugin}'")
        raise ConfigError(*problems, ConfigProblem(label, f"plugins: {message}", file)) from None
    rulesets = _rulesets(layers, label, file, problems)
    if rulesets:
        try:
            registry = _with_ruleset_rules(registry, rulesets.values())
        except RulesetError as error:
            raise ConfigError(*problems, ConfigProblem(label, str(error), file)) from None
        read.extend(path for ruleset in rulesets.values() for path in ruleset.files)
    settings: dict[str, RuleSetting] = {}
    overrides: list[Override] = []
    config = Config(
        registry=registry,
        rules=settings,
        source=source,
        overrides=overrides,
        plugins=tuple(plugins),
    )
    config.files = tuple(str(path) for path in read)
    for layer in layers:
        if "preset" in layer.raw:
            settings.update(preset(layer.raw["preset"], registry))
            continue
        if "ruleset" in layer.raw:
            ruleset = rulesets[layer.raw["ruleset"]]
            try:
                settings.update(_ruleset_settings(ruleset, registry))
            except RulesetError as error:
                raise ConfigError(*problems, ConfigProblem(label, str(error), file)) from None
            try:
                overrides.extend(_ruleset_overrides(ruleset, registry))
            except RulesetError as error:
                raise ConfigError(*problems, ConfigProblem(label, str(error), file)) from None
            config.notices += (*ruleset.notices, *_not_run(ruleset))
            continue
        file = _config_file(layer.where, source)
        rules = layer.raw.get("rules", {})
        problems += _apply_rules(settings, rules, registry, layer.where, file=file)
        for index, override in enumerate(layer.raw.get("overrides", [])):
            # validate the override's rule ids and options now, so errors surface at start
            prefix = f"overrides.{index}"
            problems += _apply_rules(
                dict(settings), override["rules"], registry, layer.where, prefix, file
            )
            overrides.append(Override(tuple(override["files"]), override["rules"]))
        refs = layer.raw.get("refs", {})
        if "allow-outside-root" in refs:
            config.allow_outside_root = refs["allow-outside-root"]
        if "allow-remote" in refs:
            config.allow_remote = refs["allow-remote"]
        if "max-file-size" in layer.raw:
            config.max_bytes = int(layer.raw["max-file-size"] * 1024 * 1024)
        if "diff" in layer.raw:
            config.diff_sections += ((layer.where, layer.raw["diff"]),)
        if "report" in layer.raw:
            config.report_sections += ((layer.where, layer.raw["report"]),)
    if problems:
        raise ConfigError(*problems)
    for item in registry:
        settings.setdefault(item.id, RuleSetting(None, item.defaults))
    return config


def _rulesets(
    layers: list[_Layer], label: str, file: str | None, problems: list[ConfigProblem]
) -> dict[Path, Ruleset]:
    """The Spectral rulesets the layers extend, each read once (a bad one: ``ConfigError``)."""
    found: dict[Path, Ruleset] = {}
    for layer in layers:
        path = layer.raw.get("ruleset")
        if path is None or path in found:
            continue
        try:
            found[path] = load_ruleset(path)
        except RulesetError as error:
            raise ConfigError(*problems, ConfigProblem(label, str(error), file)) from None
    return found


def _with_ruleset_rules(registry: Registry, rulesets: Iterable[Ruleset]) -> Registry:
    """The registry with each ruleset's own rules; a ruleset's rule replaces a built-in rule of
    the same name, as a ruleset's definition replaces an extended one in Spectral."""
    from apilint.spectral.rules import spectral_rules  # JSONPath and functions: only if used

    added = {item.id: item for ruleset in rulesets for item in spectral_rules(ruleset)}
    return Registry([*(item for item in registry if item.id not in added), *added.values()])


def _ruleset_overrides(ruleset: Ruleset, registry: Registry) -> list[Override]:
    """A ruleset's ``overrides`` as config overrides, relative to the ruleset's folder; a
    ``file#/pointer`` entry covers the findings at or below that pointer of the file."""
    from apilint.spectral.builtin import override_severities

    found = []
    for override in ruleset.overrides:
        rules = override_severities(ruleset, override.rules, registry.rules)
        base = override.source.parent
        globs = tuple(entry for entry in override.files if "#" not in entry)
        if globs:
            found.append(Override(globs, rules, base))
        for entry in override.files:
            if "#" in entry:
                glob, _, fragment = entry.partition("#")
                found.append(Override((glob,), rules, base, unquote(fragment) or ""))
    return found


def _not_run(ruleset: Ruleset) -> list[str]:
    from apilint.spectral.custom import not_run

    return not_run(ruleset)


def _ruleset_settings(ruleset: Ruleset, registry: Registry) -> dict[str, RuleSetting]:
    """The settings a ruleset gives: its own rules at the severities it sets, and apilint's
    rules that cover ``spectral:oas`` as it extends it."""
    from apilint.spectral.builtin import OWN, spectral_oas_settings

    settings: dict[str, RuleSetting] = {}
    for name in ruleset.rules:
        severity = ruleset.severities.get(name, "off")
        level = None if severity == "off" else Severity.parse(severity)
        settings[name] = RuleSetting(level, {})
    for rule_id, severity in spectral_oas_settings(ruleset, registry.rules).items():
        item = registry[rule_id]
        level = (
            item.severity
            if severity == OWN
            else None
            if severity is None
            else Severity.parse(severity)
        )
        settings[rule_id] = RuleSetting(level, item.defaults)
    return settings


def _config_file(where: str, source: Path | None) -> str | None:
    """The config file a layer is read from, by the label its messages use (None for data
    given in Python and for presets)."""
    path = where.removesuffix(" [tool.apilint]")
    if source is not None and path == str(source):
        return path
    return path if os.path.isabs(path) and os.path.isfile(path) else None


def load_config(path: Path) -> Config:
    """Read, merge and validate the config file at ``path``; a ``ConfigError`` lists every
    problem found in it. A Spectral ruleset is read as a config that extends it."""
    if is_ruleset(path):
        return build_config({"extends": [str(path.resolve())]}, where=str(path))
    return build_config(_read_raw(path), path)


def config_for(spec: Path, explicit: Config | None = None) -> Config:
    """The config that applies to a spec file: the explicit one, the nearest file, or defaults."""
    if explicit is not None:
        return explicit
    found = find_config_file(spec.resolve().parent)
    if found is None:
        return _cached_config(None, 0, 0)
    stat = found.stat()
    return _cached_config(found, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=64)
def _cached_config(path: Path | None, mtime_ns: int, size: int) -> Config:
    """A config read once per version of its file (a long-running process sees edits)."""
    return load_config(path) if path else build_config(None)


def coerce_config(config: Config | Mapping[str, Any] | str | Path | None) -> Config | None:
    """Accept a Config, raw config data, or a path to a config file (the Python API's forms)."""
    if config is None or isinstance(config, Config):
        return config
    if isinstance(config, (str, Path)):
        return load_config(Path(config))
    return build_config(config)
