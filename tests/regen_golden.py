"""Regenerate the golden HTML of the sample site: python -m tests.regen_golden"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from site_builder.build import build

from .conftest import REPO, TODAY

GOLDEN = Path(__file__).resolve().parent / "golden" / "sample"


def build_sample_html(out: Path) -> dict[str, str]:
    """Build the sample site unminified with the fixed test date; return its HTML files by path."""
    build(REPO, out, TODAY, minify=False)
    return {p.relative_to(out).as_posix(): p.read_text(encoding="utf-8") for p in sorted(out.rglob("*.html"))}


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        pages = build_sample_html(Path(tmp) / "output")
    shutil.rmtree(GOLDEN, ignore_errors=True)
    for rel, text in pages.items():
        target = GOLDEN / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    print(f"已更新 {len(pages)} 个金标准页面：{GOLDEN.relative_to(REPO)}")


if __name__ == "__main__":
    main()
