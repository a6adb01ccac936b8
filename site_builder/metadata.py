"""Front matter to ReportMeta: the report schema, declared once, with every problem collected."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

from .errors import Location, Problem, Severity
from .hanzi import known_spelling
from .messages import did_you_mean
from .model import FieldValue, Nested, ReportMeta

Kind = Literal["text", "date", "list", "lines"]


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One front-matter field: its Chinese key, the ReportMeta attribute it fills, and its shape."""

    key: str
    attr: str
    required: bool
    kind: Kind = "text"
    choices: tuple[str, ...] = ()
    choice_code: str = ""


SCHEMA: tuple[FieldSpec, ...] = (
    FieldSpec("索引号", "index_no", True),
    FieldSpec("信息名称", "title", True),
    FieldSpec("公开方式", "disclosure", True, choices=("主动公开", "依申请公开", "不予公开"), choice_code="SB306"),
    FieldSpec("发布机构", "publisher", True),
    FieldSpec("成文日期", "written", True, kind="date"),
    FieldSpec("公开日期", "published", True, kind="date"),
    FieldSpec("栏目", "column", False),
    FieldSpec("文号", "doc_no", False),
    FieldSpec("主题分类", "topic", False),
    FieldSpec("体裁分类", "genre", False),
    FieldSpec("关键词", "keywords", False, kind="list"),
    FieldSpec("内容概述", "summary", False),
    FieldSpec("有效性", "validity", False, choices=("有效", "失效", "废止"), choice_code="SB311"),
    FieldSpec("落款", "signature", False, kind="lines"),
)
KEYS = [spec.key for spec in SCHEMA]
ALIASES = {
    "索引": "索引号", "索引编号": "索引号", "标题": "信息名称", "名称": "信息名称", "题目": "信息名称",
    "发布单位": "发布机构", "发文机关": "发布机构", "发文单位": "发布机构", "来源": "发布机构",
    "发布日期": "公开日期", "发文日期": "成文日期", "签发日期": "成文日期", "生成日期": "成文日期",
    "发文字号": "文号", "字号": "文号", "主题词": "关键词", "摘要": "内容概述", "分类": "主题分类",
    "体裁": "体裁分类", "公开形式": "公开方式", "所属栏目": "栏目", "署名": "落款",
}
PUBLIC = "主动公开"

FIRST_YEAR, LAST_YEAR = 1949, 2099
"""Years a report's dates plausibly fall in; outside them most likely a typo (0225 for 2025), which would
publish the report under a year of its own, or (a 公开日期 of 2205) hold it back for ever."""


def plausible_dates(meta: ReportMeta) -> bool:
    """Both dates within FIRST_YEAR–LAST_YEAR: warnings drawn from the dates (how far apart, how far ahead) are
    noise beside SB324's for a year mistyped."""
    return all(FIRST_YEAR <= day.year <= LAST_YEAR for day in (meta.written, meta.published))


_DATE = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})$")
_INDEX_NO = re.compile(r"^[A-Za-z0-9][A-Za-z0-9/_.\-]{0,79}$")
_LIST_SPLIT = re.compile(r"[,，;；、\s]+")
_INVISIBLE = {"Cc", "Cf", "Co", "Cs", "Zl", "Zp"}


def validate_meta(fields: dict[str, FieldValue], rel: str) -> tuple[ReportMeta | None, list[Problem]]:
    """Check every field against SCHEMA: the typed metadata (None if any error) and every problem found.

    Zero-width and direction-override characters are stripped from text fields with a warning, since they
    make look-alike titles; in 索引号, which must stay exact, they are an error.
    """
    problems: list[Problem] = []
    for key, entry in fields.items():
        if key not in KEYS:
            problems.append(Problem("SB301", Location(rel, entry.line), field=key,
                                    args={"key": key, "hint": did_you_mean(key, KEYS, ALIASES)}))
    typed: dict[str, object] = {}
    for spec in SCHEMA:
        value = fields.get(spec.key)
        if value is None:
            if spec.required:
                problems.append(Problem("SB302", Location(rel, None), field=spec.key))
            continue
        if value.comment is not None:
            problems.append(Problem("SB330", Location(rel, value.comment[0]), field=spec.key,
                                    args={"comment": value.comment[1][:40]}, severity=Severity.WARNING))
        if spec.key != "索引号":
            value, stripped = _strip_format_chars(value)
            if stripped:
                problems.append(Problem("SB315", Location(rel, value.line), field=spec.key,
                                        args={"codepoints": "、".join(stripped)}, severity=Severity.WARNING))
        result = _convert(spec, value, rel)
        if isinstance(result, Problem):
            problems.append(result)
        elif result is None:
            if spec.required:
                problems.append(Problem("SB303", Location(rel, value.line), field=spec.key))
        else:
            typed[spec.attr] = result
            if isinstance(result, dt.date) and not FIRST_YEAR <= result.year <= LAST_YEAR:
                problems.append(Problem("SB324", Location(rel, value.line), field=spec.key, severity=Severity.WARNING,
                                        args={"value": result.isoformat(), "first": FIRST_YEAR, "last": LAST_YEAR}))
    written, published = typed.get("written"), typed.get("published")
    if isinstance(written, dt.date) and isinstance(published, dt.date) and published < written:
        problems.append(Problem("SB305", Location(rel, fields["公开日期"].line), field="公开日期",
                                args={"publish": published.isoformat(), "written": written.isoformat()}))
    if any(p.severity is Severity.ERROR for p in problems):
        return None, problems
    return ReportMeta(**typed), problems  # type: ignore[arg-type]


