"""Report → tagged PDF/UA-1 through WeasyPrint, laid out as a GB/T 9704 公文 by templates/pdf/."""

from __future__ import annotations

import mimetypes
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import jinja2

from ..errors import BuildFailed, Problem
from ..model import Report
from ..templates import place_signature, render_template

TEMPLATE = "pdf/report.html"


def require_cjk_font() -> None:
    """Stop the build, rather than write PDFs of empty boxes, when no Chinese font is installed."""
    fc_list = shutil.which("fc-list")
    found = ""
    if fc_list:
        found = subprocess.run([fc_list, ":lang=zh", "family"], capture_output=True, text=True, check=False).stdout
    if not found.strip():
        raise BuildFailed([Problem("SB501", None)])


_TABLE = re.compile(r"<table>(.*?)</table>", re.S)
_FIRST_ROW = re.compile(r"<tr>(.*?)</tr>", re.S)
SIZES = ((16, "widest"), (12, "wider"), (8, "wide"))
"""Tables of more columns than these are set smaller (gongwen.css): at 12 pt, 16 columns of five-digit figures
were wider than the 156 mm 版心 and the last ones were cut off the page."""


def sized_tables(body_html: str) -> str:
    """Each table with many columns marked `wide`, `wider` or `widest` for the PDF's style sheet to set smaller."""

    def sized(table: re.Match[str]) -> str:
        row = _FIRST_ROW.search(table[1])
        columns = row[1].count("<th") + row[1].count("<td") if row else 0
        size = next((name for least, name in SIZES if columns > least), "")
        return f'<table class="{size}">{table[1]}</table>' if size else table[0]

    return _TABLE.sub(sized, body_html) if "<table>" in body_html else body_html


def pdf_html(env: jinja2.Environment, report: Report, body_html: str) -> str:
    body_html, meta = place_signature(env, report.meta, sized_tables(body_html))
    return render_template(env, TEMPLATE, {"meta": meta, "body_html": body_html})


SITE = "https://site.invalid/"
"""Pretend origin for the PDF's relative links; only media/ files under it are ever fetched."""


def local_fetcher(content_dir: Path) -> Callable[[str], Any]:
    """Serve media/ images from content/ and refuse everything else: PDF rendering never touches the network."""
    root = content_dir.resolve()

    def fetch(url: str, *args: Any, **kwargs: Any) -> Any:
        if url.startswith(SITE + "media/"):
            target = root.joinpath(*unquote(url[len(SITE + "media/"):]).split("/")).resolve()
            if target.is_relative_to(root) and target.is_file():
                kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
                return _response(url, target.read_bytes(), kind)
        raise ValueError(f"not fetched: {url}")

    return fetch


def _response(url: str, body: bytes, kind: str) -> Any:
    """A fetch result in the form this WeasyPrint version expects (a response object since v66, else a dict)."""
    try:
        from weasyprint.urls import URLFetcherResponse
    except ImportError:
        return {"string": body, "mime_type": kind, "redirected_url": url}
    return URLFetcherResponse(url, body=body, headers={"Content-Type": kind})


def render_pdf(env: jinja2.Environment, report: Report, body_html: str, content_dir: Path) -> bytes:
    """The PDF bytes: A4, fonts embedded and subset, tagged, titled, zh-CN."""
    try:
        import weasyprint
    except (ImportError, OSError) as exc:  # OSError: Pango missing from the system
        raise BuildFailed([Problem("SB502", None, args={"detail": str(exc).splitlines()[0]})]) from exc
    document: Any = weasyprint.HTML(string=pdf_html(env, report, body_html), base_url=SITE + report.url,
                                    url_fetcher=local_fetcher(content_dir))
    result: bytes = document.write_pdf(pdf_variant="pdf/ua-1", pdf_identifier=report.meta.index_no.encode("utf-8"),
                                       uncompressed_pdf=False)
    return result
