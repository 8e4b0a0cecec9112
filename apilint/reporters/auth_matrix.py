"""The auth coverage matrix as a text table, Markdown, JSON or CSV (``apilint auth``)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Sequence

from apilint import __version__
from apilint.analysis.auth_matrix import AuthMatrix

COLUMNS = ("method", "path", "status", "schemes", "scopes")


def _cells(matrix: AuthMatrix) -> list[list[str]]:
    return [[row.method, row.path, row.status, row.schemes, row.scopes] for row in matrix.rows]


def render_text(matrices: Sequence[AuthMatrix]) -> str:
    """One aligned table per spec, headed by its file and followed by its totals."""
    blocks = []
    for matrix in matrices:
        rows = [[name.upper() for name in COLUMNS], *_cells(matrix)]
        widths = [max(len(row[i]) for row in rows) for i in range(len(COLUMNS))]
        lines = [matrix.file]
        for row in rows:
            cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=True)]
            lines.append("  " + "  ".join(cells).rstrip())
        lines.append(f"  {matrix.summary()}")
        blocks.append("\n".join(lines) + "\n")
    return "\n".join(blocks)


def _markdown_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|") or " "


def render_markdown(matrices: Sequence[AuthMatrix]) -> str:
    """A heading and a table per spec, for a pull-request comment or a wiki page."""
    blocks = []
    for matrix in matrices:
        lines = [f"### Auth coverage: `{matrix.file}`", "", f"{matrix.summary()}", ""]
        lines.append("| " + " | ".join(name.capitalize() for name in COLUMNS) + " |")
        lines.append("|" + "---|" * len(COLUMNS))
        for cells in _cells(matrix):
            lines.append("| " + " | ".join(_markdown_cell(cell) for cell in cells) + " |")
        blocks.append("\n".join(lines) + "\n")
    return "\n".join(blocks)


def render_json(matrices: Sequence[AuthMatrix]) -> str:
    """``{"version", "tool", "files": [{"file", "operations": [...], "totals"}]}``."""
    document = {
        "version": 1,
        "tool": {"name": "apilint", "version": __version__},
        "files": [matrix.to_dict() for matrix in matrices],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def render_csv(matrices: Sequence[AuthMatrix]) -> str:
    """One row per operation of every spec, with a ``file`` column first."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["file", *COLUMNS])
    for matrix in matrices:
        for cells in _cells(matrix):
            writer.writerow([matrix.file, *cells])
    return out.getvalue()


MATRIX_FORMATS: dict[str, Callable[[Sequence[AuthMatrix]], str]] = {
    "text": render_text,
    "markdown": render_markdown,
    "json": render_json,
    "csv": render_csv,
}
