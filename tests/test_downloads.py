"""下载Word / 下载PDF: GB/T 9704 layout, tagged PDF with embedded fonts, Word heading styles, caching."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.oxml.ns import qn

from site_builder.build import build
from site_builder.errors import BuildFailed
from site_builder.markdown import render_body

from .conftest import REPO, TODAY, report_text

PLAN = "xxgk/fdzdgknr/jcgk/ndjhzj/luozhuangqulz207-2023-0000131"
TITLE = "罗庄区司法局2023年普法工作计划"


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _paragraphs() -> list[str]:
    source = (REPO / "content/luozhuang/2023-pufa-jihua.md").read_text(encoding="utf-8").split("---\n", 2)[2]
    return [line for line in render_body(source).text.split("\n") if line]


def test_pdf_text_in_order(sample_site: Path) -> None:
    text = _squash(subprocess.run(["pdftotext", "-enc", "UTF-8", str(sample_site / f"{PLAN}.pdf"), "-"],
                                  capture_output=True, text=True, check=True).stdout)
    # page numbers sit between lines; drop them before matching
    text = re.sub(r"—\d+—", "", text)
    assert TITLE in text
    position = text.index(TITLE)
    for paragraph in _paragraphs():
        found = text.find(_squash(paragraph), position)
        assert found >= 0, paragraph[:30]
        position = found


def test_pdf_info_fonts_and_tags(sample_site: Path) -> None:
    info = subprocess.run(["pdfinfo", str(sample_site / f"{PLAN}.pdf")], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)", info)
    assert re.search(r"Tagged:\s+yes", info)
    assert re.search(rf"Title:\s+{TITLE}", info)
    assert re.search(r"Author:\s+罗庄区司法局", info)
    fonts = subprocess.run(["pdffonts", str(sample_site / f"{PLAN}.pdf")], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" and line.split()[-4] == "yes" for line in fonts), fonts
    assert any("CJK" in line or "UKai" in line for line in fonts)
    assert b"/Lang (zh-CN)" in _pdf_objects((sample_site / f"{PLAN}.pdf").read_bytes())


def _pdf_objects(data: bytes) -> bytes:
    """The PDF with its compressed streams inflated, so catalog entries can be searched."""
    import zlib

    parts = [data]
    for match in re.finditer(rb"stream\r?\n(.*?)endstream", data, re.S):
        try:
            parts.append(zlib.decompress(match.group(1)))
        except zlib.error:
            pass
    return b"\n".join(parts)


def test_docx_structure_fonts_and_margins(sample_site: Path) -> None:
    doc = Document(str(sample_site / f"{PLAN}.docx"))
    section = doc.sections[0]
    assert [round(x.mm) for x in (section.page_width, section.page_height)] == [210, 297]
    assert [round(x.mm) for x in (section.top_margin, section.bottom_margin, section.left_margin,
                                  section.right_margin)] == [37, 35, 28, 26]
    paragraphs = [p for p in doc.paragraphs if p.text.strip()]
    assert paragraphs[0].text == TITLE and paragraphs[0].style.name == "公文标题"
    headings = [(p.style.name, p.text) for p in paragraphs if p.style.name.startswith("Heading")]
    assert headings[0] == ("Heading 1", "一、工作目标")
    assert ("Heading 2", "(一)突出“一个重点”,强化法治宣传教育的“引领力”") in headings
    assert ("Heading 3", "1、深入学习宣传习近平法治思想。") in headings
    for name in ("Normal", "Heading 1", "Heading 2", "Heading 3", "公文标题"):
        fonts = doc.styles[name].element.rPr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:eastAsia")), name
        assert fonts.get(qn("w:eastAsiaTheme")) is None and fonts.get(qn("w:asciiTheme")) is None, name
    assert doc.styles["Heading 1"].element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "黑体"
    assert doc.styles["Heading 2"].element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "楷体_GB2312"
    body = _squash("".join(p.text for p in paragraphs))
    position = 0
    for paragraph in _paragraphs():
        found = body.find(_squash(paragraph), position)
        assert found >= 0, paragraph[:30]
        position = found
    assert doc.core_properties.title == TITLE and doc.core_properties.author == "罗庄区司法局"
    assert doc.core_properties.created.date().isoformat() == "2023-08-08"
    assert doc.settings.odd_and_even_pages_header_footer
    assert "PAGE" in section.footer._element.xml and "PAGE" in section.even_page_footer._element.xml
    assert round(doc.tables[0].cell(0, 0).width.mm) == 20 and round(doc.tables[0].cell(0, 1).width.mm) == 58


def test_docx_table_and_signature(sample_site: Path) -> None:
    doc = Document(str(sample_site / "xxgk/fdzdgknr/zxgk/pfzrz/luozhuangqulz207-2025-0000013.docx"))
    table = doc.tables[1]
    assert [c.text for c in table.rows[0].cells] == ["序号", "普法内容", "普法对象", "普法形式", "责任科室", "完成时限"]
    assert len(table.rows) == 7
    last = [p for p in doc.paragraphs if p.text.strip()][-2:]
    assert [p.text for p in last] == ["罗庄区司法局", "2025年2月18日"]
    assert all(p.alignment == 2 for p in last)  # right


def test_docx_chapters_stand_centred_in_their_faces(make_project) -> None:
    body = "第一章　总则\n\n第一条　为了规范。\n\n（一）甲；\n\n第一节 考核\n\n## 第二条 以标题写的条\n"
    root = make_project({"content/a.md": report_text(index="t/1", body=body)})
    build(root, root / "output", TODAY, search=False)
    doc = Document(str(root / "output/xxgk/fdzdgknr/jcgk/t-1.docx"))
    def face(run: Any) -> str | None:
        fonts = run.element.rPr.find(qn("w:rFonts")) if run.element.rPr is not None else None
        return fonts.get(qn("w:eastAsia")) if fonts is not None else None

    faces = {p.text: (p.style.name, p.alignment, {face(r) for r in p.runs}) for p in doc.paragraphs if p.text.strip()}
    assert faces["第一章　总则"] == ("Heading 1", 1, {"黑体"})  # 1: centred
    assert faces["第一节 考核"] == ("Heading 2", 1, {"楷体_GB2312"})
    assert faces["（一）甲；"][0] == "Normal" and faces["第一条　为了规范。"][0] == "Normal"
    assert faces["第二条 以标题写的条"][0].startswith("Heading")  # a Markdown heading, whatever it starts with


def test_docx_keeps_the_banji_after_the_signature(make_project) -> None:
    body = "正文。\n\n测试县司法局\n\n2025年1月2日\n\n抄送：县委办公室。\n\n测试县司法局办公室　　2025年1月2日印发\n"
    root = make_project({"content/a.md": report_text(index="t/1", body=body)})
    build(root, root / "output", TODAY, search=False)
    doc = Document(str(root / "output/xxgk/fdzdgknr/jcgk/t-1.docx"))
    last = [p for p in doc.paragraphs if p.text.strip()][-4:]
    assert [p.text for p in last] == ["测试县司法局", "2025年1月2日", "抄送：县委办公室。", "测试县司法局办公室　　2025年1月2日印发"]
    assert [p.alignment for p in last[:2]] == [2, 2]  # the signature, right
    assert all(p.paragraph_format.first_line_indent == 0 and p.runs[0].font.size.pt == 14 for p in last[2:])
    pdf = root / "output/xxgk/fdzdgknr/jcgk/t-1.pdf"
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert _squash(text).endswith("2025年1月2日抄送：县委办公室。测试县司法局办公室2025年1月2日印发— 1 —".replace(" ", ""))


def test_each_attachment_starts_a_page_of_its_own(make_project) -> None:
    body = "正文。\n\n测试县司法局\n\n2025年1月2日\n\n附件1\n\n清单甲\n\n附件2\n\n清单乙\n"
    root = make_project({"content/a.md": report_text(index="t/1", body=body)})
    build(root, root / "output", TODAY, search=False)
    doc = Document(str(root / "output/xxgk/fdzdgknr/jcgk/t-1.docx"))
    starts = [p for p in doc.paragraphs if p.text.startswith("附件")]
    assert [p.text for p in starts] == ["附件1", "附件2"]
    assert all(p.paragraph_format.page_break_before and p.paragraph_format.first_line_indent == 0 for p in starts)
    signature = [p for p in doc.paragraphs if p.text == "测试县司法局"]
    assert signature and signature[0].alignment == 2  # the 落款 is found before the attachments
    pdf = root / "output/xxgk/fdzdgknr/jcgk/t-1.pdf"
    pages = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split("\f")
    assert [_squash(page).startswith("附件") for page in pages if page.strip()] == [False, True, True]


def test_fonts_are_subset_by_harfbuzz_not_fonttools() -> None:
    """Without libharfbuzz-subset0 WeasyPrint falls back to fontTools: 2.5 s instead of ~0.1 s per Noto CJK PDF."""
    from weasyprint.pdf import fonts

    assert fonts.harfbuzz_subset is not None, "libharfbuzz-subset0 is missing: scripts/build.sh installs it"
    for script in ("build.sh", "test.sh"):
        assert "libharfbuzz-subset0" in (REPO / "scripts" / script).read_text(encoding="utf-8")


@pytest.mark.skipif(shutil.which("soffice") is None and not __import__("os").environ.get("CI"),
                    reason="LibreOffice not installed (CI installs libreoffice-writer-nogui)")
def test_libreoffice_converts_docx(sample_site: Path, tmp_path: Path) -> None:
    source = tmp_path / "plan.docx"
    shutil.copy(sample_site / f"{PLAN}.docx", source)
    result = subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to",
                             "pdf", "--outdir", str(tmp_path), str(source)], capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr
    info = subprocess.run(["pdfinfo", str(tmp_path / "plan.pdf")], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Pages:\s+[3-9]", info) and "A4" in info


def test_detail_page_links_downloads_with_type_and_size(sample_site: Path) -> None:
    html = (sample_site / f"{PLAN}.html").read_text(encoding="utf-8")
    size = round((sample_site / f"{PLAN}.pdf").stat().st_size / 1024)
    assert f'<a href="luozhuangqulz207-2023-0000131.pdf" download>下载PDF<span class="visually-hidden">（PDF 文档，{size} KB）</span></a>' in html
    assert 'href="luozhuangqulz207-2023-0000131.docx" download>下载Word<span class="visually-hidden">（Word 文档，' in html
    assert html.index(">关闭窗口<") < html.index(">下载Word<") < html.index(">下载PDF<")


def test_no_change_rebuild_renders_nothing_and_edits_render_only_their_report(make_project, tmp_path: Path) -> None:
    root = make_project({"content/a.md": report_text(index="t/1"), "content/b.md": report_text(index="t/2", title="乙")})
    first = build(root, root / "output", TODAY)
    assert first.downloads_rendered == 4
    pdf_before = (root / "output/xxgk/fdzdgknr/jcgk/t-1.pdf").read_bytes()
    assert build(root, root / "output", TODAY).downloads_rendered == 0
    (root / "content/b.md").write_text(report_text(index="t/2", title="乙（修订）"), encoding="utf-8")
    assert build(root, root / "output", TODAY).downloads_rendered == 2
    assert (root / "output/xxgk/fdzdgknr/jcgk/t-1.pdf").read_bytes() == pdf_before
    (root / "templates" / "pdf").mkdir(parents=True)
    css = (REPO / "templates/pdf/gongwen.css").read_text(encoding="utf-8")
    (root / "templates/pdf/gongwen.css").write_text(css + "\nh1 { letter-spacing: 1pt; }\n", encoding="utf-8")
    assert build(root, root / "output", TODAY).downloads_rendered == 4
    cache = root / ".site_builder/cache/downloads"
    assert len(list(cache.iterdir())) == 4  # stale entries pruned


def test_downloads_are_reproducible(make_project, tmp_path: Path) -> None:
    root = make_project({"content/a.md": report_text(index="t/1", body="一、目标\n\n正文。\n\n| 甲 | 乙 |\n|---|---|\n| 1 | 2 |\n")})
    build(root, tmp_path / "one", TODAY)
    shutil.rmtree(root / ".site_builder")
    build(root, tmp_path / "two", TODAY)
    for ext in ("docx", "pdf"):
        one = (tmp_path / f"one/xxgk/fdzdgknr/jcgk/t-1.{ext}").read_bytes()
        assert one == (tmp_path / f"two/xxgk/fdzdgknr/jcgk/t-1.{ext}").read_bytes(), ext


def test_no_downloads_flag(make_project, tmp_path: Path) -> None:
    root = make_project({"content/a.md": report_text()})
    build(root, tmp_path / "out", TODAY, downloads=False)
    assert not list((tmp_path / "out").rglob("*.pdf")) and not list((tmp_path / "out").rglob("*.docx"))
    assert "下载PDF" not in (tmp_path / "out/xxgk/fdzdgknr/jcgk/test-2025-00001.html").read_text(encoding="utf-8")


def test_missing_cjk_font_stops_the_build(make_project, monkeypatch: pytest.MonkeyPatch) -> None:
    import site_builder.exports.pdf as pdf

    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)
    root = make_project({"content/a.md": report_text()})
    with pytest.raises(BuildFailed) as failed:
        build(root, root / "output", TODAY)
    assert [p.code for p in failed.value.problems] == ["SB501"]
    assert "fonts-noto-cjk" in failed.value.problems[0].format()
    assert not (root / "output").exists()


def test_missing_weasyprint_is_a_clear_error(make_project, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "weasyprint", None)
    root = make_project({"content/a.md": report_text()})
    with pytest.raises(BuildFailed) as failed:
        build(root, root / "output", TODAY)
    assert [p.code for p in failed.value.problems] == ["SB502"]


def test_docx_sets_the_addressee_flush_left_and_the_note_under_the_signature(make_project) -> None:
    body = "各有关单位：\n\n现将有关事项通知如下：\n\n测试县司法局\n\n2025年1月2日\n\n（此件公开发布）\n"
    root = make_project({"content/a.md": report_text(index="t/1", body=body)})
    build(root, root / "output", TODAY, search=False)
    doc = Document(str(root / "output/xxgk/fdzdgknr/jcgk/t-1.docx"))
    by_text = {p.text: p for p in doc.paragraphs}
    assert by_text["各有关单位："].paragraph_format.first_line_indent == 0
    assert by_text["现将有关事项通知如下："].paragraph_format.first_line_indent != 0
    assert by_text["2025年1月2日"].alignment == 2  # the 落款 is still found, right
    assert by_text["（此件公开发布）"].alignment != 2
    texts = [p.text for p in doc.paragraphs if p.text.strip()]
    assert texts[-3:] == ["测试县司法局", "2025年1月2日", "（此件公开发布）"]


def test_a_signature_field_goes_before_the_attachments_and_banji_everywhere(make_project) -> None:
    body = "正文。\n\n附件1\n\n清单甲\n\n抄送：县委办公室。\n"
    extra = "落款:\n  - 测试县司法局\n  - 2025年1月2日\n"
    root = make_project({"content/a.md": report_text(index="t/1", body=body, extra=extra),
                         "content/b.md": report_text(index="t/2", body="正文。", extra=extra)})
    build(root, root / "output", TODAY, search=False)
    page = (root / "output/xxgk/fdzdgknr/jcgk/t-1.html").read_text(encoding="utf-8")
    page = page[page.index("article-body") :]  # the head's description repeats the text
    order = [page.index(text) for text in ("正文。", "2025年1月2日", "附件1", "清单甲", "抄送：县委办公室。")]
    assert order == sorted(order) and page.count("2025年1月2日") == 1
    plain = (root / "output/xxgk/fdzdgknr/jcgk/t-2.html").read_text(encoding="utf-8")
    plain = plain[plain.index("article-body") :]
    assert plain.index("正文。") < plain.index("2025年1月2日") and plain.count("2025年1月2日") == 1
    doc = Document(str(root / "output/xxgk/fdzdgknr/jcgk/t-1.docx"))
    texts = [p.text for p in doc.paragraphs if p.text.strip()]
    assert texts[-6:] == ["正文。", "测试县司法局", "2025年1月2日", "附件1", "清单甲", "抄送：县委办公室。"]
    pdf = root / "output/xxgk/fdzdgknr/jcgk/t-1.pdf"
    pages = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split("\f")
    assert "2025年1月2日" in pages[0] and "2025年1月2日" not in "".join(pages[1:])


def test_a_body_too_long_to_lay_out_gets_its_page_and_a_warning_only(make_project, tmp_path: Path) -> None:
    # some 320 estimated pages: before SB322 WeasyPrint laid out every page and python-docx wrote every line
    # (a 5 MB body held a build for many minutes)
    body = "\n\n".join(f"第{n}段。" for n in range(7000))
    root = make_project({"content/a.md": report_text(index="t/1", body=body), "content/b.md": report_text(index="t/2")})
    result = build(root, tmp_path / "out", TODAY, search=False)
    assert [(w.code, w.location.line) for w in result.warnings] == [("SB322", 9)]
    long_page = (tmp_path / "out/xxgk/fdzdgknr/jcgk/t-1.html").read_text(encoding="utf-8")
    assert "第6999段。" in long_page and "下载Word" not in long_page and "下载PDF" not in long_page
    assert not list((tmp_path / "out").glob("**/t-1.*[fx]"))  # no .pdf, no .docx
    assert (tmp_path / "out/xxgk/fdzdgknr/jcgk/t-2.pdf").exists()  # other reports keep theirs
    assert (tmp_path / "out/xxgk/fdzdgknr/jcgk/t-2.docx").exists()


def test_word_runs_are_the_xml_python_docx_writes() -> None:
    from site_builder.exports.docx import _append_run

    texts = ["正文", " 前后有空格 ", "制表\t符", "换\n行\r再换", "\t", "", "a\\*b"]
    for bold in (False, True):
        ours, theirs = Document().add_paragraph(), Document().add_paragraph()
        for text in texts:
            _append_run(ours._p, text, bold)
            theirs.add_run(text).bold = bold or None
        for empty in theirs._p.iter(qn("w:rPr")):
            if not len(empty):
                empty.getparent().remove(empty)  # python-docx leaves <w:rPr/> behind when bold is None
        assert ours._p.xml == theirs._p.xml


def test_body_styles_are_the_templates_own() -> None:
    from site_builder.exports.docx import STYLE_IDS

    styles = Document().styles
    assert all(styles[name].style_id == style_id for name, style_id in STYLE_IDS.items())


def test_a_long_table_lists_its_word_cells_once(make_project, monkeypatch: pytest.MonkeyPatch) -> None:
    # table.cell(r, c) lists every cell again: a 6,000-row table held the build for over 10 minutes
    import docx.table

    listed = []
    cells = docx.table.Table._cells
    monkeypatch.setattr(docx.table.Table, "_cells",
                        property(lambda table: listed.append(len(table._tbl.tr_lst)) or cells.fget(table)))
    body = "| 项目 | 数量 |\n|---|---|\n" + "".join(f"| 宣讲{n} | {n} |\n" for n in range(50))
    root = make_project({"content/a.md": report_text(index="t/1", body=body)})
    build(root, root / "output", TODAY, search=False)
    rows = Document(str(root / "output/xxgk/fdzdgknr/jcgk/t-1.docx")).tables[1].rows
    assert [cell.text for cell in rows[-1].cells] == ["宣讲49", "49"] and len(rows) == 51
    assert listed.count(51) == 1  # not once a cell


def test_a_very_long_title_and_an_ancient_date_still_make_a_word_file(make_project) -> None:
    """python-docx refuses properties over 255 characters and a zip dates before 1980: either ended the build."""
    import zipfile

    title = "长" * 5000
    root = make_project({"content/a.md": report_text(index="t/1", title=title, written="0001-01-01",
                                                     published="0001-01-02", extra=f"内容概述: {'述' * 400}\n")})
    build(root, root / "output", TODAY, search=False)
    word = root / "output/xxgk/fdzdgknr/jcgk/t-1.docx"
    props = Document(str(word)).core_properties
    assert props.title == "长" * 254 + "…" and len(props.comments) == 255
    assert {info.date_time[:3] for info in zipfile.ZipFile(word).infolist()} == {(1980, 1, 1)}
    assert any(p.text == title for p in Document(str(word)).paragraphs)  # the document itself keeps it whole


def test_a_mistake_in_the_pdf_template_is_an_error_at_its_line(make_project) -> None:
    """An override of pdf/report.html that failed ended the build with a traceback (UndefinedError,
    ZeroDivisionError): only page templates were reported as SB403."""
    root = make_project({"content/a.md": report_text()})
    (root / "templates" / "pdf").mkdir(parents=True)
    for template, words in (("{{ oops }}", "变量「oops」未定义"), ("\n{{ 1 / 0 }}", "除数为零")):
        (root / "templates" / "pdf" / "report.html").write_text(template, encoding="utf-8")
        with pytest.raises(BuildFailed) as failed:
            build(root, root / "output", TODAY)
        [problem] = failed.value.problems
        assert problem.code == "SB403" and problem.location is not None and words in problem.message
        assert problem.location.path == "templates/pdf/report.html"
        assert problem.location.line == template.count("\n") + 1
        assert not (root / "output").exists()


def test_a_table_of_many_columns_keeps_every_column_on_the_pdf_page(make_project) -> None:
    """At 12 pt a table of 16 columns of five-digit figures was wider than the 版心: its last columns were cut
    off the page (pdftotext: gone). Wide tables are now set smaller, and cells may wrap anywhere as a last
    resort (40 columns stay on the page, one character a line)."""
    for columns in (12, 16, 20):
        head = "| " + " | ".join(f"项目{i}" for i in range(columns)) + " |\n|" + "---|" * columns + "\n"
        rows = "".join("| " + " | ".join(f"{10000 + r * 1000 + i * 37}" for i in range(columns)) + " |\n"
                       for r in range(3))
        root = make_project({"content/a.md": report_text(index="t/1", body=head + rows)})
        build(root, root / "output", TODAY, search=False)
        pdf = root / "output/xxgk/fdzdgknr/jcgk/t-1.pdf"
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        figures = {str(10000 + r * 1000 + i * 37) for r in range(3) for i in range(columns)}
        assert {figure for figure in figures if figure not in text} == set(), columns  # none cut off or broken


def test_long_unbroken_lines_stay_on_the_pdf_page(make_project) -> None:
    """A 300-character address in a paragraph and a 300-character line in a fenced block ran off the right edge
    of the page and were cut (pdftotext: 63 of 300 characters a line)."""
    address = "https://www.example.gov.cn/" + "abcdefghij" * 30
    body = f"一、说明\n\n详见 {address} 的说明。\n\n```\n{'0123456789' * 30}\n```\n"
    root = make_project({"content/a.md": report_text(index="t/1", body=body)})
    build(root, root / "output", TODAY, search=False)
    pdf = root / "output/xxgk/fdzdgknr/jcgk/t-1.pdf"
    text = "".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                                  check=True).stdout.split())
    assert address in text and "0123456789" * 30 in text


def test_wide_tables_are_marked_for_a_smaller_size() -> None:
    from site_builder.exports.pdf import sized_tables

    def table(columns: int) -> str:
        return "<table>\n<thead>\n<tr>\n" + "<th>甲</th>\n" * columns + "</tr>\n</thead>\n</table>\n"

    assert sized_tables(table(8)) == table(8)
    assert sized_tables(table(9)).startswith('<table class="wide">')
    assert sized_tables(table(13)).startswith('<table class="wider">')
    assert sized_tables(table(17) + table(3)) == table(17).replace("<table>", '<table class="widest">') + table(3)
    assert sized_tables("<p>没有表格</p>") == "<p>没有表格</p>"


def test_hidden_characters_reach_neither_word_nor_pdf(make_project) -> None:
    """The Word export parses the body itself: it must drop bidi controls and zero-width spaces as the page does."""
    body = "\u200b一、总体要求\n\n金额为 \u202e0021\u202c 元，&#x2066;见附表。\n"
    root = make_project({"content/a.md": report_text(index="t/1", body=body)})
    build(root, root / "output", TODAY, search=False)
    doc = Document(str(root / "output/xxgk/fdzdgknr/jcgk/t-1.docx"))
    texts = [p.text for p in doc.paragraphs if p.text.strip()]
    assert "一、总体要求" in texts and "金额为 0021 元，见附表。" in texts
    assert not any(ch in text for text in texts for ch in "\u200b\u202e\u202c\u2066")
    pdf = root / "output/xxgk/fdzdgknr/jcgk/t-1.pdf"
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "金额为 0021 元，见附表。" in text and not any(ch in text for ch in "\u200b\u202e\u202c\u2066")


def test_docx_sets_upper_case_numbering_in_hei(make_project) -> None:
    body = "壹、總體要求\n\n一、指導思想\n\n（一）堅持黨的領導。\n"
    root = make_project({"content/a.md": report_text(index="t/1", body=body)})
    build(root, root / "output", TODAY, search=False)
    doc = Document(str(root / "output/xxgk/fdzdgknr/jcgk/t-1.docx"))

    def face(run: Any) -> str | None:
        fonts = run.element.rPr.find(qn("w:rFonts")) if run.element.rPr is not None else None
        return fonts.get(qn("w:eastAsia")) if fonts is not None else None

    faces = {p.text: (p.style.name, {face(r) for r in p.runs}) for p in doc.paragraphs if p.text.strip()}
    assert faces["壹、總體要求"] == ("Heading 1", {"黑体"})
    assert faces["一、指導思想"] == ("Heading 2", {"黑体"})
    assert faces["（一）堅持黨的領導。"] == ("Heading 3", {"楷体_GB2312"})
