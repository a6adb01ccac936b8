"""The 公文 pass on the parser's own HTML, for the plain reports most sites are made of: paragraphs, headings,
tables and bold or italic text. The Rust parser writes that HTML in a third of the time it takes to hand its
tree to Python, and this pass edits it as text; a clean build spent most of its time on the tree.

Whatever the pass cannot prove it renders exactly as `markdown.render_body`'s tree path does (links, images,
lists, quotes, code, escapes and entities, deep nesting) returns None and takes that path; the tests compare
the two on every document the pass accepts."""

from __future__ import annotations

import re

from . import mdtree
from .defuse import defused
from .gongwen import (
    ADDRESSEE_CLASS,
    ATTACHMENT_CLASS,
    KIND_NAMES,
    NUMBERED,
    SENTENCE_ENDS,
    TABLE_OPEN,
    Outline,
    is_addressee,
    numbering_kind,
    pasted_paragraphs,
    split_heading,
    split_lead,
    split_lead_at,
)
from .hidden import HIDDEN_CLASS
from .model import Heading, RenderedBody
from .signature import MAX_BANJI, banji_start, find_closing, find_signature_lines, is_note

_BLOCK = re.compile(r"<p>([^<{H}]*(?:<(?!/p>\n)[^<{H}]*)*)</p>\n|<h([1-6])>([^<{H}]*(?:<(?!/h\2>\n)[^<{H}]*)*)</h\2>\n"
                    r"|<table>\n([^<{H}]*(?:<(?!/table>\n)[^<{H}]*)*)</table>\n|<hr />\n".replace("{H}", HIDDEN_CLASS))
"""A top-level block of the parser's HTML (its layout: one block per line), the loops unrolled: a lazy .*?
tried the closing tag at every character of a paragraph."""
_LINE = re.compile(rf"<p>[ \u3000]*(?=[^\s<&{HIDDEN_CLASS}])(([^<&\n{SENTENCE_ENDS}{HIDDEN_CLASS}]*[{SENTENCE_ENDS}])?"
                   rf"[^<&\n{HIDDEN_CLASS}]*)(?<!\s)</p>\n")
"""A paragraph of one line of plain text, trimmed as _trim trims it (group 1), and its first sentence (group 2):
most paragraphs of most reports, taken without the general pattern's steps (the two patterns end such a
paragraph at the same place)."""
_INLINE_TAG = re.compile(r"</?(?:strong|em|s)>")
_OTHER_TAG = re.compile(r"<(?!/?(?:strong|em|s)>|br />\n)")
_CELL = re.compile(r"<(th|td)(?: style=\"text-align:(left|center|right)\")?>([^<]*(?:<(?!/\1>\n)[^<]*)*)</\1>\n")
_SECTIONS = re.compile(r"</?(?:thead|tbody|tr)>\n")
NEWLINE, BREAK = "\n", "<br>\n"
_TAGS = re.compile(r"<[^>]*>")
_ASCII_PUNCT = re.compile(r"[!-/:-@\[-`{-~]")
_UNSURE_SOURCE = ("\\", "&", "\0", "\r")
"""Escapes and entities split a text into several parser nodes; a few steps of the tree path look at nodes
one by one, so such texts go that way."""
Block = tuple[str, str, int, str, str]
"""kind (p, heading, table, hr), inner HTML, and for a heading its level, id and class."""
_CLASSES = {kind: f"gw-{kind}" for kind in KIND_NAMES.values()}
MAX_INLINE_DEPTH = 20
"""As mdtree.MAX_DEPTH: deeper inline nesting is shown as source text by the tree path."""


