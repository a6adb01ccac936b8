"""Report → Word document in GB/T 9704 layout: real Heading styles (the navigation pane shows the outline),
East Asian fonts set on every style, page numbers "— 1 —" right on odd pages and left on even pages."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from lxml.etree import SubElement

from ..gongwen import ADDRESSEE_CLASS, ATTACHMENT_CLASS
from ..markdown import numbering_kind, structured
from ..mdtree import Node, parse, plain_text
from ..model import Report
from ..templates import cn_date

BODY_FONT = "仿宋_GB2312"
TITLE_FONT = "方正小标宋简体"
HEI = "黑体"
KAI = "楷体_GB2312"
LINE = Pt(28.95)  # 225 mm ÷ 22 lines
BODY_SIZE = Pt(16)
INDENT = Pt(32)  # two characters
KIND_FONT = {  # 公文 numbering kind → (font, bold): 一、黑体；（一）楷体；1. 仿宋加粗；（1）仿宋
    "cn-upper": (HEI, False), "cn": (HEI, False), "cn-paren": (KAI, False), "arabic": (BODY_FONT, True),
    "arabic-paren": (BODY_FONT, False),
    "chapter": (HEI, False), "section": (KAI, False), "attachment": (HEI, False),  # 第一章、附件1 黑体；第一节 楷体
}
_RUN, _RUN_PROPERTIES, _BOLD, _TEXT, _TAB, _BREAK = (qn(f"w:{tag}") for tag in ("r", "rPr", "b", "t", "tab", "br"))
_SPACE = qn("xml:space")
_CONTROL = re.compile(r"([\t\r\n])")
STYLE_IDS = {name: name.replace(" ", "") for name in
             ("Heading 1", "Heading 2", "Heading 3", "Heading 4", "Heading 5", "List Bullet", "List Number")}
"""The body's paragraph styles by name, as python-docx's template identifies them."""
CENTRED = ("chapter", "section")
"""Chapter and section titles of a 办法 or 规定 stand centred, as such documents set them."""


def set_east_asian(target: Any, name: str) -> None:
    """Set every script's font to `name` and drop theme fonts, which would otherwise win in Word."""
    rpr = target.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)


def _style(doc: Any, name: str, font: str, size: Pt, bold: bool = False, center: bool = False,
           indent: bool = True, line: Pt = LINE) -> Any:
    style = doc.styles[name]
    style.font.size = size
    style.font.bold = bold
    style.font.italic = False
    style.font.color.rgb = RGBColor(0, 0, 0)
    set_east_asian(style.element, font)
    fmt = style.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = line
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.first_line_indent = INDENT if indent else Pt(0)
    fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER if center else WD_ALIGN_PARAGRAPH.JUSTIFY
    return style


def _setup(doc: Any) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(21)
    _style(doc, "Normal", BODY_FONT, BODY_SIZE)
    title = doc.styles.add_style("公文标题", 1)
    title.base_style = doc.styles["Normal"]
    _style(doc, "公文标题", TITLE_FONT, Pt(22), center=True, indent=False, line=Pt(35))
    title.paragraph_format.space_after = LINE
    for level, (font, bold) in enumerate((KIND_FONT["cn"], KIND_FONT["cn-paren"], KIND_FONT["arabic"],
                                          KIND_FONT["arabic-paren"], KIND_FONT["arabic-paren"]), start=1):
        style = _style(doc, f"Heading {level}", font, BODY_SIZE, bold=bold)
        style.paragraph_format.keep_with_next = True
    for name in ("Table Grid", "List Bullet", "List Number"):
        set_east_asian(doc.styles[name].element, BODY_FONT)
    _page_numbers(doc)


def _page_number_paragraph(paragraph: Any, right: bool) -> None:
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT if right else WD_ALIGN_PARAGRAPH.LEFT
    fmt = paragraph.paragraph_format
    fmt.first_line_indent = Pt(0)
    if right:
        fmt.right_indent = Pt(14)
    else:
        fmt.left_indent = Pt(14)
    for text in ("— ", None, " —"):
        run = paragraph.add_run()
        run.font.size = Pt(14)
        set_east_asian(run._element, "宋体")
        if text is None:
            field = OxmlElement("w:fldSimple")
            field.set(qn("w:instr"), "PAGE")
            inner = OxmlElement("w:r")
            text_el = OxmlElement("w:t")
            text_el.text = "1"
            inner.append(text_el)
            field.append(inner)
            run._element.addnext(field)
        else:
            run.text = text


