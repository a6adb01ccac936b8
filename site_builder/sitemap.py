"""sitemap.xml (split behind a sitemap index past 50,000 URLs) and robots.txt pointing to it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from html import escape
from xml.etree import ElementTree as ET

from .model import OutputFile
from .xmlout import xml_document

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
MAX_URLS = 50_000
EXCLUDED = {"404.html"}


def urlset(base_url: str, pages: list[tuple[str, dt.date]]) -> bytes:
    """Written directly: a large site lists tens of thousands of URLs, and ElementTree is slow at that.
    The bytes are exactly what `urlset_tree` gives (a test holds them equal)."""
    if not pages:
        return urlset_tree(base_url, pages)
    lines = ['<?xml version="1.0" encoding="utf-8"?>', f'<urlset xmlns="{SITEMAP_NS}">']
    for path, lastmod in pages:
        lines.append(f"  <url>\n    <loc>{escape(base_url + path, quote=False)}</loc>\n"
                     f"    <lastmod>{lastmod.isoformat()}</lastmod>\n  </url>")
    lines.append("</urlset>\n")
    return "\n".join(lines).encode("utf-8")


def urlset_tree(base_url: str, pages: list[tuple[str, dt.date]]) -> bytes:
    root = ET.Element("urlset", {"xmlns": SITEMAP_NS})
    for path, lastmod in pages:
        url = ET.SubElement(root, "url")
        ET.SubElement(url, "loc").text = base_url + path
        ET.SubElement(url, "lastmod").text = lastmod.isoformat()
    return xml_document(root)


def render_sitemap(
    base_url: str, pages: Iterable[tuple[str, dt.date]], max_urls: int = MAX_URLS
) -> Iterator[OutputFile]:
    """sitemap.xml for every listed page; above max_urls, numbered parts behind a sitemap index."""
    listed = sorted((path, day) for path, day in pages if path not in EXCLUDED)
    if len(listed) <= max_urls:
        yield OutputFile("sitemap.xml", urlset(base_url, listed))
    else:
        index = ET.Element("sitemapindex", {"xmlns": SITEMAP_NS})
        for number, start in enumerate(range(0, len(listed), max_urls), start=1):
            part = listed[start : start + max_urls]
            name = f"sitemap-{number}.xml"
            yield OutputFile(name, urlset(base_url, part))
            entry = ET.SubElement(index, "sitemap")
            ET.SubElement(entry, "loc").text = base_url + name
            ET.SubElement(entry, "lastmod").text = max(day for _, day in part).isoformat()
        yield OutputFile("sitemap.xml", xml_document(index))
    robots = f"User-agent: *\nAllow: /\n\nSitemap: {base_url}sitemap.xml\n"
    yield OutputFile("robots.txt", robots.encode("utf-8"))
