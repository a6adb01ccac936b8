"""Incremental and parallel builds produce exactly the bytes of a clean build, after every kind of change;
a damaged or stale cache is never trusted."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from site_builder.build import build
from site_builder.pagekeys import MANIFEST
from site_builder.sourcecache import CACHE

from .conftest import REPO, TODAY


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def sample(tmp_path: Path, name: str = "project") -> Path:
    project = tmp_path / name
    shutil.copytree(REPO / "content", project / "content")
    shutil.copy(REPO / "site.yaml", project / "site.yaml")
    return project


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


PLAN = "content/luozhuang/2023-pufa-jihua.md"
CHANGES: dict[str, Callable[[Path], None]] = {
    "edit-body": lambda p: edit(p / PLAN, "一、工作目标", "一、工作目标（修订）"),
    "add": lambda p: (p / "content/new.md").write_text((p / PLAN).read_text(encoding="utf-8").replace(
        "luozhuangqulz207/2023-0000131", "luozhuangqulz207/2023-0000999"), encoding="utf-8"),
    "delete": lambda p: (p / "content/zhuhui/2021-pufa-zongjie.md").unlink(),
    "retitle": lambda p: edit(p / PLAN, "信息名称: 罗庄区司法局2023年普法工作计划", "信息名称: 罗庄区司法局2023年普法工作计划（修订版）"),
    "column": lambda p: edit(p / PLAN, "栏目: 法定主动公开内容/决策公开/年度计划总结", "栏目: 法定主动公开内容/执行公开/普法责任制"),
    "template": lambda p: (p / "templates").mkdir() or (p / "templates/footer.html").write_text(
        '{% include "builtin/footer.html" %}<p>新增页脚</p>', encoding="utf-8"),
    "config": lambda p: edit(p / "site.yaml", "每页条数: 10", "每页条数: 4"),
    "withdrawn": lambda p: edit(p / PLAN, "公开方式: 主动公开", "公开方式: 依申请公开"),
}


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_incremental_equals_clean_after_each_change(change: str, tmp_path: Path) -> None:
    incremental = sample(tmp_path, "incremental")
    build(incremental, incremental / "output", TODAY, downloads=False)
    CHANGES[change](incremental)
    result = build(incremental, incremental / "output", TODAY, downloads=False)
    clean = sample(tmp_path, "clean")
    CHANGES[change](clean)
    build(clean, clean / "output", TODAY, downloads=False, incremental=False)
    assert tree(incremental / "output") == tree(clean / "output")
    assert result.pages_reused > 0 or change in ("template", "config")


def test_unchanged_rebuild_renders_no_page_and_one_edit_renders_one(tmp_path: Path) -> None:
    project = sample(tmp_path)
    first = build(project, project / "output", TODAY, downloads=False)
    assert first.pages_reused == 0 and first.pages_rendered > 40
    again = build(project, project / "output", TODAY, downloads=False)
    assert again.pages_rendered == 0 and again.pages_reused == first.pages_rendered
    CHANGES["edit-body"](project)
    edited = build(project, project / "output", TODAY, downloads=False)
    assert edited.pages_rendered == 1  # its own page: titles, dates and listings are unchanged


def test_a_first_build_in_workers_records_every_page_for_the_next(tmp_path: Path) -> None:
    """A first (or --clean) build does not look for pages to reuse; its workers still record every page."""
    project = sample(tmp_path)
    first = build(project, project / "output", TODAY, downloads=False, jobs=2)
    assert first.pages_reused == 0 and first.pages_rendered > 40
    CHANGES["edit-body"](project)
    edited = build(project, project / "output", TODAY, downloads=False, jobs=2)
    assert edited.pages_rendered == 1 and edited.pages_reused == first.pages_rendered - 1


def test_parallel_equals_sequential(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from site_builder import parallel
    from site_builder.search import index

    monkeypatch.setattr(index, "SEGMENT", 4)  # several search segments, indexed by the worker processes
    monkeypatch.setattr(parallel, "chunk_size", lambda *_: 3)  # pages go out three at a time, not one by one
    project = sample(tmp_path)
    build(project, tmp_path / "one", TODAY, jobs=1, incremental=False)
    build(project, tmp_path / "two", TODAY, jobs=2, incremental=False)
    assert tree(tmp_path / "one") == tree(tmp_path / "two")
    assert len(list((tmp_path / "two/search/s").iterdir())) > 2
    CHANGES["retitle"](project)
    build(project, tmp_path / "two", TODAY, jobs=2)
    build(project, tmp_path / "three", TODAY, jobs=1, incremental=False)
    assert tree(tmp_path / "two") == tree(tmp_path / "three")


@pytest.mark.parametrize("damage", ["truncate", "tamper", "garbage", "foreign-out"])
def test_damaged_cache_is_ignored(damage: str, tmp_path: Path) -> None:
    project = sample(tmp_path)
    build(project, project / "output", TODAY, downloads=False)
    CHANGES["retitle"](project)
    for cache in (project / MANIFEST, project / CACHE):
        text = cache.read_text(encoding="utf-8")
        if damage == "truncate":
            cache.write_text(text[: len(text) // 2], encoding="utf-8")
        elif damage == "tamper":  # an entry edited without fixing the checksum
            head, body = text.split("\n", 1)
            entries = json.loads(body)
            first = sorted(entries)[0]
            entries[first] = entries[sorted(entries)[-1]]
            cache.write_text(head + "\n" + json.dumps(entries, ensure_ascii=False), encoding="utf-8")
        elif damage == "garbage":
            cache.write_bytes(b"\x00\xff not json")
        else:
            cache.write_text(text.replace(str((project / "output").resolve()), "/elsewhere/output"), encoding="utf-8")
    result = build(project, project / "output", TODAY, downloads=False)
    clean = sample(tmp_path, "clean")
    CHANGES["retitle"](clean)
    build(clean, clean / "output", TODAY, downloads=False, incremental=False)
    assert tree(project / "output") == tree(clean / "output")
    if damage != "foreign-out":
        assert result.pages_reused == 0


def test_hand_edited_output_file_is_not_reused(tmp_path: Path) -> None:
    project = sample(tmp_path)
    build(project, project / "output", TODAY, downloads=False)
    page = project / "output/index.html"
    original = page.read_bytes()
    page.write_bytes(original.replace("首页".encode(), "被改".encode()))
    build(project, project / "output", TODAY, downloads=False)
    assert (project / "output/index.html").read_bytes() == original
