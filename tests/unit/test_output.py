import os
from pathlib import Path

import pytest

from site_builder import output
from site_builder.errors import BuildFailed
from site_builder.model import OutputFile
from site_builder.output import MARKER, check_output_dir, recover_interrupted, update_in_place, write_site


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_write_then_replace(tmp_path: Path) -> None:
    out = tmp_path / "output"
    assert write_site([OutputFile("a.html", b"1"), OutputFile("d/b.html", b"2")], out) == 2
    assert _tree(out) == {MARKER: b"site_builder output\n", "a.html": b"1", "d/b.html": b"2"}
    write_site([OutputFile("c.html", b"3")], out)
    assert set(_tree(out)) == {MARKER, "c.html"}
    assert [p.name for p in tmp_path.iterdir()] == ["output"]  # no staging or old folders left


@pytest.mark.parametrize("rm", ["found", "missing", "fails"])
def test_the_sweeper_removes_the_replaced_site_by_the_time_it_has_waited(tmp_path: Path, monkeypatch, rm: str) -> None:
    """The old site goes in an `rm -rf` beside the build; without rm, or when rm leaves something, here."""
    if rm == "missing":
        monkeypatch.setattr(output.shutil, "which", lambda name: None)
    elif rm == "fails":
        false = tmp_path / "bin" / "rm"
        false.parent.mkdir()
        false.write_text("#!/bin/sh\nexit 1\n")
        false.chmod(0o755)
        monkeypatch.setattr(output.shutil, "which", lambda name: str(false))
    out = tmp_path / "site" / "output"
    write_site([OutputFile("a.html", b"1"), OutputFile("d/e/b.html", b"2")], out)
    sweeper = output.Sweeper()
    write_site([OutputFile("c.html", b"3")], out, sweeper)
    assert _tree(out) == {MARKER: b"site_builder output\n", "c.html": b"3"}  # in place before the old one goes
    sweeper.wait()
    assert [p.name for p in out.parent.iterdir()] == ["output"]
    sweeper.wait()  # twice is harmless


def test_failure_midway_leaves_old_output(tmp_path: Path) -> None:
    out = tmp_path / "output"
    write_site([OutputFile("a.html", b"old")], out)
    before = _tree(out)

    def files():
        yield OutputFile("a.html", b"new")
        raise RuntimeError("template blew up")

    with pytest.raises(RuntimeError):
        write_site(files(), out)
    assert _tree(out) == before
    assert [p.name for p in tmp_path.iterdir()] == ["output"]


def test_path_escape_refused(tmp_path: Path) -> None:
    with pytest.raises(BuildFailed) as failed:
        write_site([OutputFile("../escape.html", b"x")], tmp_path / "output")
    assert failed.value.problems[0].code == "SB406"
    assert not (tmp_path / "escape.html").exists()


def test_duplicate_output_path_refused(tmp_path: Path) -> None:
    with pytest.raises(BuildFailed) as failed:
        write_site([OutputFile("a.html", b"1"), OutputFile("a.html", b"2")], tmp_path / "output")
    assert failed.value.problems[0].code == "SB407"


def test_unwritable_location_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(BuildFailed) as failed:
        write_site([OutputFile("a.html", b"1")], blocker / "output")
    problem = failed.value.problems[0]
    assert problem.code == "SB401" and "无法写入输出目录" in problem.format()


def test_output_dir_safety(tmp_path: Path) -> None:
    project = tmp_path / "project"
    (project / "content").mkdir(parents=True)
    assert [p.code for p in check_output_dir(project, project)] == ["SB402"]
    assert [p.code for p in check_output_dir(project / "content", project)] == ["SB402"]
    assert [p.code for p in check_output_dir(tmp_path, project)] == ["SB402"]
    foreign = tmp_path / "documents"
    foreign.mkdir()
    (foreign / "thesis.docx").write_text("precious")
    assert [p.code for p in check_output_dir(foreign, project)] == ["SB405"]
    assert check_output_dir(project / "output", project) == []


def test_recover_interrupted_swap(tmp_path: Path) -> None:
    out = tmp_path / "output"
    old = tmp_path / ".output.old-abc"
    old.mkdir()
    (old / "a.html").write_text("kept")
    stale = tmp_path / ".output.staging-xyz"
    stale.mkdir()
    recover_interrupted(out)
    assert (out / "a.html").read_text() == "kept"
    assert not stale.exists() and not old.exists()


