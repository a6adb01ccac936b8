"""Search index benchmark: python benchmarks/search_bench.py [N ...]

Builds N synthetic reports (HTML and search index only), then prints the index size against the site's HTML
bytes, the bytes a first query fetches (gzip-compressed, as a web server sends them), and the time a query
takes in headless Chromium once its shards have arrived. Not part of the test run."""

from __future__ import annotations

import datetime as dt
import functools
import gzip
import http.server
import json
import re
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.generate import generate  # noqa: E402
from site_builder.build import build  # noqa: E402
from site_builder.search.encode import fnv1a, read_shard, read_varint  # noqa: E402
from site_builder.search.index import EXTERNAL  # noqa: E402
from site_builder.search.normalize import normalize  # noqa: E402

QUERIES = ["法治宣传", "宪法 民法典", "普法责任清单制度", "习近平法治思想", "法律明白人", "luozhuangqulz207/2020-00001"]


def gz(data: bytes) -> int:
    return len(gzip.compress(data, 6))


def first_query_bytes(site: Path, query: str) -> int:
    """meta.json + fold.json + the shards of the query's terms + one chunk of titles, gzip-compressed."""
    meta = json.loads((site / "search/meta.json").read_text(encoding="utf-8"))
    terms: set[str] = set()
    for raw in query.split():
        n = normalize(raw)
        if "/" in raw:
            terms.add("#" + n)
        for run in re.findall(r"[\u3400-\u9fff\uf900-\ufaff]+", n):  # what search.js fetches for a run
            if len(run) <= 2:
                terms.add(run)
            else:  # the covering trigrams
                terms |= {run[i : i + 3] for i in {*range(0, len(run) - 2, 3), len(run) - 3}}
    files = [site / "search/meta.json", site / "search/fold.json", site / "search/d/0.json"]
    for number, segment in enumerate(meta["segments"]):
        for term in terms:
            shard = site / f"search/s/{number}/{fnv1a(term) % segment[2]}.bin"
            files.append(shard)
            postings = read_shard(shard.read_bytes()).get(term, b"")
            if postings[:1] == bytes([EXTERNAL]):
                files.append(site / f"search/s/{number}/x/{read_varint(postings, 1)[0]}.bin")
    return sum(gz(f.read_bytes()) for f in sorted(set(files)))



def browser_times(site: Path) -> dict[str, tuple[float, float, str]]:
    from playwright.sync_api import sync_playwright

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"]
    out = {}
    with tempfile.TemporaryDirectory() as profile, sync_playwright() as p:
        context = p.chromium.launch_persistent_context(profile, executable_path="/usr/bin/chromium", args=args)
        page = context.new_page()
        for query in QUERIES:
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/search.html?q={quote(query)}")
            page.wait_for_selector("#search-app[data-ready=true]", timeout=120_000)
            out[query] = (float(page.get_attribute("#search-app", "data-query-ms") or 0),
                          float(page.get_attribute("#search-app", "data-warm-query-ms") or 0),
                          page.inner_text("#search-status"))
        context.close()
    server.shutdown()
    return out


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [1000]
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
            times = browser_times(site)
            for query in QUERIES:
                cold, warm, status = times[query]
                print(f"  {query}: first query fetches {first_query_bytes(site, query) / 1024:.0f} KB gzip; "
                      f"{cold:.0f} ms with fetching, {warm:.1f} ms once shards arrived; {status}")


if __name__ == "__main__":
    main()
