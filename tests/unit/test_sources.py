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
