"""Shared by the XML formats (JUnit, Checkstyle): text XML 1.0 can hold, and the document."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from typing import Union

# Characters XML 1.0 cannot hold even as references: C0 controls other than tab, newline and
# carriage return, lone surrogates (from a JSON "\ud800") and the two non-characters.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'


def clean(text: str) -> str:
    """``text`` with each character XML cannot carry written as a visible ``\\uXXXX``."""
    return _ILLEGAL.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


#: An element whose children are made only as they are written: the element (attributes, no
#: children) and its children, each an element or itself lazy.
Lazy = tuple[ET.Element, Iterable[Union[ET.Element, "Lazy"]]]


def document_chunks(root: Lazy) -> Iterator[str]:
    """The declaration and ``root`` with its children, indented by two spaces, ending with a
    newline; a child at a time, so a report of 200,000 findings is never one tree or one
    string. ElementTree escapes ``& < > "`` and, in attributes, newlines and tabs as
    references."""
    yield DECLARATION
    yield from _element(root, 0)
    yield "\n"


def _element(node: ET.Element | Lazy, level: int) -> Iterator[str]:
    if isinstance(node, ET.Element):
        ET.indent(node, space="  ", level=level)
        yield ET.tostring(node, encoding="unicode")
        return
    element, children = node
    empty = ET.tostring(element, encoding="unicode")  # <tag attributes />
    opened = False
    for child in children:
        yield ("" if opened else empty[: -len(" />")] + ">") + "\n" + "  " * (level + 1)
        opened = True
        yield from _element(child, level + 1)
    yield "\n" + "  " * level + f"</{element.tag}>" if opened else empty
