"""What comes before and after each trigram: the data that decides a phrase without downloading every
position of its trigrams.

Pairs (key trigram + "^", or trigram + "^" + bucket), per segment: every occurrence of the trigram with what
follows it (the next trigram, or at a run's end the 0–2 characters left) and what comes before it (likewise),
grouped by the follower. A phrase of 4–9 characters is decided by one of its trigrams (the text after must start
with the rest of the phrase, the text before end with its start: a window); one of 6+ characters by the chain of
its 6-grams at offsets 0, 3, 6 … and len-6, whose size follows how often the 6-grams occur, not how often the
trigrams do. Each position also names the trigram before it, so a 6-gram at o checks the 9 characters from
o - 3 and a common 6-gram next to it can be left out. Where a trigram is always followed by the same trigram
in a document ("linked"), no position is stored for the document, only the count and the first: the trigram
implies its follower (and the follower the trigram when that one is always preceded by it, too); the
predecessor is stored when it is always the same. A big bucket is split into parts, and a big part into a head
(each document's first positions) and a tail (the rest), fetched only where the head cannot decide.
"""

from __future__ import annotations

import os
import re
from array import array
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .encode import gaps, term_hash, varint

PAIRS, PAIRS_HEAD = 5, 7
"""Entry kinds (the first byte of an entry); 0–3 and 6 are in index.py. PAIRS_HEAD: a big part's head, [7, the
positions kept per document, then as PAIRS]: each document's count is its whole count, but only its first
positions are there (see PART_TAIL_BYTES)."""
PAIR = "^"
PAIR_BUCKETS = 16
PAIR_SPLIT_BYTES = 1024
"""A trigram's pairs bigger than this (in one segment) are split into PAIR_BUCKETS entries by follower (and one
for the run ends, EDGE), so a query fetches only the bucket of the follower it needs."""
MIXED = -1
"""A linked record's predecessor when the trigram's occurrences have different ones."""
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def family(term: str) -> str:
    """The trigram a key belongs to: a trigram's head and pairs share one shard, so the keys a phrase needs
    after the head cost no further shard."""
    if len(term) > 3 and term[3] == PAIR and _CJK.match(term[0]):
        return term[:3]
    return term


@dataclass(slots=True)
class Linked:
    """In this document the trigram is always followed by one trigram (and, when `both`, that one always
    preceded by it); the text before the trigram (number + 1; 0 at the start of a run) when it is always the
    same, else (`suffix`) the 1–2 characters every text before it ends with, else MIXED. Either way every
    occurrence of the trigram is one of the 6-gram, so a phrase whose trigrams are each always followed by the
    next is wherever its first trigram is: a set phrase repeated in every report costs a few bytes a report,
    not a position per occurrence."""

    follower: int
    count: int
    first: int
    predecessor: int
    both: bool = True
    suffix: bool = False
    """`predecessor` is only what the different texts before it end with ("环境保" and "年人保": "保"), enough
    for a phrase with no more than that before the trigram ("保护法贯彻" at 护法贯)."""


@dataclass(slots=True)
class Explicit:
    """Every occurrence of the trigram: positions and, for each, what follows it and what comes before it
    (number + 1; 0 at the edge of a run). Next to a run's edge that is the 1 or 2 characters left."""

    positions: array[int]
    followers: array[int]
    predecessors: array[int]


PairRecord = Linked | Explicit


EDGE = PAIR_BUCKETS
"""The bucket of occurrences at the end of a run (nothing or 1–2 characters after them): only a window whose
phrase ends within 3 characters of its trigram needs them, and it fetches every bucket anyway, while a trigram
often ends runs ("学习宣传。"): sharing a bucket with a following trigram, they would make its 6-gram costly."""


def pair_bucket(follower: str) -> int:
    """Which of a split trigram's pair entries holds this follower (search.js computes the same)."""
    return term_hash(follower) % PAIR_BUCKETS if len(follower) == 3 else EDGE