def render_fast(source: str) -> RenderedBody | None:
    """The body as markdown.render_body's tree path makes it, or None when this pass cannot be sure of that."""
    if any(mark in source for mark in _UNSURE_SOURCE) or defused(source) is not source:
        return None
    try:
        html = mdtree.parser_html(source)
    except BaseException as exc:  # a Rust panic (pyo3's PanicException): the tree path has its fallback
        if isinstance(exc, (KeyboardInterrupt, SystemExit, MemoryError)):
            raise
        return None
    if _too_deep(html):
        return None
    blocks: list[tuple[str, str, int]] = []
    """(kind, inner HTML, where a plain line's first sentence ends: 0 if it has none, -1 when not known);
    kinds: p, mdN (a heading of level N), table, hr."""
    at, size = 0, len(html)
    line, block = _LINE.match, _BLOCK.match
    while at < size:
        found = line(html, at)
        if found is not None:
            blocks.append(("p", found[1], found.end(2) - found.start(1) if found.start(2) >= 0 else 0))
            at = found.end()
            continue
        match = block(html, at)
        if match is None:
            return None
        at = match.end()
        if match[1] is not None or match[2] is not None:
            inner = _trim(match[1] if match[1] is not None else match[3])
            if inner is None or _OTHER_TAG.search(inner):
                return None
            if match[1] is None:
                blocks.append(("md" + match[2], inner, -1))
            elif "\n" not in inner:
                blocks.append(("p", inner, -1))
            else:
                pieces = _pasted(inner)
                if pieces is None:
                    return None
                blocks.extend(("p", piece, -1) for piece in pieces)
        elif match[4] is not None:
            if not _plain_table(match[4]):
                return None
            blocks.append(("table", match[4], -1))
        else:
            blocks.append(("hr", "", -1))
    try:
        return _structured(blocks)
    except _Unsure:
        return None


class _Unsure(Exception):
    """The tree path may render this differently: let it."""


def _structured(blocks: list[tuple[str, str, int]]) -> RenderedBody:
    """The 公文 pass (as markdown.structured) and the rendering, on blocks of the parser's HTML."""
    outline = Outline()
    out: list[Block] = []
    for kind, inner, cut in blocks:
        if kind == "p":
            marked = cut < 0 and ("<" in inner or "&" in inner)
            head = inner[:16]
            number = numbering_kind(_line_text(inner)[:16] if marked and ("<" in head or "&" in head) else head)
            if number and outline.takes(number):
                if marked or number not in NUMBERED:
                    split = _split_numbered(number, inner)
                elif cut >= 0:  # one plain line numbered 一、 （一） 1. （1）: most paragraphs of most reports
                    split = split_lead_at(inner, cut)
                else:
                    split = split_lead(inner.lstrip(" \u3000"))
                if split is not None:
                    lead, rest = split
                    out.append(("heading", lead, *outline.place(number), _CLASSES[number]))
                    if rest:
                        out.append(("p", rest.lstrip(" \u3000\n"), 0, "", ""))
                    continue
        elif kind.startswith("md"):
            out.append(("heading", inner, *outline.place(kind), ""))
            continue
        out.append((kind, inner, 0, "", ""))
    banji = _banji(out)
    end = next((i for i, block in enumerate(out) if block[4] == ATTACHMENT_CLASS), banji)
    signature = find_closing(out[:end], _signature, _is_note)
    if signature is None and end < banji:  # as markdown._mark_signature
        signature = find_closing(out[:banji], _signature, _is_note)
    first = out[0] if out and banji and (signature is None or signature[0]) else None
    if first and first[0] == "p" and is_addressee(_line_text(first[1])):  # as markdown._mark_addressee
        out[0] = ("p", first[1], 0, "", ADDRESSEE_CLASS)
    return _render(out, signature, banji)


def _too_deep(html: str) -> bool:
    if html.count("<em>") + html.count("<strong>") + html.count("<s>") <= MAX_INLINE_DEPTH:
        return False
    depth = deepest = 0
    for tag in _INLINE_TAG.finditer(html):
        depth += -1 if tag[0][1] == "/" else 1
        deepest = max(deepest, depth)
    return deepest > MAX_INLINE_DEPTH


