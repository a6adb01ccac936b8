"""Long Markdown texts cut into runs of whole top-level blocks, so the parser builds its tree a piece at a time.

The Rust parser's tree takes hundreds of times the text's size (2 MB of short emphasis: 1.5 GB). Blocks are
parsed each on their own, so a text cut between two top-level blocks parses to the same blocks, with one
exception: link reference definitions serve the whole text, so a text with any is never cut. Where the blocks
begin comes from a parse with the block rules only, whose tree is one node per block and line."""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from itertools import accumulate, chain, pairwise
from typing import Any

import markdown_it_pyrs

BLOCK_PLUGINS: list[Any] = ["paragraph", "heading", "lheading", "list", "blockquote", "hr", "fence", "table",
                            "reference"]
"""The block rules of the one configured parser (mdtree adds its inline rules to these)."""
SEGMENT_CHARS = 100_000
"""Texts up to this long are parsed whole; longer ones in pieces of about this size (a long report is
~10,000 characters)."""
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
"""Blocks are cut apart only at a blank line: without one, the text is a single block (a 5 MB list took 2 s to
find that out with the block rules)."""


MAX_BLOCK_NODES = 100_000
"""What one run of text without a blank line (to the parser one paragraph, list, quote or table, which no cut
can split) may hold of lines and Markdown marks together: each costs the parser's tree 1–2 KB, so 5 MB of
`*a* ` or of one-word list items took 2.3 GB and half a minute. Text pasted from Word, one paragraph a line
with no blank line between, has a line a hundred characters or so: 5 MB of it is 50,000."""
MAX_TEXT_NODES = 200_000
"""Lines and marks a whole text may hold, in however many paragraphs: the pieces are parsed one by one, but our
own tree of the whole text is kept (5 MB of short emphasis in 59 paragraphs: 2.4 million nodes, 1.1 GB and 33 s)."""
_MARKS = "\n*_~[]`<>|!\\&.-+)#"
"""Line breaks and the characters Markdown's nodes are made of (list items start with -, +, 1. or 1))."""


def crowded_block(text: str) -> tuple[int, int] | None:
    """(where it starts, how many lines and marks) of the first run of `text` without a blank line that holds
    more than MAX_BLOCK_NODES; None when none does (a text shorter than that never does, and is not read)."""
    if len(text) <= MAX_BLOCK_NODES:
        return None
    start = 0
    for blank in chain(_BLANK_LINE.finditer(text), [None]):  # lazily: 5 MB of blank lines are 2.5 million
        end = blank.start() if blank is not None else len(text)
        if end - start > MAX_BLOCK_NODES:
            nodes = node_count(text[start:end])
            if nodes > MAX_BLOCK_NODES:
                return start, nodes
        if blank is not None:
            start = blank.end()
    return None


def node_count(text: str) -> int:
    """How many lines and Markdown marks `text` holds: what its parse costs, about (at C speed)."""
    return sum(map(text.count, _MARKS))


@lru_cache(maxsize=1)
def _block_parser() -> Any:
    return markdown_it_pyrs.MarkdownIt("zero").enable_many(BLOCK_PLUGINS)


def segments(text: str, size: int = SEGMENT_CHARS) -> list[tuple[int, str]] | None:
    """(first line, text) of consecutive pieces of `text`, each of whole top-level blocks and cut only where a
    blank line parts two blocks, together the whole text; None when the text is short or cannot be cut."""
    if len(text) <= size or "\r" in text or not _BLANK_LINE.search(text):  # the parser ends lines at a CR too
        return None
    root = _block_parser().tree(text)
    if "]:" in text and any(node.name == "definition" for node in root.walk()):
        return None
    source = text.encode("utf-8")
    index = LineIndex(source)
    starts: list[int] = []
    for child in root.children:
        if child.srcmap:
            line = index.line(child.srcmap[0])
            if not source[index.starts[line] : child.srcmap[0]].strip(b" \t"):  # only its indent before it
                starts.append(line)
    del root
    lines = text.split("\n")
    at = [0, *accumulate(len(line) + 1 for line in lines)]  # where each line starts, in characters
    cuts = [0]
    for start in starts:
        if at[start] - at[cuts[-1]] > size and not lines[start - 1].strip(" \t"):
            cuts.append(start)
    if len(cuts) == 1:
        return None
    cuts.append(len(lines))
    return [(a, "\n".join(lines[a:b]) + ("\n" if b < len(lines) else "")) for a, b in pairwise(cuts)]


class LineIndex:
    """Byte offset → 0-based line number (counted from `first`, the line a piece starts at)."""

    def __init__(self, source: bytes, first: int = 0) -> None:
        self.first = first
        self.starts = [0]
        at = source.find(b"\n")
        while at >= 0:
            self.starts.append(at + 1)
            at = source.find(b"\n", at + 1)

    def line(self, offset: int) -> int:
        return bisect_right(self.starts, offset) - 1 + self.first
