"""Read a .docx or .txt into blocks in document order: paragraphs as text, tables as rows of cell text."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import BuildFailed, Location, Problem


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph (`rows` empty) or a table (`text` empty)."""

    text: str = ""
    rows: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True, slots=True)
class Extracted:
    blocks: tuple[Block, ...]
    title: str = ""
    """The document's own title property (docx), if any."""


def extract(path: Path) -> Extracted:
    suffix = path.suffix.lower()
    if suffix == ".txt":
        return Extracted(tuple(Block(text=line) for line in _read_text(path).split("\n")))
    if suffix == ".docx":
        return _docx(path)
    raise BuildFailed([Problem("SB703", Location(str(path)), args={"path": path.name})])


def _read_text(path: Path) -> str:
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding).replace("\r\n", "\n").replace("\r", "\n")
        except UnicodeDecodeError:
            continue
    raise BuildFailed([Problem("SB702", Location(str(path)), args={"path": path.name, "detail": "无法识别的文字编码"})])


def _docx(path: Path) -> Extracted:
    from docx import Document
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = Document(str(path))
    except Exception as exc:  # python-docx raises several unrelated types for a damaged file
        raise BuildFailed([Problem("SB702", Location(str(path)),
                                   args={"path": path.name, "detail": type(exc).__name__})]) from exc
    blocks: list[Block] = []
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            blocks.append(Block(text=Paragraph(child, document).text))
        elif child.tag == qn("w:tbl"):
            table = Table(child, document)
            rows = tuple(tuple(" ".join(cell.text.split()) for cell in row.cells) for row in table.rows)
            blocks.append(Block(rows=rows))
    return Extracted(tuple(blocks), title=(document.core_properties.title or "").strip())
