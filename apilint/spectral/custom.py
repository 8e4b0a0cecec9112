"""A ruleset's custom functions (``functions:`` and ``functionsDir``): JavaScript, which apilint
does not run, or a Python port of the same name that it runs instead.

A team ports a function by writing ``functions/NAME.py`` beside ``functions/NAME.js`` with
``def NAME(target, options, context)`` returning a list of results: each a
:class:`~apilint.spectral.functions_base.FunctionResult`, or a mapping with ``message`` (and
``path``), as a JavaScript function returns them. A rule whose function has no port is not run,
and the run says so once, with the function's name and why.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from apilint.spectral.functions_base import Context, Function, FunctionResult
from apilint.spectral.ruleset import Ruleset, RulesetError


def custom_function(ruleset: Ruleset, name: str) -> Function | None:
    """The Python port of custom function ``name``, or None when there is none."""
    folder = ruleset.functions.get(name)
    if folder is None:
        return None
    path = folder / f"{name}.py"
    return _load(path, name) if path.is_file() else None


def not_run(ruleset: Ruleset) -> list[str]:
    """One line per rule that calls a custom function with no Python port."""
    lines = []
    for definition in ruleset.rules.values():
        if ruleset.severities.get(definition.name) == "off":
            continue
        for then in definition.then:
            if (
                then.function in ruleset.functions
                and custom_function(ruleset, then.function) is None
            ):
                folder = ruleset.functions[then.function]
                lines.append(
                    f"rule '{definition.name}' is not run: its function '{then.function}' is"
                    f" JavaScript, which apilint does not run (port it to"
                    f" {folder / (then.function + '.py')})"
                )
    return lines


@cache
def _load(path: Path, name: str) -> Function:
    spec = importlib.util.spec_from_file_location(f"apilint_ruleset_function_{name}", path)
    if spec is None or spec.loader is None:
        raise RulesetError(f"ruleset function {path}: cannot be imported")
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
    except Exception as error:  # the port's own code may fail in any way
        raise RulesetError(f"ruleset function {path}: {type(error).__name__}: {error}") from None
    found = getattr(module, name, None)
    if not callable(found):
        raise RulesetError(f"ruleset function {path}: defines no function '{name}'")
    return _adapted(found)


def _adapted(port: Any) -> Function:
    """A port's results as :class:`FunctionResult`s, whichever form it returns them in."""

    def run(target: Any, options: Any, context: Context) -> list[FunctionResult]:
        results = port(target, options, context) or []
        adapted = []
        for result in results:
            if isinstance(result, FunctionResult):
                adapted.append(result)
            elif isinstance(result, Mapping) and isinstance(result.get("message"), str):
                path = tuple(result.get("path") or ())
                adapted.append(FunctionResult(result["message"], path, absolute=bool(path)))
            else:
                raise TypeError(f"a result is {result!r}, not {{message, path}}")
        return adapted

    return run
