"""Load and validate the webmaster's site.yaml: every problem at once, each with its line."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from .errors import BuildFailed, Location, Problem
from .frontmatter import colon_mistakes, compose, explicit_tag, has_alias, shown_tag
from .hanzi import known_spelling, simplified
from .messages import did_you_mean
from .model import AgencyRule, ColumnConfig, SiteConfig
from .numbers import whole_number

CONFIG_NAME = "site.yaml"

_REQUIRED = (
    "网站名称", "主办单位", "联系方式", "网站标识码", "ICP备案号", "公安机关备案号", "网站地址", "栏目", "默认栏目",
)
_OPTIONAL = ("每页条数", "公开目录路径", "承办单位", "网站声明", "发布机构")
_COLUMN_KEYS = ("名称", "路径", "子栏目")
_AGENCY_KEYS = ("名称", "索引号前缀", "序号位数")
_ALIASES = {"站点名称": "网站名称", "网站标识": "网站标识码", "备案号": "ICP备案号", "公安备案号": "公安机关备案号",
            "域名": "网站地址", "基础地址": "网站地址", "分页": "每页条数"}
RESERVED_SLUGS = ("nf", "jg")
"""Top-level folders of the directory used for the by-year and by-agency listings."""
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
_SITE_CODE = re.compile(r"^([0-9]{10}|bm[0-9]{8})$")
"""ASCII digits only: \\d takes every script's (٣ and ３), which would go into every page's SiteIDCode."""
MAX_PAGE_SIZE = 500
MAX_SERIAL_DIGITS = 10


@dataclass(frozen=True, slots=True)
class _Ctx:
    rel: str

    def at(self, node: yaml.Node) -> Location:
        return Location(self.rel, node.start_mark.line + 1)


def load_config(project_dir: Path) -> SiteConfig:
    """The project's site config, or BuildFailed with every problem in it."""
    path = project_dir / CONFIG_NAME
    if not path.is_file():
        raise BuildFailed([Problem("SB101", Location(CONFIG_NAME), args={"name": CONFIG_NAME})])
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise BuildFailed([Problem("SB201", Location(CONFIG_NAME, line), args={"byte": exc.start + 1})]) from None
    return parse_config(text, CONFIG_NAME)


