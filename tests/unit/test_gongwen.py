"""The outline's ids, kept incrementally, against their definition: "s" and every open level's count."""

import random
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from site_builder.gongwen import Outline, split_lead

KINDS = ["md1", "md2", "md3", "md4", "md5", "md6", "cn-upper", "cn", "cn-paren", "arabic", "arabic-paren"]


def test_ids_are_the_open_levels_counts_joined() -> None:
    rng = random.Random(14)
    for _ in range(5000):
        outline = Outline()
        for _ in range(rng.randint(1, 60)):
            level, anchor = outline.place(rng.choice(KINDS))
            assert anchor == "s" + "-".join(map(str, outline.counts))
            assert level == min(len(outline.stack) + 1, 6)


def test_the_shortcuts_for_numbering_place_as_the_whole_rule() -> None:
    rng = random.Random(20261203)
    kinds = [*KINDS, "chapter", "section", "attachment", "cn", "cn-paren", "cn-paren", "arabic", "arabic"]
    for _ in range(5000):
        fast, whole = Outline(), Outline()
        for _ in range(rng.randint(1, 60)):
            kind = rng.choice(kinds)
            assert fast.place(kind) == whole.placed(kind)
            assert (fast.stack, fast.counts, fast.anchors) == (whole.stack, whole.counts, whole.anchors)


def test_markdown_headings_outrank_numbering() -> None:
    outline = Outline()
    assert [outline.place(k) for k in ("cn", "cn-paren", "cn-paren", "md1", "cn", "md1")] == [
        (2, "s1"), (3, "s1-1"), (3, "s1-2"), (2, "s2"), (3, "s2-1"), (2, "s3")]


def test_addressees_and_what_is_not_one() -> None:
    from site_builder.gongwen import is_addressee

    for text in ("各镇（街道）司法所，局机关各科室：", "各乡镇人民政府，县直各部门：", "各有关单位：", "市司法局：",
                 "各乡镇（街道）：", "各县（市、区）司法局，市局机关各处室：", "各镇（街道）司法所，\n局机关各科室：",
                 "县委依法治县办:", "各縣（市、區）司法局："):
        assert is_addressee(text), text
    for text in ("现将有关事项通知如下：", "根据《中华人民共和国宪法》规定，结合我县实际，制定本方案：", "经研究，决定如下：",
                 "2024年，在县委县政府的坚强领导下，我局：", "各单位。", "同志们：", "甲局" * 70 + "：", ""):
        assert not is_addressee(text), text


def test_the_addressee_is_flush_left_only_as_the_first_paragraph() -> None:
    from site_builder.markdown import render_body, render_tree_body

    for text in ("各镇（街道）司法所，局机关各科室：\n\n现将有关事项通知如下：\n", "**各有关单位：**\n\n正文。\n"):
        body = render_body(text)
        assert body.html.startswith('<p class="gw-addressee">'), text
        assert body == render_tree_body(text)
    assert render_body("正文。\n\n各有关单位：\n").html == "<p>正文。</p>\n<p>各有关单位：</p>\n"
    assert render_body("> 各有关单位：\n").html == "<blockquote>\n<p>各有关单位：</p>\n</blockquote>\n"


def test_lines_pasted_from_word_start_paragraphs_of_their_own() -> None:
    from site_builder.gongwen import pasted_paragraphs

    assert pasted_paragraphs(["文号", "　　一、工作", "　　正文。", "　　　续行", "无缩进的续行"]) == [1, 2]
    assert pasted_paragraphs(["附件：1.安排表", "　　2.统计表"]) == []  # a 附件说明 keeps its lines
    assert pasted_paragraphs(["一行", "　　"]) == [] and pasted_paragraphs(["　　只有一行"]) == []


PASTED = ("　　2024年，我局现将有关情况总结如下：\n　　一、主要工作\n　　（一）加强组织领导。成立了领导小组。\n"
          "　　　　（续行）\n　　示例县司法局\n　　2024年12月20日\n")


def test_a_body_pasted_from_word_gets_its_headings_and_signature() -> None:
    from site_builder.markdown import render_body, render_tree_body

    body = render_body(PASTED)
    assert body.html == ('<p>2024年，我局现将有关情况总结如下：</p>\n<h2 id="s1" class="gw-cn">一、主要工作</h2>\n'
                         '<h3 id="s1-1" class="gw-cn-paren">（一）加强组织领导。</h3>\n<p>成立了领导小组。<br>\n'
                         '　　　　（续行）</p>\n<div class="signature">\n<p>示例县司法局</p>\n<p>2024年12月20日</p>\n</div>\n')
    assert body == render_tree_body(PASTED)
    # a line break inside bold text is not a place to cut: the tree path keeps the element whole
    marked = "**甲\n　　乙**\n　　丙\n"
    assert render_body(marked) == render_tree_body(marked)
    assert render_body(marked).html == "<p><strong>甲<br>\n　　乙</strong></p>\n<p>丙</p>\n"


