import datetime as dt
import json

import pytest

from site_builder.bodies import Bodies
from site_builder.markdown import render_body
from site_builder.model import Report, ReportMeta
from site_builder.search.adjacency import PAIRS
from site_builder.search.encode import read_shard, read_varint, term_hash, varint
from site_builder.search.index import (
    COUNTED,
    HEAD,
    document_terms,
    encode_head,
    encode_postings,
    head_positions,
    render_search,
    shard_count,
)
from site_builder.search.normalize import fold_table, is_cjk, normalize
from site_builder.site import assemble_site

from ..conftest import TODAY, report_text
from .test_site import CONFIG


def _report(index: str, title: str, body: str, doc_no: str | None = None, published: str = "2025-01-01") -> Report:
    day = dt.date.fromisoformat(published)
    meta = ReportMeta(index_no=index, title=title, disclosure="主动公开", publisher="甲局", written=day, published=day,
                      doc_no=doc_no)
    return Report(f"{index}.md", meta, render_body(body), ("法定主动公开内容", "决策公开"), f"x/{index}.html")


def test_normalisation_folds_width_case_and_traditional() -> None:
    assert normalize("２０２３ＡＢＣ法治宣傳責任制") == "2023abc法治宣传责任制"
    assert len(normalize("㈱ｶﾞ")) == 3  # one character out for each in, so offsets line up
    assert fold_table()["傳"] == "传" and "传" not in fold_table()
    assert is_cjk("法") and not is_cjk("a") and not is_cjk("，")


def test_varint_round_trip_and_hash() -> None:
    for value in (0, 1, 127, 128, 300, 2**31):
        out = bytearray()
        varint(value, out)
        assert read_varint(bytes(out), 0) == (value, len(out))
    assert term_hash("法治") == term_hash("法治") and term_hash("a") == 0x1A80B1B3  # search.js: the browser tests


def test_hash_low_bits_follow_every_bit_of_the_text() -> None:
    """Buckets and parts are the hash modulo 16. 品 (E5 93 81) and 壑 (E5 A3 91) differ only in the high half
    of their bytes: FNV-1a alone put every text ending in one into the bucket of the other (so 贯彻实 and 普及教
    shared a pairs bucket, and a 6-gram fetched both); mixed, they share one about once in 16."""
    prefixes = [chr(0x4E00 + 37 * n) + chr(0x5000 + 11 * n) for n in range(400)]
    same = sum(term_hash(p + "品") % 16 == term_hash(p + "壑") % 16 for p in prefixes)
    assert same < 60
    assert term_hash("贯彻实") % 16 != term_hash("普及教") % 16


def test_document_terms_positions_title_and_exact_tokens() -> None:
    report = _report("luo/2023-1", "法治宣传", "开展法治宣傳。ABC 2023", doc_no="江法〔2023〕1号")
    terms = document_terms(report, fold_table(), report.body.text)
    assert list(terms.positions["法治宣"]) == [0, 7] and list(terms.positions["治宣传"]) == [1, 8]
    assert "法治" not in terms.positions and "宣传。" not in terms.positions  # trigrams stop at punctuation
    assert terms.counts["法治"] == [2, 1] and terms.counts["开展"] == [1, 0]  # bigrams: counts and title flag
    assert terms.counts["法"] == [2, 1] and terms.counts["abc"] == [1, 0] and terms.counts["2023"] == [1, 0]
    assert terms.counts["#luo/2023-1"] == [1, 0] and "#江法〔2023〕1号" in terms.counts
    assert terms.title_length == 4


def varint_bytes(value: int) -> bytes:
    out = bytearray()
    varint(value, out)
    return bytes(out)


def test_postings_encoding() -> None:
    from array import array

    assert encode_postings([(2, [3, 1])]) == bytes([0, 1, 2, 7])
    # a head: the texts after its positions (length, code points), then per document the count of every
    # position, stored * 2 + 1 if those are every text after it, the first position of each of the first
    # HEAD_POSITIONS (3) different two-character texts after it, and those texts (number + 1; 0: the text ends)
    text = "abcdefghijklmnopqrstuvwxyz"
    assert encode_head([(0, array("I", [3, 9, 20]), text)]) == bytes(
        [HEAD, 3, 2, ord("g"), ord("h"), 2, ord("m"), ord("n"), 2, ord("x"), ord("y"), 1, 0, 3, 7, 3, 5, 10, 1, 2, 3])
    assert encode_head([(1, array("I", [0]), "法治宣"), (4, array("I", [1]), "普法治宣传")]) == bytes(
        [HEAD, 1, 1, *varint_bytes(ord("传")), 2, 1, 1, 3, 0, 0, 2, 1, 3, 1, 1])
    # repeats of a text after it keep only its first place; a fourth different text is not listed
    assert head_positions([0, 4, 8], "甲乙丙丁甲乙丙丁甲乙丙戊") == ([0, 8], ["丁甲", "戊"], True)
    assert head_positions([0, 5, 10, 15, 20], "甲乙丙子丑甲乙丙寅卯甲乙丙子丑甲乙丙辰巳甲乙丙午") == (
        [0, 5, 15], ["子丑", "寅卯", "辰巳"], False)
    assert shard_count(10) == 1 and shard_count(9 * 1024 * 3) == 4


