"""minify-html for the parts of a page rendered once per folder (top bar, toolbar, header, footer).

Every page's own text is compacted when its template compiles (compact.py): minify-html parsing each page cost a
fifth of a clean build. These parts are rendered once and reused, so they can afford the library's full work
(attribute quotes, optional spaces) on top."""

from __future__ import annotations

import minify_html


def minify_fragment(html: str) -> str:
    """`html` minified, keeping closing tags so the HTML stays valid for every parser."""
    return minify_html.minify(
        html,
        keep_closing_tags=True,
        keep_html_and_head_opening_tags=True,
        minify_css=False,
        minify_js=False,
    )