def _plain_table(inner: str) -> bool:
    """A table of rows of cells with inline text only (the parser's layout, which the tree path copies)."""
    if any(_OTHER_TAG.search(cell[3]) for cell in _CELL.finditer(inner)):
        return False
    return not _SECTIONS.sub("", _CELL.sub("", inner))


def _trim(inner: str) -> str | None:
    """As mdtree.trimmed: no whitespace of any kind (line breaks included) at either end, hard breaks
    written as line breaks (both become <br> and both end a line). None when a hard break comes first: the
    tree path keeps it (text such as U+2028 is whitespace to Python, not to Markdown)."""
    if inner.lstrip().startswith("<br />"):
        return None
    return inner.replace("<br />\n", "\n").strip()


def _pasted(inner: str) -> list[str] | None:
    """A paragraph as markdown._split_pasted cuts it; None when unsure: a cut inside markup, or markup before
    a line's indent (the tree path cuts only at line breaks outside markup, and reads each line's text)."""
    lines = inner.split("\n")
    starts = pasted_paragraphs([_line_text(line) for line in lines])
    if not starts:
        return [inner]
    if not all(lines[i].startswith("\u3000\u3000") for i in starts):
        return None
    pieces = ["\n".join(lines[a:b]).strip() for a, b in zip([0, *starts], [*starts, len(lines)], strict=True)]
    if any(piece.count(f"<{tag}>") != piece.count(f"</{tag}>") for piece in pieces for tag in ("strong", "em", "s")):
        return None
    return pieces


def _line_text(inner: str) -> str:
    """The text as the 公文 rules read it: line breaks kept, markup gone."""
    return _unescape(_TAGS.sub("", inner)) if "<" in inner or "&" in inner else inner


