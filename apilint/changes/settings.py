"""``apilint diff``'s settings: the defaults, with each config layer's ``diff`` section over
them (the config reads and schema-checks the sections; the change ids are checked here, where
the change kinds are known)."""

from __future__ import annotations

from typing import Any

from apilint.changes.kinds import KINDS
from apilint.lint.config import Config, ConfigError, ConfigProblem
from apilint.lint.registry import suggest

#: ``apilint diff``'s settings when the config does not give them.
DIFF_DEFAULTS: dict[str, Any] = {
    "changes": {},
    "version-policy": "major",
    "allow-removal-after-sunset": True,
    "sunset-extension": "x-sunset",
    "stability-extension": "x-stability-level",
    #: the most a change to an operation at this stability level can be (stable: no limit)
    "stability-exempt": {"draft": "info", "alpha": "info", "beta": "warning"},
    "extensible-enum-extension": "x-extensible-enum",
    "today": None,
}


#: Settings that map names to values: a layer adds to the earlier layers' entries.
_MERGED = frozenset({"changes", "stability-exempt"})


def diff_settings(config: Config | None) -> dict[str, Any]:
    """The settings in force: a later layer's change levels and stability limits add to the
    earlier layers'.
    Raises ``ConfigError`` naming the file for each change id that does not exist, with a
    "did you mean" for a mistyped one."""
    settings = dict(DIFF_DEFAULTS)
    problems: list[ConfigProblem] = []
    for where, section in config.diff_sections if config is not None else ():
        problems.extend(
            ConfigProblem(
                where,
                f"diff.changes: unknown change id '{change_id}'"
                f"{suggest(change_id, KINDS) or ' (the README lists every change kind)'}",
            )
            for change_id in section.get("changes", {})
            if change_id not in KINDS
        )
        for key, value in section.items():
            merged = key in _MERGED
            settings[key] = {**settings[key], **value} if merged else value
    if problems:
        raise ConfigError(*problems)
    return settings
