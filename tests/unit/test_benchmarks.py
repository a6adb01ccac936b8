"""The benchmark helpers (not run as benchmarks here): the synthetic reports build cleanly, and floor.py writes
a page for each report."""

import datetime as dt
from pathlib import Path

import pytest

from benchmarks.floor import render_chunk
from benchmarks.generate import generate
from site_builder.build import build


def test_synthetic_reports_build_and_the_libraries_alone_render_each(tmp_path: Path) -> None:
    generate(5, tmp_path / "project", chars=600)
    sources = sorted((tmp_path / "project/content").rglob("*.md"))
    assert len(sources) == 5
    build(tmp_path / "project", tmp_path / "site", dt.date(2026, 1, 1), downloads=False, search=False)
    assert len(list((tmp_path / "site/xxgk").rglob("*.html"))) > 5
    assert render_chunk(([str(p) for p in sources], str(tmp_path / "floor"), True)) == 5
    pages = sorted((tmp_path / "floor").rglob("*.html"))
    assert [p.stem for p in pages] == [p.stem for p in sources]
    html = pages[0].read_text(encoding="utf-8")
    assert "（第1号）</title>" in html and "<th>索引号</th>" in html and "<h1>" in html


def test_search_bench_arguments() -> None:
    from benchmarks.search_bench import parse_args

    assert parse_args([]) == ([1000], 40, [11])
    assert parse_args(["10000", "--phrases", "319", "--seeds", "11", "12", "13"]) == ([10000], 319, [11, 12, 13])
    assert parse_args(["--seeds", "5", "--phrases", "3", "100", "200"]) == ([100, 200], 3, [5])


def test_compare_arguments_and_rows() -> None:
    from benchmarks.compare import Result, parse_args, row

    assert parse_args([]) == ([1000], None, 1)
    assert parse_args(["1000", "10000", "--dir", "/dev/shm"]) == ([1000, 10000], "/dev/shm", 1)
    assert parse_args(["10000", "--repeat", "3"]) == ([10000], None, 3)
    with pytest.raises(SystemExit):
        parse_args(["--repeat", "0"])
    line = row("site_builder clean", Result(10.0, 20.0, 100, 2.5), Result(5.0, 9.0, 2000, 1.0))
    assert "wall   10.00 s" in line and "(sys  2.50)" in line and "×Hugo: wall 2.00, memory 0.05" in line


def test_the_median_ratio_pairs_each_run_with_its_hugo_run() -> None:
    from benchmarks.compare import Result, median_ratio

    pairs = [(Result(12.0, 0, 0), Result(8.0, 0, 0)), (Result(15.0, 0, 0), Result(10.0, 0, 0)),
             (Result(18.0, 0, 0), Result(9.0, 0, 0))]
    assert median_ratio(pairs) == "median ×Hugo 1.50 (runs: 1.50, 1.50, 2.00)"
