"""`site-builder import`: Word (.docx) and text (.txt) files, including scraped portal pages, into reports."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..config import resolve_column, unknown_column
from ..errors import BuildFailed, Location, Problem
from ..indexno import allocate, existing_index_numbers, rule_for
from ..metadata import parse_date
from ..model import SiteConfig
from ..reportfile import FieldValue, free_path, front_matter, write_new
from ..urls import report_slug
from .analyse import analyse
from .extract import extract
from .markdown_out import to_markdown

BLANK_HINTS = {
    "索引号": "在站点配置中为该机构设置索引号规则后可自动编号，或手工填写",
    "信息名称": "未能从文件中识别标题",
    "公开方式": "主动公开 / 依申请公开 / 不予公开",
    "发布机构": "未能从落款或文头识别发布机构",
    "成文日期": "未能从落款识别成文日期，格式 YYYY-MM-DD",
    "公开日期": "网站发布日期，格式 YYYY-MM-DD",
}


@dataclass
class Imported:
    """One imported file: where the report was written, what was recognised, what is left blank."""

    source: Path
    written_to: Path
    fields: dict[str, FieldValue]
    blanks: list[str]
    notes: list[str] = field(default_factory=list)


def import_file(path: Path, project_dir: Path, config: SiteConfig, column: str = "", agency: str = "",
                taken: set[str] | None = None) -> Imported:
    """Convert one file and write it as a new report under content/imported/."""
    if not path.is_file():
        detail = ("这是文件夹，不是文件（要导入其中的文件，请写出它们的名字，例如 文件夹/*.docx）" if path.is_dir()
                  else "不是普通文件" if path.exists() else "文件不存在")
        raise BuildFailed([Problem("SB702", Location(str(path)), args={"path": str(path), "detail": detail})])
    if column:
        names = tuple(p.strip() for p in column.split("/") if p.strip())
        if resolve_column(config.columns, names) is None:  # as a build reads it (繁体 too)
            raise BuildFailed([unknown_column(config.columns, column, Location("--column"))])
    extracted = extract(path)
    if not any(block.text.strip() or block.rows for block in extracted.blocks):  # a report of blanks to fill
        raise BuildFailed([Problem("SB702", Location(str(path)), args={"path": path.name,
                                                                        "detail": "文件中没有文字（是空文件吗？）"})])
    analysis = analyse(list(extracted.blocks), extracted.title)
    fields: dict[str, FieldValue] = dict(analysis.fields)
    if agency:
        fields["发布机构"] = agency
    if column:
        fields["栏目"] = column
    taken = existing_index_numbers(project_dir, config) if taken is None else taken
    publisher = fields.get("发布机构")
    written = parse_date(str(fields.get("成文日期") or ""))
    if not fields.get("索引号") and isinstance(publisher, str) and written is not None:
        rule = rule_for(config, publisher)
        if rule is not None:
            fields["索引号"] = allocate(rule, written.year, taken)
            analysis.notes.append(f"按「{publisher}」的编号规则分配索引号 {fields['索引号']}")
    blanks = [key for key in BLANK_HINTS if not fields.get(key)]
    text = front_matter(fields, {key: BLANK_HINTS[key] for key in blanks}) + "\n" + to_markdown(analysis.body)
    index_no = fields.get("索引号")
    stem = report_slug(index_no) if isinstance(index_no, str) and index_no else _ascii_stem(path)
    target = free_path(project_dir / "content" / "imported", stem)
    write_new(target, text)
    return Imported(path, target, fields, blanks, analysis.notes)


def _ascii_stem(path: Path) -> str:
    stem = report_slug(path.stem)
    return stem if not stem.startswith("r-") else "imported-" + stem[2:]