def _convert(spec: FieldSpec, value: FieldValue, rel: str) -> object | Problem | None:
    """One raw value to its typed form; None means empty."""
    where = Location(rel, value.line)
    raw = value.value
    if isinstance(raw, list):
        if any(isinstance(item, Nested) for item in raw):
            return Problem("SB310", where, field=spec.key, args={"expected": "文字的列表，列表中不能再套列表或映射"})
        bad = next((ch for item in raw if (ch := _invisible_char(item, allow_newlines=False))), None)
        if bad is not None:  # the items of a list are text as any other value (a page or feed cannot hold these)
            return Problem("SB314", where, field=spec.key, args={"codepoint": f"{ord(bad):04X}"})
    elif isinstance(raw, Nested):
        return Problem("SB310", where, field=spec.key, args={"expected": "文字，而不是嵌套的映射"})
    if spec.kind == "list":
        items = raw if isinstance(raw, list) else _LIST_SPLIT.split(raw or "")
        cleaned = tuple(i.strip() for i in items if i and i.strip())
        return cleaned or None
    if isinstance(raw, list):
        if spec.kind == "lines":
            lines = tuple(i.strip() for i in raw if i.strip())
            return lines or None
        return Problem("SB310", where, field=spec.key, args={"expected": "单个文字值，而不是列表"})
    text = (raw or "").strip()
    if not text:
        return None
    bad = _invisible_char(text, allow_newlines=spec.kind == "lines" or spec.key == "内容概述")
    if bad is not None:
        return Problem("SB314", where, field=spec.key, args={"codepoint": f"{ord(bad):04X}"})
    if spec.kind == "date":
        return parse_date(text) or Problem("SB304", where, field=spec.key,
                                           args={"value": text, "hint": _date_hint(text)})
    if spec.kind == "lines":
        return tuple(line.strip() for line in text.split("\n") if line.strip())
    if spec.choices:  # traditional spellings (主動公開, 廢止) are the same codes, not free text
        choice = known_spelling(text, spec.choices)
        if choice is None:
            return Problem(spec.choice_code, where, field=spec.key, args={"value": text})
        text = choice
    if spec.key == "索引号" and not _INDEX_NO.match(unicodedata.normalize("NFKC", text)):
        return Problem("SB307", where, field=spec.key, args={"value": text})
    if spec.key == "栏目":
        parts = tuple(p.strip() for p in text.split("/") if p.strip())
        return parts or None
    return " ".join(text.split()) if spec.key in ("信息名称", "发布机构") else text


def parse_date(text: str) -> dt.date | None:
    """A strict YYYY-MM-DD calendar date, or None."""
    match = _DATE.match(text)
    if not match:
        return None
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


_LOOSE_DATE = re.compile(r"(\d{4})\s*[年/.\-]\s*(\d{1,2})\s*[月/.\-]\s*(\d{1,2})\s*日?"
                         r"(?:[\sT]+\d{1,2}[:：]\d{2}(?:[:：]\d{2})?(?:\.\d+)?(?:Z|[+\-]\d{2}:?\d{2})?)?")
"""A date as editors copy it from Word and portal pages, perhaps with a time after it (2025-04-15 10:30)."""


def _date_hint(text: str) -> str:
    """The date written the way the field wants it, when `text` is one written another way (2025年4月15日,
    2025/4/15, full-width digits, a time after it), or why it is no date (2025-02-29)."""
    found = _LOOSE_DATE.fullmatch(unicodedata.normalize("NFKC", text))
    if found is None:
        return ""
    year, month, day = int(found[1]), int(found[2]), int(found[3])
    try:
        return f"（是否应写作 {dt.date(year, month, day).isoformat()}？）"
    except ValueError:
        if not 1 <= month <= 12:
            return f"（没有 {month} 月）"
        return f"（{year} 年 {month} 月没有 {day} 日）"


def index_key(index_no: str) -> str:
    """The form 索引号 are compared in: NFKC, case-folded, so look-alikes collide loudly."""
    return unicodedata.normalize("NFKC", index_no).casefold()


def is_published(meta: ReportMeta, today: dt.date) -> bool:
    """Only 主动公开 reports whose 公开日期 has come appear anywhere in the output."""
    return meta.disclosure == PUBLIC and meta.published <= today


def _strip_format_chars(value: FieldValue) -> tuple[FieldValue, list[str]]:
    """The value without Unicode format characters (zero-width, bidi overrides), and which were removed."""
    removed: list[str] = []

    def clean(text: str) -> str:
        if text.isprintable():  # no character of a C or Z category but the ASCII space: nothing to strip
            return text
        kept = []
        for ch in text:
            if unicodedata.category(ch) == "Cf":
                code = f"U+{ord(ch):04X}"
                if code not in removed:
                    removed.append(code)
            else:
                kept.append(ch)
        return "".join(kept)

    raw = value.value
    if isinstance(raw, list):
        cleaned: str | list[str] | None = [clean(item) for item in raw]
    else:
        cleaned = clean(raw) if raw is not None else None
    return FieldValue(cleaned, value.line, value.comment), removed


def _invisible_char(text: str, allow_newlines: bool) -> str | None:
    if text.isprintable():  # as in _strip_format_chars: most values, checked without a loop in Python
        return None
    for ch in text:
        if allow_newlines and ch in "\n\t":
            continue
        if unicodedata.category(ch) in _INVISIBLE:
            return ch
    return None
