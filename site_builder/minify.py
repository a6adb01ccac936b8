"""Minify a rendered page, keeping closing tags so the HTML stays valid for every parser."""

from __future__ import annotations

import minify_html


def minify_page(html: str) -> str:
    return minify_html.minify(
        html,
        keep_closing_tags=True,
        keep_html_and_head_opening_tags=True,
        minify_css=True,
        minify_js=False,
    )
