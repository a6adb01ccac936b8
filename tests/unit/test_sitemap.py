import datetime as dt
from xml.etree import ElementTree as ET

from site_builder.sitemap import render_sitemap

BASE = "https://x.gov.cn/"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def test_small_site_single_sitemap_without_404() -> None:
    files = {f.path: f.content for f in render_sitemap(BASE, [("a.html", dt.date(2025, 1, 2)), ("404.html", dt.date(2025, 1, 1))])}
    assert set(files) == {"sitemap.xml", "robots.txt"}
    root = ET.fromstring(files["sitemap.xml"])
    assert [u.findtext("s:loc", namespaces=NS) for u in root.findall("s:url", NS)] == [BASE + "a.html"]


def test_split_behind_index_above_limit() -> None:
    pages = [(f"p{i}.html", dt.date(2025, 1, 1 + i % 20)) for i in range(7)]
    files = {f.path: f.content for f in render_sitemap(BASE, pages, max_urls=3)}
    assert set(files) == {"sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml", "sitemap.xml", "robots.txt"}
    index = ET.fromstring(files["sitemap.xml"])
    assert index.tag.endswith("sitemapindex")
    assert [s.findtext("s:loc", namespaces=NS) for s in index.findall("s:sitemap", NS)] == [
        BASE + f"sitemap-{n}.xml" for n in (1, 2, 3)]
    total = sum(len(ET.fromstring(files[f"sitemap-{n}.xml"]).findall("s:url", NS)) for n in (1, 2, 3))
    assert total == 7


def test_direct_urlset_equals_the_element_tree_one() -> None:
    import datetime as dt

    from site_builder.sitemap import urlset, urlset_tree

    pages = [("a.html", dt.date(2025, 1, 2)), ("x/b&c<d>.html", dt.date(2024, 12, 31)), ("中文/页.html", dt.date(2023, 1, 1))]
    for listed in (pages, pages[:1], []):
        assert urlset("https://www.example.gov.cn/", listed) == urlset_tree("https://www.example.gov.cn/", listed)
