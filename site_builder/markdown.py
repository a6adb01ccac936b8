"""The one configured Markdown parser: untrusted text in, safe HTML and a heading outline out."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any
from urllib.parse import quote, unquote

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from markdown_it.utils import OptionsDict

from .model import Heading, RenderedBody
from .signature import find_signature, signature_tokens
from .urls import relative

_SAFE_SCHEMES = {"http", "https", "mailto", "tel"}
_SCHEME = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.\-]*)\s*:")
_CN_NUM = "一二三四五六七八九十百零〇"
# 公文 numbering, outermost first: 一、 （一） 1. （1）
_NUMBERING: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("cn", re.compile(rf"^[{_CN_NUM}]+[、．.]")),
    ("cn-paren", re.compile(rf"^[（(][{_CN_NUM}]+[）)]")),
    ("arabic", re.compile(r"^\d{1,3}[、．.](?!\d)")),
    ("arabic-paren", re.compile(r"^[（(]\d{1,3}[）)]")),
)
_SENTENCE_END = "。！？；"
_MAX_HEADING = 60
"""Longer numbered paragraphs are split after their lead sentence when it is short enough."""
_MAX_LEAD = 48
_ALIGN = re.compile(r"^text-align:(left|center|right)$")


class SafeMarkdownIt(MarkdownIt):
    """MarkdownIt that accepts only web, mail and phone links; everything else loses its href."""

    def validateLink(self, url: str) -> bool:  # noqa: N802 - markdown-it's name
        return is_safe_url(url)


def is_safe_url(url: str) -> bool:
    """True for relative URLs and http(s)/mailto/tel; false for javascript:, data:, vbscript: and the rest."""
    decoded = unquote(html.unescape(url))
    cleaned = "".join(ch for ch in decoded if ch > " " and ch not in "\u200b\u200c\u200d\u2060\ufeff")
    match = _SCHEME.match(cleaned)
    if match is None:
        return not cleaned.startswith("//") and not cleaned.startswith("\\")
    return match[1].lower() in _SAFE_SCHEMES


def numbering_kind(text: str) -> str | None:
    """Which 公文 numbering level a paragraph starts with, if any."""
    stripped = text.lstrip(" \u3000")
    for kind, pattern in _NUMBERING:
        if pattern.match(stripped):
            return kind
    return None


def split_lead(text: str) -> tuple[str, str] | None:
    """(heading, rest) for a numbered paragraph: all of it when short, else its short lead sentence."""
    if "\n" not in text and len(text) <= _MAX_HEADING and not any(c in text[:-1] for c in _SENTENCE_END):
        return text, ""
    first_line = text.split("\n", 1)[0]
    for index, ch in enumerate(first_line[: _MAX_LEAD + 1]):
        if ch in _SENTENCE_END:
            return text[: index + 1], text[index + 1 :].lstrip(" \u3000")
    return None


def _structure_rule(state: StateCore) -> None:
    """Turn 公文-numbered paragraphs into headings, number all headings, tidy tables, mark the signature."""
    tokens = state.tokens
    out: list[Token] = []
    stack: list[str] = []
    counts: list[int] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.type == "heading_open":
            _set_heading(token, tokens[i + 2], f"md{token.markup.count('#') or token.tag[1]}", stack, counts)
        elif token.type == "paragraph_open" and token.level == 0:
            inline = tokens[i + 1]
            numbered = numbering_kind(inline.content)
            parts = split_lead(inline.content.lstrip(" \u3000")) if numbered else None
            if numbered and parts:
                lead, rest = parts
                head_open = Token("heading_open", "h2", 1, map=token.map, block=True)
                head_close = Token("heading_close", "h2", -1, block=True)
                _set_heading(head_open, head_close, numbered, stack, counts)
                head_open.attrSet("class", f"gw-{numbered}")
                out += [head_open, _inline(lead, token.map), head_close]
                if rest:
                    out += [token, _inline(rest, token.map), tokens[i + 2]]
                i += 3
                continue
        elif token.type in ("th_open", "td_open"):
            _align_class(token)
        out.append(token)
        i += 1
    state.tokens = _mark_signature(out)


def _set_heading(open_tok: Token, close_tok: Token, kind: str, stack: list[str], counts: list[int]) -> None:
    """Give a heading the level its numbering kind has in the current nesting, and a positional id.

    Markdown headings (md1, md2, ...) always outrank 公文 numbering, so `# 附件` closes any open 一、 section.
    """
    if kind.startswith("md") and kind not in stack:
        keep = 0
        while keep < len(stack) and stack[keep].startswith("md") and stack[keep] < kind:
            keep += 1
        if keep < len(stack):
            counts_at = counts[keep]
            del stack[keep:]
            del counts[keep:]
            stack.append(kind)
            counts.append(counts_at + 1)
            _apply_level(open_tok, close_tok, stack, counts)
            return
    if kind in stack:
        depth = stack.index(kind)
        del stack[depth + 1 :]
        del counts[depth + 1 :]
        counts[depth] += 1
    else:
        stack.append(kind)
        counts.append(1)
    _apply_level(open_tok, close_tok, stack, counts)


def _apply_level(open_tok: Token, close_tok: Token, stack: list[str], counts: list[int]) -> None:
    level = min(len(stack) + 1, 6)
    open_tok.tag = close_tok.tag = f"h{level}"
    open_tok.attrSet("id", "s" + "-".join(str(c) for c in counts))


def _inline(content: str, source_map: list[int] | None) -> Token:
    token = Token("inline", "", 0, content=content, map=source_map, block=True)
    token.children = []
    return token


def _align_class(token: Token) -> None:
    style = token.attrGet("style")
    if isinstance(style, str) and (match := _ALIGN.match(style)):
        token.attrs.pop("style", None)
        token.attrSet("class", f"align-{match[1]}")
    if token.type == "th_open":
        token.attrSet("scope", "col")


def _mark_signature(tokens: list[Token]) -> list[Token]:
    found = find_signature(tokens)
    if found is None:
        return tokens
    start, lines = found
    return tokens[:start] + signature_tokens(lines)


def _image(self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: Any) -> str:
    """Point local images at their copies under media/, relative to the page being rendered."""
    token = tokens[idx]
    src = str(token.attrGet("src") or "")
    images = env.get("images") or {}
    if src in images:
        token.attrSet("src", quote(relative(env.get("page_url", ""), images[src])))
    return self.image(tokens, idx, options, env)


def _table_open(self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: Any) -> str:
    return '<div class="table-scroll" role="region" tabindex="0" aria-label="表格（可横向滚动）">\n<table>\n'


def _table_close(self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: Any) -> str:
    return "</table>\n</div>\n"


@lru_cache(maxsize=1)
def make_parser() -> MarkdownIt:
    """The project's only MarkdownIt: commonmark with raw HTML off, GFM tables, hard line breaks."""
    options = {"html": False, "xhtmlOut": False, "linkify": False, "typographer": False, "breaks": True}
    md = SafeMarkdownIt("commonmark", options)
    md.enable(["table", "strikethrough"])
    md.disable(["code"])  # text pasted from Word is often indented with spaces: a paragraph, not a code block
    md.core.ruler.after("block", "gongwen_structure", _structure_rule)
    md.add_render_rule("table_open", _table_open)
    md.add_render_rule("table_close", _table_close)
    md.add_render_rule("image", _image)
    return md


def render_body(text: str, page_url: str = "", images: dict[str, str] | None = None) -> RenderedBody:
    """Markdown body to safe HTML, the outline for a table of contents, and plain text."""
    md = make_parser()
    tokens = md.parse(text)
    headings: list[Heading] = []
    plain: list[str] = []
    for index, token in enumerate(tokens):
        if token.type == "inline":
            words = inline_text(token)
            plain.append(words)
            opener = tokens[index - 1]
            if opener.type == "heading_open":
                headings.append(Heading(int(opener.tag[1]), words, str(opener.attrGet("id"))))
    html = md.renderer.render(tokens, md.options, {"page_url": page_url, "images": images or {}})
    return RenderedBody(html=html, headings=tuple(headings), text="\n".join(p for p in plain if p))


def inline_text(token: Token) -> str:
    """The readable text of an inline token (link text, code, breaks as spaces)."""
    parts: list[str] = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.append(child.content)
    return "".join(parts).strip()
