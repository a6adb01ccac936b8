"""One build of a project at a time: a second one is refused at once, naming the first (SB409)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest

import site_builder.build as build_module
from site_builder.build import build
from site_builder.buildlock import LOCK
from site_builder.errors import BuildFailed

from ..conftest import TODAY, report_text


def test_a_build_started_during_another_is_refused_and_the_first_completes(make_project, monkeypatch) -> None:
    """Before the lock, the second build swept the first one's staging folder away as a killed build's
    leftovers, and the first failed half-way (SB401, file not found)."""
    root = make_project({"content/a.md": report_text(), "content/b.md": report_text(index="t/2", title="第二篇")})
    outcome: list[Any] = []
    feeds = build_module.render_feeds

    def second_build_midway(*args: Any) -> Iterator[Any]:  # runs when the first build's pages are staged
        if not outcome:
            outcome.append(None)
            try:
                outcome[0] = build(root, root / "output", TODAY, downloads=False)
            except BuildFailed as failed:
                outcome[0] = failed.problems
        yield from feeds(*args)

    monkeypatch.setattr(build_module, "render_feeds", second_build_midway)
    first = build(root, root / "output", TODAY, downloads=False)
    assert first.reports == 2 and (root / "output" / "feed.xml").exists()
    [problems] = outcome
    assert [p.code for p in problems] == ["SB409"]
    assert f"进程 {os.getpid()}" in problems[0].format() and "另一个构建" in problems[0].format()


def test_the_lock_goes_with_the_build_that_held_it(make_project) -> None:
    root = make_project({"content/a.md": report_text()})
    build(root, root / "output", TODAY, downloads=False)
    build(root, root / "output", TODAY, downloads=False, incremental=False)  # released after each build
    with pytest.raises(BuildFailed):  # released after a failed one too
        (root / "content" / "b.md").write_text(report_text(index="t/2", written="2025-02-30"), encoding="utf-8")
        build(root, root / "output", TODAY, downloads=False)
    (root / "content" / "b.md").unlink()
    assert build(root, root / "output", TODAY, downloads=False).reports == 1


def test_a_build_in_another_process_holds_the_lock_until_it_exits(make_project) -> None:
    """Another process's lock refuses a build; a killed holder leaves none behind (the kernel drops it)."""
    root = make_project({"content/a.md": report_text()})
    (root / LOCK).parent.mkdir(parents=True, exist_ok=True)
    with subprocess.Popen(
        [sys.executable, "-c", "import fcntl, os, sys, time\n"
         f"fd = os.open({str(root / LOCK)!r}, os.O_RDWR | os.O_CREAT)\n"
         "fcntl.flock(fd, fcntl.LOCK_EX)\nos.write(fd, b'%d\\n' % os.getpid())\nprint('held', flush=True)\n"
         "time.sleep(60)"], stdout=subprocess.PIPE, text=True) as holder:
        try:
            assert holder.stdout is not None and holder.stdout.readline() == "held\n"
            with pytest.raises(BuildFailed) as refused:
                build(root, root / "output", TODAY, downloads=False)
            assert refused.value.problems[0].code == "SB409"
            assert f"进程 {holder.pid}" in refused.value.problems[0].format()
            assert not (root / "output").exists()
        finally:
            holder.kill()
    assert build(root, root / "output", TODAY, downloads=False).reports == 1
