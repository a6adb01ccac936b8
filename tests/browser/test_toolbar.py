"""Each toolbar control changes the computed style it claims to; choices persist across pages and
reloads and apply before first paint; reset restores defaults; speech reads the article in order."""

from __future__ import annotations

from typing import Any

from .conftest import PAGES

ROOT_STYLE = "prop => getComputedStyle(document.documentElement)[prop]"
BODY_STYLE = "prop => getComputedStyle(document.body)[prop]"


def open_toolbar(page: Any) -> None:
    if page.get_attribute("#a11y-toggle", "aria-expanded") != "true":
        page.click("#a11y-toggle")


def press(page: Any, key: str, value: str) -> None:
    page.click(f'#a11y-toolbar [data-a11y="{key}"][data-value="{value}"]')


def test_text_size_steps_up_to_200_percent(page: Any, site_url: str) -> None:
    page.goto(site_url + PAGES["detail-toc"])
    open_toolbar(page)
    sizes = []
    for value in ("", "125", "150", "175", "200"):
        press(page, "font", value)
        sizes.append(page.evaluate(ROOT_STYLE, "fontSize"))
    assert sizes == ["16px", "20px", "24px", "28px", "32px"]
    body_text = page.evaluate("parseFloat(getComputedStyle(document.querySelector('#article-body p')).fontSize)")
    assert body_text == 36  # 1.125rem at 200%


def test_colour_schemes(page: Any, site_url: str) -> None:
    page.goto(site_url + PAGES["detail-toc"])
    open_toolbar(page)
    press(page, "theme", "hc-dark")
    assert page.evaluate(BODY_STYLE, "backgroundColor") == "rgb(0, 0, 0)"
    assert page.evaluate(BODY_STYLE, "color") == "rgb(255, 255, 0)"
    press(page, "theme", "hc-light")
    assert page.evaluate(BODY_STYLE, "backgroundColor") == "rgb(255, 255, 255)"
    assert page.evaluate(BODY_STYLE, "color") == "rgb(0, 0, 0)"
    header = page.evaluate("getComputedStyle(document.querySelector('.site-header')).backgroundColor")
    assert header == "rgb(0, 0, 0)"


def test_line_spacing(page: Any, site_url: str) -> None:
    page.goto(site_url + PAGES["detail-toc"])
    open_toolbar(page)
    assert page.evaluate(BODY_STYLE, "lineHeight") == "28px"  # 1.75 × 16
    press(page, "spacing", "wide")
    assert page.evaluate(BODY_STYLE, "lineHeight") == "33.6px"
    press(page, "spacing", "wider")
    assert page.evaluate(BODY_STYLE, "lineHeight") == "40px"


def test_large_pointer_and_reading_guide(page: Any, site_url: str) -> None:
    page.goto(site_url + PAGES["detail-toc"])
    open_toolbar(page)
    assert "cursor-large" not in page.evaluate(BODY_STYLE, "cursor")
    press(page, "cursor", "large")
    assert "cursor-large.svg" in page.evaluate(BODY_STYLE, "cursor")
    assert page.get_attribute('[data-a11y="cursor"]', "aria-pressed") == "true"
    press(page, "cursor", "large")  # toggles off
    assert "cursor-large" not in page.evaluate(BODY_STYLE, "cursor")
    assert page.evaluate("getComputedStyle(document.getElementById('a11y-guide')).display") == "none"
    press(page, "guide", "on")
    assert page.evaluate("getComputedStyle(document.getElementById('a11y-guide')).display") == "block"
    page.mouse.move(300, 400)
    assert page.evaluate("document.getElementById('a11y-guide').style.top") == "412px"


def test_elder_mode(page: Any, site_url: str) -> None:
    page.goto(site_url + PAGES["home"])
    page.click("#elder-switch")
    assert page.get_attribute("#elder-switch", "aria-pressed") == "true"
    assert page.evaluate(ROOT_STYLE, "fontSize") == "20px"
    line = page.evaluate("parseFloat(getComputedStyle(document.body).lineHeight) / parseFloat(getComputedStyle(document.body).fontSize)")
    assert line >= 1.5
    box = page.locator(".main-nav a").first.bounding_box()
    assert box["height"] >= 60 and box["width"] >= 60
    toggle_box = page.locator("#a11y-toggle").bounding_box()
    assert toggle_box["height"] >= 60
    columns = page.evaluate("getComputedStyle(document.querySelector('.home-grid')).gridTemplateColumns")
    assert len(columns.split()) == 1
    assert page.evaluate("getComputedStyle(document.querySelector('.main-nav a')).transitionDuration") == "0s"


