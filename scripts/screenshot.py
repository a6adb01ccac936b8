"""Screenshot a page in Debian's headless Chromium.

python scripts/screenshot.py URL-or-FILE OUT.png [WIDTH] [SETTINGS-JSON]
SETTINGS-JSON is the toolbar state to start with, e.g. '{"theme": "hc-dark", "toolbar": "open"}'.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def main() -> None:
    target, out = sys.argv[1], sys.argv[2]
    url = target if target.startswith("http") else Path(target).resolve().as_uri()
    width = int(sys.argv[3]) if len(sys.argv) > 3 else 1280
    settings = json.loads(sys.argv[4]) if len(sys.argv) > 4 else None
    with tempfile.TemporaryDirectory() as profile, sync_playwright() as p:
        browser = p.chromium.launch_persistent_context(profile, executable_path="/usr/bin/chromium",
                                                       args=CHROMIUM_ARGS, viewport={"width": width, "height": 900})
        if settings is not None:
            browser.add_init_script(f"localStorage.setItem('sb-a11y', {json.dumps(json.dumps(settings))});")
        page = browser.new_page()
        page.goto(url)
        page.screenshot(path=out, full_page=True)
        browser.close()


if __name__ == "__main__":
    main()
