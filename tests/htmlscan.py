"""Helpers that read built HTML the way a browser would: links, ids, scripts and event attributes."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

URL_ATTRS = {"href", "src", "action", "formaction", "poster", "data", "srcset", "xlink:href"}


@dataclass
class PageScan:
    """What one HTML file contains that tests care about."""

    urls: list[tuple[str, str, str]] = field(default_factory=list)
    """(tag, attribute, value) for every URL-bearing attribute."""
    ids: set[str] = field(default_factory=set)
    scripts: list[dict[str, str | None]] = field(default_factory=list)
    event_attrs: list[tuple[str, str]] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scan = PageScan()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.scan.tags.append(tag)
        for name, value in attrs:
            if name in URL_ATTRS and value is not None:
                self.scan.urls.append((tag, name, value))
            if name == "id" and value:
                self.scan.ids.add(value)
            if name.startswith("on"):
                self.scan.event_attrs.append((tag, name))
        if tag == "script":
            self.scan.scripts.append(dict(attrs))


def scan_html(text: str) -> PageScan:
    scanner = _Scanner()
    scanner.feed(text)
    scanner.close()
    return scanner.scan


def html_files(root: Path) -> list[Path]:
    return sorted(root.rglob("*.html"))