def _page_numbers(doc: Any) -> None:
    doc.settings.odd_and_even_pages_header_footer = True
    section = doc.sections[0]
    _page_number_paragraph(section.footer.paragraphs[0], right=True)
    _page_number_paragraph(section.even_page_footer.paragraphs[0], right=False)


def _add_runs(paragraph: Any, nodes: list[Node], bold: bool = False) -> None:
    for node in nodes:
        if node.kind in ("text", "code_inline"):
            _append_run(paragraph._p, node.text, bold)
        elif node.kind in ("softbreak", "hardbreak"):
            SubElement(SubElement(paragraph._p, _RUN), _BREAK)
        elif node.kind == "image":
            _append_run(paragraph._p, f"[图：{plain_text(node.children)}]", False)
        else:
            _add_runs(paragraph, node.children, bold or node.kind == "strong")


def _append_run(p: Any, text: str, bold: bool) -> None:
    """The XML python-docx's paragraph.add_run(text) writes, made directly: add_run costs 0.15 ms a run (it
    walks the text a character at a time), which held a 5 MB body's Word copy for minutes."""
    run = SubElement(p, _RUN)
    if bold:
        SubElement(SubElement(run, _RUN_PROPERTIES), _BOLD)
    for piece in _CONTROL.split(text):
        if piece == "\t":
            SubElement(run, _TAB)
        elif piece in ("\r", "\n"):
            SubElement(run, _BREAK)
        elif piece:
            element = SubElement(run, _TEXT)
            element.text = piece
            if len(piece.strip()) < len(piece):
                element.set(_SPACE, "preserve")


def _metadata(doc: Any, report: Report) -> None:
    meta = report.meta
    cells = [("索 引 号", meta.index_no), ("发布机构", meta.publisher),
             ("成文日期", cn_date(meta.written)), ("文　　号", meta.doc_no or "无")]
    table = doc.add_table(rows=2, cols=4)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    widths = (Mm(20), Mm(58), Mm(20), Mm(58))  # the 156 mm 版心
    for index, (label, value) in enumerate(cells):
        row, col = divmod(index, 2)
        for offset, text in enumerate((label, value)):
            cell = table.cell(row, col * 2 + offset)
            cell.width = widths[col * 2 + offset]
            paragraph = cell.paragraphs[0]
            paragraph.paragraph_format.first_line_indent = Pt(0)
            paragraph.paragraph_format.line_spacing = Pt(18)
            run = paragraph.add_run(text)
            run.font.size = Pt(12)
    doc.add_paragraph()


def _table(doc: Any, node: Node) -> None:
    rows = [row.children for section in node.children for row in section.children]
    width = max((len(r) for r in rows), default=0)
    table = doc.add_table(rows=len(rows), cols=width)
    table.style = doc.styles["Table Grid"]
    cells = table._cells  # table.cell(r, c) lists every cell of the table again: 6,000 rows took over 10 minutes
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            paragraph = cells[r * width + c].paragraphs[0]
            paragraph.paragraph_format.first_line_indent = Pt(0)
            paragraph.paragraph_format.line_spacing = Pt(20)
            paragraph.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
            _add_runs(paragraph, cell.children)
            for run in paragraph.runs:
                run.font.size = Pt(12)
                if cell.kind == "th":
                    set_east_asian(run._element, HEI)


def _body(doc: Any, report: Report, markdown: str) -> None:
    """The body; a 落款 given as the 落款 field goes before the attachments and 版记, as on the web page."""
    blocks = structured(parse(markdown))
    tail = next((i for i, b in enumerate(blocks) if b.kind == "banji" or b.attrs.get("class") == ATTACHMENT_CLASS),
                len(blocks))
    _blocks(doc, blocks[:tail], None, signature=False)
    for line in report.meta.signature:
        paragraph = doc.add_paragraph(line)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        paragraph.paragraph_format.first_line_indent = Pt(0)
        paragraph.paragraph_format.right_indent = INDENT
    _blocks(doc, blocks[tail:], None, signature=False)


