"""Markdown source to a small tree of plain nodes: the one configured parser (markdown-it-pyrs, the Rust
port of markdown-it), raw HTML off, links and images only with safe URLs.

The Rust parser does the expensive part; the tree is copied into `Node`s so the 公文 structure pass, the
HTML renderer and the Word export all work on the same plain data."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any
from urllib.parse import unquote

import markdown_it_pyrs

from .defuse import defused
from .hidden import without_hidden
from .segments import BLOCK_PLUGINS, LineIndex, segments

_PLUGINS: list[Any] = [*BLOCK_PLUGINS, "strikethrough", "emphasis", "escape", "entity", "link", "image", "newline",
                       "autolink"]
"""No `code` (text pasted from Word is often indented: a paragraph, not a code block), no raw HTML, and no
inline `code` spans: markdown-it.rs 0.6 panics on a `[` followed by an unmatched backtick (found by our
fuzz test), and 公文 never use code spans; backticks stay literal text. Fenced blocks still work."""
MAX_DEPTH = 20
"""Blocks nested deeper than this are kept as plain text (as markdown-it's maxNesting does)."""
_SAFE_SCHEMES = {"http", "https", "mailto", "tel"}
_SCHEME = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.\-]*)\s*:")
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"
_INLINE_CONTAINERS = {"em", "strong", "strikethrough", "link", "image", "autolink", "code_inline"}
INLINE_KINDS = _INLINE_CONTAINERS | {"text", "text_special", "softbreak", "hardbreak"}
"""Node names (ours and the parser's) that live inside a paragraph, heading or table cell."""


@dataclass(slots=True)
class Node:
    """One block or inline element. `text` holds text, code or fence content; `attrs` what HTML needs."""

    kind: str
    children: list[Node] = field(default_factory=list)
    text: str = ""
    attrs: dict[str, str] = field(default_factory=dict)
    line: int = 0
    """0-based line of the node in the parsed text."""


def is_safe_url(url: str) -> bool:
    """True for relative URLs and http(s)/mailto/tel; false for javascript:, data:, vbscript: and the rest."""
    decoded = unquote(html.unescape(url))
    cleaned = "".join(ch for ch in decoded if ch > " " and ch not in _INVISIBLE)
    match = _SCHEME.match(cleaned)
    if match is None:
        return not cleaned.startswith("//") and not cleaned.startswith("\\")
    return match[1].lower() in _SAFE_SCHEMES


@lru_cache(maxsize=1)
def parser() -> Any:
    """The one configured parser (built once per process)."""
    return markdown_it_pyrs.MarkdownIt("zero").enable_many(_PLUGINS)


def parse(text: str) -> list[Node]:
    """Top-level blocks of a Markdown text (before the 公文 structure pass), without hidden characters."""
    text = without_hidden(text.replace("\0", "\ufffd"))  # NUL as CommonMark says
    safe = defused(text)
    if safe is None:
        return _plain_paragraphs(text)
    text = safe
    blocks: list[Node] = []
    for first, piece in segments(text) or [(0, text)]:
        try:
            root = parser().tree(piece)
        except BaseException as exc:  # a Rust panic arrives as pyo3's PanicException, a BaseException
            if isinstance(exc, (KeyboardInterrupt, SystemExit, MemoryError)):
                raise
            return _plain_paragraphs(text)
        source = piece.encode("utf-8")
        blocks += _blocks(root.children, source, LineIndex(source, first), 0)
        del root  # the parser's tree of one piece at a time
    if "&#" in text:  # &#x202E; becomes the character only in the parser
        _strip_hidden(blocks)
    return blocks


def _strip_hidden(blocks: list[Node]) -> None:
    for node in walk(blocks):
        node.text = without_hidden(node.text)
        if "title" in node.attrs:
            node.attrs["title"] = without_hidden(node.attrs["title"])


def parser_html(text: str) -> str:
    """The parser's own HTML of a text (a long one rendered a piece at a time, as `parse` reads it)."""
    return "".join(parser().render(piece) for _, piece in segments(text) or [(0, text)])


def _plain_paragraphs(text: str) -> list[Node]:
    """The text as plain paragraphs: what a reader still gets if the parser ever fails on a file."""
    blocks: list[Node] = []
    line_no = 0
    for chunk in text.split("\n\n"):
        nodes: list[Node] = []
        for line in chunk.strip("\n").split("\n"):
            if nodes:
                nodes.append(Node("softbreak"))
            nodes.append(Node("text", text=line.strip()))
        if chunk.strip():
            blocks.append(Node("paragraph", nodes, line=line_no))
        line_no += chunk.count("\n") + 2
    return blocks


def _blocks(nodes: Any, source: bytes, lines: LineIndex, depth: int) -> list[Node]:
    out: list[Node] = []
    pending: list[Node] = []
    line = 0
    for node in nodes:
        name = node.name
        if name in INLINE_KINDS:  # a tight list item's text: an implicit, hidden paragraph
            if not pending and node.srcmap:
                line = lines.line(node.srcmap[0])
            pending.append(_inline(node, source, 0))
            continue
        if pending:
            out.append(Node("paragraph", pending, attrs={"hidden": "1"}, line=line))
            pending = []
        block = _block(node, source, lines, depth)
        if block is not None:
            out.append(block)
    if pending:
        out.append(Node("paragraph", pending, attrs={"hidden": "1"}, line=line))
    return out


