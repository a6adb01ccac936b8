"""The download step: .docx and .pdf beside each detail page, rendered only when their inputs changed."""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from ..bodies import Bodies
from ..codeversion import code_version
from ..model import OutputFile, Report
from ..pagecount import download_warning
from .pdf import TEMPLATE, render_pdf, require_cjk_font

CACHE_DIR = Path(".site_builder") / "cache" / "downloads"


def _docx(report: Report, markdown: str) -> bytes:
    from .docx import render_docx  # python-docx takes ~70 ms to import: only builds that make a Word file pay it

    return render_docx(report, markdown)


@dataclass(frozen=True, slots=True)
class Download:
    """One downloadable file and how the detail page announces it."""

    path: str
    label: str
    kind: str
    size: str


def human_size(count: int) -> str:
    return f"{count / 1024 / 1024:.1f} MB" if count >= 1024 * 1024 else f"{max(1, round(count / 1024))} KB"


def fingerprint(env: jinja2.Environment) -> str:
    """What every download depends on besides its report: the tool's code (exporters included), PDF templates."""
    digest = hashlib.sha256(code_version().encode())
    loader = env.loader
    assert loader is not None
    for name in (TEMPLATE, "pdf/gongwen.css", "signature.html"):
        digest.update(loader.get_source(env, name)[0].encode("utf-8"))
    return digest.hexdigest()


@dataclass
class DownloadMaker:
    """Renders (or takes from the cache) the Word and PDF copies of reports; counts real renders."""

    env: jinja2.Environment
    cache_dir: Path
    base: str
    content_dir: Path
    bodies: Bodies
    rendered: int = 0
    used: set[str] = field(default_factory=set)
    _fonts_checked: bool = False

    def files(self, report: Report) -> tuple[list[OutputFile], list[Download]]:
        stem = report.url.removesuffix(".html")
        images = [hashlib.sha256(self.content_dir.joinpath(*path.split("/")[1:]).read_bytes()).hexdigest()
                  for path in report.images]
        markdown = self.bodies.markdown(report)
        if download_warning(markdown):  # the build has warned (SB322, SB323)
            return [], []
        parts = (self.base, repr(report.meta), markdown, *images)
        key = hashlib.sha256("\x00".join(parts).encode()).hexdigest()
        docx = self._cached(key, "docx", lambda: _docx(report, markdown))
        pdf = self._cached(key, "pdf", lambda: self._pdf(report))
        outputs = [OutputFile(f"{stem}.docx", docx), OutputFile(f"{stem}.pdf", pdf)]
        links = [Download(f"{stem}.docx", "下载Word", "Word 文档", human_size(len(docx))),
                 Download(f"{stem}.pdf", "下载PDF", "PDF 文档", human_size(len(pdf)))]
        return outputs, links

    def _pdf(self, report: Report) -> bytes:
        if not self._fonts_checked:
            require_cjk_font()
            self._fonts_checked = True
        return render_pdf(self.env, report, self.bodies.render(report).html, self.content_dir)

    def _cached(self, key: str, ext: str, make: object) -> bytes:
        name = f"{key}.{ext}"
        self.used.add(name)
        path = self.cache_dir / name
        if path.is_file():
            return path.read_bytes()
        assert callable(make)
        data: bytes = make()
        self.rendered += 1
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        handle, tmp = tempfile.mkstemp(dir=self.cache_dir, prefix=".tmp-")
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(tmp, path)
        return data

    def prune(self) -> None:
        """Forget cached files no report uses any more, so the cache never grows without bound."""
        if not self.cache_dir.is_dir():
            return
        for path in self.cache_dir.iterdir():
            if path.name not in self.used:
                path.unlink(missing_ok=True)