def _unescape(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&")


def _split_numbered(kind: str, inner: str) -> tuple[str, str] | None:
    """(lead, rest) of a numbered paragraph, None when it stays a paragraph; unsure when the cut would fall
    after markup (the tree path keeps an element that straddles the cut whole)."""
    marked = "<" in inner or "&" in inner
    text = _line_text(inner) if marked else inner
    stripped = text.lstrip(" \u3000")
    parts = split_heading(kind, stripped)
    if parts is None:
        return None
    cut = len(text) - len(stripped) + len(parts[0])
    if marked and ("<" in inner[:cut] or "&" in inner[:cut]):
        raise _Unsure
    lead, rest = inner[:cut].lstrip(" \u3000\n"), inner[cut:].lstrip(" \u3000\n")
    return lead, rest


def _banji(blocks: list[Block]) -> int:
    """Where the closing 版记 starts (as signature.split_banji finds it), else the number of blocks; unsure when
    it holds markup (the tree path reads such lines from their nodes)."""
    found = banji_start(_trailing(blocks, MAX_BANJI), _plain)
    if found is None:
        return len(blocks)
    if any("<" in inner or "&" in inner for _, inner, *_ in blocks[found:]):
        raise _Unsure
    return found


def _trailing(blocks: list[Block], count: int) -> list[tuple[int, list[str]]]:
    """The last `count` paragraphs, if they are the final blocks: (index, lines with text); unsure when one holds
    markup and a line break (the tree path reads lines from the nodes: bold text across a break is one line)."""
    found: list[tuple[int, list[str]]] = []
    end = len(blocks)
    while len(found) < count and end >= 1 and blocks[end - 1][0] == "p":
        inner = blocks[end - 1][1]
        if "<" in inner and "\n" in inner:
            raise _Unsure
        lines = inner.split("\n")
        found.insert(0, (end - 1, [line for line in lines if _plain(line).strip(" \u3000")]))
        end -= 1
    return found


def _signature(blocks: list[Block]) -> tuple[int, list[str]] | None:
    """Where the closing 落款 starts and its lines, as signature.find_signature finds it; unsure when a line of
    it holds markup or ASCII punctuation (the parser may have split such text into nodes, which the tree path
    trims one by one)."""
    found = find_signature_lines(_trailing(blocks, 2), _plain)
    if found is None:
        return None
    start, lines = found
    if any("<" in line or "&" in line or _ASCII_PUNCT.search(line) for line in lines):
        raise _Unsure
    return start, [line.strip(" \u3000") for line in lines]


def _render(blocks: list[Block], signature: tuple[int, int, list[str]] | None, banji: int) -> RenderedBody:
    """The blocks in order, the signature's in their place, the 版记 last."""
    out: list[str] = []
    texts: list[str] = []
    """The inner HTML of every block whose text is read, in order: made plain in one go at the end."""
    heads: list[tuple[int, int, str]] = []
    """(place in texts, level, id) of each heading."""
    if signature:
        start, stop, lines = signature
        _blocks(blocks[:start], out, texts, heads)
        out.append('<div class="signature">\n')
        for line in lines:
            out.append(f"<p>{line}</p>\n")
        texts += lines
        out.append("</div>\n")
        _blocks(blocks[stop:banji], out, texts, heads)
    else:
        _blocks(blocks[:banji], out, texts, heads)
    if banji < len(blocks):
        out.append('<div class="banji">\n')
        for _, inner, *_ in blocks[banji:]:
            out.append(f"<p>{inner.replace(NEWLINE, BREAK)}</p>\n")
            texts.append(inner)
        out.append("</div>\n")
    plain = _plain_all(texts)
    headings = tuple(Heading(level, plain[at], anchor) for at, level, anchor in heads)
    return RenderedBody(html="".join(out), headings=headings, text="\n".join(filter(None, plain)))


def _is_note(block: Block) -> bool:
    return block[0] == "p" and is_note(_plain(block[1]))


def _blocks(blocks: list[Block], out: list[str], texts: list[str], heads: list[tuple[int, int, str]]) -> None:
    write, read = out.append, texts.append
    for kind, inner, level, anchor, cls in blocks:
        if kind == "p" or kind == "heading":
            if kind == "heading":
                heads.append((len(texts), level, anchor))
            read(inner)
            shown = inner.replace(NEWLINE, BREAK)
            if kind == "p":
                write(f'<p class="{cls}">{shown}</p>\n' if cls else f"<p>{shown}</p>\n")
            else:
                attrs = f' id="{anchor}" class="{cls}"' if cls else f' id="{anchor}"'
                write(f"<h{level}{attrs}>{shown}</h{level}>\n")
        elif kind == "table":
            write(TABLE_OPEN)
            write(_CELL.sub(_cell, inner))
            write("</table>\n</div>\n")
            texts.extend(cell[3] for cell in _CELL.finditer(inner))
        else:
            write("<hr>\n")


def _cell(match: re.Match[str]) -> str:
    kind, align, inner = match[1], match[2], match[3]
    attrs = f' class="align-{align}"' if align else ""
    if kind == "th":
        attrs += ' scope="col"'
    return f"<{kind}{attrs}>{inner}</{kind}>\n"


def _plain_all(inners: list[str]) -> list[str]:
    """_plain of each, in one pass over them all rather than a call a block (the parser writes every < of the
    text as &lt;, so each < left starts a tag that closes within its block; text holding NUL goes to the tree path)."""
    if not inners:
        return []
    joined = "\0".join(inners)
    if "<" in joined or "&" in joined:
        joined = _unescape(_TAGS.sub("", joined))
    return [piece.strip() for piece in joined.replace("\n", " ").split("\0")]


def _plain(inner: str) -> str:
    """As mdtree.plain_text: the text as it reads, line breaks as spaces, trimmed (for the few blocks the 落款 and
    版记 rules read one by one; _plain_all makes the whole body's)."""
    if "<" in inner or "&" in inner:
        inner = _unescape(_TAGS.sub("", inner))
    return inner.replace("\n", " ").strip()
