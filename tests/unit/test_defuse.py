"""Hostile Markdown is defused before the parser sees it: nesting that overflowed markdown-it.rs's stack, and
delimiter runs and reference definitions that took it time quadratic in their number; ordinary text passes
through untouched."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from site_builder.defuse import MAX_DELIMITER_RUNS, MAX_NESTING, MAX_REFERENCE_LINES, defused
from site_builder.fastbody import render_fast
from site_builder.markdown import render_body, render_tree_body
from site_builder.mdtree import parse

from .test_fastbody import corpus, fuzz_texts

REPO = Path(__file__).resolve().parents[2]


def test_ordinary_text_comes_back_as_the_same_object() -> None:
    for text in corpus() + fuzz_texts(300, seed=11):
        assert defused(text) is text


def test_quotes_nested_past_the_parsers_stack_are_plain_paragraphs() -> None:
    # "> " * 50000 overflowed markdown-it.rs's stack: the build died with a segfault. Run apart, so that a
    # return of that crash fails this test instead of killing the test run.
    code = "from site_builder.markdown import render_body; print(render_body('> ' * 50000 + '深').html[-20:])"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=120)
    assert result.returncode == 0, result.stderr[-500:]
    assert result.stdout.strip().endswith("&gt; 深</p>")


def test_nesting_is_bounded_by_markers_and_indentation() -> None:
    assert defused("> " * (MAX_NESTING - 1) + "x") is not None
    assert defused("> " * MAX_NESTING + "x") is None
    assert defused("- " * MAX_NESTING + "x") is None
    assert defused("".join(" " * (2 * depth) + "- x\n" for depth in range(MAX_NESTING))) is None
    blocks = parse("正文\n\n" + "> " * MAX_NESTING + "深\n")
    assert [b.kind for b in blocks] == ["paragraph", "paragraph"] and blocks[1].line == 2
    many_shallow = "> 引文\n" * (MAX_NESTING * 2)  # many markers, none deep: parsed as usual
    assert defused(many_shallow) is many_shallow and parse(many_shallow)[0].kind == "blockquote"


def test_a_chunk_with_too_many_delimiter_runs_is_shown_as_typed() -> None:
    pairs = "*a **a " * (MAX_DELIMITER_RUNS // 2 + 1)
    text = f"*强调*\n\n{pairs}\n\n```\n{'*' * 10} 代码\n```\n\n已转义 \\*x\\* 的"
    safe = defused(text)
    assert safe is not None and safe is not text
    first, second, code, last = safe.split("\n\n")
    assert first == "*强调*"  # chunks under the limit keep their emphasis
    assert second == pairs.replace("*", "\\*")
    assert code == f"```\n{'*' * 10} 代码\n```" and last == "已转义 \\*x\\* 的"
    html = render_body(text).html
    assert "<em>强调</em>" in html and html.count("<strong>") == 0 and "*a **a *a" in html


def test_escaping_keeps_what_is_already_escaped() -> None:
    line = "\\*a \\\\*b _c ~d " * (MAX_DELIMITER_RUNS // 3)
    safe = defused(line)
    assert safe == line.replace("\\\\*", "\\\\\\*").replace(" _", " \\_").replace(" ~", " \\~")
    assert "<em>" not in render_body(line).html


def test_a_flood_of_reference_definitions_is_shown_as_typed() -> None:
    refs = "\n".join(f"[a{n}]: /u{n}" for n in range(MAX_REFERENCE_LINES + 1))
    text = f"见[a1]。\n\n{refs}\n"
    safe = defused(text)
    assert safe is not None and safe.split("\n\n")[1] == refs.replace("[", "\\[") + "\n"
    html = render_body(text).html
    assert "[a1]: /u1" in html and "<a " not in html
    few = "见[链接]。\n\n[链接]: https://example.org/\n"
    assert defused(few) is few and '<a href="https://example.org/">' in render_body(few).html


def test_the_fast_path_leaves_defused_text_to_the_tree_path() -> None:
    texts = ["*a **a " * MAX_DELIMITER_RUNS, "> " * MAX_NESTING + "x",
             "\n".join(f"[r{n}]: /u" for n in range(2 * MAX_REFERENCE_LINES))]
    for text in texts:
        assert render_fast(text) is None
        assert render_body(text) == render_tree_body(text)
