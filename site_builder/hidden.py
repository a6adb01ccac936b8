"""Invisible characters a report body does not keep: bidi controls, which make a line display other than it
reads (the "Trojan Source" trick: U+202E shows 2024 as 4202), and zero-width spaces, which come with text
pasted from web pages and stop 「一、总体要求」 from being read as a heading. The joiners U+200C and U+200D stay:
emoji sequences and several scripts need them.

The body's fields lose every format character (metadata._strip_format_chars); here only these, because a body
may hold text in any script."""

from __future__ import annotations

import re

HIDDEN_CLASS = "\u061c\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff"
"""The characters, as the inside of a regex class (fastbody's patterns refuse them, leaving such bodies to the
tree path, which removes them)."""
_HIDDEN = re.compile(f"[{HIDDEN_CLASS}]")
_REFERENCE = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));")
"""A numeric character reference, which the parser turns into the character (&#x202E; is U+202E)."""


_NAMES = {0x061C: "阿拉伯字母标记", 0x200B: "零宽空格", 0x200E: "从左到右标记", 0x200F: "从右到左标记",
          0x202A: "从左到右嵌入", 0x202B: "从右到左嵌入", 0x202C: "方向格式结束", 0x202D: "从左到右覆盖",
          0x202E: "从右到左覆盖", 0x2060: "零宽连接", 0x2066: "从左到右隔离", 0x2067: "从右到左隔离",
          0x2068: "方向隔离", 0x2069: "方向隔离结束", 0xFEFF: "零宽不换行空格"}


def is_hidden(char: str) -> bool:
    return _HIDDEN.fullmatch(char) is not None


def first_hidden(text: str) -> int | None:
    """Where the first hidden character is (typed or written as &#…;), or None."""
    found = _HIDDEN.search(text)
    at, code = (found.start(), ord(found[0])) if found else (len(text), 0)
    if text.find("&#", 0, at) >= 0:  # a reference comes first only if written before the first typed one
        for ref in _REFERENCE.finditer(text, 0, at):
            value = _reference_value(ref)
            if value is not None and is_hidden(chr(value)):
                at, code = ref.start(), value
                break
    return at if code else None


def hidden_codes(text: str) -> list[str]:
    """The distinct hidden characters of a text that has some (typed or referenced), in order, with names."""
    codes: list[int] = [ord(ch) for ch in _HIDDEN.findall(text)]
    codes += (v for ref in _REFERENCE.finditer(text) if (v := _reference_value(ref)) is not None and is_hidden(chr(v)))
    return [f"U+{code:04X} {_NAMES[code]}" for code in dict.fromkeys(codes)]


def without_hidden(text: str) -> str:
    """The text without the characters typed in it (the same object when it has none)."""
    return _HIDDEN.sub("", text) if _HIDDEN.search(text) else text


def _reference_value(ref: re.Match[str]) -> int | None:
    value = int(ref[1], 16) if ref[1] is not None else int(ref[2])
    return value if value <= 0x10FFFF else None
