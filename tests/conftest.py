"""Shared fixtures: tiny projects written on the fly, and the sample site built once per session."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from site_builder.build import build

REPO = Path(__file__).resolve().parent.parent
SITES = Path(__file__).resolve().parent / "sites"
BASE_SITE = (SITES / "base_site.yaml").read_text(encoding="utf-8")
TODAY = dt.date(2026, 1, 1)
"""Fixed build date for reproducible tests and goldens."""

GOOD_REPORT = """---
索引号: {index}
信息名称: {title}
公开方式: {disclosure}
发布机构: {publisher}
成文日期: {written}
公开日期: {published}
{extra}---

{body}
"""


def report_text(index: str = "test/2025-00001", title: str = "测试报告", disclosure: str = "主动公开",
                publisher: str = "测试县司法局", written: str = "2025-01-02", published: str = "2025-01-03",
                extra: str = "", body: str = "正文。") -> str:
    """A valid report's text, with any field replaced."""
    return GOOD_REPORT.format(index=index, title=title, disclosure=disclosure, publisher=publisher,
                              written=written, published=published, extra=extra, body=body)


ProjectFactory = Callable[..., Path]


@pytest.fixture
def make_project(tmp_path: Path) -> ProjectFactory:
    """Write a project: the base site.yaml (or a given one) and content files {relative path: text}."""

    def factory(files: dict[str, str | bytes] | None = None, site: str | None = None) -> Path:
        root = tmp_path / "project"
        root.mkdir(exist_ok=True)
        (root / "site.yaml").write_text(BASE_SITE if site is None else site, encoding="utf-8")
        (root / "content").mkdir(exist_ok=True)
        for rel, text in (files or {}).items():
            target = root / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(text, bytes):
                target.write_bytes(text)
            else:
                target.write_text(text, encoding="utf-8")
        return root

    return factory


def build_sample(tmp_path_factory: pytest.TempPathFactory, name: str, minify: bool) -> Path:
    """The bundled sample site, copied and built into a temporary folder."""
    project = tmp_path_factory.mktemp(name)
    shutil.copytree(REPO / "content", project / "content")
    shutil.copy(REPO / "site.yaml", project / "site.yaml")
    build(project, project / "output", TODAY, minify=minify)
    return project / "output"


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample site, built once per session, unminified (readable in failure messages)."""
    return build_sample(tmp_path_factory, "sample", minify=False)


@pytest.fixture(scope="session")
def sample_site_minified(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_sample(tmp_path_factory, "sample-min", minify=True)
