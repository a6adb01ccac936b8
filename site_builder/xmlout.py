"""Serialise an ElementTree as a UTF-8 XML document: indented, with a declaration, byte-stable."""

from __future__ import annotations

from xml.etree import ElementTree as ET


def xml_document(root: ET.Element) -> bytes:
    ET.indent(root)
    body: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=False)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + body + b"\n"
