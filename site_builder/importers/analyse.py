"""Recognise what a 公文 text tells about itself: portal page header and furniture, title, 文号, letterhead,
closing signature; and remove conversion artefacts. Nothing here invents a value."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ..metadata import parse_date
from ..signature import is_signature_date
from .extract import Block

ARTEFACT = re.compile(r"\[bookmark: [^\]]*\]|\[(?:footnote|endnote|comment)[^\]]*\]")
FURNITURE = re.compile(  # simplified and traditional forms of the page furniture portals wrap articles in
    r"^(无障碍浏览|無障礙瀏覽|无障碍|無障礙|关怀版|關懷版|关闭窗口|關閉窗口|打印本页|列印本頁|【?打印】?|【?关闭】?|【?關閉】?|"
    r"下[载載]\s*Word\s*下[载載]\s*PDF|下[载載]\s*Word|下[载載]\s*PDF|"
    r"您现在的位置[:：].*|您現在的位置[:：].*|当前位置[:：].*|當前位置[:：].*|字[体體][:：]?\s*[大中小\s]+|"
    r"分享到[:：]?.*|扫一扫在手机打开当前页|掃一掃在手機打開當前頁|上一篇[:：].*|下一篇[:：].*)$"
)
HEADER_LABELS = {"索引号": "索引号", "公开方式": "公开方式", "信息名称": "信息名称", "成文日期": "成文日期",
                 "公开日期": "公开日期", "发布机构": "发布机构", "文号": "文号", "发文字号": "文号",
                 "主题分类": "主题分类", "发布日期": "公开日期", "生成日期": "成文日期", "有效性": "有效性",
                 # traditional forms, as on pages published in 繁体
                 "索引號": "索引号", "公開方式": "公开方式", "信息名稱": "信息名称", "公開日期": "公开日期",
                 "發布機構": "发布机构", "發佈機構": "发布机构", "文號": "文号", "發文字號": "文号",
                 "主題分類": "主题分类", "發布日期": "公开日期"}
_LABEL = re.compile(r"(索\s*引\s*[号號]|公\s*[开開]\s*方\s*式|信\s*息\s*名\s*[称稱]|成\s*文\s*日\s*期|"
                    r"公\s*[开開]\s*日\s*期|[发發]\s*[布佈]\s*[机機]\s*[构構]|[发發]\s*文\s*字\s*[号號]|文\s*[号號]|"
                    r"主\s*[题題]\s*分\s*[类類]|[发發]\s*[布佈]\s*日\s*期|生\s*成\s*日\s*期|有\s*效\s*性)\s*[:：]?\s*")
DOC_NO = re.compile(r"^[\u4e00-\u9fff]{1,12}[〔\[［(（]\s*\d{4}\s*[〕\]］)）]\s*\d+\s*[号號]$")
LETTERHEAD = re.compile(r"^(.{2,40}?)(文件|办公室文件|辦公室文件|通知|函)$")
AGENCY_SUFFIX = re.compile(
    r"(局|委员会|委員會|办公室|辦公室|政府|法院|检察院|檢察院|厅|廳|委|办|辦|所|中心|小组|小組|部|院|处|處)$")
SENTENCE = set("。，；！？,;!?")
CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


@dataclass
class Analysis:
    """Fields recognised in the text, the cleaned body blocks, and notes for the editor."""

    fields: dict[str, str] = field(default_factory=dict)
    body: list[Block] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def clean_text(text: str) -> str:
    """Drop Word artefacts and leading indentation spaces; keep the author's characters and punctuation."""
    return ARTEFACT.sub("", text).strip(" \u3000\t\u00a0")


