"""Promise 6: safe to deploy as it is: no build-machine paths, byte-identical rebuilds from anywhere,
no link that needs a directory listing."""

from __future__ import annotations

import shutil
from pathlib import Path

from site_builder.build import build

from ..conftest import REPO, TODAY
from ..htmlscan import html_files, scan_html
from .test_no_leaks import readable_text


def _copy_sample(target: Path) -> Path:
    shutil.copytree(REPO / "content", target / "content")
    shutil.copy(REPO / "site.yaml", target / "site.yaml")
    return target


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_same_input_same_bytes_from_different_folders(tmp_path: Path, sample_site_minified: Path) -> None:
    """One build here, the other the session's sample build (made with the same defaults in pytest's own
    temporary folder): byte for byte the same, and neither names the folder it was built in."""
    one = _copy_sample(tmp_path / "first-place-unique-9f3a")
    build(one, one / "output", TODAY)
    first, second = _tree(one / "output"), _tree(sample_site_minified)
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []
    for output, folder in ((one / "output", "first-place-unique-9f3a"), (sample_site_minified,
                                                                       str(sample_site_minified.parent))):
        for path in output.rglob("*"):
            if path.is_file():
                text = readable_text(path)
                for secret in (folder, str(tmp_path), str(REPO), str(Path.home()) + "/"):
                    assert secret not in text, (path, secret)


def test_no_link_needs_a_directory_listing(sample_site: Path) -> None:
    for page in html_files(sample_site):
        for _tag, _attr, value in scan_html(page.read_text(encoding="utf-8")).urls:
            if value.startswith(("http://", "https://", "mailto:", "#")):
                continue
            assert not value.split("#")[0].endswith("/") and value.split("#")[0] not in ("", "."), (page, value)
