import json
from pathlib import Path

from site_builder.cachefile import read_binary, read_cache, write_binary, write_cache


def test_round_trip_and_every_kind_of_damage(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    write_cache(path, "for-this", {"a": [1, 2]})
    assert read_cache(path, "for-this") == {"a": [1, 2]}
    assert read_cache(path, "for-other") is None
    head, body = path.read_bytes().split(b"\n", 1)
    path.write_bytes(head + b"\n" + body.replace(b"2", b"3"))
    assert read_cache(path, "for-this") is None  # checksum no longer matches
    header = json.loads(head)
    header["tool"] = "0.0.0-other"
    path.write_bytes(json.dumps(header).encode() + b"\n" + body)
    assert read_cache(path, "for-this") is None  # another version of the tool
    path.write_bytes(head + b"\n" + body[: len(body) // 2])
    assert read_cache(path, "for-this") is None  # truncated
    path.write_text("{not json")
    assert read_cache(path, "for-this") is None
    assert read_cache(tmp_path / "missing.json", "for-this") is None
    assert not list(tmp_path.glob("*.tmp"))


def test_large_dicts_are_written_in_pieces_as_the_same_json(tmp_path: Path) -> None:
    payload = {f"content/{n}.md": [n, "中文", None, {"x": n}] for n in range(2500)}
    write_cache(tmp_path / "c.json", "某个目录", payload)
    head, body = (tmp_path / "c.json").read_bytes().split(b"\n", 1)
    assert body == json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    assert json.loads(head)["for"] == "某个目录" and read_cache(tmp_path / "c.json", "某个目录") == payload
    write_cache(tmp_path / "l.json", "x", [1, "二"])  # anything else is written whole
    assert read_cache(tmp_path / "l.json", "x") == [1, "二"]


def test_binary_payloads_are_checked_the_same_way(tmp_path: Path) -> None:
    path = tmp_path / "m.bin"
    write_binary(path, "for-this", b"\x00\x01payload")
    assert read_binary(path, "for-this") == b"\x00\x01payload"
    assert read_binary(path, "for-other") is None
    head, body = path.read_bytes().split(b"\n", 1)
    path.write_bytes(head + b"\n" + body[:-1])
    assert read_binary(path, "for-this") is None
