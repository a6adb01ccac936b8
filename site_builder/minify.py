"""Minify a rendered page, keeping closing tags so the HTML stays valid for every parser."""

from __future__ import annotations

import re

import minify_html

BODY_SLOT = "<sb-body-slot></sb-body-slot>"
"""Stands for a report body while the page around it is minified (an element, so that the whitespace
around it goes as it would around the body's own block elements)."""


def minify_page(html: str, slots: dict[str, str] | None = None) -> str:
    """Minify `html`; then each slot element in it is replaced by its text, as is.

    A report body is our own HTML (no indentation, one line per block) and most of each page: minifying
    whole pages took a fifth of a clean build, minifying around the body a few per cent. The toolbar and
    footer, the same on every page of a folder, come already minified (render.Renderer.fragment)."""
    small = minify_html.minify(
        html,
        keep_closing_tags=True,
        keep_html_and_head_opening_tags=True,
        minify_css=False,
        minify_js=False,
    )
    return fill_slots(small, slots) if slots else small


_SLOT = re.compile(r"<sb-(body-slot|fragment-\d+)></sb-\1>")


def fill_slots(html: str, slots: dict[str, str]) -> str:
    """Each slot element's first occurrence replaced by its text, in one pass over the page before the texts
    go in: replacing them one by one scanned and copied the whole page, body included, once for each."""
    left = dict(slots)
    parts: list[str] = []
    at = 0
    for found in _SLOT.finditer(html):
        text = left.pop(found[0], None)
        if text is not None:
            parts += (html[at : found.start()], text)
            at = found.end()
    parts.append(html[at:])
    return "".join(parts)
