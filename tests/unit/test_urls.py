from site_builder.urls import agency_slug, page_file, relative, report_slug


def test_report_slug_is_ascii_and_stable() -> None:
    assert report_slug("luozhuangqulz207/2023-0000131") == "luozhuangqulz207-2023-0000131"
    assert report_slug("ＬＵＯ/２０２３-1") == "luo-2023-1"
    assert report_slug("../../etc/passwd") == "etc-passwd"
    assert report_slug("测试").startswith("r-") and report_slug("测试").isascii()


def test_agency_slug_is_short_ascii_and_distinct() -> None:
    a, b = agency_slug("罗庄区司法局"), agency_slug("柳州市柳江区司法局")
    assert a != b and a.isascii() and len(a) == 10


def test_page_file_names() -> None:
    assert page_file("xxgk/a", 1) == "xxgk/a/index.html"
    assert page_file("xxgk/a", 3) == "xxgk/a/index_3.html"
    assert page_file("", 1) == "index.html"


def test_relative_links() -> None:
    assert relative("index.html", "xxgk/a/index.html") == "xxgk/a/index.html"
    assert relative("xxgk/a/b/x.html", "index.html") == "../../../index.html"
    assert relative("xxgk/a/x.html", "xxgk/a/y.html") == "y.html"
    assert relative("xxgk/a/x.html", "static/site.css") == "../../static/site.css"
    assert relative("a/x.html", "a/x.html#s1") == "x.html#s1"
    assert relative("a/x.html", "https://beian.miit.gov.cn/") == "https://beian.miit.gov.cn/"


def test_relative_agrees_with_posixpath_relpath() -> None:
    import posixpath
    import random

    rng = random.Random(1)
    parts = ["a", "b", "c", "index.html", "x.html", ""]
    for _ in range(5000):
        origin = "/".join(rng.choice(parts[:3]) for _ in range(rng.randint(0, 3))) + "/" + rng.choice(["p.html", "i.html"])
        origin = origin.lstrip("/")
        target = "/".join(rng.choice(parts) for _ in range(rng.randint(1, 4)))
        if not target or target.startswith("/"):
            continue
        assert relative(origin, target) == posixpath.relpath(target, posixpath.dirname(origin) or ".")


def test_listing_page_names_are_the_ones_page_file_gives() -> None:
    from site_builder.urls import is_listing_page, page_file

    assert all(is_listing_page(page_file("xxgk/a", n)) for n in (1, 2, 37))
    assert not any(is_listing_page(p) for p in ("xxgk/a/index-html.html", "xxgk/a/index_.html", "a/t-1.html"))
