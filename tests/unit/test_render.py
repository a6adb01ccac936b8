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
