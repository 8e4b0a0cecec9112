"""Everything a rule author imports, in one place.

>>> from apilint.rule import Document, Findings, rule

A rule is a function that receives the :class:`Document` and its options and yields
``(where, message)`` pairs, declared with :func:`rule`. ``where`` is a JSON pointer into the
root file, a :class:`Location`, a :class:`Position` the reader measured, or any indexed
:class:`Item`; the engine turns it into file, line and column. The built-in rules import from
here too, so what they can do a plugin can do. The modules behind these names (under
``apilint.lint``, ``apilint.model``, ``apilint.source``, ``apilint.analysis``) may move
between releases; these names will not.
"""

from __future__ import annotations

from apilint.analysis import casing
from apilint.analysis.casing import Policy, options_schema, squash
from apilint.lint.declare import ALL_VERSIONS, AREAS, Findings, Rule, declare_area, rule
from apilint.model.document import (
    HTTP_METHODS,
    Document,
    Item,
    Operation,
    Parameter,
    Property,
    RequestBody,
    Response,
    Schema,
    SecurityRequirement,
    SecurityScheme,
    Tag,
)
from apilint.model.subjects import subject
from apilint.source import pointer
from apilint.source.locations import Location, Position

__all__ = [
    "ALL_VERSIONS",
    "AREAS",
    "HTTP_METHODS",
    "Document",
    "Findings",
    "Item",
    "Location",
    "Operation",
    "Parameter",
    "Policy",
    "Position",
    "Property",
    "RequestBody",
    "Response",
    "Rule",
    "Schema",
    "SecurityRequirement",
    "SecurityScheme",
    "Tag",
    "casing",
    "declare_area",
    "options_schema",
    "pointer",
    "rule",
    "squash",
    "subject",
]
