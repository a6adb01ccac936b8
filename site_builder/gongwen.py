"""The 公文 rules a report body is set by, whichever path renders it: numbering levels (一、 （一） 1. （1）),
a long numbered paragraph's lead sentence as its heading, the parts of a 办法 or 规定 (第一章 总则, 第一节,
第一条 …), and the outline that gives headings their levels and ids."""

from __future__ import annotations

import re

_CN_NUM = "一二三四五六七八九十百零〇"
_CN_UPPER = "壹贰貳叁叄參肆伍陆陸柒捌玖拾佰"
"""大写 numerals: 壹、 opens a level above 一、 in many documents (Taiwan's official documents number 壹、 一、 （一）
1、 （1）), and 第壹章 is a chapter."""
# 公文 numbering, outermost first: 一、 （一） 1. （1）, and 壹、 wherever it comes; one pattern, tried in that order
_NUMBERING = re.compile(
    rf"(?P<cn_upper>[{_CN_UPPER}][{_CN_UPPER}零]*[、．.])|(?P<cn>[{_CN_NUM}]+[、．.])|(?P<cn_paren>[（(][{_CN_NUM}]+[）)])|(?P<arabic>\d{{1,3}}[、．.](?!\d))"
    r"|(?P<arabic_paren>[（(]\d{1,3}[）)])"
)
_PART = re.compile(rf"第(?:(?P<first_article>[一1壹][条條][ \u3000])|[{_CN_NUM}{_CN_UPPER}\d]{{1,5}}"
                   r"(?:(?P<chapter>章|部分)|(?P<section>[节節])|(?P<article>[条條][ \u3000])))"
                   rf"|(?P<attachment>附件[{_CN_NUM}{_CN_UPPER}\d]{{0,3}}(?:$|[ \u3000\n]))")
"""第一章/第一部分, 第一节, an article (第一条 and a space, as 条款 are set: "第十二条规定，…" is a sentence), and
the start of an attachment (附件1).
Only a document's own 第一条 starts its articles: a report may quote an article of a law (第三十三条　…).
節 and 條 as 繁体 documents write them (the author's characters are kept, never converted)."""
_TITLE_CHAR = "[^\n。！？；，,：:;!?]"
"""A character of a part's title: a title is not a sentence, nor a list (附件：…)."""
_PART_TITLE = re.compile(rf"第[{_CN_NUM}{_CN_UPPER}\d]{{1,5}}(?:章|部分|[节節])[ \u3000]*{_TITLE_CHAR}{{0,30}}")
"""A chapter or section heading is its number and a short title, alone in its paragraph."""
_ATTACHMENT = re.compile(rf"附件[{_CN_NUM}{_CN_UPPER}\d]{{0,3}}(?:[ \u3000]+{_TITLE_CHAR}{{1,40}})?")
"""An attachment starts with a line 附件 or 附件1 (GB/T 9704: top left of its first page), perhaps with its title
after a space; 附件：… with a colon is the 附件说明 of the main text, not an attachment."""
ATTACHMENT_CLASS = "gw-attachment"
ADDRESSEE_CLASS = "gw-addressee"
_ADDRESSEE = re.compile(r"(?:[^。！？；;!?：:，,、的]{1,30}[，,、])*[^。！？；;!?：:，,、的]{0,29}"
                        r"[所局委办室科处部厅院会府门位组队心站校区镇乡道村司行厂社构）)][：:]")
"""主送机关: agencies, parted by commas, the last one ending as an agency's name does (司法所, 各科室, 有关单位,
各乡镇（街道）), then a colon; "现将有关事项通知如下：" is a sentence, not a list of agencies."""
_MAX_ADDRESSEE = 120
_INDENT = "\u3000\u3000"
_ATTACHMENT_NOTE = re.compile("[ \u3000]*附件[：:]")
PARTS = ("chapter", "section")
SENTENCE_ENDS = "。！？；"
_SENTENCE_END = re.compile(f"[{SENTENCE_ENDS}]")
_MAX_HEADING = 60
"""Longer numbered paragraphs are split after their lead sentence when it is short enough."""
_MAX_LEAD = 48
TABLE_OPEN = '<div class="table-scroll" role="region" tabindex="0" aria-label="表格（可横向滚动）">\n<table>\n'


_KIND = re.compile(rf"[ \u3000]*(?:{_NUMBERING.pattern}|{_PART.pattern})")
"""Numbering first, then parts, after any indent: one match per paragraph (it runs on every one)."""
KIND_NAMES = {name: name.replace("_", "-") for name in _KIND.groupindex}
NUMBERED = frozenset(name.replace("_", "-") for name in _NUMBERING.groupindex)
"""The 公文 numbering levels (一、 （一） 1. （1）), ranked by the order they come in."""


def numbering_kind(text: str) -> str | None:
    """Which 公文 numbering level or part (chapter, section, article, attachment) a paragraph starts with."""
    found = _KIND.match(text)
    return KIND_NAMES[found.lastgroup] if found is not None and found.lastgroup else None


