from site_builder.paginate import paginate


def test_pages_and_numbering() -> None:
    pages = paginate(list(range(5)), 2, "xxgk/a")
    assert [p.items for p in pages] == [(0, 1), (2, 3), (4,)]
    assert pages[1].path == "xxgk/a/index_2.html" and pages[0].path == "xxgk/a/index.html"
    assert [p.first_index for p in pages] == [1, 3, 5]
    assert all(p.count == 3 and p.total == 5 for p in pages)


def test_empty_listing_has_no_pages() -> None:
    assert paginate([], 10, "x") == []


def test_exact_fit() -> None:
    assert len(paginate(list(range(4)), 2, "x")) == 2


def test_pager_window_links_first_last_and_neighbours_only() -> None:
    pages = paginate(list(range(1000)), 10, "x")
    assert pages[0].window() == [1, 2, 3, None, 100]
    assert pages[49].window() == [1, None, 48, 49, 50, 51, 52, None, 100]
    assert pages[3].window() == [1, 2, 3, 4, 5, 6, None, 100]  # a gap of one page is linked, not "…"
    assert pages[99].window() == [1, None, 98, 99, 100]
    assert paginate(list(range(30)), 10, "x")[1].window() == [1, 2, 3]
    assert all(len(page.window()) <= 9 for page in pages)
