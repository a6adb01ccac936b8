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
