import subprocess
import sys
from pathlib import Path

import pytest

from site_builder.cli import main
from site_builder.cpus import usable_cpus

from ..conftest import report_text


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "site_builder", *args], capture_output=True, text=True, cwd=cwd,
                          timeout=120)


@pytest.mark.parametrize("command", ["build", "check", "serve", "new", "import"])
def test_every_command_has_help(command: str, capsys) -> None:
    with pytest.raises(SystemExit) as exited:
        main([command, "--help"])
    assert exited.value.code == 0
    assert "项目目录" in capsys.readouterr().out


def test_build_success_message_and_exit_0(make_project, capsys) -> None:
    root = make_project({"content/a.md": report_text()})
    assert main(["build", str(root), "--today", "2026-01-01"]) == 0
    out = capsys.readouterr().out
    assert "构建完成：1 篇报告" in out
    assert (root / "output" / "index.html").is_file()


def test_output_option_and_no_minify(make_project, tmp_path, capsys) -> None:
    root = make_project({"content/a.md": report_text()})
    assert main(["build", str(root), "-o", str(tmp_path / "elsewhere"), "--no-minify", "--today", "2026-01-01"]) == 0
    html = (tmp_path / "elsewhere" / "index.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n")


def test_content_problems_exit_1_with_lines_and_count(make_project, capsys) -> None:
    root = make_project({"content/a.md": report_text(written="2025-02-30"), "content/b.md": report_text(index="t/2", extra="发布单位: x\n")})
    assert main(["build", str(root)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0] == ("content/a.md 第 6 行，字段「成文日期」：「2025-02-30」不是有效日期，"
                      "应为 YYYY-MM-DD 格式的真实日期，例如 2025-04-15（2025 年 2 月没有 30 日） [SB304]")
    assert err[1].startswith("content/b.md 第 8 行，字段「发布单位」：未知字段「发布单位」，您是不是想写「发布机构」？ [SB301]")
    assert err[-1] == "共 2 个错误、0 个警告，构建未完成，原输出目录保持不变"
    assert not (root / "output").exists()


def test_check_reports_and_writes_nothing(make_project, capsys) -> None:
    root = make_project({"content/a.md": report_text()})
    assert main(["check", str(root)]) == 0
    assert "检查通过" in capsys.readouterr().out
    assert sorted(p.name for p in root.iterdir()) == ["content", "site.yaml"]


def _code(stderr: str) -> str:
    return stderr.strip().rsplit("[", 1)[-1].rstrip("]")


def test_bad_today_is_usage_error() -> None:
    result = run("build", ".", "--today", "2026-13-01")
    assert result.returncode == 2
    assert "参数 --today：日期「2026-13-01」不是 YYYY-MM-DD 格式的真实日期" in result.stderr  # SB902's text
    assert _code(result.stderr) == "SB902"


def test_missing_project_is_usage_error() -> None:
    result = run("build", "/nonexistent/site")
    assert result.returncode == 2 and _code(result.stderr) == "SB901"


def test_unknown_command_is_usage_error() -> None:
    result = run("deploy")
    assert result.returncode == 2 and "参数错误" in result.stderr and _code(result.stderr) == "SB900"


def test_console_script_and_module_agree(make_project) -> None:
    root = make_project({"content/a.md": report_text()})
    result = run("check", str(root))
    assert result.returncode == 0 and "检查通过" in result.stdout


def test_help_and_usage_errors_are_all_chinese(capsys) -> None:
    """argparse's own words (usage:, options:, show this help message and exit, invalid choice) were English."""
    with pytest.raises(SystemExit):
        main(["--help"])
    with pytest.raises(SystemExit):
        main(["build", "--help"])
    shown = capsys.readouterr().out
    assert "用法：site-builder" in shown and "显示本帮助并退出" in shown and "显示版本号并退出" in shown
    assert not any(word in shown for word in ("usage:", "options:", "positional arguments", "show this help",
                                             "show program's version"))
    most = max(64, usable_cpus())
    for argv, message in ((["build", "--jobs", "x"], f"参数 -j/--jobs：进程数「x」应为 1–{most} 之间的整数"),
                          # -j 1000, a typo, forked a thousand workers of 30–60 MB each; -j 0 was quietly 1
                          (["build", "-j", "1000"], f"参数 -j/--jobs：进程数「1000」应为 1–{most} 之间的整数"),
                          (["build", "-j", "0"], f"参数 -j/--jobs：进程数「0」应为 1–{most} 之间的整数"),
                          (["deploy"], "参数 命令 的值「deploy」无效，可选：build、check、new、import、serve [SB900]"),
                          (["build", "--bogus"], "无法识别的参数：--bogus [SB900]"),
                          (["check", "--format", "xml"], "参数 --format 的值「xml」无效，可选：text、json [SB900]"),
                          (["build", "-o"], "参数 -o/--output 后面缺少值 [SB900]"),
                          (["import"], "缺少必需的参数：files [SB900]")):
        with pytest.raises(SystemExit) as exited:
            main(argv)
        error = capsys.readouterr().err
        assert exited.value.code == 2 and error.startswith("用法：") and f"参数错误：{message}" in error, error


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_an_output_that_cannot_write_chinese_gets_utf8(encoding: str, make_project) -> None:
    """Under a Latin-1 locale (or PYTHONIOENCODING=ascii) every command ended with UnicodeEncodeError."""
    import os

    root = make_project({"content/a.md": report_text()})
    env = {**os.environ, "PYTHONIOENCODING": encoding}
    expected = {("check", str(root)): (0, "stdout", "检查通过"), ("--help",): (0, "stdout", "用法："),
                ("build", "--jobs", "x"): (2, "stderr", "参数错误：参数 -j/--jobs：进程数「x」")}
    for args, (code, stream, words) in expected.items():
        result = subprocess.run([sys.executable, "-m", "site_builder", *args], capture_output=True, env=env,
                                timeout=120)
        assert result.returncode == code and b"Traceback" not in result.stderr, result.stderr[-300:]
        assert words in getattr(result, stream).decode("utf-8"), args


def test_argparse_words_for_a_typed_option_are_translated() -> None:
    """No option of ours is a plain int any more (-j and --port say their range themselves); argparse's own
    message for one still reads in Chinese, as it did for --jobs x."""
    from site_builder.cliparser import translated

    assert translated("argument -n/--number: invalid int value: 'x'") == "参数 -n/--number 的值「x」无效：应为整数"
    assert translated("something argparse has never said") == "something argparse has never said"
