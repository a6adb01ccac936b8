"""Images referenced by reports: only files inside content/, of safe raster types, copied under media/."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from .errors import Location, Problem, Severity
from .mdtree import INLINE_KINDS, parse, walk
from .model import OutputFile

MEDIA = "media"
ALLOWED = {".png", ".jpg", ".jpeg", ".gif", ".webp"}
"""Raster images only: an SVG opened from the site's own origin could run script."""
MAX_IMAGE_BYTES = 10 * 1024 * 1024
MAX_IMAGE_PIXELS = 60_000_000
"""A 48-megapixel photo passes; a 420 KB PNG of 12,000 × 12,000 pixels took the Word/PDF step 1.6 GB to decode."""
FORMATS = {"PNG", "JPEG", "GIF", "WEBP"}
_DRIVE = re.compile(r"^[A-Za-z]:[\\/]")


def image_refs(markdown: str) -> tuple[list[tuple[str, int]], set[int]]:
    """(src as written, 0-based line within the body) of every image in a Markdown body, and the lines inside
    its fenced blocks (shown as written: image syntax there is no image)."""
    found: list[tuple[str, int]] = []
    fenced: set[int] = set()
    if "![" not in markdown:
        return found, fenced  # every image, inline or by reference, starts with "![": skip the parse
    line = 0
    for node in walk(parse(markdown)):
        if node.kind == "image":
            found.append((node.attrs["src"], line))
        elif node.kind not in INLINE_KINDS:
            line = node.line
            if node.kind == "fence":
                fenced.update(range(line + 1, line + 1 + node.text.count("\n")))
    return found, fenced


_DROPPED = re.compile(r"!\[[^\]\n]*\]\([ \t]*<?[ \t]*((?:(?:data|file|javascript|vbscript):|//|[A-Za-z]:[\\/]|\\\\)"
                      r"[^)\s>]*)", re.I)
"""Image syntax whose address the parser refuses outright (other schemes, another host, a Windows path): it is no
image at all but the Markdown shown as text. Looked for in the source, outside fenced blocks (which show their
text as written, on purpose)."""


def resolve_images(markdown: str, source_path: Path, rel: str, body_line: int,
                   content_dir: Path) -> tuple[dict[str, str], list[Problem]]:
    """Map each local image src to its media/ output path; refuse paths that leave content/ or are unsafe."""
    mapping: dict[str, str] = {}
    problems: list[Problem] = []
    root: Path | None = None  # resolved at the first image: most reports have none, and it stats every parent
    refs, fenced = image_refs(markdown)
    if "![" in markdown:
        images = {src for src, _ in refs}
        for dropped in _DROPPED.finditer(markdown):
            offset = markdown.count("\n", 0, dropped.start())
            if dropped[1] not in images and offset not in fenced:  # shown as the text ![…](…) without a word
                line = body_line + offset
                problems.append(Problem("SB329", Location(rel, line), severity=Severity.WARNING,
                                        args={"src": dropped[1][:60]}))
    for src, offset in refs:
        where = Location(rel, body_line + offset)
        parts = urlsplit(src)
        shown = unquote(src)  # as the editor wrote it: the parser writes img/空 格.png as img/%E7%A9%BA%20…
        if parts.scheme in ("http", "https"):  # the pages' CSP (img-src 'self') keeps the browser from showing it
            problems.append(Problem("SB328", where, severity=Severity.WARNING, args={"src": shown}))
            continue
        if not src:
            continue
        path_text = unquote(parts.path)
        if parts.scheme or parts.netloc or path_text.startswith(("/", "\\")) or _DRIVE.match(path_text):
            problems.append(Problem("SB316", where, args={"src": shown}))
            continue
        target = (source_path.parent / path_text).resolve()
        root = root or content_dir.resolve()
        if not target.is_relative_to(root):
            problems.append(Problem("SB316", where, args={"src": shown}))
        elif target.suffix.lower() not in ALLOWED:
            problems.append(Problem("SB318", where, args={"src": shown}))
        elif not target.is_file():
            problems.append(Problem("SB317", where, args={"src": shown}))
        elif target.stat().st_size > MAX_IMAGE_BYTES:
            problems.append(Problem("SB202", where, args={"size": target.stat().st_size, "limit": MAX_IMAGE_BYTES}))
        elif (bad := image_problem(target, shown, where)) is not None:
            problems.append(bad)
        else:
            mapping[src] = PurePosixPath(MEDIA, *target.relative_to(root).parts).as_posix()
    return mapping, problems


def image_problem(path: Path, src: str, where: Location) -> Problem | None:
    """The file must be a raster image of a safe type whatever its name says, and small enough to decode: only
    its header is read (Pillow opens lazily)."""
    from PIL import Image

    try:
        with warnings.catch_warnings():  # Pillow warns of a large image on stderr; we refuse it below instead
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                kind, (width, height) = image.format, image.size
    except Image.DecompressionBombError:  # over twice Pillow's own limit: refused before its size is known
        return _too_large(src, where, f"超过 {2 * (Image.MAX_IMAGE_PIXELS or 0) // 10_000} 万像素")
    except (OSError, ValueError):
        return Problem("SB320", where, args={"src": src})
    if kind not in FORMATS:
        return Problem("SB320", where, args={"src": src})
    if width * height > MAX_IMAGE_PIXELS:
        return _too_large(src, where, f"{width}×{height} 像素")
    return None


def _too_large(src: str, where: Location, size: str) -> Problem:
    return Problem("SB321", where, args={"src": src, "size": size, "limit": MAX_IMAGE_PIXELS // 10_000})


def media_files(paths: set[str], content_dir: Path) -> Iterator[OutputFile]:
    """Copies of every image the published reports use, in a stable order."""
    for path in sorted(paths):
        source = content_dir.joinpath(*PurePosixPath(path).parts[1:])
        yield OutputFile(path, source.read_bytes())
