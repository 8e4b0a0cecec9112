"""Documentation rule for the spec's documentation coverage figure: a gate on a minimum
percentage.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from apilint.analysis.coverage import measure
from apilint.rule import Document, Findings, rule


@rule(
    "documentation-coverage",
    area="documentation",
    severity="warn",
    summary="The spec's documentation coverage is at least the configured minimum.",
    options={"min": {"type": "number", "minimum": 0, "maximum": 100, "default": 0}},
    strict_options={"min": 80},
)
def documentation_coverage(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Reports once when the spec's documentation coverage (see the README's definition: the
    share of info fields, operations, parameters, responses, schemas and properties that are
    documented) is below ``min`` percent. ``min`` is 0 by default, and 80 in ``strict``.

    Why: a coverage gate lets a platform raise the documentation bar step by step on existing
    APIs instead of demanding everything at once.

    Example:
        bad:
            openapi: 3.0.3
            info:
              title: Pet store
              description: Adopt pets.
              version: 1.0.0
            paths:
              /pets:
                get:
                  summary: List pets
                  parameters:
                  # ...
        good:
            openapi: 3.0.3
            info:
              title: Pet store
              description: Adopt pets.
              version: 1.0.0
              contact:
                name: Pet team
              license:
                name: MIT
                url: https://opensource.org/licenses/MIT
            paths:
            # ...
    """
    figure = measure(doc)
    overall = figure.overall
    if overall is not None and overall < options["min"]:
        yield "", f"{figure.summary()} is below the minimum of {options['min']:g}%"