def _blocks(doc: Any, blocks: list[Node], list_style: str | None, signature: bool) -> None:
    """Word paragraphs for the same blocks the web page shows (headings keep their 公文 faces)."""
    for block in blocks:
        kind = block.kind
        if kind == "heading":
            level = min(int(block.attrs["level"]) - 1, 5)
            paragraph = _paragraph(doc, f"Heading {level}")
            _add_runs(paragraph, block.children)
            numbered = numbering_kind(plain_text(block.children))
            if numbered in KIND_FONT:  # not an article: a Markdown heading may begin with 第一条
                font, bold = KIND_FONT[numbered]
                for run in paragraph.runs:
                    set_east_asian(run._element, font)
                    run.bold = bold
            if numbered in CENTRED:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                paragraph.paragraph_format.first_line_indent = Pt(0)
            elif numbered == "attachment":  # GB/T 9704: each attachment on a page of its own, 附件1 top left
                paragraph.paragraph_format.page_break_before = True
                paragraph.paragraph_format.first_line_indent = Pt(0)
        elif kind in ("bullet_list", "ordered_list"):
            _blocks(doc, block.children, "List Bullet" if kind == "bullet_list" else "List Number", signature)
        elif kind in ("list_item", "blockquote"):
            _blocks(doc, block.children, list_style, signature)
        elif kind == "signature":
            _blocks(doc, block.children, None, signature=True)
        elif kind == "banji":
            _banji(doc, block.children)
        elif kind == "paragraph":
            paragraph = _paragraph(doc, list_style)
            _add_runs(paragraph, block.children)
            if block.attrs.get("class") == ADDRESSEE_CLASS:  # 主送机关: flush left, as its wrapped lines
                paragraph.paragraph_format.first_line_indent = Pt(0)
            if signature:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                paragraph.paragraph_format.first_line_indent = Pt(0)
                paragraph.paragraph_format.right_indent = INDENT
        elif kind == "table":
            _table(doc, block)
        elif kind == "fence":
            doc.add_paragraph(block.text.rstrip("\n"))


def _paragraph(doc: Any, style: str | None) -> Any:
    """doc.add_paragraph(style=style) without its cost: python-docx finds the style among the template's 160 by
    name for every paragraph (2 ms each: 30,000 nested list items held one Word copy for 90 s)."""
    paragraph = doc.add_paragraph()
    if style is not None:
        paragraph._p.style = STYLE_IDS[style]
    return paragraph


def _banji(doc: Any, paragraphs: list[Node]) -> None:
    """The 版记 (抄送, 印发) as GB/T 9704 sets it: 4号, one character in from either side, no first-line indent."""
    for block in paragraphs:
        paragraph = doc.add_paragraph()
        _add_runs(paragraph, block.children)
        fmt = paragraph.paragraph_format
        fmt.first_line_indent = Pt(0)
        fmt.left_indent = fmt.right_indent = Pt(14)
        for run in paragraph.runs:
            run.font.size = Pt(14)


MAX_PROPERTY = 255
"""python-docx refuses longer document properties (a 5,000-character title ended the build); the page and the
document's own text keep the whole value."""


def _property(value: str) -> str:
    return value if len(value) <= MAX_PROPERTY else value[: MAX_PROPERTY - 1] + "…"


def render_docx(report: Report, markdown: str) -> bytes:
    """The .docx bytes; identical input gives identical bytes (fixed dates inside the zip too)."""
    meta = report.meta
    doc = Document()
    _setup(doc)
    props = doc.core_properties
    props.title = _property(meta.title)
    props.author = _property(meta.publisher)
    props.last_modified_by = _property(meta.publisher)
    props.subject = _property(meta.topic or "")
    props.keywords = _property(", ".join(meta.keywords))
    props.comments = _property(meta.summary or "")
    props.identifier = _property(meta.index_no)
    props.language = "zh-CN"
    props.revision = 1
    created = dt.datetime(meta.written.year, meta.written.month, meta.written.day)
    props.created = created
    props.modified = created
    props.last_printed = created
    _metadata(doc, report)
    doc.add_paragraph(meta.title, style="公文标题")
    if meta.doc_no:
        paragraph = doc.add_paragraph(meta.doc_no)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.first_line_indent = Pt(0)
    _body(doc, report, markdown)
    buffer = io.BytesIO()
    doc.save(buffer)
    return _stable_zip(buffer.getvalue(), created)


def _stable_zip(data: bytes, when: dt.datetime) -> bytes:
    """Rewrite the zip with fixed timestamps and order so rebuilds are byte-identical. A zip holds dates from
    1980 to 2107 only (a report dated 0001-01-01 ended the build): others are set to the nearest it holds."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    stamp = min(max((when.year, when.month, when.day), (1980, 1, 1)), (2107, 12, 31))
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(*stamp, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()
