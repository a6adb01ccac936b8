"""站内检索 in the browser, checked against an oracle computed in Python from the published reports."""

from __future__ import annotations

import datetime as dt
import random
import re
import shutil
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import pytest

from site_builder.bodies import Bodies
from site_builder.build import build
from site_builder.config import load_config
from site_builder.reports import load_reports
from site_builder.search.encode import read_shard, read_varint
from site_builder.search.normalize import normalize

from ..conftest import BASE_SITE, REPO, TODAY, report_text

QUERIES = ["法治宣传", "法治宣傳", "责任制", "責任制", "２０２３", "ＡＢＣ", "普法 履职", "法", "宪法 民法典",
           "luozhuangqulz207/2023-0000131", "LUOZHUANGQULZ207/2023-0000131", "江法办通〔2025〕3号", "谁执法谁普法",
           "习近平法治思想", "法律明白人", "法治宣传教育", "普法宣传", "法治 普法责任制", "法治宣普法责",
           "法治文化阵地", "普法责任清单", "依法治理科", "深入学习宣传习近平法治思想", "区委全面依法治区委员会",
           "学习宣传贯彻习近平法治思想", "法治宣传教育普法责任清单"]
# phrases of 3, 4, 5, 6 and 7 characters (trigrams at offsets 0, 3 … and the last one); one whose trigrams both
# occur but never side by side (法治宣普法责); and three found in some reports only after the first two
# occurrences of a trigram, so the heads cannot confirm them and the pairs are fetched; long phrases (up to 13
# characters), one of two phrases that never meet
PLANS = ["pairs", "cover", "cover-middle", "cover-wide", "heads", "heads-window", "window-first", "window-last",
         "window-longer"]
"""How a phrase is decided (search.js picks the cheapest; tests force each): one of 6+ characters from all its
6-grams, from as few as cover it (each checking the trigram before it; leaving out the first, or the second
and so on; or preferring 6-grams at offsets other than 0, 3, 6 …; then all for undecided reports), or from its
trigrams' heads then the 6-grams; one of 4–9 characters
from one trigram and the text before and after it (a window: the first or the last trigram that can be one), or
from the heads then a window."""


@pytest.fixture(scope="module")
def published() -> list[Any]:
    reports, _ = load_reports(REPO, load_config(REPO), TODAY)
    return reports


def oracle(reports: list[Any], query: str) -> set[str]:
    """Titles of the reports whose normalised title+body contain every normalised term (or exact 索引号/文号)."""
    expected = set()
    bodies = Bodies()
    for report in reports:
        text = normalize(report.meta.title + "\n" + bodies.render(report).text)
        exact = {normalize(v) for v in (report.meta.index_no, report.meta.doc_no) if v}
        terms = [normalize(t) for t in query.split()]
        if all(t in exact or t in text for t in terms):
            expected.add(report.meta.title)
    return expected


def run_query(page: Any, base: str, query: str, **filters: str) -> tuple[str, list[str]]:
    page.goto(base + "search.html?" + urlencode({"q": query, **filters}))
    page.wait_for_selector("#search-app[data-ready=true]")
    titles: list[str] = []
    while True:
        titles += page.locator("#search-results h2").all_inner_texts()
        following = page.locator('#search-pages a[aria-current="page"] >> xpath=../following-sibling::li[1]/a')
        if not following.count():
            break
        following.click()
        page.wait_for_selector("#search-app[data-ready=true]")
    return page.inner_text("#search-status"), titles


@pytest.mark.parametrize("query", QUERIES)
def test_queries_return_exactly_the_expected_reports(query: str, page: Any, site_url: str, published: list[Any]) -> None:
    expected = oracle(published, query)
    status, titles = run_query(page, site_url, query)
    assert len(titles) == len(set(titles))
    assert set(titles) == expected, (query, sorted(set(titles) ^ expected))
    assert status.startswith(f"找到 {len(expected)} 条结果")


