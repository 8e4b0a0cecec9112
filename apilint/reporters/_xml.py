"""Shared by the XML formats (JUnit, Checkstyle): text XML 1.0 can hold, and the document."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

# Characters XML 1.0 cannot hold even as references: C0 controls other than tab, newline and
# carriage return, lone surrogates (from a JSON "\ud800") and the two non-characters.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'


def clean(text: str) -> str:
    """``text`` with each character XML cannot carry written as a visible ``\\uXXXX``."""
    return _ILLEGAL.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def document(root: ET.Element) -> str:
    """The declaration and ``root`` indented by two spaces, ending with a newline.
    ElementTree escapes ``& < > "`` and, in attributes, newlines and tabs as references."""
    ET.indent(root, space="  ")
    return DECLARATION + ET.tostring(root, encoding="unicode") + "\n"
