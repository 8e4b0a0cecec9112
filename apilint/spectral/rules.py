"""Spectral rule definitions as apilint rules: ``given`` paths selected on the (resolved)
document, each ``then`` function run on its targets, results placed and worded as Spectral 6
places and words them (its ``lintNode``: targets, closest existing path, ``{{property}}``).

A rule keeps the ruleset's name as its id and runs at the ruleset's severity; its findings go
through the same engine as built-in rules (positions, ``$ref``'d files, baselines, markers,
every reporter).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from apilint.lint.declare import ALL_VERSIONS, Rule, declare_area
from apilint.lint.findings import Severity
from apilint.model.document import Document
from apilint.source.locations import Location
from apilint.spectral.custom import custom_function
from apilint.spectral.functions import FUNCTIONS, Context, Function, validate_options
from apilint.spectral.functions_js import UNDEFINED
from apilint.spectral.js_ruleset import INLINE
from apilint.spectral.jsonpath import Match, compile_path
from apilint.spectral.messages import dot_path, pointer_path, render
from apilint.spectral.resolved import is_view, location_of, plain, view
from apilint.spectral.ruleset import RuleDefinition, Ruleset, RulesetError, Then

AREA = declare_area("ruleset", "rules of a Spectral ruleset")
#: Spectral's format names for apilint's versions (what ``Context.document_format`` says).
DOCUMENT_FORMATS = {"2.0": "oas2", "3.0": "oas3_0", "3.1": "oas3_1", "3.2": "oas3_2"}
#: Functions that read their target as JSON data, not as a view of the document.
_PLAIN_TARGETS = frozenset({"typedEnum"})  # schema reads views (only what it validates)

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class _Target:
    value: Any
    path: Path


def spectral_rules(ruleset: Ruleset) -> list[Rule]:
    """The apilint rules of a ruleset's own definitions (``spectral:oas`` is apilint's
    built-in rules under their Spectral names, set up by the config). A rule that calls a
    function apilint does not have, or gives a function options it refuses, is a
    :class:`RulesetError`, as Spectral refuses such a ruleset."""
    for definition in ruleset.rules.values():
        _validate(definition, ruleset)
    return [_rule(definition, ruleset) for definition in ruleset.rules.values()]


def _validate(definition: RuleDefinition, ruleset: Ruleset) -> None:
    where = f"ruleset {definition.source}: rules.{definition.name}"
    for index, then in enumerate(definition.then):
        if then.function not in FUNCTIONS:
            if then.function in ruleset.functions or then.function.startswith(INLINE):
                continue  # a custom function: run if it can, else said once as not run
            known = ", ".join(sorted(FUNCTIONS))
            raise RulesetError(
                f"{where}.then.{index}.function: unknown function '{then.function}'"
                f" (built in: {known}; custom ones are listed under functions)"
            )
        problem = validate_options(then.function, then.options)
        if problem is not None:
            detail = problem.replace("\n", "; ")
            raise RulesetError(f"{where}.then.{index}.functionOptions: {detail}")


def _rule(definition: RuleDefinition, ruleset: Ruleset) -> Rule:
    severity = ruleset.severities.get(definition.name, definition.severity)
    summary = definition.description or f"Spectral rule {definition.name}"

    def check(doc: Document, options: Mapping[str, Any]) -> Iterator[tuple[Location, str]]:
        yield from _run(definition, ruleset, doc)

    return Rule(
        id=definition.name,
        area=AREA,
        severity=Severity.parse("warn" if severity == "off" else severity),
        summary=summary.splitlines()[0] if summary else definition.name,
        description=definition.description or summary,
        check=check,
        formats=definition.formats if definition.formats is not None else ALL_VERSIONS,
        recommended=severity != "off",
        module=str(definition.source),
        docs_url=definition.documentation_url or "",
    )


def _given(definition: RuleDefinition, ruleset: Ruleset, version: str) -> Iterator[str]:
    """The rule's ``given`` paths with aliases (``#Name`` and ``#Name.tail``) expanded."""
    for given in definition.given:
        if not given.startswith("#"):
            yield given
            continue
        name, _, tail = given[1:].partition(".")
        name, bracket, rest = name.partition("[")
        tail = (
            f"[{rest}" + (f".{tail}" if tail else "") if bracket else (f".{tail}" if tail else "")
        )
        for formats, paths in ruleset.aliases.get(name, []):
            if formats is None or version in formats:
                for path in paths:
                    yield from _given(
                        RuleDefinition(definition.name, (path + tail,), ()), ruleset, version
                    )


def _run(
    definition: RuleDefinition, ruleset: Ruleset, doc: Document
) -> Iterator[tuple[Location, str]]:
    root = view(doc.workspace, resolve=definition.resolved)
    written = root if not definition.resolved else view(doc.workspace, resolve=False)
    # the walks below nodes (`..`), made once per spec for every rule that walks them
    walks = doc.workspace.shared.setdefault(f"spectral-walks-{definition.resolved}", {})
    selected = doc.workspace.shared.setdefault(f"spectral-selected-{definition.resolved}", {})
    seen: set[tuple[Location, str]] = set()
    for given in _given(definition, ruleset, doc.version):
        for match in _selected(given, root, walks, selected):
            for then in definition.then:
                function = FUNCTIONS.get(then.function) or custom_function(ruleset, then.function)
                if function is None:
                    continue  # a JavaScript function with no port: the run says so, once
                path = tuple(match.path)
                checked = _check(definition, then, function, match.value, path, root, written, doc)
                for found in checked:
                    if found not in seen:  # one place, one message: reported once
                        seen.add(found)
                        yield found


