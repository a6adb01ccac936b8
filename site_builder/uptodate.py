"""Skip a build outright when nothing it reads has changed and the output is exactly as the last
successful build left it: every input file and every output file is compared by path, size and mtime.

This is what makes a no-change rebuild of a large site cost a directory walk instead of a page-by-page
check. Anything unexpected (a touched file, a hand-edited page, a damaged state file) means a real build."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .cachefile import read_cache, write_cache
from .errors import Location, Problem, Severity
from .templates import theme_dirs
from .tree import entries_under

STATE = Path(".site_builder") / "cache" / "uptodate.json"
_CODE_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True, slots=True)
class Snapshot:
    """What the last build produced, as reported to the user."""

    files: int
    reports: int
    pages: int
    warnings: tuple[Problem, ...]


def _tree_digest(digest: Any, root: Path) -> None:
    """Feed (relative path, size, mtime) of every file under root into digest, in a fixed order."""
    skip = len(str(root)) + 1
    entries: list[tuple[str, int, int]] = []

    def enter(entry: os.DirEntry[str]) -> bool:
        return entry.is_dir(follow_symlinks=False) and entry.name != "__pycache__"

    for entry in entries_under(str(root), enter):
        if not entry.is_dir(follow_symlinks=False):
            stat = entry.stat(follow_symlinks=False)
            entries.append((entry.path[skip:], stat.st_size, stat.st_mtime_ns))
    digest.update(str(root).encode() + b"\0")
    for rel, size, mtime in sorted(entries):
        digest.update(f"{rel}\0{size}\0{mtime}\n".encode())


def inputs_key(project_dir: Path, out_dir: Path, today: dt.date, options: str) -> str:
    """Every file the build can read (config, content, themes, the tool's own code), the day and options."""
    digest = hashlib.sha256(f"{today.isoformat()}|{options}|{out_dir.resolve()}".encode())
    config = project_dir / "site.yaml"
    if config.is_file():
        stat = config.stat()
        digest.update(f"site.yaml\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    for root in [project_dir / "content", *theme_dirs(project_dir), _CODE_DIR]:
        _tree_digest(digest, root)
    return digest.hexdigest()


def outputs_key(out_dir: Path) -> str:
    digest = hashlib.sha256()
    _tree_digest(digest, out_dir)
    return digest.hexdigest()


def unchanged(project_dir: Path, out_dir: Path, inputs: str) -> Snapshot | None:
    """The last build's result when inputs and output are both exactly as it left them."""
    payload = read_cache(project_dir / STATE, str(out_dir.resolve()))
    if not isinstance(payload, dict) or payload.get("inputs") != inputs or not out_dir.is_dir():
        return None
    if payload.get("outputs") != outputs_key(out_dir):
        return None
    try:
        return Snapshot(files=int(payload["files"]), reports=int(payload["reports"]), pages=int(payload["pages"]),
                        warnings=tuple(_problem(row) for row in payload["warnings"]))
    except (KeyError, TypeError, ValueError):
        return None


def record(project_dir: Path, out_dir: Path, inputs: str, snapshot: Snapshot) -> None:
    payload = {"inputs": inputs, "outputs": outputs_key(out_dir), "files": snapshot.files,
               "reports": snapshot.reports, "pages": snapshot.pages,
               "warnings": [_row(p) for p in snapshot.warnings]}
    write_cache(project_dir / STATE, str(out_dir.resolve()), payload)


def forget(project_dir: Path) -> None:
    """A build is about to change the output: the recorded state no longer describes it."""
    (project_dir / STATE).unlink(missing_ok=True)


def _row(problem: Problem) -> list[Any]:
    location = problem.location
    return [problem.code, location.path if location else None, location.line if location else None,
            problem.field, {k: str(v) for k, v in problem.args.items()}]


def _problem(row: list[Any]) -> Problem:
    code, path, line, field, args = row
    return Problem(str(code), Location(str(path), line) if path is not None else None, field, dict(args),
                   Severity.WARNING)
