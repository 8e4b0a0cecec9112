"""Rulesets published as JavaScript (``dist/ruleset.js`` of Stoplight's OWASP, documentation
and URL-versioning rulesets, and many others): read by running the module in QuickJS (the
``javascript`` extra) with Spectral's packages replaced by stand-ins, and turned into the same
data a YAML ruleset holds.

The stand-ins name what the ruleset refers to: a function of ``@stoplight/spectral-functions``
becomes its name (``truthy``), a format of ``@stoplight/spectral-formats`` its name (``oas3``),
``oas`` of ``@stoplight/spectral-rulesets`` becomes ``spectral:oas``. A function the ruleset
defines itself (``createRulesetFunction``) cannot be taken out of the module; its rules are
said as not run. Any other package the module requires makes it unreadable, with one line
naming the package.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

#: Spectral's packages as stand-ins that record what the ruleset takes from them.
_PRELUDE = r"""
function __mark(kind, name) {
  const f = function () { throw new Error('apilint: a stand-in cannot run'); };
  f.__apilint = {[kind]: name};
  return f;
}
function __namespace(kind) {
  return new Proxy({}, {get: (t, n) => n === '__esModule' ? true
    : (n === 'default' || typeof n !== 'string') ? undefined : __mark(kind, n)});
}
var __modules = {
  '@stoplight/spectral-functions': __namespace('function'),
  '@stoplight/spectral-formats': __namespace('format'),
  '@stoplight/spectral-rulesets': {__esModule: true,
    oas: {__apilint: {ruleset: 'spectral:oas'}},
    asyncapi: {__apilint: {ruleset: 'spectral:asyncapi'}},
    arazzo: {__apilint: {ruleset: 'spectral:arazzo'}}},
  '@stoplight/spectral-core': {__esModule: true,
    createRulesetFunction: (schemas, fn) => __mark('custom', (fn && fn.name) || 'inline')},
};
function require(name) {
  if (name in __modules) return __modules[name];
  throw new Error('apilint-require:' + name);
}
var module = {exports: {}};
var exports = module.exports;
"""
_SERIALIZE = r"""
JSON.stringify((module.exports && module.exports.default) || module.exports, function (k, v) {
  if (v && v.__apilint) return {'$apilint': v.__apilint};
  if (typeof v === 'function') return {'$apilint': {custom: v.name || 'inline'}};
  if (v instanceof RegExp) return v.source;
  return v;
})
"""
#: A function the ruleset defines itself: kept under this prefix, reported as not run.
INLINE = "inline:"


class JsRulesetError(Exception):
    """Why a JavaScript ruleset cannot be read."""


def read_js_ruleset(path: Path) -> Any:
    """The ruleset a JavaScript module exports, as plain data."""
    try:
        import quickjs
    except ImportError:
        raise JsRulesetError(
            "a JavaScript ruleset is read with apilint's javascript extra"
            " (pip install 'apilint[javascript]'), or use its YAML or JSON form"
        ) from None
    source = path.read_text(encoding="utf-8")
    if "\nimport " in f"\n{source}" or "\nexport " in f"\n{source}":
        raise JsRulesetError("it is an ES module; only CommonJS builds (dist/*.js) are read")
    context = quickjs.Context()
    context.set_memory_limit(256 * 1024 * 1024)
    context.set_time_limit(5.0)
    try:
        context.eval(_PRELUDE + source)
        written = context.eval(_SERIALIZE)
    except quickjs.JSException as error:
        text = str(error).splitlines()[0]
        if "apilint-require:" in text:
            package = text.split("apilint-require:", 1)[1].strip()
            raise JsRulesetError(f"it requires '{package}', which apilint cannot load") from None
        raise JsRulesetError(f"it does not run: {text}") from None
    return _unmarked(json.loads(written))


def _unmarked(value: Any) -> Any:
    """The data with each stand-in replaced by the name it stands for."""
    if isinstance(value, dict):
        mark = value.get("$apilint")
        if isinstance(mark, dict) and len(value) == 1:
            if "custom" in mark:
                return f"{INLINE}{mark['custom']}"
            return next(iter(mark.values()))
        return {key: _unmarked(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_unmarked(item) for item in value]
    return value
