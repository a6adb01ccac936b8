"""Skip a build outright when nothing it reads has changed and the output is exactly as the last
successful build left it: every input file and every output file is compared by path, size and mtime.

This is what makes a no-change rebuild of a large site cost a directory walk instead of a page-by-page
check. Anything unexpected (a touched file, a hand-edited page, a damaged state file) means a real build.
The state keeps every content file's (size, mtime), so that a rebuild can also tell which files were edited
(see fewedits)."""

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


FileStat = tuple[str, int, int]
"""(path relative to its tree, size, mtime_ns) of one file."""


def tree_files(root: Path) -> list[FileStat]:
    """Every file under root (not __pycache__), sorted by path."""
    skip = len(str(root)) + 1
    entries: list[FileStat] = []

    def enter(entry: os.DirEntry[str]) -> bool:
        return entry.is_dir(follow_symlinks=False) and entry.name != "__pycache__"

    for entry in entries_under(str(root), enter):
        if not entry.is_dir(follow_symlinks=False):
            stat = entry.stat(follow_symlinks=False)
            entries.append((entry.path[skip:], stat.st_size, stat.st_mtime_ns))
    entries.sort()
    return entries


def _listing(files: list[FileStat]) -> bytes:
    """Names as the file system gave them: a name that is not UTF-8 is listed too (find_sources reports it)."""
    return "".join(f"{rel}\0{size}\0{mtime}\n" for rel, size, mtime in files).encode("utf-8", "surrogateescape")


def _files_digest(digest: Any, root: Path, files: list[FileStat]) -> None:
    digest.update(os.fsencode(root) + b"\0")
    digest.update(_listing(files))


@dataclass(frozen=True, slots=True)
class Inputs:
    """What a build reads, as found on disk now."""

    key: str
    """Everything: settings and every content file."""
    settings: str
    """Everything but the content files: the day, options, output folder, site.yaml, themes, the tool's code."""
    content: dict[str, tuple[int, int]]
    """(size, mtime_ns) of every file under content/, by path relative to it."""


def scan_inputs(project_dir: Path, out_dir: Path, today: dt.date, options: str) -> Inputs:
    """Every file the build can read (config, content, themes, the tool's own code), the day and options."""
    digest = hashlib.sha256(f"{today.isoformat()}|{options}|{out_dir.resolve()}".encode())
    config = project_dir / "site.yaml"
    if config.is_file():
        stat = config.stat()
        digest.update(f"site.yaml\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    for root in [*theme_dirs(project_dir), _CODE_DIR]:
        _files_digest(digest, root, tree_files(root))
    settings = digest.hexdigest()
    content_dir = project_dir / "content"
    files = tree_files(content_dir)
    _files_digest(digest, content_dir, files)
    return Inputs(digest.hexdigest(), settings, {rel: (size, mtime) for rel, size, mtime in files})


def outputs_key(files: list[FileStat]) -> str:
    """The output folder's files (from tree_files) as one key."""
    return hashlib.sha256(_listing(files)).hexdigest()


@dataclass(frozen=True, slots=True)
class State:
    """What the last successful build read and wrote, as recorded when it finished."""

    inputs: Inputs
    outputs: str
    snapshot: Snapshot


def load_state(project_dir: Path, out_dir: Path) -> State | None:
    payload = read_cache(project_dir / STATE, str(out_dir.resolve()))
    if not isinstance(payload, dict):
        return None
    try:
        content = {str(rel): (int(size), int(mtime)) for rel, (size, mtime) in payload["content"].items()}
        snapshot = Snapshot(files=int(payload["files"]), reports=int(payload["reports"]),
                            pages=int(payload["pages"]), warnings=tuple(_problem(row) for row in payload["warnings"]))
        return State(Inputs(str(payload["inputs"]), str(payload["settings"]), content), str(payload["outputs"]),
                     snapshot)
    except (KeyError, TypeError, ValueError, AttributeError):
        return None


def unchanged(state: State | None, out_dir: Path, inputs: Inputs) -> Snapshot | None:
    """The last build's result when inputs and output are both exactly as it left them."""
    if state is None or state.inputs.key != inputs.key or not out_dir.is_dir():
        return None
    return state.snapshot if state.outputs == outputs_key(tree_files(out_dir)) else None


def record(project_dir: Path, out_dir: Path, inputs: Inputs, snapshot: Snapshot,
           outputs: list[FileStat] | None = None) -> None:
    """Note what this build read and wrote (`outputs`: the output folder's files, when already known)."""
    payload = {"inputs": inputs.key, "settings": inputs.settings, "content": inputs.content,
               "outputs": outputs_key(outputs if outputs is not None else tree_files(out_dir)),
               "files": snapshot.files, "reports": snapshot.reports, "pages": snapshot.pages,
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
