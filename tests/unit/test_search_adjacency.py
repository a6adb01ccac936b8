from array import array

from site_builder.search.adjacency import (
    MIXED,
    MIXED_PART,
    PAIRS,
    PAIRS_HEAD,
    Explicit,
    Followers,
    Linked,
    by_part,
    document_pairs,
    encode_pairs,
    encode_part,
    family,
    pair_bucket,
    pair_entries,
    sub_bucket,
    tail_records,
)
from site_builder.search.encode import read_varint, term_hash
from site_builder.search.index import text_terms
from site_builder.search.normalize import fold_table

from .test_search_index import _report


def _pairs(body: str) -> tuple[dict[str, object], Followers]:
    report = _report("a/1", "标题", body)
    text = "标题\n" + body
    followers = Followers()
    return document_pairs(text_terms(report, fold_table(), text).positions, len(text), followers), followers


def _names(followers: Followers, numbers: object) -> list[str | None]:
    return [followers.names[f - 1] if f else None for f in numbers]  # type: ignore[attr-defined]


def test_linked_when_a_trigram_and_its_follower_only_occur_together() -> None:
    pairs, followers = _pairs("甲乙丙丁戊己，甲乙丙丁戊己。戊己庚")
    linked = pairs["甲乙丙"]
    assert isinstance(linked, Linked) and followers.names[linked.follower] == "丁戊己"
    assert (linked.count, linked.first, linked.predecessor) == (2, 3, 0)  # after the title "标题\n"; starts a run
    # 丁戊己 ends its runs: recorded with nothing after it and 甲乙丙 before it; 戊己庚 is a run of its own
    end = pairs["丁戊己"]
    assert isinstance(end, Explicit) and list(end.positions) == [6, 13] and list(end.followers) == [0, 0]
    assert _names(followers, end.predecessors) == ["甲乙丙", "甲乙丙"]
    alone = pairs["戊己庚"]
    assert isinstance(alone, Explicit) and (list(alone.followers), list(alone.predecessors)) == ([0], [0])


def test_linked_one_way_when_the_follower_also_occurs_without_the_trigram() -> None:
    pairs, followers = _pairs("甲乙丙丁戊己，丁戊己庚。甲乙丙丁戊己子")
    record = pairs["甲乙丙"]  # always followed by 丁戊己, but 丁戊己 also starts a run of its own
    assert isinstance(record, Linked) and followers.names[record.follower] == "丁戊己"
    assert (record.count, record.first, record.predecessor, record.both) == (2, 3, 0, False)
    assert isinstance(pairs["丁戊己"], Explicit)  # followed by nothing, 庚 and 子
    pairs, _ = _pairs("甲乙丙丁戊己，甲乙丙丁戊己。")
    assert pairs["甲乙丙"].both  # type: ignore[union-attr]


def test_next_to_a_runs_edge_the_characters_there_are_recorded() -> None:
    pairs, followers = _pairs("甲乙丙丁戊己，甲乙丙丁戊。")
    middle = pairs["乙丙丁"]  # 戊己 then 戊 after it (two, then one character left), 甲 before it
    assert isinstance(middle, Explicit)
    assert _names(followers, middle.followers) == ["戊己", "戊"] and _names(followers, middle.predecessors) == ["甲", "甲"]
    assert _names(followers, pairs["丙丁戊"].predecessors) == ["甲乙", "甲乙"]


def test_a_linked_record_names_its_predecessor_when_it_is_always_the_same() -> None:
    pairs, followers = _pairs("子甲乙丙丁戊己，丑甲乙丙丁戊己。")
    record = pairs["甲乙丙"]
    assert isinstance(record, Linked) and record.predecessor == MIXED
    pairs, followers = _pairs("子甲乙丙丁戊己，子甲乙丙丁戊己。")
    linked = pairs["甲乙丙"]
    assert isinstance(linked, Linked) and followers.names[linked.predecessor - 1] == "子"


def test_a_linked_record_names_what_its_different_predecessors_end_with() -> None:
    pairs, followers = _pairs("环境保护法贯彻实施，年人保护法贯彻实施。未成年保护法贯彻实施")
    record = pairs["护法贯"]
    assert isinstance(record, Linked) and record.suffix and followers.names[record.predecessor - 1] == "保"
    pairs, followers = _pairs("境保护法贯彻实施，年人保护法贯彻实施。")  # 境保: two characters at a run's start
    record = pairs["护法贯"]
    assert isinstance(record, Linked) and record.suffix and followers.names[record.predecessor - 1] == "保"
    pairs, followers = _pairs("环境保护法贯彻实，人口保护法贯彻实。")
    record = pairs["保护法"]  # 环境 and 人口: nothing in common
    assert isinstance(record, Linked) and not record.suffix and record.predecessor == MIXED