def test_output_folder_is_world_readable(tmp_path: Path) -> None:
    write_site([OutputFile("a.html", b"1")], tmp_path / "output")
    assert os.stat(tmp_path / "output").st_mode & 0o755 == 0o755


def test_reused_file_is_linked_not_copied(tmp_path: Path) -> None:
    old = tmp_path / "old.html"
    old.write_bytes(b"same")
    write_site([OutputFile("a.html", b"", reuse_from=str(old))], tmp_path / "output")
    assert (tmp_path / "output/a.html").read_bytes() == b"same"
    assert os.stat(tmp_path / "output/a.html").st_ino == os.stat(old).st_ino


def _site(tmp_path: Path) -> Path:
    out = tmp_path / "output"
    write_site([OutputFile("a.html", b"old a"), OutputFile("d/b.html", b"old b"), OutputFile("c.html", b"c")], out)
    return out


def test_update_in_place_replaces_only_the_files_given(tmp_path: Path) -> None:
    out = _site(tmp_path)
    inode = (out / "c.html").stat().st_ino
    update_in_place([OutputFile("a.html", b"new a"), OutputFile("d/b.html", b"new b")], out)
    assert _tree(out) == {MARKER: b"site_builder output\n", "a.html": b"new a", "d/b.html": b"new b", "c.html": b"c"}
    assert (out / "c.html").stat().st_ino == inode
    assert [p.name for p in tmp_path.iterdir()] == ["output"]


def test_update_in_place_failing_before_the_journal_leaves_the_site_untouched(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = _site(tmp_path)
    before = _tree(out)
    real = output.write_file

    def failing(target: str, item: OutputFile, folders: set[str]) -> None:
        if item.path == "d/b.html":
            raise OSError(28, "No space left on device", target)
        real(target, item, folders)

    monkeypatch.setattr(output, "write_file", failing)
    with pytest.raises(BuildFailed) as failed:
        update_in_place([OutputFile("a.html", b"new a"), OutputFile("d/b.html", b"new b")], out)
    assert failed.value.problems[0].code == "SB401"
    assert _tree(out) == before and [p.name for p in tmp_path.iterdir()] == ["output"]


@pytest.mark.parametrize("moved", [0, 1])
def test_a_committed_journal_is_finished_by_the_next_build(moved: int, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """Killed after the journal was written, when `moved` of the files were already moved in."""
    out = _site(tmp_path)
    real = os.replace
    calls = {"n": 0}

    def killed(source: str, target: str) -> None:
        if str(target).startswith(str(out)):
            if calls["n"] == moved:
                raise KeyboardInterrupt  # stands for SIGKILL: nothing after this point runs
            calls["n"] += 1
        real(source, target)

    monkeypatch.setattr(output.os, "replace", killed)
    with pytest.raises(KeyboardInterrupt):
        update_in_place([OutputFile("a.html", b"new a"), OutputFile("d/b.html", b"new b")], out)
    monkeypatch.undo()
    assert output.journal_path(out).exists()
    recover_interrupted(out)
    assert _tree(out) == {MARKER: b"site_builder output\n", "a.html": b"new a", "d/b.html": b"new b", "c.html": b"c"}
    assert [p.name for p in tmp_path.iterdir()] == ["output"]


@pytest.mark.parametrize(("name", "text"), [
    (".output.journal.tmp", '{"staging": ".output.staging-abc", "paths": ["a.html"]}'),  # never committed
    (".output.journal", '{"staging": ".output.staging-abc", "pa'),  # garbled
    (".output.journal", '{"staging": ".output.staging-abc", "paths": ["a.html", "../escape.html"]}'),
    (".output.journal", '{"staging": "elsewhere", "paths": ["a.html"]}'),  # not our staging folder
])
def test_a_journal_not_committed_or_not_ours_moves_and_deletes_nothing(name: str, text: str, tmp_path: Path) -> None:
    out = _site(tmp_path)
    before = _tree(out)
    for folder in (tmp_path / ".output.staging-abc", tmp_path / "elsewhere"):
        folder.mkdir()
        (folder / "a.html").write_bytes(b"not to be moved")
    (tmp_path / name).write_text(text, encoding="utf-8")
    recover_interrupted(out)
    assert _tree(out) == before and (tmp_path / "elsewhere/a.html").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["elsewhere", "output"]
