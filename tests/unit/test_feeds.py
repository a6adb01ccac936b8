import dataclasses
import datetime as dt

import feedparser

from site_builder.bodies import Bodies
from site_builder.feeds import FEED_SIZE, atom, feed_paths, render_feeds, rss
from site_builder.markdown import render_body
from site_builder.model import Report, ReportMeta

from .test_site import CONFIG, DECISION, _report


def _site(reports):
    from site_builder.site import assemble_site

    return assemble_site(CONFIG, reports, dt.date(2026, 1, 1))


def test_feed_paths() -> None:
    assert feed_paths("") == ("feed.xml", "atom.xml")
    assert feed_paths("xxgk/a") == ("xxgk/a/feed.xml", "xxgk/a/atom.xml")


def test_feeds_are_capped_and_escape_text() -> None:
    reports = [_report(f"r{i:03d}", f"2025-01-{1 + i % 28:02d}", DECISION) for i in range(60)]
    site = _site(reports)
    for maker in (rss, atom):
        parsed = feedparser.parse(maker(site, "标题 <&>", "index.html", "feed.xml", site.reports, Bodies()))
        assert not parsed.bozo and len(parsed.entries) == FEED_SIZE
        assert parsed.feed.title == "标题 <&>"
        assert all(e.link.startswith("https://test.example.gov.cn/sub/") for e in parsed.entries)


def test_summary_prefers_content_overview() -> None:
    meta = ReportMeta(index_no="a", title="t", disclosure="主动公开", publisher="p", written=dt.date(2025, 1, 1),
                      published=dt.date(2025, 1, 1), summary="概述")
    report = Report("a.md", meta, render_body("正文" * 200), DECISION, "x.html")
    assert Bodies().summary(report) == "概述"
    long = Report("a.md", dataclasses.replace(meta, summary=None), render_body("正文" * 200), DECISION, "x.html")
    assert Bodies().summary(long).endswith("……") and len(Bodies().summary(long)) == 202


def test_only_the_feeds_showing_given_reports_are_rendered() -> None:
    execution = ("法定主动公开内容", "执行公开")
    reports = [_report(f"d{i:03d}", f"2025-02-{1 + i % 28:02d}", DECISION) for i in range(60)]
    reports += [_report(f"e{i:03d}", f"2024-01-{1 + i % 28:02d}", execution) for i in range(3)]
    site = _site(reports)
    everything = {f.path: f.content for f in render_feeds(site, Bodies())}
    old_decision = [r for r in site.reports if r.column == DECISION][-1]  # beyond every feed's first FEED_SIZE
    execution_report = next(r for r in site.reports if r.column == execution)
    assert list(render_feeds(site, Bodies(), {old_decision.url})) == []
    shown = {f.path: f.content for f in render_feeds(site, Bodies(), {execution_report.url})}
    assert sorted(shown) == ["xxgk/fdzdgknr/zxgk/atom.xml", "xxgk/fdzdgknr/zxgk/feed.xml"]  # older than 50 above
    newest = {f.path: f.content for f in render_feeds(site, Bodies(), {site.reports[0].url, execution_report.url})}
    assert sorted(newest) == ["atom.xml", "feed.xml", "xxgk/fdzdgknr/atom.xml", "xxgk/fdzdgknr/feed.xml",
                              "xxgk/fdzdgknr/jcgk/atom.xml", "xxgk/fdzdgknr/jcgk/feed.xml",
                              "xxgk/fdzdgknr/zxgk/atom.xml", "xxgk/fdzdgknr/zxgk/feed.xml"]
    assert all(everything[path] == content for path, content in (shown | newest).items())