def test_explicit_when_the_trigram_has_several_followers() -> None:
    pairs, followers = _pairs("甲乙丙丁戊己，丁戊己。甲乙丙子丑寅")
    record = pairs["甲乙丙"]
    assert isinstance(record, Explicit) and list(record.positions) == [3, 14]
    assert _names(followers, record.followers) == ["丁戊己", "子丑寅"]
    assert list(record.predecessors) == [0, 0]  # both start a run
    pairs, followers = _pairs("子丑寅甲乙丙丁戊己，丁戊己。甲乙丙子丑寅")
    assert _names(followers, pairs["甲乙丙"].predecessors) == ["子丑寅", None]  # type: ignore[union-attr]


def test_pairs_encoding() -> None:
    followers = Followers()
    a, b = followers.of("丁戊己"), followers.of("子丑寅")
    explicit = Explicit(array("I", [3, 13]), array("I", [a + 1, b + 1]), array("I", [0, b + 1]))
    data = encode_pairs([(0, Linked(a, 2, 3, b + 1)), (4, explicit)], followers)
    raw_a, raw_b = "丁戊己".encode(), "子丑寅".encode()
    # not one follower for all: 0; linked: gap 0, 0, follower 0, count 2, first 3, predecessor 子丑寅 (1 * 2 + 2);
    # explicit: gap 3, 2 positions (gaps 3, 9), followers 丁戊己, 子丑寅 and predecessors none, 子丑寅 (number + 1,
    # each pair in one byte, low half first)
    assert data == bytes([PAIRS, 0, 2, 9, *raw_a, 9, *raw_b, 2, 0, 0, 0, 2, 3, 4, 3, 2, 3, 9, 0x21, 0x20])
    ending = encode_pairs([(0, Linked(a, 2, 3, b + 1, suffix=True))], followers)
    assert ending[-1] == 1 * 2 + 2 + 1  # only what the texts before end with: + 1
    mixed = encode_pairs([(0, Linked(a, 2, 3, MIXED)), (1, Linked(a, 1, 5, 0))], followers)
    assert mixed == bytes([PAIRS, 0, 1, 9, *raw_a, 2, 0, 0, 0, 2, 3, 0, 0, 0, 0, 1, 5, 1])  # mixed 0, none 1
    one_way = encode_pairs([(0, Linked(b, 2, 3, 0, both=False))], followers)
    assert one_way == bytes([PAIRS, 0, 1, 9, *raw_b, 1, 0, 0, 1, 2, 3, 1])  # follower 0 * 2 + 1: linked one way
    one = Explicit(array("I", [3]), array("I", [b + 1]), array("I", [0]))
    # every follower is 子丑寅 (the only text named: 0, + 1): no followers column
    assert encode_pairs([(2, one)], followers) == bytes([PAIRS, 1, 1, 9, *raw_b, 1, 2, 1, 3, 0])
    ends = Explicit(array("I", [3]), array("I", [0]), array("I", [a + 1]))
    assert encode_pairs([(0, ends)], followers) == bytes([PAIRS, 0, 1, 9, *raw_a, 1, 0, 1, 3, 0, 0x01])


