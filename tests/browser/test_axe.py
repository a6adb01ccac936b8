"""axe-core finds no WCAG 2.0/2.1/2.2 A/AA violation on any page type, in every look; beyond AA, every look
passes the 7:1 (AAA) contrast rule, all content sits in landmarks and no two landmarks share a name. A
deliberately broken fixture proves the check can fail."""

from __future__ import annotations

import json
from typing import Any

import pytest

from .conftest import PAGES, describe, run_axe

MODES: dict[str, dict[str, str]] = {
    "default": {},
    "toolbar-open": {"toolbar": "open", "speech": "on"},
    "hc-light": {"toolbar": "open", "theme": "hc-light"},
    "hc-dark": {"toolbar": "open", "theme": "hc-dark"},
    "elder": {"toolbar": "open", "elder": "on", "font": "150"},
}

BEYOND_AA = ("color-contrast-enhanced", "region", "landmark-unique")
"""AAA contrast and two best practices a screen reader user navigating by landmarks relies on."""


def with_settings(context: Any, settings: dict[str, str]) -> None:
    context.add_init_script(f"window.localStorage.setItem('sb-a11y', {json.dumps(json.dumps(settings))});")


@pytest.mark.parametrize("mode", list(MODES))
def test_no_axe_violations_on_any_page(mode: str, browser_context_factory: Any, site_url: str) -> None:
    context = browser_context_factory()
    with_settings(context, MODES[mode])
    page = context.new_page()
    rules = {rule: {"enabled": True} for rule in BEYOND_AA}
    failures = []
    for name, path in PAGES.items():
        page.goto(site_url + path)
        if MODES[mode].get("theme"):
            assert page.evaluate("document.documentElement.dataset.theme") == MODES[mode]["theme"]
        result = run_axe(page, rules)
        checked = len(result["passes"]) + len(result["violations"]) + len(result["incomplete"]) + len(result["inapplicable"])
        assert checked > 50, f"axe ran only {checked} rules on {name}"
        if result["violations"]:
            failures.append(f"[{mode}] {name}:\n{describe(result['violations'])}")
    context.close()
    assert not failures, "\n".join(failures)


def test_broken_fixture_fails_the_same_check(page: Any, base_url: str) -> None:
    page.goto(base_url + "test-fixtures/broken.html")
    ids = {v["id"] for v in run_axe(page, {rule: {"enabled": True} for rule in BEYOND_AA})["violations"]}
    assert {"image-alt", "color-contrast", *BEYOND_AA} <= ids
