"""The thin command layer: parse arguments, hand off to one library function, print 中文, set the exit code."""

from __future__ import annotations

import argparse
import datetime as dt
import io
import sys
import time
from collections.abc import Callable
from pathlib import Path

from . import __version__
from .cliparser import EXIT_USAGE, ChineseParser
from .cpus import usable_cpus
from .errors import BuildFailed, Problem, Severity, listed
from .messages import render_message
from .metadata import parse_date
from .numbers import whole_number

EXIT_OK, EXIT_PROBLEMS = 0, 1
MAX_JOBS = 64


def _today(value: str) -> dt.date:
    parsed = parse_date(value)
    if parsed is None:
        raise argparse.ArgumentTypeError(render_message("SB902", {"value": value}) + " [SB902]")
    return parsed


def _whole(what: str, low: int, high: int, note: str = "") -> Callable[[str], int]:
    """An argparse type for a whole number from `low` to `high`, refused in words that name the range."""

    def parse(value: str) -> int:
        number = whole_number(value, low, high)
        if number is None:
            raise argparse.ArgumentTypeError(f"{what}「{value}」应为 {low}–{high} 之间的整数{note}")
        return number

    return parse


def _jobs(cores: int) -> Callable[[str], int]:
    """Worker processes: each holds the site and a renderer (30–60 MB), so -j 1000 (a typo) forked a thousand."""
    return _whole("进程数", 1, max(MAX_JOBS, cores), f"（本机可用 {cores} 个 CPU 核）")


def make_parser() -> argparse.ArgumentParser:
    parser = ChineseParser(prog="site-builder", description="把 Markdown 普法报告生成为政府网站的主动公开栏目。")
    parser.add_argument("--version", action="version", version=f"site-builder {__version__}",
                        help="显示版本号并退出")
    commands = parser.add_subparsers(dest="command", metavar="命令", parser_class=ChineseParser)
    commands.required = True

    build = commands.add_parser("build", help="生成网站到输出目录",
                                description="生成网站到输出目录（默认 PATH/output）。")
    build.add_argument("path", nargs="?", default=".", help="项目目录（含 content/ 和 site.yaml），默认当前目录")
    build.add_argument("-o", "--output", help="输出目录，默认 PATH/output")
    build.add_argument("--today", type=_today, help="按此日期判断哪些报告已到公开日期（YYYY-MM-DD），用于可重复构建")
    build.add_argument("--no-minify", action="store_true", help="不压缩 HTML，便于查看")
    build.add_argument("--no-downloads", action="store_true", help="不生成 Word 和 PDF 下载文件（快速预览）")
    build.add_argument("--no-search", action="store_true", help="不生成站内检索索引（快速预览）")
    build.add_argument("--clean", action="store_true", help="忽略构建缓存，全部重新生成")
    cores = usable_cpus()
    build.add_argument("-j", "--jobs", type=_jobs(cores), default=cores,
                       help="并行渲染的进程数，默认等于可用的 CPU 核数（容器的 CPU 限额也算在内）；1 表示不并行")

    check = commands.add_parser("check", help="只检查内容和配置，不生成网站",
                                description="只检查内容和配置，不写任何文件。")
    check.add_argument("path", nargs="?", default=".", help="项目目录，默认当前目录")
    check.add_argument("--today", type=_today, help="按此日期判断公开状态（YYYY-MM-DD）")
    check.add_argument("--format", choices=("text", "json"), default="text",
                       help="输出格式：text（默认）或 json（供工具使用）")

    new = commands.add_parser("new", help="新建一篇报告（自动分配索引号）",
                              description="新建一篇报告，写好完整的元数据并分配该机构当年的下一个索引号。"
                                          "缺少的信息在终端中询问；在脚本中请用参数给出全部信息。")
    new.add_argument("path", nargs="?", default=".", help="项目目录，默认当前目录")
    new.add_argument("--title", help="信息名称")
    new.add_argument("--agency", help="发布机构（须在 site.yaml 的「发布机构」中配置索引号规则）")
    new.add_argument("--column", default="",
                     help="栏目路径，如 法定主动公开内容/决策公开/年度计划总结；省略则用默认栏目")
    new.add_argument("--written", type=_today, help="成文日期 YYYY-MM-DD，默认今天")
    new.add_argument("--published", type=_today, help="公开日期 YYYY-MM-DD，默认同成文日期")
    new.add_argument("--disclosure", default="主动公开", choices=("主动公开", "依申请公开", "不予公开"),
                     help="公开方式")
    new.add_argument("--doc-no", default="", help="文号，如 江法办通〔2023〕18号")
    new.add_argument("--index", default="", help="手工指定索引号（与已有的重复时拒绝）")

    imp = commands.add_parser("import", help="把 Word（.docx）或文本（.txt）文件导入为报告",
                              description="把 .docx 或 .txt 文件（也可以是从门户网站复制的页面文字）转换为报告，"
                                          "写到 content/imported/ 下；无法识别的字段留空并标注“待填写”。")
    imp.add_argument("files", nargs="+", help="要导入的文件")
    imp.add_argument("--project", default=".", help="项目目录，默认当前目录")
    imp.add_argument("--column", default="", help="导入到的栏目路径")
    imp.add_argument("--agency", default="", help="发布机构（覆盖从文件中识别的）")

    serve = commands.add_parser("serve", help="本地预览，修改后自动重建并刷新浏览器",
                                description="在 127.0.0.1 上预览网站；文件修改后自动重建；出错时在浏览器中显示错误。")
    serve.add_argument("path", nargs="?", default=".", help="项目目录，默认当前目录")
    serve.add_argument("--port", type=_whole("端口", 1, 65535), default=8000, help="端口（1–65535），默认 8000")
    serve.add_argument("--today", type=_today, help="按此日期判断公开状态（YYYY-MM-DD）")
    return parser


