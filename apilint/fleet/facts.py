"""What ``apilint report`` notes of each spec while it is linted, beside the findings.

The engine calls the :class:`SpecFacts` observer once per linted spec, while the document's
indexes are still built (they are let go before the findings are located), so that the report
never loads a spec twice: the title and version, the owner extension's team, the number of
operations, the auth coverage, and each consistency check's observations. The facts are JSON
data kept in the report (and in the result cache, so an unchanged spec is not linted again).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from apilint import __version__
from apilint.analysis.auth_matrix import build
from apilint.fleet.consistency import ConsistencyCheck, all_checks, observe_all
from apilint.fleet.ownership import DEFAULT_EXTENSION, extension_owner
from apilint.lint.config import Config
from apilint.lint.registry import PluginError
from apilint.model.document import Document

#: the rule whose options say which operations are public on purpose
PUBLIC_RULE = "operation-security"


def public_options(doc: Document, config: Config) -> tuple[str, list[str]]:
    """The public-operation marker and public paths ``operation-security`` is configured with
    for this spec (its defaults when the rule is not configured)."""
    settings = config.settings_for(doc.workspace.root_key)
    options = settings[PUBLIC_RULE].options if PUBLIC_RULE in settings else {}
    return options.get("public-marker", "x-public"), list(options.get("public-paths", []))


@dataclass
class SpecFacts:
    """The observer of a report run (see :class:`apilint.lint.engine.Observer`). It pickles
    as its settings: a worker process loads the consistency checks itself (a check from a
    config's ``.py`` plugin lives in a module made when it is loaded)."""

    extension: str = DEFAULT_EXTENSION
    _checks: dict[tuple[str, ...], tuple[ConsistencyCheck, ...]] = field(
        default_factory=dict, repr=False, compare=False
    )

    @property
    def stamp(self) -> str:
        return f"report-facts/1 {__version__} {self.extension}"

    def __getstate__(self) -> dict[str, Any]:
        return {"extension": self.extension, "_checks": {}}

    def checks(self, plugins: tuple[str, ...]) -> tuple[ConsistencyCheck, ...]:
        """The consistency checks of a config's plugins (and the entry points), loaded once."""
        if plugins not in self._checks:
            self._checks[plugins] = all_checks(plugins)
        return self._checks[plugins]

    def __call__(self, doc: Document, config: Config) -> dict[str, Any]:
        info = doc.data.get("info")
        info = info if isinstance(info, dict) else {}
        marker, public_paths = public_options(doc, config)
        failures: list[str] = []
        try:
            checks = self.checks(config.plugins)
        except PluginError as error:  # the run says so (a one-line error), the lint goes on
            failures.append(str(error))
            checks = ()
        return {
            "title": _text(info.get("title")),
            "version": _text(info.get("version")),
            "owner": extension_owner(info.get(self.extension)),
            "operations": len(doc.operations),
            "auth": build(doc, "", marker, public_paths).totals(),
            "checks": [check.id for check in checks],
            "consistency": observe_all(doc, checks, failures),
            "failures": failures,
        }


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else "" if value is None else str(value)


def auth_percent(totals: dict[str, int]) -> float | None:
    """Operations protected or public on purpose, over all operations, in percent."""
    operations = totals.get("operations", 0)
    if not operations:
        return None
    return 100.0 * (totals.get("protected", 0) + totals.get("public", 0)) / operations


def check_ids(facts: Iterable[dict[str, Any]]) -> set[str]:
    """The consistency checks any of these specs ran."""
    return {check for noted in facts for check in noted.get("checks", [])}
