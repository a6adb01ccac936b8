import csv
import datetime as dt
import io
import json

from site_builder.catalog import COLUMNS, render_catalog
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
