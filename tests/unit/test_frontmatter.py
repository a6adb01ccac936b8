from pathlib import Path

import pytest

from site_builder.errors import Problem
from site_builder.frontmatter import split_front_matter
from site_builder.model import FrontMatter, Nested, Source


def _split(text: str) -> FrontMatter | list[Problem]:
    return split_front_matter(Source(Path("x.md"), "x.md", text))


def test_fields_keep_lines_and_raw_strings() -> None:
    result = _split("---\n索引号: 001/2025-00001\n成文日期: 2025-01-02\n文号: 007\n关键词: [普法, 计划]\n---\n\n正文\n")
    assert isinstance(result, FrontMatter)
    assert result.fields["索引号"].value == "001/2025-00001" and result.fields["索引号"].line == 2
    assert result.fields["成文日期"].value == "2025-01-02"  # no YAML date guessing
    assert result.fields["文号"].value == "007"  # no integer guessing, leading zero kept
    assert result.fields["关键词"].value == ["普法", "计划"]
    assert result.body == "\n正文\n" and result.body_line == 7


def test_a_chinese_colon_or_no_space_after_the_colon_is_named_at_its_line() -> None:
    """All six fields written 字段：值 were "a single value, not a mapping"; one such line in the middle was
    "缺少冒号" at the line after it; 索引号:值 was an error two lines further down."""
    def found(header: str) -> list[tuple[int | None, str | None, str]]:
        result = _split(f"---\n{header}---\n\n正文\n")
        assert isinstance(result, list)
        return [(p.location.line if p.location else None, p.field, p.code) for p in result]

    assert found("索引号：t/1\n信息名称：报告\n公开方式：主动公开\n") == [
        (2, "索引号", "SB220"), (3, "信息名称", "SB220"), (4, "公开方式", "SB220")]
    assert found("索引号: t/1\n信息名称：报告\n公开方式: 主动公开\n") == [(3, "信息名称", "SB220")]
    assert found("索引号:t/1\n信息名称: 报告\n") == [(2, "索引号", "SB220")]
    message = _split("---\n信息名称：关于：普法\n---\n正文\n")[0].message  # type: ignore[index]
    assert message == "用了全角冒号「：」（字段名后要用半角冒号加一个空格），请写作「信息名称: 关于：普法」"
    fine = "信息名称: 关于：普法\n内容概述: |\n  全文：共三部分\n文号: 鲁司〔2025〕1号\n# 说明：备注\n成文日期:\n"
    assert isinstance(_split(f"---\n{fine}---\n正文\n"), FrontMatter)


def test_null_and_empty() -> None:
    result = _split("---\n文号:\n信息名称: ~\n---\nx")
    assert isinstance(result, FrontMatter)
    assert result.fields["文号"].value is None and result.fields["信息名称"].value is None


def test_yaml_bomb_is_refused_quickly() -> None:
    bomb = "---\na: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(9)) + "---\nx"
    result = _split(bomb)
    assert isinstance(result, list) and result[0].code == "SB208"


def test_end_fence_dots() -> None:
    result = _split("---\n信息名称: 甲\n...\n正文")
    assert isinstance(result, FrontMatter) and result.body == "正文"


def test_nested_mapping_value_is_flagged_later() -> None:
    result = _split("---\n信息名称:\n  甲: 乙\n---\nx")
    assert isinstance(result, FrontMatter)
    assert isinstance(result.fields["信息名称"].value, Nested)  # a mark metadata refuses (SB310)


def test_syntax_error_is_translated() -> None:
    result = _split("---\n信息名称: [甲\n---\nx")
    assert isinstance(result, list) and result[0].code == "SB205" and "方括号" in result[0].message


def test_field_names_in_traditional_characters_are_the_fields_they_spell() -> None:
    result = _split("---\n索引號: a/1\n發布機構: 甲\n信息名稱: 乙\n未知欄位: 丙\n---\nx")
    assert isinstance(result, FrontMatter)
    assert result.fields["索引号"].value == "a/1" and result.fields["索引号"].line == 2
    assert result.fields["发布机构"].value == "甲" and result.fields["信息名称"].value == "乙"
    assert "未知欄位" in result.fields  # not a field: left as written, for the unknown-field error


def test_a_field_and_its_traditional_spelling_are_one_field_given_twice() -> None:
    result = _split("---\n索引号: a/1\n索引號: a/2\n---\nx")
    assert isinstance(result, list) and [(p.code, p.location.line) for p in result] == [("SB207", 3)]


