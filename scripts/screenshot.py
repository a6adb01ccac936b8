"""Screenshot built pages in Debian's headless Chromium: python scripts/screenshot.py PAGE.html OUT.png [WIDTH]."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def main() -> None:
    page_path, out = Path(sys.argv[1]).resolve(), sys.argv[2]
    width = int(sys.argv[3]) if len(sys.argv) > 3 else 1280
    with tempfile.TemporaryDirectory() as profile, sync_playwright() as p:
        browser = p.chromium.launch_persistent_context(profile, executable_path="/usr/bin/chromium",
                                                       args=CHROMIUM_ARGS, viewport={"width": width, "height": 900})
        page = browser.new_page()
        page.goto(page_path.as_uri())
        page.screenshot(path=out, full_page=True)
        browser.close()


if __name__ == "__main__":
    main()