def parse_config(text: str, rel: str) -> SiteConfig:
    """Config text to SiteConfig; raises BuildFailed listing all problems."""
    ctx = _Ctx(rel)
    node = compose(text, rel, 0, "SB102")
    if isinstance(node, Problem):  # the commonest cause first, at its own line: 网站名称：… or 网站名称:…
        raise BuildFailed(colon_mistakes(text, rel, 1, _REQUIRED + _OPTIONAL + _COLUMN_KEYS + _AGENCY_KEYS) or [node])
    if node is None or not isinstance(node, yaml.MappingNode):
        raise BuildFailed([Problem("SB103", Location(rel, 1))])
    alias = has_alias(node)
    if alias is not None:
        raise BuildFailed([Problem("SB113", ctx.at(alias))])
    tagged = explicit_tag(node) if "!" in text else None
    if tagged is not None:
        raise BuildFailed([Problem("SB117", ctx.at(tagged), args={"tag": shown_tag(tagged.tag)})])
    problems: list[Problem] = []
    values: dict[str, yaml.Node] = {}
    for key_node, value_node in node.value:
        key = _key(key_node, _REQUIRED + _OPTIONAL)
        if key not in _REQUIRED and key not in _OPTIONAL:
            hint = did_you_mean(key, list(_REQUIRED + _OPTIONAL), _ALIASES)
            problems.append(Problem("SB104", ctx.at(key_node), field=key, args={"key": key, "hint": hint}))
        elif key in values:
            problems.append(Problem("SB207", ctx.at(key_node), field=key,
                                    args={"first": values[key].start_mark.line + 1}))
        else:
            values[key] = value_node
    for key in _REQUIRED:
        if key not in values or _is_empty(values[key]):
            where = ctx.at(values[key]) if key in values else Location(rel, None)
            problems.append(Problem("SB105", where, field=key))

    def text_of(key: str, default: str = "") -> str:
        value = values.get(key)
        if value is None or _is_empty(value):
            return default
        if not isinstance(value, yaml.ScalarNode):
            problems.append(Problem("SB106", ctx.at(value), field=key, args={"expected": "文字"}))
            return default
        return str(value.value).strip()

    scalars = {key: text_of(key) for key in _REQUIRED + _OPTIONAL if key not in ("栏目", "发布机构")}
    site_code = scalars["网站标识码"]
    if site_code and not _SITE_CODE.match(site_code):
        problems.append(Problem("SB110", ctx.at(values["网站标识码"]), field="网站标识码", args={"value": site_code}))
    base_url = scalars["网站地址"]
    if base_url:
        reason = base_url_problem(base_url)
        if reason is not None:
            problems.append(Problem("SB112", ctx.at(values["网站地址"]), field="网站地址",
                                    args={"value": base_url, "reason": reason}))
        else:
            base_url = ascii_address(base_url if base_url.endswith("/") else base_url + "/")
    page_size = 15
    if isinstance(values.get("每页条数"), yaml.ScalarNode):  # a list or mapping there is SB106 already
        size = whole_number(scalars["每页条数"], 1, MAX_PAGE_SIZE)
        if size is None:
            problems.append(Problem("SB111", ctx.at(values["每页条数"]), field="每页条数",
                                    args={"value": scalars["每页条数"], "low": 1, "high": MAX_PAGE_SIZE}))
        else:
            page_size = size
    directory_slug = scalars["公开目录路径"] or "xxgk"
    if not _SLUG.match(directory_slug):
        problems.append(Problem("SB107", ctx.at(values["公开目录路径"]), field="公开目录路径",
                                args={"slug": directory_slug}))
    columns: tuple[ColumnConfig, ...] = ()
    if "栏目" in values and not _is_empty(values["栏目"]):
        columns = _parse_columns(values["栏目"], ctx, problems, "栏目")
        for column in columns:
            if column.slug in RESERVED_SLUGS:
                problems.append(Problem("SB115", ctx.at(values["栏目"]), field=f"{column.name}.路径",
                                        args={"slug": column.slug}))
    default_text = scalars["默认栏目"]
    default_column = tuple(part.strip() for part in default_text.split("/") if part.strip())
    if default_text and columns:
        resolved = resolve_column(columns, default_column)
        if resolved is None:
            problems.append(Problem("SB109", ctx.at(values["默认栏目"]), field="默认栏目",
                                    args={"column": default_text, "hint": suggest_column(columns, default_text)}))
        else:
            default_column = resolved
    agencies: tuple[AgencyRule, ...] = ()
    if "发布机构" in values and not _is_empty(values["发布机构"]):
        agencies = _parse_agencies(values["发布机构"], ctx, problems)
    if problems:
        raise BuildFailed(problems)
    return SiteConfig(
        name=scalars["网站名称"], host=scalars["主办单位"], contact=scalars["联系方式"], site_code=site_code,
        icp=scalars["ICP备案号"], police_record=scalars["公安机关备案号"], base_url=base_url,
        columns=columns, default_column=default_column, page_size=page_size, directory_slug=directory_slug,
        organizer=scalars["承办单位"] or None, statement=scalars["网站声明"] or None, agencies=agencies,
    )


