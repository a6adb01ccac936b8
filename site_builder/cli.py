"""The thin command layer: parse arguments, hand off to one library function, print 中文, set the exit code."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path
from typing import NoReturn

from . import __version__
from .errors import BuildFailed, Problem, Severity
from .messages import render_message
from .metadata import parse_date

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


class ChineseParser(argparse.ArgumentParser):
    """argparse that reports usage errors in 中文 with exit code 2."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        code = "" if message.rstrip().endswith("]") and "[SB9" in message else " [SB900]"
        self.exit(EXIT_USAGE, f"参数错误：{message}{code}\n")


def _today(value: str) -> dt.date:
    parsed = parse_date(value)
    if parsed is None:
        raise argparse.ArgumentTypeError(render_message("SB902", {"value": value}) + " [SB902]")
    return parsed


def make_parser() -> argparse.ArgumentParser:
    parser = ChineseParser(prog="site-builder", description="把 Markdown 普法报告生成为政府网站的主动公开栏目。")
    parser.add_argument("--version", action="version", version=f"site-builder {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="命令", parser_class=ChineseParser)
    commands.required = True

    build = commands.add_parser("build", help="生成网站到输出目录",
                                description="生成网站到输出目录（默认 PATH/output）。")
    build.add_argument("path", nargs="?", default=".", help="项目目录（含 content/ 和 site.yaml），默认当前目录")
    build.add_argument("-o", "--output", help="输出目录，默认 PATH/output")
    build.add_argument("--today", type=_today, help="按此日期判断哪些报告已到公开日期（YYYY-MM-DD），用于可重复构建")
    build.add_argument("--no-minify", action="store_true", help="不压缩 HTML，便于查看")
    build.add_argument("--no-downloads", action="store_true", help="不生成 Word 和 PDF 下载文件（快速预览）")

    check = commands.add_parser("check", help="只检查内容和配置，不生成网站",
                                description="只检查内容和配置，不写任何文件。")
    check.add_argument("path", nargs="?", default=".", help="项目目录，默认当前目录")
    check.add_argument("--today", type=_today, help="按此日期判断公开状态（YYYY-MM-DD）")

    serve = commands.add_parser("serve", help="本地预览，修改后自动重建并刷新浏览器",
                                description="在 127.0.0.1 上预览网站；文件修改后自动重建；出错时在浏览器中显示错误。")
    serve.add_argument("path", nargs="?", default=".", help="项目目录，默认当前目录")
    serve.add_argument("--port", type=int, default=8000, help="端口，默认 8000")
    serve.add_argument("--today", type=_today, help="按此日期判断公开状态（YYYY-MM-DD）")
    return parser


def print_problems(problems: list[Problem], action: str) -> None:
    errors = [p for p in problems if p.severity is Severity.ERROR]
    warnings = [p for p in problems if p.severity is Severity.WARNING]
    for problem in errors + warnings:
        print(problem.format(), file=sys.stderr)
    if errors:
        print(f"共 {len(errors)} 个错误、{len(warnings)} 个警告，{action}", file=sys.stderr)
    elif warnings:
        print(f"共 {len(warnings)} 个警告", file=sys.stderr)


def _project(path: str) -> Path:
    project = Path(path)
    if not project.is_dir():
        print(render_message("SB901", {"path": path}) + " [SB901]", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)
    return project.resolve()


def main(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    project = _project(args.path)
    today = args.today or dt.date.today()
    if args.command == "check":
        from .build import check

        problems = check(project, today)
        print_problems(problems, "请修改后重试")
        if not [p for p in problems if p.severity is Severity.ERROR]:
            print("检查通过：没有发现错误")
            return EXIT_OK
        return EXIT_PROBLEMS
    if args.command == "serve":
        from .serve import serve

        return serve(project, args.port, today)
    from .build import build

    out_dir = Path(args.output).resolve() if args.output else project / "output"
    started = time.perf_counter()
    try:
        result = build(project, out_dir, today, minify=not args.no_minify, downloads=not args.no_downloads)
    except BuildFailed as failed:
        print_problems(failed.problems, "构建未完成，原输出目录保持不变")
        return EXIT_PROBLEMS
    print_problems(list(result.warnings), "")
    elapsed = time.perf_counter() - started
    rendered = f"，新生成下载文件 {result.downloads_rendered} 个" if not args.no_downloads else ""
    print(f"构建完成：{result.reports} 篇报告，{result.files} 个文件{rendered}，"
          f"输出到 {out_dir}（用时 {elapsed:.2f} 秒）")
    return EXIT_OK
