"""Recognise the closing 落款 (agency, then a date such as 2025年4月15日) so it can be set as a block, the 附注
under it (（此件公开发布）), and the 版记 after them (抄送：…; …2025年4月15日印发), set apart as GB/T 9704 sets it."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TypeVar

from .mdtree import Node, lines_of, plain_text

_DATE = re.compile(
    r"^(\d{4}年\d{1,2}月\d{1,2}日|[〇零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日)$"
)
_BANJI_LINE = re.compile(r"(?:抄送|抄[报報]|分送|[报報]送|[发發]送)[：:]"
                         r"|[^。；;]{0,40}\d{4}年\d{1,2}月\d{1,2}日印[发發]$")
"""A 版记 line, in 简体 or 繁体."""
_NOTE = re.compile(r"[（(][^（）()\n]{1,80}[）)]")
"""A 附注 (GB/T 9704 7.3.6: under the date, in brackets, such as （此件公开发布） or （联系人：…）)."""
MAX_BANJI = 3
"""Paragraphs a 版记 may take (抄送, 印发, and one line more)."""
_MAX_AGENCY_LINE = 40
Line = TypeVar("Line")
_AGENCY_PUNCT = "。，,；;：:！？"


def is_signature_date(line: str) -> bool:
    return bool(_DATE.match(line.strip(" \u3000")))


def _agency_like(line: str) -> bool:
    line = line.strip(" \u3000")
    return 0 < len(line) <= _MAX_AGENCY_LINE and not any(c in line for c in _AGENCY_PUNCT)


def banji_start(paragraphs: list[tuple[int, list[Line]]], text: Callable[[Line], str]) -> int | None:
    """Where the closing 版记 starts among the trailing paragraphs (every line of each a 版记 line), if any."""
    start = None
    for index, lines in reversed(paragraphs[-MAX_BANJI:]):
        if not lines or not all(_BANJI_LINE.match(text(line).strip(" \u3000")) for line in lines):
            break
        start = index
    return start


def split_banji(blocks: list[Node]) -> tuple[list[Node], list[Node]]:
    """(the blocks before the 版记, the 版记's paragraphs)."""
    start = banji_start(_trailing_paragraphs(blocks, MAX_BANJI), plain_text)
    return (blocks, []) if start is None else (blocks[:start], blocks[start:])


def is_note(text: str) -> bool:
    return _NOTE.fullmatch(text.strip(" \u3000")) is not None


Block = TypeVar("Block")


def find_closing(blocks: list[Block], find: Callable[[list[Block]], tuple[int, list[Line]] | None],
                 note: Callable[[Block], bool]) -> tuple[int, int, list[Line]] | None:
    """The 落款 that closes `blocks`, by `find`, perhaps with a 附注 after it: where the signature starts, where
    it ends (the 附注 stays a paragraph after it) and its lines."""
    found = find(blocks)
    if found is not None:
        return found[0], len(blocks), found[1]
    if blocks and note(blocks[-1]):
        found = find(blocks[:-1])
        if found is not None:
            return found[0], len(blocks) - 1, found[1]
    return None


def find_signature(blocks: list[Node]) -> tuple[int, list[list[Node]]] | None:
    """Where the signature starts among the top-level blocks and its lines, if the body ends with one."""
    found = find_signature_lines(_trailing_paragraphs(blocks), plain_text)
    if found is None:
        return None
    start, lines = found
    return start, [_stripped(line) for line in lines]


def find_signature_lines(paragraphs: list[tuple[int, list[Line]]],
                         text: Callable[[Line], str]) -> tuple[int, list[Line]] | None:
    """The rule on the last two paragraphs, whatever a line is made of (nodes, or HTML in fastbody.py):
    where the signature starts and its lines."""
    if not paragraphs:
        return None
    last_start, last_lines = paragraphs[-1]
    if not last_lines or not is_signature_date(text(last_lines[-1])):
        return None
    agency = last_lines[:-1]
    if agency and not all(_agency_like(text(line)) for line in agency):
        return None
    start = last_start
    if not agency and len(paragraphs) > 1:
        prev_start, prev_lines = paragraphs[-2]
        if 0 < len(prev_lines) <= 3 and all(_agency_like(text(line)) for line in prev_lines):
            start, agency = prev_start, prev_lines
    return start, agency + last_lines[-1:]


def _stripped(line: list[Node]) -> list[Node]:
    return [Node("text", text=n.text.strip(" \u3000")) if n.kind == "text" else n for n in line]


def _trailing_paragraphs(blocks: list[Node], count: int = 2) -> list[tuple[int, list[list[Node]]]]:
    """The last `count` top-level paragraphs, if they are the final blocks: (index, non-empty lines)."""
    found: list[tuple[int, list[list[Node]]]] = []
    end = len(blocks)
    while len(found) < count and end >= 1 and blocks[end - 1].kind == "paragraph":
        lines = [line for line in lines_of(blocks[end - 1].children) if plain_text(line).strip(" \u3000")]
        found.insert(0, (end - 1, lines))
        end -= 1
    return found