def bucket_key(trigram: str, bucket: int) -> str:
    return f"{trigram}{PAIR}{'_' if bucket == EDGE else format(bucket, 'x')}"


class Followers:
    """Numbers for the texts before and after trigrams in one segment: records hold 4-byte numbers, not a
    string each."""

    def __init__(self) -> None:
        self.number: dict[str, int] = {}
        self.names: list[str] = []
        self.buckets: list[int] = []

    def text(self, number: int) -> str:
        """The text of a record's number + 1 ("" for 0: nothing there, at a run's edge)."""
        return self.names[number - 1] if number else ""

    def of(self, trigram: str) -> int:
        found = self.number.get(trigram)
        if found is None:
            found = self.number[trigram] = len(self.names)
            self.names.append(trigram)
            self.buckets.append(pair_bucket(trigram))
        return found


def document_pairs(positions: dict[str, array[int]], text_length: int, followers: Followers) -> dict[str, PairRecord]:
    """Each trigram's pair record in one document (trigram → record). Every occurrence is recorded, with the
    trigram after it and the one before it, or at a run's edge the 1–2 characters there: then a phrase of
    4–9 characters is decided by one of its trigrams, checking the text on either side."""
    at: list[str | None] = [None] * (text_length + 3)  # the trigram starting at each position
    for trigram, places in positions.items():
        for p in places:
            at[p] = trigram
    number = followers.of

    def after(p: int) -> int:
        name = at[p + 3]
        if name is None:  # 0–2 characters left in the run
            two, one = at[p + 2], at[p + 1]
            name = two[1:] if two is not None else one[2:] if one is not None else None
            if name is None:
                return 0
        return number(name) + 1

    def before(p: int) -> int:
        name = at[p - 3] if p >= 3 else None
        if name is None:  # 0–2 characters of the run before it
            two, one = at[p - 2] if p >= 2 else None, at[p - 1] if p >= 1 else None
            name = two[:2] if two is not None else one[:1] if one is not None else None
            if name is None:
                return 0
        return number(name) + 1

    out: dict[str, PairRecord] = {}
    for trigram, places in positions.items():
        follows = [at[p + 3] for p in places]
        first = follows[0]
        if first is not None and follows.count(first) == len(places):
            preds = {before(p) for p in places}
            both = len(positions[first]) == len(places)
            if len(preds) == 1:
                out[trigram] = Linked(number(first), len(places), places[0], preds.pop(), both)
                continue
            common = common_suffix([followers.text(n) for n in preds])
            out[trigram] = Linked(number(first), len(places), places[0], number(common) + 1 if common else MIXED, both,
                                  suffix=bool(common))
            continue
        out[trigram] = Explicit(places, array("I", map(after, places)), array("I", map(before, places)))
    return out


def common_suffix(texts: list[str]) -> str:
    """What every text ends with ("" when nothing)."""
    return os.path.commonprefix([t[::-1] for t in texts])[::-1]


