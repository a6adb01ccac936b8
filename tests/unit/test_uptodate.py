"""Skipping a build when nothing changed: only when inputs and output are exactly as the last build left them."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from site_builder import build as build_module
from site_builder.build import build
from site_builder.errors import BuildFailed
from site_builder.uptodate import STATE

from ..conftest import TODAY, report_text


def _project(make_project) -> Path:  # type: ignore[no-untyped-def]
    return make_project({"content/a.md": report_text(), "content/b.md": report_text(index="t/2", title="第二篇")})


def _count_builds(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    real = build_module.load_config

    def counting(project_dir: Path):  # type: ignore[no-untyped-def]
        calls.append(1)
        return real(project_dir)

    monkeypatch.setattr(build_module, "load_config", counting)
    return calls


def test_no_change_rebuild_is_skipped_and_reports_the_same(make_project, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _project(make_project)
    first = build(root, root / "output", TODAY, downloads=False)
    calls = _count_builds(monkeypatch)
    again = build(root, root / "output", TODAY, downloads=False)
    assert calls == [] and again.files == first.files and again.reports == first.reports
    assert again.pages_rendered == 0 and again.pages_reused == first.pages_rendered


@pytest.mark.parametrize("change", ["content", "output", "state", "today", "options", "new-file"])
def test_any_change_means_a_real_build(change: str, make_project, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _project(make_project)
    build(root, root / "output", TODAY, downloads=False)
    page = next((root / "output").rglob("test-2025-00001.html"))
    original = page.read_bytes()
    today, downloads = TODAY, False
    if change == "content":
        source = root / "content/a.md"
        os.utime(source, ns=(source.stat().st_atime_ns, source.stat().st_mtime_ns + 10**9))
    elif change == "output":
        page.write_bytes(original.replace(b"</body>", b"<p>hand edit</p></body>"))
    elif change == "state":
        state = root / STATE
        state.write_text(state.read_text(encoding="utf-8").replace('"files":', '"files":1'), encoding="utf-8")
    elif change == "today":
        today = TODAY + dt.timedelta(days=1)
    elif change == "options":
        downloads = True
    else:
        (root / "content/c.md").write_text(report_text(index="t/3", title="第三篇"), encoding="utf-8")
    calls = _count_builds(monkeypatch)
    build(root, root / "output", today, downloads=downloads)
    assert calls == [1]
    if change in ("content", "output", "state", "today"):  # the others really change this page
        assert page.read_bytes() == original


def test_warnings_of_a_skipped_build_are_reported_again(make_project) -> None:
    root = make_project({"content/a.md": report_text(title="普法计划\u200b")})
    first = build(root, root / "output", TODAY, downloads=False)
    again = build(root, root / "output", TODAY, downloads=False)
    assert [w.code for w in first.warnings] == ["SB315"]
    assert [(w.code, str(w.location), w.message) for w in again.warnings] == \
        [(w.code, str(w.location), w.message) for w in first.warnings]


def test_a_failed_build_forgets_the_state(make_project) -> None:
    root = _project(make_project)
    build(root, root / "output", TODAY, downloads=False)
    (root / "content/a.md").write_text("---\n索引号: [\n---\n", encoding="utf-8")
    with pytest.raises(BuildFailed):
        build(root, root / "output", TODAY, downloads=False)
    assert not (root / STATE).exists()
