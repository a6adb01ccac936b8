from site_builder.minify import BODY_SLOT, minify_page


def test_minify_keeps_closing_tags_and_text() -> None:
    html = "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head><title>x</title></head>\n<body>\n  <p>第一段</p>\n  <p>第二段</p>\n</body>\n</html>\n"
    out = minify_page(html)
    assert "</p>" in out and "</body>" in out and "第一段" in out
    assert len(out) < len(html)


def test_body_goes_back_in_place_of_the_slot_unminified() -> None:
    body = '<p id="p1">第一段</p>\n<pre>a\n  b</pre>\n'
    page = f'<div class="article-body">\n{BODY_SLOT}\n<div class="signature">落款</div>\n</div>\n'
    out = minify_page(page, {BODY_SLOT: body})
    assert out == f'<div class=article-body>{body}<div class=signature>落款</div></div>'


def test_slots_are_filled_once_each_as_one_by_one_replacement_did() -> None:
    from site_builder.minify import fill_slots

    def one_by_one(html: str, slots: dict[str, str]) -> str:
        for slot, text in slots.items():
            html = html.replace(slot, text, 1)
        return html

    fragment = "<sb-fragment-0></sb-fragment-0>"
    cases = [
        (f"<main>{BODY_SLOT}</main>{fragment}", {BODY_SLOT: "<p>正文</p>", fragment: "<footer>页脚</footer>"}),
        (f"{fragment}<p>x</p>{fragment}", {fragment: "<nav>导航</nav>"}),  # only the first is the fragment's
        (f"<p>{BODY_SLOT}</p>", {}),
        ("<sb-fragment-1></sb-fragment-2><p>不是槽</p>", {"<sb-fragment-1></sb-fragment-1>": "x"}),
        (f"{BODY_SLOT}<sb-fragment-12></sb-fragment-12>",
         {BODY_SLOT: "<p>&lt;sb-fragment-12&gt;</p>", "<sb-fragment-12></sb-fragment-12>": "<hr>"}),
    ]
    for html, slots in cases:
        assert fill_slots(html, slots) == one_by_one(html, slots)


def test_css_is_left_as_written() -> None:
    """Our pages carry no CSS (the CSP allows only site.css; tests/test_machine_outputs.py checks for inline
    styles), so the minifier does not parse CSS: that took a third of its time on every page. A webmaster's
    own <style> still reaches the page whole."""
    css = "p {\n  color: #333;\n}"
    out = minify_page(f"<head><style>{css}</style></head><body><p style=\"margin: 0 ;\">x</p></body>")
    assert f"<style>{css}</style>" in out and 'style="margin: 0 ;"' in out