def _parse_columns(node: yaml.Node, ctx: _Ctx, problems: list[Problem], field: str) -> tuple[ColumnConfig, ...]:
    if not isinstance(node, yaml.SequenceNode):
        problems.append(Problem("SB106", ctx.at(node), field=field, args={"expected": "栏目列表（每项以 - 开头）"}))
        return ()
    out: list[ColumnConfig] = []
    names: set[str] = set()
    slugs: set[str] = set()
    for item in node.value:
        if not isinstance(item, yaml.MappingNode):
            problems.append(Problem("SB106", ctx.at(item), field=field,
                                    args={"expected": "包含「名称」「路径」的映射"}))
            continue
        entry = {_key(k, _COLUMN_KEYS): (k, v) for k, v in item.value}
        for key, (key_node, _) in entry.items():
            if key not in _COLUMN_KEYS:
                hint = did_you_mean(key, list(_COLUMN_KEYS), {"slug": "路径", "name": "名称"})
                problems.append(Problem("SB104", ctx.at(key_node), field=key, args={"key": key, "hint": hint}))
        name_node = entry.get("名称", (None, None))[1]
        slug_node = entry.get("路径", (None, None))[1]
        if not isinstance(name_node, yaml.ScalarNode) or not str(name_node.value).strip():
            problems.append(Problem("SB105", ctx.at(item), field=f"{field}.名称"))
            continue
        name = str(name_node.value).strip()
        if not isinstance(slug_node, yaml.ScalarNode) or not str(slug_node.value).strip():
            problems.append(Problem("SB105", ctx.at(name_node), field=f"{name}.路径"))
            continue
        slug = str(slug_node.value).strip()
        if not _SLUG.match(slug):
            problems.append(Problem("SB107", ctx.at(slug_node), field=f"{name}.路径", args={"slug": slug}))
        if name in names or slug in slugs or "/" in name:
            problems.append(Problem("SB108", ctx.at(name_node), field=f"{name}.名称", args={"name": name}))
        names.add(name)
        slugs.add(slug)
        children: tuple[ColumnConfig, ...] = ()
        if "子栏目" in entry and not _is_empty(entry["子栏目"][1]):
            children = _parse_columns(entry["子栏目"][1], ctx, problems, f"{name}.子栏目")
        out.append(ColumnConfig(name=name, slug=slug, children=children))
    return tuple(out)


_PREFIX = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,39}$")


def _key(node: yaml.Node, known: tuple[str, ...]) -> str:
    """A key as written, or the known key it spells in traditional characters (網站名稱 is 网站名称)."""
    written = str(node.value)
    return known_spelling(written, known) or written


def _parse_agencies(node: yaml.Node, ctx: _Ctx, problems: list[Problem]) -> tuple[AgencyRule, ...]:
    """发布机构: [{名称, 索引号前缀, 序号位数}] — the 索引号 rule of each agency."""
    if not isinstance(node, yaml.SequenceNode):
        problems.append(Problem("SB106", ctx.at(node), field="发布机构", args={"expected": "列表（每项以 - 开头）"}))
        return ()
    rules: list[AgencyRule] = []
    for item in node.value:
        entry = {_key(k, _AGENCY_KEYS): v for k, v in item.value} if isinstance(item, yaml.MappingNode) else {}
        name = entry.get("名称")
        prefix = entry.get("索引号前缀")
        width = entry.get("序号位数")
        if not isinstance(name, yaml.ScalarNode) or not isinstance(prefix, yaml.ScalarNode):
            problems.append(Problem("SB105", ctx.at(item), field="发布机构.名称/索引号前缀"))
            continue
        if not _PREFIX.match(str(prefix.value)):
            problems.append(Problem("SB116", ctx.at(prefix), field=f"{name.value}.索引号前缀",
                                    args={"value": prefix.value}))
            continue
        digits = str(width.value) if isinstance(width, yaml.ScalarNode) else "5"
        count = whole_number(digits, 1, MAX_SERIAL_DIGITS)
        if count is None:
            problems.append(Problem("SB111", ctx.at(width or item), field=f"{name.value}.序号位数",
                                    args={"value": digits, "low": 1, "high": MAX_SERIAL_DIGITS}))
            continue
        rules.append(AgencyRule(name=str(name.value).strip(), prefix=str(prefix.value).strip(), width=count))
    return tuple(rules)


_URL_UNSAFE = re.compile(r"[\s\x00-\x1f\x7f\"<>\\^`{|}]")
"""What a URL may not hold as written (RFC 3986): it goes into every page's links, the sitemap and the feeds."""
_HOST_LABEL = re.compile(r"(?!-)[a-z0-9-]{1,63}(?<!-)")


