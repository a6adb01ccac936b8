"""argparse in 中文: its help headings, usage line and error messages are English (usage:, options:,
"invalid choice"), in a tool whose every other word is Chinese."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable
from typing import Any, NoReturn

from .messages import Rewording, reworded

EXIT_USAGE = 2
_TYPES = {"int": "整数", "float": "数字"}
_ERRORS: Rewording = [
    (re.compile(r"argument (?P<name>.+?): invalid (?P<type>\w+) value: '(?P<value>.*)'"),
     "参数 {name} 的值「{value}」无效：应为{type}"),
    (re.compile(r"argument (?P<name>.+?): invalid choice: '(?P<value>.*)' \(choose from (?P<choices>.*)\)"),
     "参数 {name} 的值「{value}」无效，可选：{choices}"),
    (re.compile(r"argument (?P<name>.+?): expected (?:one|at least one) argument"), "参数 {name} 后面缺少值"),
    (re.compile(r"the following arguments are required: (?P<names>.*)"), "缺少必需的参数：{names}"),
    (re.compile(r"unrecognized arguments: (?P<names>.*)"), "无法识别的参数：{names}"),
    (re.compile(r"ambiguous option: (?P<option>\S+) could match (?P<matches>.*)"),
     "选项 {option} 有歧义，可能是：{matches}"),
    (re.compile(r"argument (?P<name>.+?): (?P<detail>.*)"), "参数 {name}：{detail}"),  # our own types' messages
]


def translated(message: str) -> str:
    """argparse's error message in Chinese (as it was, for one it has never been seen to write)."""
    return reworded(message.strip(), _ERRORS, _readable) or message


def _readable(parts: dict[str, str]) -> dict[str, str]:
    if "type" in parts:
        parts["type"] = _TYPES.get(parts["type"], parts["type"])
    if "choices" in parts:
        parts["choices"] = "、".join(choice.strip(" '") for choice in parts["choices"].split(","))
    return parts


class ChineseHelpFormatter(argparse.HelpFormatter):
    def add_usage(self, usage: str | None, actions: Iterable[argparse.Action],
                  groups: Iterable[argparse._MutuallyExclusiveGroup], prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


class ChineseParser(argparse.ArgumentParser):
    """argparse that speaks Chinese and reports usage errors with code SB900 and exit status 2."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["add_help"] = False
        kwargs.setdefault("formatter_class", ChineseHelpFormatter)
        super().__init__(*args, **kwargs)
        self._positionals.title = "位置参数"
        self._optionals.title = "选项"
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help="显示本帮助并退出")

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        code = "" if message.rstrip().endswith("]") and "[SB9" in message else " [SB900]"
        self.exit(EXIT_USAGE, f"参数错误：{translated(message)}{code}\n")
