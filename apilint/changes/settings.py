"""``apilint diff``'s settings: the defaults, with each config layer's ``diff`` section over
them (the config reads and schema-checks the sections; the change ids are checked here, where
the change kinds are known)."""

from __future__ import annotations

from typing import Any

from apilint.changes.kinds import KINDS
from apilint.lint.config import Config, ConfigError

#: ``apilint diff``'s settings when the config does not give them.
DIFF_DEFAULTS: dict[str, Any] = {
    "changes": {},
    "version-policy": "major",
    "allow-removal-after-sunset": True,
    "sunset-extension": "x-sunset",
    "today": None,
}


def diff_settings(config: Config | None) -> dict[str, Any]:
    """The settings in force: a later layer's change levels add to the earlier layers'.
    Raises ``ConfigError`` naming the file for a change id that does not exist."""
    settings = dict(DIFF_DEFAULTS)
    for where, section in config.diff_sections if config is not None else ():
        for change_id in section.get("changes", {}):
            if change_id not in KINDS:
                raise ConfigError(
                    f"{where}: diff.changes: unknown change id '{change_id}'"
                    " (the README lists every change kind)"
                )
        for key, value in section.items():
            settings[key] = {**settings["changes"], **value} if key == "changes" else value
    return settings
