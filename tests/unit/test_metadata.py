import datetime as dt

from site_builder.metadata import index_key, is_published, parse_date, validate_meta
from site_builder.model import FieldValue, ReportMeta

FIELDS = {
    "索引号": "luozhuangqulz207/2023-0000131", "信息名称": "罗庄区司法局2023年普法工作计划", "公开方式": "主动公开",
    "发布机构": "罗庄区司法局", "成文日期": "2023-08-08", "公开日期": "2023-08-08",
}


def _fields(**changes: object) -> dict[str, FieldValue]:
    merged = {**FIELDS, **changes}
    return {k: FieldValue(v, i + 2) for i, (k, v) in enumerate(merged.items()) if v is not ...}  # type: ignore[misc]


def validate(fields, rel):
    """Old shape for brevity: the metadata, or the list of problems when there is an error."""
    meta, problems = validate_meta(fields, rel)
    return meta if meta is not None else problems


def test_valid_meta() -> None:
    meta = validate(_fields(关键词="普法，计划、 责任制", 栏目="甲/乙/丙", 落款="罗庄区司法局\n2023年8月8日"), "a.md")
    assert isinstance(meta, ReportMeta)
    assert meta.written == dt.date(2023, 8, 8)
    assert meta.keywords == ("普法", "计划", "责任制")
    assert meta.column == ("甲", "乙", "丙")
    assert meta.signature == ("罗庄区司法局", "2023年8月8日")


def test_title_whitespace_collapsed() -> None:
    meta = validate(_fields(信息名称="  罗庄区  2023年 计划 "), "a.md")
    assert isinstance(meta, ReportMeta) and meta.title == "罗庄区 2023年 计划"


def test_unknown_key_suggests() -> None:
    problems = validate(_fields(索引="x"), "a.md")
    assert isinstance(problems, list)
    assert problems[0].code == "SB301" and "索引号" in problems[0].message


def test_many_problems_at_once() -> None:
    problems = validate(_fields(成文日期="2023-8-8", 公开方式="公开", 信息名称=""), "a.md")
    assert isinstance(problems, list)
    assert sorted(p.code for p in problems) == ["SB303", "SB304", "SB306"]


def test_full_width_index_is_accepted_and_folds() -> None:
    meta = validate(_fields(索引号="ＬＵＯ/２０２３-1"), "a.md")
    assert isinstance(meta, ReportMeta)
    assert index_key(meta.index_no) == index_key("luo/2023-1")


def test_zero_width_and_bidi_stripped_from_titles_with_warning() -> None:
    for bad, clean in (("罗庄\u200b区", "罗庄区"), ("abc\u202e", "abc"), ("x\u2066y\u2069", "xy")):
        meta, problems = validate_meta(_fields(信息名称=bad), "a.md")
        assert meta is not None and meta.title == clean
        assert [(p.code, p.severity.value) for p in problems] == [("SB315", "warning")]


def test_invisible_characters_rejected_in_index_and_control_chars_everywhere() -> None:
    for field, bad in (("索引号", "luo\u200b/2023-1"), ("索引号", "luo\u202e/2023-1"), ("信息名称", "标题\x07")):
        problems = validate(_fields(**{field: bad}), "a.md")
        assert isinstance(problems, list) and problems[0].code == "SB314", (field, problems)


def test_dates() -> None:
    assert parse_date("2024-02-29") == dt.date(2024, 2, 29)
    assert parse_date("2023-02-29") is None
    assert parse_date("2023/02/01") is None
    assert parse_date("２０２３-02-01") is None


def test_published_rule() -> None:
    meta = validate(_fields(), "a.md")
    assert isinstance(meta, ReportMeta)
    assert is_published(meta, dt.date(2023, 8, 8))
    assert not is_published(meta, dt.date(2023, 8, 7))
    other = validate(_fields(公开方式="依申请公开"), "a.md")
    assert isinstance(other, ReportMeta) and not is_published(other, dt.date(2030, 1, 1))


def test_traditional_spellings_of_controlled_values() -> None:
    meta = validate(_fields(公开方式="主動公開", 有效性="廢止"), "a.md")
    assert isinstance(meta, ReportMeta) and meta.disclosure == "主动公开" and meta.validity == "废止"
    other = validate(_fields(公开方式="依申請公開"), "a.md")
    assert isinstance(other, ReportMeta) and other.disclosure == "依申请公开"


def test_printable_values_skip_the_character_loops_with_the_same_answers() -> None:
    import random
    import unicodedata

    from site_builder.metadata import _INVISIBLE, _invisible_char, _strip_format_chars

    pieces = ["a", " ", "法", "\u3000", "\n", "\t", "\x07", "\u200b", "\u202e", "\ufeff", "\ue000", "\u2028",
              "\u00a0", "😀", "\U000f0000"]
    rng = random.Random(5)
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 8)))
        for allow in (False, True):
            first = next((ch for ch in text if not (allow and ch in "\n\t")
                          and unicodedata.category(ch) in _INVISIBLE), None)
            assert _invisible_char(text, allow) == first, repr(text)
        cleaned, removed = _strip_format_chars(FieldValue(text, 1))
        assert cleaned.value == "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
        assert removed == list(dict.fromkeys(f"U+{ord(ch):04X}" for ch in text if unicodedata.category(ch) == "Cf"))


