"""Documents set out in chapters and articles (办法, 规定, 实施细则): chapter and section titles are headings,
an article's numbered clauses are not, and both rendering paths agree on them."""

from __future__ import annotations

import pytest

from site_builder.fastbody import render_fast
from site_builder.gongwen import numbering_kind, split_heading
from site_builder.markdown import render_body, render_tree_body

REGULATION = """第一章　总则

第一条　为落实“谁执法谁普法”普法责任制，结合本区实际，制定本办法。

第二条　本办法适用于全区各级国家机关。

第二章　职责分工

第一节 普法责任

第三条　各单位应当履行下列职责：

（一）制定本单位普法规划；

（二）建立普法责任清单。

第二节 考核

第四条 考核结果纳入绩效考核。

第三章　附则

第五条　本办法自印发之日起施行。

# 附件

一、普法责任清单

二、考核细则
"""


@pytest.mark.parametrize(("text", "kind"), [
    ("第一章　总则", "chapter"), ("第十二章 附则", "chapter"), ("第一部分 总体要求", "chapter"),
    ("第3章 职责", "chapter"), ("第二节 考核", "section"), ("第十二条　为了", "article"), ("第1条 为", "first-article"),
    ("第一条　为了", "first-article"), ("第一百条 乙", "article"), ("第10条 甲", "article"),
    ("第一條　為了", "first-article"), ("第二節 考核", "section"), ("第三條 各單位", "article"),
    ("　第三条　各单位", "article"), ("第十二条规定，应当", None), ("第一时间", None), ("一、总体要求", "cn"),
])
def test_parts_are_told_by_their_number(text: str, kind: str | None) -> None:
    assert numbering_kind(text) == kind


def test_a_chapter_is_a_title_line_not_a_sentence() -> None:
    assert split_heading("chapter", "第一章　总则") == ("第一章　总则", "")
    assert split_heading("chapter", "第一部分 2024年工作总结") == ("第一部分 2024年工作总结", "")
    assert split_heading("chapter", "第一章规定了本办法的目的和依据，共五条。") is None
    assert split_heading("section", "第二节 考核\n第二行") is None
    assert split_heading("chapter", "第一章 " + "很长的标题" * 10) is None


def test_chapters_and_sections_are_headings_and_clauses_are_not() -> None:
    body = render_body(REGULATION)
    assert [(h.level, h.text, h.anchor) for h in body.headings] == [
        (2, "第一章　总则", "s1"), (2, "第二章　职责分工", "s2"), (3, "第一节 普法责任", "s2-1"),
        (3, "第二节 考核", "s2-2"), (2, "第三章　附则", "s3"),
        (2, "附件", "s4"), (3, "一、普法责任清单", "s4-1"), (3, "二、考核细则", "s4-2"),
    ]
    assert '<h2 id="s1" class="gw-chapter">第一章　总则</h2>' in body.html
    assert '<h3 id="s2-1" class="gw-section">第一节 普法责任</h3>' in body.html
    assert "<p>第一条　为落实" in body.html and "<p>（一）制定本单位普法规划；</p>" in body.html


def test_a_chapter_closes_the_numbered_sections_of_the_one_before() -> None:
    body = render_body("第一部分 总体要求\n\n一、指导思想\n\n（一）坚持党的领导\n\n第二部分 主要任务\n\n一、学习宣传\n")
    assert [(h.level, h.anchor) for h in body.headings] == [(2, "s1"), (3, "s1-1"), (4, "s1-1-1"), (2, "s2"),
                                                            (3, "s2-1")]


@pytest.mark.parametrize("quote", ["第十二条规定，应当加强普法。", "第三十三条　凡具有中华人民共和国国籍的人都是中华人民共和国公民。"])
def test_a_report_quoting_an_article_keeps_its_headings(quote: str) -> None:
    body = render_body(f"一、工作目标\n\n{quote}\n\n（一）学习宪法\n\n二、工作措施\n")
    assert [h.text for h in body.headings] == ["一、工作目标", "（一）学习宪法", "二、工作措施"]


@pytest.mark.parametrize("text", [
    REGULATION, "第一章 总则\n\n**第一条** 为了规范。\n\n（一）甲；\n", "一、甲\n\n第一条　乙\n\n二、丙\n\n## 附\n\n三、丁\n",
    "第一章　总则\n第一条　同一段里\n", "第二节\n\n第一章\n\n1. 甲\n\n第一部分：总体要求\n",
])
def test_both_paths_agree_on_articles(text: str) -> None:
    fast = render_fast(text)
    if fast is not None:
        assert fast == render_tree_body(text)
    assert render_body(text) == render_tree_body(text)


def test_traditional_chapters_and_articles() -> None:
    body = render_body("第一章　總則\n\n第一條　為落實普法責任制，制定本辦法。\n\n（一）甲；\n\n第一節 考核\n")
    assert [(h.level, h.text) for h in body.headings] == [(2, "第一章　總則"), (3, "第一節 考核")]
    assert body == render_tree_body("第一章　總則\n\n第一條　為落實普法責任制，制定本辦法。\n\n（一）甲；\n\n第一節 考核\n")


NOTICE = """各镇（街道）司法所：

现将《罗庄区2025年普法责任清单》印发给你们，请认真贯彻落实。

附件：1.罗庄区2025年普法责任清单
2.考核细则

罗庄区司法局

2025年3月1日

附件1

罗庄区2025年普法责任清单

| 序号 | 普法内容 |
|---|---|
| 1 | 宪法 |

附件2　考核细则

一、考核内容

二、考核方式

抄送：区委办公室。
"""


def test_attachments_follow_the_signature_as_parts_of_their_own() -> None:
    body = render_body(NOTICE)
    assert [(h.level, h.text, h.anchor) for h in body.headings] == [
        (2, "附件1", "s1"), (2, "附件2　考核细则", "s2"), (3, "一、考核内容", "s2-1"), (3, "二、考核方式", "s2-2")]
    html = body.html
    assert html.index("<p>附件：1.罗庄区2025年普法责任清单<br>") < html.index('<div class="signature">\n<p>罗庄区司法局</p>')
    assert html.index('<div class="signature">') < html.index('<h2 id="s1" class="gw-attachment">附件1</h2>')
    assert html.index("<table>") < html.index('<h2 id="s2" class="gw-attachment">') < html.index('<div class="banji">')
    assert body == render_tree_body(NOTICE) and render_fast(NOTICE) is not None


@pytest.mark.parametrize("text", ["附件：罗庄区普法责任清单", "附件材料已另行报送。", "附件1：清单", "附件1 清单。正文"])
def test_what_is_not_an_attachment(text: str) -> None:
    assert "gw-attachment" not in render_body(f"正文。\n\n{text}\n\n示例局\n\n2025年3月1日\n").html


def test_an_attachment_line_may_carry_its_title_on_the_next_line() -> None:
    body = render_body("正文。\n\n附件1\n罗庄区普法责任清单\n\n内容。\n")
    assert '<h2 id="s1" class="gw-attachment">附件1</h2>\n<p>罗庄区普法责任清单</p>' in body.html


def test_a_signature_after_a_colonless_attachment_note_is_still_found() -> None:
    text = "正文。\n\n附件\n1.罗庄区普法责任清单\n2.考核细则\n\n示例县司法局\n\n2025年3月1日\n"
    body = render_body(text)
    assert body.html.endswith('<div class="signature">\n<p>示例县司法局</p>\n<p>2025年3月1日</p>\n</div>\n')
    assert body == render_tree_body(text) and render_fast(text) is not None
