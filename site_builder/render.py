"""Site to a stream of OutputFiles: every page rendered in memory, nothing written here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import urlsplit

import jinja2

from .bodies import Bodies
from .exports.downloads import Download, DownloadMaker
from .feeds import feed_paths
from .minify import minify_page
from .model import Column, Heading, OutputFile, Report, ReportMeta, Site
from .pagekeys import PageCache, page_key
from .paginate import Page, paginate
from .site import adjacency, group_by_publisher, group_by_year, walk_columns
from .urls import agency_slug, page_file, relative

HOME_LATEST = 10
DIRECTORY = "政府信息公开目录"
TOC_MIN_HEADINGS = 4
INFO_PAGES = {"wzasm.html": ("无障碍声明", "accessibility.html"), "wzsm.html": ("网站声明", "statement.html"),
              "lxwm.html": ("联系我们", "contact.html")}
Crumb = tuple[str, str | None]


class Renderer:
    """Renders each kind of page; holds only the environment and the site, both read-only."""

    def __init__(self, env: jinja2.Environment, site: Site, minify: bool,
                 downloads: DownloadMaker | None = None, bodies: Bodies | None = None,
                 cache: PageCache | None = None, theme: str = "") -> None:
        self.env = env
        self.cache = cache
        nav = [[list(c.names), list(c.slugs)] for c in site.columns]
        self.key_base = f"{theme}|{nav}"
        self.downloads = downloads
        self.bodies = bodies or Bodies()
        self.site = site
        self.minify = minify
        self.dir = site.config.directory_slug
        self.columns = walk_columns(site.columns)
        self.newest = site.reports[0].meta.published if site.reports else site.today
        self.adjacent = adjacency(self.columns)

    def page(self, template: str, path: str, lastmod: dt.date | None = None,
             lazy: Callable[[], dict[str, Any]] | None = None, probe: bool = False, **context: Any) -> OutputFile:
        """Render a page, or reuse last build's file when nothing it depends on changed.

        `context` is what the page depends on; `lazy` adds what follows from it but costs time to compute
        (a report's rendered body), and runs only when the page really has to be rendered."""
        if self.cache is not None:
            previous = self.cache.reusable(path, page_key(self.key_base, template, path, context))
            if previous is not None or probe:
                return OutputFile(path=path, content=b"", lastmod=lastmod, reuse_from=previous)

        def url(target: str) -> str:
            return relative(path, target)

        base = {
            "site": self.site.config, "page_path": path, "url": url, "nav_columns": self.site.columns,
            "directory_path": page_file(self.dir, 1), "site_domain": urlsplit(self.site.config.base_url).netloc,
            "absolute": lambda target: self.site.config.base_path + target,
            "meta_tags": {}, "column_name": "", "breadcrumbs": [], "column_link": self.column_path,
            "column_feed": None,
        }
        base.update(context)
        if lazy is not None:
            base.update(lazy())
        try:
            html = self.env.get_template(template).render(base)
        except jinja2.TemplateError as exc:
            raise TemplateFailure(template, exc) from exc
        if self.minify:
            html = minify_page(html)
        return OutputFile(path=path, content=html.encode("utf-8"), lastmod=lastmod)

    def column_crumbs(self, column: Column) -> list[Crumb]:
        crumbs: list[Crumb] = [("首页", "index.html")]
        for depth in range(1, len(column.names) + 1):
            crumbs.append((column.names[depth - 1], self.column_path(column.names[:depth])))
        return crumbs

    def column_path(self, names: tuple[str, ...]) -> str:
        column = next(c for c in self.columns if c.names == names)
        return page_file(f"{self.dir}/{column.path}", 1)

    def home(self) -> OutputFile:
        return self.page("home.html", "index.html", lastmod=self.newest, title="首页",
                         latest=self.site.reports[:HOME_LATEST],
                         columns=self.site.columns, breadcrumbs=[("首页", None)],
                         meta_tags={"ColumnName": "首页", "ColumnType": "首页"}, column_name="首页")

    def column_pages(self, column: Column) -> Iterator[OutputFile]:
        for page in paginate(column.reports, self.site.config.page_size, f"{self.dir}/{column.path}"):
            crumbs = self.column_crumbs(column)
            if page.number == 1:
                crumbs[-1] = (crumbs[-1][0], None)
            yield self.page("column.html", page.path, lastmod=column.last_update, title=column.name, column=column,
                            listing=page, column_feed=feed_paths(f"{self.dir}/{column.path}")[0],
                            breadcrumbs=crumbs, column_name=column.name,
                            meta_tags={"ColumnName": column.name, "ColumnType": "列表"})

    def detail_with_downloads(self, report: Report) -> Iterator[OutputFile]:
        """The Word and PDF copies (when enabled), then the page that links them with their sizes."""
        links: list[Download] = []
        if self.downloads is not None:
            files, links = self.downloads.files(report)
            yield from files
        yield self.detail(report, links)

    def detail_reuse(self, report: Report) -> OutputFile | None:
        """The previous build's page when it can be reused (no downloads involved), without rendering anything."""
        if self.cache is None or self.downloads is not None:
            return None
        probe = self.detail(report, None, probe=True)
        return probe if probe.reuse_from is not None else None

    def detail(self, report: Report, downloads: list[Download] | None = None, probe: bool = False) -> OutputFile:
        column, newer, older = self.adjacent[report.url]
        meta = report.meta

        def rendered() -> dict[str, Any]:
            body = self.bodies.render(report)
            description = meta.summary or body.text.replace("\n", " ")[:120]
            tags = {
                "ColumnName": column.name, "ColumnType": "正文", "ArticleTitle": meta.title,
                "PubDate": f"{meta.published.isoformat()} 00:00", "ContentSource": meta.publisher,
                "Keywords": ",".join(meta.keywords), "Description": description,
            }
            show_toc = len([h for h in body.headings if h.level <= 3]) >= TOC_MIN_HEADINGS
            return {"body": body, "meta_tags": tags, "show_toc": show_toc, "toc": toc_tree(body.headings)}

        return self.page("detail.html", report.url, lastmod=meta.published, lazy=rendered, probe=probe,
                         title=meta.title,
                         report=report, meta=meta, source=[report.source_hash, list(report.image_map)],
                         column_feed=feed_paths(f"{self.dir}/{column.path}")[0],
                         newer=newer, older=older, meta_rows=meta_rows(meta),
                         breadcrumbs=self.column_crumbs(column) + [("正文", None)],
                         column_name=column.name, column_home=self.column_path(column.names),
                         downloads=downloads or [])

    def listing_pages(self, title: str, folder: str, reports: tuple[Report, ...], kind: str) -> Iterator[OutputFile]:
        for page in paginate(reports, self.site.config.page_size, folder):
            crumbs: list[Crumb] = [("首页", "index.html"), (DIRECTORY, page_file(self.dir, 1)), (title, None)]
            yield self.page("listing.html", page.path, lastmod=reports[0].meta.published, title=title,
                            listing=page, kind=kind, breadcrumbs=crumbs, column_name=DIRECTORY,
                            meta_tags={"ColumnName": DIRECTORY, "ColumnType": "列表"})

    def directory(self) -> Iterator[OutputFile]:
        years = group_by_year(self.site.reports)
        agencies = group_by_publisher(self.site.reports)
        year_links = [(f"{year}年", page_file(f"{self.dir}/nf/{year}", 1), len(items)) for year, items in years.items()]
        agency_links = [(name, page_file(f"{self.dir}/jg/{agency_slug(name)}", 1), len(items))
                        for name, items in agencies.items()]
        yield self.page("directory.html", page_file(self.dir, 1), lastmod=self.newest, title=DIRECTORY,
                        columns=self.site.columns, years=year_links, agencies=agency_links,
                        breadcrumbs=[("首页", "index.html"), (DIRECTORY, None)], column_name=DIRECTORY,
                        meta_tags={"ColumnName": DIRECTORY, "ColumnType": "目录"}, total=len(self.site.reports))
        for year, items in years.items():
            yield from self.listing_pages(f"{year}年公开的信息", f"{self.dir}/nf/{year}", items, "year")
        for name, items in agencies.items():
            yield from self.listing_pages(f"{name}发布的信息", f"{self.dir}/jg/{agency_slug(name)}", items, "agency")

    def simple(self, template: str, path: str, title: str) -> OutputFile:
        return self.page(template, path, lastmod=self.newest, title=title,
                         breadcrumbs=[("首页", "index.html"), (title, None)],
                         column_name=title, meta_tags={"ColumnName": title, "ColumnType": "单页"},
                         columns=self.site.columns, info_pages={p: t for p, (t, _) in INFO_PAGES.items()})

    def search_page(self) -> OutputFile:
        options = [(c.path and "/".join(c.names), "　" * (len(c.names) - 1) + c.name) for c in self.columns]
        agencies = sorted({r.meta.publisher for r in self.site.reports})
        years = sorted({r.meta.published.year for r in self.site.reports}, reverse=True)
        return self.page("search.html", "search.html", lastmod=self.newest, title="站内检索", column_name="站内检索",
                         breadcrumbs=[("首页", "index.html"), ("站内检索", None)],
                         meta_tags={"ColumnName": "站内检索", "ColumnType": "检索"},
                         column_options=options, agencies=agencies, years=years)

    def not_found(self) -> OutputFile:
        """The 404 page is served at any URL, so its links are absolute from the site's base path."""
        base_path = self.site.config.base_path
        return self.page("404.html", "404.html", title="页面未找到", url=lambda target: base_path + target,
                         meta_tags={"ColumnName": "页面未找到", "ColumnType": "单页"})


def meta_rows(meta: ReportMeta) -> list[list[tuple[str, str]]]:
    """The metadata table as the reference portal lays it out, optional fields appended in pairs."""
    rows = [
        [("索引号", meta.index_no), ("公开方式", meta.disclosure)],
        [("信息名称", meta.title), ("成文日期", meta.written.isoformat())],
        [("公开日期", meta.published.isoformat()), ("发布机构", meta.publisher)],
    ]
    extra = [(label, value) for label, value in (
        ("文号", meta.doc_no), ("有效性", meta.validity), ("主题分类", meta.topic), ("体裁分类", meta.genre),
        ("关键词", "、".join(meta.keywords)), ("内容概述", meta.summary),
    ) if value]
    if extra and meta.doc_no is None:
        extra.insert(0, ("文号", "无"))
    rows += [extra[i : i + 2] for i in range(0, len(extra), 2)]
    return rows


def toc_tree(headings: tuple[Heading, ...]) -> list[tuple[Heading, list[Heading]]]:
    """Top two heading levels as a nested list for the table of contents."""
    tree: list[tuple[Heading, list[Heading]]] = []
    for heading in headings:
        if heading.level == 2:
            tree.append((heading, []))
        elif heading.level == 3 and tree:
            tree[-1][1].append(heading)
    return tree


class TemplateFailure(Exception):
    """A template could not be rendered; carries the template name for the error message."""

    def __init__(self, template: str, error: jinja2.TemplateError) -> None:
        super().__init__(f"{template}: {error}")
        self.template = template
        self.error = error


def render_site(env: jinja2.Environment, site: Site, minify: bool, downloads: DownloadMaker | None = None,
                bodies: Bodies | None = None, details: Callable[[Renderer], Iterator[OutputFile]] | None = None,
                cache: PageCache | None = None, theme: str = "") -> Iterator[OutputFile]:
    """Every page of the site, one at a time, so memory stays flat however many reports there are.

    `details`, when given, produces the detail pages instead (the parallel renderer in build.py)."""
    renderer = Renderer(env, site, minify, downloads, bodies, cache, theme)
    steps: list[Callable[[], Iterator[OutputFile]]] = [
        lambda: iter([renderer.home()]),
        lambda: (f for c in renderer.columns for f in renderer.column_pages(c)),
        (lambda: details(renderer)) if details else (
            lambda: (f for r in site.reports for f in renderer.detail_with_downloads(r))),
        renderer.directory,
        lambda: iter([renderer.simple("sitemap.html", "sitemap.html", "网站地图")]),
        lambda: (renderer.simple(template, path, title) for path, (title, template) in INFO_PAGES.items()),
        lambda: iter([renderer.search_page()]),
        lambda: iter([renderer.not_found()]),
    ]
    for step in steps:
        yield from step()


__all__ = ["render_site", "Renderer", "TemplateFailure", "Page"]
