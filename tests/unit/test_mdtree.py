"""The Rust-backed parser tree: conformance with markdown-it-py (the reference implementation, same
settings), safety, and the fallbacks."""

import pytest
from markdown_it import MarkdownIt

from site_builder import mdtree
from site_builder.markdown import render_body
from site_builder.mdtree import is_safe_url, parse, plain_text, walk

CASES = [
    "普通段落。\n第二行\n\n第二段", "- 甲\n- 乙\n\n1. 丙\n2. 丁", "3. 从三开始\n4. 下一项", "- 松散\n\n  列表\n- 第二项",
    "- 外层\n  - 内层\n  - 内层二", "> 引用\n> 第二行\n\n> - 引用里的列表", "*强调* **加粗** ~~删除~~ _下划线强调_",
    "[链接](https://www.gov.cn/ \"标题\") <https://a.cn> [相对](../a.html#s1)", "&amp; &copy; &#x4e00; \\* \\[",
    "```\n代码 <b>\n```\n\n~~~python\nx = 1\n~~~", "甲  \n乙\\\n丙", "---\n\n***", "<b>原样文字</b>\n\n<div>\n块\n</div>",
    "[坏链接](javascript:alert(1)) ![图](data:image/png;base64,AA)", "[引用链接]\n\n[引用链接]: https://a.cn",
    "![图片 *说明*](a.png \"题注\")", "\u3000\u3000全角空格开头的段落", "    四个空格缩进的段落", ">", "- ", "1.",
    "a\n\n\n\nb", "[x]: https://a.cn\n\n正文", "***粗斜***", "中文*强调*中文", "**不闭合", "[不闭合(", "\\", "",
]


class Reference(MarkdownIt):
    def validateLink(self, url: str) -> bool:  # noqa: N802 - markdown-it's name
        return is_safe_url(url)


def reference() -> MarkdownIt:
    """markdown-it-py configured as ours: raw HTML off, hard line breaks, no indented code, no code spans."""
    md = Reference("commonmark", {"html": False, "breaks": True, "xhtmlOut": False}).enable(["table", "strikethrough"])
    return md.disable(["code", "backticks"])


@pytest.mark.parametrize("text", CASES)
def test_same_html_as_markdown_it_py(text: str) -> None:
    assert render_body(text).html == reference().render(text)


def test_tables_match_apart_from_our_wrapper_and_classes() -> None:
    text = "| 甲 | 乙 | 丙 |\n|:-:|--:|---|\n| 1 | *2* | 3 |\n"
    ours = render_body(text).html
    theirs = reference().render(text)
    ours = ours.replace('<div class="table-scroll" role="region" tabindex="0" aria-label="表格（可横向滚动）">\n', "")
    ours = ours.replace("</table>\n</div>\n", "</table>\n").replace(' scope="col"', "")
    for side in ("center", "right"):
        ours = ours.replace(f' class="align-{side}"', f' style="text-align:{side}"')
    assert ours == theirs


def test_backticks_stay_literal_and_never_crash_the_parser() -> None:
    # markdown-it.rs 0.6 panics on "[" then an unmatched backtick when code spans are on
    for text in ("[`", "x [a`", "[a ``b`", "`代码`"):
        html = render_body(text).html
        assert "`" in html and "<code>" not in html


def test_a_parser_panic_falls_back_to_plain_paragraphs(monkeypatch: pytest.MonkeyPatch) -> None:
    class Boom(BaseException):
        pass

    class Broken:
        def tree(self, text: str) -> None:
            raise Boom("panicked")

        def render(self, text: str) -> None:
            raise Boom("panicked")

    monkeypatch.setattr(mdtree, "parser", lambda: Broken())
    blocks = parse("第一段<b>\n第二行\n\n第二段")
    assert [b.kind for b in blocks] == ["paragraph", "paragraph"]
    assert plain_text(blocks[0].children) == "第一段<b> 第二行"
    assert "&lt;b&gt;" in render_body("第一段<b>").html


def test_deep_nesting_is_flattened_not_recursed() -> None:
    blocks = parse(">" * 5000 + " 深处")
    assert max(_depth(b) for b in blocks) <= mdtree.MAX_DEPTH + 3
    assert "深处" in render_body(">" * 5000 + " 深处").html


def _depth(node: mdtree.Node) -> int:
    stack, deepest = [(node, 1)], 0
    while stack:
        current, depth = stack.pop()
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in current.children)
    return deepest


def test_lines_point_into_the_text() -> None:
    blocks = parse("甲\n\n- 乙\n\n| a |\n|---|\n| b |\n")
    lines = {n.kind: n.line for n in walk(blocks) if n.kind in ("bullet_list", "table", "td")}
    assert lines == {"bullet_list": 2, "table": 4, "td": 6}
    assert blocks[0].line == 0


def test_nul_becomes_replacement_character() -> None:
    assert "\ufffd" in render_body("正\0文").html


def test_the_rust_parser_does_not_panic_on_random_markup() -> None:
    # markdown-it.rs panicked on "[" + an unmatched backtick with code spans on; guard the rules we use
    import random

    pieces = ["~", "~~", "*", "**", "`", "```", "[", "]", "(", ")", "\n", "\n\n", " ", "a", "中", "<", ">", "!", "_",
              "\\", "|", "-", "#", ":", "&", "1.", '"', "&amp;", "&#", "    ", "\t", "> ", "- ", "| a |\n|---|\n",
              "[r]: ", "http://x", "![", "](", "\u3000", "\r", "\ufeff", "𠀀"]
    rng = random.Random(7)
    parser = mdtree.parser()
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 30)))
        parser.tree(text)  # a panic raises here (PanicException), failing the test