@pytest.fixture(scope="module", params=PLANS)
def plan_page(request: pytest.FixtureRequest, browser_context_factory: Any) -> Any:
    context = browser_context_factory()
    context.add_init_script(f"window.sbSearchPlan = {request.param!r};")
    yield context.pages[0] if context.pages else context.new_page()
    context.close()


def _plan_applies(query: str, plan: str) -> bool:
    """Whether forcing `plan` changes how some term of the query is decided: search.js drops a forced 6-gram plan
    for phrases under 6 characters and a forced window outside 4–9 (then the default plan runs, which
    test_queries_return_exactly_the_expected_reports covers already)."""
    runs = [len(run) for run in re.findall(r"[\u4e00-\u9fff]+", query)]
    if plan.startswith(("pairs", "cover")):
        return any(n >= 6 for n in runs)
    if plan.startswith("window") or plan == "heads-window":
        return any(4 <= n <= 9 for n in runs)
    return any(n >= 4 for n in runs)


@pytest.mark.parametrize(("plan", "plan_page"), [(plan, plan) for plan in PLANS[:-1]],
                         indirect=["plan_page"])  # window-longer: the fuzz and linked sites (time)
def test_every_plan_returns_exactly_the_expected_reports(plan: str, plan_page: Any, site_url: str,
                                                         published: list[Any]) -> None:
    """Each query the plan applies to: the first through the page (every results page), the others through
    search.js's hook, which runs the same search without loading the page again."""
    queries = [query for query in QUERIES if _plan_applies(query, plan)]
    assert queries
    expected = oracle(published, queries[0])
    status, titles = run_query(plan_page, site_url, queries[0])
    assert set(titles) == expected and len(titles) == len(expected), (queries[0], sorted(set(titles) ^ expected))
    assert status.startswith(f"找到 {len(expected)} 条结果")
    wrong = []
    for query in queries:
        expected = oracle(published, query)
        titles = plan_page.evaluate("q => window.sbSearch(q)", query)
        if set(titles) != expected or len(titles) != len(expected):
            wrong.append((query, sorted(set(titles) ^ expected)))
    assert wrong == [], (plan, wrong)


def test_the_cheaper_plan_is_chosen_and_reported(page: Any, site_url: str) -> None:
    run_query(page, site_url, "深入学习宣传习近平法治思想")
    plans = (page.get_attribute("#search-app", "data-plans") or "").split()
    assert plans and set(plans) <= {"pairs", "heads", "window", "heads+window", "heads+pairs"}


