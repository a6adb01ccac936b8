"""Write a report file (front matter + body) the way an editor would: known fields filled in, unknown ones
left as clearly marked blanks that `site-builder check` flags, never invented."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from .metadata import SCHEMA, parse_date

BLANK_NOTE = "# 待填写"
FieldValue = str | list[str] | None


def yaml_scalar(value: str) -> str:
    """Plain when YAML reads it back unchanged as a string (or it is a date), otherwise double-quoted."""
    if parse_date(value) is not None:
        return value  # site_builder reads dates as text; plain is what editors expect to see
    try:
        if yaml.safe_load(f"k: {value}") == {"k": value} and "\n" not in value and "#" not in value:
            return value
    except yaml.YAMLError:
        pass
    return json.dumps(value, ensure_ascii=False)


def front_matter(fields: dict[str, FieldValue], blanks: dict[str, str]) -> str:
    """YAML header in schema order; `blanks` maps required-but-unknown keys to a hint for the editor."""
    lines = ["---"]
    for spec in SCHEMA:
        key = spec.key
        value = fields.get(key)
        if value is None or value == "" or value == []:
            if key in blanks:
                lines.append(f'{key}: ""  {BLANK_NOTE}：{blanks[key]}')
            continue
        if isinstance(value, list):
            lines.append(f"{key}: {json.dumps(value, ensure_ascii=False)}")
        elif "\n" in value:
            lines.append(f"{key}: |")
            lines.extend(f"  {line}" for line in value.split("\n"))
        else:
            lines.append(f"{key}: {yaml_scalar(value)}")
    lines.append("---")
    return "\n".join(lines) + "\n"


def free_path(folder: Path, stem: str) -> Path:
    """A new file name in `folder` that does not exist yet: stem.md, stem-2.md, ..."""
    candidate = folder / f"{stem}.md"
    number = 2
    while candidate.exists():
        candidate = folder / f"{stem}-{number}.md"
        number += 1
    return candidate


def write_new(path: Path, text: str) -> None:
    """Create the file, refusing to overwrite anything."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
