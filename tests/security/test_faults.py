"""Promise 4: killing the build at any moment, a full disk or a read-only folder never loses the old site."""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from site_builder import output
from site_builder.build import build
from site_builder.errors import BuildFailed
from site_builder.model import OutputFile

from ..conftest import REPO, TODAY, report_text


def tree_digest(root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        digest.update(path.relative_to(root).as_posix().encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _many_reports(count: int) -> dict[str, str]:
    body = "\n\n".join(f"一、第{i}部分\n\n" + "普法宣传教育工作扎实推进。" * 40 for i in range(1, 6))
    return {f"content/r{i:04d}.md": report_text(index=f"t/2025-{i:05d}", title=f"报告{i}", body=body)
            for i in range(count)}


def test_sigkill_at_several_points_leaves_output_exactly_as_before(make_project, tmp_path: Path) -> None:
    root = make_project(_many_reports(600))
    build(root, root / "output", TODAY, downloads=False)
    before = tree_digest(root / "output")
    (root / "content/r0000.md").write_text(report_text(index="t/2025-00000", title="改过的标题"), encoding="utf-8")
    # the only other acceptable state: the complete new site (a kill after the swap, while saving caches)
    after_copy = tmp_path / "after"
    shutil.copytree(root / "content", after_copy / "content")
    shutil.copy(root / "site.yaml", after_copy / "site.yaml")
    build(after_copy, after_copy / "output", TODAY, downloads=False)
    after = tree_digest(after_copy / "output")
    command = [sys.executable, "-m", "site_builder", "build", str(root), "--no-downloads", "--clean", "--jobs", "1",
               "--today", "2026-01-01"]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    killed = 0
    for delay in (0.05, 0.3, 0.6, 0.9, 1.2, 1.6):
        process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            killed += 1
        process.wait()
        if process.returncode == 0:
            break  # the build won the race and finished: the new site is complete, which is also fine
        assert tree_digest(root / "output") in (before, after), f"half-written output after SIGKILL at {delay}s"
    assert killed >= 3
    build(root, root / "output", TODAY, downloads=False)  # the next build sweeps up and succeeds
    assert sorted(p.name for p in root.iterdir()) == [".site_builder", "content", "output", "site.yaml"]
    assert "改过的标题" in (root / "output/xxgk/fdzdgknr/jcgk/t-2025-00000.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(("code", "words"), [(errno.ENOSPC, "磁盘空间不足"), (errno.EROFS, "文件系统为只读"),
                                             (errno.EACCES, "没有写入权限")])
def test_write_errors_are_clear_and_keep_old_site(code: int, words: str, make_project,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_project({"content/a.md": report_text(), "content/b.md": report_text(index="t/2")})
    build(root, root / "output", TODAY, downloads=False)
    before = tree_digest(root / "output")
    calls = {"n": 0}
    real = output.write_file

    def failing(target: str, item: OutputFile, folders: set[str]) -> None:
        calls["n"] += 1
        if calls["n"] == 5:
            raise OSError(code, os.strerror(code), target)
        real(target, item, folders)

    monkeypatch.setattr(output, "write_file", failing)
    with pytest.raises(BuildFailed) as failed:
        build(root, root / "output", TODAY, downloads=False, incremental=False)
    problem = failed.value.problems[0]
    assert problem.code == "SB401" and words in problem.format()
    monkeypatch.undo()
    assert tree_digest(root / "output") == before
    assert sorted(p.name for p in root.iterdir()) == [".site_builder", "content", "output", "site.yaml"]


def test_read_only_parent_folder(make_project, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_project({"content/a.md": report_text()})

    def refuse(*args: object, **kwargs: object) -> str:
        raise OSError(errno.EROFS, "Read-only file system", str(root))

    monkeypatch.setattr(output.tempfile, "mkdtemp", refuse)
    with pytest.raises(BuildFailed) as failed:
        build(root, root / "output", TODAY, downloads=False)
    assert failed.value.problems[0].code == "SB401" and "只读" in failed.value.problems[0].format()


@pytest.mark.parametrize("edit", ["clean", "few edits"])
def test_caches_that_cannot_be_saved_warn_and_the_site_is_built(edit: str, make_project,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """A full disk under .site_builder/ after the site was swapped in ended the build with a traceback (exit 1)
    though the site was complete; now a warning (SB410), and the next build still equals a clean one."""
    import builtins

    from site_builder import cachefile

    root = make_project({"content/a.md": report_text(), "content/b.md": report_text(index="t/2", title="第二篇")})
    if edit == "few edits":
        build(root, root / "output", TODAY, downloads=False, search=False)
        text = (root / "content/a.md").read_text(encoding="utf-8")
        (root / "content/a.md").write_text(text.replace("正文", "改过的正文", 1), encoding="utf-8")
    real_open = builtins.open

    def disk_full(path: object, mode: str = "r", *args: object, **kwargs: object) -> object:
        if "w" in mode:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        return real_open(path, mode, *args, **kwargs)

    monkeypatch.setattr(cachefile, "open", disk_full, raising=False)
    result = build(root, root / "output", TODAY, downloads=False, search=False)
    assert [p.code for p in result.warnings] == ["SB410"]
    assert "磁盘空间不足" in result.warnings[0].format() and ".site_builder" in result.warnings[0].format()
    if edit == "few edits":
        assert result.pages_rendered < 5 and "改过的正文" in (root / "output/xxgk/fdzdgknr/jcgk/test-2025-00001.html").read_text(encoding="utf-8")
    monkeypatch.undo()
    after = build(root, root / "output", TODAY, downloads=False, search=False)
    assert after.warnings == ()
    clean = build(root, root / "clean", TODAY, downloads=False, search=False, incremental=False)
    assert tree_digest(root / "output") == tree_digest(root / "clean")
    assert clean.files == after.files
