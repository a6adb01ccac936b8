"""Compact binary postings: unsigned LEB128 varints, the format search.js decodes."""

from __future__ import annotations

from collections.abc import Iterable


def varint(value: int, out: bytearray) -> None:
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return


def gaps(positions: Iterable[int], out: bytearray) -> None:
    """Sorted positions as varint gaps (p - previous - 1); most are one byte, appended without a call."""
    last = -1
    for position in positions:
        gap = position - last - 1
        if gap < 0x80:
            out.append(gap)
        else:
            varint(gap, out)
        last = position


def read_varint(data: bytes, offset: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        byte = data[offset]
        offset += 1
        value |= (byte & 0x7F) << shift
        if byte < 0x80:
            return value, offset
        shift += 7


def fnv1a(text: str) -> int:
    """32-bit FNV-1a over UTF-8: which shard a term lives in (search.js computes the same)."""
    value = 0x811C9DC5
    for byte in text.encode("utf-8"):
        value ^= byte
        value = (value * 0x01000193) & 0xFFFFFFFF
    return value


def read_shard(data: bytes) -> dict[str, bytes]:
    """term → postings of one shard file (after its 4-byte header): what search.js parses, for tests and the
    benchmark."""
    entries, at = {}, 4
    while at < len(data):
        size, at = read_varint(data, at)
        term = data[at : at + size].decode("utf-8")
        size, at = read_varint(data, at + size)
        entries[term], at = data[at : at + size], at + size
    return entries