def chinese_date(text: str) -> dt.date | None:
    """2025年4月15日 or 二〇二五年四月十五日 → date."""
    text = text.strip(" \u3000")
    match = re.match(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$", text)
    if match:
        try:
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            return None
    match = re.match(r"^([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月"
                     r"([一二三四五六七八九十]{1,3})日$", text)
    if not match:
        return None
    year = int("".join(str(CN_DIGITS[c]) for c in match[1]))
    try:
        return dt.date(year, _cn_number(match[2]), _cn_number(match[3]))
    except ValueError:
        return None


def _cn_number(text: str) -> int:
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + CN_DIGITS[text[1]]
    if "十" in text:
        tens, _, ones = text.partition("十")
        return CN_DIGITS[tens] * 10 + (CN_DIGITS[ones] if ones else 0)
    return CN_DIGITS[text]


def reads_as_title(text: str) -> bool:
    return 4 <= len(text) <= 60 and not any(c in SENTENCE for c in text) and not DOC_NO.match(text)


def parse_portal_header(lines: list[str]) -> dict[str, str]:
    """Label/value pairs from a scraped 公开 page header (`索 引 号 xxx 公开方式 主动公开` ...)."""
    found: dict[str, str] = {}
    for line in lines:
        labels = list(_LABEL.finditer(line))
        if not labels:
            continue
        for current, following in zip(labels, labels[1:] + [None], strict=True):
            end = following.start() if following else len(line)
            value = line[current.end():end].strip().strip("\u3000:：\u00a0 ")
            key = HEADER_LABELS.get("".join(current.group(1).split()), "")
            if not key:
                continue
            if value and key not in found:
                found[key] = value
    return found


def analyse(blocks: list[Block], doc_title: str = "") -> Analysis:
    result = Analysis()
    paragraphs = [Block(text=clean_text(b.text)) if not b.rows else b for b in blocks]
    paragraphs = [b for b in paragraphs if b.rows or b.text]
    # scraped portal page: header lines, then furniture to drop
    header_lines = [b.text for b in paragraphs[:12] if not b.rows and _LABEL.search(b.text)]
    header = parse_portal_header(header_lines) if len(header_lines) >= 2 else {}
    if header:
        result.fields.update(header)
        result.notes.append("识别为门户网站页面：已从页头读取" + "、".join(header))
        paragraphs = [b for b in paragraphs if b.rows or b.text not in header_lines]
    before = len(paragraphs)
    paragraphs = [b for b in paragraphs if b.rows or not FURNITURE.match(b.text)]
    if len(paragraphs) < before:
        removed = before - len(paragraphs)
        result.notes.append(f"已删除 {removed} 行网页元素（无障碍浏览、位置导航、关闭窗口、下载链接等）")
    # letterhead and 文号 at the top
    while paragraphs and not paragraphs[0].rows:
        first = paragraphs[0].text
        letterhead = LETTERHEAD.match(first)
        if letterhead and "发布机构" not in result.fields and len(first) <= 30 and AGENCY_SUFFIX.search(letterhead[1]):
            result.fields["发布机构"] = letterhead[1]
            paragraphs.pop(0)
        elif DOC_NO.match(first):
            result.fields.setdefault("文号", first)
            paragraphs.pop(0)
        else:
            break
    # title: the first line when it reads as one; drop repeats of it
    title = result.fields.get("信息名称", "")
    if paragraphs and not paragraphs[0].rows and reads_as_title(paragraphs[0].text):
        title = title or paragraphs[0].text
        if paragraphs[0].text == title:
            paragraphs.pop(0)
    elif not title and doc_title:
        title = doc_title
    while paragraphs and not paragraphs[0].rows and paragraphs[0].text == title:
        paragraphs.pop(0)
    if title:
        result.fields["信息名称"] = title
    # signature: agency line(s) then a date, at the very end; stays in the body as written
    tail = [b.text for b in paragraphs[-3:] if not b.rows]
    if tail and is_signature_date(tail[-1]):
        date = chinese_date(tail[-1])
        if date:
            result.fields.setdefault("成文日期", date.isoformat())
        if len(tail) >= 2 and AGENCY_SUFFIX.search(tail[-2]) and len(tail[-2]) <= 40:
            result.fields.setdefault("发布机构", tail[-2])
    for key in ("成文日期", "公开日期"):
        if key in result.fields and parse_date(result.fields[key]) is None:
            date = chinese_date(result.fields[key])
            if date is None:
                result.notes.append(f"「{key}」的值「{result.fields[key]}」不是日期，已留空")
                del result.fields[key]
            else:
                result.fields[key] = date.isoformat()
    result.body = paragraphs
    return result
