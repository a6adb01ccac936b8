"""Site to a stream of OutputFiles: every page rendered in memory, nothing written here."""

from __future__ import annotations

import datetime as dt
import hashlib
import posixpath
from collections.abc import Callable, Iterator
from dataclasses import replace
from functools import partial
from typing import Any
from urllib.parse import urlsplit

import jinja2
from markupsafe import Markup

from .bodies import Bodies
from .exports.downloads import Download, DownloadMaker
from .feeds import feed_paths
from .minify import minify_fragment
from .model import Column, Heading, OutputFile, Report, ReportMeta, Site
from .pagekeys import PageCache, PageKeys
from .paginate import Page, paginate
from .site import adjacency, group_by_publisher, group_by_year, walk_columns
from .templates import compacts, place_signature, render_template
from .urls import agency_slug, page_file, relative_from

HOME_LATEST = 10
DIRECTORY = "政府信息公开目录"
HOME, SITEMAP = "index.html", "sitemap.html"
TOC_MIN_HEADINGS = 4
INFO_PAGES = {"wzasm.html": ("无障碍声明", "accessibility.html"), "wzsm.html": ("网站声明", "statement.html"),
              "lxwm.html": ("联系我们", "contact.html")}
Crumb = tuple[str, str | None]
Task = tuple[Any, ...]
"""("detail", report index), ("column", column index, page index), ("listing", kind, name, page index), ..."""


