import datetime as dt

from site_builder.markdown import render_body
from site_builder.model import Heading, ReportMeta
from site_builder.render import meta_rows, toc_tree


def _meta(**extra: object) -> ReportMeta:
    return ReportMeta(index_no="a/1", title="题", disclosure="主动公开", publisher="局", written=dt.date(2025, 1, 1),
                      published=dt.date(2025, 1, 2), **extra)  # type: ignore[arg-type]


def test_meta_rows_reference_order() -> None:
    rows = meta_rows(_meta())
    assert [[label for label, _ in row] for row in rows] == [["索引号", "公开方式"], ["信息名称", "成文日期"], ["公开日期", "发布机构"]]


def test_meta_rows_optional_fields_and_doc_no_placeholder() -> None:
    rows = meta_rows(_meta(topic="司法", keywords=("普法",)))
    assert rows[3] == [("文号", "无"), ("主题分类", "司法")]
    assert rows[4] == [("关键词", "普法")]


def test_toc_tree_two_levels() -> None:
    headings = render_body("一、甲\n\n（一）乙\n\n1.丙\n\n二、丁\n").headings
    tree = toc_tree(headings)
    assert [(h.text, [c.text for c in children]) for h, children in tree] == [("一、甲", ["（一）乙"]), ("二、丁", [])]
    assert toc_tree((Heading(3, "孤", "s1"),)) == []


def test_a_signature_field_is_placed_before_the_tail_only_when_there_is_one() -> None:
    from pathlib import Path

    from site_builder.templates import make_environment, place_signature

    env = make_environment(Path("."))
    meta = _meta(signature=("局", "2025年1月2日"))
    tail = render_body("正文。\n\n抄送：甲。\n").html
    html, shown = place_signature(env, meta, tail)
    assert shown.signature == () and html.index("2025年1月2日") < html.index('<div class="banji">')
    for body in ("正文。\n", '正文 <div class="banji"> 与 <h2 id="x" class="gw-attachment"> 是文字。\n'):
        html = render_body(body).html
        assert place_signature(env, meta, html) == (html, meta)  # the page sets it after the body, as before
    assert place_signature(env, _meta(), tail) == (tail, _meta())
