"""``extends: spectral:oas`` in a ruleset: Spectral's OAS rules are apilint's built-in rules
that cover them (:mod:`apilint.lint.peer_rules`), switched on as the ruleset's mode says and set
to the severities the ruleset gives the Spectral names.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from apilint.lint.declare import Rule
from apilint.lint.peer_rules import entries
from apilint.spectral.ruleset import Ruleset, RulesetError

#: The severity a rule keeps when the ruleset switches it on without naming one.
OWN = "own"


def spectral_oas_settings(ruleset: Ruleset, known: Iterable[str]) -> dict[str, str | None]:
    """apilint rule id -> ``OWN`` (on at its own severity), a severity name, or None (off),
    for the rules that cover ``spectral:oas``; empty when the ruleset does not extend it. A
    rule the ruleset defines itself under a Spectral name replaces apilint's, so is left out."""
    if ruleset.builtin_mode is None:
        return {}
    available = set(known) - set(ruleset.rules)
    spectral = [entry for entry in entries() if entry.peer == "spectral"]
    settings: dict[str, str | None] = {}
    mode = ruleset.builtin_mode
    for entry in spectral:
        on = mode == "all" or (mode == "recommended" and entry.on_by_default)
        for rule_id in entry.apilint:
            if rule_id in available and (on or rule_id not in settings):
                settings[rule_id] = OWN if on else None
    by_name = {entry.id: entry for entry in spectral}
    for name, severity in ruleset.builtin_severities.items():
        entry = by_name.get(name)
        if entry is None:
            raise RulesetError(
                f"ruleset {ruleset.files[0]}: rules.{name}: not a rule of this ruleset, of one"
                " it extends, or of spectral:oas"
            )
        for rule_id in entry.apilint:
            if rule_id in available:
                settings[rule_id] = (
                    None if severity == "off" else OWN if severity == "on" else severity
                )
    return settings


def override_severities(
    ruleset: Ruleset, rules: Mapping[str, str], known: Mapping[str, Rule]
) -> dict[str, str]:
    """An ``overrides`` entry's severities by apilint rule id: the ruleset's own rules by
    name, ``spectral:oas`` rules as the apilint rules that cover them; ``on`` is the rule's
    own severity."""
    by_name = {entry.id: entry for entry in entries() if entry.peer == "spectral"}
    found: dict[str, str] = {}
    for name, severity in rules.items():
        if name in known:
            targets: tuple[str, ...] = (name,)
        elif name in by_name:
            targets = tuple(rule_id for rule_id in by_name[name].apilint if rule_id in known)
        else:
            raise RulesetError(
                f"ruleset {ruleset.files[0]}: overrides: '{name}' is not a rule of this ruleset,"
                " of one it extends, or of spectral:oas"
            )
        for rule_id in targets:
            own = known[rule_id].severity.name.lower()
            found[rule_id] = own if severity == "on" else severity
    return found
