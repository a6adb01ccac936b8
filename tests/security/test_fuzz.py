"""Fuzzing (hypothesis, bounded): front-matter parsing and metadata validation never raise on any input;
they return metadata or problems that name the file."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from site_builder.errors import Problem
from site_builder.frontmatter import split_front_matter
from site_builder.metadata import validate_meta
from site_builder.model import FrontMatter, Source
from site_builder.sources import decode_source

PIECES = st.sampled_from([
    "---\n", "...\n", "索引号: ", "信息名称: ", "公开方式: ", "成文日期: ", "公开日期: ", "关键词: ", "栏目: ", "落款: |\n",
    "主动公开", "2025-01-02", "2025-13-45", "a/2025-1", ": ", "- ", "  ", "\t", "\n", "&a ", "*a", "[", "]", "{", "}",
    "'", '"', "#", "!!python/object:os.system", "!!binary", "%YAML 1.2\n", "~", "null", "\u202e", "\x00", "\ufeff",
    "｛", "：", "、", "ＬＵＯ", "{{ 7*7 }}", "<script>", "\r\n", "\u2028", "? ", "|", ">",
])


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PIECES, max_size=60).map("".join))
def test_front_matter_never_raises(text: str) -> None:
    decoded = decode_source(text.encode("utf-8", errors="surrogatepass"), Path("x.md"), "content/x.md")
    if isinstance(decoded, Problem):
        assert decoded.location is not None and decoded.location.path == "content/x.md"
        return
    split = split_front_matter(decoded)
    if isinstance(split, list):
        assert split and all(p.location is not None and p.location.path == "content/x.md" for p in split)
        return
    assert isinstance(split, FrontMatter)
    meta, problems = validate_meta(split.fields, "content/x.md")
    assert meta is not None or problems
    for problem in problems:
        assert problem.format()  # every message renders


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_arbitrary_bytes_never_raise(data: bytes) -> None:
    decoded = decode_source(b"---\n" + data, Path("x.md"), "content/x.md")
    if isinstance(decoded, Source):
        result = split_front_matter(decoded)
        assert isinstance(result, FrontMatter | list)
