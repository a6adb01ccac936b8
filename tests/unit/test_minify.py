from site_builder.minify import minify_page


def test_minify_keeps_closing_tags_and_text() -> None:
    html = "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head><title>x</title></head>\n<body>\n  <p>第一段</p>\n  <p>第二段</p>\n</body>\n</html>\n"
    out = minify_page(html)
    assert "</p>" in out and "</body>" in out and "第一段" in out
    assert len(out) < len(html)
