"""The editor's workflow: `new` with 索引号 allocation, `import` of Word/text/scraped pages, `check` warnings."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from site_builder.build import build, check
from site_builder.config import load_config
from site_builder.errors import BuildFailed
from site_builder.frontmatter import split_front_matter
from site_builder.importers import import_file
from site_builder.indexno import next_serial
from site_builder.model import AgencyRule
from site_builder.newreport import NewReport, create_report
from site_builder.sources import read_source

from .conftest import BASE_SITE, REPO, TODAY, report_text

SEEDS = REPO.parent / "shared" / "seeds"
AGENCIES = """发布机构:
  - 名称: 罗庄区司法局
    索引号前缀: luozhuangqulz207
    序号位数: 7
  - 名称: 测试县司法局
    索引号前缀: ceshi
    序号位数: 5
"""
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside this checkout")


@pytest.fixture
def project(make_project) -> Path:
    return make_project({}, site=BASE_SITE + AGENCIES)


def fields_of(path: Path, root: Path) -> dict[str, object]:
    source = read_source(path, root)
    split = split_front_matter(source)  # type: ignore[arg-type]
    assert not isinstance(split, list)
    return {key: value.value for key, value in split.fields.items()}


def fill_blanks(path: Path, values: dict[str, str]) -> None:
    text = path.read_text(encoding="utf-8")
    for key, value in values.items():
        line = next(line for line in text.split("\n") if line.startswith(f"{key}: \"\"  # 待填写"))
        text = text.replace(line, f"{key}: {value}")
    path.write_text(text, encoding="utf-8")


@needs_seeds
def test_import_scraped_portal_page_reads_all_six_header_fields(project: Path) -> None:
    result = import_file(SEEDS / "003_f9d809ea6026601e.txt", project, load_config(project))
    fields = fields_of(result.written_to, project)
    assert fields == {"索引号": "luozhuangqulz207/2023-0000131", "信息名称": "罗庄区司法局2023年普法工作计划",
                      "公开方式": "主动公开", "发布机构": "罗庄区司法局", "成文日期": "2023-08-08", "公开日期": "2023-08-08"}
    assert result.blanks == []
    text = result.written_to.read_text(encoding="utf-8")
    for furniture in ("无障碍浏览", "您现在的位置", "关闭窗口", "下载Word", "索 引 号"):
        assert furniture not in text, furniture
    assert text.count("罗庄区司法局2023年普法工作计划") == 1  # the title line is not repeated in the body
    assert "为深入贯彻落实“谁执法谁普法”普法责任制,扎实推进" in text  # half-width commas kept as written
    assert check(project, TODAY) == [] or all(p.severity.value == "warning" for p in check(project, TODAY))
    build(project, project / "output", TODAY, minify=False, downloads=False)
    html = (project / "output/xxgk/fdzdgknr/jcgk/luozhuangqulz207-2023-0000131.html").read_text(encoding="utf-8")
    assert '<h2 id="s1" class="gw-cn">一、工作目标</h2>' in html


@needs_seeds
@pytest.mark.parametrize(("seed", "title", "first_words"), [
    ("000_fe26da4a99b67890.txt", "柳江区2025年普法履职工作情况报告", "今年是习近平法治思想提出五周年"),
    ("002_a12d2a06ee46f9fb.txt", "2021年珠晖区普法与依法治理工作要点", "2021年是“八五”普法开局之年"),
])
def test_import_plain_text_seeds(seed: str, title: str, first_words: str, project: Path) -> None:
    result = import_file(SEEDS / seed, project, load_config(project))
    fields = fields_of(result.written_to, project)
    assert fields["信息名称"] == title
    # these texts carry no 索引号, 公开方式, agency or dates: they are left blank, not invented
    assert result.blanks == ["索引号", "公开方式", "发布机构", "成文日期", "公开日期"]
    text = result.written_to.read_text(encoding="utf-8")
    assert "bookmark" not in text and text.count(title) == 1
    assert text.split("---\n", 2)[2].lstrip().startswith(first_words)
    problems = check(project, TODAY)
    blanks = sorted(p.field for p in problems if p.code == "SB303")
    assert blanks == sorted(result.blanks)
    fill_blanks(result.written_to, {"索引号": "ceshi/2025-00001", "公开方式": "主动公开", "发布机构": "测试县司法局",
                                    "成文日期": "2025-01-02", "公开日期": "2025-01-03"})
    build(project, project / "output", TODAY, downloads=False)
    page = (project / "output/xxgk/fdzdgknr/jcgk/ceshi-2025-00001.html").read_text(encoding="utf-8")
    assert first_words in page and ">一、" in page


def make_docx(path: Path) -> None:
    doc = Document()
    doc.core_properties.title = "属性中的标题"
    doc.add_paragraph("测试县司法局文件")
    doc.add_paragraph("测司发〔2025〕7号")
    doc.add_paragraph("测试县司法局2025年普法工作计划")
    first = doc.add_paragraph("\u3000\u3000为做好普法工作，制定本计划。[bookmark: OLE_LINK1]")
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), "0")
    start.set(qn("w:name"), "_GoBack")
    first._p.append(start)
    doc.add_paragraph("")
    doc.add_paragraph("一、工作目标")
    doc.add_paragraph("（一）提高认识。各科室要高度重视。")
    doc.add_paragraph("1. 学习宪法 *重点* [链接](javascript:x)")
    table = doc.add_table(rows=3, cols=3)
    for r, row in enumerate([("普法内容", "普法对象", "完成时限"), ("宪法", "全体干部", "12月"), ("民法典", "群众|居民", "全年")]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    doc.add_paragraph("测试县司法局")
    doc.add_paragraph("2025年4月15日")
    doc.save(str(path))


def test_import_docx_round_trips_structure(project: Path, tmp_path: Path) -> None:
    source = tmp_path / "计划.docx"
    make_docx(source)
    result = import_file(source, project, load_config(project))
    fields = fields_of(result.written_to, project)
    assert fields["信息名称"] == "测试县司法局2025年普法工作计划"
    assert fields["发布机构"] == "测试县司法局" and fields["成文日期"] == "2025-04-15"
    assert fields["文号"] == "测司发〔2025〕7号"
    assert fields["索引号"] == "ceshi/2025-00001"  # allocated from the agency's rule
    assert result.blanks == ["公开方式", "公开日期"]
    text = result.written_to.read_text(encoding="utf-8")
    assert "bookmark" not in text and "\u3000" not in text
    fill_blanks(result.written_to, {"公开方式": "主动公开", "公开日期": "2025-04-16"})
    build(project, project / "output", TODAY, minify=False, downloads=False)
    html = (project / "output/xxgk/fdzdgknr/jcgk/ceshi-2025-00001.html").read_text(encoding="utf-8")
    assert '<h2 id="s1" class="gw-cn">一、工作目标</h2>' in html
    assert '<h3 id="s1-1" class="gw-cn-paren">（一）提高认识。</h3>' in html
    assert "1. 学习宪法 *重点* [链接](javascript:x)" in html  # literal: Markdown syntax escaped, no link made
    assert "<td>群众|居民</td>" in html and "<th scope=\"col\">普法内容</th>" in html
    assert '<div class="signature">' in html and "<p>2025年4月15日</p>" in html


def test_import_reports_unreadable_files(project: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    for path in (broken, tmp_path / "missing.txt"):
        with pytest.raises(BuildFailed) as failed:
            import_file(path, project, load_config(project))
        assert failed.value.problems[0].code == "SB702" and path.name in failed.value.problems[0].format()


def test_import_says_a_folder_or_an_empty_file_is_not_a_report(project: Path, tmp_path: Path) -> None:
    """A folder was "文件不存在" (it exists), and an empty file was imported as a report of blanks."""
    empty, blank, folder = tmp_path / "空.txt", tmp_path / "blank.docx", tmp_path / "报告"
    empty.write_bytes(b"")
    Document().save(str(blank))
    folder.mkdir()
    for path, detail in ((folder, "这是文件夹，不是文件"), (empty, "文件中没有文字"), (blank, "文件中没有文字"),
                         (tmp_path / "missing.txt", "文件不存在")):
        with pytest.raises(BuildFailed) as failed:
            import_file(path, project, load_config(project))
        assert failed.value.problems[0].code == "SB702" and detail in failed.value.problems[0].format(), path
    assert not (project / "content" / "imported").exists()


def test_import_refuses_unknown_types_and_never_overwrites(project: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    with pytest.raises(BuildFailed) as failed:
        import_file(pdf, project, load_config(project))
    assert failed.value.problems[0].code == "SB703"
    text = tmp_path / "a.txt"
    text.write_text("一个标题\n\n正文内容。\n", encoding="gb18030")
    one = import_file(text, project, load_config(project))
    two = import_file(text, project, load_config(project))
    assert one.written_to != two.written_to and one.written_to.exists() and two.written_to.exists()
    assert fields_of(one.written_to, project)["信息名称"] == "一个标题"


def test_new_allocates_next_serial_and_never_reuses(project: Path) -> None:
    (project / "content/old.md").write_text(report_text(index="ceshi/2025-00007", disclosure="不予公开"),
                                            encoding="utf-8")
    config = load_config(project)
    request = NewReport(title="新报告", agency="测试县司法局", written=dt.date(2025, 5, 6))
    first, index_one = create_report(project, config, request)
    second, index_two = create_report(project, config, request)
    assert (index_one, index_two) == ("ceshi/2025-00008", "ceshi/2025-00009")
    assert first != second and first.parent.name == "2025"
    assert check(project, TODAY) == [] or not [p for p in check(project, TODAY) if p.severity.value == "error"]
    # a number published before stays taken even after its file is deleted
    build(project, project / "output", dt.date(2026, 1, 1), downloads=False)
    second.unlink()
    _, index_three = create_report(project, config, request)
    assert index_three == "ceshi/2025-00010"
    other_year = create_report(project, config, NewReport(title="下一年", agency="测试县司法局",
                                                          written=dt.date(2026, 1, 5)))[1]
    assert other_year == "ceshi/2026-00001"


def test_new_rejects_colliding_hand_written_index_and_unknown_agency(project: Path) -> None:
    (project / "content/old.md").write_text(report_text(index="ceshi/2025-00001"), encoding="utf-8")
    config = load_config(project)
    with pytest.raises(BuildFailed) as failed:
        create_report(project, config, NewReport(title="甲", agency="测试县司法局", index_no="CESHI/2025-00001"))
    assert failed.value.problems[0].code == "SB308"
    with pytest.raises(BuildFailed) as failed:
        create_report(project, config, NewReport(title="甲", agency="不存在的局"))
    assert failed.value.problems[0].code == "SB701" and "测试县司法局" in failed.value.problems[0].format()


@pytest.mark.parametrize(("request_", "code", "field"), [
    (NewReport(title="标题\n公开方式: 依申请公开", agency="测试县司法局"), "SB314", "信息名称"),
    (NewReport(title="甲", agency="测试县司法局", column="不存在/栏目"), "SB309", "栏目"),
    (NewReport(title="甲", agency="测试县司法局", written=dt.date(2025, 5, 2), published=dt.date(2025, 5, 1)),
     "SB305", "公开日期"),
])
def test_new_refuses_what_a_build_would_refuse_and_writes_nothing(request_: NewReport, code: str, field: str,
                                                                  project: Path) -> None:
    before = sorted(project.rglob("*"))
    with pytest.raises(BuildFailed) as failed:
        create_report(project, load_config(project), request_)
    problem = failed.value.problems[0]
    assert (problem.code, problem.field, problem.format().split("，")[0]) == (code, field, "site-builder new")
    assert sorted(project.rglob("*")) == before


def test_new_writes_a_file_that_builds(project: Path) -> None:
    config = load_config(project)
    create_report(project, config, NewReport(title="甲", agency="测试县司法局", column="法定主動公開內容/執行公開",
                                             written=dt.date(2025, 5, 2)))
    assert [p.code for p in check(project, TODAY)] == []


def test_next_serial_ignores_other_prefixes_and_years() -> None:
    rule = AgencyRule("甲", "luo", 7)
    existing = ["luo/2023-0000131", "LUO/2023-0000009", "luo/2022-0000500", "other/2023-0000900"]
    assert next_serial(rule, 2023, existing) == 132
    assert next_serial(rule, 2024, existing) == 1


def _cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "site_builder", *args], capture_output=True, text=True, timeout=120,
                          stdin=subprocess.DEVNULL, env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"})


def test_new_and_import_commands_non_interactive(project: Path, tmp_path: Path) -> None:
    made = _cli("new", str(project), "--title", "命令行新建", "--agency", "测试县司法局", "--written", "2025-03-01",
                "--column", "法定主动公开内容/执行公开")
    assert made.returncode == 0 and "已创建：content/2025/ceshi-2025-00001.md（索引号 ceshi/2025-00001）" in made.stdout
    missing = _cli("new", str(project), "--agency", "测试县司法局")
    assert missing.returncode == 2 and "缺少参数：信息名称" in missing.stderr
    source = tmp_path / "x.txt"
    source.write_text("关于某事的报告\n\n正文。\n\n测试县司法局\n2025年6月1日\n", encoding="utf-8")
    imported = _cli("import", str(source), "--project", str(project))
    assert imported.returncode == 0 and "已导入" in imported.stdout and "待填写：公开方式、公开日期" in imported.stdout


WARN_CASES = {
    "SB601": (dict(written="2025-01-02", published="2025-03-03"), dict(written="2025-01-02", published="2025-01-30")),
    "SB602": (dict(extra="文号: 江法办通[2023]18号\n"), dict(extra="文号: 江法办通〔2023〕18号\n")),
    "SB603": (dict(extra="文号: 江法办通〔2023〕018号\n"), dict(extra="文号: 江法办通〔2023〕18号\n")),
    "SB604": (dict(body="第一段。\n\n工作要求:一是学习(宪法),二是宣传。"), dict(body="工作要求：一是学习（宪法），二是宣传 2023 年 A,B。")),
    "SB605": (dict(extra="内容概述: 测试报告\n"), dict(extra="内容概述: 概括全年普法工作的做法和成效。\n")),
    "SB606": (dict(extra="内容概述: " + "概" * 301 + "\n"), dict(extra="内容概述: " + "概" * 300 + "\n")),
    "SB607": (dict(body="示司发〔2024〕40号\n\n正文。"), dict(body="正文提到示司发〔2024〕40号。\n\n示司发〔2024〕41号")),
    "SB608": (dict(title="关于" * 51), dict(title="关于" * 50)),  # 1,200 characters passed without a word
}


@pytest.mark.parametrize("code", sorted(WARN_CASES))
def test_each_warning_triggers_and_does_not(code: str, make_project) -> None:
    bad, good = WARN_CASES[code]
    root = make_project({"content/bad.md": report_text(index="t/1", **bad), "content/good.md": report_text(index="t/2", **good)})
    problems = check(root, TODAY)
    hits = [p for p in problems if p.code == code]
    assert [p.location.path for p in hits] == ["content/bad.md"], [p.format() for p in problems]
    hit = hits[0]
    assert hit.severity.value == "warning" and hit.location.line is not None and "警告" in hit.format()
    assert not [p for p in problems if p.severity.value == "error"]
    build(root, root / "output", TODAY, downloads=False)  # warnings never stop a build


def test_warning_lines_and_suggestions(make_project) -> None:
    root = make_project({"content/a.md": report_text(extra="文号: 江法办通(2023)05号\n", body="一段。\n\n二段:有冒号。")})
    by_code = {p.code: p for p in check(root, TODAY)}
    assert by_code["SB602"].location.line == 8 and "江法办通〔2023〕05号" in by_code["SB602"].message
    assert "江法办通〔2023〕5号" in by_code["SB603"].message
    assert by_code["SB604"].location.line == 13 and "：" in by_code["SB604"].message


def test_check_json_format(make_project) -> None:
    root = make_project({"content/a.md": report_text(written="2025-02-30"), "content/b.md": report_text(index="t/2", extra="文号: 江法办通[2023]1号\n")})
    result = _cli("check", str(root), "--format", "json")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert data["errors"] == 1 and data["warnings"] == 1
    assert {(p["code"], p["path"], p["severity"]) for p in data["problems"]} == {
        ("SB304", "content/a.md", "error"), ("SB602", "content/b.md", "warning")}


TRADITIONAL_PAGE = """無障礙瀏覽
您現在的位置: 首頁 > 政務公開 > 正文
 索 引 號  11652800010130612A/2025-00021  公開方式  主動公開
 信息名稱  巴音郭楞蒙古自治州司法局2024年度普法履職報告  成文日期  2025-01-22
 公開日期  2025-02-05  發布機構  巴音郭楞蒙古自治州司法局
