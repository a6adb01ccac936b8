"""Warnings an experienced editor would give (`site-builder check`): they never stop a build."""

from __future__ import annotations

import datetime as dt
import re

from .errors import Location, Problem, Severity
from .metadata import plausible_dates
from .model import FrontMatter, ReportMeta

DISCLOSURE_WORKING_DAYS = 20
"""《政府信息公开条例》第二十六条: 主动公开 within 20 working days of the information being formed."""
SUMMARY_LIMIT = 300
TITLE_LIMIT = 100
"""信息名称 of real reports run to 60 characters or so (罗庄区司法局关于印发《…》的通知); past this, a paragraph of
the body has most likely been pasted into the title, which every listing, the page title and the feeds show."""
_WRONG_BRACKETS = re.compile(r"[\[［(（]\s*(\d{4})\s*[\]］)）]")
_LEADING_ZERO = re.compile(r"〔(\d{4})〕0+(\d+)号")
_CJK = r"[\u3400-\u9fff\uf900-\ufaff]"
_HALF_WIDTH = re.compile(rf"[,:;()](?:(?<={_CJK}.)|(?={_CJK}))")
"""A half-width mark next to a Chinese character. The mark comes first in the pattern so that the regex
engine skips ahead to marks: with the look-behind first, it tried every character of every report (40% of
reading and checking 10,000 reports)."""
_REFERENCE = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6});")
"""A character reference as CommonMark reads one."""
_FULL = {",": "，", ":": "：", ";": "；", "(": "（", ")": "）"}
_DOC_NO = re.compile(rf"{_CJK}{{1,16}}[〔\[［(（]\d{{4}}[〕\]］)）]\d{{1,4}}号")
"""A 发文字号 as a Word file starts with it (示司发〔2024〕40号; brackets as often mistyped)."""
_OPENING_LINES = 3


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Monday–Friday days after `start` up to and including `end` (public holidays are not known here)."""
    days = 0
    current = start
    while current < end:
        current += dt.timedelta(days=1)
        if current.weekday() < 5:
            days += 1
    return days


def _warn(code: str, rel: str, line: int | None, field: str | None, **args: object) -> Problem:
    return Problem(code, Location(rel, line), field=field, args=args, severity=Severity.WARNING)


def editorial_warnings(split: FrontMatter, meta: ReportMeta, rel: str) -> list[Problem]:
    warnings: list[Problem] = []
    line_of = {key: value.line for key, value in split.fields.items()}
    delay = working_days_between(meta.written, meta.published) if plausible_dates(meta) else 0
    if delay > DISCLOSURE_WORKING_DAYS:
        warnings.append(_warn("SB601", rel, line_of.get("公开日期"), "公开日期", days=delay,
                              limit=DISCLOSURE_WORKING_DAYS))
    if meta.doc_no:
        fixed = _WRONG_BRACKETS.sub(r"〔\1〕", meta.doc_no)
        if fixed != meta.doc_no:
            warnings.append(_warn("SB602", rel, line_of.get("文号"), "文号", value=meta.doc_no, fixed=fixed))
        unpadded = _LEADING_ZERO.sub(r"〔\1〕\2号", fixed)
        if unpadded != fixed:
            warnings.append(_warn("SB603", rel, line_of.get("文号"), "文号", value=meta.doc_no, fixed=unpadded))
    if not meta.doc_no:
        doc_no = _opening_doc_no(split.body, meta.title)
        if doc_no is not None:
            warnings.append(_warn("SB607", rel, split.body_line + doc_no[0], None, value=doc_no[1]))
    if len(meta.title) > TITLE_LIMIT:
        warnings.append(_warn("SB608", rel, line_of.get("信息名称"), "信息名称", length=len(meta.title),
                              limit=TITLE_LIMIT))
    if meta.summary:
        if meta.title in meta.summary or meta.summary.strip("。 ") == meta.title:
            warnings.append(_warn("SB605", rel, line_of.get("内容概述"), "内容概述"))
        if len(meta.summary) > SUMMARY_LIMIT:
            warnings.append(_warn("SB606", rel, line_of.get("内容概述"), "内容概述", length=len(meta.summary),
                                  limit=SUMMARY_LIMIT))
    mixed = half_width_marks(split.body)
    if mixed:
        marks = "".join(sorted({mark for _, mark in mixed}))
        wanted = "".join(_FULL[c] for c in marks)
        warnings.append(_warn("SB604", rel, split.body_line + mixed[0][0], None, count=len(mixed), marks=marks,
                              wanted=wanted))
    return warnings


def half_width_marks(body: str) -> list[tuple[int, str]]:
    """(line index, mark) of each half-width mark next to a Chinese character, but the ; that ends a character
    reference (&nbsp; &#x3000;), which must stay as it is."""
    if not _HALF_WIDTH.search(body):
        return []
    found: list[tuple[int, str]] = []
    for number, text in enumerate(body.split("\n")):
        ends = {ref.end() - 1 for ref in _REFERENCE.finditer(text)} if "&" in text else set()
        found += ((number, match[0]) for match in _HALF_WIDTH.finditer(text) if match.start() not in ends)
    return found


def _opening_doc_no(body: str, title: str) -> tuple[int, str] | None:
    """(line index, 文号) when one of the body's first text lines, before or after a repeated title, is a 文号."""
    texts = 0
    for number, line in enumerate(body.split("\n", 20)[:20]):
        text = line.strip(" \u3000#")
        if not text:
            continue
        if _DOC_NO.fullmatch(text):
            return number, text
        texts += 1
        if text != title or texts >= _OPENING_LINES:
            return None
    return None
