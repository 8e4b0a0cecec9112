"""A ruleset's JavaScript functions in an embedded engine (QuickJS, the optional
``apilint[javascript]`` extra), when they need nothing but JavaScript itself.

A function file that imports or requires other modules cannot be loaded (there is no Node,
no npm and no file system in the engine) and is reported as not run. Each function gets a
fresh QuickJS context with no access to files, the network or the process, a memory limit and
a time limit per call; targets and options cross over as JSON, results come back as JSON.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path
from typing import Any

#: What one call may use: a function stuck in a loop is stopped, not waited for.
CALL_SECONDS = 2.0
MEMORY_BYTES = 128 * 1024 * 1024

_IMPORT = re.compile(r"^\s*import\s|\brequire\s*\(", re.MULTILINE)
_EXPORT_DEFAULT = re.compile(r"\bexport\s+default\b")
_SHIM = "var module = {exports: {}}; var exports = module.exports;\n"
_PICK = (
    "globalThis.__apilint_fn = (typeof module.exports === 'function') ? module.exports"
    " : module.exports.default;"
)

#: (target as JSON data, None when undefined; options; the target's path; the rule's name)
JsFunction = Callable[[Any, Any, Sequence[str | int], str], list[Any]]


class JavaScriptUnavailable(Exception):
    """Why a JavaScript function cannot run here (the extra is missing, it imports modules)."""


def engine_available() -> bool:
    try:
        import quickjs  # noqa: F401
    except ImportError:
        return False
    return True


@cache
def load(path: Path) -> JsFunction:
    """The JavaScript function a file exports (``export default`` or ``module.exports``);
    raises :class:`JavaScriptUnavailable` when it cannot run in the embedded engine."""
    try:
        import quickjs
    except ImportError:
        raise JavaScriptUnavailable(
            "apilint runs JavaScript functions only with its javascript extra"
            " (pip install 'apilint[javascript]')"
        ) from None
    source = path.read_text(encoding="utf-8")
    if _IMPORT.search(source):
        raise JavaScriptUnavailable(
            "it imports other modules, which the embedded engine cannot load (no Node, no npm)"
        )
    context = quickjs.Context()
    context.set_memory_limit(MEMORY_BYTES)
    context.set_time_limit(CALL_SECONDS)
    code = _SHIM + _EXPORT_DEFAULT.sub("module.exports.default =", source) + "\n" + _PICK
    try:
        context.eval(code)
        if context.eval("typeof globalThis.__apilint_fn") != "function":
            raise JavaScriptUnavailable("it exports no function")
    except quickjs.JSException as error:
        raise JavaScriptUnavailable(f"it does not load: {str(error).splitlines()[0]}") from None

    def call(target: Any, options: Any, node: Sequence[str | int], rule: str) -> list[Any]:
        undefined = target is None
        payload = json.dumps([undefined, target, options, {"path": list(node), "rule": rule}])
        script = (
            f"(function () {{ const a = JSON.parse({json.dumps(payload)});"
            " const r = globalThis.__apilint_fn(a[0] ? undefined : a[1], a[2],"
            " {path: a[3].path, rule: {name: a[3].rule}});"
            " return JSON.stringify(r === undefined ? [] : r); })()"
        )
        try:
            results = json.loads(context.eval(script))
        except quickjs.JSException as error:
            raise RuntimeError(f"{path.name}: {str(error).splitlines()[0]}") from None
        return results if isinstance(results, list) else []

    return call
