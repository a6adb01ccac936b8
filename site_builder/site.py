"""Pure assembly: published reports arranged into the column tree, newest first."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from .model import Column, ColumnConfig, Report, Site, SiteConfig


def sort_newest_first(reports: list[Report] | tuple[Report, ...]) -> tuple[Report, ...]:
    """Newest 公开日期 first; ties by 成文日期, then 索引号, so order never depends on file names."""
    return tuple(sorted(reports, key=lambda r: (r.meta.published, r.meta.written, r.meta.index_no), reverse=True))


def build_columns(
    configs: tuple[ColumnConfig, ...], reports: tuple[Report, ...], prefix: tuple[str, ...] = (),
    slugs: tuple[str, ...] = (),
) -> tuple[Column, ...]:
    """Columns that hold at least one report in them or below them; empty ones are left out entirely."""
    out: list[Column] = []
    for config in configs:
        names = prefix + (config.name,)
        inside = tuple(r for r in reports if r.column[: len(names)] == names)
        if not inside:
            continue
        children = build_columns(config.children, inside, names, slugs + (config.slug,))
        out.append(Column(names=names, slugs=slugs + (config.slug,), reports=inside, children=children))
    return tuple(out)


def assemble_site(config: SiteConfig, reports: list[Report], today: dt.date) -> Site:
    ordered = sort_newest_first(reports)
    return Site(config=config, reports=ordered, columns=build_columns(config.columns, ordered), today=today)


def walk_columns(columns: tuple[Column, ...]) -> list[Column]:
    """Every column with content, depth first, parents before children."""
    out: list[Column] = []
    for column in columns:
        out.append(column)
        out.extend(walk_columns(column.children))
    return out


def adjacency(columns: list[Column]) -> dict[str, tuple[Column, Report | None, Report | None]]:
    """For each report URL: the column it is filed in, and its (newer, older) neighbours there — 上一篇 and
    下一篇. Computed once for the whole site: a column can hold thousands of reports."""
    found: dict[str, tuple[Column, Report | None, Report | None]] = {}
    for column in columns:
        own = [r for r in column.reports if r.column == column.names]
        for index, report in enumerate(own):
            found[report.url] = (column, own[index - 1] if index else None,
                                 own[index + 1] if index + 1 < len(own) else None)
    return found


def group_by_year(reports: tuple[Report, ...]) -> dict[int, tuple[Report, ...]]:
    """Reports by the year of their 公开日期, newest year first."""
    groups: dict[int, list[Report]] = defaultdict(list)
    for report in reports:
        groups[report.meta.published.year].append(report)
    return {year: tuple(groups[year]) for year in sorted(groups, reverse=True)}


def group_by_publisher(reports: tuple[Report, ...]) -> dict[str, tuple[Report, ...]]:
    """Reports by 发布机构, agencies with most reports first, then by name."""
    groups: dict[str, list[Report]] = defaultdict(list)
    for report in reports:
        groups[report.meta.publisher].append(report)
    order = sorted(groups, key=lambda name: (-len(groups[name]), name))
    return {name: tuple(groups[name]) for name in order}
