"""A rebuild after a few edits that move no report (its text, or metadata that describes but does not place
it) renders only the pages showing what changed, moves them into the output in place, and leaves exactly the
bytes a clean build makes; anything else goes to the full build."""

from __future__ import annotations

import base64
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from site_builder import build as build_module
from site_builder.build import BuildResult, build
from site_builder.modelcache import MODEL

from .conftest import TODAY, report_text
from .test_incremental import CHANGES, PLAN, edit, sample, tree

OPTIONS = {"downloads": False, "search": False}
OPENING = "为深入贯彻落实"
PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")


def _full_builds(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts full builds: each reads the content files through load_reports."""
    calls: list[int] = []
    real = build_module.load_reports

    def counting(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(build_module, "load_reports", counting)
    return calls


def _clean(tmp_path: Path, changes: list[Callable[[Path], None]], name: str = "clean") -> dict[str, bytes]:
    project = sample(tmp_path, name)
    for change in changes:
        change(project)
    build(project, project / "output", TODAY, incremental=False, **OPTIONS)  # type: ignore[arg-type]
    return tree(project / "output")


def _build(project: Path) -> BuildResult:
    return build(project, project / "output", TODAY, **OPTIONS)  # type: ignore[arg-type]


def test_a_body_edit_renders_its_page_and_feeds_only_and_equals_a_clean_build(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = sample(tmp_path)
    _build(project)
    before = tree(project / "output")
    opening = lambda p: edit(p / PLAN, OPENING, "为全面深入贯彻落实")  # noqa: E731 — its summary (in the feeds) changes
    opening(project)
    full = _full_builds(monkeypatch)
    result = _build(project)
    assert full == [] and result.pages_rendered == 1 and result.files == len(before) - 1  # and the marker file
    after = tree(project / "output")
    assert after == _clean(tmp_path, [opening])
    changed = sorted(path for path in after if after[path] != before[path])
    assert changed[0] == "atom.xml" and "feed.xml" in changed and len(changed) == 1 + 2 * 4
    assert [path for path in changed if path.endswith(".html")] == \
        ["xxgk/fdzdgknr/jcgk/ndjhzj/luozhuangqulz207-2023-0000131.html"]
    assert sorted(p.name for p in project.iterdir()) == [".site_builder", "content", "output", "site.yaml"]


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_after_a_body_edit_every_kind_of_change_still_equals_a_clean_build(change: str, tmp_path: Path) -> None:
    project = sample(tmp_path)
    _build(project)
    CHANGES["edit-body"](project)
    _build(project)
    CHANGES[change](project)
    _build(project)
    assert tree(project / "output") == _clean(tmp_path, [CHANGES["edit-body"], CHANGES[change]])


def test_edits_in_a_row_each_take_the_quick_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = sample(tmp_path)
    _build(project)
    full = _full_builds(monkeypatch)
    steps = [lambda p, n=n: edit(p / PLAN, "一、工作目标", f"一、工作目标{n}") for n in range(3)]
    for step in steps:
        step(project)
        assert _build(project).pages_rendered == 1
    assert full == []
    assert _build(project).pages_rendered == 0 and full == []  # and then nothing changed at all
    assert tree(project / "output") == _clean(tmp_path, steps)


def test_a_touched_file_renders_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = sample(tmp_path)
    _build(project)
    before = {p: p.stat().st_mtime_ns for p in (project / "output").rglob("*")}
    source = project / PLAN
    os.utime(source, ns=(source.stat().st_atime_ns, source.stat().st_mtime_ns + 10**9))
    full = _full_builds(monkeypatch)
    assert _build(project).pages_rendered == 0
    assert full == [] and {p: p.stat().st_mtime_ns for p in (project / "output").rglob("*")} == before


FALLBACKS: dict[str, Callable[[Path], None]] = {
    "date": lambda p: edit(p / PLAN, "公开日期: 2023-08-08", "公开日期: 2023-08-09"),  # moves it in every listing
    "publisher": lambda p: edit(p / PLAN, "发布机构: 罗庄区司法局", "发布机构: 罗庄区普法办"),
    "image": lambda p: ((p / "content/luozhuang/logo.png").write_bytes(PNG),
                        edit(p / PLAN, "一、工作目标", "![徽标](logo.png)\n\n一、工作目标")),
    "warning": lambda p: edit(p / PLAN, "信息名称: 罗庄区司法局", "信息名称: 罗庄区\u200b司法局"),  # same title, cleaned
    "error": lambda p: edit(p / PLAN, "公开日期: 2023-08-08", "公开日期: 2023-13-45"),
    "two-files": lambda p: (edit(p / PLAN, "一、工作目标", "一、目标"),
                            (p / "content/extra.md").write_text(report_text(index="x/2025-1"), encoding="utf-8")),
}


def _retitle(rel: str) -> Callable[[Path], None]:
    return lambda p: edit(p / rel, "\n信息名称: ", "\n信息名称: 修订后的")


DESCRIPTIONS: dict[str, list[Callable[[Path], None]]] = {
    "title": [CHANGES["retitle"]],
    "keywords": [lambda p: edit(p / PLAN, "关键词: [普法, 工作计划, 谁执法谁普法]", "关键词: [普法]")],
    "overview-and-number": [lambda p: edit(p / PLAN, "主题分类: 司法", "主题分类: 司法\n内容概述: 新写的概述\n文号: 罗司〔2023〕8号")],
    "title-on-the-home-page": [_retitle("content/liujiang/2025-pufa-lvzhi-baogao.md")],
    "two-in-one-column": [CHANGES["retitle"], _retitle("content/luozhuang/2022-pufa-zongjie.md")],
    "title-and-text": [CHANGES["retitle"], CHANGES["edit-body"]],
}


@pytest.mark.parametrize("change", sorted(DESCRIPTIONS))
def test_a_description_edited_takes_the_quick_path_and_equals_a_clean_build(
        change: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = sample(tmp_path)
    _build(project)
    before = tree(project / "output")
    for step in DESCRIPTIONS[change]:
        step(project)
    full = _full_builds(monkeypatch)
    _build(project)
    assert full == []
    after = tree(project / "output")
    assert after == _clean(tmp_path, DESCRIPTIONS[change])
    assert "xxgk/catalog.csv" in {path for path in after if after[path] != before[path]}


@pytest.mark.parametrize("change", sorted(FALLBACKS))
def test_anything_but_an_edit_in_place_takes_the_full_build(change: str, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    project = sample(tmp_path)
    _build(project)
    FALLBACKS[change](project)
    full = _full_builds(monkeypatch)
    if change == "error":
        with pytest.raises(build_module.BuildFailed):
            _build(project)
        assert full == [1]
        return
    _build(project)
    assert full == [1]
    assert tree(project / "output") == _clean(tmp_path, [FALLBACKS[change]])


def test_a_hand_edited_output_file_or_a_damaged_model_means_a_full_build(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = sample(tmp_path)
    _build(project)
    page = project / "output/index.html"
    original = page.read_bytes()
    page.write_bytes(original.replace("首页".encode(), "被改".encode()))
    CHANGES["edit-body"](project)
    full = _full_builds(monkeypatch)
    _build(project)
    assert full == [1] and page.read_bytes() == original
    model = project / MODEL
    model.write_bytes(model.read_bytes()[:-10])
    edit(project / PLAN, "一、工作目标", "一、工作目标（再改）")
    _build(project)
    assert full == [1, 1]
    assert tree(project / "output") == _clean(tmp_path, [CHANGES["edit-body"], lambda p: edit(
        p / PLAN, "一、工作目标", "一、工作目标（再改）")])


def test_an_unpublished_report_edited_changes_nothing(make_project, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_project({"content/a.md": report_text(),
                         "content/b.md": report_text(index="t/2", disclosure="依申请公开", body="原文。")})
    build(root, root / "output", TODAY, **OPTIONS)  # type: ignore[arg-type]
    before = tree(root / "output")
    (root / "content/b.md").write_text(report_text(index="t/2", disclosure="依申请公开", body="改后。"),
                                       encoding="utf-8")
    full = _full_builds(monkeypatch)
    assert build(root, root / "output", TODAY, **OPTIONS).pages_rendered == 0  # type: ignore[arg-type]
    assert full == [] and tree(root / "output") == before


def test_with_search_or_downloads_a_body_edit_takes_the_full_build(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    project = sample(tmp_path)
    build(project, project / "output", TODAY, downloads=False)
    assert not (project / MODEL).exists()
    CHANGES["edit-body"](project)
    full = _full_builds(monkeypatch)
    build(project, project / "output", TODAY, downloads=False)
    assert full == [1]


def test_a_template_failing_on_the_edited_body_is_reported_and_changes_nothing(make_project) -> None:
    root = make_project({"content/a.md": report_text(body="原文。")})
    (root / "templates").mkdir()
    (root / "templates/detail.html").write_text(
        '{% extends "builtin/detail.html" %}{% block main %}{% if "禁止" in body.text %}{{ no_such_value }}'
        '{% endif %}{{ super() }}{% endblock %}', encoding="utf-8")
    build(root, root / "output", TODAY, **OPTIONS)  # type: ignore[arg-type]
    before = tree(root / "output")
    (root / "content/a.md").write_text(report_text(body="禁止。"), encoding="utf-8")
    with pytest.raises(build_module.BuildFailed) as failed:
        build(root, root / "output", TODAY, **OPTIONS)  # type: ignore[arg-type]
    assert [(p.code, p.location.path if p.location else None) for p in failed.value.problems] == \
        [("SB403", "templates/detail.html")]
    assert tree(root / "output") == before
    with pytest.raises(build_module.BuildFailed):  # the full build (the state is gone) says the same
        build(root, root / "output", TODAY, **OPTIONS)  # type: ignore[arg-type]
