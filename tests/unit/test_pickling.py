"""The dataclasses a parallel build sends between processes come back equal, pickled by their constructor."""

from __future__ import annotations

import datetime as dt
import pickle
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from site_builder.errors import Location, Problem, Severity
from site_builder.model import OutputFile, ReportMeta, Source
from site_builder.parallel import DetailResult
from site_builder.pickling import pickled_as_fields
from site_builder.reports import Checked

META = ReportMeta(
    index_no="000000-2024-00001", title="关于印发《普法工作要点》的通知", disclosure="主动公开",
    publisher="某县司法局", written=dt.date(2024, 3, 1), published=dt.date(2024, 3, 5),
    column=("法定主动公开内容", "工作计划"), doc_no="某司发〔2024〕1号", keywords=("普法", "法治宣传"),
)
WARNING = Problem("SB319", Location("content/a.md", 12), field="正文", args={"length": 9, "limit": 10},
                  severity=Severity.WARNING)
CROSSING = [
    Source(Path("/site/content/a.md"), "content/a.md", "", "ab" * 32, (28006, 1796326520153610596)),
    META,
    Location("content/a.md"),
    WARNING,
    Problem("SB312", None),
    OutputFile("zwgk/a.html", b"<p>\xe6\xad\xa3\xe6\x96\x87</p>", dt.date(2024, 3, 5), reuse_from="zwgk/a.html"),
    OutputFile("feed.xml", b"", written=True),
    Checked(Source(Path("/site/content/a.md"), "content/a.md", "", "cd" * 32), META, 1, 8, 2, 11, "cd" * 32,
            (WARNING,), (("a.png", "media/ab/a.png"),), (1, 2), 7),
    DetailResult([OutputFile("zwgk/a.html", b"", written=True)], 0, {"x.pdf"}, {"zwgk/a.html": "k"}, 1,
                 {"cd" * 32: "开头"}),
]


@pytest.mark.parametrize("item", CROSSING, ids=lambda item: type(item).__name__)
def test_what_crosses_between_processes_comes_back_equal_and_by_its_constructor(item: object) -> None:
    again = pickle.loads(pickle.dumps(item, protocol=pickle.HIGHEST_PROTOCOL))
    assert again == item
    assert type(again) is type(item)
    made, values = item.__reduce__()
    assert made is type(item)
    assert made(*values) == item


def test_one_field_and_defaults() -> None:
    @dataclass(frozen=True, slots=True)
    class One:
        value: tuple[str, ...] = ("a",)

    pickled_as_fields(One)
    assert One().__reduce__() == (One, (("a",),))
    assert One(("x", "y")).__reduce__() == (One, (("x", "y"),))


def test_a_field_outside_the_constructor_is_refused() -> None:
    @dataclass(frozen=True, slots=True)
    class Derived:
        value: int
        double: int = field(init=False, default=0)

    with pytest.raises(TypeError, match="Derived"):
        pickled_as_fields(Derived)