def test_a_control_character_is_named_with_its_line() -> None:
    for text in ("---\n信息名称: 甲\n文号: 控制\x07字符\n---\nx", "---\n信息名称: 法治\n文号: 法\x1b\n---\nx"):
        result = _split(text)
        assert isinstance(result, list) and result[0].code == "SB205" and result[0].location.line == 3
        assert "控制字符 U+00" in result[0].message and "control" not in result[0].message


BROKEN_YAML = ["a: [\n", "a: b: c\n", "a: @x\n", "a: `x`\n", "a:\n\t- x\n", "- a\nb: c\n", "a: !foo!bar x\n",
               "a: &x 1\nb: &x 2\n", "a: *y\n", "a:\n  - x\n  y: 1\n", "a: x\n  b: y\n", "a: %x\n", "a: |x\n",
               "a: - b\n", "a: 1\n---\nb: 2\n", "a: 'x\n", 'a: "\\q"\n', "a: {b\n", "a: [b\n", "[a\n", "{a: 1\n",
               "a: 'x' y\n", "信息名称: 通知: 关于开展普法的通知\n"]


@pytest.mark.parametrize("text", BROKEN_YAML)
def test_every_yaml_error_editors_meet_is_explained_in_chinese(text: str) -> None:
    """libyaml's words were shown as they were for the commonest mistake (a title with ": " in it: "mapping
    values are not allowed in this context") and eight others."""
    import re

    from site_builder.frontmatter import compose

    problem = compose(text, "content/a.md", 1, "SB205")
    assert isinstance(problem, Problem) and problem.code == "SB205"
    detail = str(problem.args["detail"])
    assert not re.search("[A-Za-z]{3,}", detail.replace("YAML", "").replace("Tab", "")), detail


@pytest.mark.parametrize(("text", "hint"), [
    ("\n\n---\n索引号: a/1\n---\n正文\n", "（--- 之前有 2 个空行，请删除它们，让 --- 成为第一行）"),
    ('+++\ntitle = "报告"\n+++\n\n正文。\n', "（这是 Hugo 的 TOML 写法：请把 +++ 改为 ---，字段写成「键: 值」）"),
    ('{\n"title": "报告"\n}\n\n正文。\n', "（这是 JSON 写法：请改为 --- 之间「键: 值」的 YAML）"),
    ("", "（文件是空的）"),
    ("  \n\n", "（文件是空的）"),
    ("罗庄区司法局2025年普法工作计划\n\n正文\n", ""),
    ("——\n索引号: a/1\n——\n正文\n", "（第一行「——」不是 ---：请改为三个半角减号）"),
    ("－－－\n索引号: a/1\n－－－\n正文\n", "（第一行「－－－」不是 ---：请改为三个半角减号）"),
])
def test_a_file_without_front_matter_is_told_what_it_starts_with(text: str, hint: str) -> None:
    """Blank lines above ---, Hugo's TOML (+++) and JSON front matter got the same bare SB203 as no header."""
    problems = _split(text)
    assert isinstance(problems, list) and [(p.code, p.location.line) for p in problems] == [("SB203", 1)]
    assert problems[0].message.endswith("再以 --- 结束" + hint)


def test_a_closing_line_of_other_dashes_is_named() -> None:
    """--- then ——— (a Chinese input method's dashes) or ---- got "no end" at line 1."""
    for closing in ("———", "----", "－－－"):
        problems = _split(f"---\n索引号: a/1\n信息名称: 报告\n{closing}\n\n正文\n")
        assert isinstance(problems, list) and [(p.code, p.location.line) for p in problems] == [("SB204", 4)]
        assert problems[0].message.endswith(f"（第 4 行「{closing}」像是结束行，但只有三个半角减号 --- 才算）")
    problems = _split("---\n索引号: a/1\n\n正文\n")
    assert isinstance(problems, list) and problems[0].location.line == 1 and problems[0].message.endswith("---")