def base_url_problem(url: str) -> str | None:
    """Why 网站地址 is not a site's address (in words for the message), or None when it is one."""
    if (bad := _URL_UNSAFE.search(url)) is not None:
        shown = "空格" if bad[0] in " \u3000" else bad[0] if bad[0].isprintable() else f"U+{ord(bad[0]):04X}"
        return f"含有网址中不能出现的字符（{shown}）"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - a port that is not a number raises here
    except ValueError:
        return "格式不是网址（请检查域名和端口）"
    if parts.scheme not in ("http", "https"):
        return "应以 http:// 或 https:// 开头"
    if parts.username is not None or parts.password is not None:
        return "不能包含用户名或密码（网址会公开在每个页面上）"
    if parts.query or parts.fragment or url.endswith(("?", "#")):
        return "不能带“?”或“#”及其后面的部分"
    host = parts.hostname or ""
    try:
        ascii_host = host.encode("idna").decode("ascii") if host else ""  # 中文域名 as browsers send them
    except UnicodeError:
        ascii_host = ""
    if not (ascii_host and all(_HOST_LABEL.fullmatch(label) for label in ascii_host.rstrip(".").split("."))) \
            and not (host and ":" in host):  # [IPv6] kept as written
        return "域名不正确"
    if not parts.path.isascii():
        return "路径中的中文等字符请写成百分号编码（如 %E6%99%AE）"
    return None


def ascii_address(url: str) -> str:
    """A 中文域名 as browsers send it (xn--…), for the sitemap, feeds and catalogue that machines read."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if host.isascii():
        return url
    netloc = host.encode("idna").decode("ascii") + (f":{parts.port}" if parts.port is not None else "")
    return parts._replace(netloc=netloc).geturl()


def _is_empty(node: yaml.Node) -> bool:
    if isinstance(node, yaml.ScalarNode):
        return not str(node.value).strip() or (node.tag.endswith(":null") and not node.style)
    return not node.value


def find_column(columns: tuple[ColumnConfig, ...], names: tuple[str, ...]) -> tuple[ColumnConfig, ...] | None:
    """The chain of column configs for a path of names, or None when the path does not exist."""
    chain: list[ColumnConfig] = []
    level = columns
    for name in names:
        match = next((c for c in level if c.name == name), None)
        if match is None:
            return None
        chain.append(match)
        level = match.children
    return tuple(chain) if chain else None


def unknown_column(columns: tuple[ColumnConfig, ...], written: str, where: Location) -> Problem:
    """SB309: no column has the path as written; the hint names the nearest one."""
    return Problem("SB309", where, field="栏目", args={"value": written, "hint": suggest_column(columns, written)})


def resolve_column(columns: tuple[ColumnConfig, ...], names: tuple[str, ...]) -> tuple[str, ...] | None:
    """The column's names as site.yaml spells them, for a path written as there or in traditional characters
    (法定主動公開內容/執行公開); None when no column has that path."""
    exact = find_column(columns, names)
    if exact is not None:
        return tuple(c.name for c in exact)
    found: list[str] = []
    level = columns
    for name in names:
        match = next((c for c in level if simplified(c.name) == simplified(name)), None)
        if match is None:
            return None
        found.append(match.name)
        level = match.children
    return tuple(found) if found else None


def all_column_paths(columns: tuple[ColumnConfig, ...], prefix: tuple[str, ...] = ()) -> list[str]:
    """Every column path as editors write it, e.g. 法定主动公开内容/决策公开/年度计划总结."""
    out: list[str] = []
    for column in columns:
        path = prefix + (column.name,)
        out.append("/".join(path))
        out.extend(all_column_paths(column.children, path))
    return out


def suggest_column(columns: tuple[ColumnConfig, ...], written: str) -> str:
    """A hint naming the nearest existing column path (matching on the last segment too)."""
    paths = all_column_paths(columns)
    hint = did_you_mean(written, paths)
    if hint:
        return hint
    last = written.split("/")[-1].strip()
    for path in paths:
        if path.split("/")[-1] == last:
            return f"，您是不是想写「{path}」？"
    return did_you_mean(last, paths)
