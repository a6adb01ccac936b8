"""索引号 allocation: the next free serial for an agency and year, derived from what already exists
(every report under content/, whatever its 公开方式, and the last published catalog), so it cannot drift."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path

from .errors import Problem
from .frontmatter import split_front_matter
from .metadata import index_key
from .model import AgencyRule, SiteConfig
from .sources import find_sources, read_source


def format_index(rule: AgencyRule, year: int, serial: int) -> str:
    return f"{rule.prefix}/{year}-{serial:0{rule.width}d}"


def next_serial(rule: AgencyRule, year: int, existing: Iterable[str]) -> int:
    """One more than the highest serial used for this prefix and year; gaps are never filled."""
    pattern = re.compile(rf"^{re.escape(index_key(rule.prefix))}/{year}-0*(\d+)$")
    used = [int(m[1]) for m in (pattern.match(index_key(i)) for i in existing) if m]
    return max(used, default=0) + 1


def existing_index_numbers(project_dir: Path, config: SiteConfig) -> set[str]:
    """Every 索引号 written in content/ (even in files with other errors) and in output/'s published catalog."""
    found: set[str] = set()
    paths, _ = find_sources(project_dir / "content", project_dir)
    for path in paths:
        source = read_source(path, project_dir)
        if isinstance(source, Problem):
            continue
        split = split_front_matter(source)
        if not isinstance(split, list) and "索引号" in split.fields:
            value = split.fields["索引号"].value
            if isinstance(value, str) and value.strip():
                found.add(value.strip())
    catalog = project_dir / "output" / config.directory_slug / "catalog.json"
    if catalog.is_file():
        try:
            found.update(row["索引号"] for row in json.loads(catalog.read_text(encoding="utf-8"))["条目"])
        except (ValueError, KeyError, TypeError):
            pass  # a damaged catalog is simply not used
    return found


def allocate(rule: AgencyRule, year: int, taken: set[str]) -> str:
    """Allocate and reserve the next 索引号 (adding it to `taken`, so two in a row never collide)."""
    number = format_index(rule, year, next_serial(rule, year, taken))
    taken.add(number)
    return number


def rule_for(config: SiteConfig, agency: str) -> AgencyRule | None:
    return next((rule for rule in config.agencies if rule.name == agency), None)
