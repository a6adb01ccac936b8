"""Report → tagged PDF/UA-1 through WeasyPrint, laid out as a GB/T 9704 公文 by templates/pdf/."""

from __future__ import annotations

import shutil
import subprocess
from typing import Any

import jinja2

from ..errors import BuildFailed, Problem
from ..model import Report

TEMPLATE = "pdf/report.html"


def require_cjk_font() -> None:
    """Stop the build, rather than write PDFs of empty boxes, when no Chinese font is installed."""
    fc_list = shutil.which("fc-list")
    found = ""
    if fc_list:
        found = subprocess.run([fc_list, ":lang=zh", "family"], capture_output=True, text=True, check=False).stdout
    if not found.strip():
        raise BuildFailed([Problem("SB501", None)])


def pdf_html(env: jinja2.Environment, report: Report) -> str:
    return env.get_template(TEMPLATE).render(meta=report.meta, body_html=report.body.html)


def render_pdf(env: jinja2.Environment, report: Report) -> bytes:
    """The PDF bytes: A4, fonts embedded and subset, tagged, titled, zh-CN."""
    try:
        import weasyprint
    except (ImportError, OSError) as exc:  # OSError: Pango missing from the system
        raise BuildFailed([Problem("SB502", None, args={"detail": str(exc).splitlines()[0]})]) from exc
    document: Any = weasyprint.HTML(string=pdf_html(env, report), base_url=None)
    result: bytes = document.write_pdf(pdf_variant="pdf/ua-1", pdf_identifier=report.meta.index_no.encode("utf-8"),
                                       uncompressed_pdf=False)
    return result
