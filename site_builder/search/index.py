"""Build the search index: per-document terms (CJK trigrams with positions; CJK bigrams and characters,
Latin/digit words and exact 索引号/文号 tokens with counts), sharded by term hash, plus small metadata files.

Why trigrams carry the positions and bigrams only counts: a query of two characters needs no positions (the bigram's
document list is the exact answer), and a longer phrase is checked with trigrams at offsets 0, 5, 10 …, which are
far rarer than bigrams, so a first query fetches much less (法治 occurs in every report; 法治宣 only where the phrase
is). A trigram's entry holds, in each document, the first position of each of the first HEAD_POSITIONS different
two-character texts after it (its head); every position, with the text before and after it, is in its pairs
(adjacency.py), which decide a phrase exactly: from one trigram for 4–9 characters, from its 6-grams for 6+.
search.js weighs the plans by the sizes in the shard entries.

Files under search/: meta.json (segments, filters, dates; fetched first), fold.json (traditional → simplified
pairs for the query side), s/G/N.bin (postings shards of segment G, fetched per query term), s/G/x/K.bin (the
postings of a term too big to share a shard: its shard entry names K, so a query never fetches another big
term along with its own), d/N.json (titles and URLs of a chunk of documents, fetched for the results shown)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from array import array
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..bodies import Bodies
from ..cachefile import read_cache, write_cache
from ..model import OutputFile, Report, Site
from ..pagekeys import PageCache
from ..sources import MAX_INDEXED_CHARS
from .adjacency import PAIR_BUCKETS, Followers, PairRecord, Parts, document_pairs, family, pair_entries
from .encode import gaps, term_hash, varint
from .normalize import fold_table, normalize

FOLDER = "search"
INDEX_VERSION = 21
SEGMENT = 1000
"""Documents per segment: an edit re-indexes one segment, a query fetches one shard per segment and term."""
EPOCH = dt.date(2000, 1, 1)
CHUNK = 50
"""Documents per titles file (d/N.json): a page of 10 results fetches the files its documents are in."""
TARGET_SHARD_BYTES = 8 * 1024
"""What a term's lookup fetches besides the term itself, summed over all segments (bigger postings are in
files of their own, so shards hold only small terms and can be small)."""
MIN_SHARD_BYTES = 512
COUNTED, EXTERNAL, HEAD, PARTS = 0, 2, 3, 6
"""Entry kinds (the first byte of an entry); 5 and 7 are in adjacency.py (1 and 4 were tails and followers, dropped
when the pairs came to hold every position). PARTS: a pairs bucket split into parts, each in a file of its own
([6, first file, part count, then for each: part number, size, tail size (0: none; else the tail is the next
file)])."""
HEAD_POSITIONS = 3
"""A trigram's entry holds, per document, its count and the first position of each of the first HEAD_POSITIONS
different texts after it (two characters), and whether those are all the texts after it in the document. A phrase of
4–5 characters is then decided by its first trigram's head (present, or absent when every text after it is listed),
and a longer one is nearly always confirmed by the first occurrences of its trigrams, so a common phrase costs a few
bytes per document, not ~1.2 bytes per occurrence; search.js fetches pairs only for documents the heads leave
undecided."""


@dataclass
class DocTerms:
    """What one document contributes to the index."""

    positions: dict[str, array[int]] = field(default_factory=dict)
    """CJK trigram → positions in the normalised title + body."""
    counts: dict[str, list[int]] = field(default_factory=dict)
    """CJK bigram or character, word or exact token → [occurrences, 1 if it occurs in the title]."""
    title_length: int = 0


def exact_token(value: str, fold: dict[str, str]) -> str:
    return "#" + normalize(value.strip(), fold)


_RUNS = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[a-z0-9]+")


def document_text(report: Report, fold: dict[str, str], body_text: str) -> str:
    """The normalised title and body (up to MAX_INDEXED_CHARS of it; the build warns, SB319): what positions
    count in."""
    return normalize(report.meta.title + "\n" + body_text[:MAX_INDEXED_CHARS], fold)


def document_terms(report: Report, fold: dict[str, str], body_text: str) -> DocTerms:
    return text_terms(report, fold, document_text(report, fold, body_text))


def text_terms(report: Report, fold: dict[str, str], text: str) -> DocTerms:
    """The terms of a report whose normalised text (document_text) is given."""
    title_length = len(report.meta.title)
    terms = DocTerms(title_length=title_length)
    positions: dict[str, list[int]] = {}
    grams: list[str] = []
    titled: set[str] = set()
    for run in _RUNS.finditer(text):
        start, chunk = run.start(), run.group()
        if chunk[0].isascii():
            found = [chunk]
        else:  # characters and bigrams are counted; trigrams keep their positions
            pairs = list(map(str.__add__, chunk, chunk[1:]))
            found = [*chunk, *pairs]
            for offset, key in enumerate(map(str.__add__, pairs, chunk[2:]), start):
                places = positions.get(key)
                if places is None:
                    positions[key] = [offset]
                else:
                    places.append(offset)
        grams += found
        if start < title_length:  # the title ends with "\n", so a run is wholly in it or wholly after it
            titled.update(found)
    counts = {gram: [n, 0] for gram, n in Counter(grams).items()}
    for gram in titled:
        counts[gram][1] = 1
    for value in (report.meta.index_no, report.meta.doc_no):
        if value:
            counts.setdefault(exact_token(value, fold), [1, 0])
    terms.positions = {key: array("I", found) for key, found in positions.items()}
    terms.counts = counts
    return terms


def encode_postings(entries: Sequence[tuple[int, list[int]]]) -> bytes:
    """A counted term's entry: [0, document count, per document: gap, count * 2 + 1 if in the title]."""
    out = bytearray([COUNTED])
    varint(len(entries), out)
    previous = -1
    for doc, counts in entries:
        varint(doc - previous - 1, out)
        previous = doc
        varint(counts[0] * 2 + counts[1], out)
    return bytes(out)


