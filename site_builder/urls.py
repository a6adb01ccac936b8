"""Stable ASCII output paths and the relative links between them, so a site works from any sub-path."""

from __future__ import annotations

import hashlib
import posixpath
import re
import unicodedata
from functools import lru_cache

_UNSAFE = re.compile(r"[^a-z0-9_-]+")


def report_slug(index_no: str) -> str:
    """File name stem for a report, from its 索引号: editing the text never moves the page."""
    ascii_form = unicodedata.normalize("NFKC", index_no).lower()
    slug = _UNSAFE.sub("-", ascii_form).strip("-")
    return slug or "r-" + hashlib.sha1(index_no.encode()).hexdigest()[:12]


def agency_slug(name: str) -> str:
    """A short stable ASCII folder name for a 发布机构 (its name hashed; names are Chinese)."""
    return hashlib.sha1(name.encode("utf-8")).hexdigest()[:10]


def page_file(folder: str, number: int) -> str:
    """Numbered listing pages as real portals name them: index.html, index_2.html, ..."""
    name = "index.html" if number == 1 else f"index_{number}.html"
    return f"{folder}/{name}" if folder else name


_LISTING_NAME = re.compile(r"index(?:_\d+)?\.html")


def is_listing_page(path: str) -> bool:
    """Whether a file in a folder would be named as page_file names the folder's listing pages."""
    return _LISTING_NAME.fullmatch(posixpath.basename(path)) is not None


def relative(from_path: str, to_path: str) -> str:
    """A link from one output file to another that works wherever the site is mounted."""
    return relative_from(posixpath.dirname(from_path), to_path)


@lru_cache(maxsize=65536)
def relative_from(folder: str, to_path: str) -> str:
    """relative() from any file in `folder`: pages of one folder share their links (navigation, header,
    neighbours), so this is cached by folder, not by page."""
    if to_path.startswith(("http://", "https://", "mailto:", "tel:")):
        return to_path
    anchor = ""
    if "#" in to_path:
        to_path, anchor = to_path.split("#", 1)
        anchor = "#" + anchor
    if not to_path:
        return anchor
    return _relpath(to_path, folder) + anchor


def _relpath(path: str, start: str) -> str:
    """posixpath.relpath for clean site-relative paths, without its abspath calls (this runs per link)."""
    if not path or path.startswith("/") or "/./" in path or "/../" in path or path.startswith(("./", "../")):
        return posixpath.relpath(path, start or ".")
    target = [part for part in path.split("/") if part]
    base = [part for part in start.split("/") if part]
    common = 0
    while common < len(base) and common < len(target) and base[common] == target[common]:
        common += 1
    parts = [".."] * (len(base) - common) + target[common:]
    return "/".join(parts) if parts else "."
