from pathlib import Path

from site_builder.errors import Problem
from site_builder.frontmatter import split_front_matter
from site_builder.model import FrontMatter, Source


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
    assert isinstance(result.fields["信息名称"].value, str) and result.fields["信息名称"].value.startswith("\x00")


def test_syntax_error_is_translated() -> None:
    result = _split("---\n信息名称: [甲\n---\nx")
    assert isinstance(result, list) and result[0].code == "SB205" and "方括号" in result[0].message
