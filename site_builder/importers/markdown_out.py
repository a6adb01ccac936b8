"""Blocks to Markdown that renders back to exactly the author's text: one paragraph per block,
Markdown's own syntax characters escaped, tables as GFM tables."""

from __future__ import annotations

import re

from .extract import Block

_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
_LINE_START = re.compile(r"^(#{1,6}(?=\s|$)|>|[-+*](?=\s)|\d{1,9}[.)](?=\s)|=+\s*$|-+\s*$)")


def escape(text: str) -> str:
    escaped = _INLINE.sub(r"\\\1", text)
    escaped = escaped.replace("&", "&amp;") if re.search(r"&[#A-Za-z0-9]+;", escaped) else escaped
    return _LINE_START.sub(lambda m: "\\" + m.group(0), escaped)


def table(rows: tuple[tuple[str, ...], ...]) -> str:
    width = max(len(r) for r in rows)
    padded = [list(r) + [""] * (width - len(r)) for r in rows]
    lines = ["| " + " | ".join(escape(c) for c in padded[0]) + " |", "|" + "---|" * width]
    lines += ["| " + " | ".join(escape(c) for c in row) + " |" for row in padded[1:]]
    return "\n".join(lines)


def to_markdown(blocks: list[Block]) -> str:
    parts = [table(b.rows) if b.rows else escape(b.text) for b in blocks if b.rows or b.text]
    return "\n\n".join(parts) + "\n"
