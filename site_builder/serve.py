"""Live preview on 127.0.0.1: rebuild on change into a private folder, show build errors in the browser."""

from __future__ import annotations

import datetime as dt
import errno
import html
import mimetypes
import socket
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .build import build
from .cliparser import EXIT_USAGE
from .config import CONFIG_NAME
from .errors import BuildFailed, Problem, listed, os_reason
from .messages import render_message

PREVIEW_DIR = Path(".site_builder") / "preview"
"""Preview builds never touch output/: they go here (git-ignored)."""

StartResponse = Callable[[str, list[tuple[str, str]]], Any]


@dataclass
class PreviewState:
    """The outcome of the latest preview build, read by the web app on every request."""

    problems: list[Problem] = field(default_factory=list)


def rebuild(project_dir: Path, today: dt.date, state: PreviewState) -> None:
    """Rebuild the preview; keep the problems instead of raising so the browser can show them."""
    try:
        build(project_dir, project_dir / PREVIEW_DIR, today, minify=False, downloads=False)
        state.problems = []
    except BuildFailed as failed:
        state.problems = failed.problems


def error_page(problems: list[Problem]) -> bytes:
    """A plain page listing what is wrong, shown instead of a stale site."""
    items = "\n".join(f"<li>{html.escape(line)}</li>" for line in listed(problems))
    return (
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>构建失败</title></head>'
        '<body style="font:18px/1.7 sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem">'
        f"<h1>构建失败：共 {len(problems)} 个问题</h1><p>修改并保存文件后，页面会自动刷新。</p>"
        f"<ol>{items}</ol></body></html>"
    ).encode()


def make_app(root: Path, state: PreviewState) -> Callable[[dict[str, Any], StartResponse], Iterable[bytes]]:
    """A tiny WSGI app serving the preview folder, or the error page while the build is broken."""
    base = root.resolve()

    def app(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "/")
        if state.problems and (path.endswith("/") or path.endswith(".html")):
            start_response("500 Internal Server Error", [("Content-Type", "text/html; charset=utf-8")])
            return [error_page(state.problems)]
        try:
            target = (base / path.lstrip("/")).resolve()
            if target.is_dir():
                target = target / "index.html"
            found = target.is_relative_to(base) and target.is_file()
        except (ValueError, OSError):  # a NUL in the address, or one longer than the system takes: no such page
            found = False
        if not found:
            missing = base / "404.html"
            body = missing.read_bytes() if missing.is_file() else "页面未找到".encode()
            start_response("404 Not Found", [("Content-Type", "text/html; charset=utf-8")])
            return [body]
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind in ("application/javascript", "application/json"):
            kind += "; charset=utf-8"
        start_response("200 OK", [("Content-Type", kind)])
        return [target.read_bytes()]

    return app


def port_problem(port: int) -> str | None:
    """Why the preview cannot listen on 127.0.0.1:`port`, tried as the server will (address reuse on); a
    port in use ended `serve` with a traceback after its first build."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                return "端口已被其他程序占用"
            if exc.errno in (errno.EACCES, errno.EPERM):
                return "没有使用这个端口的权限（1024 以下的端口需要管理员权限）"
            return os_reason(exc)
    return None


def serve(project_dir: Path, port: int, today: dt.date) -> int:
    """Build once, then watch content/, templates/ and the config; livereload refreshes the browser."""
    from livereload import Server

    busy = port_problem(port)
    if busy is not None:  # before the first build, which may take a while
        print(f"{render_message('SB903', {'port': port, 'reason': busy})} [SB903]", file=sys.stderr)
        return EXIT_USAGE
    state = PreviewState()
    rebuild(project_dir, today, state)
    for problem in state.problems:
        print(problem.format())
    server = Server(app=make_app(project_dir / PREVIEW_DIR, state))
    for watched in ("content", "templates", CONFIG_NAME):
        if (project_dir / watched).exists():
            server.watch(str(project_dir / watched), lambda: rebuild(project_dir, today, state))
    print(f"预览地址：http://127.0.0.1:{port}/ （按 Ctrl+C 停止）")
    server.serve(port=port, host="127.0.0.1", open_url=False)
    return 0
