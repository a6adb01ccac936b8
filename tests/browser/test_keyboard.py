"""Keyboard use: skip link first, then the toolbar entry; every control reachable and operable with
Tab/Enter/Space/Escape; focus always visible; never trapped."""

from __future__ import annotations

from typing import Any

from .conftest import PAGES

FOCUS_INFO = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  return {
    tag: el.tagName, id: el.id, cls: el.className, text: (el.textContent || '').trim().slice(0, 20),
    outline: style.outlineStyle, width: parseFloat(style.outlineWidth),
    inToolbar: !!el.closest('#a11y-toolbar'), inFooter: !!el.closest('footer'),
  };
}"""


def focused(page: Any) -> dict[str, Any]:
    return page.evaluate(FOCUS_INFO)  # type: ignore[no-any-return]


def test_tab_order_starts_with_skip_link_then_toolbar_entry(page: Any, site_url: str) -> None:
    page.goto(site_url + PAGES["detail-toc"])
    page.keyboard.press("Tab")
    first = focused(page)
    assert first["cls"] == "skip-link" and first["text"] == "跳到主要内容"
    page.keyboard.press("Tab")
    second = focused(page)
    assert second["id"] == "a11y-toggle" and second["text"] == "无障碍浏览"
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")  # skip link moves focus to <main>
    assert page.evaluate("document.activeElement.id") == "main"


def test_whole_page_traversal_focus_visible_and_not_trapped(page: Any, site_url: str) -> None:
    page.goto(site_url + PAGES["detail-toc"])
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # open the toolbar
    assert page.get_attribute("#a11y-toggle", "aria-expanded") == "true"
    seen: list[dict[str, Any]] = []
    for _ in range(400):
        page.keyboard.press("Tab")
        info = focused(page)
        if info["tag"] == "BODY" or info["cls"] == "skip-link":
            break
        seen.append(info)
    invisible = [f for f in seen if f["outline"] == "none" or f["width"] < 2]
    assert not invisible, invisible[:5]
    assert any(f["inToolbar"] for f in seen), "toolbar controls not reachable"
    assert seen[-1]["inFooter"], "Tab never reached the footer: focus trapped"
    toolbar_buttons = page.locator("#a11y-toolbar button:not([disabled])").count()
    assert sum(1 for f in seen if f["inToolbar"]) == toolbar_buttons


def test_toolbar_operable_with_keys_and_escape_returns_focus(page: Any, site_url: str) -> None:
    page.goto(site_url + PAGES["home"])
    page.focus("#a11y-toggle")
    page.keyboard.press("Space")
    assert page.is_visible("#a11y-toolbar")
    for _ in range(10):  # past the 关怀版 switch into the toolbar, to the 150% button
        page.keyboard.press("Tab")
        if focused(page)["text"] == "150%":
            break
    assert focused(page)["text"] == "150%" and focused(page)["inToolbar"]
    page.keyboard.press("Space")
    assert page.get_attribute('[data-a11y="font"][data-value="150"]', "aria-pressed") == "true"
    assert page.evaluate("getComputedStyle(document.documentElement).fontSize") == "24px"
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # 175%
    assert page.evaluate("getComputedStyle(document.documentElement).fontSize") == "28px"
    page.keyboard.press("Escape")
    assert not page.is_visible("#a11y-toolbar")
    assert focused(page)["id"] == "a11y-toggle"
    assert page.get_attribute("#a11y-toggle", "aria-expanded") == "false"


def test_toolbar_is_a_labelled_region_with_labelled_groups(page: Any, site_url: str) -> None:
    page.goto(site_url + PAGES["home"])
    page.click("#a11y-toggle")
    assert page.get_attribute("#a11y-toolbar", "aria-label") == "无障碍工具栏"
    groups = page.locator('#a11y-toolbar [role="group"]')
    assert groups.count() >= 5
    for i in range(groups.count()):
        label_id = groups.nth(i).get_attribute("aria-labelledby")
        assert label_id and page.locator(f"#{label_id}").inner_text().strip()
    pressed = page.locator("#a11y-toolbar button[aria-pressed]")
    assert pressed.count() >= 12
