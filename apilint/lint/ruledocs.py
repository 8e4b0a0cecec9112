"""A rule's documentation, made from its own metadata and docstring.

A rule's docstring has fixed sections: what it checks (the paragraphs before ``Why:``), why it
exists (the ``Why:`` paragraph), and an ``Example:`` with a ``bad:`` and a ``good:`` excerpt of
YAML (for the built-in rules, taken from their fixtures by ``docs/generate.py``)::

    Every bearer scheme says what its tokens are with ``bearerFormat``.

    Why: a bearer token of unknown kind cannot be reviewed.

    Example:
        bad:
            userToken:
              type: http
              scheme: bearer
        good:
            ...

Everything a person reads about a rule comes from here: ``apilint rules RULE-ID``, the
reference ``docs/rules.md`` (one anchor per rule, which SARIF's ``helpUri`` points to) and the
README's rule table.
"""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from apilint.lint.declare import ALL_VERSIONS, Rule

_WHY = re.compile(r"^Why:[ \t]*", re.MULTILINE)
_EXAMPLE = re.compile(r"^Example:[ \t]*$", re.MULTILINE)
_EXAMPLE_KIND = re.compile(r"^    (bad|good):[ \t]*$")
_WIDTH = 88  # the width of text paragraphs in a terminal


@dataclass(frozen=True)
class RuleDoc:
    """The sections of a rule's docstring; a missing section is an empty string."""

    what: str
    why: str = ""
    bad: str = ""
    good: str = ""


def sections(description: str) -> RuleDoc:
    """Split a rule's (dedented) docstring into its sections."""
    text, example = description.strip(), ""
    found = _EXAMPLE.search(text)
    if found:
        text, example = text[: found.start()].rstrip(), text[found.end() :]
    what, why = text, ""
    found = _WHY.search(text)
    if found:
        what, why = text[: found.start()].strip(), text[found.end() :].strip()
    blocks: dict[str, list[str]] = {"bad": [], "good": []}
    current: list[str] | None = None
    for line in example.splitlines():
        kind = _EXAMPLE_KIND.match(line)
        if kind:
            current = blocks[kind.group(1)]
        elif current is not None:
            current.append(line[8:] if line.startswith(" " * 8) else line.strip())
    bad, good = ("\n".join(blocks[k]).strip("\n") for k in ("bad", "good"))
    return RuleDoc(_unwrap(what), _unwrap(why), bad, good)


