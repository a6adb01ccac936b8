
from site_builder.errors import Location, Problem
from site_builder.serve import PREVIEW_DIR, PreviewState, error_page, make_app, rebuild

from ..conftest import TODAY, report_text


def _get(app, path: str) -> tuple[str, bytes]:
    status: list[str] = []
    body = b"".join(app({"PATH_INFO": path}, lambda s, headers: status.append(s)))
    return status[0], body


def test_preview_builds_outside_output_and_serves(make_project) -> None:
    root = make_project({"content/a.md": report_text()})
    state = PreviewState()
    rebuild(root, TODAY, state)
    assert state.problems == [] and not (root / "output").exists()
    app = make_app(root / PREVIEW_DIR, state)
    status, body = _get(app, "/")
    assert status.startswith("200") and "测试站点".encode() in body
    status, _ = _get(app, "/static/site.css")
    assert status.startswith("200")
    status, body = _get(app, "/missing.html")
    assert status.startswith("404") and "页面未找到".encode() in body
    status, _ = _get(app, "/../../etc/passwd")
    assert status.startswith("404")
    for odd in ("/\x00", "/" + "a" * 5000, "/a" * 3000, "/\udcff"):  # NUL and over-long ones raised (a 500)
        status, body = _get(app, odd)
        assert status.startswith("404") and "页面未找到".encode() in body


def test_broken_file_shows_error_instead_of_stale_page(make_project) -> None:
    root = make_project({"content/a.md": report_text()})
    state = PreviewState()
    rebuild(root, TODAY, state)
    (root / "content" / "a.md").write_text(report_text(written="2025-02-30"), encoding="utf-8")
    rebuild(root, TODAY, state)
    status, body = _get(make_app(root / PREVIEW_DIR, state), "/index.html")
    assert status.startswith("500")
    assert "content/a.md 第 6 行".encode() in body and b"SB304" in body


def test_error_page_escapes() -> None:
    page = error_page([Problem("SB301", Location("<b>.md", 1), field="<i>", args={"key": "<script>", "hint": ""})])
    assert b"<script>" not in page and b"&lt;script&gt;" in page


def test_a_port_in_use_is_named_before_the_first_build(make_project, capsys) -> None:
    """serve built the site, then ended with a traceback (OSError: Address already in use)."""
    import socket

    from site_builder.serve import serve

    root = make_project({"content/a.md": report_text()})
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert serve(root, port, TODAY) == 2
    error = capsys.readouterr().err
    assert f"无法在 127.0.0.1:{port} 上启动预览：端口已被其他程序占用" in error
    assert error.rstrip().rsplit("[", 1)[-1].rstrip("]") == "SB903"
    assert not (root / PREVIEW_DIR).exists()  # refused before building anything


def test_a_port_out_of_range_is_a_usage_error(capsys) -> None:
    import pytest

    from site_builder.cli import main

    for port in ("70000", "0", "http", "²", "99999999999999999999999"):  # ²: "应为_port" (int() refused it)
        with pytest.raises(SystemExit) as exited:
            main(["serve", ".", "--port", port])
        assert exited.value.code == 2 and f"端口「{port}」应为 1–65535 之间的整数 [SB900]" in capsys.readouterr().err
