"""A rebuild after editors changed a few reports without moving them: their text, or metadata that describes
a report but does not place it (信息名称, 文号, 关键词, 内容概述 …; not 索引号, 公开方式, 发布机构, the dates or the
栏目, which decide where it is listed and in what order). Only what shows those can change: each edited report's
own page and the feeds showing it; for a description, also its neighbours' pages (上一篇/下一篇), the one page
of each listing that holds it, the home page if it is among the latest, and the catalogue. Only those are
rendered and moved into the output in place. Everything else must be exactly as the last build left it, or
this returns None and the full (incremental) build runs: settings, templates or code changed, a file added or
removed, a file with images or warnings, a report moved, search or downloads on, a touched output file, a
missing model."""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .bodies import Bodies
from .catalog import catalog_paths, patch_catalog, render_catalog
from .config import load_config
from .errors import Problem, cache_not_saved
from .feeds import feed_reports, render_feeds
from .model import OutputFile, Report, Site
from .modelcache import CheckedFile, SiteModel, forget_model, load_model, report_row, save_model
from .output import update_in_place
from .render import HOME_LATEST, Renderer
from .reports import Checked, read_and_check, to_report
from .site import build_columns
from .sourcecache import CachedSource
from .templates import make_environment
from .uptodate import Inputs, Snapshot, State, forget, outputs_key, record, tree_files

MAX_EDITS = 16
"""More edited files than this go to the full build, which renders in worker processes."""


@dataclass(frozen=True, slots=True)
class Edited:
    """What a rebuild after a few edits did."""

    snapshot: Snapshot
    rendered: int


def rebuild_few_edits(project_dir: Path, out_dir: Path, state: State, inputs: Inputs, today: dt.date,
                      minify: bool) -> Edited | None:
    """Rebuild after a few edits, or None when the change is anything else (see the module docstring).
    `state`: what the last build recorded."""
    if state.inputs.settings != inputs.settings \
            or state.inputs.content.keys() != inputs.content.keys():
        return None
    edited = [rel for rel, stat in inputs.content.items() if state.inputs.content[rel] != stat]
    if not edited or len(edited) > MAX_EDITS:
        return None
    model = load_model(project_dir, out_dir)
    if model is None or model.inputs != state.inputs.key:
        return None
    outputs = tree_files(out_dir)
    if outputs_key(outputs) != state.outputs:
        return None
    config = load_config(project_dir)
    reports, rows = list(model.reports), list(model.rows)
    files = dict(model.files)
    changed: list[int] = []
    described: list[tuple[Report, Report]] = []
    """(before, after) of reports whose description changed."""
    for rel in edited:
        project_rel = f"content/{rel}"
        before = files.get(project_rel)
        if before is None:
            return None
        result = read_and_check(project_dir / project_rel, project_dir, config)
        if not _placed_alike(result, before):
            return None
        assert isinstance(result, Checked)
        files[project_rel] = replace(before, digest=result.source_hash, meta=result.meta)
        if before.report >= 0 and (result.source_hash, result.meta) != (before.digest, before.meta):
            old = reports[before.report]
            reports[before.report] = to_report(result, config, old.url)  # same place, same URL
            rows[before.report] = report_row(reports[before.report])
            changed.append(before.report)
            if result.meta != before.meta:
                described.append((old, reports[before.report]))
    site = Site(config=config, reports=tuple(reports), columns=build_columns(config.columns, tuple(reports)),
                today=today)
    forget(project_dir)
    forget_model(project_dir)
    bodies = Bodies(summaries=dict(model.summaries))
    rendered = _render(project_dir, out_dir, site, minify, bodies, changed, described)
    written = _write_changed(out_dir, rendered)
    snapshot = state.snapshot
    try:  # the pages are in place (see build.py)
        save_model(project_dir, out_dir, SiteModel(inputs.key, reports, rows, files, feed_summaries(site, bodies)))
        for path in written:  # in place of a second walk of the output
            info = (out_dir / path).stat()
            at = bisect.bisect_left(outputs, (path,))
            if at < len(outputs) and outputs[at][0] == path:
                outputs[at] = (path, info.st_size, info.st_mtime_ns)
            else:
                outputs.insert(at, (path, info.st_size, info.st_mtime_ns))
        record(project_dir, out_dir, inputs, snapshot, outputs)
    except OSError as exc:
        snapshot = replace(snapshot, warnings=(*snapshot.warnings, cache_not_saved(exc)))
    return Edited(snapshot, sum(1 for file in rendered if file.lastmod is not None))  # pages, not feeds