def pasted_paragraphs(lines: list[str]) -> list[int]:
    """Which lines of one Markdown paragraph start paragraphs of their own: text pasted from Word keeps each
    paragraph on one line indented by two full-width spaces, with no blank line between. A line indented
    further is a continuation set under the one before (the items of 附件：1.…), and a 附件说明 keeps its lines."""
    if len(lines) < 2 or _ATTACHMENT_NOTE.match(lines[0]):
        return []
    return [i for i in range(1, len(lines)) if lines[i].startswith(_INDENT) and lines[i][2:3].strip()]


def is_addressee(text: str) -> bool:
    """Whether a body's first paragraph is its 主送机关, which GB/T 9704 sets flush left (回行时仍顶格)."""
    text = "".join(text.split())
    return len(text) <= _MAX_ADDRESSEE and _ADDRESSEE.fullmatch(text) is not None


def split_heading(kind: str, text: str) -> tuple[str, str] | None:
    """(heading, rest) for a paragraph numbered `kind`: a chapter or section only as a title line of its own, an
    attachment as its first line, numbered paragraphs as split_lead cuts them."""
    if kind in PARTS:
        return (text, "") if _PART_TITLE.fullmatch(text) else None
    if kind == "attachment":
        first, _, rest = text.partition("\n")
        return (first, rest) if _ATTACHMENT.fullmatch(first) else None
    return split_lead(text)


def split_lead(text: str) -> tuple[str, str] | None:
    """(heading, rest) for a numbered paragraph: all of it when short, else its short lead sentence."""
    newline = text.find("\n")
    found = _SENTENCE_END.search(text, 0, newline if newline >= 0 else len(text))
    return split_lead_at(text, found.end() if found else 0, one_line=newline < 0)


def split_lead_at(text: str, cut: int, one_line: bool = True) -> tuple[str, str] | None:
    """split_lead, for a caller whose own pattern has found the first line's first sentence end already: `cut` is
    the index after it (0: there is none)."""
    if one_line and len(text) <= _MAX_HEADING and (cut == 0 or cut == len(text)):
        return text, ""
    if 0 < cut <= _MAX_LEAD + 1:
        return text[:cut], text[cut:].lstrip(" \u3000")
    return None


class Outline:
    """Heading levels and positional ids (s1, s1-2, ...) as the document goes on.

    An attachment (附件1) outranks Markdown headings (md1, md2, ...), which outrank chapters and sections, which
    outrank 公文 numbering: `# 附件` closes any open 一、 section and 第二章 any open 一、 of the chapter before.
    """

    def __init__(self) -> None:
        self.in_articles = False
        """After an article (第一条　…) numbered paragraphs are its clauses, not sections (until a Markdown
        heading or an attachment starts another part of the document)."""
        self.stack: list[str] = []
        self.counts: list[int] = []
        self.anchors: list[str] = []
        """The id of each open level; a heading's id is its parent's and its own count (joining every count
        again for every heading took 7% of a body's rendering)."""

    def takes(self, kind: str) -> bool:
        """Whether a paragraph numbered `kind` may be a heading here (an article never is)."""
        if kind == "first-article":
            self.in_articles = True
        if kind in ("article", "first-article"):
            return False
        return not self.in_articles or kind in PARTS or kind == "attachment"

    def place(self, kind: str) -> tuple[int, str]:
        """`placed`, with 公文 numbering (most headings of most reports) placed here without its general steps."""
        if kind not in NUMBERED:
            return self.placed(kind)
        stack, counts, anchors = self.stack, self.counts, self.anchors
        if stack and stack[-1] == kind:  # the next of a run of siblings
            counts[-1] += 1
            anchor = (anchors[-2] + "-" if len(anchors) > 1 else "s") + str(counts[-1])
            anchors[-1] = anchor
        elif kind not in stack:  # a level below the open ones
            anchor = (anchors[-1] + "-1" if anchors else "s1")
            stack.append(kind)
            counts.append(1)
            anchors.append(anchor)
        else:  # back up to an open level, closing those below it: （二） after 1.
            depth = stack.index(kind)
            del stack[depth + 1 :], counts[depth + 1 :], anchors[depth + 1 :]
            counts[depth] += 1
            anchor = (anchors[depth - 1] + "-" if depth else "s") + str(counts[depth])
            anchors[depth] = anchor
        return min(len(stack) + 1, 6), anchor

    def placed(self, kind: str) -> tuple[int, str]:
        """`place` by the whole rule (the tests hold the shortcut to it)."""
        stack, counts, anchors = self.stack, self.counts, self.anchors
        rank = _RANK.get(kind)
        if kind.startswith("md") or kind == "attachment":
            self.in_articles = False
        if rank is not None and kind not in stack:
            keep = 0
            while keep < len(stack) and _RANK.get(stack[keep], len(_RANK)) < rank:
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


_RANK = {kind: rank for rank, kind in enumerate(("attachment", "md1", "md2", "md3", "md4", "md5", "md6", *PARTS))}
"""Kinds that close every lower open level when they come, whatever came first (公文 numbering does not:
its levels are ranked by the order they appear in)."""
