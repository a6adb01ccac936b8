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
