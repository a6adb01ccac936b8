"""Every internal href and src in the built sample site resolves to a file (and anchor) that exists."""

from __future__ import annotations

import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from .htmlscan import html_files, scan_html

BASE_PATH = "/"  # the sample site.yaml's 网站地址 has no sub-path


def broken_links(root: Path, base_path: str) -> list[str]:
    scans = {p: scan_html(p.read_text(encoding="utf-8")) for p in html_files(root)}
    ids = {p.resolve(): s.ids for p, s in scans.items()}
    broken: list[str] = []
    for page, scan in scans.items():
        for tag, attr, value in scan.urls:
            parts = urlsplit(value)
            if parts.scheme in ("http", "https", "mailto", "tel"):
                continue
            assert not parts.scheme, f"{page}: unexpected scheme in {value}"
            path = unquote(parts.path)
            if path.startswith("/"):
                assert path.startswith(base_path), f"{page}: absolute link outside the site: {value}"
                target = root / path[len(base_path):]
            elif path:
                target = page.parent / path
            else:
                target = page
            rel = posixpath.normpath(str(target.relative_to(root) if target.is_relative_to(root) else target))
            if target.is_dir():
                target = target / "index.html"
            if not target.resolve().is_file() or not target.resolve().is_relative_to(root.resolve()):
                broken.append(f"{page.relative_to(root)}: <{tag} {attr}={value!r}> → {rel}")
            elif parts.fragment and parts.fragment not in ids.get(target.resolve(), set()):
                broken.append(f"{page.relative_to(root)}: missing anchor #{parts.fragment} in {rel}")
    return broken


@pytest.mark.parametrize("fixture", ["sample_site", "sample_site_minified"])
def test_no_broken_internal_links(fixture: str, request: pytest.FixtureRequest) -> None:
    root: Path = request.getfixturevalue(fixture)
    assert len(html_files(root)) > 40
    assert broken_links(root, BASE_PATH) == []


def test_links_work_from_a_sub_path(make_project, tmp_path: Path) -> None:
    """The base site is served from /sub/: relative links everywhere, absolute /sub/... only on the 404 page."""
    from site_builder.build import build

    from .conftest import TODAY, report_text

    root = make_project({f"content/{i}.md": report_text(index=f"t/{i}", title=f"报告{i}",
                                                         extra="栏目: 法定主动公开内容/执行公开\n" if i % 2 else "")
                         for i in range(1, 8)})
    build(root, tmp_path / "out", TODAY, minify=False)
    assert broken_links(tmp_path / "out", "/sub/") == []
    not_found = (tmp_path / "out" / "404.html").read_text(encoding="utf-8")
    assert 'href="/sub/index.html"' in not_found
