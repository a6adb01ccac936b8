"""A rebuild after editors changed only the text of reports (not their metadata): only what shows a body can
change, namely each edited report's own page and the feeds, so only those are rendered and moved into the
output in place. Everything else must be exactly as the last build left it, or this returns None and the
full (incremental) build runs: settings, templates or code changed, a file added or removed, a file with
images or warnings, changed metadata, search or downloads on, a touched output file, a missing model."""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .bodies import Bodies
from .config import load_config
from .errors import Problem
from .feeds import feed_reports, render_feeds
from .model import OutputFile, Site
from .modelcache import CheckedFile, SiteModel, forget_model, load_model, report_row, save_model
from .output import update_in_place
from .render import Renderer
from .reports import Checked, read_and_check, to_report
from .site import build_columns
from .sourcecache import CachedSource
from .templates import make_environment
from .uptodate import Inputs, Snapshot, State, forget, outputs_key, record, tree_files

MAX_EDITS = 16
"""More edited files than this go to the full build, which renders in worker processes."""


@dataclass(frozen=True, slots=True)
class Edited:
    """What a rebuild after body edits did."""

    snapshot: Snapshot
    rendered: int


def rebuild_edited_bodies(project_dir: Path, out_dir: Path, state: State, inputs: Inputs, today: dt.date,
                          minify: bool) -> Edited | None:
    """Rebuild after body edits, or None when the change is anything else (see the module docstring).
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
    for rel in edited:
        project_rel = f"content/{rel}"
        before = files.get(project_rel)
        if before is None:
            return None
        result = read_and_check(project_dir / project_rel, project_dir, config)
        if not _same_metadata(result, before):
            return None
        assert isinstance(result, Checked)
        files[project_rel] = replace(before, digest=result.source_hash)
        if before.report >= 0 and result.source_hash != reports[before.report].source_hash:
            reports[before.report] = to_report(result, config, reports[before.report].url)  # same metadata, same URL
            rows[before.report] = report_row(reports[before.report])
            changed.append(before.report)
    site = Site(config=config, reports=tuple(reports), columns=build_columns(config.columns, tuple(reports)),
                today=today)
    forget(project_dir)
    forget_model(project_dir)
    bodies = Bodies(summaries=dict(model.summaries))
    written = _write_changed(out_dir, _render(project_dir, site, minify, bodies, changed))
    save_model(project_dir, out_dir, SiteModel(inputs.key, reports, rows, files, feed_summaries(site, bodies)))
    for path in written:  # in place of a second walk of the output
        info = (out_dir / path).stat()
        at = bisect.bisect_left(outputs, (path,))
        if at < len(outputs) and outputs[at][0] == path:
            outputs[at] = (path, info.st_size, info.st_mtime_ns)
        else:
            outputs.insert(at, (path, info.st_size, info.st_mtime_ns))
    record(project_dir, out_dir, inputs, state.snapshot, outputs)
    return Edited(state.snapshot, len(changed))


def _same_metadata(result: Checked | list[Problem], before: CheckedFile) -> bool:
    """Only a body changed: the file still checks without warnings or images, and says the same of itself."""
    return isinstance(result, Checked) and not result.warnings and not result.images and result.meta == before.meta


def _render(project_dir: Path, site: Site, minify: bool, bodies: Bodies, changed: list[int]) -> list[OutputFile]:
    renderer = Renderer(make_environment(project_dir), site, minify, None, bodies)
    pages = [renderer.detail(site.reports[index]) for index in changed]
    return pages + list(render_feeds(site, bodies, {site.reports[index].url for index in changed}))


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
    """The files a rebuild after body edits may take as they are: those the source cache keeps (no images,
    no warnings), with their place among the site's reports."""
    place = {report.source_rel: index for index, report in enumerate(site.reports)}
    return {rel: CheckedFile(entry.digest, entry.meta, place.get(rel, -1)) for rel, entry in sources.items()}


def model_of(inputs: Inputs, site: Site, files: dict[str, CheckedFile], bodies: Bodies) -> SiteModel:
    shared: dict[Any, Any] = {}
    return SiteModel(inputs.key, list(site.reports), [report_row(r, shared) for r in site.reports], files,
                     feed_summaries(site, bodies))

