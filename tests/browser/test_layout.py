"""Reflow at 320 CSS px (WCAG 1.4.10), text-spacing overrides (1.4.12), print, no JavaScript, and no
request leaving the site's own origin."""

from __future__ import annotations

import io
from typing import Any

import pytest

from .conftest import PAGES

TEXT_SPACING = """() => {
  const style = document.createElement('style');
  style.textContent = `* { line-height: 1.5 !important; letter-spacing: 0.12em !important;
    word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }`;
  document.head.appendChild(style);
}"""
OVERFLOW = """() => {
  const doc = document.documentElement;
  const wide = [];
  for (const el of document.querySelectorAll('body *')) {
    if (el.closest('.table-scroll, .visually-hidden, [hidden]')) continue;
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.right > doc.clientWidth + 1) wide.push(el.tagName + '.' + el.className);
  }
  return {scroll: doc.scrollWidth, client: doc.clientWidth, wide: wide.slice(0, 5)};
}"""


@pytest.mark.parametrize("settings", [{}, {"elder": "on"}, {"font": "200", "toolbar": "open"}], ids=["default", "elder", "200%"])
def test_no_horizontal_scroll_at_320px(settings: dict[str, str], browser_context_factory: Any, site_url: str) -> None:
    import json

    context = browser_context_factory(viewport={"width": 320, "height": 640})
    context.add_init_script(f"localStorage.setItem('sb-a11y', {json.dumps(json.dumps(settings))});")
    page = context.new_page()
    failures = []
    for name, path in PAGES.items():
        page.goto(site_url + path)
        result = page.evaluate(OVERFLOW)
        if result["scroll"] > result["client"] or result["wide"]:
            failures.append((name, result))
    context.close()
    assert not failures, failures


