"""RSS 2.0 and Atom feeds for the whole site and for each column: the latest reports, absolute URLs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from email.utils import format_datetime
from xml.etree import ElementTree as ET

from .bodies import Bodies
from .model import Column, OutputFile, Report, Site
from .site import walk_columns
from .xmlout import xml_document

FEED_SIZE = 50
CHINA = dt.timezone(dt.timedelta(hours=8))
ATOM_NS = "http://www.w3.org/2005/Atom"
DC_NS = "http://purl.org/dc/elements/1.1/"


def feed_paths(folder: str) -> tuple[str, str]:
    """(RSS path, Atom path) of a feed living in `folder` ('' for the site root)."""
    prefix = f"{folder}/" if folder else ""
    return f"{prefix}feed.xml", f"{prefix}atom.xml"


def column_folder(site: Site, column: Column) -> str:
    return f"{site.config.directory_slug}/{column.path}"


def _moment(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=CHINA)


def rss(site: Site, title: str, page_path: str, self_path: str, reports: tuple[Report, ...],
        bodies: Bodies) -> bytes:
    base = site.config.base_url
    root = ET.Element("rss", {"version": "2.0", "xmlns:atom": ATOM_NS, "xmlns:dc": DC_NS})
    channel = ET.SubElement(root, "channel")
    ET.SubElement(channel, "title").text = title
    ET.SubElement(channel, "link").text = base + page_path
    ET.SubElement(channel, "description").text = f"{title}：最新主动公开的政府信息"
    ET.SubElement(channel, "language").text = "zh-CN"
    ET.SubElement(channel, "atom:link", {"href": base + self_path, "rel": "self", "type": "application/rss+xml"})
    if reports:
        ET.SubElement(channel, "lastBuildDate").text = format_datetime(_moment(reports[0].meta.published))
    for report in reports[:FEED_SIZE]:
        item = ET.SubElement(channel, "item")
        ET.SubElement(item, "title").text = report.meta.title
        ET.SubElement(item, "link").text = base + report.url
        ET.SubElement(item, "guid", {"isPermaLink": "true"}).text = base + report.url
        ET.SubElement(item, "dc:creator").text = report.meta.publisher
        ET.SubElement(item, "category").text = "/".join(report.column)
        ET.SubElement(item, "pubDate").text = format_datetime(_moment(report.meta.published))
        ET.SubElement(item, "description").text = bodies.summary(report)
    return xml_document(root)


def atom(site: Site, title: str, page_path: str, self_path: str, reports: tuple[Report, ...],
         bodies: Bodies) -> bytes:
    base = site.config.base_url
    root = ET.Element("feed", {"xmlns": ATOM_NS, "xml:lang": "zh-CN"})
    ET.SubElement(root, "title").text = title
    ET.SubElement(root, "id").text = base + self_path
    ET.SubElement(root, "link", {"href": base + page_path, "rel": "alternate", "type": "text/html"})
    ET.SubElement(root, "link", {"href": base + self_path, "rel": "self", "type": "application/atom+xml"})
    newest = reports[0].meta.published if reports else site.today
    ET.SubElement(root, "updated").text = _moment(newest).isoformat()
    ET.SubElement(ET.SubElement(root, "author"), "name").text = site.config.host
    for report in reports[:FEED_SIZE]:
        entry = ET.SubElement(root, "entry")
        ET.SubElement(entry, "title").text = report.meta.title
        ET.SubElement(entry, "id").text = base + report.url
        ET.SubElement(entry, "link", {"href": base + report.url, "rel": "alternate", "type": "text/html"})
        ET.SubElement(entry, "published").text = _moment(report.meta.published).isoformat()
        ET.SubElement(entry, "updated").text = _moment(report.meta.published).isoformat()
        ET.SubElement(ET.SubElement(entry, "author"), "name").text = report.meta.publisher
        ET.SubElement(entry, "category", {"term": "/".join(report.column)})
        ET.SubElement(entry, "summary").text = bodies.summary(report)
    return xml_document(root)


def _feeds(site: Site) -> list[tuple[str, str, str, tuple[Report, ...]]]:
    """(folder, title, page, reports) of the site feed and of each column's: each shows its first FEED_SIZE."""
    found = [("", site.config.name, "index.html", site.reports)]
    for column in walk_columns(site.columns):
        folder = column_folder(site, column)
        found.append((folder, f"{site.config.name} - {column.name}", f"{folder}/index.html", column.reports))
    return found


def feed_reports(site: Site) -> set[Report]:
    """Every report some feed shows (with its summary)."""
    return {report for *_, reports in _feeds(site) for report in reports[:FEED_SIZE]}


def render_feeds(site: Site, bodies: Bodies, showing: set[str] | None = None) -> Iterator[OutputFile]:
    """The site feed at the root, and one per column with content; with `showing` (report URLs), only the feeds
    that show one of those reports."""
    for folder, title, page, reports in _feeds(site):
        if showing is not None and not any(r.url in showing for r in reports[:FEED_SIZE]):
            continue
        rss_path, atom_path = feed_paths(folder)
        yield OutputFile(rss_path, rss(site, title, page, rss_path, reports, bodies))
        yield OutputFile(atom_path, atom(site, title, page, atom_path, reports, bodies))
