"""The Jinja environment: the site's own templates first, the built-in theme second (also as builtin/...)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from pathlib import Path

import jinja2

from .model import ReportMeta

BUILTIN_PREFIX = "builtin"


def builtin_theme_dir() -> Path:
    """The built-in theme: packaged as site_builder/theme in a wheel, the repo's templates/ in a checkout."""
    packaged = Path(__file__).resolve().parent / "theme"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "templates"


def theme_dirs(project_dir: Path) -> list[Path]:
    """Template folders in lookup order, without duplicates (the sample site uses the theme itself)."""
    dirs = []
    own = project_dir / "templates"
    builtin = builtin_theme_dir()
    if own.is_dir() and own.resolve() != builtin.resolve():
        dirs.append(own)
    dirs.append(builtin)
    return dirs


def make_environment(project_dir: Path) -> jinja2.Environment:
    """Autoescaping, strict about undefined names, and overridable per site. One environment serves one build
    (`serve` makes a new one for each rebuild), so templates are not checked for changes on every page: that
    stat of each template and include took 2% of a clean build."""
    dirs = theme_dirs(project_dir)
    loader = jinja2.ChoiceLoader([
        jinja2.FileSystemLoader([str(d) for d in dirs]),
        jinja2.PrefixLoader({BUILTIN_PREFIX: jinja2.FileSystemLoader(str(builtin_theme_dir()))}),
    ])
    env = jinja2.Environment(
        loader=loader,
        autoescape=jinja2.select_autoescape(["html", "xml"], default_for_string=True, default=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    env.filters["cn_date"] = cn_date
    env.filters["digits"] = digits
    return env


_TAIL = re.compile(r'<h[1-6] id="[^"<>]*" class="gw-attachment">|<div class="banji">')
"""Where a rendered body's attachments (附件1) or 版记 begin: they follow the 落款. Body text cannot make these
tags (the renderer escapes it), only the 公文 pass does."""


def place_signature(env: jinja2.Environment, meta: ReportMeta, body_html: str) -> tuple[str, ReportMeta]:
    """A 落款 given as the 落款 field goes before the body's attachments and 版记, as the body's own would:
    the body with signature.html set in there, and the meta without it (so the page does not add it again).
    Without attachments or 版记, both come back as they are and the page sets it after the body."""
    found = _TAIL.search(body_html) if meta.signature else None
    if found is None:
        return body_html, meta
    signature = env.get_template("signature.html").render(meta=meta)
    at = found.start()
    return body_html[:at] + signature + body_html[at:], replace(meta, signature=())


def cn_date(value: dt.date) -> str:
    """2025年4月15日, as a signature writes it (no zero padding)."""
    return f"{value.year}年{value.month}月{value.day}日"


def digits(value: str) -> str:
    """Only the digits of a record number, as the 公安备案 lookup link wants them."""
    return "".join(ch for ch in value if ch.isdigit())
