from pathlib import Path

from site_builder.errors import Problem
from site_builder.model import Source
from site_builder.sources import decode_source, find_sources


def test_bom_and_crlf_are_normalised() -> None:
    source = decode_source("\ufeff---\r\na: 1\r\n---\r\n正文\r".encode(), Path("x.md"), "x.md")
    assert isinstance(source, Source)
    assert source.text == "---\na: 1\n---\n正文\n"


def test_gbk_file_is_refused_with_line() -> None:
    problem = decode_source("---\n标题: 测试\n".encode("gbk"), Path("x.md"), "x.md")
    assert isinstance(problem, Problem) and problem.code == "SB201"
    assert problem.location is not None and problem.location.line == 2


def test_nul_byte_is_refused() -> None:
    problem = decode_source(b"---\n\n\x00", Path("x.md"), "x.md")
    assert isinstance(problem, Problem) and problem.code == "SB209" and problem.location.line == 3


def test_find_sources_sorted_and_skips_hidden(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "b").mkdir(parents=True)
    (content / ".git").mkdir()
    (content / "b" / "z.md").write_text("x")
    (content / "a.md").write_text("x")
    (content / "notes.txt").write_text("x")
    (content / ".hidden.md").write_text("x")
    (content / ".git" / "c.md").write_text("x")
    found, problems = find_sources(content, tmp_path)
    assert [p.relative_to(content).as_posix() for p in found] == ["a.md", "b/z.md"]
    assert problems == []


def test_symlink_inside_content_is_read(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "real.md").write_text("x")
    (content / "alias.md").symlink_to(content / "real.md")
    found, problems = find_sources(content, tmp_path)
    assert len(found) == 2 and problems == []


def test_line_ends_and_nul_found_from_the_bytes_equal_searching_the_text() -> None:
    """decode_source looks for CR and NUL in the bytes first; the text and the problems are as before."""
    import random

    def by_text(raw: bytes) -> tuple[str, int] | str:
        text = raw.removeprefix(b"\xef\xbb\xbf").decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
        nul = text.find("\x00")
        return ("SB209", text.count("\n", 0, nul) + 1) if nul >= 0 else text

    pieces = [b"a", "法".encode(), b"\r", b"\n", b"\r\n", b"\x00", b" ", b"\xef\xbb\xbf"]
    rng = random.Random(3)
    for _ in range(20000):
        raw = b"".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        result = decode_source(raw, Path("x.md"), "x.md")
        expected = by_text(raw)
        if isinstance(expected, str):
            assert isinstance(result, Source) and result.text == expected, raw
        else:
            assert isinstance(result, Problem) and (result.code, result.location.line) == expected, raw


def test_control_characters_are_refused_with_their_line() -> None:
    """A body with one pasted control character made the Word export (lxml) fail the whole build."""
    import random

    for char in ["\x01", "\x0b", "\x0c", "\x1f", "\x7f", "\x85", "\x9f", "\ufffe", "\uffff"]:
        raw = ("---\n信息名称: 甲\n---\n\n法治·宣传°\n第二" + char + "段\n").encode()
        result = decode_source(raw, Path("x.md"), "x.md")
        assert isinstance(result, Problem) and result.code == "SB212", repr(char)
        assert result.location.line == 6 and f"U+{ord(char):04X}" in result.message
    pieces = ["法", "a", "\t", "\n", "·", "\u00a0", "\uff01", "\uffe5", "\ufffd", "\x0b", "\x85", "\ufffe"]
    rng = random.Random(11)
    for _ in range(20000):  # the byte checks find exactly what the text's own search finds
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 10)))
        result = decode_source(text.encode(), Path("x.md"), "x.md")
        bad = any(ch in text for ch in "\x0b\x85\ufffe")
        assert (isinstance(result, Problem) and result.code == "SB212") == bad, repr(text)


def test_only_regular_files_are_read(tmp_path: Path) -> None:
    """A named pipe is refused at once (reading it waited for a writer forever); a regular file is read."""
    import os

    from site_builder.sources import read_source

    os.mkfifo(tmp_path / "pipe.md")
    refused = read_source(tmp_path / "pipe.md", tmp_path)
    assert isinstance(refused, Problem) and refused.code == "SB213" and refused.location.path == "pipe.md"
    (tmp_path / "a.md").write_text("正文", encoding="utf-8")
    read = read_source(tmp_path / "a.md", tmp_path)
    assert not isinstance(read, Problem) and read.text == "正文" and read.stat is not None


def test_a_file_that_cannot_be_read_is_a_problem_not_a_crash(tmp_path: Path, monkeypatch) -> None:
    import errno
    import os

    from site_builder.sources import read_source

    (tmp_path / "a.md").write_text("正文", encoding="utf-8")

    def refuse(*args: object) -> int:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "open", refuse)
    problem = read_source(tmp_path / "a.md", tmp_path)
    assert isinstance(problem, Problem) and problem.code == "SB215" and "没有读取权限" in problem.message


def test_a_folder_that_cannot_be_read_is_a_problem_not_a_silent_gap(make_project, monkeypatch) -> None:
    """A report in a folder the build could not open (no permission, or a path longer than the system takes)
    was left out of the site without a word; check and build now name the folder."""
    import os

    from site_builder.build import check

    from ..conftest import TODAY, report_text

    root = make_project({"content/a.md": report_text()})
    deep = root / "content" / "深"
    deep.mkdir()
    monkeypatch.chdir(deep)  # the path is made a folder at a time: no call could take it whole
    for _ in range(40):
        os.mkdir("目" * 80)
        os.chdir("目" * 80)
    with open("b.md", "w", encoding="utf-8") as handle:
        handle.write(report_text(index="test/2025-00002", title="深处的报告"))
    problems = check(root, TODAY)
    assert [p.code for p in problems] == ["SB219"]
    path = problems[0].location.path
    assert path.startswith("content/深/" + "目" * 80) and "文件名或路径过长" in problems[0].message


def test_a_file_that_grew_after_its_size_was_read_is_read_whole(tmp_path: Path, monkeypatch) -> None:
    """The file is read by the size its open handle reports; one that grew since is still read to its end."""
    import os

    from site_builder import sources

    text = "第一段。\n" * 5000
    (tmp_path / "a.md").write_text(text, encoding="utf-8")
    real_fstat = os.fstat

    class Smaller:
        def __init__(self, info: os.stat_result) -> None:
            self.st_mode, self.st_size, self.st_mtime_ns = info.st_mode, 10, info.st_mtime_ns

    monkeypatch.setattr(sources.os, "fstat", lambda fd: Smaller(real_fstat(fd)))
    read = sources.read_source(tmp_path / "a.md", tmp_path)
    assert not isinstance(read, Problem) and read.text == text