PLACEMENT = ("index_no", "disclosure", "publisher", "written", "published", "column")
"""What decides whether, where and in what order a report is listed (and its URL)."""


def _placed_alike(result: Checked | list[Problem], before: CheckedFile) -> bool:
    """The file still checks without warnings or images, and would be listed exactly where it was."""
    return isinstance(result, Checked) and not result.warnings and not result.images \
        and all(getattr(result.meta, name) == getattr(before.meta, name) for name in PLACEMENT)


def _render(project_dir: Path, out_dir: Path, site: Site, minify: bool, bodies: Bodies, changed: list[int],
            described: list[tuple[Report, Report]]) -> list[OutputFile]:
    renderer = Renderer(make_environment(project_dir, compact=minify), site, None, bodies)
    pages = [renderer.detail(site.reports[index]) for index in changed]
    place = {site.reports[index].url: index for index in changed}
    for _, report in described:
        pages += _pages_listing(renderer, place[report.url])
    pages += render_feeds(site, bodies, set(place))
    if described:
        pages += _catalog(out_dir, site, described)
    return list({page.path: page for page in pages}.values())  # two edited neighbours share pages


def _catalog(out_dir: Path, site: Site, described: list[tuple[Report, Report]]) -> list[OutputFile]:
    """The last build's catalogue with the edited rows replaced, or (should a row not be found) made anew."""
    try:
        previous = tuple((out_dir / path).read_bytes() for path in catalog_paths(site))
    except OSError:
        return list(render_catalog(site))
    return patch_catalog(site, (previous[0], previous[1]), described) or list(render_catalog(site))


def _pages_listing(renderer: Renderer, index: int) -> list[OutputFile]:
    """Every page but its own that shows a report's description (what `canonical` keys pages by): its
    neighbours' pages, the page of each listing that holds it, the home page's latest."""
    site, report = renderer.site, renderer.site.reports[index]
    _, newer, older = renderer.adjacent[report.url]
    pages = [renderer.detail(neighbour) for neighbour in (newer, older) if neighbour is not None]
    size = site.config.page_size
    for number, column in enumerate(renderer.columns):
        if (at := _place(column.reports, report)) is not None:
            pages.append(renderer.column_page(number, at // size))
    year, publisher = report.meta.published.year, report.meta.publisher
    for kind, name, listing in (("year", str(year), renderer.years[year]),
                                ("agency", publisher, renderer.agencies[publisher])):
        if (at := _place(listing, report)) is not None:
            pages.append(renderer.listing_page(kind, name, at // size))
    if index < HOME_LATEST:
        pages.append(renderer.home())
    return pages


def _place(reports: tuple[Report, ...], report: Report) -> int | None:
    return next((at for at, item in enumerate(reports) if item is report), None)


def _write_changed(out_dir: Path, files: list[OutputFile]) -> list[str]:
    """Move in the files whose bytes differ from the output's; their paths."""
    different = []
    for item in files:
        try:
            same = (out_dir / item.path).read_bytes() == item.content
        except OSError:
            same = False
        if not same:
            different.append(item)
    if different:
        update_in_place(different, out_dir)
    return [item.path for item in different]


def feed_summaries(site: Site, bodies: Bodies) -> dict[str, str]:
    """The summaries the feeds showed, for the next rebuild's feeds."""
    return {r.source_hash: bodies.summaries[r.source_hash] for r in feed_reports(site)
            if r.source_hash in bodies.summaries}


def checked_files(site: Site, sources: dict[str, CachedSource]) -> dict[str, CheckedFile]:
    """The files a rebuild after a few edits may take as they are: those the source cache keeps (no images,
    no warnings), with their place among the site's reports."""
    place = {report.source_rel: index for index, report in enumerate(site.reports)}
    return {rel: CheckedFile(entry.digest, entry.meta, place.get(rel, -1)) for rel, entry in sources.items()}


def model_of(inputs: Inputs, site: Site, files: dict[str, CheckedFile], bodies: Bodies) -> SiteModel:
    shared: dict[Any, Any] = {}
    return SiteModel(inputs.key, list(site.reports), [report_row(r, shared) for r in site.reports], files,
                     feed_summaries(site, bodies))

