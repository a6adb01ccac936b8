"""Promise 1: 依申请公开, 不予公开, future-dated and invalid reports leave no trace in any output file,
including inside compressed files, Word documents and PDFs."""

from __future__ import annotations

import gzip
import subprocess
import zipfile
from pathlib import Path

import pytest

from site_builder.build import build
from site_builder.errors import BuildFailed

from ..conftest import TODAY, report_text

HIDDEN = {
    "on-request": dict(index="hide/2025-00001", title="标记甲依申请公开", disclosure="依申请公开",
                       extra="文号: 隐藏文号〔2025〕1号\n关键词: [标记关键词甲]\n", body="标记正文甲。"),
    "withheld": dict(index="hide/2025-00002", title="标记乙不予公开", disclosure="不予公开",
                     extra="文号: 隐藏文号〔2025〕2号\n", body="标记正文乙。"),
    "future": dict(index="hide/2026-00003", title="标记丙未到公开日期", written="2025-12-30", published="2026-01-02",
                   extra="文号: 隐藏文号〔2025〕3号\n栏目: 法定主动公开内容/执行公开\n", body="标记正文丙。"),
}
MARKERS = ["标记甲", "标记乙", "标记丙", "标记正文", "标记关键词", "隐藏文号", "hide/2025", "hide-2025", "hide-2026",
           "hide/2026"]


def test_non_public_reports_leave_no_trace(make_project, tmp_path: Path) -> None:
    files = {f"content/{name}.md": report_text(**fields) for name, fields in HIDDEN.items()}
    files["content/public.md"] = report_text(index="pub/2025-00001", title="公开的报告")
    root = make_project(files)
    result = build(root, tmp_path / "out", TODAY, minify=False)
    assert result.reports == 1
    assert_no_markers(tmp_path / "out")
    assert (root / ".site_builder").exists()  # the cache stays in the project, never in output/
    assert not list((tmp_path / "out").rglob(".site_builder"))
    # 执行公开 only holds the future report, so no page exists for it, and counts say 1
    assert not (tmp_path / "out" / "xxgk" / "fdzdgknr" / "zxgk").exists()
    directory = (tmp_path / "out" / "xxgk" / "index.html").read_text(encoding="utf-8")
    assert "共 1 条" in directory and "（1 条" in directory


def test_future_report_appears_once_its_date_comes(make_project, tmp_path: Path) -> None:
    import datetime as dt

    root = make_project({"content/future.md": report_text(**HIDDEN["future"])})
    build(root, tmp_path / "later", dt.date(2026, 1, 2))
    assert (tmp_path / "later" / "xxgk" / "fdzdgknr" / "zxgk" / "hide-2026-00003.html").is_file()


def readable_text(path: Path) -> str:
    """Everything a reader could get out of a file: unzipped, gunzipped, PDF text extracted."""
    data = path.read_bytes()
    parts = [data.decode("utf-8", errors="replace")]
    if path.suffix == ".gz":
        parts.append(gzip.decompress(data).decode("utf-8", errors="replace"))
    if data[:2] == b"PK":
        with zipfile.ZipFile(path) as archive:
            parts += [archive.read(name).decode("utf-8", errors="replace") for name in archive.namelist()]
    if data[:5] == b"%PDF-":
        parts.append(subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True,
                                    text=True, check=True).stdout)
    return "\n".join(parts)


def assert_no_markers(root: Path) -> None:
    files = [p for p in root.rglob("*") if p.is_file()]
    assert any(p.suffix == ".pdf" for p in files) and any(p.suffix == ".docx" for p in files)
    for path in files:
        found = [m for m in MARKERS if m in readable_text(path)]
        assert not found, f"{path.relative_to(root)} leaks {found}"


def test_marker_search_sees_inside_downloads(make_project, tmp_path: Path) -> None:
    """The scanner itself works: a public report's marker is found inside its .docx and .pdf."""
    root = make_project({"content/a.md": report_text(body="标记甲出现在公开报告中。")})
    build(root, tmp_path / "out", TODAY)
    docx = next((tmp_path / "out").rglob("*.docx"))
    pdf = next((tmp_path / "out").rglob("*.pdf"))
    assert "标记甲" in readable_text(docx) and "标记甲" in readable_text(pdf)
    assert "标记甲" not in docx.read_bytes().decode("utf-8", errors="replace")  # only visible once unzipped


def test_invalid_report_fails_the_build_and_old_site_keeps_no_trace(make_project, tmp_path: Path) -> None:
    root = make_project({"content/public.md": report_text(index="pub/2025-00001")})
    build(root, tmp_path / "out", TODAY)
    (root / "content/bad.md").write_text(report_text(index="hide/2025-00009", title="标记甲无效", written="2025-02-30"),
                                         encoding="utf-8")
    with pytest.raises(BuildFailed):
        build(root, tmp_path / "out", TODAY)
    assert_no_markers(tmp_path / "out")
