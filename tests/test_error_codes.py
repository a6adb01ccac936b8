"""One test per error code: each tiny project under sites/invalid/<code>/ must fail with exactly that
code, at the expected file, line and field. A final test checks that every code has such a test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from site_builder.build import build, check
from site_builder.errors import BuildFailed, Problem, Severity
from site_builder.messages import MESSAGES

from .conftest import BASE_SITE, SITES, TODAY, report_text

CASES = sorted(p.name for p in (SITES / "invalid").iterdir() if p.is_dir())
HERE = {"SB202", "SB210", "SB211", "SB217", "SB218"}  # tested below in this file
PROGRAMMATIC = {"SB220", "SB330", "SB331", "SB328", "SB329", "SB219", "SB326", "SB327", "SB409", "SB410", "SB213", "SB214", "SB215", "SB216", "SB324", "SB408", "SB601", "SB602", "SB603", "SB604", "SB605", "SB606", "SB607", "SB608", "SB701", "SB702", "SB703", "SB116", "SB315", "SB316", "SB317", "SB318", "SB319", "SB320", "SB321", "SB322", "SB323", "SB501", "SB502", "SB401", "SB402", "SB403", "SB404", "SB405", "SB406", "SB407"}
CLI_CODES = {"SB900", "SB901", "SB902", "SB903"}  # tested in tests/unit/test_cli.py


def _project(case: str, tmp_path: Path) -> Path:
    root = tmp_path / case
    shutil.copytree(SITES / "invalid" / case, root)
    if not (root / "site.yaml").exists() and not (root / "NO_SITE_YAML").exists():
        (root / "site.yaml").write_text(BASE_SITE, encoding="utf-8")
    return root


def _matches(problem: Problem, expect: dict[str, object]) -> bool:
    location = problem.location
    return (problem.code == expect["code"] and location is not None and location.path == expect["path"]
            and location.line == expect["line"] and problem.field == expect["field"])


@pytest.mark.parametrize("case", CASES)
def test_invalid_site_reports_code_file_line_and_field(case: str, tmp_path: Path) -> None:
    root = _project(case, tmp_path)
    expect = yaml.safe_load((root / "expect.yaml").read_text(encoding="utf-8"))
    problems = check(root, TODAY)
    assert any(_matches(p, expect) for p in problems), [p.format() for p in problems]
    line = next(p for p in problems if _matches(p, expect)).format()
    assert f"[{expect['code']}]" in line and expect["path"] in line
    with pytest.raises(BuildFailed):
        build(root, tmp_path / "out", TODAY)
    assert not (tmp_path / "out").exists()


def test_sb202_oversized_file(make_project, tmp_path: Path) -> None:
    root = make_project({"content/big.md": report_text(body="法" * (6 * 1024 * 1024 // 3))})
    problems = check(root, TODAY)
    assert [(p.code, p.location.path if p.location else None) for p in problems] == [("SB202", "content/big.md")]


def test_sb217_one_paragraph_too_crowded_to_parse(make_project) -> None:
    """Lines and marks of one paragraph or list (no blank line to cut it at) are counted; apart, they are not."""
    items = "- 一项\n" * 60_000
    root = make_project({"content/list.md": report_text(body="引言。\n\n" + items),
                         "content/apart.md": report_text(body="引言。\n\n" + items.replace("\n", "\n\n"))})
    problems = [p for p in check(root, TODAY) if p.severity is Severity.ERROR]  # apart.md: long (SB319, SB322)
    assert [(p.code, p.location.path, p.location.line) for p in problems if p.location] == [
        ("SB217", "content/list.md", 12)]
    assert "一整段里有 119999 个换行和 Markdown 标记" in problems[0].format()  # the last line break ends the file


def test_sb218_a_whole_text_too_crowded_to_parse(make_project) -> None:
    """In paragraphs each below SB217's limit, the lines and marks of the whole text still add up."""
    paragraph = ("*甲* " * 20 + "\n") * 1000
    root = make_project({"content/many.md": report_text(body=(paragraph + "\n") * 5),
                         "content/fewer.md": report_text(body=(paragraph + "\n") * 4)})
    problems = [p for p in check(root, TODAY) if p.severity is Severity.ERROR]
    assert [(p.code, p.location.path, p.location.line) for p in problems if p.location] == [
        ("SB218", "content/many.md", None)]
    assert "全文共有 205026 个换行和 Markdown 标记" in problems[0].format()  # front matter included


def test_sb211_overlong_line(make_project) -> None:
    root = make_project({"content/long.md": report_text(body="a" * 300_000)})
    problems = check(root, TODAY)
    assert [(p.code, p.location.line if p.location else None) for p in problems] == [("SB211", 10)]


def test_sb210_symlink_out_of_content(make_project, tmp_path: Path) -> None:
    secret = tmp_path / "secret.md"
    secret.write_text(report_text(title="机密"), encoding="utf-8")
    root = make_project({"content/ok.md": report_text()})
    (root / "content" / "link.md").symlink_to(secret)
    (root / "content" / "linkdir").symlink_to(tmp_path, target_is_directory=True)
    problems = check(root, TODAY)
    assert sorted((p.code, p.location.path) for p in problems if p.location) == [
        ("SB210", "content/link.md"), ("SB210", "content/linkdir")]


def test_every_code_has_a_test() -> None:
    covered = set(CASES) | HERE | PROGRAMMATIC | CLI_CODES
    assert set(MESSAGES) | {"SB900"} <= covered, sorted(set(MESSAGES) - covered)
    here = Path(__file__).resolve()
    others = "\n".join(p.read_text(encoding="utf-8") for p in here.parent.rglob("test_*.py") if p != here)
    untested = sorted(code for code in PROGRAMMATIC | CLI_CODES if f'"{code}"' not in others)
    assert not untested, f"codes with no test outside sites/invalid: {untested}"
