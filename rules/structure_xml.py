"""Structure rules for the XML Object of schemas: OpenAPI 3.2's ``nodeType`` replaces the
``attribute`` and ``wrapped`` flags.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from apilint.rule import Document, Findings, rule, subject

#: Each deprecated flag, and the ``nodeType`` that says the same when the flag is true.
_REPLACED = {"attribute": "attribute", "wrapped": "element"}


def _advice(keyword: str, value: Any, node_type: Any) -> str:
    if node_type is not None:
        return f"beside nodeType, which replaces it: remove {keyword}"
    if value is True:
        return f"use nodeType: {_REPLACED[keyword]}"
    return "remove it (false is the default)"


@rule(
    "xml-deprecated-keywords",
    area="structure",
    severity="warn",
    summary="XML Objects use nodeType, not the deprecated attribute and wrapped (3.2).",
    formats={"3.2"},
)
def xml_deprecated_keywords(doc: Document, options: Mapping[str, Any]) -> Findings:
    """In OpenAPI 3.2 the ``attribute`` and ``wrapped`` fields of a schema's XML Object are
    deprecated in favour of ``nodeType`` (``attribute: true`` is ``nodeType: attribute``,
    ``wrapped: true`` on an array is ``nodeType: element``), and neither may stand beside
    ``nodeType``. Each one written is reported at its key, with its replacement (Spectral's
    ``oas3_2-no-deprecated-xml-attribute``, Redocly's ``spec-no-invalid-xml-combinations``).

    Why: tools that read 3.2 take ``nodeType``; a deprecated flag beside it can contradict it,
    and alone it is read differently by tools of different versions.

    Example:
        bad:
            components:
              schemas:
                Book:
                  properties:
                    isbn:
                      xml:
                        attribute: true
        good:
            components:
              schemas:
                Book:
                  properties:
                    isbn:
                      xml:
                        nodeType: attribute
    """
    for schema in doc.schemas:
        xml = doc.child(schema, "xml")
        if xml is None or not isinstance(xml.value, dict):
            continue
        node_type = xml.value.get("nodeType")
        for keyword in _REPLACED:
            if keyword in xml.value:
                advice = _advice(keyword, xml.value[keyword], node_type)
                where = subject(schema.loc.pointer)
                yield xml.loc.child(keyword), f"xml {keyword} of {where} is deprecated: {advice}"
