from pathlib import Path

import pytest

from site_builder.build import build, check
from site_builder.errors import BuildFailed

from ..conftest import TODAY, report_text


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_build_and_check(make_project) -> None:
    root = make_project({"content/a.md": report_text()})
    assert check(root, TODAY) == []
    result = build(root, root / "output", TODAY)
    assert result.reports == 1 and result.files == len(_tree(root / "output")) - 1


def test_a_rebuild_leaves_only_the_new_site_when_it_returns(make_project) -> None:
    """The replaced site is removed beside the build (output.Sweeper): gone by the time build returns."""
    root = make_project({"content/a.md": report_text()})
    build(root, root / "output", TODAY, downloads=False, search=False)
    build(root, root / "output", TODAY, downloads=False, search=False, incremental=False)
    assert sorted(p.name for p in root.iterdir()) == [".site_builder", "content", "output", "site.yaml"]


def test_failed_build_leaves_previous_output_byte_for_byte(make_project) -> None:
    root = make_project({"content/a.md": report_text()})
    build(root, root / "output", TODAY)
    before = _tree(root / "output")
    (root / "content" / "b.md").write_text(report_text(index="t/2", written="2025-02-30"), encoding="utf-8")
    with pytest.raises(BuildFailed):
        build(root, root / "output", TODAY)
    assert _tree(root / "output") == before
    assert sorted(p.name for p in root.iterdir()) == [".site_builder", "content", "output", "site.yaml"]


def test_template_error_fails_cleanly_with_location(make_project) -> None:
    root = make_project({"content/a.md": report_text()})
    build(root, root / "output", TODAY)
    before = _tree(root / "output")
    (root / "templates").mkdir()
    (root / "templates" / "detail.html").write_text('{% extends "builtin/detail.html" %}\n{% block main %}{{ oops }}{% endblock %}\n')
    with pytest.raises(BuildFailed) as failed:
        build(root, root / "output", TODAY)
    problem = failed.value.problems[0]
    assert problem.code == "SB403" and problem.location is not None
    assert problem.location.path == "templates/detail.html" and problem.location.line == 2
    assert _tree(root / "output") == before


def test_template_syntax_error(make_project) -> None:
    root = make_project({"content/a.md": report_text()})
    (root / "templates").mkdir()
    (root / "templates" / "home.html").write_text("{% extends 'base.html' %}\n{% block main %}\n{% if %}\n")
    with pytest.raises(BuildFailed) as failed:
        build(root, root / "output", TODAY)
    assert failed.value.problems[0].code == "SB403"
    assert failed.value.problems[0].location.line == 3


def test_missing_include_is_reported(make_project) -> None:
    root = make_project({"content/a.md": report_text()})
    (root / "templates").mkdir()
    (root / "templates" / "footer.html").write_text('{% include "nope.html" %}')
    with pytest.raises(BuildFailed) as failed:
        build(root, root / "output", TODAY)
    assert failed.value.problems[0].code == "SB404" and "nope.html" in failed.value.problems[0].format()


def test_site_template_overrides_and_extends_builtin(make_project) -> None:
    root = make_project({"content/a.md": report_text()})
    (root / "templates").mkdir()
    (root / "templates" / "footer.html").write_text(
        '<p class="custom">本地页脚</p>{% include "builtin/footer.html" %}', encoding="utf-8")
    build(root, root / "output", TODAY, minify=False)
    home = (root / "output" / "index.html").read_text(encoding="utf-8")
    assert '<p class="custom">本地页脚</p>' in home and "网站标识码：3713110001" in home


def test_footer_links_are_relative_to_each_page_folder(make_project) -> None:
    """The footer is rendered once per folder and reused (render.Renderer.fragment): its links must still be
    right on every page, and the 404 page's absolute."""
    root = make_project({"content/a.md": report_text()})
    (root / "templates").mkdir()
    (root / "templates" / "footer.html").write_text('<footer><a href="{{ url(\'index.html\') }}">首页</a></footer>',
                                                    encoding="utf-8")
    build(root, root / "output", TODAY)
    pages = {p.relative_to(root / "output").as_posix(): p.read_text(encoding="utf-8")
             for p in (root / "output").rglob("*.html")}
    assert len(pages) > 5
    for rel, html in pages.items():
        expected = "/sub/index.html" if rel == "404.html" else "../" * rel.count("/") + "index.html"  # 网站地址 …/sub/
        assert html.count(f"<footer><a href={expected}>首页</a></footer>") == 1, rel
        assert "<sb-fragment" not in html, rel


def test_a_footer_that_reads_page_variables_fails_with_its_name(make_project) -> None:
    root = make_project({"content/a.md": report_text()})
    (root / "templates").mkdir()
    (root / "templates" / "footer.html").write_text("<p>{{ title }}</p>", encoding="utf-8")
    with pytest.raises(BuildFailed) as failed:
        build(root, root / "output", TODAY)
    problem = failed.value.problems[0]
    assert problem.code == "SB403" and "footer.html" in problem.format() and "title" in problem.format()