def test_long_unbroken_lines_wrap_at_320px(browser_context_factory: Any, site_root: Any, base_url: str,
                                          tmp_path: Any) -> None:
    """A 300-character line in a fenced block made the whole page 3,267 px wide at 375 (WCAG 1.4.10); a long
    address in a paragraph wraps as well."""
    from site_builder.build import build

    from ..conftest import BASE_SITE, TODAY, report_text

    project = tmp_path / "long"
    (project / "content").mkdir(parents=True)
    (project / "site.yaml").write_text(BASE_SITE, encoding="utf-8")
    body = f"详见 https://www.example.gov.cn/{'abcdefghij' * 30} 的说明。\n\n```\n{'0123456789' * 30}\n```\n"
    (project / "content" / "a.md").write_text(report_text(index="t/1", body=body), encoding="utf-8")
    build(project, site_root / "test-fixtures" / "long", TODAY, downloads=False, search=False)
    context = browser_context_factory(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(base_url + "test-fixtures/long/xxgk/fdzdgknr/jcgk/t-1.html")
    result = page.evaluate(OVERFLOW)
    context.close()
    assert result["scroll"] <= result["client"] and not result["wide"], result


def test_text_spacing_override_loses_nothing(browser_context_factory: Any, site_url: str) -> None:
    context = browser_context_factory(viewport={"width": 320, "height": 640})
    page = context.new_page()
    failures = []
    for name, path in PAGES.items():
        page.goto(site_url + path)
        page.evaluate(TEXT_SPACING)
        result = page.evaluate(OVERFLOW)
        if result["scroll"] > result["client"] or result["wide"]:
            failures.append((name, result))
        clipped = page.evaluate("""() => Array.from(document.querySelectorAll('a, button, th, td, h1, h2, p'))
            .filter(el => !el.closest('.visually-hidden') && getComputedStyle(el).overflow === 'hidden'
                          && el.scrollHeight > el.clientHeight + 1)
            .map(el => el.tagName).slice(0, 3)""")
        if clipped:
            failures.append((name, clipped))
    context.close()
    assert not failures, failures


def test_tables_sit_in_a_keyboard_scrollable_region(browser_context_factory: Any, site_url: str) -> None:
    context = browser_context_factory(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(site_url + PAGES["detail-table"])
    box = page.evaluate("""() => { const s = document.querySelector('#article-body .table-scroll');
        return {scroll: s.scrollWidth, client: s.clientWidth, tab: s.tabIndex, role: s.getAttribute('role')}; }""")
    assert box["scroll"] >= box["client"] and box["tab"] == 0 and box["role"] == "region"
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    context.close()


def test_print_shows_metadata_and_body_without_navigation(page: Any, site_url: str) -> None:
    page.goto(site_url + PAGES["detail-toc"])
    page.emulate_media(media="print")
    display = "sel => getComputedStyle(document.querySelector(sel)).display"
    for hidden in (".site-header", ".topbar", ".breadcrumb", ".site-footer", ".article-tools", ".toc", ".prev-next"):
        assert page.evaluate(display, hidden) == "none", hidden
    for shown in (".meta-table", "#article-title", "#article-body"):
        assert page.evaluate(display, shown) != "none", shown


def test_every_page_usable_without_javascript(browser_context_factory: Any, site_url: str) -> None:
    context = browser_context_factory(java_script_enabled=False)
    page = context.new_page()
    for name, path in PAGES.items():
        page.goto(site_url + path)
        assert page.is_visible("#a11y-entry"), name  # the statement link stands in for the toolbar
        assert not page.is_visible("#a11y-toggle") and not page.is_visible("#a11y-toolbar"), name
        assert page.locator("main h1").count() == 1, name
    page.goto(site_url + PAGES["column"])
    page.click("text=下一页")
    assert page.url.endswith("index_2.html")
    page.click("text=2021年珠晖区普法与依法治理工作要点")
    assert page.locator("#article-title").inner_text() == "2021年珠晖区普法与依法治理工作要点"
    assert not page.is_visible('[data-action="print"]')  # needs JavaScript, so it is not offered
    page.click('[data-action="close"]')
    assert page.url.endswith("ndjhzj/index.html")
    context.close()


def test_no_request_leaves_the_site(browser_context_factory: Any, site_url: str) -> None:
    context = browser_context_factory()
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    for path in PAGES.values():
        page.goto(site_url + path)
        if page.get_attribute("#a11y-toggle", "aria-expanded") != "true":
            page.click("#a11y-toggle")
        page.click('[data-a11y="cursor"]')
        page.click('[data-tool="reset"]')
    context.close()
    foreign = [url for url in requests if not url.startswith(site_url)]
    assert requests and not foreign, foreign[:5]


def test_one_h1_and_unbroken_heading_outline(page: Any, site_url: str) -> None:
    for name, path in PAGES.items():
        page.goto(site_url + path)
        levels = page.evaluate("Array.from(document.querySelectorAll('h1,h2,h3,h4,h5,h6')).map(h => +h.tagName[1])")
        assert levels.count(1) == 1 and levels[0] == 1, (name, levels)
        for before, after in zip(levels, levels[1:], strict=False):
            assert after <= before + 1, (name, levels)


SMALL_TARGETS = """() => {
  const found = [];
  const controls = document.querySelectorAll('button, input:not([type=hidden]), select, textarea, [role=button], '
    + '.a11y-entry, .pagination a, .main-nav a, .tool-button');
  for (const el of controls) {
    const box = el.getBoundingClientRect();
    if (!box.width || !box.height || getComputedStyle(el).visibility === 'hidden') { continue; }
    if (box.width < 43.5 || box.height < 43.5) {
      found.push(`${el.tagName.toLowerCase()}#${el.id}.${el.className} ${Math.round(box.width)}×${Math.round(box.height)}`);
    }
  }
  return found;
}"""


@pytest.mark.parametrize("javascript", [True, False])
def test_every_control_is_a_44px_target(javascript: bool, browser_context_factory: Any, site_url: str) -> None:
    """WCAG 2.5.5 (AAA): buttons, fields and the links that act as controls are at least 44 × 44 CSS px (the
    无障碍浏览 entry was 32 px high beside the 44 px 关怀版 switch). Links inside running text are exempt."""
    context = browser_context_factory(java_script_enabled=javascript)
    page = context.new_page()
    for name, path in PAGES.items():
        page.goto(site_url + path)
        if javascript and name == "detail-toc":
            page.click("#a11y-toggle")  # the toolbar's own buttons too
        assert page.evaluate(SMALL_TARGETS) == [], name
    context.close()


def test_compacted_pages_look_like_the_templates_as_written(browser_context_factory: Any, site_root: Any,
                                                           base_url: str, sample_site: Any) -> None:
    """Minified pages come from templates compacted as they compile (compact.py), which drops only whitespace
    that cannot show: each page reads (innerText) and looks (every pixel, at 1280 and 375 px) exactly like the
    same page built from the templates as written (--no-minify)."""
    import shutil

    from PIL import Image, ImageChops

    plain = site_root / "test-fixtures" / "plain"
    if not plain.exists():
        shutil.copytree(sample_site, plain)
    pages = [path for name, path in PAGES.items() if name != "search"] + ["search.html"]
    context = browser_context_factory()
    page = context.new_page()
    differ = []
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        for path in pages:
            seen = []
            for url in (base_url + path, base_url + "test-fixtures/plain/" + path):
                page.goto(url)
                seen.append((page.evaluate("document.body.innerText"),
                             Image.open(io.BytesIO(page.screenshot(full_page=True))).convert("RGB")))
            (text, shot), (plain_text, plain_shot) = seen
            if text != plain_text or shot.size != plain_shot.size \
                    or ImageChops.difference(shot, plain_shot).getbbox() is not None:
                differ.append((width, path))
    context.close()
    assert not differ
