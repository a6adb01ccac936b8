"""Build the search index: per-document terms (CJK bigrams with positions; CJK characters, Latin/digit
words and exact 索引号/文号 tokens with counts), sharded by term hash, plus small metadata files.

Files under search/: meta.json (filters, dates; fetched first), fold.json (traditional → simplified pairs
for the query side), s/N.bin (postings shards, fetched per query term), d/N.json (titles and URLs of
a chunk of documents, fetched for the results shown)."""

from __future__ import annotations

import datetime as dt
import json
import re
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..bodies import Bodies
from ..model import OutputFile, Report, Site
from .encode import fnv1a, varint
from .normalize import fold_table, normalize

FOLDER = "search"
EPOCH = dt.date(2000, 1, 1)
CHUNK = 200
TARGET_SHARD_BYTES = 48 * 1024
POSITIONAL, COUNTED = 1, 0


@dataclass
class DocTerms:
    """What one document contributes to the index."""

    positions: dict[str, array[int]] = field(default_factory=dict)
    """CJK bigram → positions in the normalised title + body."""
    counts: dict[str, list[int]] = field(default_factory=dict)
    """Character, word or exact token → [occurrences, 1 if it occurs in the title]."""
    title_length: int = 0


def exact_token(value: str, fold: dict[str, str]) -> str:
    return "#" + normalize(value.strip(), fold)


_RUNS = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[a-z0-9]+")


def document_terms(report: Report, fold: dict[str, str], body_text: str) -> DocTerms:
    title = report.meta.title
    text = normalize(title + "\n" + body_text, fold)
    title_length = len(title)
    terms = DocTerms(title_length=title_length)
    positions: dict[str, list[int]] = {}
    cjk: list[str] = []
    words: list[tuple[str, bool]] = []
    for run in _RUNS.finditer(text):
        start, chunk = run.start(), run.group()
        if chunk[0].isascii():
            words.append((chunk, start < title_length))
            continue
        cjk.append(chunk)
        for offset in range(len(chunk) - 1):
            key = chunk[offset : offset + 2]
            found = positions.get(key)
            if found is None:
                positions[key] = found = []
            found.append(start + offset)
    in_title = set(text[:title_length])
    counts = {ch: [n, int(ch in in_title)] for ch, n in Counter("".join(cjk)).items()}
    for word, titled in words:
        entry = counts.setdefault(word, [0, 0])
        entry[0] += 1
        entry[1] = entry[1] or int(titled)
    for value in (report.meta.index_no, report.meta.doc_no):
        if value:
            counts.setdefault(exact_token(value, fold), [1, 0])
    terms.positions = {key: array("I", found) for key, found in positions.items()}
    terms.counts = counts
    return terms


def encode_postings(kind: int, entries: list[tuple[int, object]]) -> bytes:
    out = bytearray([kind])
    varint(len(entries), out)
    previous = -1
    for doc, data in entries:
        varint(doc - previous - 1, out)
        previous = doc
        if kind == POSITIONAL:
            assert isinstance(data, array)
            varint(len(data), out)
            last = -1
            for position in data:
                gap = position - last - 1
                if gap < 0x80:
                    out.append(gap)
                else:
                    varint(gap, out)
                last = position
        else:
            assert isinstance(data, list)
            varint(data[0] * 2 + data[1], out)
    return bytes(out)


def shard_count(total_bytes: int) -> int:
    count = 1
    while total_bytes / count > TARGET_SHARD_BYTES:
        count *= 2
    return count


def render_search(site: Site, bodies: Bodies) -> Iterator[OutputFile]:
    """Every search file for the published reports of the site (never anything unpublished)."""
    fold = fold_table()
    reports = site.reports
    positional: dict[str, list[tuple[int, object]]] = defaultdict(list)
    counted: dict[str, list[tuple[int, object]]] = defaultdict(list)
    title_lengths: list[int] = []
    for doc, report in enumerate(reports):
        terms = document_terms(report, fold, bodies.render(report).text)
        title_lengths.append(terms.title_length)
        for term, positions in terms.positions.items():
            positional[term].append((doc, positions))
        for term, count in terms.counts.items():
            counted[term].append((doc, count))
    encoded = {term: encode_postings(POSITIONAL, entries) for term, entries in positional.items()}
    encoded.update({term: encode_postings(COUNTED, entries) for term, entries in counted.items()})
    shards = shard_count(sum(len(t.encode()) + len(p) + 4 for t, p in encoded.items()))
    buckets: list[bytearray] = [bytearray(b"SBS1") for _ in range(shards)]
    for term in sorted(encoded):
        bucket = buckets[fnv1a(term) % shards]
        raw = term.encode("utf-8")
        varint(len(raw), bucket)
        bucket += raw
        varint(len(encoded[term]), bucket)
        bucket += encoded[term]
    for number, bucket in enumerate(buckets):
        yield OutputFile(f"{FOLDER}/s/{number}.bin", bytes(bucket))
    yield from _metadata(site, title_lengths, shards)
    used = {term for term in counted if len(term) == 1}
    pairs = "".join(t + s for t, s in sorted(fold.items()) if s in used)
    yield OutputFile(f"{FOLDER}/fold.json", json.dumps(pairs, ensure_ascii=False).encode("utf-8"))


def _metadata(site: Site, title_lengths: list[int], shards: int) -> Iterator[OutputFile]:
    reports = site.reports
    columns = sorted({"/".join(r.column) for r in reports})
    agencies = sorted({r.meta.publisher for r in reports})
    docs = [[(r.meta.published - EPOCH).days, columns.index("/".join(r.column)), agencies.index(r.meta.publisher),
             length] for r, length in zip(reports, title_lengths, strict=True)]
    meta = {"version": 1, "shards": shards, "epoch": EPOCH.isoformat(), "chunk": CHUNK, "columns": columns,
            "agencies": agencies, "years": sorted({r.meta.published.year for r in reports}, reverse=True),
            "docs": docs}
    yield OutputFile(f"{FOLDER}/meta.json", json.dumps(meta, ensure_ascii=False, separators=(",", ":")).encode())
    for start in range(0, len(reports), CHUNK):
        rows = [[r.url, r.meta.title, r.meta.publisher, r.meta.published.isoformat(), "/".join(r.column)]
                for r in reports[start : start + CHUNK]]
        yield OutputFile(f"{FOLDER}/d/{start // CHUNK}.json",
                         json.dumps(rows, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
