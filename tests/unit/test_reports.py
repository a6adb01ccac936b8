from site_builder.config import load_config, parse_config
from site_builder.reports import load_reports, report_url

from ..conftest import BASE_SITE, TODAY, report_text

CONFIG = parse_config(BASE_SITE, "site.yaml")


def test_default_column_and_url() -> None:
    assert report_url(CONFIG, ("法定主动公开内容", "执行公开"), "A/2025-1") == "xxgk/fdzdgknr/zxgk/a-2025-1.html"


def test_only_published_reports_are_loaded(make_project) -> None:
    root = make_project({
        "content/a.md": report_text(index="t/1"),
        "content/b.md": report_text(index="t/2", disclosure="依申请公开"),
        "content/c.md": report_text(index="t/3", disclosure="不予公开"),
        "content/d.md": report_text(index="t/4", published="2026-06-01"),
    })
    reports, problems = load_reports(root, CONFIG, TODAY)
    assert problems == []
    assert [r.meta.index_no for r in reports] == ["t/1"]
    assert reports[0].column == ("法定主动公开内容", "决策公开")


def test_unpublished_reports_are_still_validated(make_project) -> None:
    root = make_project({"content/b.md": report_text(disclosure="依申请公开", written="2025-13-01")})
    _, problems = load_reports(root, CONFIG, TODAY)
    assert [p.code for p in problems] == ["SB304"]


def test_problems_in_many_files_are_all_reported(make_project) -> None:
    root = make_project({
        "content/a.md": report_text(index="t/1", written="bad"),
        "content/b.md": report_text(index="t/2", published="2020-01-01"),
        "content/c.md": "没有 front matter",
    })
    _, problems = load_reports(root, CONFIG, TODAY)
    assert sorted((p.location.path, p.code) for p in problems if p.location) == [
        ("content/a.md", "SB304"), ("content/b.md", "SB305"), ("content/c.md", "SB203")]


def test_repeated_title_line_is_dropped_from_the_body() -> None:
    from site_builder.reports import repeated_title_lines

    assert repeated_title_lines("\n2021年工作要点\n\n正文。\n", "2021年工作要点") == 2
    assert repeated_title_lines("# 2021年工作要点\n正文", "2021年工作要点") == 1
    assert repeated_title_lines("2021年工作要点的说明\n正文", "2021年工作要点") == 0