def test_a_date_written_another_way_gets_the_right_spelling_in_its_error() -> None:
    from site_builder.errors import Location
    from site_builder.model import FieldValue

    for value, hint in (("2024年12月20日", "（是否应写作 2024-12-20？）"), ("2024/1/5", "（是否应写作 2024-01-05？）"),
                        ("２０２４年１月５日", "（是否应写作 2024-01-05？）"), ("去年", ""),
                        ("2024-01-05 10:30", "（是否应写作 2024-01-05？）"),  # a time copied with it: no hint before
                        ("2024-01-05T10:30:00+08:00", "（是否应写作 2024-01-05？）"),
                        ("2024年2月30日", "（2024 年 2 月没有 30 日）"), ("2025-02-29", "（2025 年 2 月没有 29 日）"),
                        ("2024-13-01", "（没有 13 月）")):
        fields = {key: FieldValue(text, 1) for key, text in (("索引号", "t/1"), ("信息名称", "题"), ("公开方式", "主动公开"),
                                                             ("发布机构", "局"), ("成文日期", value), ("公开日期", "2025-01-01"))}
        meta, problems = validate_meta(fields, "content/a.md")
        assert meta is None and [p.code for p in problems] == ["SB304"]
        assert problems[0].format().endswith(f"例如 2025-04-15{hint} [SB304]"), problems[0].format()
        assert problems[0].location == Location("content/a.md", 1) and problems[0].field == "成文日期"


def test_a_year_outside_1949_to_2099_is_most_likely_a_typo() -> None:
    """0225 for 2025 published the report under a year of its own; 2205 held it back, both without a word."""
    meta, problems = validate_meta(_fields(成文日期="0225-08-08", 公开日期="2205-08-08"), "a.md")
    assert meta is not None and meta.published == dt.date(2205, 8, 8)  # a warning: the dates stand as written
    assert [(p.code, p.field, p.location.line, p.severity.name) for p in problems] == [
        ("SB324", "成文日期", 6, "WARNING"), ("SB324", "公开日期", 7, "WARNING")]
    assert validate_meta(_fields(成文日期="1949-10-01", 公开日期="2099-12-31"), "a.md")[1] == []


def test_list_fields_refuse_nested_values_and_control_characters(make_project) -> None:  # type: ignore[no-untyped-def]
    """关键词: {a: 1} published an internal marker with a NUL byte in every page's keywords; a control character in
    a list item (YAML "\\u0001") ended the build in the Word export; [[a, b], c] dropped a and b silently."""
    from site_builder.build import check

    from ..conftest import TODAY, report_text

    cases = {"mapping": "关键词: {甲: 1}\n", "set": "关键词: !!set {甲, 乙}\n", "nested": "关键词: [[甲, 乙], 丙]\n",
             "in-list": "关键词: [{甲: 1}]\n", "control": '关键词: ["甲\\u0001乙", 丙]\n',
             "signature": '落款: ["示例\\u0007局", 2025年1月3日]\n'}
    root = make_project({f"content/{name}.md": report_text(index=f"t/{n}", extra=extra)
                         for n, (name, extra) in enumerate(cases.items())})
    found = {p.location.path.split("/")[-1][:-3]: (p.code, p.field) for p in check(root, TODAY) if p.location}
    assert found == {"mapping": ("SB310", "关键词"), "set": ("SB221", "关键词"), "nested": ("SB310", "关键词"),
                     "in-list": ("SB310", "关键词"), "control": ("SB314", "关键词"), "signature": ("SB314", "落款")}


def test_a_typed_nul_is_a_control_character_not_a_nested_value() -> None:
    """The nested-value mark used to be text starting with NUL, so "\\0…" typed in a title read as a mapping."""
    meta, problems = validate_meta(_fields(信息名称="\x00开头的标题"), "a.md")
    assert meta is None and [p.code for p in problems] == ["SB314"]


def test_a_value_cut_short_by_a_yaml_comment_is_published_with_a_warning_at_the_comment() -> None:
    fields = _fields(信息名称="开展")
    fields["信息名称"] = FieldValue("开展", 3, (3, "#宪法宣传周# 活动的通知"))
    fields["关键词"] = FieldValue(["普法", "宪法"], 8, (10, "# 第二个"))
    meta, problems = validate_meta(fields, "a.md")
    assert meta is not None and meta.title == "开展"
    assert [(p.code, p.severity.value, p.field, p.location.line if p.location else None) for p in problems] == [
        ("SB330", "warning", "信息名称", 3), ("SB330", "warning", "关键词", 10)]
    assert "#宪法宣传周# 活动的通知" in problems[0].message and "引号" in problems[0].message
