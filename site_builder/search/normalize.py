"""One normalisation for indexing and querying, character by character so positions line up with the text:
NFKC (full-width → half-width), lower case, and traditional → simplified folding from OpenCC's data."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

CJK_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x2FA1F))


def is_cjk(ch: str) -> bool:
    code = ord(ch)
    return any(low <= code <= high for low, high in CJK_RANGES)


@lru_cache(maxsize=1)
def fold_table() -> dict[str, str]:
    """Traditional → simplified, one character to one character, as OpenCC's t2s data has it."""
    import opencc

    converter = opencc.OpenCC("t2s.json")
    table: dict[str, str] = {}
    for low, high in CJK_RANGES[:3]:
        for code in range(low, high + 1):
            ch = chr(code)
            simplified = converter.convert(ch)
            if simplified != ch and len(simplified) == 1:
                table[ch] = simplified
    return table


def norm_char(ch: str, fold: dict[str, str]) -> str:
    """Exactly one character out for one in, so offsets in the normalised text are offsets in the original."""
    n = unicodedata.normalize("NFKC", ch)
    n = n.lower() if len(n) == 1 else ch.lower()
    return fold.get(n, n)


def normalize(text: str, fold: dict[str, str] | None = None) -> str:
    """Each distinct character is normalised once, then str.translate does the rest in C."""
    table = fold_table() if fold is None else fold
    changes = {ord(ch): n for ch in set(text) if (n := norm_char(ch, table)) != ch}
    return text.translate(changes)
