"""The sample site's unminified HTML equals the reviewed golden copy. After an intended change, run
`python -m tests.regen_golden` and review the diff in git."""

from __future__ import annotations

import difflib
from pathlib import Path

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
