"""Finds rules: built-in and third-party modules alike, through the ``apilint.rules`` entry points.

A rule module is any module whose top level holds :class:`~apilint.lint.declare.Rule` objects. It is
found through the entry-point group ``apilint.rules`` (the built-in modules are registered there
by apilint's own ``pyproject.toml``) or named in a config's ``plugins`` list, by import name or by
a path to a ``.py`` file. Rules are kept in id order, so runs are deterministic.
"""

from __future__ import annotations

import difflib
import hashlib
import importlib
import importlib.util
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from functools import lru_cache
from importlib.metadata import EntryPoint, entry_points
from pathlib import Path
from types import ModuleType
from typing import TypeVar

from apilint.lint.declare import Rule

ENTRY_POINT_GROUP = "apilint.rules"
T = TypeVar("T")
#: The entry-point group of presets that packages ship (``extends: [acme]``).
PRESET_GROUP = "apilint.presets"


class PluginError(Exception):
    """A rule module that cannot be loaded, or two rules with one id."""


def rules_in(module: ModuleType) -> list[Rule]:
    """The rules a module defines at its top level, each with its documentation's address
    (a rule's own ``docs_url``, else the module's or its package's ``RULE_DOCS_URL``)."""
    rules = [value for value in vars(module).values() if isinstance(value, Rule)]
    template = getattr(module, "RULE_DOCS_URL", None)
    if template is None and module.__package__ and module.__package__ != module.__name__:
        template = getattr(sys.modules.get(module.__package__), "RULE_DOCS_URL", None)
    if not isinstance(template, str):
        return rules
    return [
        item if item.docs_url else replace(item, docs_url=template.replace("{id}", item.id))
        for item in rules
    ]


def _import_path(path: Path, kind: str) -> ModuleType:
    digest = hashlib.sha1(str(path).encode()).hexdigest()[:12]
    name = f"apilint_plugin_{path.stem}_{digest}"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise PluginError(f"cannot import {kind} module from {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        del sys.modules[name]  # a half-imported plugin must fail again, not pass silently
        raise
    return module


def load_module(plugin: str, kind: str = "rule") -> ModuleType:
    """A config's plugin, by import name or path to a ``.py`` file, imported once (a path is
    imported under a name made from it); a :class:`PluginError` naming it, and ``kind`` (what
    it was loaded for: ``rule``, ``consistency check``), when it cannot be."""
    try:
        if plugin.endswith(".py"):
            return _import_path(Path(plugin), kind)
        return importlib.import_module(plugin)
    except PluginError:
        raise
    except Exception as error:  # a plugin's own import may fail in any way
        raise PluginError(f"cannot load {kind} plugin '{plugin}': {error}") from None


def _load_plugin(plugin: str) -> list[Rule]:
    return rules_in(load_module(plugin))


def entry_point_members(
    group: str, kind: str, members: Callable[[ModuleType], list[T]], item: type[T]
) -> tuple[T, ...]:
    """What the modules of an entry-point group hold (``members`` of each module; an entry
    point may also name one ``item`` itself), in entry-point name order; a
    :class:`PluginError` naming the entry point, and ``kind``, when one cannot be loaded."""
    found: list[T] = []
    for entry in sorted(entry_points(group=group), key=lambda e: e.name):
        try:
            loaded = entry.load()
        except Exception as error:
            raise PluginError(
                f"cannot load {kind} module '{entry.value}' (entry point '{entry.name}'): {error}"
            ) from None
        if isinstance(loaded, ModuleType):
            found.extend(members(loaded))
        elif isinstance(loaded, item):
            found.append(loaded)
    return tuple(found)


@lru_cache(maxsize=1)
def _entry_point_rules() -> tuple[Rule, ...]:
    return entry_point_members(ENTRY_POINT_GROUP, "rule", rules_in, Rule)


@lru_cache(maxsize=1)
def installed_presets() -> dict[str, EntryPoint]:
    """The presets installed packages ship, by name: each entry point of ``apilint.presets``
    names a config as data (a mapping) or a config file (a path)."""
    return {entry.name: entry for entry in entry_points(group=PRESET_GROUP)}


@lru_cache(maxsize=1)
def installed_rule_modules() -> tuple[str, ...]:
    """Every entry point of the rule group with the distribution that installs it and its
    version (``acme=acme_rules (acme-api-rules 1.2.0)``): what a cached result depends on
    beyond the code of the modules that ran."""
    found = []
    for entry in entry_points(group=ENTRY_POINT_GROUP):
        dist = getattr(entry, "dist", None)
        origin = f" ({dist.name} {dist.version})" if dist is not None else ""
        found.append(f"{entry.name}={entry.value}{origin}")
    return tuple(sorted(found))


class Registry:
    """The rules available to a run, by id."""

    def __init__(self, rules: Iterable[Rule]) -> None:
        self.rules: dict[str, Rule] = {}
        for item in rules:
            existing = self.rules.get(item.id)
            # one rule reached twice (an entry point also named as a plugin) is not a clash
            if existing is not None and (existing.check, existing.module) != (
                item.check,
                item.module,
            ):
                raise PluginError(
                    f"rule id '{item.id}' is defined twice ({existing.module} and {item.module})"
                )
            self.rules[item.id] = item
        self.rules = dict(sorted(self.rules.items()))

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules.values())

    def __contains__(self, rule_id: object) -> bool:
        return rule_id in self.rules

    def __getitem__(self, rule_id: str) -> Rule:
        return self.rules[rule_id]

    def suggest(self, rule_id: str) -> str:
        """`` (did you mean 'x'?)`` for a mistyped id, or an empty string."""
        return suggest(rule_id, self.rules)


def suggest(name: str, known: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` when ``name`` looks like a mistyped one of ``known`` (a rule
    id, an option, a config key, a change id), or an empty string."""
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def load_registry(plugins: Iterable[str] = ()) -> Registry:
    """Every rule from the entry-point group, plus those of the named plugin modules."""
    rules = list(_entry_point_rules())
    for plugin in plugins:
        rules.extend(_load_plugin(plugin))
    return Registry(rules)
