"""What comes before and after each trigram: the data that decides a phrase without downloading every
position of its trigrams.

Pairs (key trigram + "^", or trigram + "^" + bucket), per segment: every occurrence of the trigram with what
follows it (the next trigram, or at a run's end the 0–2 characters left) and what comes before it (likewise),
grouped by the follower. A phrase of 4–9 characters is decided by one of its trigrams (the text after must start
with the rest of the phrase, the text before end with its start: a window); one of 6+ characters by the chain of
its 6-grams at offsets 0, 3, 6 … and len-6, whose size follows how often the 6-grams occur, not how often the
trigrams do. Each position also names the trigram before it, so a 6-gram at o checks the 9 characters from
o - 3 and a common 6-gram next to it can be left out. Where a trigram is always followed by the same trigram
in a document and that one always preceded by it ("linked"), no position is stored for the document: either
implies the other; the predecessor is stored when it is always the same.
"""

from __future__ import annotations

import re
from array import array
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from .encode import fnv1a, gaps, varint

PAIRS = 5
"""Entry kind (the first byte of an entry); 0–3 are in index.py."""
PAIR = "^"
PAIR_BUCKETS = 16
PAIR_SPLIT_BYTES = 1024
"""A trigram's pairs bigger than this (in one segment) are split into PAIR_BUCKETS entries by follower, so a
query fetches only the bucket of the follower it needs."""
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
    """In this document the trigram is always followed by one trigram and that one always preceded by it; the
    text before the trigram (number + 1; 0 at the start of a run) when it is always the same, else MIXED."""

    follower: int
    count: int
    first: int
    predecessor: int


@dataclass(slots=True)
class Explicit:
    """Every occurrence of the trigram: positions and, for each, what follows it and what comes before it
    (number + 1; 0 at the edge of a run). Next to a run's edge that is the 1 or 2 characters left."""

    positions: array[int]
    followers: array[int]
    predecessors: array[int]


PairRecord = Linked | Explicit


def pair_bucket(follower: str) -> int:
    """Which of a split trigram's pair entries holds this follower (search.js computes the same)."""
    return fnv1a(follower) % PAIR_BUCKETS


class Followers:
    """Numbers for the texts before and after trigrams in one segment: records hold 4-byte numbers, not a
    string each."""

    def __init__(self) -> None:
        self.number: dict[str, int] = {}
        self.names: list[str] = []
        self.buckets: list[int] = []

    def of(self, trigram: str) -> int:
        found = self.number.get(trigram)
        if found is None:
            found = self.number[trigram] = len(self.names)
            self.names.append(trigram)
            self.buckets.append(pair_bucket(trigram))
        return found


NO_TEXT_BUCKET = pair_bucket("")
"""The bucket of occurrences at the end of a run (nothing follows them)."""


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
        if first is not None and follows.count(first) == len(places) and len(positions[first]) == len(places):
            preds = {before(p) for p in places}
            out[trigram] = Linked(number(first), len(places), places[0], preds.pop() if len(preds) == 1 else MIXED)
            continue
        out[trigram] = Explicit(places, array("I", map(after, places)), array("I", map(before, places)))
    return out


def encode_pairs(records: Sequence[tuple[int, PairRecord]], followers: Followers) -> bytes:
    """One entry of a trigram's pairs in a segment: [kind, same follower, text count, texts (UTF-8, length
    first), document count, per document: gap, then 0, follower, count, first position, predecessor (linked:
    0 mixed, 1 none, else number + 2) or n, n position gaps, n followers (omitted when `same follower`, a
    number + 1, is not 0: every follower in the entry is that one) and n predecessors]. Followers and
    predecessors of records with positions are number + 1, 0 for none; with fewer than 16 texts named they take
    half a byte each."""
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
    out = bytearray([PAIRS])
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
            for value in (local[record.follower], record.count, record.first,
                          0 if pred == MIXED else local[pred - 1] + 2 if pred else 1):
                varint(value, out)
            continue
        varint(len(record.positions), out)
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


def by_bucket(records: Sequence[tuple[int, PairRecord]], followers: Followers,
              ) -> dict[int, list[tuple[int, PairRecord]]]:
    """The records split by their followers' buckets (documents stay in order within each)."""
    buckets: dict[int, list[tuple[int, PairRecord]]] = defaultdict(list)
    of = followers.buckets
    for doc, record in records:
        if isinstance(record, Linked):
            buckets[of[record.follower]].append((doc, record))
            continue
        split: dict[int, list[int]] = defaultdict(list)
        for n, f in enumerate(record.followers):
            split[of[f - 1] if f else NO_TEXT_BUCKET].append(n)
        if len(split) == 1:
            buckets[next(iter(split))].append((doc, record))
            continue
        for bucket, kept in split.items():
            buckets[bucket].append((doc, Explicit(array("I", [record.positions[n] for n in kept]),
                                                  array("I", [record.followers[n] for n in kept]),
                                                  array("I", [record.predecessors[n] for n in kept]))))
    return buckets


def pair_entries(trigram: str, records: Sequence[tuple[int, PairRecord]], followers: Followers) -> dict[str, bytes]:
    """The keys and entries of a trigram's pairs in a segment: one entry, or one per bucket when big."""
    size = sum(2 if isinstance(r, Explicit) and len(r.positions) > 1 else 1 for _, r in records)  # rough bytes
    size += sum(len(r.positions) for _, r in records if isinstance(r, Explicit))
    if size <= PAIR_SPLIT_BYTES:
        return {trigram + PAIR: encode_pairs(records, followers)}
    return {f"{trigram}{PAIR}{bucket:x}": encode_pairs(kept, followers)
            for bucket, kept in sorted(by_bucket(records, followers).items())}