def test_big_pairs_are_split_by_follower_bucket(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from site_builder.search import adjacency

    followers = Followers()
    names = ["丁戊己", "子丑寅", "卯辰巳", "午未申"]
    ids = [followers.of(n) for n in names]
    records = [(doc, Explicit(array("I", [10 * k for k in range(4)]), array("I", [i + 1 for i in ids]), array("I", [0] * 4)))
               for doc in range(3)]
    assert list(pair_entries("甲乙丙", records, followers)) == ["甲乙丙^"]
    monkeypatch.setattr(adjacency, "PAIR_SPLIT_BYTES", 8)
    split = pair_entries("甲乙丙", records, followers)
    assert sorted(split) == sorted({f"甲乙丙^{pair_bucket(n):x}" for n in names})
    for name in names:  # each bucket holds its followers' positions only
        entry = split[f"甲乙丙^{pair_bucket(name):x}"]
        assert name.encode() in entry and all(o.encode() not in entry for o in names if pair_bucket(o) != pair_bucket(name))
    assert pair_bucket("丁戊己") == term_hash("丁戊己") % 16


def test_run_ends_have_a_bucket_of_their_own(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A trigram ending runs ("学习宣传。") must not share a bucket with a trigram that follows it elsewhere."""
    from site_builder.search import adjacency

    monkeypatch.setattr(adjacency, "PAIR_SPLIT_BYTES", 1)
    followers = Followers()
    after, partial = followers.of("环境保"), followers.of("戊己")
    record = Explicit(array("I", [0, 10, 20]), array("I", [after + 1, 0, partial + 1]), array("I", [0, 0, 0]))
    split = pair_entries("习宣传", [(0, record)], followers)
    assert sorted(split) == sorted({f"习宣传^{pair_bucket('环境保'):x}", "习宣传^_"})
    assert pair_bucket("") == pair_bucket("戊己") == adjacency.EDGE
    assert "环境保".encode() in split[f"习宣传^{pair_bucket('环境保'):x}"] and "戊己".encode() in split["习宣传^_"]


def test_a_trigrams_keys_share_its_shard() -> None:
    assert family("法治宣^") == family("法治宣^a") == "法治宣"
    assert family("#abc^") == "#abc^" and family("法治") == "法治" and family("abcd^") == "abcd^"
    assert read_varint(bytes([5]), 0) == (5, 1)


def test_a_bucket_is_split_into_parts_by_follower_and_the_last_character_before() -> None:
    followers = Followers()
    after, before, other = followers.of("环境保"), followers.of("深入学"), followers.of("民主法")
    explicit = Explicit(array("I", [3, 20, 40]), array("I", [after + 1] * 3), array("I", [before + 1, other + 1, 0]))
    parts = by_part([(0, explicit), (1, Linked(after, 2, 5, MIXED)), (2, Linked(after, 1, 9, other + 1))], followers)
    mine, theirs, none = sub_bucket("环境保", "学"), sub_bucket("环境保", "法"), sub_bucket("环境保", "")
    assert sub_bucket("环境保", "深入学") == sub_bucket("环境保", "入学") == mine  # only the last character counts
    assert [doc for doc, _ in parts[MIXED_PART]] == [1]  # linked, different texts before: matches any, fetched always
    assert 2 in [doc for doc, _ in parts[theirs]]
    positions = {part: [p for _, r in records if isinstance(r, Explicit) for p in r.positions] for part, records in parts.items()}
    assert 3 in positions[mine] and 20 in positions[theirs] and 40 in positions[none]


def test_a_big_part_keeps_each_documents_first_positions_in_its_head_and_the_rest_in_its_tail(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from site_builder.search import adjacency

    followers = Followers()
    a, b = followers.of("环境保"), followers.of("深入学")
    many = Explicit(array("I", [3, 20, 40, 70]), array("I", [a + 1] * 4), array("I", [b + 1, 0, b + 1, b + 1]))
    few = Explicit(array("I", [5]), array("I", [a + 1]), array("I", [0]))
    records = [(0, many), (1, Linked(a, 3, 9, 0)), (2, few)]
    raw_a, raw_b = "环境保".encode(), "深入学".encode()
    # head: [7, 2 kept, same follower (环境保, the second text named: 2), 2 texts, then per document: gap, count
    # (the whole 4), only the first 2 position gaps and their predecessors (two to a byte: 深入学 1, nothing 0)]
    assert encode_pairs(records, followers, head=2) == bytes([
        PAIRS_HEAD, 2, 2, 2, 9, *raw_b, 9, *raw_a, 3,
        0, 4, 3, 16, 0x01,
        0, 0, 2, 3, 9, 1,
        0, 1, 5, 0x00])
    tail = tail_records(records, 2)
    assert [(doc, list(r.positions), list(r.predecessors)) for doc, r in tail] == [(0, [40, 70], [b + 1, b + 1])]
    monkeypatch.setattr(adjacency, "PART_TAIL_BYTES", 1 << 30)
    assert encode_part(4, records, followers) == (4, encode_pairs(records, followers), b"")
    monkeypatch.setattr(adjacency, "PART_TAIL_BYTES", 0)
    assert encode_part(4, records, followers) == (4, encode_pairs(records, followers, head=2), encode_pairs(tail, followers))
    monkeypatch.setattr(adjacency, "PART_HEAD", 4)  # nothing left out: the part stays whole
    assert encode_part(4, records, followers) == (4, encode_pairs(records, followers), b"")
