"""Traditional spellings of the site's codes: field names, controlled values and column names. An editor who
writes 繁体 (as 巴州's reports are written) means the same field or column, so such a word is read as the
code it spells, and a hint for an unknown word compares its simplified spelling."""

from __future__ import annotations

from collections.abc import Collection
from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def _converter() -> Any:
    import opencc  # only when a word is not already a known code

    return opencc.OpenCC("t2s.json")


@lru_cache(maxsize=1024)
def simplified(word: str) -> str:
    """The word in simplified characters (OpenCC's t2s data); simplified text comes back unchanged."""
    return str(_converter().convert(word))


def known_spelling(word: str, known: Collection[str]) -> str | None:
    """The known code `word` is, itself or written in traditional characters; None when it is neither."""
    if word in known:
        return word
    folded = simplified(word)
    return folded if folded in known else None