def test_a_very_long_body_warns_that_search_takes_only_its_beginning(make_project) -> None:  # type: ignore[no-untyped-def]
    from site_builder.sources import MAX_INDEXED_CHARS

    root = make_project({"content/a.md": report_text(body="普法" * (MAX_INDEXED_CHARS // 2 + 1))})
    reports, problems = load_reports(root, load_config(root), TODAY)
    assert len(reports) == 1 and [(p.code, p.severity.value, p.location.line) for p in problems] == \
        [("SB319", "warning", 9)]  # the first body line
    assert f"最多收录 {MAX_INDEXED_CHARS} 字" in problems[0].message
    # white space is not text: deeply indented lists stay far below the limit
    (root / "content/a.md").write_text(report_text(body="".join("  " * i + "- 项\n" for i in range(2000))),
                                       encoding="utf-8")
    assert load_reports(root, load_config(root), TODAY)[1] == []


def test_files_checked_in_worker_processes_give_the_same_reports_and_problems(make_project, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A large clean build reads and checks files in worker processes: same reports, same problems, same
    order (of two files with one 索引号 the first is kept, the second reported) as reading them here."""
    from site_builder import parallel
    monkeypatch.setattr(parallel, "FEW_FILES", 2)
    files: dict[str, str | bytes] = {f"content/r{n:02d}.md": report_text(index=f"t/{n}") for n in range(12)}
    root = make_project(files)
    pooled = load_reports(root, CONFIG, TODAY, cache={}, mapper=parallel.process_map(2))
    assert pooled == load_reports(root, CONFIG, TODAY, cache={})
    assert len(pooled[0]) == 12 and pooled[1] == []
    files["content/r03.md"] = report_text(index="t/3", written="bad")
    files["content/r07.md"] = report_text(index="t/1")
    files["content/r09.md"] = "没有 front matter"
    files["content/r10.md"] = b"\xff\xfe bad"
    root = make_project(files)
    pooled = load_reports(root, CONFIG, TODAY, cache={}, mapper=parallel.process_map(2))
    assert pooled == load_reports(root, CONFIG, TODAY, cache={})
    assert [(p.location.path, p.code) for p in pooled[1] if p.location] == [
        ("content/r03.md", "SB304"), ("content/r09.md", "SB203"), ("content/r10.md", "SB201"),
        ("content/r07.md", "SB308")]


def test_a_column_written_in_traditional_characters_is_that_column(make_project) -> None:  # type: ignore[no-untyped-def]
    root = make_project({"content/a.md": report_text(index="t/1", extra="栏目: 法定主動公開內容/執行公開\n")})
    reports, problems = load_reports(root, CONFIG, TODAY)
    assert problems == [] and [r.column for r in reports] == [("法定主动公开内容", "执行公开")]
    assert reports[0].url == report_url(CONFIG, ("法定主动公开内容", "执行公开"), "t/1")


def test_an_unknown_column_in_traditional_characters_is_hinted_in_simplified(make_project) -> None:  # type: ignore[no-untyped-def]
    root = make_project({"content/b.md": report_text(index="t/2", extra="栏目: 法定主動公開內容/執行\n")})
    _, problems = load_reports(root, CONFIG, TODAY)
    assert [(p.code, p.location.path if p.location else None) for p in problems] == [("SB309", "content/b.md")]
    assert "「法定主动公开内容/执行公开」" in problems[0].message


def test_repeated_title_lines_read_from_the_top_equal_splitting_every_line() -> None:
    import random

    from site_builder.reports import repeated_title_lines

    def by_splitting(body: str, title: str) -> int:  # the definition: the first line with text, whole body split
        lines = body.split("\n")
        first = next((i for i, line in enumerate(lines) if line.strip()), None)
        if first is not None and " ".join(lines[first].strip(" \u3000#").split()) == title:
            return first + 1
        return 0

    pieces = ["", " ", "\u3000", "\t", "# 标题", "标题", " 标 题 ", "标题。", "正文", "\u2028", "## 标题 "]
    rng = random.Random(7)
    for _ in range(20000):
        body = "\n".join(rng.choice(pieces) for _ in range(rng.randint(0, 6)))
        assert repeated_title_lines(body, "标题") == by_splitting(body, "标题"), repr(body)


def test_a_repeated_doc_no_is_dropped_with_the_title() -> None:
    from site_builder.reports import repeated_title_lines

    assert repeated_title_lines("示司发〔2024〕40号\n\n标题\n正文", "标题", "示司发〔2024〕40号") == 3
    assert repeated_title_lines("标题\n示司发〔2024〕40号\n正文", "标题", "示司发〔2024〕40号") == 2
    assert repeated_title_lines("示司发〔2024〕40号\n正文", "标题", "") == 0
    assert repeated_title_lines("标题\n标题\n正文", "标题", "") == 1  # each once: a second one is text


def test_a_publication_date_more_than_a_year_ahead_is_a_warning_that_stays(make_project) -> None:
    """公开日期 2062 for 2026 passed silently and the report never appeared (SB324 only covers years outside
    1949–2099). The warning is shown by every build, not only the first (files with warnings are not cached)."""
    from site_builder.build import build, check

    root = make_project({
        "content/far.md": report_text(index="t/1", written="2061-12-30", published="2062-01-01"),
        "content/soon.md": report_text(index="t/2", written="2026-11-30", published="2026-12-01"),
        "content/asked.md": report_text(index="t/3", disclosure="依申请公开", written="2061-12-30",
                                        published="2062-01-01"),
    })
    problems = check(root, TODAY)
    assert [(p.code, p.location.path if p.location else None, p.location.line if p.location else None, p.field)
            for p in problems] == [("SB326", "content/far.md", 7, "公开日期")]
    assert "公开日期 2062-01-01 在 13149 天之后" in problems[0].format()
    first = build(root, root / "output", TODAY, downloads=False, search=False)
    (root / "content/soon.md").write_text(report_text(index="t/2", title="改过", written="2026-11-30",
                                                      published="2026-12-01"), encoding="utf-8")
    second = build(root, root / "output", TODAY, downloads=False, search=False)
    assert [p.code for p in first.warnings] == [p.code for p in second.warnings] == ["SB326"]


def test_an_html_comment_is_a_warning_that_it_will_be_published(make_project) -> None:
    """Editors hide notes in <!-- --> as other Markdown tools let them; here raw HTML is shown as text, so the
    note went onto the public page without a word."""
    from site_builder.build import check

    root = make_project({"content/a.md": report_text(body="正文。\n\n<!-- 内部备注：数据待核实 -->\n\n第二段。"),
                         "content/b.md": report_text(index="t/2", body="正文里没有注释。")})
    problems = check(root, TODAY)
    assert [(p.code, p.location.path if p.location else None, p.location.line if p.location else None)
            for p in problems] == [("SB327", "content/a.md", 12)]
    assert "「<!-- 内部备注：数据待核实 -->」是 HTML 注释" in problems[0].format()


def test_hidden_characters_in_a_body_are_a_warning_and_are_published_nowhere(make_project) -> None:
    """A U+202E pasted into a body displayed the rest of its line backwards on the page, and a zero-width space
    before 二、 made the heading an ordinary paragraph, both without a word."""
    from site_builder.build import build, check

    body = "正文。\n\n\u200b二、工作安排\n\n金额为 \u202e0021\u202c 元，&#x2066;见附表。"
    root = make_project({"content/a.md": report_text(index="t/1", body=body),
                         "content/b.md": report_text(index="t/2", body="正文里只有\u200d连接符。")})
    problems = check(root, TODAY)
    assert [(p.code, p.location.path if p.location else None, p.location.line if p.location else None, p.field)
            for p in problems] == [("SB331", "content/a.md", 12, None)]
    assert "（U+200B 零宽空格、U+202E 从右到左覆盖、U+202C 方向格式结束、U+2066 从左到右隔离）" in problems[0].format()
    build(root, root / "output", TODAY, downloads=False)
    texts = [f.read_text(encoding="utf-8") for f in (root / "output").rglob("*") if f.suffix in (".html", ".xml", ".json")]
    assert not any(ch in text for text in texts for ch in "\u200b\u202e\u202c\u2066")
    page = (root / "output/xxgk/fdzdgknr/jcgk/t-1.html").read_text(encoding="utf-8")
    assert '<h2 id="s1" class="gw-cn">二、工作安排</h2>' in page and "金额为 0021 元，见附表。" in page


def test_a_mistyped_year_gets_one_warning_not_three(make_project) -> None:
    """公开日期 2205 was SB324 (year outside 1949–2099), SB601 (46,960 working days after 成文日期) and SB326
    (65,044 days ahead) for one typo; the year's own warning says it."""
    from site_builder.build import check

    root = make_project({"content/a.md": report_text(written="2025-01-02", published="2205-01-03")})
    assert [p.code for p in check(root, TODAY)] == ["SB324"]
