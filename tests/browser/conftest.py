"""Browser fixtures: the sample site served on 127.0.0.1 (as its site.yaml says, at the root), and Debian's headless Chromium
driven by Playwright. Without Chromium the tests skip locally but fail loudly in CI (CI=true)."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from site_builder.build import build
from site_builder.search.encode import read_shard

from ..conftest import REPO, TODAY

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
FIXTURES = "test-fixtures"
AXE = Path(__import__("axe_playwright_python").__file__).parent / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]

PAGES = {
    "home": "index.html",
    "column": "xxgk/fdzdgknr/jcgk/ndjhzj/index.html",
    "column-page-2": "xxgk/fdzdgknr/jcgk/ndjhzj/index_2.html",
    "parent-column": "xxgk/fdzdgknr/index.html",
    "directory": "xxgk/index.html",
    "by-year": "xxgk/nf/2025/index.html",
    "detail-toc": "xxgk/fdzdgknr/jcgk/ndjhzj/luozhuangqulz207-2023-0000131.html",
    "detail-table": "xxgk/fdzdgknr/zxgk/pfzrz/luozhuangqulz207-2025-0000013.html",
    "detail-traditional": "xxgk/fdzdgknr/zxgk/pfzrz/11652800010130612a-2025-00021.html",
    "sitemap": "sitemap.html",
    "statement": "wzasm.html",
    "not-found": "404.html",
    "search": "search.html?q=%E6%B3%95%E6%B2%BB%E5%AE%A3%E4%BC%A0",
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        pass


@pytest.fixture(scope="session")
def site_root() -> Iterator[Path]:
    """A web root holding the built sample site, plus the test fixtures under /test-fixtures/. The search
    index is cut into segments of 5 documents with small shards, so the browser tests query across several
    segments and read both shard entries and big terms' own files; a trigram's pairs are split by follower
    as soon as they pass 8 bytes, so the bucket entries are read too, a bucket into parts from 40 bytes
    (some buckets are split, some not), and a part into head and tail from 24 (heads keep 1 position)."""
    from site_builder.search import adjacency, index

    with tempfile.TemporaryDirectory() as tmp, pytest.MonkeyPatch.context() as patch:
        www = Path(tmp) / "www"
        patch.setattr(index, "SEGMENT", 5)
        patch.setattr(index, "TARGET_SHARD_BYTES", 80)
        patch.setattr(index, "MIN_SHARD_BYTES", 16)
        patch.setattr(adjacency, "PAIR_SPLIT_BYTES", 8)
        patch.setattr(adjacency, "PART_SPLIT_BYTES", 40)
        patch.setattr(adjacency, "PART_TAIL_BYTES", 24)
        patch.setattr(adjacency, "PART_HEAD", 1)
        build(REPO, www, TODAY)
        patch.undo()
        assert len(list((www / "search/s").iterdir())) > 2
        assert len(list((www / "search/s").glob("*/x/*.bin"))) > 20
        keys = {key for shard in (www / "search/s").glob("*/*.bin") for key in read_shard(shard.read_bytes())}
        assert any(key[3:4] == "^" and len(key) == 5 for key in keys) and any(key[3:] == "^" for key in keys)
        (www / FIXTURES).mkdir()
        for fixture in (Path(__file__).parent / "fixtures").iterdir():
            shutil.copy(fixture, www / FIXTURES / fixture.name)
        yield www


@pytest.fixture(scope="session")
def base_url(site_root: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(site_root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def site_url(base_url: str) -> str:
    return base_url


@pytest.fixture(scope="session")
def browser_context_factory() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"Chromium not found at {CHROMIUM}: CI must install it (apt-get install -y chromium)")
        pytest.skip("Chromium is not installed (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        # One Chromium for the session (Playwright gives it a fresh temporary --user-data-dir), a new isolated
        # context per test: starting a browser for every test took about a third of the browser tests' time.
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)

        def factory(**options: Any) -> Any:
            # Test tools (axe, polling) inject scripts the pages' CSP rightly forbids; test_csp.py turns it back on.
            options.setdefault("bypass_csp", True)
            return browser.new_context(viewport=options.pop("viewport", {"width": 1280, "height": 900}), **options)

        yield factory
        browser.close()


@pytest.fixture
def page(browser_context_factory: Any) -> Iterator[Any]:
    context = browser_context_factory()
    page = context.pages[0] if context.pages else context.new_page()
    yield page
    context.close()


def run_axe(page: Any, extra_rules: dict[str, Any] | None = None) -> dict[str, Any]:
    """axe-core's result for the WCAG 2.0/2.1/2.2 A and AA rules on the current page."""
    page.add_script_tag(path=str(AXE))
    options: dict[str, Any] = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    if extra_rules:
        options["rules"] = extra_rules
    return page.evaluate("options => axe.run(document, options)", options)  # type: ignore[no-any-return]


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        targets = [n["target"] for n in v["nodes"][:3]]
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} → {targets}")
    return "\n".join(lines)
