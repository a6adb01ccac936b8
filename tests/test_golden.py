"""The sample site's unminified HTML equals the reviewed golden copy. After an intended change, run
`python -m tests.regen_golden` and review the diff in git."""

from __future__ import annotations

import difflib
from pathlib import Path

from site_builder.minify import minify_fragment

from .regen_golden import GOLDEN


def test_sample_site_matches_golden(sample_site: Path) -> None:
    built = {p.relative_to(sample_site).as_posix(): p.read_text(encoding="utf-8") for p in sample_site.rglob("*.html")}
    golden = {p.relative_to(GOLDEN).as_posix(): p.read_text(encoding="utf-8") for p in GOLDEN.rglob("*.html")}
    assert sorted(built) == sorted(golden), "page list differs; run python -m tests.regen_golden if intended"
    for rel in sorted(golden):
        if built[rel] != golden[rel]:
            diff = "".join(list(difflib.unified_diff(golden[rel].splitlines(True), built[rel].splitlines(True),
                                                     f"golden/{rel}", f"built/{rel}"))[:60])
            raise AssertionError(f"{rel} differs from golden (python -m tests.regen_golden if intended):\n{diff}")


def test_minified_pages_are_the_unminified_pages_minified(sample_site: Path, sample_site_minified: Path) -> None:
    """Minified pages come from compacted templates (see compact.py); minifying one with minify-html must give
    exactly what minifying the whole unminified page gives, so nothing but whitespace that cannot show (and
    quoting) differs."""
    pages = sorted(p.relative_to(sample_site).as_posix() for p in sample_site.rglob("*.html"))
    assert len(pages) > 40
    with_body = 0
    for rel in pages:
        minified = (sample_site_minified / rel).read_text(encoding="utf-8")
        expected = minify_fragment((sample_site / rel).read_text(encoding="utf-8"))
        assert minify_fragment(minified) == expected, rel
        with_body += 'id="article-body"' in minified
    assert with_body >= 18