def test_site_static_override(make_project) -> None:
    root = make_project({"content/a.md": report_text()})
    (root / "templates" / "static").mkdir(parents=True)
    (root / "templates" / "static" / "site.css").write_text("body{color:red}")
    build(root, root / "output", TODAY)
    assert (root / "output" / "static" / "site.css").read_text() == "body{color:red}"
    assert (root / "output" / "static" / "site.js").exists()


def test_build_is_reproducible(make_project, tmp_path: Path) -> None:
    root = make_project({"content/a.md": report_text(), "content/b.md": report_text(index="t/2", title="乙")})
    build(root, tmp_path / "one", TODAY)
    build(root, tmp_path / "two", TODAY)
    assert _tree(tmp_path / "one") == _tree(tmp_path / "two")


def test_warnings_of_unchanged_files_are_reported_by_incremental_builds(make_project) -> None:
    """A file's warning is reported by every build until it is fixed, not only by the build that read it."""
    root = make_project({"content/a.md": report_text(title="普法计划\u200b"),
                         "content/b.md": report_text(index="t/2", title="第二篇")})
    first = build(root, root / "output", TODAY, downloads=False)
    (root / "content/b.md").write_text(report_text(index="t/2", title="第二篇", body="改过的正文。"), encoding="utf-8")
    again = build(root, root / "output", TODAY, downloads=False)
    assert [w.code for w in first.warnings] == [w.code for w in again.warnings] == ["SB315"]


def test_the_navigation_marks_only_the_page_it_is_on(sample_site_minified: Path) -> None:
    """The header is rendered once per folder (a fragment): its aria-current must still follow the page."""
    def marked(rel: str) -> list[str]:
        html = (sample_site_minified / rel).read_text(encoding="utf-8")
        start = html.index("main-nav>")  # the minifier sorts attributes: <nav aria-label=… class=main-nav>
        nav = html[start:html.index("</nav>", start)]
        return [item.split(">", 1)[1].split("<", 1)[0] for item in nav.split("<a ")[1:] if "aria-current" in item]

    assert marked("index.html") == ["首页"]
    assert marked("sitemap.html") == ["网站地图"]
    assert marked("xxgk/index.html") == ["政府信息公开目录"]
    detail = next(p for p in (sample_site_minified / "xxgk").rglob("*.html") if not p.name.startswith("index"))
    assert marked(detail.relative_to(sample_site_minified).as_posix()) == []
    assert marked("wzasm.html") == []


@pytest.mark.parametrize(("template", "line", "words"), [
    ("{{ 1 / 0 }}", 2, "除数为零（ZeroDivisionError"),  # any Python error in a template was a traceback
    ('{{ "页" + 1 }}', 2, "类型不匹配（TypeError"),
    ("{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}", 2, "递归层数过多"),
    ("{{ oops }}", 2, "变量「oops」未定义"),
    ("{% frob %}", 2, "不认识的标签「frob」"),
    ("{% for x in y %}", 2, "不认识的标签「endblock」（可能是标签没有正确嵌套或闭合）"),
])
def test_any_template_mistake_is_an_error_at_its_line_in_chinese(template: str, line: int, words: str,
                                                                  make_project) -> None:
    root = make_project({"content/a.md": report_text()})
    (root / "templates").mkdir()
    (root / "templates" / "detail.html").write_text(
        '{% extends "builtin/detail.html" %}\n{% block main %}' + template + "{% endblock %}\n", encoding="utf-8")
    with pytest.raises(BuildFailed) as failed:
        build(root, root / "output", TODAY, downloads=False)
    [problem] = failed.value.problems
    assert problem.code == "SB403" and problem.location is not None, problem.format()
    assert problem.location.path == "templates/detail.html" and words in problem.message, problem.format()
    assert problem.location.line == line
    assert not (root / "output").exists()


def test_a_template_mistake_in_a_worker_process_is_reported_as_in_one_process(make_project) -> None:
    """With --jobs 2 a template error ended the build with BrokenProcessPool (the failure could not be sent back
    from the worker); then it lost its file and line (the traceback that says where does not travel)."""
    root = make_project({f"content/r{i}.md": report_text(index=f"t/{i}", title=f"报告{i}") for i in range(30)})
    (root / "templates").mkdir()
    for template in ("{{ oops }}", "{{ 1 / 0 }}", '{% include "nothere.html" %}'):
        (root / "templates" / "detail.html").write_text(
            '{% extends "builtin/detail.html" %}\n{% block main %}' + template + "{% endblock %}\n", encoding="utf-8")
        shown = []
        for jobs in (1, 2):
            with pytest.raises(BuildFailed) as failed:
                build(root, root / "output", TODAY, downloads=False, search=False, jobs=jobs)
            shown.append([p.format() for p in failed.value.problems])
        assert shown[0] == shown[1] and shown[0][0].startswith("templates/detail.html"), shown


def test_a_template_failure_survives_pickling() -> None:
    import pickle

    from site_builder.templates import TemplateFailure

    failure = TemplateFailure.of("detail.html", ZeroDivisionError("division by zero"))
    copy = pickle.loads(pickle.dumps(failure))
    assert (copy.template, copy.file, copy.line, copy.detail, copy.missing) == \
        ("detail.html", "detail.html", None, "除数为零（ZeroDivisionError: division by zero）", None)
