"""Keep hostile Markdown from hurting the parser: markdown-it.rs (0.6) recurses once per nesting level of
quotes and lists (a line of 50,000 `> ` overflowed its stack and killed the build with a segfault), and its
emphasis and reference passes take time quadratic in the delimiters or definitions of one paragraph (20,000
`*a **a` pairs: 19 s; 20,000 consecutive `[a]: /u` lines: 11 s).

Ordinary reports come back untouched after a few counts; only text past these limits, which no report needs,
is changed: shown as typed (escaped), or, nested too deep, as plain paragraphs."""

from __future__ import annotations

import re

MAX_NESTING = 1000
"""Quote and list levels a line may open. The renderer shows levels past mdtree.MAX_DEPTH (20) as text anyway;
the parser's stack lasts to about 40,000."""
MAX_DELIMITER_RUNS = 1000
"""Runs of * _ ~ in one chunk of lines (a 5 MB file of chunks at this limit parses in about 5 s)."""
MAX_REFERENCE_LINES = 100
"""Lines that look like reference definitions ([a]: /url) in one chunk."""
_MARKER_CHARS = ">+*-.)"
_MARKERS = re.compile(f"[{re.escape(_MARKER_CHARS)}]")
_PREFIX = re.compile(r"[ \t]*(?:(?:>|[-+*]|\d{1,9}[.)])(?:[ \t]+|$))*")
"""A line's container markers: quotes and list items, one after another (`> - 1. text`)."""
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_DELIMITER_RUN = re.compile(r"[*_~]+")
_DELIMITER = re.compile(r"(\\*)([*_~])")
_REFERENCE = re.compile(r" {0,3}\[")


def defused(text: str) -> str | None:
    """The text as the parser may take it (the same object when nothing needed changing), or None when its
    containers nest too deep: the caller then shows it as plain paragraphs."""
    if sum(map(text.count, _MARKER_CHARS)) >= MAX_NESTING and _deepest(text) >= MAX_NESTING:  # counts: C speed
        return None
    runs = text.count("*") + text.count("_") + text.count("~") > MAX_DELIMITER_RUNS
    references = text.count("]:") > MAX_REFERENCE_LINES
    if not runs and not references:
        return text
    lines = text.split("\n")
    changed = False
    for start, end in _chunks(lines):
        chunk = lines[start:end]
        if runs and sum(len(_DELIMITER_RUN.findall(line)) for line in chunk) > MAX_DELIMITER_RUNS:
            lines[start:end] = chunk = [_DELIMITER.sub(_escape, line) for line in chunk]
            changed = True
        if references and sum(1 for line in chunk if _REFERENCE.match(line) and "]:" in line) > MAX_REFERENCE_LINES:
            lines[start:end] = [_REFERENCE.sub(lambda m: m[0][:-1] + "\\[", line, count=1) for line in chunk]
            changed = True
    return "\n".join(lines) if changed else text


def _deepest(text: str) -> int:
    """An upper bound of the containers any line is in: its own markers, and the lists its indent may be in
    (a nested item is indented at least two columns more than its parent)."""
    deepest = 0
    for line in text.split("\n"):
        prefix = _PREFIX.match(line)
        markers = len(_MARKERS.findall(prefix[0])) if prefix else 0
        if markers:
            indent = len(line[: len(line) - len(line.lstrip(" \t"))].expandtabs(4))
            deepest = max(deepest, markers + (indent + 1) // 2)
    return deepest


def _chunks(lines: list[str]) -> list[tuple[int, int]]:
    """Runs of lines between blank lines, outside fenced code (which the parser does not scan for emphasis)."""
    chunks: list[tuple[int, int]] = []
    start: int | None = None
    fence = ""
    for number, line in enumerate(lines):
        if fence:
            if line.strip().startswith(fence) and not line.strip().strip(fence[0]):
                fence = ""
            continue
        opening = _FENCE.match(line)
        if opening or not line.strip():
            if start is not None:
                chunks.append((start, number))
                start = None
            if opening:
                fence = opening[1]
            continue
        if start is None:
            start = number
    if start is not None:
        chunks.append((start, len(lines)))
    return chunks


def _escape(match: re.Match[str]) -> str:
    """A delimiter shown as typed: escaped, unless an odd run of backslashes already escapes it."""
    slashes, delimiter = match[1], match[2]
    return match[0] if len(slashes) % 2 else f"{slashes}\\{delimiter}"
