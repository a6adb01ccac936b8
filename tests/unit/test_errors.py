from site_builder.errors import Location, Problem, Severity, errors_only, relative_to, relpath


def test_problem_formats_path_line_field_and_code() -> None:
    problem = Problem("SB304", Location("content/2025/x.md", 4), field="成文日期", args={"value": "2025-02-30"})
    assert problem.format() == (
        "content/2025/x.md 第 4 行，字段「成文日期」：「2025-02-30」不是有效日期，"
        "应为 YYYY-MM-DD 格式的真实日期，例如 2025-04-15 [SB304]"
    )


def test_problem_without_line_or_field() -> None:
    assert Problem("SB302", Location("a.md"), field="公开日期").format() == "a.md，字段「公开日期」：缺少必填字段 [SB302]"
    assert Problem("SB312", None).format().endswith("[SB312]")


def test_warning_is_labelled_and_not_an_error() -> None:
    warning = Problem("SB312", Location("a.md", 3), severity=Severity.WARNING)
    assert "警告：" in warning.format()
    assert errors_only([warning]) == []


def test_relpath_inside_and_outside(tmp_path) -> None:
    (tmp_path / "content").mkdir()
    assert relpath(tmp_path / "content" / "a.md", tmp_path) == "content/a.md"
    assert relpath("/elsewhere/b.md", tmp_path) == "/elsewhere/b.md"


def test_relative_to_agrees_with_relpath(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "content").mkdir()
    monkeypatch.chdir(tmp_path)
    rel = relative_to(tmp_path)
    for path in (tmp_path / "content" / "a.md", "content/b.md", tmp_path / "content/../c.md", "/elsewhere/d.md",
                 tmp_path / "a..b.md"):
        assert rel(path) == relpath(path, tmp_path), path
    assert relative_to(".")("content/b.md") == "content/b.md"


def test_many_problems_of_one_kind_in_one_file_are_counted_not_listed() -> None:
    from site_builder.errors import SAME_KIND_SHOWN, listed

    many = [Problem("SB317", Location("content/a.md", n), args={"src": f"{n}.png"}) for n in range(1, 50001)]
    other = [Problem("SB317", Location("content/b.md", 3), args={"src": "x.png"}), Problem("SB312", None)]
    lines = listed(many + other)
    assert lines[:SAME_KIND_SHOWN] == [p.format() for p in many[:SAME_KIND_SHOWN]]
    assert lines[SAME_KIND_SHOWN] == "content/a.md：另有 49980 个同类问题未列出 [SB317]"
    assert lines[SAME_KIND_SHOWN + 1:] == [p.format() for p in other]
    assert listed(many[:SAME_KIND_SHOWN]) == [p.format() for p in many[:SAME_KIND_SHOWN]]


def test_os_reasons_are_in_chinese_with_the_file() -> None:
    import errno
    import os

    from site_builder.errors import os_reason

    assert os_reason(OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), "a/b.html")) == "磁盘空间不足（a/b.html）"
    assert os_reason(OSError(errno.ENOENT, os.strerror(errno.ENOENT), "x")).startswith("文件或目录不存在")
    assert os_reason(OSError(errno.EDQUOT, os.strerror(errno.EDQUOT))) == "超出磁盘配额"
    rare = os_reason(OSError(errno.EMLINK, os.strerror(errno.EMLINK), "x"))  # the number, then the system's words
    assert rare.startswith(f"系统错误 {errno.EMLINK}（") and rare.endswith("（x）")


def test_os_reasons_name_the_action_and_leave_the_file_to_the_message_when_asked() -> None:
    import errno
    import os

    from site_builder.errors import os_reason

    denied = OSError(errno.EACCES, os.strerror(errno.EACCES), "content/a.md")
    assert os_reason(denied) == "没有写入权限（content/a.md）"
    assert os_reason(denied, "读取", named=False) == "没有读取权限"
    assert os_reason(OSError(errno.ELOOP, os.strerror(errno.ELOOP), "x"), "读取", named=False) == "符号链接形成循环"