def _block(node: Any, source: bytes, lines: LineIndex, depth: int) -> Node | None:
    name = node.name
    srcmap = node.srcmap
    line = lines.line(srcmap[0]) if srcmap else 0
    if depth >= MAX_DEPTH and name in ("blockquote", "bullet_list", "ordered_list", "list_item"):
        flat = " ".join(n.meta.get("content", "") for n in node.walk() if n.name == "text")
        return Node("paragraph", [Node("text", text=flat)], line=line)
    if name in ("heading", "lheading"):
        return Node("heading", trimmed(_inlines(node, source)), attrs={"md": str(node.meta["level"])}, line=line)
    if name == "paragraph":
        return Node("paragraph", trimmed(_inlines(node, source)), line=line)
    if name in ("blockquote", "bullet_list", "ordered_list", "list_item"):
        attrs = {}
        if name == "ordered_list" and node.meta.get("start", 1) != 1:
            attrs["start"] = str(node.meta["start"])
        return Node(name, _blocks(node.children, source, lines, depth + 1), attrs=attrs, line=line)
    if name == "hr":
        return Node("hr", line=line)
    if name == "fence":
        info = str(node.meta.get("info") or "").strip().split(" ")[0]
        content = str(node.meta.get("content", ""))
        last_line = _source_text(node, source).rsplit("\n", 1)[-1].strip()
        marker = str(node.meta.get("marker", "`"))
        closed = len(last_line) >= int(node.meta.get("marker_len", 3)) and not last_line.strip(marker)
        at_end = srcmap is not None and not source[srcmap[1] :].strip()
        if not closed and content.endswith("\n") and not source.endswith(b"\n") and at_end:
            content = content[:-1]  # a fence left open at the very end: no newline was typed
        return Node("fence", text=content, attrs={"lang": info} if info else {},
                    line=line)
    if name == "table":
        return _table(node, source, lines)
    return None  # link reference definitions and anything unknown render as nothing


def _table(node: Any, source: bytes, lines: LineIndex) -> Node:
    alignments = list(node.meta.get("alignments") or [])
    top = line = lines.line(node.srcmap[0]) if node.srcmap else 0
    sections: list[Node] = []
    for section in node.children:
        rows: list[Node] = []
        for row in section.children:
            line = lines.line(row.srcmap[0]) if row.srcmap else line
            cells: list[Node] = []
            for column, cell in enumerate(row.children):
                align = alignments[column] if column < len(alignments) else "none"
                attrs = {"align": align} if align in ("left", "center", "right") else {}
                cells.append(Node("th" if section.name == "thead" else "td", _inlines(cell, source), attrs=attrs,
                                  line=line))
            rows.append(Node("tr", cells, line=line))
        sections.append(Node(section.name, rows, line=top))
    return Node("table", sections, line=top)


def trimmed(nodes: list[Node]) -> list[Node]:
    """Paragraph text without surrounding whitespace of any kind (markdown-it strips 　 too)."""
    while nodes and nodes[0].kind in ("text", "softbreak"):
        if nodes[0].kind == "text" and nodes[0].text.lstrip():
            nodes[0].text = nodes[0].text.lstrip()
            break
        nodes = nodes[1:]
    while nodes and nodes[-1].kind in ("text", "softbreak", "hardbreak"):
        if nodes[-1].kind == "text" and nodes[-1].text.rstrip():
            nodes[-1].text = nodes[-1].text.rstrip()
            break
        nodes = nodes[:-1]
    return nodes


def _inlines(node: Any, source: bytes) -> list[Node]:
    return [_inline(child, source, 0) for child in node.children]


def _inline(node: Any, source: bytes, depth: int) -> Node:
    name = node.name
    if name in ("text", "text_special"):
        return Node("text", text=str(node.meta.get("content", "")))
    if name in ("softbreak", "hardbreak"):
        return Node(name)
    if name == "code_inline":
        return Node("code_inline", text="".join(str(c.meta.get("content", "")) for c in node.children))
    if depth > MAX_DEPTH:
        return Node("text", text=_source_text(node, source))
    children = [_inline(child, source, depth + 1) for child in node.children]
    if name in ("link", "image", "autolink"):
        url = str(node.meta.get("url", ""))
        if not is_safe_url(url):
            return Node("text", text=_source_text(node, source))
        attrs = {"href" if name != "image" else "src": url}
        if node.meta.get("title"):
            attrs["title"] = str(node.meta["title"])
        return Node("link" if name == "autolink" else name, children, attrs=attrs)
    if name in ("em", "strong", "strikethrough"):
        return Node(name, children)
    return Node("text", text=_source_text(node, source))


def _source_text(node: Any, source: bytes) -> str:
    """What the editor typed, shown as text (an unsafe link stays visible but inert)."""
    if not node.srcmap:
        return ""
    start, end = node.srcmap
    return source[start:end].decode("utf-8", errors="replace")


def plain_text(nodes: list[Node]) -> str:
    """Readable text of inline nodes: link text, code, image alt; line breaks as spaces."""
    return text_of(nodes).strip()


def text_of(nodes: list[Node], line_break: str = " ") -> str:
    """The text of inline nodes as it reads, line breaks written as `line_break`, nothing trimmed."""
    parts: list[str] = []
    stack = list(reversed(nodes))
    while stack:
        node = stack.pop()
        if node.kind in ("text", "code_inline"):
            parts.append(node.text)
        elif node.kind in ("softbreak", "hardbreak"):
            parts.append(line_break)
        else:
            stack.extend(reversed(node.children))
    return "".join(parts)


def lines_of(nodes: list[Node]) -> list[list[Node]]:
    """Inline nodes split at line breaks."""
    out: list[list[Node]] = [[]]
    for node in nodes:
        if node.kind in ("softbreak", "hardbreak"):
            out.append([])
        else:
            out[-1].append(node)
    return out


def walk(nodes: list[Node]) -> list[Node]:
    """Every node, depth first, without recursion (trees from hostile input can be deep)."""
    found: list[Node] = []
    stack = list(reversed(nodes))
    while stack:
        node = stack.pop()
        found.append(node)
        stack.extend(reversed(node.children))
    return found
