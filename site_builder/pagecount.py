"""How many GB/T 9704 pages a body would fill, estimated from its Markdown: WeasyPrint lays out about ten
pages a second here and python-docx spends up to a millisecond a line, so a 5 MB body (some 2,000 pages) held
a build for many minutes. Past MAX_PAGES or MAX_TABLE_CELLS the build warns (SB322, SB323) and publishes the
web page only."""

from __future__ import annotations

from .gongwen import numbering_kind

MAX_PAGES = 300
MAX_TABLE_CELLS = 10_000
CHARS_PER_LINE = 28
LINES_PER_PAGE = 22
"""GB/T 9704: 22 lines of 28 characters on a page."""
ATTACHMENT = "附件"


def estimated_pages(markdown: str) -> int:
    """Pages the body fills (the title block adds most of one more): each non-blank line starts a line of its
    own (soft-broken lines may in fact share one); a Chinese character is one character wide, a Latin letter or
    digit half of one. The sample reports' PDFs have 7, 8 and 10 pages where this says 6, 7 and 9."""
    pages = lines = 0
    for line in markdown.split("\n"):
        if text := line.strip():  # indentation is markup, not text
            if ATTACHMENT in text and numbering_kind(text.lstrip("# ")[:16]) == "attachment":
                pages += -(-lines // LINES_PER_PAGE)  # each attachment starts a page (1,000 of them: 1,000 pages)
                lines = 0
            wide = (len(text.encode("utf-8")) - len(text)) // 2  # a CJK character is 3 bytes in UTF-8
            lines += -(-(len(text) + wide) // (2 * CHARS_PER_LINE))
    return pages + -(-lines // LINES_PER_PAGE)


def download_warning(markdown: str) -> tuple[str, dict[str, object]] | None:
    """Why the build skips this body's Word and PDF copies, as a warning's code and arguments; None: it makes
    them. Table cells cost WeasyPrint 1 to 2.5 ms each, so a table of 3,000 columns fills one page in 45 s."""
    cells = markdown.count("|")  # at least the cells of its tables
    if cells > MAX_TABLE_CELLS:
        return "SB323", {"cells": cells, "limit": MAX_TABLE_CELLS}
    if len(markdown) < 2 * LINES_PER_PAGE * (MAX_PAGES - markdown.count(ATTACHMENT)):
        return None  # each line takes a character and a newline, each attachment a page at most: most reports
    pages = estimated_pages(markdown)
    if pages > MAX_PAGES:
        return "SB322", {"pages": pages, "limit": MAX_PAGES}
    return None