@pytest.mark.parametrize(("header", "line", "field", "tag"), [
    ("信息名称: !important 关于开展普法工作的通知", 2, "信息名称", "!important"),
    ("文号: x\n关键词: !!python/object/apply:os.system ['echo hi']", 3, "关键词", "!!python/object/apply:os.system"),
    ("关键词:\n  - 普法\n  - !t 法治", 4, "关键词", "!t"),
    ("!!binary 信息名称: aGk=", 2, "信息名称", "!!binary"),
    ("信息名称: !<verbatim> 通知", 2, "信息名称", "!<verbatim>"),
    ("!root\n信息名称: 通知", 2, None, "!root"),
])
def test_a_yaml_tag_is_refused_where_it_stands_naming_it(header: str, line: int, field: str | None, tag: str) -> None:
    result = _split(f"---\n{header}\n---\n正文")
    assert isinstance(result, list)
    assert [(p.code, p.location.line if p.location else None, p.field, p.args["tag"]) for p in result] == [
        ("SB221", line, field, tag)]
    assert tag in result[0].message and "引号" in result[0].message


@pytest.mark.parametrize("value", ['"!important 通知"', "'!重要'", "！重要通知", "!!str 2025-01-02", "a!b", "'<<'"])
def test_quoted_or_implicit_values_have_no_tag_problem(value: str) -> None:
    result = _split(f"---\n信息名称: {value}\n---\n正文")
    assert isinstance(result, FrontMatter), result


@pytest.mark.parametrize(("header", "field", "line", "comment"), [
    ("信息名称: 开展 #宪法宣传周# 活动的通知", "信息名称", 2, "#宪法宣传周# 活动的通知"),
    ("文号: x\n关键词:\n  - 普法\n  - 宪法\t#国家安全", "关键词", 5, "#国家安全"),
    ("文号: #1", "文号", 2, "#1"),
    ("内容概述: 第一行\n  第二行 #宪法宣传周#", "内容概述", 3, "#宪法宣传周#"),
])
def test_a_comment_after_an_unquoted_value_is_noted_with_its_line(header: str, field: str, line: int,
                                                                 comment: str) -> None:
    result = _split(f"---\n{header}\n---\n正文")
    assert isinstance(result, FrontMatter)
    assert result.fields[field].comment == (line, comment)
    assert [key for key, value in result.fields.items() if value.comment] == [field]


@pytest.mark.parametrize("header", [
    "信息名称: 开展#宪法宣传周#活动", "信息名称: \"开展 #宪法宣传周# 活动\"", "信息名称: '开展' # 引号内是全部",
    "# 整行注释\n信息名称: 通知", "关键词: [普法, 宪法] # 流式列表", "信息名称: 通知\n# 下一行的注释",
    "信息名称: C#语言", "信息名称: |\n  多行 # 字面块里的 # 是文字",
    "文号: # 无", "内容概述: 第一行\n  第二行 # 尾注", "关键词:\n  - 普法\t# 第一个",
    # a field `import` left to fill in, filled in with its note kept
    "公开方式: 主动公开  # 待填写：主动公开 / 依申请公开 / 不予公开",
])
def test_no_comment_is_noted_where_yaml_keeps_the_text_or_the_author_quoted(header: str) -> None:
    result = _split(f"---\n{header}\n---\n正文")
    assert isinstance(result, FrontMatter)
    assert all(value.comment is None for value in result.fields.values())


_TYPED = """a:
b: ~
c: null
d: Null
e: NULL
f: 'null'
g: ""
h: 2025-01-02
i: 12
j: 1.5e3
k: .inf
l: yes
m: off
n: true
o: 0x1F
p: 1_000
q: [~, null, 'x', 2025-01-02, no]
r: {s: ~, t: 1}
<<: z
u: |
  block
v: >
  folded
w: !!str 12
x: ! 12
y: 2025-01-02T10:00:00Z
"""


def test_values_read_as_with_pyyaml_s_own_resolver() -> None:
    """Only null is told apart (values stay text): the small resolver gives the same values and nulls."""
    import yaml

    from site_builder import frontmatter

    def values(loader: object) -> list[tuple[object, ...]]:
        root = yaml.compose(_TYPED, Loader=loader)
        return [(key.value, frontmatter.node_value(value), value.tag.endswith(":null"),
                 frontmatter.explicit_tag(value) is not None) for key, value in root.value]

    assert values(frontmatter._LOADER) == values(frontmatter._BASE_LOADER)
    tags = {node.tag for node in _walk(yaml.compose(_TYPED, Loader=frontmatter._LOADER))}
    assert tags <= frontmatter._IMPLICIT_TAGS


def _walk(node):  # type: ignore[no-untyped-def]
    yield node
    if isinstance(node.value, list):
        for item in node.value:
            for part in item if isinstance(item, tuple) else (item,):
                yield from _walk(part)
