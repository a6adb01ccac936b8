"""Caches are made and read under the tool's code version: other code reuses no page and no download."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from site_builder import cachefile, pagekeys
from site_builder.build import build
from site_builder.codeversion import PACKAGE, code_version
from site_builder.exports import downloads

from ..conftest import TODAY, report_text


def test_the_version_follows_the_code_not_the_folder(tmp_path: Path) -> None:
    copy = tmp_path / "site_builder"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    assert code_version(copy) == code_version(PACKAGE)
    (copy / "gongwen.py").write_text((copy / "gongwen.py").read_text(encoding="utf-8") + "\n# changed\n",
                                     encoding="utf-8")
    code_version.cache_clear()
    assert code_version(copy) != code_version(PACKAGE)


def test_a_build_by_other_code_reuses_nothing(make_project, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_project({"content/a.md": report_text(index="t/1"), "content/b.md": report_text(index="t/2", title="乙")})
    first = build(root, root / "output", TODAY)
    assert build(root, root / "output", TODAY).pages_reused == first.pages_rendered
    for module in (cachefile, pagekeys, downloads):  # as after an upgrade that kept the version number
        monkeypatch.setattr(module, "code_version", lambda: "0.1.0+other")
    again = build(root, root / "output", TODAY)
    assert again.pages_reused == 0 and again.pages_rendered == first.pages_rendered
    assert again.downloads_rendered == first.downloads_rendered == 4
