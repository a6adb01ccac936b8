"""Whole numbers as people type them in site.yaml and on the command line."""

from __future__ import annotations

import re

_FULL_WIDTH = str.maketrans("０１２３４５６７８９", "0123456789")
"""A Chinese input method types digits full width (１５)."""
_DIGITS = re.compile(r"[0-9]{1,12}")
"""str.isdigit() also lets ² and ⑤ through, which int() refuses (a traceback for 每页条数: ²)."""


def whole_number(text: str, low: int, high: int) -> int | None:
    """The number `text` spells in ASCII or full-width digits, if it is one from `low` to `high`."""
    digits = text.strip().translate(_FULL_WIDTH)
    if not _DIGITS.fullmatch(digits):
        return None
    value = int(digits)
    return value if low <= value <= high else None


def ascii_digits(text: str) -> str:
    """The digits of a record number (鲁公网安备 37131102000001号), full-width ones as ASCII, for a link."""
    return "".join(ch for ch in text.translate(_FULL_WIDTH) if "0" <= ch <= "9")
