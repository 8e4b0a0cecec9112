"""A ruleset's JavaScript functions in an embedded engine (QuickJS, the optional
``apilint[javascript]`` extra), when they need nothing but JavaScript itself.

A function file that imports or requires other modules cannot be loaded (there is no Node,
no npm and no file system in the engine) and is reported as not run. Each function gets a
fresh QuickJS context with no access to files, the network or the process, a memory limit and
a time limit per call; targets and options cross over as JSON, results come back as JSON.
A large target is sent in part first (:data:`EAGER_NODES`), all of it only to a function
that reads past that part.
"""

from __future__ import annotations

import json
import re
from collections import deque
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from apilint.spectral.functions_js import UNDEFINED, kind_of

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

#: (target: plain data or views, UNDEFINED when undefined; options; its path; the rule's name)
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
        context.eval(code + _DECODE)
        if context.eval("typeof globalThis.__apilint_fn") != "function":
            raise JavaScriptUnavailable("it exports no function")
    except quickjs.JSException as error:
        raise JavaScriptUnavailable(f"it does not load: {str(error).splitlines()[0]}") from None

    def run(
        target: Any, options: Any, node: Sequence[str | int], rule: str, budget: int | None
    ) -> Any:
        undefined = target is UNDEFINED
        sent = None if undefined else encode(target, budget)
        payload = json.dumps([undefined, sent, options, {"path": list(node), "rule": rule}])
        script = (
            f"(function () {{ globalThis.__apilint_missed = false;"
            f" const a = JSON.parse({json.dumps(payload)});"
            " const r = globalThis.__apilint_fn(a[0] ? undefined : __apilint_decode(a[1]), a[2],"
            " {path: a[3].path, rule: {name: a[3].rule}});"
            " return JSON.stringify(r === undefined ? [] : r); })()"
        )
        try:
            return json.loads(context.eval(script))
        except quickjs.JSException as error:
            if context.eval("globalThis.__apilint_missed") is True:
                return _MISSED
            raise RuntimeError(f"{path.name}: {str(error).splitlines()[0]}") from None

    def call(target: Any, options: Any, node: Sequence[str | int], rule: str) -> list[Any]:
        results = run(target, options, node, rule, EAGER_NODES)
        if results is _MISSED or context.eval("globalThis.__apilint_missed") is True:
            results = run(target, options, node, rule, None)  # it read what was not sent
        return results if isinstance(results, list) else []

    return call


#: Nodes of a target sent to JavaScript first, breadth first. A function that reads past them
#: (a property that was not sent: it notes it and throws) is run again with all of the target:
#: ``count-resource-types`` reads the keys of ``$.paths``, not the 17 MB of GitHub's resolved
#: paths. (QuickJS cannot call back into Python under a time limit, so a part cannot be sent
#: when it is read.) 200: the Zalando and rhoas functions on the 40 real specs (3,792 calls)
#: never read past them; at 100, three calls ran twice.
EAGER_NODES = 200
_MISSED = object()

#: JavaScript's side of :func:`encode`: the target rebuilt as plain objects and arrays; a
#: member that was not sent notes that it was read, and throws.
_DECODE = """
globalThis.__apilint_decode = function decode(e) {
  if (e === null || typeof e !== 'object') return e;
  const out = e[0] === 'a' ? new Array(e[1].length) : {};
  const members = e[0] === 'a' ? e[1].map((m, i) => [i, m]) : e[1];
  const settle = (k, value) => Object.defineProperty(
    out, k, {value, writable: true, enumerable: true, configurable: true});
  for (const [k, m] of members) {
    if (m !== null && typeof m === 'object' && m[0] === 'l') {
      Object.defineProperty(out, k, {
        configurable: true, enumerable: true,
        get() {
          globalThis.__apilint_missed = true;
          throw new Error('apilint: a part of the target that was not sent');
        },
        set(value) { settle(k, value); },
      });
    } else if (k === '__proto__') {
      settle(k, decode(m));
    } else {
      out[k] = decode(m);
    }
  }
  return out;
};
"""


def encode(target: Any, budget: int | None) -> Any:
    """``target`` (plain data or views) as JSON data for ``_DECODE``: a mapping as
    ``["o", [[key, member], ...]]``, a list as ``["a", [item, ...]]``, a scalar as itself;
    after ``budget`` nodes (breadth first; None: no limit) a container is ``["l"]``."""
    top: list[Any] = [None]
    queue: deque[tuple[Any, list[Any], int]] = deque([(target, top, 0)])
    left = budget
    while queue:
        value, holder, index = queue.popleft()
        kind = kind_of(value)
        if not kind:
            holder[index] = value
            continue
        if left is not None and left <= 0:
            holder[index] = ["l"]
            continue
        members: list[Any] = []
        holder[index] = ["o" if kind == 1 else "a", members]
        pairs = value.items() if kind == 1 else enumerate(value)
        for key, member in pairs:
            if left is not None:
                left -= 1
            if kind == 1:
                slot: list[Any] = [key, member]
                members.append(slot)
                queue.append((member, slot, 1))
            else:
                members.append(member)
                queue.append((member, members, len(members) - 1))
    return top[0]
