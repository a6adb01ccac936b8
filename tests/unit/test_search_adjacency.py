from array import array

from site_builder.search.adjacency import (
    FOLLOWERS,
    PAIRS,
    Explicit,
    Followers,
    Linked,
    document_pairs,
    encode_followers,
    encode_pairs,
    family,
    follower_hash,
    followers_of,
    pair_bucket,
    pair_entries,
)
from site_builder.search.encode import fnv1a, read_varint
from site_builder.search.index import text_terms
from site_builder.search.normalize import fold_table

from .test_search_index import _report


def test_followers_are_the_characters_after_a_trigram_within_its_run() -> None:
    from array import array

    texts = ["法治宣传教育。法治宣讲", "法治宣"]
    found = followers_of([(0, array("I", [0, 7])), (1, array("I", [0]))], texts)
    assert found == {"传", "传教", "传教育", "讲"}  # 。 ends a run, 讲 the text; nothing follows the second


def test_followers_encoding_is_a_sorted_set_of_cut_hashes() -> None:
    data = encode_followers(["传", "传教", "传教育"])
    assert data[0] == FOLLOWERS and data[1] == 3 .bit_length() + 8  # 10 bits: a false pass ~1 in 256
    count, at = read_varint(data, 2)
    hashes, value = [], 0
    for _ in range(count):
        gap, at = read_varint(data, at)
        value += gap
        hashes.append(value)
    assert at == len(data) and hashes == sorted({follower_hash(t, 10) for t in ["传", "传教", "传教育"]})
    assert all(h < 2**10 for h in hashes) and follower_hash("传", 32) == fnv1a("传")



def _pairs(body: str) -> tuple[dict[str, object], Followers]:
    report = _report("a/1", "标题", body)
    text = "标题\n" + body
    followers = Followers()
    return document_pairs(text_terms(report, fold_table(), text).positions, len(text), followers), followers


def test_linked_when_a_trigram_and_its_follower_only_occur_together() -> None:
    pairs, followers = _pairs("甲乙丙丁戊己，甲乙丙丁戊己。戊己庚")
    linked = pairs["甲乙丙"]
    assert isinstance(linked, Linked) and followers.names[linked.follower] == "丁戊己"
    assert (linked.count, linked.first) == (2, 3)  # after the title "标题\n"
    # 丁戊己 and 戊己庚 are never followed by a trigram (a comma, a full stop, the end of a run): no record
    assert "丁戊己" not in pairs and "戊己庚" not in pairs


def test_explicit_when_the_follower_also_occurs_alone_or_the_trigram_has_several() -> None:
    pairs, _ = _pairs("甲乙丙丁戊己，甲乙丙丁戊己。丁戊己庚")  # 丁戊己 also without 甲乙丙 before it
    assert isinstance(pairs["甲乙丙"], Explicit)
    pairs, followers = _pairs("甲乙丙丁戊己，丁戊己。甲乙丙子丑寅")
    record = pairs["甲乙丙"]
    assert isinstance(record, Explicit) and list(record.positions) == [3, 14]
    assert [followers.names[f] for f in record.followers] == ["丁戊己", "子丑寅"]
    assert list(record.predecessors) == [0, 0]  # both start a run
    pairs, followers = _pairs("子丑寅甲乙丙丁戊己，丁戊己。甲乙丙子丑寅")
    record = pairs["甲乙丙"]
    assert [followers.names[f - 1] if f else None for f in record.predecessors] == ["子丑寅", None]


def test_pairs_encoding() -> None:
    followers = Followers()
    a, b = followers.of("丁戊己"), followers.of("子丑寅")
    explicit = Explicit(array("I", [3, 13]), array("I", [a, b]), array("I", [0, b + 1]))
    data = encode_pairs([(0, Linked(a, 2, 3)), (4, explicit)], followers)
    raw_a, raw_b = "丁戊己".encode(), "子丑寅".encode()
    # linked: gap 0, 0, follower 0, count 2, first 3; explicit: gap 3, 2 positions (gaps 3, 9), followers 0, 1
    # and predecessors none, 子丑寅 (number + 1), each pair in one byte (low half first)
    assert data == bytes([PAIRS, 2, 9, *raw_a, 9, *raw_b, 2, 0, 0, 0, 2, 3, 3, 2, 3, 9, 0x10, 0x20])


def test_big_pairs_are_split_by_follower_bucket(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from site_builder.search import adjacency

    followers = Followers()
    names = ["丁戊己", "子丑寅", "卯辰巳", "午未申"]
    ids = [followers.of(n) for n in names]
    records = [(doc, Explicit(array("I", [10 * k for k in range(4)]), array("I", ids), array("I", [0] * 4)))
               for doc in range(3)]
    assert list(pair_entries("甲乙丙", records, followers)) == ["甲乙丙^"]
    monkeypatch.setattr(adjacency, "PAIR_SPLIT_BYTES", 8)
    split = pair_entries("甲乙丙", records, followers)
    assert sorted(split) == sorted({f"甲乙丙^{pair_bucket(n):x}" for n in names})
    for name in names:  # each bucket holds its followers' positions only
        entry = split[f"甲乙丙^{pair_bucket(name):x}"]
        assert name.encode() in entry and all(o.encode() not in entry for o in names if pair_bucket(o) != pair_bucket(name))
    assert pair_bucket("丁戊己") == fnv1a("丁戊己") % 16


def test_a_trigrams_keys_share_its_shard() -> None:
    assert family("法治宣+") == family("法治宣~") == family("法治宣^") == family("法治宣^a") == "法治宣"
    assert family("#abc+") == "#abc+" and family("法治") == "法治" and family("abcd+") == "abcd+"
    assert read_varint(bytes([5]), 0) == (5, 1)
