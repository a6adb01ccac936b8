from pathlib import Path

import pytest

from site_builder.bodies import Bodies
from site_builder.config import parse_config
from site_builder.errors import BuildFailed
from site_builder.reports import load_reports

from ..conftest import BASE_SITE, TODAY, report_text


def test_body_read_again_on_demand_and_repeated_title_skipped(make_project) -> None:
    root = make_project({"content/a.md": report_text(title="标题甲", body="标题甲\n\n一、目标\n\n正文。")})
    reports, _ = load_reports(root, parse_config(BASE_SITE, "site.yaml"), TODAY)
    report = reports[0]
    assert report.body is None and report.markdown is None  # nothing of the body is kept in memory
    bodies = Bodies(keep=1)
    assert bodies.markdown(report).strip() == "一、目标\n\n正文。"
    body = bodies.render(report)
    assert body.headings[0].text == "一、目标" and bodies.render(report) is body
    assert bodies.summary(report) == "一、目标 正文。"


@pytest.mark.parametrize(("bom", "end"), [(b"", b"\r\n"), (b"\xef\xbb\xbf", b"\r\n"), (b"", b"\r"),
                                         (b"\xef\xbb\xbf", b"\n"), (b"", b"\n")])
def test_the_body_read_again_has_line_feeds_only_and_no_bom(make_project, bom: bytes, end: bytes) -> None:
    text = report_text(body="一、目标\n\n正文第一行，\n正文第二行。\n\n\n末段。")
    root = make_project({"content/a.md": text})
    (root / "content/a.md").write_bytes(bom + text.encode("utf-8").replace(b"\n", end))
    reports, problems = load_reports(root, parse_config(BASE_SITE, "site.yaml"), TODAY)
    assert not problems
    assert Bodies().markdown(reports[0]).lstrip("\n") == "一、目标\n\n正文第一行，\n正文第二行。\n\n\n末段。\n"


def test_file_changed_during_build_is_refused(make_project) -> None:
    root = make_project({"content/a.md": report_text()})
    reports, _ = load_reports(root, parse_config(BASE_SITE, "site.yaml"), TODAY)
    Path(reports[0].source_path).write_text(report_text(body="改了"), encoding="utf-8")
    with pytest.raises(BuildFailed) as failed:
        Bodies().render(reports[0])
    assert failed.value.problems[0].code == "SB408"


def test_the_body_starts_after_the_front_matter_lines() -> None:
    from site_builder.bodies import after_lines

    for text in ("a\nb\nc", "a\nb\n", "", "\n\n\n", "a"):
        for count in range(5):
            assert after_lines(text, count) == "\n".join(text.split("\n")[count:]), (text, count)


def test_the_opening_is_the_whole_text_collapsed_and_cut() -> None:
    import random

    from site_builder.bodies import opening

    rng = random.Random(5)
    pieces = ["法", "治", " ", "\n", "\u3000", "  ", "宣传教育" * 3, "x"]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 120)))
        limit = rng.randint(1, 40)
        whole = " ".join(text.split())
        assert opening(text, limit) == (whole if len(whole) <= limit else whole[:limit] + "……"), (text, limit)


def test_a_rendered_body_leaves_its_summary_so_feeds_need_not_render_it_again(make_project, monkeypatch) -> None:
    root = make_project({f"content/{n}.md": report_text(title=f"标题{n}", index=f"test/2025-0000{n}",
                                                         body=f"正文{n}。") for n in range(1, 4)})
    reports, _ = load_reports(root, parse_config(BASE_SITE, "site.yaml"), TODAY)
    bodies = Bodies(keep=1)
    for report in reports:
        bodies.render(report)
    calls: list[str] = []
    monkeypatch.setattr("site_builder.bodies.render_body", lambda *args: calls.append(args[0]))
    assert sorted(bodies.summary(report) for report in reports) == ["正文1。", "正文2。", "正文3。"]
    assert calls == []  # a build with one process rendered 10% of its bodies twice
