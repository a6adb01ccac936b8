"""依申请公开, 不予公开 and future-dated reports are validated but leave no trace in output/."""

from __future__ import annotations

from pathlib import Path

from site_builder.build import build

from .conftest import TODAY, report_text

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
    for path in (tmp_path / "out").rglob("*"):
        if path.is_file():
            text = path.read_bytes().decode("utf-8", errors="replace")
            found = [m for m in MARKERS if m in text]
            assert not found, f"{path.relative_to(tmp_path / 'out')} leaks {found}"
    # 执行公开 only holds the future report, so no page exists for it, and counts say 1
    assert not (tmp_path / "out" / "xxgk" / "fdzdgknr" / "zxgk").exists()
    directory = (tmp_path / "out" / "xxgk" / "index.html").read_text(encoding="utf-8")
    assert "共 1 条" in directory and "（1 条" in directory


def test_future_report_appears_once_its_date_comes(make_project, tmp_path: Path) -> None:
    import datetime as dt

    root = make_project({"content/future.md": report_text(**HIDDEN["future"])})
    build(root, tmp_path / "later", dt.date(2026, 1, 2))
    assert (tmp_path / "later" / "xxgk" / "fdzdgknr" / "zxgk" / "hide-2026-00003.html").is_file()
