import datetime as dt

from site_builder.config import parse_config
from site_builder.markdown import render_body
from site_builder.model import Report, ReportMeta
from site_builder.site import adjacency, assemble_site, group_by_publisher, group_by_year, walk_columns

from ..conftest import BASE_SITE

CONFIG = parse_config(BASE_SITE, "site.yaml")


def _report(index: str, published: str, column: tuple[str, ...], publisher: str = "甲局") -> Report:
    date = dt.date.fromisoformat(published)
    meta = ReportMeta(index_no=index, title=f"报告{index}", disclosure="主动公开", publisher=publisher,
                      written=date, published=date)
    return Report(source_rel=f"content/{index}.md", meta=meta, body=render_body("正文"), column=column,
                  url=f"{'/'.join(column)}/{index}.html")


DECISION = ("法定主动公开内容", "决策公开")


def test_columns_without_reports_are_not_built() -> None:
    site = assemble_site(CONFIG, [_report("a", "2024-01-01", DECISION)], dt.date(2025, 1, 1))
    names = [c.names for c in walk_columns(site.columns)]
    assert names == [("法定主动公开内容",), DECISION]


def test_newest_first_and_neighbours() -> None:
    reports = [_report("a", "2023-01-01", DECISION), _report("b", "2025-01-01", DECISION), _report("c", "2024-01-01", DECISION)]
    site = assemble_site(CONFIG, reports, dt.date(2025, 1, 1))
    assert [r.meta.index_no for r in site.reports] == ["b", "c", "a"]
    column = walk_columns(site.columns)[1]
    home, newer, older = adjacency(walk_columns(site.columns))[site.reports[1].url]
    assert home is column
    assert newer is not None and older is not None
    assert (newer.meta.index_no, older.meta.index_no) == ("b", "a")
    assert column.last_update == dt.date(2025, 1, 1)


def test_groupings() -> None:
    reports = [_report("a", "2023-01-01", DECISION, "乙局"), _report("b", "2025-01-01", DECISION), _report("c", "2025-03-01", DECISION)]
    assert list(group_by_year(tuple(reports))) == [2025, 2023]
    assert list(group_by_publisher(tuple(reports))) == ["甲局", "乙局"]