def test_only_published_reports_are_indexed_and_files_are_consistent() -> None:
    reports = [_report("a/1", "普法工作计划", "正文一"), _report("b/2", "法治政府报告", "正文二", published="2024-05-01")]
    site = assemble_site(CONFIG, reports, dt.date(2026, 1, 1))
    files = {f.path: f.content for f in render_search(site, Bodies())}
    meta = json.loads(files["search/meta.json"])
    assert len(meta["days"]) == len(meta["column"]) == len(meta["agency"]) == 2 and meta["years"] == [2025, 2024]
    assert meta["days"] == [8887, 245] and meta["titleLength"] == [6, 6]  # 2024-05-01 (days since 2000), +245
    rows = json.loads(files["search/d/0.json"])
    assert [r[0] for r in rows] == ["x/b/2.html", "x/a/1.html"]  # oldest first: new reports are appended
    shards = [p for p in files if p.startswith("search/s/")]
    assert meta["segments"] == [[0, 2, len(shards)]] and all(files[p].startswith(b"SBS1") for p in shards)
    found = [p for p in shards if "普法".encode() in files[p]]
    assert found == [f"search/s/0/{term_hash('普法') % len(shards)}.bin"]


def test_unchanged_segments_keep_their_files(make_project, monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from site_builder.build import build
    from site_builder.search import index

    monkeypatch.setattr(index, "SEGMENT", 2)
    texts = {f"content/r{n}.md": report_text(index=f"t/{n}", title=f"第{n}篇普法报告", written="2025-01-01", published=f"2025-01-0{n + 1}",
                                             body=f"第{n}篇正文。") for n in range(5)}
    root = make_project(texts)
    build(root, root / "output", TODAY, downloads=False)
    before = {p: p.stat().st_ino for p in (root / "output/search/s").rglob("*.bin")}
    assert sorted({p.parent.name for p in before}) == ["0", "1", "2"]
    newest = root / "content/r4.md"  # the newest report is alone in the last segment
    newest.write_text(newest.read_text(encoding="utf-8").replace("第4篇正文", "第4篇修改后的正文"), encoding="utf-8")
    build(root, root / "output", TODAY, downloads=False)
    after = {p: p.stat().st_ino for p in (root / "output/search/s").rglob("*.bin")}
    assert after.keys() == before.keys()
    changed = sorted({p.parent.name for p in after if after[p] != before[p]})
    assert changed == ["2"]  # only the segment of the edited report was written again
    build(root, tmp_path / "clean", TODAY, downloads=False, incremental=False)
    for path in after:
        assert path.read_bytes() == (tmp_path / "clean" / path.relative_to(root / "output")).read_bytes()


def test_segments_share_one_shard_budget() -> None:
    from site_builder.search.index import MIN_SHARD_BYTES, TARGET_SHARD_BYTES, segment_target

    assert segment_target(1) == TARGET_SHARD_BYTES
    assert segment_target(10) == TARGET_SHARD_BYTES // 10
    assert segment_target(1000) == MIN_SHARD_BYTES
    assert shard_count(100 * 1024, 1000) == 128


def test_kept_segments_are_not_counted_as_pages(make_project, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from site_builder.build import build
    from site_builder.search import index

    monkeypatch.setattr(index, "SEGMENT", 1)  # b.md's segment is kept when a.md changes

    root = make_project({"content/a.md": report_text(), "content/b.md": report_text(index="t/2", title="第二篇")})
    first = build(root, root / "output", TODAY, downloads=False)
    (root / "content/a.md").write_text(report_text(body="改过的正文。"), encoding="utf-8")
    again = build(root, root / "output", TODAY, downloads=False)
    assert again.pages_rendered + again.pages_reused == first.pages_rendered


def test_big_postings_get_their_own_file(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A term bigger than a shard is not bundled with others: its entry points to s/G/x/K.bin."""
    from site_builder.search import index

    monkeypatch.setattr(index, "TARGET_SHARD_BYTES", 40)
    monkeypatch.setattr(index, "MIN_SHARD_BYTES", 40)
    body = "法治宣传" * 30 + "。其他内容。"
    reports = [_report("a/1", "普法工作计划", body), _report("b/2", "法治政府报告", body, published="2024-05-01")]
    files = {f.path: f.content for f in render_search(assemble_site(CONFIG, reports, dt.date(2026, 1, 1)), Bodies())}
    externals = sorted(p for p in files if p.startswith("search/s/0/x/"))
    assert externals and all(len(files[p]) > 40 for p in externals)
    meta = json.loads(files["search/meta.json"])
    shard = meta["segments"][0][2]
    head = read_shard(files[f"search/s/0/{term_hash('法治宣') % shard}.bin"])["法治宣"]
    assert head[0] == index.HEAD and len(head) < 40  # per report: its count, 30, and only its first 2 positions
    pairs = read_shard(files[f"search/s/0/{term_hash('法治宣') % shard}.bin"])["法治宣^"]  # in its trigram's shard
    assert pairs[0] == index.EXTERNAL
    postings = files[f"search/s/0/x/{read_varint(pairs, 1)[0]}.bin"]
    assert postings[0] == PAIRS and len(postings) > 60  # both documents, every one of the 30 positions
    small = read_shard(files[f"search/s/0/{term_hash('其他') % meta['segments'][0][2]}.bin"])["其他"]
    assert small[0] == COUNTED  # small terms stay in their shard


@pytest.mark.parametrize("tails", [False, True])
def test_a_big_buckets_parts_are_files_in_a_row_listed_in_its_shard(monkeypatch, tails: bool) -> None:  # type: ignore[no-untyped-def]
    """Each part is a file; with tails (a part bigger than PART_TAIL_BYTES), a part is its head (each document's
    first PART_HEAD positions, with its whole count) and then its tail (the other positions)."""
    from site_builder.search import adjacency, index

    monkeypatch.setattr(index, "TARGET_SHARD_BYTES", 4)
    monkeypatch.setattr(index, "MIN_SHARD_BYTES", 4)
    monkeypatch.setattr(adjacency, "PAIR_SPLIT_BYTES", 0)
    monkeypatch.setattr(adjacency, "PART_SPLIT_BYTES", 0)
    monkeypatch.setattr(adjacency, "PART_TAIL_BYTES", 0 if tails else 1 << 30)
    body = "法治宣传学习。" + "学习法治宣传" * 30 + "。"
    reports = [_report("a/1", "普法工作计划", body), _report("b/2", "法治政府报告", body, published="2024-05-01")]
    files = {f.path: f.content for f in render_search(assemble_site(CONFIG, reports, dt.date(2026, 1, 1)), Bodies())}
    shard = json.loads(files["search/meta.json"])["segments"][0][2]
    entries = read_shard(files[f"search/s/0/{term_hash('法治宣') % shard}.bin"])
    listing = entries[adjacency.bucket_key("法治宣", adjacency.pair_bucket("传学习"))]
    assert listing[0] == index.PARTS and len(listing) > 4  # bigger than a shard's budget, yet never a file of its own
    file, at = read_varint(listing, 1)
    count, at = read_varint(listing, at)
    parts, tail_sizes = [], []
    for _ in range(count):
        part, at = read_varint(listing, at)
        size, at = read_varint(listing, at)
        tail_size, at = read_varint(listing, at)
        content = files[f"search/s/0/x/{file}.bin"]
        assert len(content) == size and content[0] == (adjacency.PAIRS_HEAD if tail_size else PAIRS)
        file += 1
        if tail_size:
            tail = files[f"search/s/0/x/{file}.bin"]
            assert len(tail) == tail_size and tail[0] == PAIRS
            file += 1
        parts.append(part)
        tail_sizes.append(tail_size)
    assert at == len(listing) and parts == sorted(parts)
    # 法治宣 after 学习 (its repeats) and after nothing (each body's first): parts of their own
    mine, none = adjacency.sub_bucket("传学习", "传学习"), adjacency.sub_bucket("传学习", "")
    assert mine != none and {mine, none} == set(parts)
    # the repeats' part (29 positions a document) has a tail; the other (1 a document) has nothing to leave out
    assert tail_sizes[parts.index(mine)] > 0 if tails else set(tail_sizes) == {0}
    assert tail_sizes[parts.index(none)] == 0


def test_only_the_beginning_of_a_very_long_body_is_indexed() -> None:
    from site_builder.sources import MAX_INDEXED_CHARS

    report = _report("a/1", "标题", "")
    terms = document_terms(report, fold_table(), "普法" * (MAX_INDEXED_CHARS // 2) + "甲乙丙")
    assert "普法普" in terms.positions and "甲乙丙" not in terms.positions
