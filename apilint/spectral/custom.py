"""A ruleset's custom functions (``functions:`` and ``functionsDir``): a Python port of the same
name, or the JavaScript itself in the embedded engine (:mod:`apilint.spectral.javascript`).

A team ports a function by writing ``functions/NAME.py`` beside ``functions/NAME.js`` with
``def NAME(target, options, context)`` returning a list of results: each a
:class:`~apilint.spectral.functions_base.FunctionResult`, or a mapping with ``message`` (and
``path``), as a JavaScript function returns them. A rule whose function can run neither way is
not run, and the run says so once, with the function's name and why.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from apilint.spectral import javascript
from apilint.spectral.functions_base import Context, Function, FunctionResult
from apilint.spectral.js_ruleset import INLINE
from apilint.spectral.ruleset import Ruleset, RulesetError


def custom_function(ruleset: Ruleset, name: str) -> Function | None:
    """Custom function ``name``: its Python port, else its JavaScript in the embedded engine;
    None when neither can run."""
    folder = ruleset.functions.get(name)
    if folder is None:
        return None
    port = folder / f"{name}.py"
    if port.is_file():
        return _load(port, name)
    script = _script(folder, name)
    if script is None:
        return None
    try:
        return _javascript(javascript.load(script))
    except javascript.JavaScriptUnavailable:
        return None


def not_run(ruleset: Ruleset) -> list[str]:
    """One line per rule that calls a custom function that cannot run here, and why."""
    lines = []
    for definition in ruleset.rules.values():
        if ruleset.severities.get(definition.name) == "off":
            continue
        for then in definition.then:
            reason = _why_not(ruleset, then.function)
            if reason is not None:
                lines.append(
                    f"rule '{definition.name}' is not run: its function '{then.function}' {reason}"
                )
    return lines


def _why_not(ruleset: Ruleset, name: str) -> str | None:
    if name.startswith(INLINE):
        return "is defined inside the JavaScript ruleset, which apilint cannot take out of it"
    folder = ruleset.functions.get(name)
    if folder is None:
        return None
    port = folder / f"{name}.py"
    if port.is_file():
        return None
    script = _script(folder, name)
    if script is None:
        return f"is not in {folder} (port it to {port})"
    try:
        javascript.load(script)
    except javascript.JavaScriptUnavailable as error:
        return f"is JavaScript that cannot run here: {error} (or port it to {port})"
    return None


def _script(folder: Path, name: str) -> Path | None:
    for suffix in (".js", ".cjs", ".mjs"):
        if (folder / f"{name}{suffix}").is_file():
            return folder / f"{name}{suffix}"
    return None


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


def _javascript(run: javascript.JsFunction) -> Function:
    """A JavaScript function in the shape of a built-in one: JSON data in, results out."""

    def call(target: Any, options: Any, context: Context) -> list[FunctionResult]:
        results = run(target, options, context.given_path, context.rule_name)
        return _results(results)

    return call


def _adapted(port: Callable[..., Any]) -> Function:
    """A Python port's results as :class:`FunctionResult`s, whichever form it returns."""

    def run(target: Any, options: Any, context: Context) -> list[FunctionResult]:
        return _results(port(target, options, context) or [])

    return run


def _results(results: Any) -> list[FunctionResult]:
    """Results as a custom function gives them: FunctionResults, or ``{message, path}`` with
    ``path`` from the document's root (as Spectral reads it) when it is a list."""
    adapted = []
    for result in results:
        if isinstance(result, FunctionResult):
            adapted.append(result)
        elif isinstance(result, Mapping) and isinstance(result.get("message"), str):
            given = result.get("path")
            path = tuple(given) if isinstance(given, list | tuple) else ()
            adapted.append(FunctionResult(result["message"], path, absolute=bool(path)))
        else:
            raise TypeError(f"a result is {result!r}, not {{message, path}}")
    return adapted
