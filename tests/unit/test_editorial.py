"""The half-width punctuation warning's pattern (editorial.py), against the plain way of writing it."""

from __future__ import annotations

import random
import re

from site_builder.editorial import _CJK, _HALF_WIDTH

PLAIN = re.compile(rf"(?<={_CJK})[,:;()]|[,:;()](?={_CJK})")


def test_half_width_marks_are_found_where_the_plain_pattern_finds_them() -> None:
    rng = random.Random(11)
    alphabet = ["法", "治", "a", "1", " ", ",", ":", ";", "(", ")", "，", "\u3000", "\uf900", "\u3400"]
    for _ in range(5000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        ours = [(m.start(), m.group(0)) for m in _HALF_WIDTH.finditer(text)]
        assert ours == [(m.start(), m.group(0)) for m in PLAIN.finditer(text)], text


def test_a_mark_found_in_the_whole_body_is_found_in_its_line() -> None:
    """editorial_warnings searches the whole body first, then line by line: both must agree."""
    rng = random.Random(12)
    alphabet = ["法", "a", ",", "(", "\n", " "]
    for _ in range(5000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 20)))
        assert bool(_HALF_WIDTH.search(text)) == any(_HALF_WIDTH.search(line) for line in text.split("\n")), text


def test_a_doc_no_opening_the_body_is_found_before_or_after_the_title() -> None:
    from site_builder.editorial import _opening_doc_no

    assert _opening_doc_no("\n示司发〔2024〕40号\n正文", "标题") == (1, "示司发〔2024〕40号")
    assert _opening_doc_no("# 标题\n\n　　示司发[2024]40号\n", "标题") == (2, "示司发[2024]40号")
    assert _opening_doc_no("正文。\n示司发〔2024〕40号", "标题") is None
    assert _opening_doc_no("示司发〔2024〕40号：关于……", "标题") is None


def test_the_semicolon_ending_an_entity_is_not_a_half_width_mark() -> None:
    """`&nbsp;一、` and `&#x3000;见` (pasted from web pages) got SB604 asking to make the `;` a `；`, which
    would break the reference and publish `&nbsp；`."""
    from site_builder.editorial import half_width_marks

    assert half_width_marks("&nbsp;&nbsp;一、总体要求\n&#x3000;见附表&#12288;。\n&amp;法") == []
    assert half_width_marks("第一段。\n法&nbsp;;法 &nbsp;法;\n宣传(宪法)") == [(1, ";"), (1, ";"), (2, "("), (2, ")")]
    assert half_width_marks("法&nbsp法;") == [(0, ";")]  # no reference ends there: & and a name without ;
