"""The 公文 rules a report body is set by, whichever path renders it: numbering levels (一、 （一） 1. （1）),
a long numbered paragraph's lead sentence as its heading, and the outline that gives headings their levels
and ids."""

from __future__ import annotations

import re

_CN_NUM = "一二三四五六七八九十百零〇"
# 公文 numbering, outermost first: 一、 （一） 1. （1）; one pattern, tried in that order
_NUMBERING = re.compile(
    rf"(?P<cn>[{_CN_NUM}]+[、．.])|(?P<cn_paren>[（(][{_CN_NUM}]+[）)])|(?P<arabic>\d{{1,3}}[、．.](?!\d))"
    r"|(?P<arabic_paren>[（(]\d{1,3}[）)])"
)
_SENTENCE_END = re.compile("[。！？；]")
_MAX_HEADING = 60
"""Longer numbered paragraphs are split after their lead sentence when it is short enough."""
_MAX_LEAD = 48
TABLE_OPEN = '<div class="table-scroll" role="region" tabindex="0" aria-label="表格（可横向滚动）">\n<table>\n'


def numbering_kind(text: str) -> str | None:
    """Which 公文 numbering level a paragraph starts with, if any."""
    found = _NUMBERING.match(text.lstrip(" \u3000"))
    return found.lastgroup.replace("_", "-") if found is not None and found.lastgroup else None


def split_lead(text: str) -> tuple[str, str] | None:
    """(heading, rest) for a numbered paragraph: all of it when short, else its short lead sentence."""
    newline = text.find("\n")
    if newline < 0 and len(text) <= _MAX_HEADING and not _SENTENCE_END.search(text, 0, len(text) - 1):
        return text, ""
    found = _SENTENCE_END.search(text, 0, min(newline if newline >= 0 else len(text), _MAX_LEAD + 1))
    if found is None:
        return None
    return text[: found.end()], text[found.end() :].lstrip(" \u3000")


class Outline:
    """Heading levels and positional ids (s1, s1-2, ...) as the document goes on.

    Markdown headings (md1, md2, ...) always outrank 公文 numbering, so `# 附件` closes any open 一、 section.
    """

    def __init__(self) -> None:
        self.stack: list[str] = []
        self.counts: list[int] = []
        self.anchors: list[str] = []
        """The id of each open level; a heading's id is its parent's and its own count (joining every count
        again for every heading took 7% of a body's rendering)."""

    def place(self, kind: str) -> tuple[int, str]:
        stack, counts, anchors = self.stack, self.counts, self.anchors
        if kind.startswith("md") and kind not in stack:
            keep = 0
            while keep < len(stack) and stack[keep].startswith("md") and stack[keep] < kind:
                keep += 1
            if keep < len(stack):
                counts_at = counts[keep]
                del stack[keep:]
                del counts[keep:]
                del anchors[keep:]
                stack.append(kind)
                counts.append(counts_at + 1)
                return self._open()
        if kind in stack:
            depth = stack.index(kind)
            del stack[depth + 1 :]
            del counts[depth + 1 :]
            del anchors[depth:]
            counts[depth] += 1
        else:
            stack.append(kind)
            counts.append(1)
        return self._open()

    def _open(self) -> tuple[int, str]:
        """The level and id of the heading just placed, last on the stack (its parents' ids are known)."""
        anchors = self.anchors
        anchor = (anchors[-1] + "-" if anchors else "s") + str(self.counts[-1])
        anchors.append(anchor)
        return min(len(self.stack) + 1, 6), anchor
