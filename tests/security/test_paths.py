"""Promise 3: nothing outside content/ is read or written; look-alike reports never overwrite each other."""

from __future__ import annotations

import base64
import struct
import zlib
from pathlib import Path

import pytest

from site_builder.build import build, check
from site_builder.errors import BuildFailed

from ..conftest import TODAY, report_text

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")


@pytest.mark.parametrize(("src", "code"), [
    ("/etc/passwd.png", "SB316"), ("/C:/Windows/a.png", "SB316"),
    ("../../secret.png", "SB316"), ("%2e%2e/%2e%2e/secret.png", "SB316"), ("missing.png", "SB317"),
    ("pic.svg", "SB318"), ("img/../../secret.png", "SB316"),
])
def test_unsafe_image_references_are_refused(src: str, code: str, make_project, tmp_path: Path) -> None:
    (tmp_path / "secret.png").write_bytes(PNG)
    root = make_project({"content/a.md": report_text(body=f"正文。\n\n![图]({src})\n"), "content/pic.svg": "<svg/>"})
    problems = check(root, TODAY)
    assert [(p.code, p.location.path, p.location.line) for p in problems if p.location] == [(code, "content/a.md", 12)]


def test_an_outside_image_is_named_as_one_the_page_will_not_show(make_project) -> None:  # type: ignore[no-untyped-def]
    """http(s) images passed without a word, and the pages' CSP (img-src 'self') kept every browser from showing
    them; the editor is told (SB328, a warning: a webmaster's own templates may allow them)."""
    root = make_project({"content/a.md": report_text(body="正文。\n\n![图](https://example.org/活动.png)\n\n"
                                                          "![图](<img/空 格.png>)\n\n![图](<img/假 图.png>)\n"),
                         "content/img/假 图.png": "不是图片"})
    problems = check(root, TODAY)
    assert [(p.code, p.location.line, p.severity.value) for p in problems if p.location] == [
        ("SB328", 12, "warning"), ("SB317", 14, "error"), ("SB320", 16, "error")]
    assert "外部图片「https://example.org/活动.png」在页面上不会显示" in problems[0].message
    assert "图片「img/空 格.png」不存在" in problems[1].message  # as written, not as the parser encodes it
    assert "图片「img/假 图.png」" in problems[2].message


