"""The whole pipeline: load → validate → render → write, as a short list of named steps."""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from .assets import theme_assets
from .bodies import Bodies
from .buildlock import build_lock
from .catalog import render_catalog
from .config import load_config
from .errors import BuildFailed, Location, Problem, Severity, cache_not_saved, errors_only
from .exports.downloads import CACHE_DIR, DownloadMaker, fingerprint
from .feeds import render_feeds
from .fewedits import Edited, checked_files, model_of, rebuild_few_edits
from .media import media_files
from .model import OutputFile
from .modelcache import forget_model, save_model
from .output import Sweeper, check_output_dir, write_site
from .pagekeys import PageCache, load_manifest, save_manifest, theme_fingerprint
from .parallel import WorkerSetup, parallel_pages, parallel_segments, process_map
from .render import render_site
from .reports import load_reports
from .search.index import SearchState, load_search_state, render_search, save_search_state
from .site import assemble_site
from .sitemap import render_sitemap
from .sourcecache import load_source_cache, save_source_cache
from .templates import TemplateFailure, make_environment, theme_dirs
from .uptodate import Inputs, Snapshot, State, forget, load_state, record, scan_inputs, tree_files, unchanged


@dataclass(frozen=True, slots=True)
class BuildResult:
    """What a finished build reports to the user."""

    out_dir: Path
    files: int
    reports: int
    warnings: tuple[Problem, ...]
    downloads_rendered: int = 0
    """How many Word/PDF files were rendered rather than taken from the cache."""
    pages_rendered: int = 0
    pages_reused: int = 0
    """Pages linked unchanged from the previous build instead of rendered."""


def check(project_dir: Path, today: dt.date) -> list[Problem]:
    """Validate the config and every content file without writing anything."""
    try:
        config = load_config(project_dir)
    except BuildFailed as failed:
        return failed.problems
    _, problems = load_reports(project_dir, config, today, editorial=True)
    return problems


def build(project_dir: Path, out_dir: Path, today: dt.date, minify: bool = True,
          downloads: bool = True, search: bool = True, jobs: int = 1, incremental: bool = True) -> BuildResult:
    """Build the site into out_dir, replacing it only if every step succeeds; one build at a time."""
    with build_lock(project_dir):
        return _build(project_dir, out_dir, today, minify, downloads, search, jobs, incremental)


