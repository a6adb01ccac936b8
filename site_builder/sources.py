"""Find the report files under content/ and read them as text, refusing what is unsafe or undecodable."""

from __future__ import annotations

import hashlib
import os
import re
import stat
from pathlib import Path

from .errors import Location, Problem, os_reason, relpath
from .model import Source
from .segments import MAX_BLOCK_NODES, MAX_TEXT_NODES, crowded_block, node_count
from .tree import entries_under

MAX_FILE_BYTES = 5 * 1024 * 1024
"""A real report is tens of KB; anything this large is a mistake or an attack."""
MAX_LINE_CHARS = 200_000
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
"""Characters no page, feed or Word file may hold (XML refuses them; python-docx failed the whole build on one):
C0 controls (NUL included) but tab and line ends, DEL, C1 controls, and the two noncharacters."""
_NOT_C0 = bytes(b for b in range(256) if not (b < 0x20 and b not in b"\t\n\r" or b == 0x7F))
"""Every byte but the C0 controls and DEL, deleted from a copy of the file to see whether any is left."""
_C1 = re.compile(rb"\xc2[\x80-\x9f]")
_UNFAIR_NAME = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
"""What a file name may not hold: control characters and line separators (a line break splits every message
naming the file), and the surrogates Python keeps bytes that are not UTF-8 as (no message or cache can hold
them)."""
MAX_INDEXED_CHARS = 100_000
"""Text of one report the search index takes (about five times the longest real report): a huge file of text
that never repeats (random characters) costs about 1.5 KB of memory a character while its segment is indexed."""


def find_sources(content_dir: Path, project_dir: Path) -> tuple[list[Path], list[Problem]]:
    """Every .md file under content_dir, sorted by path, never following links out of it (the directory
    entries already say which are links)."""
    root = content_dir.resolve()
    found: list[tuple[str, str]] = []
    problems: list[Problem] = []
    skip = len(str(content_dir)) + 1

    def enter(entry: os.DirEntry[str]) -> bool:  # links to folders inside content/: their files are found there
        return not entry.name.startswith(".") and not entry.is_symlink() and entry.is_dir()

    def failed(folder: str, exc: OSError) -> None:  # its reports would be missing from the site without a word
        problems.append(Problem("SB219", Location(_shown(relpath(folder, project_dir))),
                                args={"reason": os_reason(exc, "读取", named=False)}))

    for entry in entries_under(str(content_dir), enter, failed) if content_dir.is_dir() else ():
        if entry.name.startswith(".") or entry.is_dir(follow_symlinks=False):
            continue
        if entry.is_symlink():
            try:
                target = Path(entry.path).resolve(strict=True)
            except (OSError, RuntimeError):  # a link to nothing, or links in a loop (RuntimeError until 3.13)
                problems.append(Problem("SB214", Location(_shown(relpath(entry.path, project_dir)))))
                continue
            if not target.is_relative_to(root):
                problems.append(Problem("SB210", Location(_shown(relpath(entry.path, project_dir)))))
                continue
            if target.is_dir():
                continue
        if entry.name.lower().endswith(".md"):
            rel = entry.path[skip:].replace(os.sep, "/")
            if _UNFAIR_NAME.search(rel):  # every message, cache and page names the file
                problems.append(Problem("SB216", Location(_shown(relpath(entry.path, project_dir)))))
                continue
            found.append((rel, entry.path))
    found.sort()
    problems.sort(key=lambda problem: problem.location.path if problem.location else "")
    return [Path(path) for _, path in found], problems


def _shown(rel: str) -> str:
    """The name as it can be printed: bytes that are not UTF-8 and control characters shown as �."""
    return _UNFAIR_NAME.sub("\ufffd", rel.encode("utf-8", "surrogateescape").decode("utf-8", "replace"))


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
    text = line_feeds(raw, text)
    if raw.translate(None, _NOT_C0) or (b"\xc2" in raw and _C1.search(raw)) or "\ufffe" in text or "\uffff" in text:
        found = _CONTROL.search(text)  # cheaper searches first: this regex costs ten times more (~250 µs a file)
        if found is not None:
            line = text.count("\n", 0, found.start()) + 1
            code = "SB209" if found[0] == "\x00" else "SB212"  # NUL: most likely a damaged or binary file
            return Problem(code, Location(rel, line), args={"line": line, "codepoint": f"U+{ord(found[0]):04X}"})
    for number, line_text in enumerate(text.split("\n") if len(text) > MAX_LINE_CHARS else (), start=1):
        if len(line_text) > MAX_LINE_CHARS:
            return Problem("SB211", Location(rel, number), args={"length": len(line_text), "limit": MAX_LINE_CHARS})
    if (crowded := crowded_block(text)) is not None:
        line = text.count("\n", 0, crowded[0]) + 1
        return Problem("SB217", Location(rel, line), args={"count": crowded[1], "limit": MAX_BLOCK_NODES})
    if len(text) > MAX_TEXT_NODES and (count := node_count(text)) > MAX_TEXT_NODES:
        return Problem("SB218", Location(rel), args={"count": count, "limit": MAX_TEXT_NODES})
    return Source(path=path, rel=rel, text=text, digest=digest)


def line_feeds(raw: bytes, text: str) -> str:
    """`text` (decoded from `raw`) with CRLF and CR line ends as LF: every reading of a content file (the check,
    and the body read again to render it) counts its lines so."""
    if b"\r" in raw:  # bytes are searched at C speed; most files have no CR and need no copy
        return text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def read_source(path: Path, project_dir: Path) -> Source | Problem:
    """Read one file from disk; what it is and its size are checked on the open file before it is read.

    Opened without blocking: a named pipe called *.md held the build forever waiting for a writer."""
    rel = relpath(path, project_dir)
    try:
        with open(os.open(path, os.O_RDONLY | os.O_NONBLOCK), "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                return Problem("SB213", Location(rel))
            if info.st_size > MAX_FILE_BYTES:
                return Problem("SB202", Location(rel), args={"size": info.st_size, "limit": MAX_FILE_BYTES})
            raw = handle.read(info.st_size + 1)  # read(5 MB) set aside 5 MB for every file: 50 → 10 µs
            if len(raw) > info.st_size:  # it grew since: the rest too (decode_source refuses it if too large)
                raw += handle.read(MAX_FILE_BYTES + 1 - len(raw))
    except OSError as exc:  # no permission, removed since it was found, a disk error
        return Problem("SB215", Location(rel), args={"reason": os_reason(exc, "读取", named=False)})
    decoded = decode_source(raw, path, rel)
    if isinstance(decoded, Source):
        return Source(decoded.path, decoded.rel, decoded.text, decoded.digest, (info.st_size, info.st_mtime_ns))
    return decoded
