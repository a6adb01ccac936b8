import re

from site_builder.markdown import is_safe_url, numbering_kind, render_body, split_lead


def test_gongwen_numbering_becomes_nested_headings() -> None:
    body = render_body("引言。\n\n一、工作目标\n\n（一）突出重点\n\n1、学习宣传。积极引导干部职工深入学习。\n\n（1）细项\n\n二、工作要求\n")
    assert [(h.level, h.text, h.anchor) for h in body.headings] == [
        (2, "一、工作目标", "s1"), (3, "（一）突出重点", "s1-1"), (4, "1、学习宣传。", "s1-1-1"),
        (5, "（1）细项", "s1-1-1-1"), (2, "二、工作要求", "s2"),
    ]
    assert '<h4 id="s1-1-1" class="gw-arabic">1、学习宣传。</h4>\n<p>积极引导干部职工深入学习。</p>' in body.html


def test_outline_never_skips_levels() -> None:
    body = render_body("一、甲\n\n1.乙\n\n（1）丙\n\n二、丁\n")
    assert [h.level for h in body.headings] == [2, 3, 4, 2]


def test_markdown_headings_shift_below_page_title() -> None:
    body = render_body("# 附件\n\n## 小节\n")
    assert [h.level for h in body.headings] == [2, 3]
    assert "<h1" not in body.html


def test_long_numbered_paragraph_without_short_lead_stays_paragraph() -> None:
    text = "一、" + "很长的句子没有句号" * 10
    assert split_lead(text) is None
    assert "<h2" not in render_body(text).html


def test_numbering_kinds() -> None:
    assert numbering_kind("一、目标") == "cn"
    assert numbering_kind("(二)任务") == "cn-paren"
    assert numbering_kind("3.落实") == "arabic"
    assert numbering_kind("1.5万人次参加") is None
    assert numbering_kind("（12）细项") == "arabic-paren"
    assert numbering_kind("2023年是关键之年") is None


def test_gfm_table_with_scope_and_scroll_container() -> None:
    html = render_body("| 甲 | 乙 |\n|:-:|--:|\n| 1 | 2 |\n").html
    assert '<th class="align-center" scope="col">甲</th>' in html
    assert '<td class="align-right">2</td>' in html
    assert 'class="table-scroll"' in html and "style=" not in html


def test_signature_block() -> None:
    html = render_body("正文。\n\n罗庄区司法局\n\n2023年8月8日\n").html
    assert html.endswith('<div class="signature">\n<p>罗庄区司法局</p>\n<p>2023年8月8日</p>\n</div>\n')
    same_paragraph = render_body("正文。\n\n巴音郭楞蒙古自治州司法局\n2025年4月15日\n").html
    assert '<div class="signature">' in same_paragraph


def test_sentence_before_date_is_not_part_of_the_signature() -> None:
    html = render_body("会议于下列日期召开，请准时参加。\n\n2023年8月8日\n").html
    assert html.startswith("<p>会议于下列日期召开，请准时参加。</p>\n")
    assert '<div class="signature">\n<p>2023年8月8日</p>' in html
    assert "signature" not in render_body("2023年8月8日是个好日子。\n").html


def test_raw_html_is_escaped() -> None:
    html = render_body('<script>alert(1)</script>\n\n<img src=x onerror="alert(1)">\n\n<iframe src="//evil"></iframe>').html
    assert "<script" not in html and "<img" not in html and "<iframe" not in html
    assert "&lt;script&gt;" in html


def test_unsafe_links_lose_href() -> None:
    cases = ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "jav&#x09;ascript:alert(1)", "data:text/html;base64,PHNjcmlwdD4=",
             "vbscript:msgbox(1)", "%6Aavascript:alert(1)", " javascript:alert(1)", "java\u200bscript:alert(1)"]
    for url in cases:
        html = render_body(f"[x]({url}) ![y]({url}) <{url}>").html
        assert not re.search(r'(href|src)="[^"]*(script|data):', html, re.I), (url, html)


def test_safe_urls() -> None:
    for url in ("https://www.gov.cn/", "http://a.b/c", "mailto:a@b.cn", "tel:12348", "../x.html", "#s1", "a/b.html"):
        assert is_safe_url(url), url
    for url in ("javascript:x", "data:image/png;base64,AA", "file:///etc/passwd", "//evil.example/x", "vbscript:x"):
        assert not is_safe_url(url), url


def test_plain_text_for_summaries() -> None:
    body = render_body("一、目标\n\n第一段[链接](https://a.cn)内容。\n")
    assert body.text == "一、目标\n第一段链接内容。"


def test_jinja_syntax_stays_literal() -> None:
    assert "{{ 7*7 }}" in render_body("{{ 7*7 }} {% raw %}").html


def test_space_indented_paragraph_is_not_a_code_block() -> None:
    html = render_body("    为深入贯彻落实普法责任制，制定本计划。\n\n```\n代码块仍可用三个反引号\n```\n").html
    assert html.startswith("<p>为深入贯彻落实普法责任制，制定本计划。</p>")
    assert "<pre><code>代码块仍可用三个反引号" in html
