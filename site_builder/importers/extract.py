"""Read a .docx or .txt into blocks in document order: paragraphs as text, tables as rows of cell text."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

from ..errors import BuildFailed, Location, Problem
from ..sources import MAX_FILE_BYTES

MAX_DOCUMENT_XML = 32 * 1024 * 1024
"""The unpacked text part of a .docx: a real report's is well under 1 MB; an 880 KB file whose part unpacked to
300 MB took python-docx 5 minutes and 5 GB of memory."""
MAX_UNPACKED = 256 * 1024 * 1024
"""Every part of a .docx unpacked (python-docx reads them all into memory, images included)."""


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
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:  # a report that large would not build (SB202): refuse before reading it
        _unreadable(path, f"文件过大（{size} 字节，上限 {MAX_FILE_BYTES} 字节）")
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding).replace("\r\n", "\n").replace("\r", "\n")
        except UnicodeDecodeError:
            continue
    _unreadable(path, "无法识别的文字编码")


def _docx(path: Path) -> Extracted:
    from docx import Document
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    names = _docx_parts(path)
    try:
        document = Document(str(path))
    except Exception as exc:  # python-docx raises several unrelated types for a damaged file
        raise BuildFailed([Problem("SB702", Location(str(path)), args={
            "path": path.name, "detail": f"文件已损坏或不是 Word 文档（{type(exc).__name__}）"})]) from exc
    blocks: list[Block] = []
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            blocks.append(Block(text=Paragraph(child, document).text))
        elif child.tag == qn("w:tbl"):
            table = Table(child, document)
            rows = tuple(tuple(" ".join(cell.text.split()) for cell in row.cells) for row in table.rows)
            blocks.append(Block(rows=rows))
    # without docProps/core.xml python-docx makes up properties, titled "Word Document"
    title = (document.core_properties.title or "").strip() if CORE_PROPERTIES in names else ""
    return Extracted(tuple(blocks), title=title)


CORE_PROPERTIES = "docProps/core.xml"
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""The start of a Word 97–2003 .doc, and of any .docx saved with a password (Office encrypts it into one)."""


def _docx_parts(path: Path) -> set[str]:
    """The names of the archive's parts. A .docx whose parts unpack to more than a report could hold (a zip
    bomb) is refused before python-docx unpacks them (the sizes are the archive's own, which zipfile holds each
    part to when it reads it), and a file that is no zip archive is named for what it most likely is."""
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError):
        with open(path, "rb") as handle:
            start = handle.read(len(OLE_SIGNATURE))
        if start == OLE_SIGNATURE:
            _unreadable(path, "这是旧版 Word 文档（.doc）或设置了打开密码的文件：请在 Word 中取消密码并另存为 .docx")
        _unreadable(path, "不是有效的 .docx 文件（可能已损坏，或只是把其他文件的扩展名改成了 .docx）")
    document = sum(p.file_size for p in parts if p.filename == "word/document.xml")
    total = sum(p.file_size for p in parts)
    if document > MAX_DOCUMENT_XML or total > MAX_UNPACKED:
        size, limit = (document, MAX_DOCUMENT_XML) if document > MAX_DOCUMENT_XML else (total, MAX_UNPACKED)
        _unreadable(path, f"解压后过大（约 {size // 2**20} MB，上限 {limit // 2**20} MB），文件可能已损坏或被恶意构造")
    return {part.filename for part in parts}


def _unreadable(path: Path, detail: str) -> NoReturn:
    raise BuildFailed([Problem("SB702", Location(str(path)), args={"path": path.name, "detail": detail})])
