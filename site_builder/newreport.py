"""`site-builder new`: a report file with complete front matter and the next free 索引号."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path

from .config import resolve_column, unknown_column
from .errors import BuildFailed, Location, Problem, errors_only
from .indexno import allocate, existing_index_numbers, rule_for
from .metadata import index_key, validate_meta
from .model import FieldValue as Given
from .model import SiteConfig
from .reportfile import FieldValue, free_path, front_matter, write_new
from .urls import report_slug

ASKED = "site-builder new"
"""Where a problem in what the editor asked for is said to be: the command, not a file."""
PLACEHOLDER_BODY = "（在此填写正文。以“一、”“（一）”“1.”开头的段落会自动成为各级标题；最后两行写落款机关和日期。）\n"


@dataclass(frozen=True, slots=True)
class NewReport:
    """What the editor asked for; empty strings mean "not given"."""

    title: str
    agency: str
    column: str = ""
    written: dt.date | None = None
    published: dt.date | None = None
    disclosure: str = "主动公开"
    doc_no: str = ""
    index_no: str = ""


def create_report(project_dir: Path, config: SiteConfig, request: NewReport) -> tuple[Path, str]:
    """Write the new file under content/<year>/ and return its path and 索引号."""
    written = request.written or dt.date.today()
    taken = existing_index_numbers(project_dir, config)
    index_no = request.index_no
    if index_no:
        clash = next((i for i in taken if index_key(i) == index_key(index_no)), None)
        if clash is not None:
            raise BuildFailed([Problem("SB308", Location("content"), field="索引号",
                                       args={"value": index_no, "other": f"已有报告（{clash}）"})])
    else:
        rule = rule_for(config, request.agency)
        if rule is None:
            known = "、".join(r.name for r in config.agencies) or "（站点配置中没有「发布机构」规则）"
            raise BuildFailed([Problem("SB701", Location("site.yaml"), field="发布机构",
                                       args={"agency": request.agency, "known": known})])
        index_no = allocate(rule, written.year, taken)
    fields: dict[str, FieldValue] = {
        "索引号": index_no, "信息名称": request.title, "公开方式": request.disclosure, "发布机构": request.agency,
        "成文日期": written.isoformat(), "公开日期": (request.published or written).isoformat(),
        "栏目": request.column or None, "文号": request.doc_no or None,
    }
    problems = refused_fields(fields, config)
    if problems:
        raise BuildFailed(problems)
    text = front_matter(fields, {}) + "\n" + PLACEHOLDER_BODY
    path = free_path(project_dir / "content" / str(written.year), report_slug(index_no))
    write_new(path, text)
    return path, index_no


def refused_fields(fields: dict[str, FieldValue], config: SiteConfig) -> list[Problem]:
    """What a build would refuse in the new file's front matter (a title with a line break, 公开日期 before
    成文日期, a column that does not exist), refused before the file is written."""
    given = {key: Given(value, 0) for key, value in fields.items() if value is not None}
    meta, problems = validate_meta(given, ASKED)
    refused = [replace(p, location=Location(ASKED)) for p in errors_only(problems)]  # no lines: not a file yet
    if meta is not None and meta.column is not None and resolve_column(config.columns, meta.column) is None:
        refused.append(unknown_column(config.columns, "/".join(meta.column), Location(ASKED)))
    return refused