def _build(project_dir: Path, out_dir: Path, today: dt.date, minify: bool, downloads: bool, search: bool,
           jobs: int, incremental: bool) -> BuildResult:
    inputs = scan_inputs(project_dir, out_dir, today, f"{minify}|{downloads}|{search}")
    state = load_state(project_dir, out_dir) if incremental else None
    if (last := unchanged(state, out_dir, inputs)) is not None:
        return BuildResult(out_dir=out_dir, files=last.files, reports=last.reports, warnings=last.warnings,
                           pages_reused=last.pages)
    if state is not None and not downloads and not search \
            and (edited := _few_edits(project_dir, out_dir, state, inputs, today, minify)) is not None:
        done = edited.snapshot
        return BuildResult(out_dir=out_dir, files=done.files, reports=done.reports, warnings=done.warnings,
                           pages_rendered=edited.rendered, pages_reused=done.pages - edited.rendered)
    forget(project_dir)
    forget_model(project_dir)
    config = load_config(project_dir)
    config_key = hashlib.sha256(repr(config).encode("utf-8")).hexdigest()
    sources = load_source_cache(project_dir, config_key) if incremental else {}
    loaded = {rel: (e.digest, e.summary) for rel, e in sources.items()}
    reports, problems = load_reports(project_dir, config, today, cache=sources, mapper=process_map(jobs))
    problems += check_output_dir(out_dir, project_dir)
    if errors_only(problems):
        raise BuildFailed(problems)
    site = assemble_site(config, reports, today)
    env = make_environment(project_dir, compact=minify)
    pages: list[tuple[str, dt.date]] = []
    bodies = Bodies(summaries={e.digest: e.summary for e in sources.values() if e.summary is not None})
    maker = None
    if downloads:
        plain = make_environment(project_dir)  # Word and PDF copies are made from the templates as written
        maker = DownloadMaker(plain, project_dir / CACHE_DIR, fingerprint(plain), project_dir / "content", bodies)
    theme = theme_fingerprint(theme_dirs(project_dir), config, minify)
    cache = PageCache(out_dir, load_manifest(project_dir, out_dir) if incremental else {})
    parallel = jobs > 1 and len(site.reports) > 1
    search_state = load_search_state(project_dir, out_dir) if incremental else SearchState()

    def files(staging: Path) -> Iterator[OutputFile]:
        pages_in_parallel = None
        if parallel:
            setup = WorkerSetup(project_dir, site, minify,
                                (maker.cache_dir, maker.base, maker.content_dir) if maker else None, theme, cache,
                                str(staging.resolve()))
            pages_in_parallel = partial(parallel_pages, setup, jobs, maker, cache)
        return itertools.chain(
            _recording(render_site(env, site, maker, bodies, pages_in_parallel, cache, theme), pages),
            render_feeds(site, bodies),
            render_catalog(site),
            render_search(site, bodies, cache, search_state, parallel_segments(jobs) if parallel else None)
            if search else iter(()),
            _later(lambda: media_files({path for r in site.reports for path in r.images}, project_dir / "content")),
            _later(lambda: render_sitemap(config.base_url, pages)),
            theme_assets(project_dir),
        )

    sweeper = Sweeper()  # the replaced site goes while the caches are saved
    try:
        count = write_site(files, out_dir, sweeper)
    except TemplateFailure as failure:
        raise BuildFailed([_template_problem(failure, project_dir)]) from failure
    warnings = tuple(p for p in problems if p.severity is Severity.WARNING)
    try:  # the site is in place: a cache that cannot be saved costs the next build time, never this one's site
        if maker is not None:
            maker.prune()
        outputs = tree_files(out_dir)  # walked once, for the page manifest and the build record
        save_manifest(project_dir, out_dir, cache.entries({rel: (size, mtime) for rel, size, mtime in outputs}))
        if search:
            save_search_state(project_dir, out_dir, search_state)
        if loaded != {rel: (e.digest, bodies.summaries.get(e.digest, e.summary)) for rel, e in sources.items()}:
            save_source_cache(project_dir, config_key, sources, bodies.summaries)
        if not downloads and not search:  # the only builds a rebuild after a few edits can follow
            save_model(project_dir, out_dir, model_of(inputs, site, checked_files(site, sources), bodies))
        record(project_dir, out_dir, inputs, Snapshot(count, len(reports), cache.rendered + cache.reused, warnings),
               outputs)
    except OSError as exc:
        warnings += (cache_not_saved(exc),)
    finally:
        sweeper.wait()
    return BuildResult(out_dir=out_dir, files=count, reports=len(reports), warnings=warnings,
                       downloads_rendered=maker.rendered if maker else 0, pages_rendered=cache.rendered,
                       pages_reused=cache.reused)


def _few_edits(project_dir: Path, out_dir: Path, state: State, inputs: Inputs, today: dt.date,
                   minify: bool) -> Edited | None:
    try:
        return rebuild_few_edits(project_dir, out_dir, state, inputs, today, minify)
    except TemplateFailure as failure:
        raise BuildFailed([_template_problem(failure, project_dir)]) from failure


def _recording(files: Iterator[OutputFile], pages: list[tuple[str, dt.date]]) -> Iterator[OutputFile]:
    """Pass pages through, noting each one's path and date for the sitemap that follows them."""
    for item in files:
        if item.lastmod is not None:
            pages.append((item.path, item.lastmod))
        yield item


def _later(step: Callable[[], Iterator[OutputFile]]) -> Iterator[OutputFile]:
    """Run a step only when the stream reaches it (the sitemap needs every page rendered first)."""
    yield from step()


def _template_problem(failure: TemplateFailure, project_dir: Path) -> Problem:
    file = Path(failure.file)
    shown = str(file.relative_to(project_dir)) if file.is_relative_to(project_dir) else failure.file
    if failure.missing is not None:
        return Problem("SB404", Location(shown), args={"name": failure.missing})
    return Problem("SB403", Location(shown, failure.line), args={"detail": failure.detail})
