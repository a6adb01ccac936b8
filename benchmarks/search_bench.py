"""Search index benchmark: python benchmarks/search_bench.py [N ...] [--phrases K] [--seeds S ...]

Builds N synthetic reports (HTML and search index only), then prints the index size against the site's HTML
bytes, the bytes a first query fetches (gzip-compressed, as a web server sends them), and the time a query
takes in headless Chromium once its shards have arrived. Not part of the test run."""

from __future__ import annotations

import datetime as dt
import functools
import gzip
import http.server
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.generate import generate  # noqa: E402
from site_builder.build import build  # noqa: E402

QUERIES = ["法治宣传", "宪法 民法典", "普法责任清单制度", "习近平法治思想", "法律明白人", "luozhuangqulz207/2020-00001",
           "普法责法律明", "法律明白人普法责任清单", "宪法民法典", "切实做好法治文化阵地建设",
           "全面落实普法责任清单制度", "扎实推进法律明白人培育", "深入学习宣传宪法贯彻实施", "推进法律"]
"""Hard cases: words typed without a space, each in every report, never side by side (their trigrams' heads
cannot rule a report out); long phrases of common words found in a tenth to a half of the reports, mostly
after the first occurrences of their trigrams (decided from their 6-grams); and a 4-character phrase across two
common words (decided from one trigram and the text around it)."""


def sample_phrases(project: Path, count: int, seed: int = 11) -> list[str]:
    """Phrases of 4–16 characters cut from random reports: queries nobody chose to be easy or hard."""
    import random
    import re

    rng = random.Random(seed)
    files = sorted((project / "content").rglob("*.md"))
    found: list[str] = []
    while len(found) < count:
        body = rng.choice(files).read_text(encoding="utf-8").split("---", 2)[2]
        run = rng.choice(re.findall(r"[\u4e00-\u9fff]{4,}", body))
        size = rng.randint(4, min(16, len(run)))
        start = rng.randint(0, len(run) - size)
        if run[start : start + size] not in found:
            found.append(run[start : start + size])
    return found


def gz(data: bytes) -> int:
    return len(gzip.compress(data, 6))


def browser_queries(site: Path, queries: list[str] | None = None) -> dict[str, tuple[float, float, str, int]]:
    """Each query in a fresh browser context (empty cache): time with fetching, time once its shards are in
    memory, the status line, and the gzip-compressed bytes of the index files it requested."""
    from playwright.sync_api import sync_playwright

    requested: list[str] = []

    class Recording(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            requested.append(self.path.split("?")[0])
            super().do_GET()

    class Quiet(http.server.ThreadingHTTPServer):
        def handle_error(self, request: object, client_address: object) -> None:
            pass  # a page closed while its snippets loaded: the browser hung up, nothing to report

    handler = functools.partial(Recording, directory=str(site))
    server = Quiet(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"]
    out = {}
    with sync_playwright() as p:  # launch() gives the browser a fresh profile folder of its own
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=args)
        for query in queries or QUERIES:
            context = browser.new_context()
            page = context.new_page()
            requested.clear()
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/search.html?q={quote(query)}")
            page.wait_for_selector("#search-app[data-ready=true]", timeout=120_000)
            index_files = {site / path.lstrip("/") for path in requested if path.startswith("/search/")}
            later = page.get_attribute("#search-app", "data-later-segments")
            tails = page.get_attribute("#search-app", "data-tail-segments")
            plans = page.get_attribute("#search-app", "data-plans") or "-"
            out[query] = (float(page.get_attribute("#search-app", "data-query-ms") or 0),
                          float(page.get_attribute("#search-app", "data-warm-query-ms") or 0),
                          f"{page.inner_text('#search-status')} (plan: {plans}; "
                          f"pairs after the heads in {later} segments, parts' tails in {tails})",
                          sum(gz(f.read_bytes()) for f in index_files))
            context.close()
        browser.close()
    server.shutdown()
    return out


def sampled_report(project: Path, site: Path, count: int, seed: int) -> str:
    """`count` phrases cut from random reports (seed `seed`), each in a fresh browser context: the spread of the
    bytes a first query fetches and of the time once its shards arrived, and the phrases over the targets."""
    sampled = browser_queries(site, sample_phrases(project, count, seed))
    sizes = sorted(entry[3] / 1024 for entry in sampled.values())
    times = sorted(entry[1] for entry in sampled.values())

    def spread(values: list[float], unit: str) -> str:
        at = [values[min(len(values) - 1, int(len(values) * share))] for share in (0.5, 0.9, 0.99)]
        return f"median {at[0]:.0f} {unit}, p90 {at[1]:.0f}, p99 {at[2]:.0f}, max {values[-1]:.0f}"

    over = [f"{q} {f / 1024:.0f} KB" for q, (_, _, _, f) in sampled.items() if f >= 300 * 1024]
    slow = [f"{q} {w:.0f} ms" for q, (_, w, _, _) in sampled.items() if w >= 100]
    return (f"  {len(sizes)} phrases cut from random reports (seed {seed}): first query {spread(sizes, 'KB')}; "
            f"once shards arrived {spread(times, 'ms')}; over 300 KB: {', '.join(over) or 'none'}; "
            f"100 ms or more: {', '.join(slow) or 'none'}")


def parse_args(argv: list[str]) -> tuple[list[int], int, list[int]]:
    """[N ...] [--phrases K] [--seeds S ...] → (report counts, phrases per seed, seeds); defaults 1000, 40, 11."""
    args, phrases, seeds, sizes = list(argv), 40, [11], []
    while args:
        arg = args.pop(0)
        if arg == "--phrases":
            phrases = int(args.pop(0))
        elif arg == "--seeds":
            seeds = []
            while args and not args[0].startswith("--"):
                seeds.append(int(args.pop(0)))
        else:
            sizes.append(int(arg))
    return sizes or [1000], phrases, seeds


def main() -> None:
    sizes, phrases, seeds = parse_args(sys.argv[1:])
    for count in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            project = Path(tmp) / "project"
            generate(count, project)
            started = time.perf_counter()
            build(project, project / "output", dt.date(2026, 1, 1), downloads=False)
            elapsed = time.perf_counter() - started
            site = project / "output"
            html = sum(p.stat().st_size for p in site.rglob("*.html"))
            html_gz = sum(gz(p.read_bytes()) for p in site.rglob("*.html"))
            index = sum(p.stat().st_size for p in (site / "search").rglob("*") if p.is_file())
            index_gz = sum(gz(p.read_bytes()) for p in (site / "search").rglob("*") if p.is_file())
            shards = len(list((site / "search/s").rglob("*.bin")))
            print(f"\n== {count} reports (build {elapsed:.1f} s, HTML only + index)")
            print(f"HTML: {html / 1e6:.1f} MB ({html_gz / 1e6:.1f} MB gzip); index: {index / 1e6:.1f} MB "
                  f"({index_gz / 1e6:.1f} MB gzip) in {shards} shards = {100 * index / html:.0f}% of HTML bytes "
                  f"({100 * index_gz / html_gz:.0f}% compressed vs compressed)")
            for query, (cold, warm, status, fetched) in browser_queries(site).items():
                print(f"  {query}: first query fetches {fetched / 1024:.0f} KB gzip; "
                      f"{cold:.0f} ms with fetching, {warm:.1f} ms once shards arrived; {status}")
            for seed in seeds:
                print(sampled_report(project, site, phrases, seed), flush=True)


if __name__ == "__main__":
    main()
