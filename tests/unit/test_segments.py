"""Long texts parsed a piece at a time: the pieces are the whole text cut between top-level blocks, and they
parse (tree and HTML) exactly as the whole text does."""

from __future__ import annotations

import random
import subprocess
import sys
from functools import partial

import pytest

from site_builder import mdtree
from site_builder.markdown import render_body
from site_builder.segments import SEGMENT_CHARS, segments

from .test_fastbody import FRAGMENTS

BLOCKS = [
    "~~~\n", "```\n", "   ```\n", "> ```\n", "    缩进\n", "- a\n\n  b\n", "2. ", "3) ", "10. 项目\n", "* ", "\n\n",
    "\n\n", "\n\n", "\n \n", "\n\t\n", "> 引用\n", ">\n", "段落\n续行\n", "- - 嵌套\n", "  - 子项\n", "***\n",
    "标题\n---\n", "正文\n===\n", "  # 缩进标题\n", "| 甲 | 乙 |\n| --- | --- |\n| 1 | 2 |\n", "1. a\n\n\n2. b\n",
    "- [ ] 事项\n", "> - 引用中的列表\n", "- > 列表中的引用\n", "```python\n代码\n```\n", "~~~\n未闭合\n",
]


def random_text(rng: random.Random) -> str:
    pieces = FRAGMENTS + BLOCKS * 3
    text = "".join(rng.choice(pieces) for _ in range(rng.randint(10, 80)))
    return text if rng.random() < 0.7 else text.rstrip("\n")


def test_pieces_are_the_whole_text_cut_after_blank_lines() -> None:
    rng = random.Random(41)
    cut = 0
    for _ in range(3000):
        text = random_text(rng).replace("\r", "")
        pieces = segments(text, size=rng.choice([1, 10, 40]))
        if pieces is None:
            continue
        assert "".join(piece for _, piece in pieces) == text
        lines = text.split("\n")
        for first, piece in pieces:
            assert lines[first : first + piece.count("\n") + 1][0] == piece.split("\n")[0]
            assert first == 0 or not lines[first - 1].strip(" \t")
        cut += len(pieces) > 1
    assert cut > 1000


@pytest.mark.parametrize("seed", range(4))
def test_pieces_parse_as_the_whole_text(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(seed)
    parser = mdtree.parser()
    compared = 0
    for _ in range(1500):
        text = random_text(rng)
        size = rng.choice([1, 10, 40])
        pieces = segments(text, size=size)
        if pieces is None:
            continue
        assert "".join(parser.render(piece) for _, piece in pieces) == parser.render(text), text
        monkeypatch.setattr(mdtree, "segments", lambda text: None)
        whole, whole_body = mdtree.parse(text), render_body(text)
        monkeypatch.setattr(mdtree, "segments", partial(segments, size=size))
        assert mdtree.parse(text) == whole, text  # lines included
        assert render_body(text) == whole_body, text
        compared += 1
    assert compared > 500


def test_what_is_never_cut() -> None:
    long = "普法宣传。\n\n" * 30_000
    assert segments("短文。\n\n" * 10) is None
    assert len(segments(long) or []) >= 2
    assert segments(long + "[甲]: http://example.gov.cn\n") is None  # a reference serves the whole text
    assert segments(long.replace("\n\n", "\n\r\n")) is None  # the parser ends lines at a CR too
    assert segments("- 一项\n" * 30_000) is None  # one block: nowhere to cut


def test_a_fence_open_at_a_quote_end_keeps_its_last_line_break() -> None:
    """Only a fence left open at the very end lost its newline (nothing was typed after it); one closed by the end
    of its quote lost it too when the file had no final newline, so a piece and the whole file differed."""
    fence = next(node for node in mdtree.parse("> ```\n> 代码\n\n段落") if node.kind == "blockquote").children[0]
    assert fence.kind == "fence" and fence.text == "代码\n"
    assert mdtree.parse("```\n代码")[0].text == "代码"


def test_a_long_text_is_parsed_in_bounded_memory() -> None:
    """410,000 characters of short emphasis took 292 MB parsed whole (the parser's tree beside our nodes); a piece
    at a time, 124 MB (our nodes)."""
    grown = _grown_mb("from site_builder.mdtree import parse", "", "nodes = parse('\\n\\n'.join(['*a* ' * 20] * 5000))")
    assert grown < 200, grown


def test_a_long_report_takes_the_fast_path_in_pieces_and_matches_the_tree() -> None:
    from benchmarks.generate import body
    from site_builder.fastbody import render_fast
    from site_builder.markdown import render_tree_body

    text = body(random.Random(5), 3 * SEGMENT_CHARS, "示例县司法局", 2025)
    assert len(segments(text) or []) >= 3
    fast = render_fast(text)
    assert fast is not None and fast == render_tree_body(text)


def test_a_crowded_block_is_found_where_it_starts() -> None:
    from site_builder.segments import MAX_BLOCK_NODES, crowded_block

    words = "普法" * MAX_BLOCK_NODES  # long, but no lines or marks: cheap to parse
    assert crowded_block(words) is None and crowded_block("*a*\n" * 1000) is None
    flood = "*a* " * (MAX_BLOCK_NODES // 2 + 1)
    assert crowded_block(f"引言。\n\n{words}\n  \t\n{flood}\n\n结尾。") == (len(words) + 10, MAX_BLOCK_NODES + 2)
    assert crowded_block(flood.replace("* *", "*\n\n*")) is None  # apart, each is small


def test_looking_for_a_crowded_block_holds_no_list_of_blank_lines() -> None:
    """5 MB of short paragraphs are 1.7 million blank lines: a list of their matches took 237 MB."""
    grown = _grown_mb("from site_builder.segments import crowded_block", "text = 'a\\n\\n' * 1_700_000",
                      "assert crowded_block(text) is None")
    assert grown < 50, grown


def _grown_mb(imports: str, setup: str, step: str) -> int:
    """How many MB a fresh process's peak memory grows by while it runs `step` (after `setup`)."""
    script = "\n".join(["import resource", imports, setup, "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss",
                        step, "print((resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) // 1024)"])
    return int(subprocess.run([sys.executable, "-c", script], check=True, capture_output=True, text=True).stdout)
