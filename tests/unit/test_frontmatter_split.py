"""Finding the front matter without splitting the body (frontmatter.header_and_body), against splitting it."""

from __future__ import annotations

import random

from site_builder.frontmatter import _END_FENCES, _FENCE, header_and_body


def by_lines(text: str) -> tuple[str, str, int] | int | None:
    lines = text.split("\n")
    if lines[0].rstrip() != _FENCE:
        return None
    end = next((n for n, line in enumerate(lines[1:], start=1) if line.rstrip() in _END_FENCES), None)
    if end is None:
        return 0
    return "\n".join(lines[1:end]), "\n".join(lines[end + 1 :]), end


def test_the_header_and_body_are_those_found_by_splitting_lines() -> None:
    rng = random.Random(4)
    pieces = ["---", "...", "\n", " ", "a: 1", "正文", "--- ", "----"]
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        assert header_and_body(text) == by_lines(text), repr(text)