def crafted_site(tmp_path_factory: pytest.TempPathFactory, site_root: Path, name: str, reports: dict[str, str],
                 split_parts: bool = False) -> None:
    """A small site of its own under site_root/name (file stem → report text); with split_parts, every trigram's
    pairs are split into parts, each a head of one position a report and a tail, as a big site's common ones are."""
    from site_builder.search import adjacency

    project = tmp_path_factory.mktemp(name)
    (project / "content").mkdir()
    (project / "site.yaml").write_text(BASE_SITE, encoding="utf-8")
    for stem, text in reports.items():
        (project / "content" / f"{stem}.md").write_text(text, encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        if split_parts:
            for constant, value in (("PAIR_SPLIT_BYTES", 0), ("PART_SPLIT_BYTES", 0), ("PART_TAIL_BYTES", 0),
                                    ("PART_HEAD", 1)):
                patch.setattr(adjacency, constant, value)
        build(project, site_root / name, dt.date(2026, 1, 1), downloads=False)


def titled(prefix: str, bodies: dict[str, str]) -> dict[str, str]:
    """Reports titled 报告<name> with these bodies, their 索引号 numbered in name order."""
    return {name: report_text(index=f"{prefix}/2025-{number:03d}", title=f"报告{name}", body=body)
            for number, (name, body) in enumerate(sorted(bodies.items()))}


@pytest.fixture(scope="module")
def undecided_url(site_url: str, site_root: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    """Reports where 甲乙丙丁戊己 follows an earlier 甲乙丙丁戊 and an earlier 丁戊己: a head keeps the first place of
    each text after a trigram, so neither head holds the phrase's own places."""
    bodies = {"late": "甲乙丙丁戊庚。丁戊己辛。甲乙丙丁戊己。", "never": "甲乙丙丁戊庚。丁戊己辛。甲乙丙丁戊庚。",
              "first": "甲乙丙丁戊己。"}
    crafted_site(tmp_path_factory, site_root, "undecided", titled("ud", bodies))
    return site_url + "undecided/"


@pytest.mark.parametrize("plan", ["heads", "heads-window"])
def test_what_the_heads_leave_undecided_is_decided_from_the_pairs(plan: str, browser_context_factory: Any,
                                                                   undecided_url: str) -> None:
    """Reports the heads cannot decide (see undecided_url) are decided from the 6-grams or a window in their
    segments. (With the heads plan forced: left to itself, search.js may decide the phrase from the pairs at once.)"""
    context = browser_context_factory()
    context.add_init_script(f"window.sbSearchPlan = {plan!r};")
    page = context.pages[0] if context.pages else context.new_page()
    status, titles = run_query(page, undecided_url, "甲乙丙丁戊己")
    assert sorted(titles) == ["报告first", "报告late"], status
    assert int(page.get_attribute("#search-app", "data-later-segments") or 0) > 0
    assert page.get_attribute("#search-app", "data-plans") == ("heads heads+pairs" if plan == "heads" else "heads heads+window")
    context.close()


def test_expected_matches_are_not_trivial(published: list[Any]) -> None:
    assert len(oracle(published, "法治宣传")) >= 3 and oracle(published, "法治宣传") == oracle(published, "法治宣傳")
    assert len(oracle(published, "luozhuangqulz207/2023-0000131")) == 1
    assert oracle(published, "法治火星") == set()


def test_no_false_hits_for_unknown_words(page: Any, site_url: str) -> None:
    for query in ("法治火星", "普法 火星", "治火", "xyzzy"):
        status, titles = run_query(page, site_url, query)
        assert titles == [] and status.startswith("找到 0 条结果"), query


def test_title_matches_rank_first_then_newest(page: Any, site_url: str, published: list[Any]) -> None:
    _, titles = run_query(page, site_url, "履职")
    in_title = [t for t in titles if "履职" in normalize(t)]
    assert titles[: len(in_title)] == in_title and len(in_title) >= 2


def test_filters_narrow_results(page: Any, site_url: str, published: list[Any]) -> None:
    _, everything = run_query(page, site_url, "普法")
    _, by_agency = run_query(page, site_url, "普法", ag="罗庄区司法局")
    _, by_year = run_query(page, site_url, "普法", year="2025")
    _, by_column = run_query(page, site_url, "普法", col="法定主动公开内容/执行公开")
    by_title = {r.meta.title: r for r in published}
    assert set(by_agency) < set(everything) and all(by_title[t].meta.publisher == "罗庄区司法局" for t in by_agency)
    assert set(by_year) < set(everything) and all(by_title[t].meta.published.year == 2025 for t in by_year)
    assert set(by_column) < set(everything) and all(by_title[t].column[1] == "执行公开" for t in by_column)
    assert page.input_value("#search-col") == "法定主动公开内容/执行公开"


def test_results_show_highlighted_snippet_and_live_count(page: Any, site_url: str) -> None:
    page.goto(site_url + "search.html?q=" + quote("法治宣傳"))
    page.wait_for_selector("#search-app[data-ready=true]")
    status = page.locator("#search-status")
    assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"
    page.wait_for_selector("#search-results mark")
    marks = page.locator("#search-results mark").all_inner_texts()
    assert marks and all(normalize(m) == "法治宣传" for m in marks)
    first = page.locator("#search-results h2 a").first
    href = first.get_attribute("href")
    first.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(href.lstrip("./")) and page.locator("#article-title").count() == 1


def test_snippet_keeps_blocks_apart(page: Any, site_url: str) -> None:
    """A heading and the paragraph after it are read as two pieces, not one run-on sentence."""
    page.goto(site_url + "search.html?q=" + quote("深入学习宣传习近平法治思想"))
    page.wait_for_selector("#search-results mark")
    page.wait_for_function("[...document.querySelectorAll('.search-result-snippet')].every(p => p.textContent)")
    snippets = page.locator(".search-result-snippet").all_inner_texts()
    assert any("法治思想 1." in text for text in snippets), snippets
    assert not any("法治思想1." in text for text in snippets)


def test_header_box_submits_to_search_page(page: Any, site_url: str) -> None:
    page.goto(site_url + "xxgk/index.html")
    page.fill("#site-search-q", "责任制")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_selector("#search-app[data-ready=true]")
    assert "search.html?q=" in page.url and page.input_value("#search-q") == "责任制"


def test_without_javascript_the_page_explains_and_links_the_directory(browser_context_factory: Any, site_url: str) -> None:
    context = browser_context_factory(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "index.html")
    page.fill("#site-search-q", "普法")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "search.html?q=" in page.url
    notice = page.locator("#search-nojs")
    assert notice.is_visible() and "需要浏览器启用 JavaScript" in notice.inner_text()
    notice.locator("a").click()
    assert page.url.endswith("xxgk/index.html")
    context.close()


@pytest.fixture(scope="module")
def marker_site(site_root: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    project = tmp_path_factory.mktemp("marker")
    (project / "content").mkdir()
    (project / "site.yaml").write_text(BASE_SITE, encoding="utf-8")
    files = {
        "public.md": report_text(index="pub/2025-1", title="公开的普法报告", body="普法宣传正文。"),
        "request.md": report_text(index="hid/2025-1", title="依申请公开的报告", disclosure="依申请公开",
                                  body="秘密标记甲乙丙丁。普法宣传。"),
        "withheld.md": report_text(index="hid/2025-2", title="不予公开", disclosure="不予公开", body="秘密标记戊己。"),
        "future.md": report_text(index="hid/2025-3", title="未到日期", published="2026-06-01", body="秘密标记庚辛。"),
    }
    for name, text in files.items():
        (project / "content" / name).write_text(text, encoding="utf-8")
    build(project, site_root / "marker", dt.date(2026, 1, 1), downloads=False)
    return "marker/", site_root / "marker"


def test_unpublished_reports_are_not_searchable(page: Any, site_url: str, marker_site: tuple[str, Path]) -> None:
    prefix, folder = marker_site
    for query in ("秘密标记", "甲乙丙丁", "依申请公开的报告", "hid/2025-1", "庚辛"):
        status, titles = run_query(page, site_url + prefix, query)
        assert titles == [] and status.startswith("找到 0 条结果"), query
    _, titles = run_query(page, site_url + prefix, "普法宣传")
    assert titles == ["公开的普法报告"]
    index = b"".join(p.read_bytes() for p in (folder / "search").rglob("*") if p.is_file())
    for marker in ("秘密".encode(), "标记".encode(), b"hid/", "依申请".encode()):
        assert marker not in index


def test_a_phrase_decided_from_parts_heads_still_ranks_by_how_often_it_occurs(
        browser_context_factory: Any, site_url: str, site_root: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Parts' heads keep one position a report here, so both reports are confirmed from their first occurrence;
    the report with the phrase ten times must still come before the newer one with it twice (a failing-before
    test: the count was the one position the head holds, a tie, and the newer report came first)."""
    # each trigram of the phrase is also followed by other text in the same report: explicit positions, not linked
    extra = "普法责任制。落实责任清查。"
    reports = {name: report_text(index=f"of/2025-{name}", title=f"报告{name}", published=day,
                                 body=extra + "。".join(["普法责任清单制度"] * times) + "。")
               for name, (times, day) in {"often": (10, "2025-01-02"), "seldom": (2, "2025-03-04")}.items()}
    crafted_site(tmp_path_factory, site_root, "often", reports, split_parts=True)
    context = browser_context_factory()
    context.add_init_script("window.sbSearchPlan = 'pairs';")
    page = context.new_page()
    status, titles = run_query(page, site_url + "often/", "普法责任清单制度")
    assert page.get_attribute("#search-app", "data-plans") == "pairs"
    assert titles == ["报告often", "报告seldom"], status
    context.close()


def test_the_planner_counts_the_parts_tails_a_6_gram_would_need(
        browser_context_factory: Any, site_url: str, site_root: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    """甲乙丙丁戊己's one 6-gram lies in a bucket whose parts' heads are small, but reports without the phrase have
    truncated records there (甲乙丙 followed by 庚辛辰, 庚壬卯 or 庚癸亥, the same bucket, 30 times each), so the tails must follow in every
    segment. The heads and a window at the rare trigram 乙丙丁 decide it without them (a failing-before test: with
    the tails counted at nothing, the 6-gram looked cheapest and its tails were fetched)."""
    from site_builder.search import adjacency
    from site_builder.search.encode import term_hash

    assert term_hash("庚辛辰") % adjacency.PAIR_BUCKETS == term_hash("丁戊己") % adjacency.PAIR_BUCKETS
    bodies = {f"has{n}": "前言。甲乙丙丁戊己。结语。" for n in range(4)}
    # explicit positions, not linked records: different texts before and after each trigram (the 6-gram's
    # followers all in its bucket)
    lacks = "".join(f"{'子丑寅'[i % 3]}甲乙丙{('庚辛辰', '庚壬卯', '庚癸亥')[i % 3]}。{'卯辰巳'[i % 3]}丁戊己{'午未申'[i % 3]}。"
                    for i in range(30))
    bodies.update({f"lacks{n}": lacks for n in range(8)})
    crafted_site(tmp_path_factory, site_root, "tails", titled("tl", bodies), split_parts=True)
    page = browser_context_factory().new_page()
    status, titles = run_query(page, site_url + "tails/", "甲乙丙丁戊己")
    assert sorted(titles) == [f"报告has{n}" for n in range(4)], status
    assert "pairs" not in (page.get_attribute("#search-app", "data-plans") or "")
    assert page.evaluate("window.sbSearchTails()") == 0
    page.context.close()


def test_a_five_character_phrase_is_decided_by_its_first_trigrams_head(
        browser_context_factory: Any, site_url: str, site_root: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    """A head keeps the two characters after each position, so 法普及 + 教育 decides 法普及教育 alone (a failing-before
    test: with one character, 及教育's head had to line up too, and its first places follow 民法典普 here, so every
    report was left to a window; and with the first two places rather than the first place of each text after it,
    hit3 was). 宪法普及教材 shares 法普及教 and must not match."""
    bodies = {f"hit{n}": "民法典普及教育。民法典普及教育。宪法普及教育。" for n in range(3)}
    bodies.update({f"miss{n}": "民法典普及教育。宪法普及教材。宪法普及教材。" for n in range(3)})
    # the phrase after two other texts: the head keeps the first place of each text after 法普及, not its first two
    bodies["hit3"] = "宪法普及教材。宪法普及教材。宪法普及教育。"
    crafted_site(tmp_path_factory, site_root, "five", titled("fv", bodies))
    context = browser_context_factory()
    context.add_init_script("window.sbSearchPlan = 'heads';")  # this small site's windows cost less than heads
    page = context.new_page()
    status, titles = run_query(page, site_url + "five/", "法普及教育")
    assert sorted(titles) == [f"报告hit{n}" for n in range(4)], status
    assert page.get_attribute("#search-app", "data-plans") == "heads"  # no window or 6-grams after the heads
    context.close()


def test_no_search_flag(make_project, tmp_path: Path) -> None:
    root = make_project({"content/a.md": report_text()})
    build(root, tmp_path / "out", TODAY, downloads=False, search=False)
    assert not (tmp_path / "out/search").exists() and (tmp_path / "out/search.html").exists()
    shutil.rmtree(tmp_path / "out")


WORDS = ["甲乙丙丁戊己", "丁戊己庚", "庚辛壬癸", "甲乙", "丙丁戊", "子丑寅",
         *(f"甲乙丙{x}" for x in ("卯辰巳", "午未申", "酉戌亥", "天地玄", "黄宇宙", "洪荒日", "月盈昃", "辰宿列", "张寒来",
                                  "暑往秋", "收冬藏", "闰余成", "岁律吕", "调阳云", "腾致雨", "露结为", "霜金生"))]
"""Few words, overlapping: 6-grams recur and chain ambiguously; 甲乙丙 is followed by 18 different trigrams, so
its pairs name more than 15 trigrams (their numbers are then whole varints, not half bytes)."""


def _fuzz_body(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(10, 40)):
        parts.append(rng.choice(WORDS))
        if rng.random() < 0.15:
            parts.append("，")
    return "".join(parts) + "。"


@pytest.fixture(scope="module", params=["whole", "parts"])
def fuzz_site(request: pytest.FixtureRequest, site_root: Path, tmp_path_factory: pytest.TempPathFactory,
              ) -> tuple[str, dict[str, str]]:
    """Reports made of WORDS in segments of 4 reports. "whole": a trigram's pairs are never split by follower
    (the sample site splits them all), so some entries name many trigrams; "parts": every trigram's pairs are
    split by follower and every bucket into parts by the follower and the character before."""
    from site_builder.search import adjacency, index

    rng = random.Random(20261124)
    name = "fuzz" if request.param == "whole" else "fuzz-parts"
    project = tmp_path_factory.mktemp(name)
    (project / "content").mkdir()
    (project / "site.yaml").write_text(BASE_SITE, encoding="utf-8")
    texts = {}
    for n in range(14):
        body = _fuzz_body(rng)
        title = f"第{n}号报告"
        texts[title] = normalize(title + "\n" + body)
        (project / "content" / f"r{n}.md").write_text(
            report_text(index=f"fz/2025-{n}", title=title, written="2025-01-01", published=f"2025-01-{n + 1:02d}", body=body), encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(index, "SEGMENT", 4)
        patch.setattr(index, "TARGET_SHARD_BYTES", 64)
        patch.setattr(index, "MIN_SHARD_BYTES", 16)
        patch.setattr(adjacency, "PAIR_SPLIT_BYTES", 1 << 30 if request.param == "whole" else 0)
        patch.setattr(adjacency, "PART_SPLIT_BYTES", 0)
        patch.setattr(adjacency, "PART_TAIL_BYTES", 0)  # every part with more than PART_HEAD positions has a tail
        patch.setattr(adjacency, "PART_HEAD", 1)
        build(project, site_root / name, dt.date(2026, 1, 1), downloads=False)
    shards = [(shard.parent, read_shard(shard.read_bytes())) for shard in (site_root / name / "search/s").glob("*/*.bin")]
    if request.param == "parts":  # entries of kind 6 list the files of a bucket's parts, and heads of kind 7
        assert sum(1 for _, found in shards for key, e in found.items() if e[0] == 6) > 20
        assert sum(1 for f in (site_root / name / "search/s").glob("*/x/*.bin") if f.read_bytes()[0] == 7) > 20
        return f"{name}/", texts
    entries = [(folder, e) for folder, found in shards for key, e in found.items() if key.endswith("^")]
    entries = [(folder / "x" / f"{read_varint(e, 1)[0]}.bin").read_bytes() if e[0] == 2 else e for folder, e in entries]
    assert any(read_varint(e, read_varint(e, 1)[1])[0] >= 16 for e in entries)  # texts named (after `same follower`)
    return f"{name}/", texts


def _fuzz_queries(texts: dict[str, str]) -> list[str]:
    rng = random.Random(7)
    runs = [run for text in texts.values() for run in re.findall(r"[\u4e00-\u9fff]{14,}", text)]
    queries = []
    for _ in range(12):  # phrases that occur
        run = rng.choice(runs)
        size = rng.randint(6, 14)
        start = rng.randint(0, len(run) - size)
        queries.append(run[start : start + size])
    for _ in range(12):  # words run together: often in no report, or with every 6-gram present apart
        queries.append("".join(rng.choice(WORDS) for _ in range(4))[: rng.randint(6, 14)])
    return queries


def test_phrases_are_exact_under_every_plan(plan_page: Any, site_url: str,
                                            fuzz_site: tuple[str, dict[str, str]]) -> None:
    """A differential test: every plan must give exactly the reports whose text holds the phrase, for phrases
    of 6–14 characters and of 4–9 (one page for both: the second list finds most index files fetched)."""
    _assert_exact(plan_page, site_url, fuzz_site, _fuzz_queries(fuzz_site[1]), occurring=12, absent=1)
    _assert_exact(plan_page, site_url, fuzz_site, _short_fuzz_queries(fuzz_site[1]), occurring=18, absent=3,
                  loaded=True)
    if fuzz_site[0] == "fuzz-parts/" and plan_page.evaluate("window.sbSearchPlan") in ("pairs", "cover"):
        assert plan_page.evaluate("window.sbSearchTails()") > 0  # some documents were decided by the parts' tails


def _assert_exact(page: Any, site_url: str, fuzz_site: tuple[str, dict[str, str]], queries: list[str],
                  occurring: int, absent: int, loaded: bool = False) -> None:
    """Each query gives exactly the reports whose text holds it; so many occur somewhere and so many nowhere
    (the queries are not all trivially empty, nor all found). The first goes through the page, unless it is
    `loaded` already; the others through search.js's hook."""
    prefix, texts = fuzz_site
    assert sum(1 for q in queries if any(q in t for t in texts.values())) >= occurring
    assert sum(1 for q in queries if not any(q in t for t in texts.values())) >= absent
    if not loaded:
        _, shown = run_query(page, site_url + prefix, queries[0])
        assert set(shown) == set(page.evaluate("q => window.sbSearch(q)", queries[0]))
    for query in queries:
        expected = {title for title, text in texts.items() if query in text}
        titles = page.evaluate("q => window.sbSearch(q)", query)
        assert set(titles) == expected and len(titles) == len(expected), (query, sorted(set(titles) ^ expected))


def _short_fuzz_queries(texts: dict[str, str]) -> list[str]:
    """Phrases of 4–9 characters: cut anywhere in a run, at its start or at its end (where the text before or
    after a trigram is cut short), and words run together."""
    rng = random.Random(8)
    runs = [run for text in texts.values() for run in re.findall(r"[\u4e00-\u9fff]{9,}", text)]
    queries = []
    for n in range(18):
        run = rng.choice(runs)
        size = rng.randint(4, 9)
        start = [rng.randint(0, len(run) - size), 0, len(run) - size][n % 3]
        queries.append(run[start : start + size])
    for _ in range(12):
        queries.append("".join(rng.choice(WORDS) for _ in range(3))[: rng.randint(4, 9)])
    return queries


LINKED_BODIES = ["子丑寅丁戊己庚辛壬。", "甲乙丙丁戊己庚辛壬。", "卯辰巳丁戊己庚辛壬癸子丑，庚辛壬午。", "甲乙丙丁戊己庚辛壬癸子丑。",
                 "卯辰巳丁戊己庚辛壬癸子丑，辰巳午丁戊己庚辛壬午未申。", "甲乙丙丁戊己。庚辛壬癸子丑。",
                 "甲乙丙丁戊己未申。卯辰巳丁戊己庚辛壬癸子丑，庚辛壬午。", "甲乙丙丁戊己庚辛壬癸子丑。丁戊己庚辛壬癸子丑。",
                 "金木水火土日月星，天地水火土日月星。", "山川水火土日月星，天地水火土日月星。", "金木水火土风雨雷，天地水火土风雨雷。",
                 "山川水火土风雨雷，金木水火土日月星。", "金木水火土日月星。", "天地水火土日月星，金木水火土日月星，山川水火土日月星。",
                 "甲金木水火土日月星，天地木水火土日月星。", "乙天地木水火土风雨雷，丙山川木水火土风雨雷。",
                 "甲天地木水火土日月星，乙天地木水火土日月星，丙地木水火土日月星。"]
"""In most of these 丁戊己 and 庚辛壬 only ever occur together (a linked 6-gram, no positions); only the second and
fourth have 甲乙丙 before them, so 6-grams that leave out the phrase's start must not be taken for the whole
phrase (the fifth: 庚辛壬癸子丑 checks 丁戊己 before it, and the linked 丁戊己庚辛壬 reaches no further back), nor
two linked 6-grams with a gap between them (the sixth: 甲乙丙丁戊己 and 庚辛壬癸子丑, never in a row).
In the last two 甲乙丙 is always followed by 丁戊己, but 丁戊己 also occurs without it (linked one way only): in the
seventh 丁戊己庚辛壬癸子丑 (checked from 庚辛壬 with its predecessor) must not be taken to have 甲乙丙 before it; in
the eighth every trigram of the phrase is always followed by the next, so the phrase is where 甲乙丙 is.
From the ninth on, 水火土 is always followed by one trigram (日月星 or 风雨雷) after different ones (金木, 天地, 山川):
a window there cannot check the text before it, and the phrase up to 水火土 then its follower decides instead;
in the last three the texts before it differ but end alike (木, 木, 地木): that is checked, the rest is not known."""


@pytest.fixture(scope="module")
def linked_site(site_root: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    project = tmp_path_factory.mktemp("linked")
    (project / "content").mkdir()
    (project / "site.yaml").write_text(BASE_SITE, encoding="utf-8")
    for n, body in enumerate(LINKED_BODIES):
        (project / "content" / f"r{n}.md").write_text(report_text(
            index=f"lk/2025-{n}", title=f"第{n}篇", written="2025-01-01", published=f"2025-01-{n + 2:02d}", body=body),
            encoding="utf-8")
    build(project, site_root / "linked", dt.date(2026, 1, 1), downloads=False)
    return "linked/"


def _linked_titles(page: Any, base: str, query: str) -> list[str]:
    """The titles a query finds on the linked site: through the page (every results page) when the page is not
    on that site's search yet, else through search.js's hook, which runs the same search without a reload."""
    if page.url.startswith(base + "search.html") and page.evaluate("typeof window.sbSearch") == "function":
        return list(page.evaluate("q => window.sbSearch(q)", query))
    return run_query(page, base, query)[1]


def test_a_window_on_a_trigram_linked_after_different_texts_is_decided_exactly(plan_page: Any, site_url: str,
                                                                               linked_site: str) -> None:
    """Under "window-last" and "window-longer" the window is at 水火土 (linked, its predecessors differ): what
    they end with decides a report when the phrase has no more before 水火土; the reports left undecided go to
    the window at 0 or, per follower, to the phrase extended by it."""
    for query, expected in (("金木水火土", {8, 10, 11, 12, 13, 14}), ("木水火土", {8, 10, 11, 12, 13, 14, 15, 16}),
                            ("地水火土日", {8, 9, 13}), ("川水火土风", {11}), ("水火土日月", {8, 9, 11, 12, 13, 14, 16}),
                            ("天地水火土风", {10}), ("地木水火土", {14, 15, 16}), ("木水火土日", {8, 11, 12, 13, 14, 16}),
                            ("川木水火土风", {15}), ("天地木水火土", {14, 15, 16}), ("川木水火土", {15})):
        assert {n for n, body in enumerate(LINKED_BODIES) if query in body} == expected
        titles = _linked_titles(plan_page, site_url + linked_site, query)
        assert sorted(titles) == sorted(f"第{n}篇" for n in expected), (query, titles)


def test_a_linked_6_gram_does_not_stand_for_the_start_of_the_phrase(plan_page: Any, site_url: str,
                                                                     linked_site: str) -> None:
    for query, expected in (("甲乙丙丁戊己庚辛壬", {"第1篇", "第3篇", "第7篇"}), ("甲乙丙丁戊己庚辛壬癸子丑", {"第3篇", "第7篇"}),
                            ("丁戊己庚辛壬癸子丑", {"第2篇", "第3篇", "第4篇", "第6篇", "第7篇"})):
        assert {f"第{n}篇" for n, body in enumerate(LINKED_BODIES) if query in body} == expected
        titles = _linked_titles(plan_page, site_url + linked_site, query)
        assert set(titles) == expected and len(titles) == len(expected), (query, titles)