def _png_header(width: int, height: int) -> bytes:
    """A PNG that says it is width × height (its header is all an image check reads)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)) \
        + chunk(b"IDAT", zlib.compress(b"")) + chunk(b"IEND", b"")


@pytest.mark.parametrize(("name", "data", "code"), [
    ("fake.png", b"<script>alert(1)</script>", "SB320"),      # not an image whatever its name says
    ("pic.gif", b"<svg onload=alert(1)></svg>", "SB320"),
    ("cut.jpg", b"\xff\xd8\xff", "SB320"),                  # a damaged file
    ("huge.png", _png_header(12000, 12000), "SB321"),         # 420 KB of such a PNG took 1.6 GB to decode
    ("vast.png", _png_header(20000, 20000), "SB321"),         # past Pillow's own limit, which raises
])
def test_images_must_be_images_of_a_size_that_can_be_decoded(name: str, data: bytes, code: str,
                                                             make_project) -> None:  # type: ignore[no-untyped-def]
    root = make_project({"content/a.md": report_text(body=f"正文。\n\n![图]({name})\n"), f"content/{name}": data})
    problems = check(root, TODAY)
    assert [(p.code, p.location.path, p.location.line) for p in problems if p.location] == [(code, "content/a.md", 12)]
    expected = {"huge.png": "12000×12000 像素", "vast.png": "超过 17895 万像素"}.get(name, "PNG、JPEG")
    assert expected in problems[0].message


def test_a_large_but_ordinary_photo_is_accepted(make_project) -> None:  # type: ignore[no-untyped-def]
    root = make_project({"content/a.md": report_text(body="正文。\n\n![图](photo.png)\n"),
                         "content/photo.png": _png_header(8000, 6000)})  # 48 megapixels
    assert check(root, TODAY) == []


def test_unsafe_scheme_images_are_dropped_by_the_parser(make_project, tmp_path: Path) -> None:
    """They were dropped without a word and the page showed the Markdown as text; now each is a warning."""
    root = make_project({"content/a.md": report_text(body="![a](file:///etc/hosts) ![b](javascript:x) ![c](C:/Windows/a.png) ![d](//evil.example/a.png) ![e](\\\\server\\share.png)\n\n![f](data:image/png;base64,AAAA)")})
    assert [(p.code, p.location.line if p.location else None, p.args["src"]) for p in check(root, TODAY)] == [
        ("SB329", 10, "file:///etc/hosts"), ("SB329", 10, "javascript:x"), ("SB329", 10, "C:/Windows/a.png"),
        ("SB329", 10, "//evil.example/a.png"), ("SB329", 10, "\\\\server\\share.png"),
        ("SB329", 12, "data:image/png;base64,AAAA")]
    build(root, tmp_path / "out", TODAY, downloads=False)
    html = (tmp_path / "out/xxgk/fdzdgknr/jcgk/test-2025-00001.html").read_text(encoding="utf-8")
    assert "<img" not in html


def test_refused_image_syntax_in_a_fenced_block_is_no_warning(make_project) -> None:  # type: ignore[no-untyped-def]
    """A fenced block shows its text as written, so image syntax there is what the editor meant to show; the
    same syntax outside the block still warns."""
    body = ("![示例](file:///etc/hosts)\n\n```\n![示例](file:///etc/hosts)\n```\n\n"
            "- 列表中：\n\n  ~~~\n  ![示例](file:///etc/hosts)\n  ~~~\n\n![示例](file:///etc/hosts)\n")
    root = make_project({"content/a.md": report_text(body=body)})
    assert [(p.code, p.location.line if p.location else None) for p in check(root, TODAY)] == [
        ("SB329", 10), ("SB329", 22)]


def test_local_images_are_copied_and_linked(make_project, tmp_path: Path) -> None:
    root = make_project({"content/2025/a.md": report_text(body="正文。\n\n![宣传活动现场](img/活动.png)\n"),
                         "content/2025/img/活动.png": PNG})
    build(root, tmp_path / "out", TODAY, minify=False)
    assert (tmp_path / "out/media/2025/img/活动.png").read_bytes() == PNG
    html = (tmp_path / "out/xxgk/fdzdgknr/jcgk/test-2025-00001.html").read_text(encoding="utf-8")
    assert '<img src="../../../media/2025/img/%E6%B4%BB%E5%8A%A8.png" alt="宣传活动现场">' in html
    assert (tmp_path / "out/xxgk/fdzdgknr/jcgk/test-2025-00001.pdf").stat().st_size > 1000


def test_unpublished_reports_images_are_not_copied(make_project, tmp_path: Path) -> None:
    root = make_project({"content/a.md": report_text(disclosure="依申请公开", body="![x](hidden.png)"),
                         "content/hidden.png": PNG})
    build(root, tmp_path / "out", TODAY, downloads=False)
    assert not (tmp_path / "out/media").exists()


@pytest.mark.parametrize(("first", "second"), [
    ("abc/2025-00001", "ABC/2025-00001"),          # case
    ("abc/2025-00001", "ａｂｃ/２０２５-００００１"),  # full width
    ("abc/2025-00001", "abc-2025/00001"),          # same slug
])
def test_look_alike_index_numbers_conflict(first: str, second: str, make_project, tmp_path: Path) -> None:
    root = make_project({"content/a.md": report_text(index=first), "content/b.md": report_text(index=second)})
    with pytest.raises(BuildFailed) as failed:
        build(root, tmp_path / "out", TODAY)
    assert [(p.code, p.location.path) for p in failed.value.problems] in (
        [("SB308", "content/b.md")], [("SB313", "content/b.md")])
    assert not (tmp_path / "out").exists()


def test_output_inside_sources_is_refused(make_project) -> None:
    root = make_project({"content/a.md": report_text()})
    for target in (root, root / "content", root / "content" / "out", root.parent):
        with pytest.raises(BuildFailed) as failed:
            build(root, target, TODAY, downloads=False)
        assert failed.value.problems[-1].code in ("SB402", "SB405"), target
    assert sorted(p.name for p in (root / "content").iterdir()) == ["a.md"]


def test_links_to_nothing_and_links_in_a_loop_are_reported(make_project) -> None:  # type: ignore[no-untyped-def]
    """Both stopped the build with a traceback (resolve() raised on the loop, reading the dangling link)."""
    root = make_project({"content/ok.md": report_text()})
    content = root / "content"
    (content / "loop.md").symlink_to("loop.md")
    (content / "a.md").symlink_to("b.md")
    (content / "b.md").symlink_to("a.md")
    (content / "gone.md").symlink_to("deleted.md")
    (content / "gone-folder").symlink_to("deleted-folder", target_is_directory=True)
    problems = check(root, TODAY)
    assert sorted((p.code, p.location.path) for p in problems if p.location) == [
        ("SB214", "content/a.md"), ("SB214", "content/b.md"), ("SB214", "content/gone-folder"),
        ("SB214", "content/gone.md"), ("SB214", "content/loop.md")]


def test_file_names_that_are_not_utf8_or_hold_line_breaks_are_reported(make_project) -> None:  # type: ignore[no-untyped-def]
    """A name in GBK (bytes that are not UTF-8) ended the build with a traceback (UnicodeEncodeError); a line
    break in a name split every message about the file. A full-width space is an ordinary character."""
    import os

    root = make_project({"content/普法　计划.md": report_text()})
    content = os.fsencode(root / "content")
    for name in ("普法".encode("gbk") + b".md", "换行\n名.md".encode(), b"tab\t.md"):
        with open(content + b"/" + name, "wb") as handle:
            handle.write(report_text(index="test/2025-00002").encode())
    os.symlink(b"nowhere", content + b"/\xff-link.md")
    with pytest.raises(BuildFailed) as failed:
        build(root, root / "output", TODAY, downloads=False, search=False)
    assert [p.location.path for p in failed.value.problems if p.code == "SB214"] == ["content/\ufffd-link.md"]
    shown = sorted((p.code, p.location.path) for p in failed.value.problems if p.location and p.code != "SB214")
    assert [path for _, path in shown[:2]] == ["content/tab\ufffd.md", "content/换行\ufffd名.md"], shown
    assert {code for code, _ in shown} == {"SB216"} and len(shown) == 3 and "\ufffd" in shown[2][1], shown
    assert not (root / "output").exists()
