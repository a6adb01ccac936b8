"""Templates compacted as they compile (compact.py): only whitespace that cannot show goes."""

from __future__ import annotations

import re
from pathlib import Path

import jinja2
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from site_builder.compact import BLOCK, CompactHtml, compact_pieces
from site_builder.minify import minify_fragment
from site_builder.templates import TemplateFailure, compacts, make_environment, render_template


def _render(source: str, compact: bool, **context: object) -> str:
    env = jinja2.Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True,
                             extensions=[CompactHtml] if compact else [])
    return env.from_string(source).render(context)


_NEXT_TO_BLOCK = re.compile(rf" (?=</?(?:{'|'.join(BLOCK)})[\s>/])|(?<=>) ")


def _settled(html: str) -> str:
    """minify-html's output with a space next to a block-level tag taken out: minify-html decides by the
    parent element and keeps some that cannot show (the space in <li><div></div> <div></div></li>);
    compaction decides by the neighbours, which it knows without the parent."""
    def drop(found: re.Match[str]) -> str:
        if found[0] == " " and found.start() > 0 and html[found.start() - 1] == ">":
            tag = re.search(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)[^<>]*>$", html[: found.start()])
            after = re.match(r"</?([a-zA-Z][a-zA-Z0-9-]*)", html[found.end():])
            names = {tag[2].lower() if tag else "", after[1].lower() if after else ""}
            return "" if names & BLOCK else " "
        return ""
    return _NEXT_TO_BLOCK.sub(drop, html)


def _same_when_minified(source: str, **context: object) -> str:
    """The compacted rendering, checked against the library: minifying it gives what minifying the plain
    rendering gives, but for spaces next to block-level tags (see _settled)."""
    compacted = _render(source, True, **context)
    assert _settled(minify_fragment(compacted)) == _settled(minify_fragment(_render(source, False, **context)))
    return compacted


def test_indentation_between_block_tags_goes() -> None:
    source = "<ul>\n  {% for x in items %}\n  <li>\n    {{ x }}\n  </li>\n  {% endfor %}\n</ul>\n"
    assert _same_when_minified(source, items=["甲", "乙"]) == "<ul><li>甲</li><li>乙</li></ul>"


def test_a_line_break_between_inline_things_stays_one_space() -> None:
    source = '<p>\n  <a href="{{ u }}">上一篇</a>\n  <a href="{{ u }}">下一篇</a>\n  文字\n</p>'
    out = _same_when_minified(source, u="x.html")
    assert out == '<p><a href="x.html">上一篇</a> <a href="x.html">下一篇</a> 文字</p>'


def test_text_shown_as_written_is_kept() -> None:
    source = ("<div>\n<pre>\n  第一行\n    缩进\n</pre>\n<textarea>\n a\n  b</textarea>\n"
              "<script>\n  var a = 1;\n  // <!-- 不是注释 -->\n</script>\n</div>\n")
    out = _same_when_minified(source)
    assert "<pre>\n  第一行\n    缩进\n</pre>" in out
    assert "<textarea>\n a\n  b</textarea>" in out
    assert "<script>\n  var a = 1;\n  // <!-- 不是注释 -->\n</script>" in out


def test_kept_text_may_span_values_and_statements() -> None:
    source = "<pre>\n{% for line in lines %}\n  {{ line }}\n{% endfor %}\n</pre>\n<p>\n  后\n</p>"
    out = _same_when_minified(source, lines=["一", "二"])
    assert out == "<pre>\n  一\n  二\n</pre><p>后</p>"


def test_head_whitespace_goes_but_the_title_is_kept() -> None:
    source = ('<!DOCTYPE html>\n<html>\n<head>\n<title>  {{ t }}  </title>\n  <meta name="a" content="{{ t }}">\n'
              '  <script src="a.js"></script>\n  <link rel="icon" href="i.svg">\n</head>\n<body>\n<p>x</p>\n</body>\n'
              '</html>\n')
    out = _same_when_minified(source, t="标题")
    assert out.startswith('<!DOCTYPE html><html><head><title>  标题  </title><meta name="a" content="标题">'
                          '<script src="a.js"></script><link rel="icon" href="i.svg"></head><body><p>x</p>')


