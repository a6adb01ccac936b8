import dataclasses
import datetime as dt
from pathlib import Path

from site_builder.config import parse_config
from site_builder.model import Report, ReportMeta
from site_builder.modelcache import MODEL, STORED, CheckedFile, SiteModel, load_model, report_row, save_model
from site_builder.reports import load_reports

from ..conftest import BASE_SITE, TODAY, report_text

CONFIG = parse_config(BASE_SITE, "site.yaml")


def _model(root: Path) -> SiteModel:
    reports, _ = load_reports(root, CONFIG, TODAY)
    shared: dict[object, object] = {}
    files = {r.source_rel: CheckedFile(r.source_hash, r.meta, i) for i, r in enumerate(reports)}
    hidden = ReportMeta("t/9", "不公开", "依申请公开", "某局", dt.date(2025, 1, 1), dt.date(2025, 1, 2))
    files["content/hidden.md"] = CheckedFile("0" * 64, hidden, -1)
    return SiteModel("inputs-key", reports, [report_row(r, shared) for r in reports], files, {"abc": "概述"})


def test_every_report_field_is_stored_or_follows_from_what_is(make_project) -> None:
    """A field added to Report must be added to the stored row too (or this test names it)."""
    assert {f.name for f in dataclasses.fields(Report)} == set(STORED) | {"body", "markdown", "source_path"}


def test_round_trip_gives_the_reports_load_reports_gives(make_project) -> None:
    root = make_project({
        "content/a.md": report_text(index="t/1", extra="关键词: [普法, 宪法]\n文号: 测法〔2025〕1号\n内容概述: 概述\n"),
        "content/sub/b.md": report_text(index="t/2", title="第二篇", extra="栏目: 法定主动公开内容/执行公开\n"),
    })
    model = _model(root)
    save_model(root, root / "output", model)
    loaded = load_model(root, root / "output")
    assert loaded is not None
    assert loaded.reports == model.reports and loaded.files == model.files and loaded.summaries == {"abc": "概述"}
    assert loaded.inputs == "inputs-key" and loaded.rows == model.rows


def test_a_project_given_as_a_relative_path_round_trips(make_project, monkeypatch) -> None:
    root = make_project({"content/a.md": report_text()})
    monkeypatch.chdir(root)
    model = _model(Path("."))
    assert model.reports[0].source_path == "content/a.md"
    save_model(Path("."), Path("output"), model)
    loaded = load_model(Path("."), Path("output"))
    assert loaded is not None and loaded.reports == model.reports


def test_damaged_foreign_or_unstorable_models_read_as_nothing(make_project) -> None:
    root = make_project({"content/a.md": report_text()})
    model = _model(root)
    save_model(root, root / "output", model)
    assert load_model(root, root / "elsewhere") is None
    raw = (root / MODEL).read_bytes()
    (root / MODEL).write_bytes(raw[:-5])
    assert load_model(root, root / "output") is None
    (root / MODEL).write_bytes(raw.replace(b"inputs-key", b"inputs-kez"))
    assert load_model(root, root / "output") is None
    in_memory = dataclasses.replace(model, reports=[dataclasses.replace(model.reports[0], markdown="正文")])
    save_model(root, root / "output", in_memory)
    assert not (root / MODEL).exists()


def test_equal_values_are_stored_once(make_project) -> None:
    root = make_project({f"content/{n}.md": report_text(index=f"t/{n}", title=f"第{n}篇") for n in range(50)})
    model = _model(root)
    rows = model.rows
    assert rows[0][1][3] is rows[1][1][3] and rows[0][2] is rows[1][2]  # 发布机构, 栏目
