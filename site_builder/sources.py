"""Find the report files under content/ and read them as text, refusing what is unsafe or undecodable."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from .errors import Location, Problem, relpath
from .model import Source

MAX_FILE_BYTES = 5 * 1024 * 1024
"""A real report is tens of KB; anything this large is a mistake or an attack."""
MAX_LINE_CHARS = 200_000


def find_sources(content_dir: Path, project_dir: Path) -> tuple[list[Path], list[Problem]]:
    """Every .md file under content_dir, sorted, never following links out of it."""
    root = content_dir.resolve()
    found: list[Path] = []
    problems: list[Problem] = []
    for dirpath, dirnames, filenames in os.walk(content_dir, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for d in list(dirnames):
            full = Path(dirpath) / d
            if full.is_symlink():
                dirnames.remove(d)
                if not full.resolve().is_relative_to(root):
                    problems.append(Problem("SB210", Location(relpath(full, project_dir))))
        for name in sorted(filenames):
            if name.startswith(".") or not name.lower().endswith(".md"):
                continue
            full = Path(dirpath) / name
            if full.is_symlink() and not full.resolve().is_relative_to(root):
                problems.append(Problem("SB210", Location(relpath(full, project_dir))))
                continue
            found.append(full)
    found.sort(key=lambda p: relpath(p, project_dir))
    return found, problems


def decode_source(raw: bytes, path: Path, rel: str) -> Source | Problem:
    """Bytes to a Source: UTF-8 with or without BOM, any line ends; anything else is a Problem."""
    digest = hashlib.sha256(raw).hexdigest()
    if len(raw) > MAX_FILE_BYTES:
        return Problem("SB202", Location(rel), args={"size": len(raw), "limit": MAX_FILE_BYTES})
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        return Problem("SB201", Location(rel, line), args={"byte": exc.start + 1})
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    nul = text.find("\x00")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        return Problem("SB209", Location(rel, line), args={"line": line})
    for number, line_text in enumerate(text.split("\n") if len(text) > MAX_LINE_CHARS else (), start=1):
        if len(line_text) > MAX_LINE_CHARS:
            return Problem("SB211", Location(rel, number), args={"length": len(line_text), "limit": MAX_LINE_CHARS})
    return Source(path=path, rel=rel, text=text, digest=digest)


def read_source(path: Path, project_dir: Path) -> Source | Problem:
    """Read one file from disk; size is checked before the whole file is loaded."""
    rel = relpath(path, project_dir)
    info = path.stat()
    if info.st_size > MAX_FILE_BYTES:
        return Problem("SB202", Location(rel), args={"size": info.st_size, "limit": MAX_FILE_BYTES})
    decoded = decode_source(path.read_bytes(), path, rel)
    if isinstance(decoded, Source):
        return Source(decoded.path, decoded.rel, decoded.text, decoded.digest, (info.st_size, info.st_mtime_ns))
    return decoded
