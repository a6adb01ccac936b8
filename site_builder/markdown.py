"""A report body to safe HTML, a heading outline and plain text: parse (mdtree), the 公文 structure pass,
then render. Untrusted text in, inert HTML out: raw HTML is text, only safe URLs become links."""

from __future__ import annotations

from urllib.parse import quote

from .fastbody import render_fast
from .gongwen import (
    ADDRESSEE_CLASS,
    ATTACHMENT_CLASS,
    TABLE_OPEN,
    Outline,
    is_addressee,
    numbering_kind,
    pasted_paragraphs,
    split_heading,
    split_lead,
)
from .mdtree import Node, is_safe_url, lines_of, parse, plain_text, text_of, trimmed, walk
from .model import Heading, RenderedBody
from .signature import find_closing, find_signature, is_note, split_banji
from .urls import relative

__all__ = ["is_safe_url", "numbering_kind", "split_lead", "structured", "render_body", "render_html"]

def escape(text: str, quote: bool = True) -> str:
    """markdown-it's escaping: & < > and double quotes."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if '"' in text:
        text = text.replace('"', "&quot;")
    return text


def _line_text(nodes: list[Node]) -> str:
    """Text with line breaks kept as newlines (split_lead looks at the first line)."""
    return text_of(nodes, "\n")


def _numbered(nodes: list[Node]) -> str | None:
    """The numbering kind of a paragraph, looking only at its start (most paragraphs are long)."""
    if not nodes:
        return None
    first = nodes[0]
    if first.kind == "text" and len(first.text) >= 16:
        return numbering_kind(first.text[:16])
    return numbering_kind(_line_text(nodes)[:16])


def _split_nodes(nodes: list[Node], at: int) -> tuple[list[Node], list[Node]]:
    """Inline nodes cut after `at` characters of text; an element straddling the cut goes to the lead whole."""
    lead: list[Node] = []
    seen = 0
    for index, node in enumerate(nodes):
        if seen >= at:
            return lead, nodes[index:]
        size = 1 if node.kind in ("softbreak", "hardbreak") else len(_line_text([node]))
        if node.kind == "text" and seen + size > at:
            cut = at - seen
            lead.append(Node("text", text=node.text[:cut]))
            return lead, [Node("text", text=node.text[cut:])] + nodes[index + 1 :]
        lead.append(node)
        seen += size
    return lead, []


def _strip_start(nodes: list[Node]) -> list[Node]:
    """Drop leading spaces and line breaks from what follows a lead sentence."""
    nodes = list(nodes)
    while nodes:
        first = nodes[0]
        if first.kind in ("softbreak", "hardbreak"):
            nodes.pop(0)
        elif first.kind == "text" and not first.text.lstrip(" \u3000"):
            nodes.pop(0)
        elif first.kind == "text":
            nodes[0] = Node("text", text=first.text.lstrip(" \u3000"))
            break
        else:
            break
    return nodes


def structured(blocks: list[Node]) -> list[Node]:
    """The 公文 pass: numbered paragraphs become headings (lead sentence only when long), every heading gets
    its level and id, and a closing 落款 becomes a signature block."""
    return _mark_addressee(_mark_signature(_structure(_split_pasted(blocks), Outline(), top=True)))


def _split_pasted(blocks: list[Node]) -> list[Node]:
    """Top-level paragraphs cut where a line starts a paragraph of its own (gongwen.pasted_paragraphs)."""
    out: list[Node] = []
    for block in blocks:
        breaks = block.kind == "paragraph" and any(n.kind in _BREAKS for n in block.children)
        starts = set(pasted_paragraphs([_line_text(line) for line in lines_of(block.children)])) if breaks else None
        if not starts:
            out.append(block)
            continue
        pieces: list[tuple[int, list[Node]]] = [(0, [])]
        line = 0
        for node in block.children:
            if node.kind in _BREAKS:
                line += 1
                if line in starts:
                    pieces.append((line, []))
                    continue
            pieces[-1][1].append(node)
        out.extend(Node("paragraph", trimmed(nodes), line=block.line + first) for first, nodes in pieces)
    return out


_BREAKS = ("softbreak", "hardbreak")


def _mark_addressee(blocks: list[Node]) -> list[Node]:
    """A first paragraph naming agencies (各镇（街道）司法所：) is the 主送机关, set flush left."""
    if blocks and blocks[0].kind == "paragraph" and is_addressee(_line_text(blocks[0].children)):
        blocks[0].attrs["class"] = ADDRESSEE_CLASS
    return blocks


def _structure(blocks: list[Node], outline: Outline, top: bool) -> list[Node]:
    out: list[Node] = []
    for block in blocks:
        if block.kind in ("blockquote", "bullet_list", "ordered_list", "list_item"):
            block.children = _structure(block.children, outline, top=False)
        elif block.kind == "heading":
            level, anchor = outline.place("md" + block.attrs["md"])
            out.append(Node("heading", block.children, attrs={"level": str(level), "id": anchor}, line=block.line))
            continue
        elif block.kind == "paragraph" and top and (kind := _numbered(block.children)) and outline.takes(kind):
            text = _line_text(block.children)
            parts = split_heading(kind, text.lstrip(" \u3000"))
            if parts:
                skipped = len(text) - len(text.lstrip(" \u3000"))
                lead, rest = _split_nodes(block.children, skipped + len(parts[0]))
                level, anchor = outline.place(kind)
                lead = _strip_start(lead)
                out.append(Node("heading", lead, attrs={"level": str(level), "id": anchor, "class": f"gw-{kind}"},
                                line=block.line))
                rest = _strip_start(rest)
                if rest:
                    out.append(Node("paragraph", rest, line=block.line))
                continue
        out.append(block)
    return out


def _mark_signature(blocks: list[Node]) -> list[Node]:
    """The 落款 closes the main text: before the first attachment (附件1) if there is one, and before the 版记."""
    blocks, banji = split_banji(blocks)
    tail = [Node("banji", banji)] if banji else []
    end = next((i for i, b in enumerate(blocks) if b.attrs.get("class") == ATTACHMENT_CLASS), len(blocks))
    found = find_closing(blocks[:end], find_signature, _is_note)
    if found is None and end < len(blocks):  # a 附件 line without a colon in the 附件说明, the 落款 after it
        found = find_closing(blocks, find_signature, _is_note)
    if found is None:
        return blocks + tail
    start, stop, lines = found
    return blocks[:start] + [Node("signature", [Node("paragraph", line) for line in lines])] + blocks[stop:] + tail


def _is_note(block: Node) -> bool:
    return block.kind == "paragraph" and is_note(plain_text(block.children))


def render_body(text: str, page_url: str = "", images: dict[str, str] | None = None) -> RenderedBody:
    """Markdown body to safe HTML, the outline for a table of contents, and plain text."""
    fast = render_fast(text)
    if fast is not None:
        return fast
    return render_tree_body(text, page_url, images)


def render_tree_body(text: str, page_url: str = "", images: dict[str, str] | None = None) -> RenderedBody:
    """render_body through the parse tree: every document, and the reference the fast path is tested against."""
    blocks = structured(parse(text))
    headings: list[Heading] = []
    plain: list[str] = []
    for node in walk(blocks):
        if node.kind in ("heading", "paragraph", "th", "td"):
            words = plain_text(node.children)
            plain.append(words)
            if node.kind == "heading":
                headings.append(Heading(int(node.attrs["level"]), words, node.attrs["id"]))
    html = render_html(blocks, page_url, images or {})
    return RenderedBody(html=html, headings=tuple(headings), text="\n".join(p for p in plain if p))


def render_html(blocks: list[Node], page_url: str = "", images: dict[str, str] | None = None) -> str:
    """HTML for the blocks, in the layout markdown-it writes (one block per line)."""
    out: list[str] = []
    _Writer(out, page_url, images or {}).blocks(blocks)
    return "".join(out)


class _Writer:
    def __init__(self, out: list[str], page_url: str, images: dict[str, str]) -> None:
        self.out = out
        self.page_url = page_url
        self.images = images

    def blocks(self, blocks: list[Node], tight: bool = False) -> None:
        out = self.out
        for index, block in enumerate(blocks):
            kind = block.kind
            if kind == "paragraph":
                if block.attrs.get("hidden"):
                    self.inline(block.children)
                    if index + 1 < len(blocks):
                        out.append("\n")
                    continue
                out.append(f'<p class="{block.attrs["class"]}">' if "class" in block.attrs else "<p>")
                self.inline(block.children)
                out.append("</p>\n")
            elif kind == "heading":
                level = block.attrs["level"]
                cls = f' class="{block.attrs["class"]}"' if "class" in block.attrs else ""
                out.append(f'<h{level} id="{block.attrs["id"]}"{cls}>')
                self.inline(block.children)
                out.append(f"</h{level}>\n")
            elif kind in ("bullet_list", "ordered_list"):
                tag = "ul" if kind == "bullet_list" else "ol"
                start = f' start="{block.attrs["start"]}"' if "start" in block.attrs else ""
                out.append(f"<{tag}{start}>\n")
                self.blocks(block.children)
                out.append(f"</{tag}>\n")
            elif kind == "list_item":
                out.append("<li>")
                children = block.children
                if children and not children[0].attrs.get("hidden"):
                    out.append("\n")
                self.blocks(children)
                out.append("</li>\n")
            elif kind == "blockquote":
                out.append("<blockquote>\n" if block.children else "<blockquote>")
                self.blocks(block.children)
                out.append("</blockquote>\n")
            elif kind == "hr":
                out.append("<hr>\n")
            elif kind == "fence":
                lang = block.attrs.get("lang")
                cls = f' class="language-{escape(lang)}"' if lang else ""
                out.append(f"<pre><code{cls}>{escape(block.text, quote=True)}</code></pre>\n")
            elif kind == "table":
                self.table(block)
            elif kind == "signature" or kind == "banji":
                out.append(f'<div class="{kind}">\n')
                self.blocks(block.children)
                out.append("</div>\n")

    def table(self, table: Node) -> None:
        out = self.out
        out.append(TABLE_OPEN)
        for section in table.children:
            out.append(f"<{section.kind}>\n")
            for row in section.children:
                out.append("<tr>\n")
                for cell in row.children:
                    attrs = f' class="align-{cell.attrs["align"]}"' if "align" in cell.attrs else ""
                    if cell.kind == "th":
                        attrs += ' scope="col"'
                    out.append(f"<{cell.kind}{attrs}>")
                    self.inline(cell.children)
                    out.append(f"</{cell.kind}>\n")
                out.append("</tr>\n")
            out.append(f"</{section.kind}>\n")
        out.append("</table>\n</div>\n")

    def inline(self, nodes: list[Node]) -> None:
        out = self.out
        for node in nodes:
            kind = node.kind
            if kind == "text":
                out.append(escape(node.text, quote=True))
            elif kind in ("softbreak", "hardbreak"):
                out.append("<br>\n")
            elif kind in ("em", "strong"):
                out.append(f"<{kind}>")
                self.inline(node.children)
                out.append(f"</{kind}>")
            elif kind == "strikethrough":
                out.append("<s>")
                self.inline(node.children)
                out.append("</s>")
            elif kind == "code_inline":
                out.append(f"<code>{escape(node.text, quote=True)}</code>")
            elif kind == "link":
                title = f' title="{escape(node.attrs["title"], quote=True)}"' if "title" in node.attrs else ""
                out.append(f'<a href="{escape(node.attrs["href"], quote=True)}"{title}>')
                self.inline(node.children)
                out.append("</a>")
            elif kind == "image":
                src = node.attrs["src"]
                if src in self.images:
                    src = quote(relative(self.page_url, self.images[src]))
                title = f' title="{escape(node.attrs["title"], quote=True)}"' if "title" in node.attrs else ""
                alt = escape(plain_text(node.children), quote=True)
                out.append(f'<img src="{escape(src, quote=True)}" alt="{alt}"{title}>')