def test_choices_persist_across_pages_and_reload_before_first_paint(browser_context_factory: Any, site_url: str) -> None:
    context = browser_context_factory()
    # record the scheme at the moment <body> is parsed, i.e. before anything can be painted
    context.add_init_script("""
      new MutationObserver((records, observer) => {
        if (document.body) { window.__themeAtBody = document.documentElement.dataset.theme || null; observer.disconnect(); }
      }).observe(document, {childList: true, subtree: true});
    """)
    page = context.new_page()
    page.goto(site_url + PAGES["home"])
    open_toolbar(page)
    press(page, "theme", "hc-dark")
    press(page, "font", "150")
    page.goto(site_url + PAGES["detail-table"])
    assert page.evaluate("window.__themeAtBody") == "hc-dark"
    assert page.evaluate(ROOT_STYLE, "fontSize") == "24px"
    assert page.is_visible("#a11y-toolbar")  # stays open until closed
    page.reload()
    assert page.evaluate("window.__themeAtBody") == "hc-dark"
    assert page.get_attribute('[data-a11y="theme"][data-value="hc-dark"]', "aria-pressed") == "true"
    page.click('#a11y-toolbar [data-tool="reset"]')
    assert page.evaluate("document.documentElement.dataset.theme") is None
    assert page.evaluate(ROOT_STYLE, "fontSize") == "16px"
    assert page.evaluate(BODY_STYLE, "backgroundColor") == "rgb(255, 255, 255)"
    assert page.inner_text("#a11y-status") == "已恢复默认设置"
    page.reload()
    assert page.evaluate("window.__themeAtBody") is None
    context.close()


SPEECH_STUB = """
  window.__spoken = []; window.__cancelled = 0;
  const stub = {
    speaking: false, paused: false,
    getVoices: () => [{lang: 'zh-CN', name: '测试语音', voiceURI: 'stub'}],
    speak(u) { window.__spoken.push(u.text); setTimeout(() => u.onend && u.onend(), 5); },
    cancel() { window.__cancelled += 1; }, pause() {}, resume() {},
    addEventListener() {},
  };
  Object.defineProperty(window, 'speechSynthesis', {value: stub, configurable: true});
"""


def test_speech_reads_article_in_order_and_stop_cancels(browser_context_factory: Any, site_url: str) -> None:
    context = browser_context_factory()
    context.add_init_script(SPEECH_STUB)
    page = context.new_page()
    page.goto(site_url + PAGES["detail-toc"])
    open_toolbar(page)
    assert page.is_disabled('[data-speech="read-all"]')  # off until switched on
    press(page, "speech", "on")
    page.click('[data-speech="read-all"]')
    page.wait_for_function("window.__spoken.length > 10")
    page.click('[data-speech="stop"]')
    spoken_at_stop = page.evaluate("window.__spoken.length")
    assert page.evaluate("window.__cancelled") >= 2  # once before starting, once on stop
    page.wait_for_timeout(100)
    assert page.evaluate("window.__spoken.length") == spoken_at_stop  # nothing more after stop
    spoken = page.evaluate("window.__spoken")
    expected = page.evaluate("""() => [document.getElementById('article-title').textContent.trim()].concat(
        Array.from(document.querySelectorAll('#article-body h2, #article-body h3, #article-body h4, #article-body p'))
             .map(n => n.textContent.replace(/\\s+/g, ' ').trim()))""")
    assert spoken == expected[: len(spoken)]
    assert spoken[0] == "罗庄区司法局2023年普法工作计划" and spoken[1].startswith("为深入贯彻落实")
    context.close()


def test_read_from_selection(browser_context_factory: Any, site_url: str) -> None:
    context = browser_context_factory()
    context.add_init_script(SPEECH_STUB)
    page = context.new_page()
    page.goto(site_url + PAGES["detail-toc"])
    open_toolbar(page)
    press(page, "speech", "on")
    page.evaluate("""() => {
      const h = document.getElementById('s3');  // 三、工作要求
      const range = document.createRange(); range.selectNodeContents(h);
      getSelection().removeAllRanges(); getSelection().addRange(range);
    }""")
    page.click('[data-speech="read-selection"]')
    page.wait_for_function("window.__spoken.length >= 3")
    spoken = page.evaluate("window.__spoken")
    assert spoken[:3] == ["三、工作要求", "(一)提高思想认识。", page.inner_text("#s3-1 + p").strip()]
    context.close()


def test_speech_off_switch_and_no_voice_message(page: Any, site_url: str) -> None:
    page.goto(site_url + PAGES["detail-toc"])
    open_toolbar(page)
    press(page, "speech", "on")
    assert not page.is_disabled('[data-speech="read-all"]')
    page.click('[data-speech="read-all"]')
    # headless Chromium has no voices: a clear message, not silence
    page.wait_for_function("() => document.getElementById('a11y-status').textContent.includes('未检测到可用的语音')")
    press(page, "speech", "on")  # switch off
    assert page.is_disabled('[data-speech="read-all"]')
    assert page.get_attribute('[data-a11y="speech"]', "aria-pressed") == "false"