def print_problems(problems: list[Problem], action: str) -> None:
    errors = [p for p in problems if p.severity is Severity.ERROR]
    warnings = [p for p in problems if p.severity is Severity.WARNING]
    for line in listed(errors + warnings):
        print(line, file=sys.stderr)
    if errors:
        print(f"共 {len(errors)} 个错误、{len(warnings)} 个警告，{action}", file=sys.stderr)
    elif warnings:
        print(f"共 {len(warnings)} 个警告", file=sys.stderr)


def problems_json(problems: list[Problem]) -> str:
    import json

    rows = [{"code": p.code, "severity": p.severity.value, "path": p.location.path if p.location else None,
             "line": p.location.line if p.location else None, "field": p.field, "message": p.message}
            for p in problems]
    errors = sum(1 for p in problems if p.severity is Severity.ERROR)
    return json.dumps({"errors": errors, "warnings": len(rows) - errors, "problems": rows}, ensure_ascii=False,
                      indent=1)


def _ask(label: str, value: str | None, required: bool = True) -> str:
    """A flag's value, or a prompt when a person is at the terminal; never prompts in scripts or CI."""
    if value:
        return value
    if not sys.stdin.isatty():
        if required:
            print(f"缺少参数：{label}（非交互模式下请用参数给出） [SB900]", file=sys.stderr)
            raise SystemExit(EXIT_USAGE)
        return ""
    return input(f"{label}：").strip()


def run_new(project: Path, args: argparse.Namespace) -> int:
    from .config import load_config
    from .newreport import NewReport, create_report

    try:
        config = load_config(project)
        request = NewReport(title=_ask("信息名称", args.title), agency=_ask("发布机构", args.agency),
                            column=args.column, written=args.written, published=args.published,
                            disclosure=args.disclosure, doc_no=args.doc_no, index_no=args.index)
        path, index_no = create_report(project, config, request)
    except BuildFailed as failed:
        print_problems(failed.problems, "未创建报告")
        return EXIT_PROBLEMS
    print(f"已创建：{path.relative_to(project)}（索引号 {index_no}）")
    return EXIT_OK


def run_import(project: Path, args: argparse.Namespace) -> int:
    from .config import load_config
    from .importers import import_file
    from .indexno import existing_index_numbers

    try:
        config = load_config(project)
    except BuildFailed as failed:
        print_problems(failed.problems, "未导入")
        return EXIT_PROBLEMS
    taken = existing_index_numbers(project, config)
    status = EXIT_OK
    for name in args.files:
        try:
            result = import_file(Path(name), project, config, args.column, args.agency, taken)
        except BuildFailed as failed:
            print_problems(failed.problems, f"未导入 {name}")
            status = EXIT_PROBLEMS
            continue
        print(f"已导入：{name} → {result.written_to.relative_to(project)}")
        for note in result.notes:
            print(f"  · {note}")
        if result.blanks:
            print(f"  · 待填写：{'、'.join(result.blanks)}（运行 site-builder check 会逐项提示）")
    return status


def _project(path: str) -> Path:
    project = Path(path)
    if not project.is_dir():
        print(render_message("SB901", {"path": path}) + " [SB901]", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)
    return project.resolve()


def _chinese_streams() -> None:
    """Every message is Chinese: an output whose encoding cannot write it (a cron job under a Latin-1 locale,
    PYTHONIOENCODING=ascii) ended each command, --help included, with UnicodeEncodeError. Such an output
    is written in UTF-8 instead."""
    for stream in (sys.stdout, sys.stderr):
        try:
            "检查".encode(getattr(stream, "encoding", None) or "ascii")
        except (UnicodeEncodeError, LookupError):
            if isinstance(stream, io.TextIOWrapper):
                stream.reconfigure(encoding="utf-8", errors="backslashreplace")


def main(argv: list[str] | None = None) -> int:
    _chinese_streams()
    args = make_parser().parse_args(argv)
    project = _project(args.project if args.command == "import" else args.path)
    today = getattr(args, "today", None) or dt.date.today()
    if args.command == "check":
        from .build import check

        problems = check(project, today)
        failed = any(p.severity is Severity.ERROR for p in problems)
        if args.format == "json":
            print(problems_json(problems))
        else:
            print_problems(problems, "请修改后重试")
            if not failed:
                print("检查通过：没有发现错误")
        return EXIT_PROBLEMS if failed else EXIT_OK
    if args.command == "new":
        return run_new(project, args)
    if args.command == "import":
        return run_import(project, args)
    if args.command == "serve":
        from .serve import serve

        return serve(project, args.port, today)
    from .build import build

    out_dir = Path(args.output).resolve() if args.output else project / "output"
    started = time.perf_counter()
    try:
        result = build(project, out_dir, today, minify=not args.no_minify, downloads=not args.no_downloads,
                       search=not args.no_search, jobs=args.jobs, incremental=not args.clean)
    except BuildFailed as failed:
        print_problems(failed.problems, "构建未完成，原输出目录保持不变")
        return EXIT_PROBLEMS
    print_problems(list(result.warnings), "")
    elapsed = time.perf_counter() - started
    rendered = f"，重新生成页面 {result.pages_rendered} 个（沿用未变页面 {result.pages_reused} 个）"
    if not args.no_downloads:
        rendered += f"，新生成下载文件 {result.downloads_rendered} 个"
    print(f"构建完成：{result.reports} 篇报告，{result.files} 个文件{rendered}，"
          f"输出到 {out_dir}（用时 {elapsed:.2f} 秒）")
    return EXIT_OK