def _selected(
    given: str, root: Any, walks: dict[Any, Any], selected: dict[str, list[Match]]
) -> list[Match]:
    """The matches of a ``given`` path, found once per spec for every rule that gives it
    (rulesets' aliases give many rules one path: OWASP's ``#StringProperties``)."""
    found = selected.get(given)
    if found is None:
        found = selected[given] = list(
            compile_path(given).select(root, once=_written_at, walks=walks)
        )
    return found


def _written_at(node: Any) -> Location | None:
    """Where a view is written: a ``..`` walk meets each written node once, not once per
    ``$ref`` that leads to it (a shared schema is one node, and one finding)."""
    return node.loc if is_view(node) else None


def _targets(value: Any, field: str | None) -> list[_Target]:
    """What a ``then`` reads of a matched node, as Spectral's ``getLintTargets``."""
    targets: list[_Target] = []
    is_object = isinstance(value, Mapping | Sequence) and not isinstance(value, str)
    if is_object and field is not None:
        if field == "@key":
            keys = value.keys() if isinstance(value, Mapping) else range(len(value))
            targets = [_Target(str(key), (str(key),)) for key in keys]
        elif field.startswith("$"):
            targets = [
                _Target(found.value, tuple(found.path))
                for found in compile_path(field).select(value)
            ]
        else:
            path = _field_path(field)
            targets = [_Target(_get(value, path), path)]
    else:
        targets = [_Target(value, ())]
    return targets or [_Target(UNDEFINED, ())]


def _field_path(field: str) -> Path:
    """A ``field`` as lodash's ``toPath`` reads it: ``a.b``, ``a[0]``, ``a['b.c']``."""
    path: list[str | int] = []
    for part in field.replace("]", "").replace("[", ".").split("."):
        if part:
            path.append(part.strip("'\""))
    return tuple(path)


def _get(value: Any, path: Path) -> Any:
    for key in path:
        if isinstance(value, Mapping) and str(key) in value:
            value = value[str(key)]
        elif isinstance(value, Sequence) and not isinstance(value, str) and str(key).isdigit():
            index = int(key)
            if index >= len(value):
                return UNDEFINED
            value = value[index]
        else:
            return UNDEFINED
    return value


def _closest(root: Any, path: Path, start: tuple[Path, Any] | None = None) -> tuple[Path, Any]:
    """The longest prefix of ``path`` that exists in the document, and the node there.
    ``start``: a prefix of ``path`` known to exist and its node (the matched node), walked
    on from instead of the root."""
    node, done = root, 0
    if start is not None and path[: len(start[0])] == start[0]:
        done, node = len(start[0]), start[1]
    for length in range(done, len(path)):
        found = _get(node, (path[length],))
        if found is UNDEFINED:
            return path[:length], node
        node = found
    return path, node


def _check(
    definition: RuleDefinition,
    then: Then,
    function: Function,
    value: Any,
    given: Path,
    root: Any,
    written: Any,
    doc: Document,
) -> Iterator[tuple[Location, str]]:
    """Run one ``then`` on a matched node. ``written``: the document as written, which
    ``unreferencedReusableObject`` reads for its ``$ref``s."""
    document_format = DOCUMENT_FORMATS.get(doc.version)
    constant = definition.message is not None and "{{" not in definition.message
    for target in _targets(value, then.field):
        path = (*given, *target.path)
        argument = plain(target.value) if then.function in _PLAIN_TARGETS else target.value
        context = Context(
            document=written,
            given_path=path,
            rule_name=definition.name,
            document_format=document_format,
        )
        reported: set[Path] = set()
        for result in function(argument, then.options, context):
            if result.absolute:
                wanted: Path = tuple(result.path)
            else:
                wanted = (*path, *result.path) if result.path else path
            if constant:  # the results at one place are one finding (its message is fixed)
                if wanted in reported:
                    continue
                reported.add(wanted)
            yield _finding(definition, result.message, wanted, root, (given, value))


def _finding(
    definition: RuleDefinition, error: str, wanted: Path, root: Any, matched: tuple[Path, Any]
) -> tuple[Location, str]:
    """Where and how Spectral reports a result at ``wanted`` (which may not exist); the
    placeholders are worked out only when the message has them."""
    path, node = _closest(root, wanted, matched)
    # a scalar: its parent's place and key
    where = node.loc if is_view(node) else location_of(root, path) or _root_location(root)
    if definition.message is not None and "{{" not in definition.message:
        return where, definition.message.strip()  # nothing to fill in

    def prop() -> str:
        if len(wanted) > len(path):
            return dot_path(wanted[max(len(path) - 1, 0) :] if path else wanted[-1:])
        return str(path[-1]) if path else ""

    variables = _Variables(
        {
            "property": prop,
            "error": lambda: error,
            "path": lambda: pointer_path(path),
            "description": lambda: definition.description,
            "value": lambda: node,
        }
    )
    variables.values["error"] = render(error, variables)
    if definition.message is not None:
        message = render(definition.message, variables)
    else:
        message = definition.description or variables["error"]
    return where, message.strip()


class _Variables(Mapping[str, Any]):
    """A message's placeholders, each worked out the first time a template reads it."""

    def __init__(self, makers: dict[str, Callable[[], Any]]) -> None:
        self.makers = makers
        self.values: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        if name not in self.values:
            self.values[name] = self.makers[name]()
        return self.values[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self.makers)

    def __len__(self) -> int:
        return len(self.makers)


def _root_location(root: Any) -> Location:
    if is_view(root):
        return root.loc
    raise TypeError("the document root is not a view")