def encode_pairs(records: Sequence[tuple[int, PairRecord]], followers: Followers, head: int = 0) -> bytes:
    """One entry of a trigram's pairs in a segment: [kind, same follower, text count, texts (UTF-8, length
    first), document count, per document: gap, then 0, follower * 2 (+ 1 if linked one way only, not `both`),
    count, first position, predecessor (linked: 0 mixed, 1 none, else number * 2 + 2, + 1 when it is only what
    the texts before end with: `suffix`) or n, n position gaps, n followers (omitted when `same follower`, a
    number + 1, is not 0: every follower in the entry is that one) and n predecessors]. Followers and
    predecessors of records with positions are number + 1, 0 for none; with fewer than 16 texts named they take
    half a byte each. With `head`, an entry of kind PAIRS_HEAD: a record keeps its count but only its first
    `head` positions."""
    counts: dict[int, int] = {}
    if head:
        kept: list[tuple[int, PairRecord]] = []
        for doc, r in records:
            if isinstance(r, Explicit) and len(r.positions) > head:
                counts[doc] = len(r.positions)
                r = Explicit(r.positions[:head], r.followers[:head], r.predecessors[:head])
            kept.append((doc, r))
        records = kept
    used = {r.follower for _, r in records if isinstance(r, Linked)}
    used.update(r.predecessor - 1 for _, r in records if isinstance(r, Linked) and r.predecessor > 0)
    explicit_followers: set[int] = set()
    for _, r in records:
        if isinstance(r, Explicit):
            explicit_followers.update(r.followers)
            used.update(f - 1 for f in r.predecessors if f)
    used.update(f - 1 for f in explicit_followers if f)
    names = sorted(used, key=followers.names.__getitem__)
    local = {f: n for n, f in enumerate(names)}
    out = bytearray([PAIRS_HEAD] if head else [PAIRS])
    if head:
        varint(head, out)
    same = explicit_followers.pop() if len(explicit_followers) == 1 else 0
    varint(local[same - 1] + 1 if same else 0, out)
    varint(len(names), out)
    for f in names:
        raw = followers.names[f].encode("utf-8")
        varint(len(raw), out)
        out += raw
    varint(len(records), out)
    previous = -1
    small = len(names) < 16  # then every follower and predecessor number + 1 fits in half a byte
    for doc, record in records:
        varint(doc - previous - 1, out)
        previous = doc
        if isinstance(record, Linked):
            out.append(0)
            pred = record.predecessor
            for value in (local[record.follower] * 2 + (not record.both), record.count, record.first,
                          0 if pred == MIXED else local[pred - 1] * 2 + 2 + record.suffix if pred else 1):
                varint(value, out)
            continue
        varint(counts.get(doc, len(record.positions)), out)
        gaps(record.positions, out)
        columns = [] if same else [record.followers]
        columns.append(record.predecessors)
        for values in columns:
            numbers = [local[f - 1] + 1 if f else 0 for f in values]
            if small:
                nibbles(numbers, out)
            else:
                for value in numbers:
                    varint(value, out)
    return bytes(out)


def nibbles(values: Sequence[int], out: bytearray) -> None:
    """Values under 16, two to a byte (the first in the low half)."""
    for n in range(0, len(values), 2):
        out.append(values[n] | (values[n + 1] << 4 if n + 1 < len(values) else 0))


def split_records(records: Sequence[tuple[int, PairRecord]], linked_to: Callable[[Linked], int],
                  position_to: Callable[[int, int], int]) -> dict[int, list[tuple[int, PairRecord]]]:
    """The records split into groups (documents stay in order within each): a linked record goes whole to
    `linked_to(record)`, an explicit one's positions each to `position_to(follower, predecessor)`."""
    groups: dict[int, list[tuple[int, PairRecord]]] = defaultdict(list)
    for doc, record in records:
        if isinstance(record, Linked):
            groups[linked_to(record)].append((doc, record))
            continue
        split: dict[int, list[int]] = defaultdict(list)
        for n, (f, p) in enumerate(zip(record.followers, record.predecessors, strict=True)):
            split[position_to(f, p)].append(n)
        if len(split) == 1:
            groups[next(iter(split))].append((doc, record))
            continue
        for group, kept in split.items():
            groups[group].append((doc, Explicit(array("I", [record.positions[n] for n in kept]),
                                                array("I", [record.followers[n] for n in kept]),
                                                array("I", [record.predecessors[n] for n in kept]))))
    return groups


def by_bucket(records: Sequence[tuple[int, PairRecord]], followers: Followers,
              ) -> dict[int, list[tuple[int, PairRecord]]]:
    """The records split by their followers' buckets."""
    of = followers.buckets
    return split_records(records, lambda r: of[r.follower], lambda f, p: of[f - 1] if f else EDGE)


def sub_bucket(follower: str, predecessor: str) -> int:
    """Which part of a split bucket holds the occurrences with this follower and text before (search.js computes
    the same). Only the last character before counts: a 6-gram at offset 1 or 2 of a phrase knows only that."""
    return term_hash(follower + predecessor[-1:]) % PAIR_BUCKETS


