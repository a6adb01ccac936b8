"""Report bodies on demand: read the Markdown from the content file again and render it, with a small
memory of recent renders, so a large site never holds every body at once."""

from __future__ import annotations

import hashlib
from collections import OrderedDict

from .errors import BuildFailed, Location, Problem
from .markdown import render_body
from .model import RenderedBody, Report
from .sources import line_feeds

SUMMARY_CHARS = 200


class Bodies:
    """Bodies of the reports of one build; keeps the last `keep` renders."""

    def __init__(self, keep: int = 64, summaries: dict[str, str] | None = None) -> None:
        self.keep = keep
        self._recent: OrderedDict[str, RenderedBody] = OrderedDict()
        self.summaries: dict[str, str] = summaries if summaries is not None else {}
        """Opening text by source hash, kept between builds by the source cache."""

    def markdown(self, report: Report) -> str:
        if report.markdown is not None:
            return report.markdown
        with open(report.source_path, "rb") as handle:  # a third of Path.read_bytes' time, once a report
            raw = handle.read()
        if report.source_hash and hashlib.sha256(raw).hexdigest() != report.source_hash:
            # the editor saved the file while the site was building: stop rather than mix two versions
            raise BuildFailed([Problem("SB408", Location(report.source_rel))])
        return after_lines(line_feeds(raw, raw.decode("utf-8-sig")), report.body_start)

    def render(self, report: Report) -> RenderedBody:
        if report.body is not None:
            return report.body
        cached = self._recent.get(report.url)
        if cached is not None:
            self._recent.move_to_end(report.url)
            return cached
        body = render_body(self.markdown(report), report.url, dict(report.image_map))
        if report.source_hash and not report.meta.summary:  # the feeds show it after the body has gone
            self.summaries.setdefault(report.source_hash, opening(body.text, SUMMARY_CHARS))
        self._recent[report.url] = body
        if len(self._recent) > self.keep:
            self._recent.popitem(last=False)
        return body

    def summary(self, report: Report) -> str:
        """内容概述 when given, else the opening of the body text."""
        if report.meta.summary:
            return report.meta.summary
        known = self.summaries.get(report.source_hash) if report.source_hash else None
        if known is not None:
            return known
        summary = opening(self.render(report).text, SUMMARY_CHARS)
        if report.source_hash:
            self.summaries[report.source_hash] = summary
        return summary


def opening(text: str, limit: int) -> str:
    """The text with its whitespace runs made single spaces, cut at `limit` characters (…… when cut),
    reading only as much of a long body as it needs."""
    window = 2 * limit
    while window < len(text):
        joined = " ".join(text[:window].split()[:-1])  # the window's last word may go on past it
        if len(joined) > limit:
            return joined[:limit] + "……"
        window *= 2
    joined = " ".join(text.split())
    return joined if len(joined) <= limit else joined[:limit] + "……"


def after_lines(text: str, count: int) -> str:
    """The text after its first `count` lines (the front matter), without splitting the whole body."""
    at = 0
    for _ in range(count):
        at = text.find("\n", at) + 1
        if at == 0:
            return ""
    return text[at:]
