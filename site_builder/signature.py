"""Recognise the closing 落款 (agency, then a date such as 2025年4月15日) and mark it up as a block."""

from __future__ import annotations

import re

from markdown_it.token import Token

_DATE = re.compile(
    r"^(\d{4}年\d{1,2}月\d{1,2}日|[〇零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日)$"
)
_MAX_AGENCY_LINE = 40
_AGENCY_PUNCT = "。，,；;：:！？"


def is_signature_date(line: str) -> bool:
    return bool(_DATE.match(line.strip(" \u3000")))


def _agency_like(line: str) -> bool:
    line = line.strip(" \u3000")
    return 0 < len(line) <= _MAX_AGENCY_LINE and not any(c in line for c in _AGENCY_PUNCT)


def find_signature(tokens: list[Token]) -> tuple[int, list[str]] | None:
    """Where the signature starts in the block tokens and its lines, if the body ends with one."""
    paragraphs = _trailing_paragraphs(tokens)
    if not paragraphs:
        return None
    last_start, last_lines = paragraphs[-1]
    if not last_lines or not is_signature_date(last_lines[-1]):
        return None
    agency = last_lines[:-1]
    if agency and not all(_agency_like(line) for line in agency):
        return None
    start = last_start
    if not agency and len(paragraphs) > 1:
        prev_start, prev_lines = paragraphs[-2]
        if 0 < len(prev_lines) <= 3 and all(_agency_like(line) for line in prev_lines):
            start, agency = prev_start, prev_lines
    return start, [line.strip(" \u3000") for line in agency + last_lines[-1:]]


def _trailing_paragraphs(tokens: list[Token]) -> list[tuple[int, list[str]]]:
    """The last two top-level paragraphs, if they are the final blocks: (start index, lines)."""
    found: list[tuple[int, list[str]]] = []
    end = len(tokens)
    while len(found) < 2 and end >= 3:
        opener, inline, closer = tokens[end - 3], tokens[end - 2], tokens[end - 1]
        if not (opener.type == "paragraph_open" and opener.level == 0 and closer.type == "paragraph_close"):
            break
        found.insert(0, (end - 3, [line for line in inline.content.split("\n") if line.strip(" \u3000")]))
        end -= 3
    return found


def signature_tokens(lines: list[str]) -> list[Token]:
    """Block tokens for the signature: a classed div of one paragraph per line; text is escaped as usual."""
    out = [Token("html_block", "", 0, content='<div class="signature">\n', block=True)]
    for line in lines:
        opener = Token("paragraph_open", "p", 1, block=True)
        inline = Token("inline", "", 0, content=line, block=True)
        inline.children = []
        out += [opener, inline, Token("paragraph_close", "p", -1, block=True)]
    out.append(Token("html_block", "", 0, content="</div>\n", block=True))
    return out
