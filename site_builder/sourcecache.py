"""Validated metadata of unchanged content files, kept between builds so a rebuild does not parse YAML
again. Keyed by the file's sha256; a damaged, foreign or tampered cache file is ignored."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path
from typing import Any

from .cachefile import read_cache, write_cache
from .model import ReportMeta

CACHE = Path(".site_builder") / "cache" / "sources.json"
DATE_FIELDS = ("written", "published")
TUPLE_FIELDS = ("column", "keywords", "signature")


@dataclasses.dataclass(frozen=True, slots=True)
class CachedSource:
    digest: str
    meta: ReportMeta
    column_line: int | None
    index_line: int
    body_line: int
    summary: str | None = None
    """The body's opening text, once some page needed it (feeds), so it is not rendered again for that."""
    skipped: int = 0
    """Body lines skipped (a repeated title line)."""
    stat: tuple[int, int] = (0, 0)
    """(size, mtime_ns) of the file when it was read: an unchanged stat means the file need not be read."""
    meta_json: str | None = dataclasses.field(default=None, compare=False)
    """`meta` as JSON text, as the cache file had it: written back as is (serialising 10,000 metas is not
    free), and one string per report holds far less memory than a decoded dict."""


_META_FIELDS = tuple(field.name for field in dataclasses.fields(ReportMeta))
_to_json = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
"""One encoder for every meta: json.dumps with options makes a new one each call (a sixth of the time)."""


def _meta_to_json(meta: ReportMeta) -> str:
    """The metadata as a JSON object, fields in their declared order (tuples as arrays, dates as ISO text).

    Read field by field: dataclasses.asdict copies every value deeply and took most of the time a clean
    build of 10,000 reports spent saving this cache, alone at the end of the build."""
    data = {name: getattr(meta, name) for name in _META_FIELDS}
    for name in DATE_FIELDS:
        data[name] = data[name].isoformat()
    return _to_json(data)


def _meta_from_json(text: str) -> ReportMeta:
    values: dict[str, Any] = json.loads(text)
    for name in DATE_FIELDS:
        values[name] = dt.date.fromisoformat(values[name])
    for name in TUPLE_FIELDS:
        if values.get(name) is not None:
            values[name] = tuple(values[name])
    return ReportMeta(**values)


def load_source_cache(project_dir: Path, config_key: str) -> dict[str, CachedSource]:
    """Entries are lists: [digest, meta JSON, column line, 索引号 line, body line, summary, skipped, size, mtime]."""
    entries = read_cache(project_dir / CACHE, config_key)
    try:
        return {rel: CachedSource(e[0], _meta_from_json(e[1]), e[2], e[3], e[4], e[5], e[6], (e[7], e[8]), e[1])
                for rel, e in (entries or {}).items()}
    except (KeyError, TypeError, ValueError, AttributeError, IndexError):
        return {}


def save_source_cache(project_dir: Path, config_key: str, entries: dict[str, CachedSource],
                      summaries: dict[str, str]) -> None:
    payload = {rel: [e.digest, e.meta_json if e.meta_json is not None else _meta_to_json(e.meta), e.column_line,
                     e.index_line, e.body_line, summaries.get(e.digest, e.summary), e.skipped, *e.stat]
               for rel, e in sorted(entries.items())}
    write_cache(project_dir / CACHE, config_key, payload)
