import datetime as dt

import pytest

from site_builder.pagekeys import PageKeys, canonical

from .test_site import CONFIG, DECISION, _report


def page_key(base: str, template: str, path: str, context: dict[str, object]) -> str:
    return PageKeys().key(base, template, path, context)  # a fresh memo each time: the plain key


def test_key_changes_with_what_the_page_shows_and_only_that() -> None:
    report = _report("a", "2025-01-01", DECISION)
    base = page_key("t", "detail.html", "a.html", {"report": report, "url": lambda x: x})
    assert base == page_key("t", "detail.html", "a.html", {"report": report, "url": lambda y: "other"})
    retitled = _report("a", "2025-01-01", DECISION, publisher="乙局")
    assert base != page_key("t", "detail.html", "a.html", {"report": retitled, "url": None})
    assert base != page_key("u", "detail.html", "a.html", {"report": report, "url": None})
    assert base != page_key("t", "detail.html", "b.html", {"report": report, "url": None})


def test_canonical_forms() -> None:
    assert canonical(dt.date(2025, 1, 2)) == "2025-01-02"
    assert canonical(CONFIG)[0] == "S"
    assert canonical(_report("a", "2025-01-01", DECISION))[:3] == ["R", "法定主动公开内容/决策公开/a.html", "报告a"]
    with pytest.raises(TypeError):
        canonical(object())


def test_memoised_keys_equal_plain_keys() -> None:
    keys = PageKeys()
    report = _report("a", "2025-01-01", DECISION)
    context = {"report": report, "newer": report, "config": CONFIG, "url": None}
    assert keys.key("t", "detail.html", "a.html", context) == page_key("t", "detail.html", "a.html", context)
    assert keys.key("t", "detail.html", "a.html", context) == page_key("t", "detail.html", "a.html", context)


def test_the_manifest_has_each_page_with_its_file_as_found_or_as_linked(tmp_path) -> None:
    from site_builder.pagekeys import PageCache

    cache = PageCache(tmp_path, previous={"a.html": ["ka", 10, 100], "b.html": ["old", 20, 200],
                                          "c.html": ["kc", 30, 300]})
    cache.keep("a.html", "ka")  # linked unchanged: the previous entry stands (same inode, same size and time)
    cache.current["b.html"] = "kb"  # rendered again
    cache.current["c.html"] = "kc"  # rendered again although its key is the same (not linked)
    cache.current["gone.html"] = "kg"  # not in the output folder any more
    found = {"a.html": (11, 111), "b.html": (22, 222), "c.html": (33, 333), "static/site.css": (1, 1)}
    assert cache.entries(found) == {"a.html": ["ka", 10, 100], "b.html": ["kb", 22, 222], "c.html": ["kc", 33, 333]}
