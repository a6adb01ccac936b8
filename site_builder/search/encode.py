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


def term_hash(text: str) -> int:
    """32-bit FNV-1a over UTF-8, then MurmurHash3's finaliser: which shard, pairs bucket or part a term or
    follower goes to (search.js computes the same).

    Taken modulo a power of two, FNV-1a alone keeps only the low bits of each byte, so texts that differ in a
    character's other bits collided far more often than chance: 贯彻实 and 普及教 fell into one pairs bucket,
    and the texts after 食品 and after 国家 into one part, so a phrase fetched both. The finaliser mixes every
    bit into the low ones."""
    value = 0x811C9DC5
    for byte in text.encode("utf-8"):
        value ^= byte
        value = (value * 0x01000193) & 0xFFFFFFFF
    value ^= value >> 16
    value = (value * 0x85EBCA6B) & 0xFFFFFFFF
    value ^= value >> 13
    value = (value * 0xC2B2AE35) & 0xFFFFFFFF
    return value ^ (value >> 16)


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