def test_whitespace_inside_a_tag_stays_a_separator() -> None:
    source = '<a\n   class="x"\n   href="{{ u }}"\n>链接</a>\n<span>后</span>'
    assert _same_when_minified(source, u="y") == '<a class="x" href="y">链接</a> <span>后</span>'


def test_comments_go_values_do_not() -> None:
    source = "<div>\n<!-- 模板的注释 -->\n<p>{{ v }}</p>\n</div>"
    out = _same_when_minified(source, v="  正文  \n 内容 ")
    assert out == "<div><p>  正文  \n 内容 </p></div>"


def test_spaces_within_a_line_are_left_alone() -> None:
    """Only line breaks and whitespace at a value's edge are looked at; a space the author typed is kept."""
    source = "<p>甲  乙 <b>丙</b> 丁</p>\u3000<span>全角空格</span>"
    assert _same_when_minified(source) == source


def test_pieces_between_values_are_judged_by_what_they_touch() -> None:
    assert compact_pieces(["<div>\n  ", None, "\n</div>"]) == ["<div>", None, "</div>"]
    assert compact_pieces(["<span>\n  ", None, "\n  </span>"]) == ["<span> ", None, " </span>"]
    assert compact_pieces(["  ", None, "  "]) == ["  ", None, "  "]
    assert compact_pieces(["<p>\u3000\n"]) == ["<p>\u3000 "]


def test_template_errors_keep_their_line(tmp_path: Path) -> None:
    """Compaction changes only text, never the line a template's mistake is reported at."""
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "broken.html").write_text("<div>\n\n  <p>\n    {{ 1 / 0 }}\n  </p>\n</div>\n", encoding="utf-8")
    env = make_environment(tmp_path, compact=True)
    assert compacts(env) and not compacts(make_environment(tmp_path))
    with pytest.raises(TemplateFailure) as failure:
        render_template(env, "broken.html", {})
    assert failure.value.line == 4


_CONTAINERS = ["div", "section", "nav", "blockquote"]
"""Blocks that may hold blocks; p and h2 hold phrasing content only, ul only li, a table only rows (other
nestings the HTML parser repairs: it closes the p, or moves text out of the table, and minify-html does not)."""
_INLINES = ["span", "b", "em", "label"]
"""Inline elements that may hold one another (a link holds text only: the parser closes a link inside a link)."""
_SPACE = st.sampled_from(["", " ", "\n", "\n  ", "  \n\n    ", "\t"])
_TEXT = st.sampled_from(["文字", "a b", "{{ v }}", "{{ w }}", "，", "x{{ v }}y"])


def _element(name: str, content: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.tuples(_SPACE, st.lists(content, max_size=3), _SPACE).map(
        lambda t: f"<{name}>{t[0]}{''.join(t[1])}{t[2]}</{name}>")


def _maybe(content: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """The content as it is, or inside an {% if %} on lines of its own."""
    statement = st.tuples(_SPACE, content, _SPACE).map(lambda t: f"{t[0]}{{% if v %}}\n{t[1]}\n{{% endif %}}{t[2]}")
    return st.one_of(content, statement)


def _inline(depth: int) -> st.SearchStrategy[str]:
    leaf = st.tuples(_SPACE, _TEXT, _SPACE).map("".join)
    if depth == 0:
        return leaf
    nested = st.sampled_from(_INLINES).flatmap(lambda name: _element(name, _inline(depth - 1)))
    return st.one_of(leaf, nested, _element("a", leaf), _element("button", leaf))


def _flow(depth: int) -> st.SearchStrategy[str]:
    """Valid HTML bodies: blocks holding what they may hold, inline elements holding only inline content, with
    statements between them."""
    inline = st.lists(_inline(2), max_size=3).map("".join)
    if depth == 0:
        return inline
    inner = _flow(depth - 1)
    blocks = st.one_of(
        st.sampled_from(_CONTAINERS).flatmap(lambda name: _element(name, inner)),
        st.sampled_from(["p", "h2"]).flatmap(lambda name: _element(name, _inline(2))),
        _element("ul", _maybe(_element("li", inner))),
        _element("table", _maybe(_element("tr", _maybe(_element("td", inner))))),
    )
    return st.one_of(inline, _maybe(blocks))


@settings(max_examples=300, deadline=None)
@given(_flow(3))
def test_random_templates_minify_alike(source: str) -> None:
    _same_when_minified(f"<body>\n{source}\n</body>", v="值 ", w="\n 多行\n值\n")
