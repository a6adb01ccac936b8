"""Hidden characters in a report body: found for the warning (SB331), removed from everything published."""

from __future__ import annotations

import re

import pytest

from site_builder.fastbody import render_fast
from site_builder.hidden import HIDDEN_CLASS, first_hidden, hidden_codes, is_hidden, without_hidden
from site_builder.markdown import render_body, render_tree_body
from site_builder.mdtree import parse, text_of, walk

EVERY_HIDDEN = [chr(c) for c in range(0x10000) if re.fullmatch(f"[{HIDDEN_CLASS}]", chr(c))]


def test_the_class_is_the_bidi_controls_and_zero_width_spaces() -> None:
    assert [f"{ord(ch):04X}" for ch in EVERY_HIDDEN] == [
        "061C", "200B", "200E", "200F", "202A", "202B", "202C", "202D", "202E", "2060", "2066", "2067", "2068",
        "2069", "FEFF"]
    assert not is_hidden("\u200c") and not is_hidden("\u200d")  # joiners: emoji sequences and scripts need them
    assert not is_hidden("\u00ad") and not is_hidden("\u3000") and not is_hidden("一")


@pytest.mark.parametrize("char", EVERY_HIDDEN)
def test_every_hidden_character_has_a_chinese_name(char: str) -> None:
    [code] = hidden_codes(f"甲{char}乙")
    assert code.startswith(f"U+{ord(char):04X} ") and re.search("[\u4e00-\u9fff]", code)


def test_the_first_one_is_found_typed_or_written_as_a_reference() -> None:
    assert first_hidden("没有") is None
    assert first_hidden("甲\u202e乙") == 1
    assert first_hidden("甲&#x202E;乙\u200b") == 1  # a reference before the first typed one
    assert first_hidden("甲&#8203;乙") == 1  # decimal: U+200B
    assert first_hidden("甲\u200b乙&#x202e;") == 1
    assert first_hidden("&#x4E00; &#x110000; &#99999999999; &#x202E") is None  # not hidden, out of range, no ;


def test_codes_are_listed_once_each_in_order() -> None:
    assert hidden_codes("\u202e甲\u200b\u202e&#x2066;&#8203;") == [
        "U+202E 从右到左覆盖", "U+200B 零宽空格", "U+2066 从左到右隔离"]


def test_without_hidden_keeps_the_same_object_when_there_is_nothing() -> None:
    text = "普法" * 100
    assert without_hidden(text) is text
    assert without_hidden("甲\u200b乙\u202e丙\u200d丁") == "甲乙丙\u200d丁"


@pytest.mark.parametrize("text", [
    "\u200b一、总体要求\n\n正文。", "一、总\u202e体要求\n\n正文。", "一、总体要求\n\n正文\ufeff。",
    "| 项\u2066目 | 数量 |\n|---|---|\n| 宣讲 | 12 |\n", "# 标\u200f题\n", "**加\u202d粗**正文\n第二行\u200b",
])
def test_typed_ones_leave_the_fast_path_and_are_removed(text: str) -> None:
    assert render_fast(text) is None
    body = render_body(text)
    assert body == render_tree_body(text)
    assert not any(ch in body.html or ch in body.text for ch in EVERY_HIDDEN)
    assert render_body(without_hidden(text)) == body  # as if they had never been typed


def test_a_zero_width_space_no_longer_hides_a_heading() -> None:
    body = render_body("\u200b一、总体要求\n\n正文。\n\n\u200b（一）指导思想\n")
    assert [h.text for h in body.headings] == ["一、总体要求", "（一）指导思想"]


def test_references_are_removed_where_the_parser_decodes_them() -> None:
    text = "二、工作&#x202E;内容&#8203;\n\n[链&#x2067;接](http://example.gov.cn \"标&#x202e;题\")\n\n```\n&#x202E;\n```\n"
    body = render_body(text)
    assert not any(ch in body.html or ch in body.text for ch in EVERY_HIDDEN)
    assert body.headings[0].text == "二、工作内容"
    assert 'title="标题"' in body.html and ">链接</a>" in body.html
    assert "&amp;#x202E;" in body.html  # in a code block a reference is text, shown as typed


def test_joiners_stay_and_the_fast_path_keeps_them() -> None:
    text = "家庭\U0001f468\u200d\U0001f469\u200d\U0001f467，\u200c正文。\n"
    fast = render_fast(text)
    assert fast is not None and "\u200d" in fast.html and "\u200c" in fast.html


def test_the_word_export_reads_the_same_text() -> None:
    blocks = parse("\u200b一、总体要求\n\n正文&#x202E;。\n")
    texts = [text_of(node.children) for node in walk(blocks) if node.kind == "paragraph"]
    assert texts == ["一、总体要求", "正文。"]
