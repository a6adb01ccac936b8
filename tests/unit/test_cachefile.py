import json
from pathlib import Path

from site_builder.cachefile import read_cache, write_cache


def test_round_trip_and_every_kind_of_damage(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    write_cache(path, "for-this", {"a": [1, 2]})
    assert read_cache(path, "for-this") == {"a": [1, 2]}
    assert read_cache(path, "for-other") is None
    data = json.loads(path.read_text())
    data["payload"]["a"] = [1, 3]
    path.write_text(json.dumps(data))
    assert read_cache(path, "for-this") is None  # checksum no longer matches
    path.write_text("{not json")
    assert read_cache(path, "for-this") is None
    assert read_cache(tmp_path / "missing.json", "for-this") is None
    assert not list(tmp_path.glob("*.tmp"))
