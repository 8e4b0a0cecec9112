"""Regenerate what people read about the built-in rules, from the rules themselves.

    python docs/generate.py           # write; prints the files it changed
    python docs/generate.py --check   # exit 1 and name the stale files, change nothing

It writes:
- each built-in rule's ``Example:`` docstring section, a bad and a good excerpt taken from
  its fixtures in ``tests/rules/fixtures/<rule-id>/`` (``apilint.testing.fixture_example``);
- ``docs/rules.md``, the rule reference (one section and anchor per rule);
- the rule table of ``README.md``, between its ``rule-table`` markers;
- the README's table of Spectral's and Redocly's rules with what covers each in apilint
  (``apilint.lint.peer_rules``), between its ``peer-rules`` markers.

``tests/test_docs.py`` fails when any of them is stale, so adding a rule is its function and
its fixture folder, then this script.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from apilint.lint.config import build_config
from apilint.lint.declare import Rule
from apilint.lint.peer_rules import PEER_NAMES, RULESETS, PeerRule, entries
from apilint.lint.ruledocs import readme_table, reference_markdown
from apilint.testing import fixture_example

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "rules" / "fixtures"
START = "<!-- rule-table:start (docs/generate.py writes this table) -->"
END = "<!-- rule-table:end -->"
PEER_START = "<!-- peer-rules:start (docs/generate.py writes this table) -->"
PEER_END = "<!-- peer-rules:end -->"
REFERENCE = "docs/rules.md"


def builtin_rules() -> list[Rule]:
    """The rules of the ``apilint.rules`` package, in id order."""
    registry = build_config({"extends": []}).registry
    return [item for item in registry if item.module.startswith("apilint.rules.")]


def _example_section(item: Rule, indent: str) -> list[str]:
    example = fixture_example(item.id, FIXTURES / item.id)
    if example is None:
        return []
    lines = ["", f"{indent}Example:"]
    for label, text in zip(("bad", "good"), example, strict=True):
        lines.append(f"{indent}    {label}:")
        for line in text.splitlines():
            escaped = line.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
            lines.append(f"{indent}        {escaped}" if escaped.strip() else "")
    return lines


def _with_examples(source: str, rules: list[Rule]) -> str:
    """``source`` with each rule's docstring ending in its current Example section."""
    by_function = {item.check.__name__: item for item in rules}
    lines = source.splitlines()
    edits = []
    for node in ast.parse(source).body:
        if not isinstance(node, ast.FunctionDef) or node.name not in by_function:
            continue
        first = node.body[0]
        if not (isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant)):
            continue
        indent = " " * first.col_offset
        start, end = first.lineno - 1, first.end_lineno or first.lineno
        text = lines[start:end]
        # cut the closing quotes and any Example section written before
        last = text[-1].rstrip()
        body = [*text[:-1], last[:-3]] if last != f'{indent}"""' else text[:-1]
        if f"{indent}Example:" in body:
            body = body[: body.index(f"{indent}Example:")]
        while body and not body[-1].strip():
            body.pop()
        body += [*_example_section(by_function[node.name], indent), f'{indent}"""']
        edits.append((start, end, body))
    for start, end, body in reversed(edits):
        lines[start:end] = body
    return "\n".join(lines) + "\n"


def _markdown_cell(text: str) -> str:
    """Text as a Markdown table cell: no column break, no HTML (``<script>`` is shown)."""
    return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


def _peer_row(entry: PeerRule) -> str:
    """One row of the peer table: the peer's rule (``(off)``: not run by its default
    ruleset), the apilint rules that cover it, whether the config accepts its id."""
    covering = ", ".join(f"[`{rule_id}`]({REFERENCE}#{rule_id})" for rule_id in entry.apilint)
    alias = "same id" if entry.id in entry.apilint else ("yes" if entry.alias else "no")
    off = " (off)" if not entry.on_by_default else ""
    return (
        f"| {PEER_NAMES[entry.peer]} | `{entry.id}`{off} | {covering or '–'} | {alias} "
        f"| {_markdown_cell(entry.note)} |"
    )


def peer_table() -> str:
    """The README's table of the peers' default rules (``apilint.lint.peer_rules``)."""
    rulesets = ", ".join(f"{PEER_NAMES[peer]} `{name}`" for peer, name in RULESETS.items())
    out = [
        f"| peer ({rulesets}) | peer rule | apilint rule(s) | alias | note |",
        "|---|---|---|---|---|",
    ]
    out.extend(_peer_row(entry) for entry in entries())
    return "\n".join(out) + "\n"


def _between(text: str, start: str, end: str, body: str) -> str:
    """``text`` with what is between the ``start`` and ``end`` markers replaced by ``body``."""
    head, rest = text.split(start, 1)
    _, tail = rest.split(end, 1)
    return f"{head}{start}\n{body}{end}{tail}"


def generated_files() -> dict[Path, str]:
    """Every generated file's path and the text it should have."""
    rules = builtin_rules()
    files: dict[Path, str] = {}
    for module in sorted({item.module for item in rules}):
        path = Path(sys.modules[module].__file__ or "")
        mine = [item for item in rules if item.module == module]
        files[path] = _with_examples(path.read_text(encoding="utf-8"), mine)
    files[ROOT / "docs" / "rules.md"] = reference_markdown(rules)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    readme = _between(readme, START, END, readme_table(rules))
    files[ROOT / "README.md"] = _between(readme, PEER_START, PEER_END, peer_table())
    return files


def stale_files() -> list[Path]:
    return [
        path
        for path, text in generated_files().items()
        if not path.exists() or path.read_text(encoding="utf-8") != text
    ]


def main(argv: list[str]) -> int:
    if "--check" in argv:
        stale = stale_files()
        for path in stale:
            print(f"stale: {path.relative_to(ROOT)} (run python docs/generate.py)")
        return 1 if stale else 0
    rules_changed = False
    for path, text in generated_files().items():
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path.relative_to(ROOT)}")
            rules_changed = rules_changed or path.suffix == ".py"
    if rules_changed:  # the reference reads the docstrings as imported: once more, afresh
        return subprocess.run([sys.executable, __file__], check=False).returncode
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