def test_the_numbering_is_the_first_of_numbering_then_parts_after_the_indent() -> None:
    """numbering_kind matches one combined pattern; it must read as the two patterns tried in turn."""
    from site_builder.gongwen import _NUMBERING, _PART, numbering_kind

    def reference(text: str) -> str | None:
        text = text.lstrip(" \u3000")
        found = _NUMBERING.match(text) or _PART.match(text)
        return found.lastgroup.replace("_", "-") if found is not None and found.lastgroup else None

    rng = random.Random(11)
    pieces = ["一", "十", "二十", "、", ".", "．", "（", "）", "(", ")", "1", "12", "123", "1234", "第", "章", "部分",
              "节", "節", "条", "條", " ", "\u3000", "附件", "附件1", "\n", "总则", "甲", "。",
              "第一条 ", "第1條\u3000", "第十二条\u3000"]
    seen: set[str | None] = set()
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 8)))
        assert numbering_kind(text) == reference(text), text
        seen.add(reference(text))
    assert len(seen) == 10, seen  # every kind came up, and None


def split_lead_reference(text: str) -> tuple[str, str] | None:
    """The lead rule as first written (split_lead now shares split_lead_at with the fast body pass)."""
    end = re.compile("[。！？；]")
    newline = text.find("\n")
    if newline < 0 and len(text) <= 60 and not end.search(text, 0, len(text) - 1):
        return text, ""
    found = end.search(text, 0, min(newline if newline >= 0 else len(text), 49))
    if found is None:
        return None
    return text[: found.end()], text[found.end() :].lstrip(" \u3000")


@settings(max_examples=3000, deadline=None)
@given(st.text(st.sampled_from(list("一、（）1.。！？；，法x \u3000\n")), max_size=90))
def test_the_lead_is_cut_as_the_rule_was_first_written(text: str) -> None:
    assert split_lead(text) == split_lead_reference(text)


def test_the_lead_at_the_limits_is_cut_as_the_rule_was_first_written() -> None:
    """Random texts seldom put the first sentence end near the 48-character lead or the 60-character heading."""
    for at in range(40, 66):
        for after in ("", "法", "法" * 30, "\n法", "法\n法。"):
            for indent in ("", "\u3000"):
                text = indent + "一、" + "法" * (at - 2) + "。" + after
                assert split_lead(text) == split_lead_reference(text), text
                assert split_lead(text.replace("。", "")) == split_lead_reference(text.replace("。", ""))


def test_upper_case_numerals_open_a_level_above_their_first_use() -> None:
    """壹、 一、 （一） (Taiwan's official documents, and mainland ones in 大写) were read as 一、 with 壹、 and 貳、
    as plain paragraphs: the second 一、 under 貳、 became section 2 of the first."""
    from site_builder.gongwen import numbering_kind
    from site_builder.markdown import render_body

    body = render_body("壹、總體要求\n\n一、指導思想\n\n（一）堅持黨的領導。\n\n貳、主要任務\n\n一、加強普法\n\n"
                       "參、其他\n\n拾壹、附則\n\n壹拾萬元整。\n")
    assert [(h.level, h.anchor, h.text) for h in body.headings] == [
        (2, "s1", "壹、總體要求"), (3, "s1-1", "一、指導思想"), (4, "s1-1-1", "（一）堅持黨的領導。"),
        (2, "s2", "貳、主要任務"), (3, "s2-1", "一、加強普法"), (2, "s3", "參、其他"), (2, "s4", "拾壹、附則")]
    assert '<h2 id="s1" class="gw-cn-upper">壹、總體要求</h2>' in body.html and "<p>壹拾萬元整。</p>" in body.html
    assert [numbering_kind(t) for t in ("叁、", "陆．", "贰拾、", "壹佰零壹、", "零、", "壹", "壹拾萬")] == [
        "cn-upper", "cn-upper", "cn-upper", "cn-upper", "cn", None, None]
    assert [numbering_kind(t) for t in ("第壹章 總則", "第貳節 範圍", "附件壹")] == ["chapter", "section", "attachment"]
