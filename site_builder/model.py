"""Plain, frozen data for everything that flows through the pipeline; behaviour lives in functions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from .pickling import pickled_as_fields


@pickled_as_fields
@dataclass(frozen=True, slots=True)
class Source:
    """One content file, decoded, before anything is interpreted."""

    path: Path
    """Absolute path on disk."""
    rel: str
    """Path relative to the project folder, as shown to editors."""
    text: str
    """The file's text with BOM removed and line ends normalised to LF."""
    digest: str = ""
    """sha256 of the raw bytes."""
    stat: tuple[int, int] = (0, 0)
    """(size, mtime_ns) of the file as read."""


class Nested(str):
    """A value nested where text belongs (a mapping, or a list in a list), which metadata refuses: known by its
    type, so no text the author typed (a NUL included) is taken for one."""


@dataclass(frozen=True, slots=True)
class FieldValue:
    """A front-matter value as written, with the line its key stands on."""

    value: str | list[str] | None
    """Scalars stay strings (no YAML type guessing); sequences become lists of strings; nested values Nested."""
    line: int
    """1-based line of the key in the file."""
    comment: tuple[int, str] | None = None
    """A YAML comment after an unquoted value on its line (1-based line, the text from #): YAML drops it, and
    an editor may have meant it as part of the value (信息名称: 开展 #宪法宣传周# 活动 reads as 开展)."""


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """The YAML header split from a report: raw fields plus where the body starts."""

    fields: dict[str, FieldValue]
    body: str
    body_line: int
    """1-based line in the file where the body begins."""


@pickled_as_fields
@dataclass(frozen=True, slots=True)
class ReportMeta:
    """The validated metadata of one 政府信息公开 item."""

    index_no: str
    """索引号, as written (NFKC-normalised for comparison elsewhere)."""
    title: str
    """信息名称."""
    disclosure: str
    """公开方式: 主动公开 / 依申请公开 / 不予公开."""
    publisher: str
    """发布机构."""
    written: dt.date
    """成文日期."""
    published: dt.date
    """公开日期."""
    column: tuple[str, ...] | None = None
    """栏目 as a path of column names; None means the site's default column."""
    doc_no: str | None = None
    """文号."""
    topic: str | None = None
    """主题分类."""
    genre: str | None = None
    """体裁分类."""
    keywords: tuple[str, ...] = ()
    """关键词."""
    summary: str | None = None
    """内容概述."""
    validity: str | None = None
    """有效性."""
    signature: tuple[str, ...] = ()
    """落款 lines, when given in front matter rather than in the body."""


class Heading(NamedTuple):
    """One heading of a rendered body, for the table of contents (a named tuple: made for every heading of
    every body, it is built in half the time of a frozen dataclass)."""

    level: int
    text: str
    anchor: str


@dataclass(frozen=True, slots=True)
class RenderedBody:
    """A report body as safe HTML plus its outline."""

    html: str
    headings: tuple[Heading, ...]
    text: str
    """Plain text of the body, for summaries and search."""


@dataclass(frozen=True, slots=True)
class Report:
    """A report ready to place on the site. Its body is rendered on demand (see bodies.py), so that
    a large site keeps only metadata in memory and unchanged pages are never rendered at all."""

    source_rel: str
    meta: ReportMeta
    body: RenderedBody | None
    """The rendered body when already known (tests, small tools); None means render from the source file."""
    column: tuple[str, ...]
    """Resolved column path (names)."""
    url: str
    """Site-relative output path of the detail page, e.g. xxgk/fdzdgknr/jcgk/ndjhzj/x.html."""
    markdown: str | None = None
    """The body as written, when already in memory; None means read it from `source_path`."""
    images: tuple[str, ...] = ()
    """Output paths (under media/) of the local images the body shows."""
    source_path: str = ""
    """The content file, read again when the body is needed."""
    body_start: int = 0
    """0-based line of the file where the body (after front matter and a repeated title line) starts."""
    source_hash: str = ""
    """sha256 of the content file's bytes: what the body depends on."""
    image_map: tuple[tuple[str, str], ...] = ()
    """(src as written, media/ path) for each local image, for rendering."""


@dataclass(frozen=True, slots=True)
class ColumnConfig:
    """One node of the configured column tree."""

    name: str
    slug: str
    children: tuple[ColumnConfig, ...] = ()


@dataclass(frozen=True, slots=True)
class AgencyRule:
    """How one 发布机构 numbers its 索引号: prefix/YYYY-serial, the serial zero-padded to `width`."""

    name: str
    prefix: str
    width: int = 5


@dataclass(frozen=True, slots=True)
class SiteConfig:
    """The webmaster's settings for a whole site."""

    name: str
    """网站名称."""
    host: str
    """主办单位."""
    contact: str
    """联系方式."""
    site_code: str
    """网站标识码."""
    icp: str
    """ICP备案号."""
    police_record: str
    """公安机关备案号."""
    base_url: str
    """网站地址: absolute URL ending in '/', used for absolute links (feeds, 404)."""
    columns: tuple[ColumnConfig, ...]
    default_column: tuple[str, ...]
    page_size: int = 15
    directory_slug: str = "xxgk"
    """URL folder of the 政府信息公开 directory."""
    organizer: str | None = None
    """承办单位 (optional)."""
    statement: str | None = None
    """网站声明 text (optional; a default is used)."""
    agencies: tuple[AgencyRule, ...] = ()
    """索引号 rules per 发布机构, for `site-builder new` and `import`."""

    @property
    def base_path(self) -> str:
        """The URL path the site is served from, always starting and ending with '/'."""
        from urllib.parse import urlsplit

        path = urlsplit(self.base_url).path or "/"
        return path if path.endswith("/") else path + "/"


@dataclass(frozen=True, slots=True)
class Column:
    """A column of the built site with the reports filed in it and below it."""

    names: tuple[str, ...]
    slugs: tuple[str, ...]
    reports: tuple[Report, ...]
    """Every published report in this column and its descendants, newest first."""
    children: tuple[Column, ...] = ()

    @property
    def name(self) -> str:
        return self.names[-1]

    @property
    def path(self) -> str:
        return "/".join(self.slugs)

    @property
    def last_update(self) -> dt.date:
        return self.reports[0].meta.published  # newest first, by construction (site.build_columns)


@dataclass(frozen=True, slots=True)
class Site:
    """The assembled site: config plus the published reports arranged into columns."""

    config: SiteConfig
    reports: tuple[Report, ...]
    """Published reports, newest first."""
    columns: tuple[Column, ...]
    """Top-level columns that have content."""
    today: dt.date


@pickled_as_fields
@dataclass(frozen=True, slots=True)
class OutputFile:
    """One file of the built site, rendered but not yet written."""

    path: str
    """Site-relative path with forward slashes."""
    content: bytes
    lastmod: dt.date | None = None
    """For pages listed in sitemap.xml: when their content last changed."""
    reuse_from: str | None = None
    """An identical file from the previous build (its path) to link instead of writing `content`; a string,
    not a Path: a large site holds tens of thousands of these at once."""
    written: bool = False
    """Already written into the staging folder (by a worker process): only its path is checked."""
