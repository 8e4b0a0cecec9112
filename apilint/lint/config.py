"""Configuration: find it, read it, merge ``extends`` and ``overrides``, validate it.

A config is ``.apilint.yaml`` / ``.apilint.yml`` or the ``[tool.apilint]`` table of a
``pyproject.toml``, found from the linted file's folder upward, or named with ``--config``.
Built-in presets (``minimal``, ``recommended``, ``strict``) are derived from rule metadata, so
plugin rules take part in them exactly as built-in rules do.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import pathspec

from apilint.lint.findings import Severity
from apilint.lint.registry import PluginError, Registry, load_registry
from apilint.model.refs import RefPolicy
from apilint.source.loader import DEFAULT_MAX_BYTES, LoadError, parse_text

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
                "today": {"type": ["string", "null"], "format": "date"},
            },
        },
    },
}


class ConfigError(Exception):
    """A config that cannot be used; ``str()`` names the file and the key."""


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

    @property
    def root(self) -> Path | None:
        """The folder the config file is in: globs and the project folder are relative to it."""
        return self.source.parent if self.source else None

    @property
    def ref_policy(self) -> RefPolicy:
        return RefPolicy(self.allow_outside_root, self.allow_remote, self.max_bytes)

    def settings_for(self, path: str | Path) -> dict[str, RuleSetting]:
        """Rule settings for one file, with every matching override applied in order."""
        matching = [o for o in self.overrides if self._matches(o, Path(path))]
        if not matching:
            return self.rules
        settings = dict(self.rules)
        for override in matching:
            _apply_rules(settings, override.rules, self.registry, self._where(), "overrides")
        return settings

    def _matches(self, override: Override, path: Path) -> bool:
        base = self.root or Path.cwd()
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
) -> None:
    """Apply a ``rules`` mapping; errors read ``file: [prefix.]rules.rule-id...: problem``."""
    key_path = f"{prefix + '.' if prefix else ''}rules"
    for rule_id, value in rules.items():
        if rule_id not in registry:
            raise ConfigError(
                f"{where}: {key_path}.{rule_id}: unknown rule id '{rule_id}'"
                f"{registry.suggest(rule_id)}"
            )
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
            import jsonschema  # on use: a run without a config file never needs it

            validator = jsonschema.Draft202012Validator(
                item.options_schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
            )
            error = jsonschema.exceptions.best_match(validator.iter_errors(options))
            if error is not None:
                key = ".".join(str(p) for p in error.absolute_path)
                raise ConfigError(
                    f"{where}: {key_path}.{rule_id}.options{'.' + key if key else ''}: "
                    f"{error.message}"
                )
        settings[rule_id] = RuleSetting(severity, options)


def _compiled_config_schema_accepts(raw: Any) -> bool:
    """Whether jsonschema-rs (when installed) finds the config valid: a fast yes for the
    common case; a no, or no jsonschema-rs, leaves the verdict to jsonschema."""
    try:
        import jsonschema_rs
    except ImportError:
        return False
    validator = jsonschema_rs.validator_for(CONFIG_SCHEMA, validate_formats=True)
    return bool(validator.is_valid(raw))


def _validate(raw: Any, where: str) -> dict[str, Any]:
    if not raw:
        return {}  # no config (or an empty one): nothing to check, and no jsonschema to import
    if _compiled_config_schema_accepts(raw):
        return raw  # type: ignore[no-any-return]
    import jsonschema  # only to explain what is wrong (0.1 s to import)

    error = jsonschema.exceptions.best_match(
        jsonschema.Draft202012Validator(
            CONFIG_SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
        ).iter_errors(raw)
    )
    if error is not None:
        key = ".".join(str(p) for p in error.absolute_path)
        message = error.message
        if error.validator == "additionalProperties" and not key:
            message = f"{message}; known keys: {', '.join(CONFIG_SCHEMA['properties'])}"
        elif error.validator == "anyOf" and key.split(".")[-2:-1] == ["rules"]:
            message = (
                f"{error.instance!r} is not a rule setting: use one of "
                f"{', '.join(SEVERITY_WORDS)}, or {{severity: ..., options: {{...}}}}"
            )
        elif error.validator == "enum" and key.endswith(".severity"):
            message = (
                f"{error.instance!r} is not a severity: use one of {', '.join(SEVERITY_WORDS)}"
            )
        raise ConfigError(f"{where}{': ' + key if key else ''}: {message}")
    return dict(raw)


def read_config_file(path: Path) -> dict[str, Any]:
    """The raw, schema-validated content of a config file."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise ConfigError(f"{path}: cannot read config: {error.strerror or error}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: config is not UTF-8 text") from None
    if path.name == "pyproject.toml":
        try:
            raw = tomllib.loads(text).get("tool", {}).get("apilint")
        except tomllib.TOMLDecodeError as error:
            raise ConfigError(f"{path}: invalid TOML: {error}") from None
        return _validate(raw, f"{path} [tool.apilint]")
    if not text.strip():
        return {}  # an empty config file: the defaults
    try:  # the YAML 1.2 core schema, as for specs: `off` is the word off, not False
        raw = parse_text(text, path).data
    except LoadError as error:
        where = f":{error.line}:{error.column}" if error.line else ""
        problem = error.message.removeprefix("invalid YAML: ")
        raise ConfigError(f"{path}{where}: invalid YAML in config: {problem}") from None
    return _validate(raw, str(path))


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
    for directory in [folder, *folder.parents]:
        for name in (*CONFIG_FILES, "pyproject.toml"):
            candidate = directory / name
            looked.append(candidate)
            if candidate.is_file() and (name != "pyproject.toml" or _has_apilint_table(candidate)):
                return candidate, looked
    return None, looked


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
        target = (base / entry).resolve()
        if target in chain:
            raise ConfigError(f"{where}: extends: '{entry}' extends itself (a cycle)")
        if not target.is_file():
            raise ConfigError(
                f"{where}: extends: '{entry}' is neither a preset"
                f" ({', '.join((*PRESETS, *BUNDLED_PRESETS))})"
                " nor a config file"
            )
        if read is not None:
            read.append(target)
        layers.extend(
            _layers(read_config_file(target), str(target), target.parent, (*chain, target), read)
        )
    layers.append(_Layer(raw, where, base))
    return layers


def build_config(
    raw: Mapping[str, Any] | None, source: Path | None = None, *, where: str | None = None
) -> Config:
    """An effective config from raw config data (as read from a file or given in Python)."""
    label = where or (str(source) if source else "config")
    data = _validate(dict(raw) if raw is not None else {}, label)
    if source is not None and source.name == "pyproject.toml" and where is None:
        label = f"{source} [tool.apilint]"
    base = source.parent.resolve() if source else Path.cwd()
    chain = (source.resolve(),) if source else ()
    read: list[Path] = [source.resolve()] if source else []
    layers = _layers(data, label, base, chain, read)
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
        raise ConfigError(f"{label}: plugins: {message}") from None
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
        _apply_rules(settings, layer.raw.get("rules", {}), registry, layer.where)
        for index, override in enumerate(layer.raw.get("overrides", [])):
            # validate the override's rule ids and options now, so errors surface at start
            _apply_rules(
                dict(settings), override["rules"], registry, layer.where, f"overrides.{index}"
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
    for item in registry:
        settings.setdefault(item.id, RuleSetting(None, item.defaults))
    return config


def load_config(path: Path) -> Config:
    """Read, merge and validate the config file at ``path``."""
    return build_config(read_config_file(path), path)


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