def head_positions(positions: Sequence[int], text: str) -> tuple[list[int], list[str], bool]:
    """The first position of each different text after the trigram (two characters, fewer where the text ends),
    up to HEAD_POSITIONS of them in order, those texts, and whether they are all the texts after it."""
    first: dict[str, int] = {}
    for place in positions:
        after = text[place + 3 : place + 5]
        if after not in first:
            if len(first) == HEAD_POSITIONS:
                return list(first.values()), list(first), False
            first[after] = place
    return list(first.values()), list(first), True


def encode_head(entries: Sequence[tuple[int, array[int], str]]) -> bytes:
    """A trigram's head: [3, text count, the texts (length, code points), document count, per document: gap,
    count, stored * 2 + 1 if those are all the texts after it, the stored positions (gaps), then the texts after
    each (number + 1 in the list; 0 at the end of the text)] (see head_positions). With two characters after
    it, a phrase of 4–5 characters is decided by its first trigram's head alone, and a longer one by fewer
    trigrams (each covers 5 characters): 法普及教育 in 10,000 synthetic reports was 法普及 + 教 and 及教育, whose
    first occurrences often did not line up (及教育 also follows 民法典普), leaving reports in every segment to
    its window, 716 KB in all. Keyed by the text after it, a head holds the place that matters: 开展法律 was
    undecided where the first two 开展法 of a report went on as 开展法治 (368 KB from the heads and windows)."""
    heads = [head_positions(positions, text) for _, positions, text in entries]
    texts = sorted({after for _, found, _ in heads for after in found if after})
    number = {after: n + 1 for n, after in enumerate(texts)}
    out = bytearray([HEAD])
    varint(len(texts), out)
    for text in texts:
        varint(len(text), out)
        for char in text:
            varint(ord(char), out)
    varint(len(entries), out)
    previous = -1
    for (doc, positions, _), (places, found, every) in zip(entries, heads, strict=True):
        varint(doc - previous - 1, out)
        previous = doc
        varint(len(positions), out)
        varint(len(places) * 2 + every, out)
        gaps(places, out)
        for after in found:
            varint(number.get(after, 0), out)
    return bytes(out)


def shard_count(total_bytes: int, target: int = TARGET_SHARD_BYTES) -> int:
    count = 1
    while total_bytes / count > target:
        count *= 2
    return count


