"""Pages (and downloads) rendered, and search segments indexed, in worker processes, in order, streamed back
one by one.

Each worker builds its own Jinja environment and renderer once; only small task tuples go out and rendered
bytes come back, so the output is the same whatever the number of workers."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .bodies import Bodies
from .errors import BuildFailed
from .exports.downloads import DownloadMaker
from .model import OutputFile, Report, Site
from .output import staged_path, write_file
from .pagekeys import PageCache
from .pickling import pickled_as_fields
from .render import Renderer, Task
from .reports import CheckResult, Mapper
from .search.index import IndexSegments, SegmentFiles, SegmentJob, segment_files
from .search.normalize import fold_table
from .templates import make_environment

MAX_CHUNK = 64
"""Most pages sent to a worker in one message (see chunk_size); MAX_CHUNK_DOWNLOADS when they come with their
Word and PDF files (each made in a tenth of a second or more, or taken from the download cache)."""
MAX_CHUNK_DOWNLOADS = 8
FEW = 16
"""Up to this many pages to render (an edit or two), the main process renders them itself."""
FEW_FILES = 200
"""Up to this many content files to read and check, the main process does it itself."""


@dataclass(frozen=True, slots=True)
class WorkerSetup:
    """What a worker needs to render detail pages exactly as the main process would."""

    project_dir: Path
    site: Site
    minify: bool
    downloads: tuple[Path, str, Path] | None
    """(cache folder, fingerprint, content folder) when downloads are on."""
    theme: str = ""
    previous: PageCache | None = None
    """The previous build's page keys, when pages may be reused."""
    staging: str = ""
    """The staging folder: workers write the files they render there and send back only their paths."""


@pickled_as_fields
@dataclass(frozen=True, slots=True)
class DetailResult:
    files: list[OutputFile]
    rendered: int
    used: set[str]
    keys: dict[str, str]
    pages_reused: int
    summaries: dict[str, str]
    """Opening text of the report rendered (by source hash), so feeds need not render it again."""


_renderer: Renderer | None = None
"""The worker process's renderer (set once by the initializer; never used in the main process)."""
_staging = ""
_folders: set[str] = set()


def _init(setup: WorkerSetup) -> None:
    global _renderer, _staging
    env = make_environment(setup.project_dir, compact=setup.minify)
    bodies = Bodies()
    maker = DownloadMaker(make_environment(setup.project_dir), setup.downloads[0], setup.downloads[1],
                          setup.downloads[2], bodies) if setup.downloads else None
    cache = PageCache(setup.previous.old_dir, setup.previous.previous) if setup.previous else None
    _renderer = Renderer(env, setup.site, maker, bodies, cache, setup.theme)
    _staging = setup.staging


def _write(file: OutputFile) -> OutputFile:
    """Write a rendered file into the staging folder; anything odd goes back to the main process unwritten,
    which then reports it exactly as it would have (a path outside the site, two files with one path)."""
    try:
        target = staged_path(_staging, file.path)
        write_file(target, file, _folders)
    except (BuildFailed, FileExistsError):
        return file
    return OutputFile(file.path, b"", file.lastmod, written=True)


def _render(task: Task) -> DetailResult:
    assert _renderer is not None
    maker, cache = _renderer.downloads, _renderer.cache
    before = maker.rendered if maker else 0
    reused_before = cache.reused if cache else 0
    files = [_write(file) for file in _renderer.run(task)] if _staging else _renderer.run(task)
    summaries: dict[str, str] = {}
    if task[0] == "detail":
        report = _renderer.site.reports[task[1]]
        if report.source_hash:
            summaries[report.source_hash] = _renderer.bodies.summary(report)
    keys: dict[str, str] = {}
    if cache is not None:
        keys = dict(cache.current)
        cache.current.clear()
    used: set[str] = set()
    if maker is not None:
        used = set(maker.used)
        maker.used.clear()
    return DetailResult(files, maker.rendered - before if maker else 0, used, keys,
                        cache.reused - reused_before if cache else 0, summaries)


def _nothing(_: Any) -> None:
    pass


def _pool(jobs: int, initializer: Callable[[Any], None] = _nothing, argument: Any = None) -> ProcessPoolExecutor:
    """`jobs` worker processes forked from this one: what they need of the site they inherit, not pickled."""
    return ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("fork"),
                               initializer=initializer, initargs=(argument,))


def process_map(jobs: int) -> Mapper:
    """A `map` over `jobs` worker processes for reading and checking many files (a clean build reads every
    file: 12% of its time in the main process alone); few files are checked here, as starting workers costs
    more."""

    def mapper(check: Callable[[Path], CheckResult], paths: list[Path]) -> list[CheckResult]:
        if jobs <= 1 or len(paths) <= FEW_FILES:
            return list(map(check, paths))
        with _pool(jobs) as pool:
            return list(pool.map(check, paths, chunksize=64))

    return mapper


def chunk_size(tasks: int, jobs: int, downloads: bool) -> int:
    """Pages sent to a worker at a time: enough that the main process is not kept busy with messages (one
    message each 8 pages took a quarter of its time at 10,000 reports, beside the workers on a 2-core machine),
    few enough that the workers finish together (each gets at least 16 messages, so a small site's pages, with
    their Word and PDF files, are shared out one by one)."""
    return max(1, min(MAX_CHUNK_DOWNLOADS if downloads else MAX_CHUNK, tasks // (jobs * 16)))


def parallel_pages(setup: WorkerSetup, jobs: int, main_maker: DownloadMaker | None,
                   main_cache: PageCache | None, main: Renderer) -> Iterator[OutputFile]:
    """Every page in site order. Pages that can be reused are found here first (cheap); only the others
    go to `jobs` worker processes. Download counts and page keys are merged into the main process's."""
    tasks = main.tasks()
    known = [main.probe(task) for task in tasks]
    missing = [task for task, files in zip(tasks, known, strict=True) if files is None]
    if len(missing) <= FEW:  # starting worker processes would cost more than rendering these here
        for task, files in zip(tasks, known, strict=True):
            yield from files if files is not None else main.run(task)
        return
    with _pool(jobs, _init, setup) as pool:
        results = pool.map(_render, missing, chunksize=chunk_size(len(missing), jobs, setup.downloads is not None))
        for files in known:
            if files is not None:
                yield from files
                continue
            result = next(results)
            main.bodies.summaries.update(result.summaries)
            if main_maker is not None:
                main_maker.rendered += result.rendered
                main_maker.used |= result.used
            if main_cache is not None:
                main_cache.current.update(result.keys)
                main_cache.reused += result.pages_reused
                main_cache.rendered += len(result.keys) - result.pages_reused
            yield from result.files


_search_docs: list[Report] = []
"""The worker process's documents to index, oldest first (set once by the initializer)."""


def _init_search(docs: list[Report]) -> None:
    global _search_docs
    _search_docs = docs


def _index_segment(job: SegmentJob) -> SegmentFiles:
    return segment_files(_search_docs, job, fold_table(), Bodies())


def parallel_segments(jobs: int) -> IndexSegments:
    """Index search segments in `jobs` worker processes (forked: the documents are not copied), in order."""

    def run(docs: list[Report], todo: list[SegmentJob]) -> Iterator[SegmentFiles]:
        with _pool(jobs, _init_search, docs) as pool:
            yield from pool.map(_index_segment, todo)

    return run