class Renderer:
    """Renders each kind of page; holds only the environment and the site, both read-only."""

    def __init__(self, env: jinja2.Environment, site: Site, downloads: DownloadMaker | None = None,
                 bodies: Bodies | None = None, cache: PageCache | None = None, theme: str = "") -> None:
        self.env = env
        self.cache = cache
        self.keys = PageKeys()
        nav = [[list(c.names), list(c.slugs)] for c in site.columns]
        self.key_base = f"{theme}|{nav}"
        self.downloads = downloads
        self.bodies = bodies or Bodies()
        self.site = site
        self.minify = compacts(env)
        """Minified pages: the environment compacts the templates (make_environment), the fragments go through
        minify-html."""
        self.dir = site.config.directory_slug
        self.columns = walk_columns(site.columns)
        self.newest = site.reports[0].meta.published if site.reports else site.today
        self.adjacent = adjacency(self.columns)
        self.years = group_by_year(site.reports)
        self.agencies = group_by_publisher(site.reports)
        self._paginated: dict[tuple[object, ...], list[Page[Report]]] = {}
        self._fragments: dict[tuple[str, str, str], Markup] = {}
        self.site_wide: dict[str, Any] = {
            "site": site.config, "nav_columns": site.columns, "directory_path": page_file(self.dir, 1),
            "site_domain": urlsplit(site.config.base_url).netloc, "absolute": self.absolute,
        }
        """What every page and every fragment sees, the same for the whole site (computed once, not per page)."""

    def page(self, template: str, path: str, lastmod: dt.date | None = None,
             lazy: Callable[[], dict[str, Any]] | None = None, probe: bool = False, key: str | None = None,
             **context: Any) -> OutputFile:
        """Render a page, or reuse last build's file when nothing it depends on changed.

        `context` is what the page depends on; `lazy` adds what follows from it but costs time to compute
        (a report's rendered body), and runs only when the page really has to be rendered. `key`, when given,
        stands for everything the page depends on (a detail page's: see `detail_key`)."""
        if self.cache is not None:
            if key is None:
                key = self.keys.key(self.key_base, template, path, context)
            previous = self.cache.reusable(path, key, probe)
            if previous is not None or probe:
                return OutputFile(path=path, content=b"", lastmod=lastmod, reuse_from=previous)

        folder = posixpath.dirname(path)

        def url(target: str) -> str:
            return relative_from(folder, target)

        base = {
            **self.site_wide, "page_path": path, "url": url,
            "meta_tags": {}, "column_name": "", "breadcrumbs": [], "column_link": self.column_path,
            "column_feed": None,
        }
        base.update(context)
        if lazy is not None:
            base.update(lazy())
        current = path if path in (HOME, base["directory_path"], SITEMAP) else ""
        base["fragment"] = partial(self.fragment, None if "url" in context else (folder, current),  # 404: own links
                                   context.get("url", url), current)
        html = render_template(self.env, template, base)
        return OutputFile(path=path, content=html.encode("utf-8"), lastmod=lastmod)

    def absolute(self, target: str) -> str:
        """A site path as a link from the server's root, for templates that want one (`absolute()`)."""
        return self.site.config.base_path + target

    def fragment(self, key: tuple[str, str] | None, url: Callable[[str], str], current: str, name: str) -> Markup:
        """A part of the page that is the same on every page of a folder (top bar, toolbar, header and
        navigation, footer), rendered (and minified with minify-html) once per folder. It sees the site, the
        navigation and the page's links, and `current`: the page's own path when it is one of the navigation's
        (else "")."""
        found = self._fragments.get((name, *key)) if key is not None else None
        if found is None:
            raw = self.env.get_template(name).render({**self.site_wide, "url": url, "current": current})
            found = Markup(minify_fragment(raw) if self.minify else raw)
            if key is not None:
                self._fragments[(name, *key)] = found
        return found

    def column_crumbs(self, column: Column) -> list[Crumb]:
        crumbs: list[Crumb] = [("首页", "index.html")]
        for depth in range(1, len(column.names) + 1):
            crumbs.append((column.names[depth - 1], self.column_path(column.names[:depth])))
        return crumbs

    def column_path(self, names: tuple[str, ...]) -> str:
        column = next(c for c in self.columns if c.names == names)
        return page_file(f"{self.dir}/{column.path}", 1)

    def home(self, probe: bool = False) -> OutputFile:
        return self.page("home.html", "index.html", lastmod=self.newest, probe=probe, title="首页",
                         latest=self.site.reports[:HOME_LATEST],
                         columns=self.site.columns, breadcrumbs=[("首页", None)],
                         meta_tags={"ColumnName": "首页", "ColumnType": "首页"}, column_name="首页")

    def column_page(self, index: int, number: int, probe: bool = False) -> OutputFile:
        column = self.columns[index]
        page = self._pages(("column", index), column.reports, f"{self.dir}/{column.path}")[number]
        crumbs = self.column_crumbs(column)
        if page.number == 1:
            crumbs[-1] = (crumbs[-1][0], None)
        key = self.listing_key("column.html", page, self.keys.json(column)) if self.cache is not None else None
        return self.page("column.html", page.path, lastmod=column.last_update, probe=probe, key=key,
                         title=column.name, column=column, listing=page,
                         column_feed=feed_paths(f"{self.dir}/{column.path}")[0], breadcrumbs=crumbs,
                         column_name=column.name,
                         meta_tags={"ColumnName": column.name, "ColumnType": "列表"})

    def listing_key(self, template: str, page: Page[Report], head: str) -> str:
        """A listing page's key without walking its context: the page shows its listing (`head`: the column,
        or the year or agency and title), its place among the listing's pages, and each item as listed."""
        parts = [self.key_base, template, page.path, head, str(page.number), page.paths[0], str(len(page.paths)),
                 str(page.first_index), str(page.total)]
        parts += [self.keys.text(item) for item in page.items]
        return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()

    def _pages(self, key: tuple[object, ...], reports: tuple[Report, ...], folder: str) -> list[Page[Report]]:
        """A listing's pages, split once per renderer (every page of a listing is a separate task)."""
        found = self._paginated.get(key)
        if found is None:
            found = self._paginated[key] = paginate(reports, self.site.config.page_size, folder)
        return found

    def detail_with_downloads(self, report: Report) -> Iterator[OutputFile]:
        """The Word and PDF copies (when enabled), then the page that links them with their sizes."""
        links: list[Download] = []
        if self.downloads is not None:
            files, links = self.downloads.files(report)
            yield from files
        yield self.detail(report, links)

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
            html, shown = place_signature(self.env, meta, body.html)
            if shown is not meta:
                body = replace(body, html=html)
            return {"body": body, "meta": shown, "meta_tags": tags, "show_toc": show_toc,
                    "toc": toc_tree(body.headings), "column_feed": feed_paths(f"{self.dir}/{column.path}")[0],
                    "meta_rows": meta_rows(meta),
                    "breadcrumbs": self.column_crumbs(column) + [("正文", None)],
                    "column_home": self.column_path(column.names)}

        key = self.detail_key(report, column, newer, older, downloads) if self.cache is not None else None
        return self.page("detail.html", report.url, lastmod=meta.published, lazy=rendered, probe=probe, key=key,
                         title=meta.title, report=report, meta=meta, source=[report.source_hash,
                                                                             list(report.image_map)],
                         column=[column.names, column.path], newer=newer, older=older, column_name=column.name,
                         downloads=downloads or [])

    def detail_key(self, report: Report, column: Column, newer: Report | None, older: Report | None,
                   downloads: list[Download] | None) -> str | None:
        """A detail page's key without walking its context: everything on the page follows from the report's
        file (its hash), its URL, column and images, what the page shows of its neighbours, the downloads
        offered and the site-wide base (templates, config, navigation). None when a report has no file hash."""
        if not report.source_hash:
            return None
        parts = [self.key_base, "detail.html", report.url, report.source_hash, "/".join(column.names), column.path,
                 repr(report.image_map), repr(downloads or [])]
        parts += [self.keys.text(item) if item is not None else "-" for item in (newer, older)]
        return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()

    def _listing(self, kind: str, name: str) -> tuple[str, str, tuple[Report, ...]]:
        if kind == "year":
            return f"{name}年公开的信息", f"{self.dir}/nf/{name}", self.years[int(name)]
        return f"{name}发布的信息", f"{self.dir}/jg/{agency_slug(name)}", self.agencies[name]

    def listing_page(self, kind: str, name: str, number: int, probe: bool = False) -> OutputFile:
        title, folder, reports = self._listing(kind, name)
        page = self._pages((kind, name), reports, folder)[number]
        crumbs: list[Crumb] = [("首页", "index.html"), (DIRECTORY, page_file(self.dir, 1)), (title, None)]
        key = self.listing_key("listing.html", page, f"{kind}\0{title}") if self.cache is not None else None
        return self.page("listing.html", page.path, lastmod=reports[0].meta.published, probe=probe, key=key,
                         title=title,
                         listing=page, kind=kind, breadcrumbs=crumbs, column_name=DIRECTORY,
                         meta_tags={"ColumnName": DIRECTORY, "ColumnType": "列表"})

    def directory(self, probe: bool = False) -> OutputFile:
        year_links = [(f"{year}年", page_file(f"{self.dir}/nf/{year}", 1), len(items))
                      for year, items in self.years.items()]
        agency_links = [(name, page_file(f"{self.dir}/jg/{agency_slug(name)}", 1), len(items))
                        for name, items in self.agencies.items()]
        return self.page("directory.html", page_file(self.dir, 1), lastmod=self.newest, probe=probe,
                         title=DIRECTORY, columns=self.site.columns, years=year_links, agencies=agency_links,
                         breadcrumbs=[("首页", "index.html"), (DIRECTORY, None)], column_name=DIRECTORY,
                         meta_tags={"ColumnName": DIRECTORY, "ColumnType": "目录"}, total=len(self.site.reports))

    def tasks(self) -> list[Task]:
        """Every page of the site as a small picklable task, in the order the pages are written."""
        size = self.site.config.page_size
        found: list[Task] = [("home",)]
        for index, column in enumerate(self.columns):
            found += [("column", index, n) for n in range(_page_count(len(column.reports), size))]
        found += [("detail", index) for index in range(len(self.site.reports))]
        found.append(("directory",))
        for year, items in self.years.items():
            found += [("listing", "year", str(year), n) for n in range(_page_count(len(items), size))]
        for name, items in self.agencies.items():
            found += [("listing", "agency", name, n) for n in range(_page_count(len(items), size))]
        found.append(("simple", "sitemap.html", "sitemap.html", "网站地图"))
        found += [("simple", template, path, title) for path, (title, template) in INFO_PAGES.items()]
        found += [("search",), ("404",)]
        return found

    def run(self, task: Task) -> list[OutputFile]:
        """The files of one task: a page, or a detail page with its downloads."""
        if task[0] == "detail":
            return list(self.detail_with_downloads(self.site.reports[task[1]]))
        return [self._page_task(task, probe=False)]

    def probe(self, task: Task) -> list[OutputFile] | None:
        """The task's files taken unchanged from the previous build, if it can tell without rendering."""
        if self.cache is None or not self.cache.previous:  # a first or --clean build: nothing to look up
            return None
        if task[0] == "detail":
            if self.downloads is not None:  # its Word/PDF files are made (or taken from their cache) by run()
                return None
            page = self.detail(self.site.reports[task[1]], None, probe=True)
        else:
            page = self._page_task(task, probe=True)
        return [page] if page.reuse_from is not None else None

    def _page_task(self, task: Task, probe: bool) -> OutputFile:
        kind = task[0]
        if kind == "home":
            return self.home(probe)
        if kind == "column":
            return self.column_page(task[1], task[2], probe)
        if kind == "directory":
            return self.directory(probe)
        if kind == "listing":
            return self.listing_page(task[1], task[2], task[3], probe)
        if kind == "simple":
            return self.simple(task[1], task[2], task[3], probe)
        if kind == "search":
            return self.search_page(probe)
        return self.not_found(probe)

    def simple(self, template: str, path: str, title: str, probe: bool = False) -> OutputFile:
        return self.page(template, path, lastmod=self.newest, probe=probe, title=title,
                         breadcrumbs=[("首页", "index.html"), (title, None)],
                         column_name=title, meta_tags={"ColumnName": title, "ColumnType": "单页"},
                         columns=self.site.columns, info_pages={p: t for p, (t, _) in INFO_PAGES.items()})

    def search_page(self, probe: bool = False) -> OutputFile:
        options = [(c.path and "/".join(c.names), "　" * (len(c.names) - 1) + c.name) for c in self.columns]
        agencies = sorted({r.meta.publisher for r in self.site.reports})
        years = sorted({r.meta.published.year for r in self.site.reports}, reverse=True)
        return self.page("search.html", "search.html", lastmod=self.newest, probe=probe, title="站内检索",
                         column_name="站内检索",
                         breadcrumbs=[("首页", "index.html"), ("站内检索", None)],
                         meta_tags={"ColumnName": "站内检索", "ColumnType": "检索"},
                         column_options=options, agencies=agencies, years=years)

    def not_found(self, probe: bool = False) -> OutputFile:
        """The 404 page is served at any URL, so its links are absolute from the site's base path."""
        base_path = self.site.config.base_path
        return self.page("404.html", "404.html", probe=probe, title="页面未找到", url=lambda target: base_path + target,
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


def _page_count(items: int, size: int) -> int:
    return (items + size - 1) // size


def render_site(env: jinja2.Environment, site: Site, downloads: DownloadMaker | None = None,
                bodies: Bodies | None = None, pages: Callable[[Renderer], Iterator[OutputFile]] | None = None,
                cache: PageCache | None = None, theme: str = "") -> Iterator[OutputFile]:
    """Every page of the site, one at a time, so memory stays flat however many reports there are.

    `pages`, when given, renders the tasks instead (the parallel renderer in build.py)."""
    renderer = Renderer(env, site, downloads, bodies, cache, theme)
    if pages is not None:
        yield from pages(renderer)
        return
    for task in renderer.tasks():
        yield from renderer.run(task)


__all__ = ["render_site", "Renderer", "Page"]