def segment_target(segments: int) -> int:
    """Shard size for each segment: a term is looked up in every segment, so a query fetches about one
    TARGET_SHARD_BYTES of other terms in all, however many segments there are."""
    return max(MIN_SHARD_BYTES, TARGET_SHARD_BYTES // max(1, segments))


@dataclass
class SearchState:
    """Per segment of the previous build's index: its key → [segment number, shard count, external files,
    characters used].
    A segment whose documents are unchanged keeps its files (hard-linked), so it is neither re-indexed nor
    re-uploaded; only segments with a changed, added or removed document are built again."""

    previous: dict[str, list[Any]] = field(default_factory=dict)
    current: dict[str, list[Any]] = field(default_factory=dict)


STATE = Path(".site_builder") / "cache" / "search.json"


def load_search_state(project_dir: Path, out_dir: Path) -> SearchState:
    previous = read_cache(project_dir / STATE, str(out_dir.resolve()))
    if not isinstance(previous, dict):
        return SearchState()
    return SearchState({str(k): v for k, v in previous.items() if isinstance(v, list) and len(v) == 4})


def save_search_state(project_dir: Path, out_dir: Path, state: SearchState) -> None:
    write_cache(project_dir / STATE, str(out_dir.resolve()), state.current)


def segment_key(number: int, target: int, reports: list[Report]) -> str | None:
    """What a segment's files follow from: its place, its shard size and its documents' files. None if a
    document has no file hash."""
    if any(not r.source_hash for r in reports):
        return None
    text = "|".join([f"v{INDEX_VERSION}", str(number), str(target), *(r.source_hash for r in reports)])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


SegmentFiles = tuple[list[tuple[str, bytes]], int, int, str]
"""One segment's files (path, content), its shard and external file counts, and the characters it uses."""
SegmentJob = tuple[int, int, int, int]
"""(segment number, first document, document count, shard size) of a segment to index."""
IndexSegments = Callable[[list[Report], list[SegmentJob]], Iterator[SegmentFiles]]
"""Indexes the given segments of the documents (oldest first), yielding their files in order."""


def render_search(site: Site, bodies: Bodies, cache: PageCache | None = None,
                  state: SearchState | None = None, index_segments: IndexSegments | None = None,
                  ) -> Iterator[OutputFile]:
    """Every search file for the published reports of the site (never anything unpublished).

    Documents are numbered oldest first, so a new report is appended and the segments before it keep their
    numbers; each segment of SEGMENT documents has its own shards. Segments to index are handed, in order,
    to `index_segments` (worker processes) when given."""
    fold = fold_table()
    docs = list(reversed(site.reports))
    state = state if state is not None else SearchState()
    used: set[str] = set()
    segments: list[list[int]] = []
    target = segment_target(-(-len(docs) // SEGMENT))
    plan = []
    for number, start in enumerate(range(0, len(docs), SEGMENT)):
        members = docs[start : start + SEGMENT]
        key = segment_key(number, target, members)
        plan.append((number, start, len(members), key, _kept_segment(number, key, state, cache)))
    jobs = [(number, start, count, target) for number, start, count, _, kept in plan if kept is None]
    if index_segments is not None and len(jobs) > 1:  # one segment (an edit): no worker processes to start
        built = index_segments(docs, jobs)
    else:
        built = (segment_files(docs, job, fold, bodies) for job in jobs)
    for number, start, count, key, kept in plan:
        if kept is not None:
            old_files, shards, externals, chars = kept
            yield from (OutputFile(path, b"", reuse_from=old) for path, old in old_files)
        else:
            files, shards, externals, chars = next(built)
            for path, content in files:
                if cache is not None and key is not None:
                    cache.current[path] = key
                yield OutputFile(path, content)
        if key is not None:
            state.current[key] = [number, shards, externals, chars]
        used |= set(chars)
        segments.append([start, count, shards])
    yield from _metadata(docs, segments)
    pairs = "".join(t + s for t, s in sorted(fold.items()) if s in used)
    yield OutputFile(f"{FOLDER}/fold.json", json.dumps(pairs, ensure_ascii=False).encode("utf-8"))


def _shard_path(segment: int, shard: int) -> str:
    return f"{FOLDER}/s/{segment}/{shard}.bin"


def _external_path(segment: int, number: int) -> str:
    return f"{FOLDER}/s/{segment}/x/{number}.bin"


def _kept_segment(number: int, key: str | None, state: SearchState,
                  cache: PageCache | None) -> tuple[list[tuple[str, str]], int, int, str] | None:
    """The previous build's files of this segment (path, old file), its shard and external file counts and
    its characters, when all its files are still as written."""
    if key is None or cache is None or key not in state.previous:
        return None
    old_number, shards, externals, chars = state.previous[key]
    paths = [_shard_path(number, h) for h in range(int(shards))]
    paths += [_external_path(number, k) for k in range(int(externals))]
    found = [cache.intact(path, key) for path in paths]
    if old_number != number or None in found:
        return None
    for path in paths:
        cache.keep(path, key)
    files = [(path, f) for path, f in zip(paths, found, strict=True) if f is not None]
    return files, int(shards), int(externals), str(chars)


def segment_files(docs: list[Report], job: SegmentJob, fold: dict[str, str], bodies: Bodies) -> SegmentFiles:
    """The files of one segment of `docs` (oldest first; document numbers local to the segment), its shard
    and external file counts, and the characters its text uses."""
    number, start, count, target = job
    members = docs[start : start + count]
    positional: dict[str, list[tuple[int, array[int], str]]] = defaultdict(list)
    counted: dict[str, list[tuple[int, list[int]]]] = defaultdict(list)
    paired: dict[str, list[tuple[int, PairRecord]]] = defaultdict(list)
    followers = Followers()
    for doc, report in enumerate(members):
        text = document_text(report, fold, bodies.render(report).text)
        terms = text_terms(report, fold, text)
        for term, positions in terms.positions.items():
            positional[term].append((doc, positions, text))
        for term, record in document_pairs(terms.positions, len(text), followers).items():
            paired[term].append((doc, record))
        for term, counts in terms.counts.items():
            counted[term].append((doc, counts))
    encoded: dict[str, bytes] = {term: encode_head(entries) for term, entries in positional.items()}
    split: dict[str, Parts] = {}
    for term, records in paired.items():
        for key, entry in pair_entries(term, records, followers).items():
            if isinstance(entry, bytes):
                encoded[key] = entry
            else:
                split[key] = entry
    encoded.update({term: encode_postings(entries) for term, entries in counted.items()})
    files: list[tuple[str, bytes]] = []
    for key in sorted(split):  # a split bucket's parts are files in a row; its entry names them and their sizes
        pointer = bytearray([PARTS])
        varint(len(files), pointer)
        varint(len(split[key]), pointer)
        for part, entry, tail in split[key]:
            for value in (part, len(entry), len(tail)):
                varint(value, pointer)
            files.append((_external_path(number, len(files)), entry))
            if tail:
                files.append((_external_path(number, len(files)), tail))
        encoded[key] = bytes(pointer)
    for term in sorted(t for t, postings in encoded.items() if len(postings) > target and t not in split):
        pointer = bytearray([EXTERNAL])  # the file's number and size: search.js weighs plans by what they fetch
        varint(len(files), pointer)
        varint(len(encoded[term]), pointer)
        files.append((_external_path(number, len(files)), encoded[term]))
        encoded[term] = bytes(pointer)
    shards = shard_count(sum(len(t.encode()) + len(p) + 4 for t, p in encoded.items()), target)
    buckets: list[bytearray] = [bytearray(b"SBS1") for _ in range(shards)]
    for term in sorted(encoded):
        bucket = buckets[term_hash(family(term)) % shards]
        raw = term.encode("utf-8")
        varint(len(raw), bucket)
        bucket += raw
        varint(len(encoded[term]), bucket)
        bucket += encoded[term]
    chars = "".join(sorted(term for term in counted if len(term) == 1))
    shard_files = [(_shard_path(number, h), bytes(bucket)) for h, bucket in enumerate(buckets)]
    return shard_files + files, shards, len(files), chars


def _metadata(docs: list[Report], segments: list[list[int]]) -> Iterator[OutputFile]:
    columns = sorted({"/".join(r.column) for r in docs})
    agencies = sorted({r.meta.publisher for r in docs})
    column_number = {name: n for n, name in enumerate(columns)}
    agency_number = {name: n for n, name in enumerate(agencies)}
    days = [(r.meta.published - EPOCH).days for r in docs]
    # per document, in columns: publication days as differences (documents are in date order, so nearly all
    # are 0 or 1, and a first query's meta.json compresses to a third of what rows would)
    meta = {"version": INDEX_VERSION, "segments": segments, "buckets": PAIR_BUCKETS,
            "epoch": EPOCH.isoformat(), "chunk": CHUNK, "columns": columns, "agencies": agencies,
            "years": sorted({r.meta.published.year for r in docs}, reverse=True),
            "days": [b - a for a, b in zip([0, *days], days, strict=False)],
            "column": [column_number["/".join(r.column)] for r in docs],
            "agency": [agency_number[r.meta.publisher] for r in docs], "titleLength": [len(r.meta.title) for r in docs]}
    yield OutputFile(f"{FOLDER}/meta.json", json.dumps(meta, ensure_ascii=False, separators=(",", ":")).encode())
    for start in range(0, len(docs), CHUNK):
        chunk = [[r.url, r.meta.title, r.meta.publisher, r.meta.published.isoformat(), "/".join(r.column)]
                 for r in docs[start : start + CHUNK]]
        yield OutputFile(f"{FOLDER}/d/{start // CHUNK}.json",
                         json.dumps(chunk, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
