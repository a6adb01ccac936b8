"""The Jinja environment: the site's own templates first, the built-in theme second (also as builtin/...)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import jinja2
import markupsafe

from .compact import CompactHtml
from .errors import BuildFailed
from .messages import Rewording, reworded
from .model import ReportMeta
from .numbers import ascii_digits

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


_escape_text: Any = getattr(markupsafe, "_escape_inner", None) or (lambda text: str(markupsafe.escape(text)))
"""markupsafe's escaping of a str, without the Markup around it (its C function; what escape() does, if it is
ever gone)."""


def escape_output(value: Any) -> str:
    """markupsafe.escape as plain text: what compiled templates escape the values they write with."""
    if value.__class__ is str:
        return _escape_text(value)  # type: ignore[no-any-return]
    if hasattr(value, "__html__"):
        return value.__html__()  # type: ignore[no-any-return]
    return _escape_text(str(value))  # type: ignore[no-any-return]


class OutputEscapingTemplate(jinja2.Template):
    """A template whose written values are escaped to plain text rather than to Markup.

    Jinja's compiled code calls the name `escape` only on values it writes out, which are then joined into the
    page; markupsafe.escape wraps each in Markup (a Python __new__), a quarter of a detail page's rendering.
    Blocks, macros and `set` captures still come back as Markup, made from the joined text. Should Jinja stop
    building templates through `_from_namespace`, templates render as before, only slower."""

    @classmethod
    def _from_namespace(cls, environment: jinja2.Environment, namespace: Any, globals: Any) -> Any:
        namespace["escape"] = escape_output
        return super()._from_namespace(environment, namespace, globals)


def make_environment(project_dir: Path, compact: bool = False) -> jinja2.Environment:
    """Autoescaping, strict about undefined names, and overridable per site. One environment serves one build
    (`serve` makes a new one for each rebuild), so templates are not checked for changes on every page: that
    stat of each template and include took 2% of a clean build. `compact`: the templates' own indentation and
    line breaks taken out as they compile (compact.py), for minified pages."""
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
        extensions=[CompactHtml] if compact else [],
    )
    env.template_class = OutputEscapingTemplate
    env.filters["cn_date"] = cn_date
    env.filters["digits"] = ascii_digits  # a record number's, as the 公安备案 lookup link wants them
    return env


def compacts(env: jinja2.Environment) -> bool:
    """Whether the environment compacts its templates as they compile (make_environment's `compact`)."""
    return any(isinstance(extension, CompactHtml) for extension in env.extensions.values())


_TAIL = re.compile(r'<h[1-6] id="[^"<>]*" class="gw-attachment">|<div class="banji">')
"""Where a rendered body's attachments (附件1) or 版记 begin: they follow the 落款. Body text cannot make these
tags (the renderer escapes it), only the 公文 pass does."""


class TemplateFailure(Exception):
    """A template could not be rendered: where (the innermost template file and line) and why, worked out
    where it happened, as plain values, so that a worker process can send it back pickled (the traceback
    that says where does not travel)."""

    def __init__(self, template: str, file: str, line: int | None, detail: str, missing: str | None = None) -> None:
        super().__init__(template, file, line, detail, missing)
        self.template, self.file, self.line, self.detail = template, file, line, detail
        self.missing = missing
        """The name of a template that does not exist (SB404), when that is the failure."""

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.detail}"

    @classmethod
    def of(cls, template: str, error: BaseException) -> TemplateFailure:
        jinja = isinstance(error, jinja2.TemplateError)  # Python's own errors have a `name` too (AttributeError)
        line = getattr(error, "lineno", None) if jinja else None
        file = (getattr(error, "filename", None) or getattr(error, "name", None) if jinja else None) or template
        if line is None and (frame := _template_frame(error)) is not None:
            file, line = frame
        missing = error.message if isinstance(error, jinja2.TemplateNotFound) else None
        return cls(template, str(file), line, explain(error), missing)


def _template_frame(error: BaseException) -> tuple[str, int] | None:
    """File and line of the innermost template frame: Jinja rewrites tracebacks to point into templates."""
    found = None
    tb = error.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith((".html", ".xml", ".j2")):
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return found


def render_template(env: jinja2.Environment, name: str, context: dict[str, Any]) -> str:
    """A template rendered; any mistake in it ({{ 1 / 0 }}, "页" + 1, an unknown variable, bad syntax) raised as
    TemplateFailure naming it, which the build reports at the template's line (SB403)."""
    try:
        return env.get_template(name).render(context)
    except (TemplateFailure, BuildFailed):  # BuildFailed: a problem found meanwhile (a file changed, SB408)
        raise
    except Exception as exc:
        raise TemplateFailure.of(name, exc) from exc


def place_signature(env: jinja2.Environment, meta: ReportMeta, body_html: str) -> tuple[str, ReportMeta]:
    """A 落款 given as the 落款 field goes before the body's attachments and 版记, as the body's own would:
    the body with signature.html set in there, and the meta without it (so the page does not add it again).
    Without attachments or 版记, both come back as they are and the page sets it after the body."""
    found = _TAIL.search(body_html) if meta.signature else None
    if found is None:
        return body_html, meta
    signature = render_template(env, "signature.html", {"meta": meta})
    at = found.start()
    return body_html[:at] + signature + body_html[at:], replace(meta, signature=())


def cn_date(value: dt.date) -> str:
    """2025年4月15日, as a signature writes it (no zero padding)."""
    return f"{value.year}年{value.month}月{value.day}日"


_EXPLAINED: Rewording = [
    (re.compile(r"'(?P<name>[^']+)' is undefined"), "变量「{name}」未定义"),
    (re.compile(r"'(?P<owner>[^']+)' has no attribute '(?P<name>[^']+)'"), "「{owner}」没有属性「{name}」"),
    (re.compile(r"Encountered unknown tag '(?P<name>[^']+)'\..*", re.S),
     "不认识的标签「{name}」（可能是标签没有正确嵌套或闭合）"),
    (re.compile(r"Unexpected end of template\..*", re.S), "模板意外结束（缺少 endif、endfor、endblock 等结束标签）"),
    (re.compile(r"unexpected '(?P<name>[^']+)'"), "语法错误：此处不应出现「{name}」"),
    (re.compile(r"expected token '(?P<want>[^']+)', got '(?P<got>[^']+)'"),
     "语法错误：此处应为「{want}」，却是「{got}」"),
]
_PYTHON_ERRORS = {"ZeroDivisionError": "除数为零", "TypeError": "类型不匹配", "ValueError": "取值不正确",
                  "RecursionError": "递归层数过多（宏或 include 互相调用）", "OverflowError": "数值过大"}


def explain(error: BaseException) -> str:
    """A template's mistake in words a webmaster can act on: Jinja's own (English) words follow where they add
    something, as they are what its documentation and search engines know."""
    words = str(getattr(error, "message", None) or error).strip()
    if (said := reworded(words, _EXPLAINED)) is not None:
        return said
    kind = type(error).__name__
    if kind in _PYTHON_ERRORS:
        return f"{_PYTHON_ERRORS[kind]}（{kind}: {words}）" if words else _PYTHON_ERRORS[kind]
    return f"{kind}: {words}" if words else kind
