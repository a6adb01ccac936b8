import os
from pathlib import Path

from site_builder.tree import entries_under


def test_walks_only_into_the_folders_it_is_told_to(tmp_path: Path) -> None:
    for rel in ("a.md", "sub/b.md", "sub/deeper/c.md", "skip/d.md"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x", encoding="utf-8")
    found = {os.path.relpath(e.path, tmp_path) for e in entries_under(str(tmp_path), lambda e: e.is_dir() and e.name != "skip")}
    assert found == {"a.md", "sub", "skip", os.path.join("sub", "b.md"), os.path.join("sub", "deeper"),
                     os.path.join("sub", "deeper", "c.md")}


def test_an_unreadable_or_missing_root_yields_nothing(tmp_path: Path) -> None:
    assert list(entries_under(str(tmp_path / "missing"), lambda e: True)) == []
