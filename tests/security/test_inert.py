"""Hostile Markdown in a report produces no executable content in the built page."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from site_builder.build import build
from site_builder.markdown import render_body

from ..conftest import TODAY, report_text
from ..htmlscan import scan_html

HOSTILE = """<script>alert(1)</script>

<img src=x onerror=alert(1)>

<svg onload=alert(1)><script>alert(2)</script></svg>

<iframe src="javascript:alert(1)"></iframe> <object data="x.swf"></object>

<a href="javascript:alert(1)">a</a> [b](javascript:alert(1)) [c](JAVASCRIPT:alert(1)) [d](jav&#x09;ascript:alert(1))

[e](vbscript:msgbox(1)) [f](data:text/html,<script>alert(1)</script>) ![g](data:image/svg+xml;base64,PHN2Zz4=)

<div style="width: expression(alert(1))">css</div>

[ref]: javascript:alert(1)

[h][ref] <javascript:alert(1)> {{ 7*7 }} {% for x in y %}
"""
UNSAFE_URL = re.compile(r"^\s*(javascript|vbscript|data|file):", re.I)


OWN_SCRIPTS = ("static/a11y-init.js", "static/a11y.js", "static/site.js")


def assert_inert(html: str, whole_page: bool = False) -> None:
    """No script but the theme's own files, no event attribute, no unsafe URL, no embedding element."""
    scan = scan_html(html)
    own = [s for s in scan.scripts if (s.get("src") or "").endswith(OWN_SCRIPTS)]
    assert len(scan.scripts) == len(own) == (len(OWN_SCRIPTS) if whole_page else 0), scan.scripts
    assert scan.event_attrs == []
    for tag, attr, value in scan.urls:
        assert not UNSAFE_URL.match(value), (tag, attr, value)
    for tag in ("iframe", "object", "embed", "svg", "style", "base"):
        assert tag not in scan.tags, tag
    forms = [value for tag, attr, value in scan.urls if attr == "action"]
    assert scan.tags.count("form") == len(forms) and all(v.endswith("search.html") for v in forms), forms
    assert "expression(" not in "".join(scan.tags)


def test_hostile_report_builds_inert(make_project, tmp_path: Path) -> None:
    root = make_project({"content/evil.md": report_text(title="<script>alert('t')</script>标题", body=HOSTILE,
                                                        extra="内容概述: '\"><script>alert(3)</script>'\n")})
    build(root, tmp_path / "out", TODAY, minify=False)
    page = next((tmp_path / "out" / "xxgk").rglob("test-2025-00001.html"))
    html = page.read_text(encoding="utf-8")
    assert_inert(html, whole_page=True)
    assert "{{ 7*7 }}" in html and "49" not in html.split("{{ 7*7 }}")[0][-5:]
    assert "&lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt;标题" in html


_pieces = st.sampled_from([
    "<script>", "</script>", "<img src=x onerror=alert(1)>", "[x](", "](", ")", "javascript:", "JaVaScRiPt:",
    "&#x09;", "&#106;", "data:", "vbscript:", "<", ">", '"', "'", " ", "\n", "\t", "一、", "（一）", "|", "---",
    "![", "<a href=", "onload=", "<svg>", "`", "*", "#", "&", ";", "%6A", "\\", "<!--", "-->", "[r]: ", "[r]",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(_pieces, max_size=40).map("".join))
def test_random_html_ish_markdown_is_inert(text: str) -> None:
    assert_inert(render_body(text).html)


def test_template_syntax_in_front_matter_and_body_stays_literal(make_project, tmp_path: Path) -> None:
    root = make_project({"content/a.md": report_text(
        title="'{{ 7*7 }}{% if true %}x{% endif %}'", extra="内容概述: '{{ config }}{{ self.__init__ }}'\n关键词: ['{{ 8*8 }}']\n",
        body="{{ 9*9 }} {% raw %} {# c #}")})
    build(root, tmp_path / "out", TODAY, minify=False)
    html = (tmp_path / "out/xxgk/fdzdgknr/jcgk/test-2025-00001.html").read_text(encoding="utf-8")
    for literal in ("{{ 7*7 }}{% if true %}x{% endif %}", "{{ config }}{{ self.__init__ }}", "{{ 8*8 }}",
                    "{{ 9*9 }} {% raw %} {# c #}"):
        assert literal in html, literal
    assert "49" not in html and "64" not in html and "81" not in html


def test_bidi_override_in_title_cannot_spoof(make_project, tmp_path: Path) -> None:
    root = make_project({"content/a.md": report_text(title="普法计划\u202efdp.exe\u200b")})
    result = build(root, tmp_path / "out", TODAY, downloads=False)
    assert [w.code for w in result.warnings] == ["SB315"]
    for path in (tmp_path / "out").rglob("*.*"):
        text = path.read_bytes().decode("utf-8", errors="replace")
        assert "\u202e" not in text and "\u200b" not in text, path
