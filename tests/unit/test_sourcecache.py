"""The source cache: metadata written as JSON and read back the same."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import random

from site_builder.model import ReportMeta
from site_builder.sourcecache import _meta_from_json, _meta_to_json


def _random_meta(rng: random.Random) -> ReportMeta:
    def text() -> str | None:
        return rng.choice([None, "", "示例县司法局", 'a"b\\c\n', "繁體字", "\u2028x"])

    return ReportMeta(
        index_no=f"11371311MB{rng.randrange(10**6)}", title=rng.choice(["普法", "“八五”普法", "<b>&"]),
        disclosure=rng.choice(["主动公开", "依申请公开"]), publisher="示例县司法局",
        written=dt.date(2020, 1, 1) + dt.timedelta(days=rng.randrange(2000)),
        published=dt.date(2021, 1, 1) + dt.timedelta(days=rng.randrange(2000)),
        column=rng.choice([None, ("法定主动公开内容", "决策公开"), ()]), doc_no=text(), topic=text(), genre=text(),
        keywords=tuple(rng.sample(["普法", "法治", "宪法", "民法典"], rng.randrange(4))), summary=text(),
        validity=text(), signature=tuple(rng.sample(["示例县司法局", "2024年1月1日"], rng.randrange(3))),
    )


def _asdict_json(meta: ReportMeta) -> str:
    """What the cache wrote before (dataclasses.asdict): files written by earlier versions stay readable."""
    data = dataclasses.asdict(meta)
    for name in ("written", "published"):
        data[name] = data[name].isoformat()
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def test_meta_json_is_what_asdict_wrote_and_reads_back_equal() -> None:
    rng = random.Random(7)
    for _ in range(2000):
        meta = _random_meta(rng)
        text = _meta_to_json(meta)
        assert text == _asdict_json(meta)
        assert _meta_from_json(text) == meta
