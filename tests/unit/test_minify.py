from site_builder.minify import minify_fragment


def test_minify_keeps_closing_tags_and_text() -> None:
    html = "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head><title>x</title></head>\n<body>\n  <p>第一段</p>\n  <p>第二段</p>\n</body>\n</html>\n"
    out = minify_fragment(html)
    assert "</p>" in out and "</body>" in out and "第一段" in out
    assert len(out) < len(html)


def test_css_is_left_as_written() -> None:
    """Our pages carry no CSS (the CSP allows only site.css; tests/test_machine_outputs.py checks for inline
    styles), so the minifier does not parse CSS: that took a third of its time. A webmaster's own <style>
    still reaches the page whole."""
    css = "p {\n  color: #333;\n}"
    out = minify_fragment(f"<head><style>{css}</style></head><body><p style=\"margin: 0 ;\">x</p></body>")
    assert f"<style>{css}</style>" in out and 'style="margin: 0 ;"' in out
