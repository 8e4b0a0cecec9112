"""A large spec's rules shared with a second process.

A single large spec is linted in one process (``-j`` shares specs, not a spec), so on a
machine with two CPUs or more its rules are split in two: after the spec is loaded and its
``$ref``s scanned, the process forks; the copy runs every other rule and sends back what they
found (rule id, place, message: small, picklable), while this process runs the others. Each
process builds the indexes its rules read. The findings are the same as in one process (they
are sorted and grouped afterwards); a copy that cannot be made or does not answer leaves its
rules to this process.

Only on Linux, from a process with one thread (a native library's thread would be missing from
the copy), not in a ``-j`` worker (the workers share the CPUs already), and for a spec whose
root file is at least :data:`SPLIT_BYTES`.
"""

from __future__ import annotations

import os
import pickle
import sys
from collections.abc import Iterator, Sequence
from typing import Any

from apilint.lint.config import RuleSetting
from apilint.lint.cpus import usable_cpus
from apilint.lint.declare import Rule
from apilint.model.document import Document, Item
from apilint.source.locations import Location, Position

#: A root file at least this large has its rules split between two processes (at 0.3 s of
#: linting per MB, a fork and the indexes built twice cost less from here on).
SPLIT_BYTES = 2 * 1024 * 1024
#: Whether this process may split (a ``-j`` worker may not).
allowed = True

#: One thing a rule yielded: its id, the place (None: the rule crashed), the message.
Result = tuple[str, Location | Position | None, str]
Enabled = Sequence[tuple[Rule, RuleSetting]]


def where_of(doc: Document, where: Any) -> Location | Position:
    """The place a rule yielded, as a location (a pointer is one in the root file)."""
    if isinstance(where, (Location, Position)):
        return where
    if isinstance(where, Item):
        return where.loc
    if isinstance(where, str):
        return Location(doc.workspace.root_key, where)
    raise TypeError(f"a rule yielded {type(where).__name__} as a location")


def run_enabled(doc: Document, enabled: Enabled) -> dict[str, list[Result]]:
    """What each rule yielded, by rule id: in two processes when worth it."""
    if _worth_splitting(doc, enabled):
        split = _in_two(doc, enabled)
        if split is not None:
            return split
    return _run(doc, enabled)


def _run(doc: Document, enabled: Enabled) -> dict[str, list[Result]]:
    return {rule.id: list(_results(doc, rule, setting)) for rule, setting in enabled}


def _results(doc: Document, rule: Rule, setting: RuleSetting) -> Iterator[Result]:
    """What one rule yields; a crash is its last result (the rule's findings so far stay)."""
    try:
        for where, message in rule.check(doc, setting.options):
            yield rule.id, where_of(doc, where), message
    except Exception as error:  # a crashing rule must not stop the others
        detail = str(error).splitlines()[0] if str(error) else ""
        crash = f"rule '{rule.id}' crashed: {type(error).__name__}"
        yield rule.id, None, crash + (f": {detail}" if detail else "")


def _worth_splitting(doc: Document, enabled: Enabled) -> bool:
    if not allowed or len(enabled) < 2 or sys.platform != "linux":
        return False
    try:
        if os.path.getsize(doc.workspace.root_key) < SPLIT_BYTES:
            return False
        threads = len(os.listdir("/proc/self/task"))
    except OSError:
        return False
    return threads == 1 and usable_cpus() >= 2


def _in_two(doc: Document, enabled: Enabled) -> dict[str, list[Result]] | None:
    """Every other rule run by a forked copy of this process, the rest here; None when no
    copy can be made."""
    theirs, mine = enabled[1::2], enabled[0::2]
    read, write = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read)
        os.close(write)
        return None
    if pid == 0:  # the copy: run its rules, send what they found, and leave at once
        try:
            os.close(read)
            with os.fdopen(write, "wb") as out:
                pickle.dump(_run(doc, theirs), out, protocol=pickle.HIGHEST_PROTOCOL)
        finally:
            os._exit(0)
    os.close(write)
    found = _run(doc, mine)
    with os.fdopen(read, "rb") as answer:
        try:
            sent: dict[str, list[Result]] | None = pickle.load(answer)
        except Exception:  # the copy died or was killed: its rules are run here
            sent = None
    os.waitpid(pid, 0)
    return {**found, **(sent if sent is not None else _run(doc, theirs))}
