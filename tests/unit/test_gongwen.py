"""The outline's ids, kept incrementally, against their definition: "s" and every open level's count."""

import random

from site_builder.gongwen import Outline

KINDS = ["md1", "md2", "md3", "md4", "md5", "md6", "cn", "cn-paren", "arabic", "arabic-paren"]


def test_ids_are_the_open_levels_counts_joined() -> None:
    rng = random.Random(14)
    for _ in range(5000):
        outline = Outline()
        for _ in range(rng.randint(1, 60)):
            level, anchor = outline.place(rng.choice(KINDS))
            assert anchor == "s" + "-".join(map(str, outline.counts))
            assert level == min(len(outline.stack) + 1, 6)


def test_markdown_headings_outrank_numbering() -> None:
    outline = Outline()
    assert [outline.place(k) for k in ("cn", "cn-paren", "cn-paren", "md1", "cn", "md1")] == [
        (2, "s1"), (3, "s1-1"), (3, "s1-2"), (2, "s2"), (3, "s2-1"), (2, "s3")]
