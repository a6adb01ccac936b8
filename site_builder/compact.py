"""Template text compacted once, when a template compiles, instead of every page minified after rendering.

minify-html took a fifth of a clean build: it parses every page, and its cost grows with the number of tags
(~0.8 µs each), not with what it removes. What it removes from our pages is almost all the templates' own
indentation and line breaks, which are the same on every page. So those are taken out of the templates'
text once; the values Jinja puts in are never touched, and the report body is our own compact HTML.

Only whitespace that cannot show is removed: a run of it next to a block-level tag (a line box starts or ends
there), or anywhere in <head>. Any other run with a line break becomes one space, as the browser shows it. The
text of <pre>, <textarea>, <script>, <style> and <title> is kept as written, and HTML comments are dropped.
Minifying one of our pages made this way gives exactly what minifying it uncompacted gives (tests/test_golden.py);
for any template, up to spaces next to block-level tags, some of which minify-html keeps though they cannot show
(tests/unit/test_compact.py)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from jinja2.ext import Extension
from jinja2.lexer import Token, TokenStream

BLOCK = frozenset("""
    html head body address article aside blockquote caption col colgroup dd details dialog div dl dt fieldset
    figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr li main menu nav ol optgroup option p
    search section summary table tbody td tfoot th thead tr ul br
""".split())
"""Tags next to which whitespace cannot show: each begins or ends a line box (or a table cell or row)."""

KEPT = frozenset(("pre", "textarea", "script", "style", "title"))
"""Elements whose text is shown (or run) as written."""

_ITEM = re.compile(r"<!--(?!\[)[\s\S]*?-->|[ \t\n\r\f]+|</?[a-zA-Z][a-zA-Z0-9-]*|[^< \t\n\r\f]+|<")


@dataclass(slots=True)
class _State:
    """Where the scan is, carried from one piece of template text to the next."""

    kept: str = ""
    """The element whose text is kept as written (pre, script…) while inside it."""
    in_head: bool = False
    in_tag: str = ""
    """The name of the tag being written (between `<name` and its `>`), with its slash if closing."""
    before: str = "edge"
    """What the text so far ends with: "block" or "inline" (a tag of that kind, or text), or "edge" (a value
    or statement of the template: unknown)."""


def compact_pieces(pieces: list[str | None]) -> list[str | None]:
    """The template's text pieces compacted (None stands for a value or statement between them)."""
    state = _State()
    out: list[str | None] = []
    for piece in pieces:
        if piece is None:
            state.before = "edge"
            out.append(None)
        else:
            out.append("".join(_compact(piece, state)))
    return out


def _compact(text: str, state: _State) -> Iterator[str]:
    at = 0
    while at < len(text):
        if state.kept:
            end = _closing(text, at, state.kept)
            yield text[at:end]
            state.before = "inline"
            if end == len(text):
                return
            state.kept = ""
            at = end
        found = _ITEM.match(text, at)
        assert found is not None  # the pattern's last branch matches any one character
        item, at = found[0], found.end()
        if item.startswith("<!--"):
            continue
        if item[0] in " \t\n\r\f":
            after = "tag end" if state.in_tag and text.startswith((">", "/>"), at) else _after(text, at)
            yield _space(item, at - len(item) == 0, at == len(text), after, state)
            continue
        yield item
        if item[0] == "<" and len(item) > 1:
            state.in_tag = item[1:].lower()
            state.before = "inline"
        elif state.in_tag and item.endswith(">"):
            _tag_ended(state)
        else:
            state.before = "inline"


def _closing(text: str, at: int, name: str) -> int:
    """Where the kept element's closing tag begins (or the text's end: it closes in a later piece)."""
    found = re.compile(rf"</{name}(?=[\s>/])", re.IGNORECASE).search(text, at)
    return found.start() if found else len(text)


def _tag_ended(state: _State) -> None:
    name = state.in_tag.lstrip("/")
    closing = state.in_tag.startswith("/")
    state.in_tag = ""
    state.before = "block" if name in BLOCK else "inline"
    if name == "head":
        state.in_head = not closing
    elif name == "body":
        state.in_head = False
    elif name in KEPT and not closing:
        state.kept = name


def _after(text: str, at: int) -> str:
    """What follows a run of whitespace: a block-level tag, anything else, or the piece's end ("edge")."""
    if at == len(text) or text.startswith("<!--", at):
        return "edge"
    found = re.match(r"</?([a-zA-Z][a-zA-Z0-9-]*)", text[at : at + 40])
    return "block" if found and found[1].lower() in BLOCK else "inline"


def _space(run: str, first: bool, last: bool, after: str, state: _State) -> str:
    """A run of whitespace as it should stay: gone where it cannot show, one space for a line break."""
    if not ("\n" in run or first or last):
        return run
    if state.in_tag:
        gone = after == "tag end"
    else:
        gone = state.in_head or "block" in ("edge" if first else state.before, after)
    return "" if gone else " " if "\n" in run else run


class CompactHtml(Extension):
    """Compacts every template's text as it compiles (see the module's docstring)."""

    def filter_stream(self, stream: TokenStream) -> Iterator[Token]:
        tokens = list(stream)
        pieces = compact_pieces([t.value if t.type == "data" else None for t in tokens])
        for token, piece in zip(tokens, pieces, strict=True):
            yield token if piece is None else Token(token.lineno, token.type, piece)
