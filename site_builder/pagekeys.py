"""What a page's bytes depend on, as one hash, so an unchanged page is reused from the previous build
instead of rendered again. The manifest of keys is checksummed; a damaged or foreign one is ignored."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .cachefile import read_cache, write_cache
from .codeversion import code_version
from .model import Column, Report, ReportMeta, SiteConfig
from .paginate import Page

MANIFEST = Path(".site_builder") / "cache" / "pages.json"


def canonical(value: Any) -> Any:
    """A JSON-able form of a context value json cannot encode itself, holding exactly what templates show."""
    if isinstance(value, Report):  # as listings and neighbours show it; detail pages add their source hash
        meta = value.meta
        return ["R", value.url, meta.title, meta.publisher, meta.published.isoformat(), meta.written.isoformat()]
    if isinstance(value, Column):
        return ["C", value.names, value.slugs, len(value.reports), value.last_update.isoformat(), value.children]
    if isinstance(value, Page):  # its paths all follow from the first and how many (see paginate)
        return ["P", value.number, value.paths[0], len(value.paths), value.first_index, value.total, value.items]
    if isinstance(value, SiteConfig):
        return ["S", repr(value)]
    if isinstance(value, dt.date):
        return value.isoformat()
    if callable(value):
        return None  # url(), column_link(): determined by the page path and the site, both in the key
    if hasattr(value, "__dataclass_fields__"):
        return [type(value).__name__, repr(value)]
    raise TypeError(f"no canonical form for {type(value).__name__}")


class PageKeys:
    """A page's key: the hash of its template, path and context, with each report, column and config turned
    into its canonical form once per build (a large site lists every report on several pages, and its
    neighbours' pages show it too). json's C encoder walks the context; `canonical` is called only for our
    own objects."""

    def __init__(self) -> None:
        self._canonical_of: dict[int, tuple[Any, Any]] = {}
        self._json_of: dict[int, tuple[Any, str]] = {}

    def _canonical(self, value: Any) -> Any:
        if isinstance(value, Report | ReportMeta | Column | SiteConfig):
            found = self._canonical_of.get(id(value))
            if found is None or found[0] is not value:  # holding the value keeps its id unique
                found = self._canonical_of[id(value)] = (value, canonical(value))
            return found[1]
        return canonical(value)

    def text(self, value: Report) -> str:
        """A report's canonical form as one string (fields never hold NUL: sources refuse it)."""
        return "\0".join(self._canonical(value))

    def json(self, value: Column) -> str:
        """A column's canonical form (with its subcolumns) as JSON text."""
        found = self._json_of.get(id(value))
        if found is None or found[0] is not value:
            text = json.dumps(value, default=self._canonical, ensure_ascii=False, sort_keys=True)
            found = self._json_of[id(value)] = (value, text)
        return found[1]

    def key(self, base: str, template: str, path: str, context: dict[str, Any]) -> str:
        text = json.dumps([base, template, path, context], default=self._canonical, ensure_ascii=False,
                          sort_keys=True)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


def theme_fingerprint(template_dirs: list[Path], config: SiteConfig, minify: bool) -> str:
    """Everything every page depends on: the tool's code, every template file, the site config, minifying."""
    digest = hashlib.sha256(f"{code_version()}|{minify}|{config!r}".encode())
    for folder in template_dirs:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "static" not in path.relative_to(folder).parts:
                digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


Entry = list[Any]
"""[key, size, mtime_ns] of one output file as the previous build left it."""


@dataclass
class PageCache:
    """Keys of the previous build's pages (read) and of this build's (recorded after a successful swap).
    A page is reused only if its key matches and its file is still exactly as that build left it."""

    old_dir: Path
    previous: dict[str, Entry] = field(default_factory=dict)
    current: dict[str, str] = field(default_factory=dict)
    reused: int = 0
    rendered: int = 0
    linked: set[str] = field(default_factory=set)
    """Pages hard-linked from the previous build: same inode, so same size and time as recorded then."""

    def intact(self, path: str, key: str) -> str | None:
        """The previous build's file at path, if its key was `key` and the file is exactly as it was left."""
        entry = self.previous.get(path)
        if not entry or entry[0] != key:
            return None
        candidate = f"{self.old_dir}/{path}"
        try:
            stat = os.stat(candidate)
        except OSError:
            return None
        return candidate if [stat.st_size, stat.st_mtime_ns] == entry[1:] else None

    def reusable(self, path: str, key: str, probe: bool = False) -> str | None:
        """The previous page if it can be reused (recorded and counted). A probe that misses records nothing:
        the page will be rendered (and counted) where it is rendered, perhaps in a worker."""
        found = self.intact(path, key)
        if found is not None:
            self.keep(path, key)
            self.reused += 1
        elif not probe:
            self.current[path] = key
            self.rendered += 1
        return found

    def keep(self, path: str, key: str) -> None:
        """Record a file taken over unchanged from the previous build."""
        self.current[path] = key
        self.linked.add(path)

    def entries(self, found: Mapping[str, tuple[int, int]]) -> dict[str, Entry]:
        """This build's pages with the size and time their files now have (`found`: the output folder's files
        by path, from the one walk of it that the build record needs too); a page not found is left out."""
        result: dict[str, Entry] = {}
        for path, key in self.current.items():
            previous = self.previous.get(path)
            if path in self.linked and previous is not None and previous[0] == key:
                result[path] = previous
            elif (now := found.get(path)) is not None:
                result[path] = [key, *now]
        return result


def load_manifest(project_dir: Path, out_dir: Path) -> dict[str, Entry]:
    """The previous build's page keys for this output folder, or nothing if missing, damaged or foreign."""
    pages = read_cache(project_dir / MANIFEST, str(out_dir.resolve()))
    if not isinstance(pages, dict):
        return {}
    return {str(k): list(v) for k, v in pages.items() if isinstance(v, list) and len(v) == 3}


def save_manifest(project_dir: Path, out_dir: Path, pages: dict[str, Entry]) -> None:
    write_cache(project_dir / MANIFEST, str(out_dir.resolve()), pages)
