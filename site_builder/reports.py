"""Sources to Reports: read, split, validate and render every content file, collecting all problems."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

from .bodies import after_lines
from .config import find_column, resolve_column, unknown_column
from .editorial import editorial_warnings
from .errors import Location, Problem, Severity, errors_only, relative_to
from .frontmatter import split_front_matter
from .hidden import first_hidden, hidden_codes
from .media import resolve_images
from .metadata import PUBLIC, index_key, is_published, plausible_dates, validate_meta
from .model import Report, ReportMeta, SiteConfig, Source
from .pagecount import download_warning
from .pickling import pickled_as_fields
from .sourcecache import CachedSource
from .sources import MAX_INDEXED_CHARS, find_sources, read_source
from .urls import is_listing_page, report_slug


@pickled_as_fields
@dataclass(frozen=True, slots=True)
class Checked:
    """A source whose metadata passed validation, before rendering."""

    source: Source
    meta: ReportMeta
    skipped: int
    """Body lines to skip (a repeated title line); the body text itself is not kept (see bodies.py)."""
    column_line: int | None
    index_line: int
    body_line: int
    """1-based line where the body starts in the file."""
    source_hash: str
    warnings: tuple[Problem, ...] = ()
    images: tuple[tuple[str, str], ...] = ()
    """(src as written, media/ output path) for each local image."""
    stat: tuple[int, int] = (0, 0)
    """(size, mtime_ns) of the file when it was read."""
    published_line: int | None = None
    """Where 公开日期 is (for a file just read; the cache does not keep it, see far_ahead)."""


FAR_AHEAD_DAYS = 366
"""A 公开日期 further ahead than this is more likely a mistyped year than a report scheduled on purpose."""


def far_ahead(item: Checked, today: dt.date) -> Checked:
    """The item with a warning (SB326) when its 公开日期 is more than a year away: the report waits unseen
    until then. Only a file just read can get it, and that is enough: a date only comes nearer, so a cached
    file (one without warnings) never needs it, and one with it is never cached."""
    days = (item.meta.published - today).days
    if days <= FAR_AHEAD_DAYS or item.meta.disclosure != PUBLIC or not plausible_dates(item.meta):
        return item
    warning = Problem("SB326", Location(item.source.rel, item.published_line), field="公开日期",
                      severity=Severity.WARNING, args={"date": item.meta.published.isoformat(), "days": days})
    return replace(item, warnings=(*item.warnings, warning))


def check_source(source: Source, config: SiteConfig, content_dir: Path,
                 editorial: bool = False) -> Checked | list[Problem]:
    """Everything that can be checked about one file on its own (with `editorial`, the editor's warnings too)."""
    split = split_front_matter(source)
    if isinstance(split, list):
        return split
    meta, problems = validate_meta(split.fields, source.rel)
    if not split.body.strip():
        problems.append(Problem("SB312", Location(source.rel, split.body_line)))
    elif (size := text_size(split.body)) > MAX_INDEXED_CHARS * 9 // 10:  # the index counts rendered text
        problems.append(Problem("SB319", Location(source.rel, split.body_line), severity=Severity.WARNING,
                                args={"length": size, "limit": MAX_INDEXED_CHARS}))
    if (comment := split.body.find("<!--")) >= 0:  # most Markdown tools hide it; here it is published as text
        line = split.body_line + split.body.count("\n", 0, comment)
        problems.append(Problem("SB327", Location(source.rel, line), severity=Severity.WARNING,
                                args={"text": split.body[comment : comment + 30].split("\n")[0]}))
    if (hidden := first_hidden(split.body)) is not None:  # removed when rendered (mdtree.parse)
        line = split.body_line + split.body.count("\n", 0, hidden)
        problems.append(Problem("SB331", Location(source.rel, line), severity=Severity.WARNING,
                                args={"codepoints": "、".join(hidden_codes(split.body))}))
    images, image_problems = resolve_images(split.body, source.path, source.rel, split.body_line, content_dir)
    problems += image_problems
    if meta is None or errors_only(problems):
        return problems
    if editorial:
        problems += editorial_warnings(split, meta, source.rel)
    column_field = split.fields.get("栏目")
    if meta.column is not None:
        column = resolve_column(config.columns, meta.column)
        if column is None:
            where = Location(source.rel, column_field.line if column_field else None)
            return [unknown_column(config.columns, "/".join(meta.column), where)]
        meta = replace(meta, column=column)
    skip = repeated_title_lines(split.body, meta.title, meta.doc_no or "")
    if warning := download_warning(after_lines(split.body, skip)):  # the text exports/downloads.py gets
        problems.append(Problem(warning[0], Location(source.rel, split.body_line), severity=Severity.WARNING,
                                args=warning[1]))
    return Checked(slim(source), meta, skip, column_field.line if column_field else None,
                   split.fields["索引号"].line, split.body_line, source.digest, tuple(problems),
                   tuple(images.items()), source.stat, split.fields["公开日期"].line)


def text_size(body: str) -> int:
    """Characters of a body that are not white space (indentation is not text), counted at C speed."""
    return len(body) - sum(map(body.count, (" ", "\n", "\t", "\r", "\u3000")))


def report_url(config: SiteConfig, column: tuple[str, ...], index_no: str) -> str:
    """Output path of a detail page: the column's slug path plus the 索引号 slug."""
    return url_maker(config)(column, index_no)


def url_maker(config: SiteConfig) -> Callable[[tuple[str, ...], str], str]:
    """report_url for many reports: each column's folder is looked up once, not once a report."""
    folders: dict[tuple[str, ...], str] = {}

    def url(column: tuple[str, ...], index_no: str) -> str:
        folder = folders.get(column)
        if folder is None:
            chain = find_column(config.columns, column) or ()
            folder = folders[column] = "/".join([config.directory_slug, *(c.slug for c in chain)])
        return f"{folder}/{report_slug(index_no)}.html"

    return url


def slim(source: Source) -> Source:
    """The source without its text: thousands of reports must not stay in memory."""
    return Source(source.path, source.rel, "", source.digest, source.stat)


def from_cache(path: Path, rel: str, cached: CachedSource) -> Checked:
    """A Checked rebuilt from the cache: the file is neither read nor parsed (only files without images or
    warnings are cached; their stat is unchanged since they were last read)."""
    return Checked(Source(path, rel, "", cached.digest), cached.meta, cached.skipped, cached.column_line,
                   cached.index_line, cached.body_line, cached.digest, stat=cached.stat)


def file_stat(path: Path) -> tuple[int, int]:
    info = path.stat()
    return info.st_size, info.st_mtime_ns


CheckResult = Checked | list[Problem]
Mapper = Callable[[Callable[[Path], CheckResult], list[Path]], Iterable[CheckResult]]
"""Applies a function to every path, in order: `map` here, a process pool for a large clean build."""


def read_and_check(path: Path, project_dir: Path, config: SiteConfig, editorial: bool = False) -> CheckResult:
    source = read_source(path, project_dir)
    if isinstance(source, Problem):
        return [source]
    return check_source(source, config, project_dir / "content", editorial)


def load_reports(project_dir: Path, config: SiteConfig, today: dt.date,
                 editorial: bool = False, cache: dict[str, CachedSource] | None = None,
                 mapper: Mapper = map) -> tuple[list[Report], list[Problem]]:
    """Every published report, and every problem in every file (unpublished files are validated too)."""
    paths, problems = find_sources(project_dir / "content", project_dir)
    unchanged: dict[Path, Checked] = {}
    rel_of = relative_to(project_dir)
    if cache is not None and not editorial:
        for path in paths:
            rel = rel_of(path)
            remembered = cache.get(rel)
            if remembered is not None and remembered.stat == file_stat(path):
                unchanged[path] = from_cache(path, rel, remembered)
    unread = [path for path in paths if path not in unchanged]
    fresh = dict(zip(unread, mapper(partial(read_and_check, project_dir=project_dir, config=config,
                                            editorial=editorial), unread), strict=True))
    checked: list[Checked] = []
    for path in paths:
        result = unchanged[path] if path in unchanged else fresh[path]
        if isinstance(result, Checked) and path not in unchanged:
            result = far_ahead(result, today)
        if isinstance(result, list):
            problems.extend(result)
        else:
            problems.extend(result.warnings)  # none when unchanged: files with warnings are never cached
            checked.append(result)
    url = url_maker(config)
    urls = [url(item.meta.column or config.default_column, item.meta.index_no) for item in checked]
    problems.extend(_duplicates(checked, urls))
    if cache is not None:
        known = {entry.digest: entry.summary for entry in cache.values() if entry.summary is not None}
        raw = {entry.digest: entry.meta_json for entry in cache.values()}
        cache.clear()  # files with images or warnings are read each build: images may change, warnings repeat
        cache.update({item.source.rel: CachedSource(item.source.digest, item.meta, item.column_line, item.index_line,
                                                    item.body_line, known.get(item.source.digest), item.skipped,
                                                    item.stat, raw.get(item.source.digest))
                      for item in checked if not item.images and not item.warnings})
    reports = [
        to_report(item, config, url) for item, url in zip(checked, urls, strict=True) if is_published(item.meta, today)
    ] if not errors_only(problems) else []
    return reports, problems


def to_report(item: Checked, config: SiteConfig, url: str) -> Report:
    """A Report that knows where its body is; the body is rendered only when a page needs it."""
    column = item.meta.column or config.default_column
    images = dict(item.images)
    skipped = item.skipped
    return Report(source_rel=item.source.rel, meta=item.meta, body=None, column=column, url=url,
                  images=tuple(sorted(set(images.values()))), source_path=str(item.source.path),
                  body_start=item.body_line - 1 + skipped, source_hash=item.source_hash,
                  image_map=tuple(sorted(images.items())))


def repeated_title_lines(body: str, title: str, doc_no: str = "") -> int:
    """How many leading body lines to skip: up to the last of the first text lines that only repeat 信息名称 or
    文号 (Word files start with them, and the page already shows both)."""
    repeats = {title, doc_no} - {""}
    at = number = skip = 0
    while True:  # line by line from the top: the body is long and only its first text lines matter
        end = body.find("\n", at)
        line = body[at:] if end < 0 else body[at:end]
        if line.strip():
            text = " ".join(line.strip(" \u3000#").split())
            if text not in repeats:
                return skip
            repeats.discard(text)
            skip = number + 1
        if end < 0:
            return skip
        at, number = end + 1, number + 1


def _duplicates(checked: list[Checked], urls: list[str]) -> list[Problem]:
    """索引号 must be unique site-wide (after NFKC and case folding), and no two pages may share a path."""
    problems: list[Problem] = []
    by_key: dict[str, Checked] = {}
    by_url: dict[str, Checked] = {}
    for item, url in zip(checked, urls, strict=True):
        key = index_key(item.meta.index_no)
        if key in by_key:
            first = by_key[key]
            problems.append(Problem("SB308", Location(item.source.rel, item.index_line), field="索引号",
                                    args={"value": item.meta.index_no, "other": first.source.rel}))
            continue
        by_key[key] = item
        if is_listing_page(url):  # it would overwrite one of its column's listing pages
            problems.append(Problem("SB325", Location(item.source.rel, item.index_line), field="索引号",
                                    args={"value": item.meta.index_no, "url": url}))
            continue
        if url in by_url:
            problems.append(Problem("SB313", Location(item.source.rel, item.index_line), field="索引号",
                                    args={"url": url, "other": by_url[url].source.rel}))
            continue
        by_url[url] = item
    return problems
