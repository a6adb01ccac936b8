import re
import string

from site_builder.messages import MESSAGES, did_you_mean, render_message


def test_codes_are_stable_format_and_text_is_chinese() -> None:
    for code, text in MESSAGES.items():
        assert re.fullmatch(r"SB\d{3}", code)
        assert re.search(r"[\u4e00-\u9fff]", text), code


def test_every_placeholder_renders() -> None:
    for code, text in MESSAGES.items():
        names = {name for _, name, _, _ in string.Formatter().parse(text) if name}
        rendered = render_message(code, {name: "X" for name in names})
        assert "{" not in rendered


def test_did_you_mean_alias_and_close_match() -> None:
    assert "索引号" in did_you_mean("索引", ["索引号", "信息名称"], {"索引": "索引号"})
    assert "发布机构" in did_you_mean("发布机关", ["索引号", "发布机构"])
    assert did_you_mean("完全无关", ["索引号"]) == ""


def test_hint_for_a_field_name_in_traditional_characters() -> None:
    keys = ["索引号", "信息名称", "发布机构"]
    assert "「发布机构」" in did_you_mean("發布機關", keys)  # one character shared with the simplified form
    assert "「信息名称」" in did_you_mean("資訊名稱", keys)


def test_reworded_takes_the_first_whole_match_and_carries_its_parts() -> None:
    import re

    from site_builder.messages import reworded

    table = [(re.compile(r"'(?P<name>\w+)' is undefined"), "变量「{name}」未定义"),
             (re.compile(r".*undefined"), "未定义")]
    assert reworded("'标题' is undefined", table) == "变量「标题」未定义"
    assert reworded("x is undefined", table) == "未定义"
    assert reworded("'a' is undefined now", table) is None  # whole matches only
    assert reworded("'a' is undefined", table, lambda parts: {"name": parts["name"].upper()}) == "变量「A」未定义"