巴音郭楞蒙古自治州司法局2024年度普法履職報告
2024年，州司法局深入學習貫徹習近平法治思想。
一、履職基本情況
（一）健全普法工作機制。制定年度普法責任清單。
巴音郭楞蒙古自治州司法局
2025年1月22日
關閉窗口
下載Word 下載PDF
"""


def test_import_traditional_portal_page_keeps_traditional_text(project: Path, tmp_path: Path) -> None:
    source = tmp_path / "巴州.txt"
    source.write_text(TRADITIONAL_PAGE, encoding="utf-8")
    result = import_file(source, project, load_config(project), column="法定主动公开内容/执行公开")
    fields = fields_of(result.written_to, project)
    assert fields["索引号"] == "11652800010130612A/2025-00021" and fields["公开方式"] == "主動公開"
    assert fields["信息名称"] == "巴音郭楞蒙古自治州司法局2024年度普法履職報告"
    assert fields["发布机构"] == "巴音郭楞蒙古自治州司法局" and fields["公开日期"] == "2025-02-05"
    text = result.written_to.read_text(encoding="utf-8")
    assert "深入學習貫徹習近平法治思想" in text and "無障礙" not in text and "下載" not in text
    build(project, project / "output", TODAY, minify=False, downloads=False)
    html = (project / "output/xxgk/fdzdgknr/zxgk/11652800010130612a-2025-00021.html").read_text(encoding="utf-8")
    assert '<h2 id="s1" class="gw-cn">一、履職基本情況</h2>' in html and "<td>主动公开</td>" in html


def test_import_refuses_a_docx_that_unpacks_too_large_before_unpacking_it(project: Path, tmp_path: Path) -> None:
    """An 880 KB .docx whose text part unpacked to 300 MB took 5 minutes and 5 GB before this check."""
    import zipfile

    plain = tmp_path / "plain.docx"
    make_docx(plain)
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename != "word/document.xml":
                target.writestr(info, source.read(info.filename))
                continue
            head, tail = source.read(info.filename).split(b"</w:body>")
            with target.open(info.filename, "w", force_zip64=True) as part:
                part.write(head)
                for _ in range(40):  # 40 MB of empty paragraphs
                    part.write(b"<w:p/>" * ((1 << 20) // 6 + 1))
                part.write(b"</w:body>" + tail)
    assert bomb.stat().st_size < 1_000_000
    with pytest.raises(BuildFailed) as failed:
        import_file(bomb, project, load_config(project))
    problem = failed.value.problems[0]
    assert problem.code == "SB702" and "解压后过大" in problem.format() and "上限 32 MB" in problem.format()
    assert not (project / "content/imported").exists()


def test_import_refuses_a_text_file_too_large_to_build(project: Path, tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * (5 * 1024 * 1024 + 1))
    with pytest.raises(BuildFailed) as failed:
        import_file(big, project, load_config(project))
    assert failed.value.problems[0].code == "SB702" and "文件过大" in failed.value.problems[0].format()
    assert not (project / "content/imported").exists()


def test_import_says_what_a_file_that_is_no_docx_most_likely_is(project: Path, tmp_path: Path) -> None:
    """The message was python-docx's class name (PackageNotFoundError) for a .doc, a password-protected .docx
    or a renamed file."""
    cases = {"old.docx": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "renamed.docx": b"%PDF-1.7\n...",
             "empty.docx": b""}
    for name, raw in cases.items():
        (tmp_path / name).write_bytes(raw)
        with pytest.raises(BuildFailed) as failed:
            import_file(tmp_path / name, project, load_config(project))
        shown = failed.value.problems[0].format()
        assert failed.value.problems[0].code == "SB702" and "Error" not in shown, shown
        assert ("旧版 Word 文档（.doc）或设置了打开密码" if name == "old.docx" else "不是有效的 .docx 文件") in shown


def test_import_ignores_the_title_python_docx_makes_up(project: Path, tmp_path: Path) -> None:
    """A .docx without document properties was imported with 信息名称「Word Document」 (python-docx's default)."""
    import zipfile

    plain = tmp_path / "plain.docx"
    doc = Document()
    doc.add_paragraph("正文只有一句，没有标题。")  # nothing in the text to take a title from
    doc.save(str(plain))
    bare = tmp_path / "bare.docx"
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(bare, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "_rels/.rels":  # the package no longer names the part
                data = re.sub(rb'<Relationship [^>]*docProps/core.xml"/>', b"", data)
            if info.filename != "docProps/core.xml":
                target.writestr(info, data)
    result = import_file(bare, project, load_config(project))
    assert "Word Document" not in result.written_to.read_text(encoding="utf-8")
