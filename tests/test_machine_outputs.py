"""Feeds, sitemap and open-data catalog of the sample site: valid, complete, and absolute from the base URL."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from xml.etree import ElementTree as ET

import feedparser

from site_builder.config import load_config
from site_builder.reports import load_reports

from .conftest import REPO, TODAY

BASE = "https://pufa.example.gov.cn/"


def published() -> dict[str, object]:
    reports, _ = load_reports(REPO, load_config(REPO), TODAY)
    return {r.meta.index_no: r for r in reports}


def test_site_feeds_list_exactly_the_published_reports(sample_site: Path) -> None:
    expected = {BASE + r.url for r in published().values()}  # type: ignore[attr-defined]
    for name in ("feed.xml", "atom.xml"):
        feed = feedparser.parse((sample_site / name).read_bytes())
        assert not feed.bozo, (name, feed.bozo_exception)
        assert {entry.link for entry in feed.entries} == expected
        titles = [entry.title for entry in feed.entries]
        assert "罗庄区司法局2023年普法工作计划" in titles
        first = feed.entries[0]
        assert first.published in ("Fri, 28 Nov 2025 00:00:00 +0800", "2025-11-28T00:00:00+08:00")
        assert first.author == "柳州市柳江区司法局"
        assert first.summary.startswith("总结柳江区2025年")


def test_column_feeds(sample_site: Path) -> None:
    feed = feedparser.parse((sample_site / "xxgk/fdzdgknr/zxgk/pfzrz/feed.xml").read_bytes())
    assert not feed.bozo
    assert len(feed.entries) == 4 and all("/pfzrz/" in e.link for e in feed.entries)
    html = (sample_site / "xxgk/fdzdgknr/zxgk/pfzrz/index.html").read_text(encoding="utf-8")
    assert '<link rel="alternate" type="application/rss+xml" title="普法责任制（RSS）" href="feed.xml">' in html
    home = (sample_site / "index.html").read_text(encoding="utf-8")
    assert 'type="application/atom+xml"' in home and 'href="atom.xml"' in home


def test_sitemap_urls_all_exist_with_lastmod(sample_site: Path) -> None:
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ET.parse(sample_site / "sitemap.xml").getroot()
    urls = root.findall("s:url", ns)
    html_pages = {p.relative_to(sample_site).as_posix() for p in sample_site.rglob("*.html")} - {"404.html"}
    locs = {u.findtext("s:loc", namespaces=ns) for u in urls}
    assert locs == {BASE + p for p in html_pages}
    assert all(u.findtext("s:lastmod", namespaces=ns) for u in urls)
    detail = next(u for u in urls if u.findtext("s:loc", namespaces=ns).endswith("luozhuangqulz207-2023-0000131.html"))
    assert detail.findtext("s:lastmod", namespaces=ns) == "2023-08-08"
    assert (sample_site / "robots.txt").read_text() == f"User-agent: *\nAllow: /\n\nSitemap: {BASE}sitemap.xml\n"


def test_catalog_round_trips_every_published_report(sample_site: Path) -> None:
    reports = published()
    raw = (sample_site / "xxgk/catalog.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM so that Excel reads UTF-8
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    data = json.loads((sample_site / "xxgk/catalog.json").read_text(encoding="utf-8"))
    assert data["条目数"] == len(rows) == len(reports)
    assert data["条目"] == rows
    for row in rows:
        report = reports[row["索引号"]]
        meta = report.meta  # type: ignore[attr-defined]
        assert row["信息名称"] == meta.title and row["发布机构"] == meta.publisher
        assert row["成文日期"] == meta.written.isoformat() and row["公开日期"] == meta.published.isoformat()
        assert row["文号"] == (meta.doc_no or "") and row["关键词"].split("；") == list(meta.keywords or [""])
        assert row["网址"] == BASE + report.url  # type: ignore[attr-defined]
        assert (sample_site / report.url).is_file()  # type: ignore[attr-defined]


def test_csp_meta_on_every_page(sample_site: Path) -> None:
    for page in sample_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; script-src 'self'; style-src 'self';" in html, page
        assert "<script>" not in html and " style=" not in html, page
