"""The page estimate that decides whether a body is too long to lay out as Word and PDF (SB322)."""

from __future__ import annotations

from site_builder.pagecount import CHARS_PER_LINE, LINES_PER_PAGE, MAX_PAGES, estimated_pages, too_long_to_download


def test_a_full_page_of_chinese_is_one_page() -> None:
    line = "法" * CHARS_PER_LINE
    assert estimated_pages("") == 0
    assert estimated_pages("\n".join([line] * LINES_PER_PAGE)) == 1
    assert estimated_pages("\n".join([line] * (LINES_PER_PAGE + 1))) == 2
    assert estimated_pages(line + "法") == 1 and estimated_pages("\n\n".join([line + "法"] * LINES_PER_PAGE)) == 2


def test_latin_is_half_as_wide_and_indentation_and_blank_lines_take_no_room() -> None:
    assert estimated_pages("\n".join(["a" * 2 * CHARS_PER_LINE] * LINES_PER_PAGE)) == 1
    assert estimated_pages("\n".join(["a" * (2 * CHARS_PER_LINE + 1)] * LINES_PER_PAGE)) == 2
    indented = "\n\n\n".join(" " * 40 + "- 项" for _ in range(LINES_PER_PAGE))
    assert estimated_pages(indented) == 1


def test_the_limit() -> None:
    lines = LINES_PER_PAGE * MAX_PAGES
    assert not too_long_to_download("正文。\n" * lines)
    assert too_long_to_download("正文。\n" * (lines + 1))