MIXED_PART = PAIR_BUCKETS
"""The part of a split bucket with the linked records whose trigram has predecessors with nothing in common
(fetched with every part: they match whatever comes before); those ending alike go to the part of that ending."""


def by_part(records: Sequence[tuple[int, PairRecord]], followers: Followers) -> dict[int, list[tuple[int, PairRecord]]]:
    """A bucket's records split by follower and the last character before (linked ones of mixed predecessors
    apart)."""
    text = followers.text

    def linked_to(record: Linked) -> int:
        if record.predecessor == MIXED:
            return MIXED_PART
        return sub_bucket(followers.names[record.follower], text(record.predecessor))

    return split_records(records, linked_to, lambda f, p: sub_bucket(text(f), text(p)))


PART_SPLIT_BYTES = 16 * 1024
"""A bucket's entry bigger than this (in one segment) is split again, into parts by the follower and the last
character before: a 6-gram whose follower ends runs of many texts ("保护法" + "贯彻实" / "普及教") fetches only
the occurrences after the text the phrase has there (each part is a file; index.py lists them)."""
PART_TAIL_BYTES = 4 * 1024
"""A part bigger than this (in one segment) is two files: its head, where each document keeps only its first
PART_HEAD positions, and its tail, the rest. A 6-gram in every report, many times each (印发宣传资料并开展法律咨询
in 10,000 synthetic reports, ~14 times a report), is nearly always confirmed by its first occurrences, so a query
fetches a few bytes a report, not every position (~1.2 bytes each); search.js fetches a segment's tails only for
documents the heads leave undecided (windows, which need every occurrence, fetch both)."""
PART_HEAD = 2
Parts = list[tuple[int, bytes, bytes]]
"""A split bucket: (part number, entry or head, tail or b"" when the part is whole) for each part that has
records."""


def tail_records(records: Sequence[tuple[int, PairRecord]], head: int) -> list[tuple[int, PairRecord]]:
    """The positions of explicit records after their first `head` (what a PAIRS_HEAD entry leaves out)."""
    return [(doc, Explicit(r.positions[head:], r.followers[head:], r.predecessors[head:]))
            for doc, r in records if isinstance(r, Explicit) and len(r.positions) > head]


def encode_part(number: int, records: Sequence[tuple[int, PairRecord]], followers: Followers,
                ) -> tuple[int, bytes, bytes]:
    """One part of a split bucket: whole, or as head and tail when big (PART_TAIL_BYTES)."""
    entry = encode_pairs(records, followers)
    tail = tail_records(records, PART_HEAD) if len(entry) > PART_TAIL_BYTES else []
    if not tail:
        return number, entry, b""
    return number, encode_pairs(records, followers, head=PART_HEAD), encode_pairs(tail, followers)


def pair_entries(trigram: str, records: Sequence[tuple[int, PairRecord]], followers: Followers,
                 ) -> dict[str, bytes | Parts]:
    """The keys and entries of a trigram's pairs in a segment: one entry, or one per bucket when big, and a big
    bucket's parts."""
    size = sum(2 if isinstance(r, Explicit) and len(r.positions) > 1 else 1 for _, r in records)  # rough bytes
    size += sum(len(r.positions) for _, r in records if isinstance(r, Explicit))
    if size <= PAIR_SPLIT_BYTES:
        return {trigram + PAIR: encode_pairs(records, followers)}
    out: dict[str, bytes | Parts] = {}
    for bucket, kept in sorted(by_bucket(records, followers).items()):
        entry = encode_pairs(kept, followers)
        if len(entry) > PART_SPLIT_BYTES and bucket != EDGE:  # run ends: only windows need them, wanting all
            parts = by_part(kept, followers)
            out[bucket_key(trigram, bucket)] = [encode_part(part, parts[part], followers) for part in sorted(parts)]
        else:
            out[bucket_key(trigram, bucket)] = entry
    return out
