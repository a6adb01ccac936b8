"""Split the YAML header from a report and keep the line of every key, without YAML's type guessing."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from typing import Any

import yaml

from .errors import Location, Problem
from .hanzi import known_spelling
from .metadata import KEYS
from .model import FieldValue, FrontMatter, Nested, Source

_BASE_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml when PyYAML has it (about ten times faster); the same nodes, marks and errors either way."""
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_NULL, _STR, _SEQ, _MAP = (f"tag:yaml.org,2002:{name}" for name in ("null", "str", "seq", "map"))


class _Loader(_BASE_LOADER):  # type: ignore[misc]
    """Values are kept as the author typed them (no guessing of numbers, dates or yes/no), so the one type
    that matters is null: PyYAML's resolver tried its patterns in Python on every value (1% of a clean
    build). A tag written before a value is the parser's, never asked for here (see explicit_tag)."""

    def resolve(self, kind: type[yaml.Node], value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode:
            return _NULL if implicit[0] and value in _NULLS else _STR
        return _SEQ if kind is yaml.SequenceNode else _MAP


_LOADER = _Loader
_FENCE = "---"
_END_FENCES = ("---", "...")


def split_front_matter(source: Source) -> FrontMatter | list[Problem]:
    """The header's fields and the body; a list of problems if the header is unreadable. A field name written
    in traditional characters (索引號) is read as the field it spells."""
    found = header_and_body(source.text)
    if found is None:
        return [Problem("SB203", Location(source.rel, 1), args={"hint": missing_fence_hint(source.text)})]
    if isinstance(found, int):
        dashes = _dash_line(source.text)
        hint = f"（第 {dashes[0]} 行「{dashes[1]}」像是结束行，但只有三个半角减号 --- 才算）" if dashes else ""
        return [Problem("SB204", Location(source.rel, dashes[0] if dashes else 1), args={"hint": hint})]
    header, body, end = found
    if mistakes := colon_mistakes(header, source.rel, first_line=2):
        return mistakes
    result = parse_mapping(header, source.rel, line_offset=1, alias_code="SB208", syntax_code="SB205",
                           known=KEYS, tag_code="SB221")
    if isinstance(result, list):
        return result
    return FrontMatter(fields=result, body=body, body_line=end + 2)


_COLON_MISTAKE = re.compile(r"(?P<indent>[ ]*(?:-[ ]+)?)(?P<key>[\u3400-\u4dbf\u4e00-\u9fff]{1,12})"
                            r"(?:[ \u3000]*(?P<full>：)|:(?=[^ \t\n]))[ \u3000]*(?P<value>.*)")
"""A field written 信息名称：… (a Chinese input method's colon) or 信息名称:… (no space after the colon): to YAML
neither is a field at all, and its own error named another line or called the header a single value."""


def colon_mistakes(text: str, rel: str, first_line: int, known: Collection[str] = ()) -> list[Problem]:
    """SB220 at each line of `text` that is a Chinese field name and value with the wrong colon: any name at the
    top level (a report's header), or with `known` names, those at any depth (site.yaml's columns)."""
    if "：" not in text and ":" not in text:
        return []
    found: list[Problem] = []
    for number, line in enumerate(text.split("\n"), start=first_line):
        match = _COLON_MISTAKE.fullmatch(line.rstrip())
        if match is None or (match["key"] not in known if known else match["indent"]):
            continue
        found.append(Problem("SB220", Location(rel, number), field=match["key"], args={
            "problem": "用了全角冒号「：」" if match["full"] else "冒号后面缺少空格",
            "fixed": f"{match['indent']}{match['key']}: {match['value']}".strip()}))
    return found


_DASHES = re.compile(r"[-—－–−_━─]{2,}")
"""A line of dashes that is not ---: long dashes typed by a Chinese input method (——), full-width ones (－－－),
or four hyphens."""


def _wrong_fence(line: str) -> bool:
    return _DASHES.fullmatch(line) is not None and line != _FENCE


def _dash_line(text: str) -> tuple[int, str] | None:
    """The first line after the first of `text` (its number and text) that looks like a fence but is not one."""
    for number, line in enumerate(text.split("\n", 200)[1:200], start=2):
        if _wrong_fence(line.strip()):
            return number, line.strip()
    return None


def missing_fence_hint(text: str) -> str:
    """What the file starts with instead of ---, in words: blank lines above it, the TOML (+++) or JSON ({)
    front matter Hugo users bring, or nothing at all."""
    lines = text.split("\n", 50)[:50]
    first = next((number for number, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return "（文件是空的）" if len(lines) < 50 else ""
    line = lines[first].strip()
    if _wrong_fence(line):
        return f"（第一行「{line}」不是 ---：请改为三个半角减号）"
    if line == _FENCE:
        return f"（--- 之前有 {first} 个空行，请删除它们，让 --- 成为第一行）"
    if line == "+++":
        return "（这是 Hugo 的 TOML 写法：请把 +++ 改为 ---，字段写成「键: 值」）"
    if line.startswith("{"):
        return "（这是 JSON 写法：请改为 --- 之间「键: 值」的 YAML）"
    return ""


def header_and_body(text: str) -> tuple[str, str, int] | int | None:
    """(header, body, line number of the closing fence counted from 0) found line by line from the top, so
    a long body is not split into lines; None without an opening fence, 0 without a closing one."""
    first_end = text.find("\n")
    if (text if first_end < 0 else text[:first_end]).rstrip() != _FENCE:
        return None
    start, number = first_end + 1, 1
    while first_end >= 0:
        end = text.find("\n", start)
        if (text[start:] if end < 0 else text[start:end]).rstrip() in _END_FENCES:
            return text[first_end + 1 : start - 1], "" if end < 0 else text[end + 1 :], number
        if end < 0:
            break
        start, number = end + 1, number + 1
    return 0


def compose(text: str, rel: str, line_offset: int, syntax_code: str) -> yaml.Node | None | Problem:
    """YAML text to a node tree, or the syntax problem with its line."""
    try:
        return yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 + line_offset if mark else None
        detail = _translate_yaml(_problem_text(exc)) + _quote_hint(text, exc)
        if mark is not None and "\t" in _line(text, mark.line) and "Tab" not in detail:  # libyaml calls it a token
            detail = "不能使用 Tab 缩进，请改用空格"
        return Problem(syntax_code, Location(rel, line), args={"detail": detail})
    except yaml.reader.ReaderError as exc:  # a character YAML refuses; libyaml counts its position in bytes
        at = text.find(chr(exc.character)) if isinstance(exc.character, int) else -1
        line = text.count("\n", 0, at) + 1 + line_offset if at >= 0 else None
        code = f"U+{exc.character:04X}" if isinstance(exc.character, int) else "?"
        return Problem(syntax_code, Location(rel, line), args={"detail": f"含有不允许的控制字符 {code}"})
    except yaml.YAMLError as exc:
        return Problem(syntax_code, Location(rel, None), args={"detail": _translate_yaml(str(exc))})


def _problem_text(exc: yaml.MarkedYAMLError) -> str:
    """The problem in libyaml's words; for a duplicate anchor the composer puts them in the context."""
    return " ".join(part for part in (exc.context, exc.problem) if part) if exc.problem else str(exc)


def _line(text: str, number: int) -> str:
    lines = text.split("\n")
    return lines[number] if 0 <= number < len(lines) else ""


_SPECIAL_START = tuple("{[&*!|>%@`'\"")


def _quote_hint(text: str, exc: yaml.MarkedYAMLError) -> str:
    """Most YAML errors editors meet come from a value starting with a YAML symbol; say so."""
    lines = text.split("\n")
    for mark in (exc.context_mark, exc.problem_mark):
        if mark is not None and mark.line < len(lines):
            _, sep, value = lines[mark.line].partition(":")
            if sep and value.strip().startswith(_SPECIAL_START):
                return "；值以 { [ & * ! | > % @ 等符号开头时，请把整个值用引号括起来"
    return ""


def nodes(node: yaml.Node) -> Iterator[yaml.Node]:
    """Every node under `node` (itself first) in document order, a node reached twice (an alias) each time: the
    reader stops where it has what it looks for, so a YAML bomb's shared nodes are never walked out."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        if isinstance(current, yaml.MappingNode):
            for k, v in reversed(current.value):
                stack.extend((v, k))
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(reversed(current.value))


def has_alias(node: yaml.Node) -> yaml.Node | None:
    """The first node reached twice (an alias), since aliases can blow up into huge documents."""
    seen: set[int] = set()
    for current in nodes(node):
        if id(current) in seen:
            return current
        seen.add(id(current))
    return None


_IMPLICIT_TAGS = frozenset(f"tag:yaml.org,2002:{name}" for name in
                           ("str", "int", "float", "bool", "null", "timestamp", "seq", "map", "merge"))
"""Tags after which nothing of the value is lost: the ones the resolver gives (null, str, seq, map) and YAML's
other core types written out (!!int 12 keeps its text, 12); any other tag (!x, !!python/…) was written before a
value whose words it hides."""
_CORE_PREFIX = "tag:yaml.org,2002:"


def explicit_tag(node: yaml.Node) -> yaml.Node | None:
    """The first node with a tag written before it: YAML takes `!important 关于…` as the tag !important and the
    text 关于…, and the words in the tag would vanish from the page without a word."""
    return next((current for current in nodes(node) if current.tag not in _IMPLICIT_TAGS), None)


_COMMENT = re.compile(r"[ \t]+#(?=[^ \t])")
"""A comment whose # is followed at once by text, as a topic tag is (#宪法宣传周#): "# 待填写" with a space, as
`import` writes after each field, is a comment written as one."""


def trailing_comment(lines: list[str], node: yaml.Node) -> tuple[int, str] | None:
    """(0-based line, text from the #) of the first YAML comment that looks like text (see _COMMENT) right after
    an unquoted value of `node` (a scalar, or an item of a block list); a quoted value's comment was written
    knowing YAML, and is left alone."""
    items = node.value if isinstance(node, yaml.SequenceNode) and not node.flow_style else [node]
    for item in items:
        if isinstance(item, yaml.ScalarNode) and not item.style and item.end_mark.line < len(lines):
            end = item.end_mark
            rest = lines[end.line][end.column:]
            if _COMMENT.match(rest):
                return end.line, rest.strip(" \t")
    return None


def shown_tag(tag: str) -> str:
    """A tag as it was written: !!name for YAML's own, !name for a local one, !<uri> for a verbatim one."""
    if tag.startswith(_CORE_PREFIX):
        return "!!" + tag[len(_CORE_PREFIX):]
    return tag if tag.startswith("!") else f"!<{tag}>"


def parse_mapping(
    text: str, rel: str, line_offset: int, alias_code: str, syntax_code: str, known: Collection[str] = (),
    tag_code: str | None = None,
) -> dict[str, FieldValue] | list[Problem]:
    """A flat mapping of string keys to scalar or list-of-scalar values, with duplicate keys refused (a key
    and its traditional spelling are the same key when it is one of the `known` ones); with `tag_code`, a value
    with a YAML tag too (a tag needs a !: without one, none is looked for)."""
    node = compose(text, rel, line_offset, syntax_code)
    if isinstance(node, Problem):
        return [node]
    if node is None:
        return {}
    alias = has_alias(node) if "*" in text else None  # an alias is written *name: without one, no node is shared
    if alias is not None:
        return [Problem(alias_code, Location(rel, alias.start_mark.line + 1 + line_offset))]
    if not isinstance(node, yaml.MappingNode):
        kind = "列表" if isinstance(node, yaml.SequenceNode) else "单个值"
        return [Problem("SB206", Location(rel, node.start_mark.line + 1 + line_offset), args={"kind": kind})]
    fields: dict[str, FieldValue] = {}
    problems: list[Problem] = []
    tags = tag_code is not None and "!" in text
    lines = text.split("\n") if "#" in text else []  # a comment needs a #: without one, none is looked for
    if tags and node.tag not in _IMPLICIT_TAGS:
        problems.append(Problem(str(tag_code), Location(rel, node.start_mark.line + 1 + line_offset),
                                args={"tag": shown_tag(node.tag)}))
    for key_node, value_node in node.value:
        line = key_node.start_mark.line + 1 + line_offset
        key = str(key_node.value).strip() if isinstance(key_node, yaml.ScalarNode) else repr(key_node)
        if known:
            key = known_spelling(key, known) or key
        if key in fields:
            problems.append(Problem("SB207", Location(rel, line), field=key, args={"first": fields[key].line}))
            continue
        if tags and (tagged := explicit_tag(key_node) or explicit_tag(value_node)) is not None:
            problems.append(Problem(str(tag_code), Location(rel, tagged.start_mark.line + 1 + line_offset),
                                    field=key, args={"tag": shown_tag(tagged.tag)}))
            continue
        comment = trailing_comment(lines, value_node) if lines else None
        fields[key] = FieldValue(node_value(value_node), line,
                                 (comment[0] + 1 + line_offset, comment[1]) if comment else None)
    return problems or fields


def node_value(node: yaml.Node) -> str | list[str] | None:
    """Scalars as the author typed them; sequences as lists; a nested mapping, or a list in a list, as Nested."""
    if isinstance(node, yaml.ScalarNode):
        if node.tag == "tag:yaml.org,2002:null" and not node.style:  # plain (None in PyYAML, "" in libyaml)
            return None
        return str(node.value)
    if isinstance(node, yaml.SequenceNode):
        return [v if isinstance(v, str) else Nested("list") for v in (node_value(item) for item in node.value)
                if v is not None]
    return None if not node.value else Nested("mapping")


_YAML_WORDS = {  # first match wins; libyaml and PyYAML word a few differently ("here", "in this context")
    "mapping values are not allowed": "此处不允许出现「键: 值」（冒号后的内容可能需要加引号）",
    "block sequence entries are not allowed": "此处不能开始列表（「- 」应另起一行并缩进）",
    "found a tab character": "不能使用 Tab 缩进，请改用空格",
    "did not find expected '-' indicator": "列表各项的缩进不一致（每项都应以同样缩进的「- 」开头）",
    "did not find expected node content": "此处缺少内容（可能是括号或引号没有闭合）",
    "did not find expected comment or line break": "这一行多出了内容（可能需要把整个值用引号括起来）",
    "found character that cannot start any token": "值不能以这个字符开头",
    "found undefined tag handle": "使用了未定义的标签（以 ! 开头的值请用引号括起来）",
    "found duplicate anchor": "同一个锚点（&名称）定义了两次",
    "but found another document": "只能有一个 YAML 文档（中间不能再有 ---）",
    "could not find expected ':'": "缺少冒号「:」",
    "found character '\\t' that cannot start any token": "不能使用 Tab 缩进，请改用空格",
    "found undefined alias": "使用了未定义的别名",
    "expected <block end>, but found": "缩进不一致",
    "found unexpected end of stream": "文件意外结束（可能缺少引号）",
    "found unknown escape character": "引号内有无法识别的转义字符",
    "did not find expected key": "缩进不一致或缺少键",
    "expected ',' or ']'": "方括号 [ ] 没有正确闭合",
    "expected ',' or '}'": "花括号 { } 没有正确闭合",
    "found unacceptable character": "含有不允许的字符",
}


def _translate_yaml(detail: str) -> str:
    for english, chinese in _YAML_WORDS.items():
        if english in detail:
            return chinese
    return detail