def _unwrap(text: str) -> str:
    """Paragraphs as single lines (docstrings wrap at the source's width), reST's double
    backquotes as Markdown's single ones."""
    paragraphs = (" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip())
    return "\n\n".join(paragraphs).replace("``", "`")


def formats_label(item: Rule) -> str:
    if item.formats == ALL_VERSIONS:
        return "OpenAPI " + ", ".join(sorted(ALL_VERSIONS))
    return "OpenAPI " + ", ".join(sorted(item.formats)) + " only"


def _options(item: Rule) -> list[dict[str, Any]]:
    rows = []
    for name, schema in item.options.items():
        rest = {key: value for key, value in schema.items() if key != "default"}
        row = {"name": name, "schema": rest, "default": schema["default"]}
        if name in item.strict_options:
            row["strict"] = item.strict_options[name]
        rows.append(row)
    return rows


def as_data(item: Rule, configured: str | None = None) -> dict[str, Any]:
    """A rule's whole documentation as data (``apilint rules RULE-ID --format json``)."""
    doc = sections(item.description)
    data: dict[str, Any] = {
        "id": item.id,
        "area": item.area,
        "severity": item.severity.label,
        "recommended": item.recommended,
        "formats": sorted(item.formats),
        "summary": item.summary,
        "what": doc.what,
        "why": doc.why,
        "options": _options(item),
        "example": {"bad": doc.bad, "good": doc.good},
        "docs": item.docs_url,
        "supersedes": sorted(item.supersedes),
    }
    if configured is not None:
        data["configured"] = configured
    return data


def _compact(value: Any) -> str:
    return json.dumps(value, separators=(", ", ": "), ensure_ascii=False)


def _indented(text: str, prefix: str = "    ") -> str:
    return "\n".join(prefix + line if line else line for line in text.splitlines())


def as_text(item: Rule, configured: str | None = None) -> str:
    """A rule's whole documentation for a terminal (``apilint rules RULE-ID``)."""
    doc = sections(item.description)
    facts = [
        f"area {item.area}",
        f"default severity {item.severity.label}",
        "in recommended" if item.recommended else "not in recommended",
        formats_label(item),
    ]
    if configured is not None:
        facts.insert(2, f"configured {configured}")
    if item.supersedes:
        facts.append(f"replaces {', '.join(sorted(item.supersedes))} on the same node")
    parts = [f"{item.id}: {item.summary}", ", ".join(facts), _fill(doc.what)]
    if doc.why:
        parts.append(_fill(f"Why: {doc.why}"))
    if item.options:
        lines = ["Options:"]
        for row in _options(item):
            line = f"  {row['name']}: {_compact(row['schema'])}, default {_compact(row['default'])}"
            if "strict" in row:
                line += f" (strict: {_compact(row['strict'])})"
            lines.append(line)
        parts.append("\n".join(lines))
    else:
        parts.append("Options: none")
    if doc.bad:
        parts.append("Bad:\n" + _indented(doc.bad))
    if doc.good:
        parts.append("Good:\n" + _indented(doc.good))
    if item.docs_url:
        parts.append(f"More: {item.docs_url}")
    return "\n\n".join(parts) + "\n"


def _fill(text: str) -> str:
    return "\n\n".join(textwrap.fill(p, _WIDTH) for p in text.split("\n\n"))


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _default_label(item: Rule) -> str:
    return item.severity.label + ("" if item.recommended else " (off)")


def reference_markdown(rules: Iterable[Rule]) -> str:
    """``docs/rules.md``: every rule's documentation, one heading (and anchor) per rule."""
    out = [
        "# Rule reference",
        "",
        "Generated from each rule's metadata and docstring by `docs/generate.py`; do not edit.",
        '`apilint rules RULE-ID` prints the same in a terminal. "(off)": not in the',
        "`recommended` preset (on in `strict`, or when configured).",
        "",
    ]
    for item in rules:
        doc = sections(item.description)
        out += [
            f"## {item.id}",
            "",
            f"**{item.summary}**",
            "",
            f"Area `{item.area}` · default `{_default_label(item)}` · {formats_label(item)}"
            + "".join(
                f" · replaces `{other}` on the same node" for other in sorted(item.supersedes)
            ),
            "",
            doc.what,
            "",
        ]
        if doc.why:
            out += [f"**Why:** {doc.why}", ""]
        if item.options:
            out += ["| option | schema | default | strict |", "|---|---|---|---|"]
            for row in _options(item):
                strict = f"`{_compact(row['strict'])}`" if "strict" in row else ""
                out.append(
                    f"| `{row['name']}` | `{_cell(_compact(row['schema']))}` "
                    f"| `{_cell(_compact(row['default']))}` | {_cell(strict)} |"
                )
            out.append("")
        for label, text in (("Bad", doc.bad), ("Good", doc.good)):
            if text:
                out += [f"{label}:", "", "```yaml", text, "```", ""]
    return "\n".join(out).rstrip("\n") + "\n"


def readme_table(rules: Iterable[Rule], reference: str = "docs/rules.md") -> str:
    """The README's rule table, each id linking to its section of the reference."""
    out = [
        "| rule | area | default | what it enforces | OpenAPI | options |",
        "|---|---|---|---|---|---|",
    ]
    for item in rules:
        versions = "all" if item.formats == ALL_VERSIONS else ", ".join(sorted(item.formats))
        options = ", ".join(f"`{name}`" for name in item.options) or "–"
        out.append(
            f"| [`{item.id}`]({reference}#{item.id}) | {item.area} | {_default_label(item)} "
            f"| {_cell(item.summary)} | {versions} | {options} |"
        )
    return "\n".join(out) + "\n"
