"""The estimate that decides whether a body is too long (SB322), or its tables too large (SB323), for Word
and PDF copies."""

from __future__ import annotations

from site_builder.pagecount import (
    CHARS_PER_LINE,
    LINES_PER_PAGE,
    MAX_PAGES,
    MAX_TABLE_CELLS,
    download_warning,
    estimated_pages,
)


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


def test_the_limits() -> None:
    lines = LINES_PER_PAGE * MAX_PAGES
    assert download_warning("正文。\n" * lines) is None
    assert download_warning("正文。\n" * (lines + 1)) == ("SB322", {"pages": MAX_PAGES + 1, "limit": MAX_PAGES})
    # one row of 3,000 columns is a single page, but laying it out took WeasyPrint 45 s
    wide = "|" + "a|" * 3000 + "\n|" + "-|" * 3000 + "\n" + ("|" + "b|" * 3000 + "\n") * 10
    assert estimated_pages(wide) < MAX_PAGES
    assert download_warning(wide) == ("SB323", {"cells": 36012, "limit": MAX_TABLE_CELLS})
    assert download_warning("a\n" * lines) is None and download_warning("a\n" * (lines + 1))[0] == "SB322"
    assert download_warning("| 甲 | 乙 |\n|---|---|\n" + "| 1 | 2 |\n" * 3000) is None


def test_each_attachment_starts_a_page() -> None:
    """1,000 one-line attachments made a 1,000-page PDF (16 s) that the estimate counted as two pages."""
    body = "正文。\n\n" + "".join(f"附件{i}\n\n内容{i}。\n\n" for i in range(1, 1000))
    assert estimated_pages(body) == 1000  # the main text's page and one page for each attachment
    assert download_warning(body) == ("SB322", {"pages": 1000, "limit": MAX_PAGES})
    assert estimated_pages("正文。\n\n附件1\n\n清单。\n\n# 附件2\n\n表格。\n") == 3
    assert estimated_pages("正文写明附件1的内容。\n\n附件：1.清单\n") == 1  # a mention or the 附件说明 starts none
    assert download_warning("正文。\n\n附件1\n\n清单。\n") is None
