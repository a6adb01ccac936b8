import csv
import dataclasses
import datetime as dt
import io
import json

from site_builder.catalog import COLUMNS, patch_catalog, render_catalog
from site_builder.site import assemble_site

from .test_site import CONFIG, DECISION, _report


def test_catalog_json_and_csv_agree() -> None:
    site = assemble_site(CONFIG, [_report("a/1", "2025-01-01", DECISION), _report("b,\"2", "2025-02-01", DECISION)],
                         dt.date(2026, 1, 1))
    files = {f.path: f.content for f in render_catalog(site)}
    data = json.loads(files["xxgk/catalog.json"])
    rows = list(csv.DictReader(io.StringIO(files["xxgk/catalog.csv"].decode("utf-8-sig"))))
    assert rows == data["条目"] and list(rows[0]) == list(COLUMNS)
    assert [r["索引号"] for r in rows] == ['b,"2', "a/1"]
    assert files["xxgk/catalog.csv"].count(b"\r\n") == 3


def test_a_patched_catalogue_is_byte_for_byte_the_one_made_anew() -> None:
    reports = [_report("a/1", "2025-01-01", DECISION), _report("b,\"2", "2025-02-01", DECISION),
               _report("c/3", "2025-03-01", DECISION)]
    site = assemble_site(CONFIG, reports, dt.date(2026, 1, 1))
    files = {f.path: f.content for f in render_catalog(site)}
    previous = (files["xxgk/catalog.json"], files["xxgk/catalog.csv"])
    edited = [dataclasses.replace(r, meta=dataclasses.replace(r.meta, title=f'新,"标题"\n{r.meta.title}',
                                                             keywords=("普法", "宪法")))
              for r in reports[:2]]
    after = assemble_site(CONFIG, [*edited, reports[2]], dt.date(2026, 1, 1))
    patched = patch_catalog(after, previous, list(zip(reports[:2], edited, strict=True)))
    assert patched is not None
    assert {f.path: f.content for f in patched} == {f.path: f.content for f in render_catalog(after)}
    assert patch_catalog(after, (b"{}", previous[1]), [(reports[0], edited[0])]) is None  # row not found


def test_the_csv_is_what_a_dict_writer_writes() -> None:
    """The CSV is written from each row's values in order: the row's keys must be the columns, in order, and the
    bytes those csv.DictWriter (which checks the keys) writes."""
    from site_builder.catalog import catalog_row

    reports = [_report("a/1", "2025-01-01", DECISION), _report('b,"2\n', "2025-02-01", DECISION)]
    site = assemble_site(CONFIG, reports, dt.date(2026, 1, 1))
    rows = [catalog_row(r, site.config.base_url) for r in site.reports]
    assert all(list(row) == list(COLUMNS) for row in rows)
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    files = {f.path: f.content for f in render_catalog(site)}
    assert files["xxgk/catalog.csv"] == buffer.getvalue().encode("utf-8")
