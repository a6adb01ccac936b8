"""Problems found while building, each knowing where it happened and how to print itself."""

from __future__ import annotations

import errno
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field as dc_field
from enum import StrEnum
from pathlib import PurePosixPath

from .messages import render_message
from .pickling import pickled_as_fields


class Severity(StrEnum):
    """Errors stop the build; warnings are printed and the build goes on."""

    ERROR = "error"
    WARNING = "warning"


@pickled_as_fields
@dataclass(frozen=True, slots=True)
class Location:
    """A place in a project file, as an editor would look for it."""

    path: str
    """Path relative to the project folder, with forward slashes."""
    line: int | None = None
    """1-based line number, when known."""

    def __str__(self) -> str:
        return self.path if self.line is None else f"{self.path} 第 {self.line} 行"


@pickled_as_fields
@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the input: a stable code, where, which field, and the details."""

    code: str
    location: Location | None
    field: str | None = None
    args: dict[str, object] = dc_field(default_factory=dict)
    severity: Severity = Severity.ERROR

    @property
    def message(self) -> str:
        return render_message(self.code, self.args)

    def format(self) -> str:
        """The one-line form: `path 第 N 行，字段「X」：说明 [SBnnn]`."""
        parts = []
        if self.location is not None:
            parts.append(str(self.location))
        if self.field:
            parts.append(f"字段「{self.field}」")
        prefix = "，".join(parts)
        kind = "警告：" if self.severity is Severity.WARNING else ""
        body = f"{kind}{self.message} [{self.code}]"
        return f"{prefix}：{body}" if prefix else body


class BuildFailed(Exception):
    """Raised once, with every problem collected, when the input cannot be built."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


def relative_to(root: object) -> Callable[[object], str]:
    """relpath for many paths under one root: the root is made absolute once (10,000 reports a build)."""
    import os

    prefix = os.path.abspath(str(root)) + os.sep

    def rel(path: object) -> str:
        text = str(path)
        absolute = text if text.startswith(prefix) else os.path.abspath(text)
        if absolute.startswith(prefix) and ".." not in absolute:
            return absolute[len(prefix) :].replace(os.sep, "/")
        return relpath(path, root)

    return rel


def relpath(path: object, root: object) -> str:
    """A path as shown in messages: relative to the project root when inside it."""
    import os
    from pathlib import Path

    absolute, base_text = os.path.abspath(str(path)), os.path.abspath(str(root))
    if absolute.startswith(base_text + os.sep):
        return absolute[len(base_text) + 1 :].replace(os.sep, "/")
    p, r = Path(absolute), Path(base_text)
    for candidate, base in ((p, r), (p.resolve(), r.resolve())):
        if candidate.is_relative_to(base):
            return PurePosixPath(candidate.relative_to(base)).as_posix()
    return p.as_posix()


def errors_only(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity is Severity.ERROR]


SAME_KIND_SHOWN = 20
"""Problems of one code in one file listed before the rest are counted: a file with 50,000 missing images
printed 50,000 lines, burying every other file's errors."""


def listed(problems: list[Problem]) -> list[str]:
    """The problems as lines for a person: each, up to SAME_KIND_SHOWN of one code in one file, then one line
    counting the rest (machine-readable output keeps them all)."""
    def kind(problem: Problem) -> tuple[str, str]:
        return (problem.location.path if problem.location else "", problem.code)

    total = Counter(map(kind, problems))
    shown: Counter[tuple[str, str]] = Counter()
    lines: list[str] = []
    for problem in problems:
        shown[key := kind(problem)] += 1
        if shown[key] <= SAME_KIND_SHOWN:
            lines.append(problem.format())
        elif shown[key] == SAME_KIND_SHOWN + 1:
            where = f"{key[0]}：" if key[0] else ""
            lines.append(f"{where}另有 {total[key] - SAME_KIND_SHOWN} 个同类问题未列出 [{problem.code}]")
    return lines


_OS_REASONS = {errno.EACCES: "没有{action}权限", errno.EPERM: "没有{action}权限", errno.ENOSPC: "磁盘空间不足",
               errno.EDQUOT: "超出磁盘配额", errno.EROFS: "文件系统为只读", errno.ENAMETOOLONG: "文件名或路径过长",
               errno.ENOENT: "文件或目录不存在（可能被其他程序删除或移走）", errno.EIO: "磁盘{action}出错",
               errno.ELOOP: "符号链接形成循环"}


def os_reason(exc: OSError, action: str = "写入", named: bool = True) -> str:
    """Why reading or writing (`action`) failed, in words a webmaster can act on, with the file unless the
    message names it already; the system's own (English) words only for rarer errors, after their number."""
    known = _OS_REASONS.get(exc.errno or 0)
    reason = known.format(action=action) if known else f"系统错误 {exc.errno}（{exc.strerror or type(exc).__name__}）"
    return f"{reason}（{exc.filename}）" if named and exc.filename else reason


def cache_not_saved(exc: OSError) -> Problem:
    """The warning for a build whose site is in place but whose caches could not be written (a full disk):
    caches are checked against the files they describe, so an old one left behind is never trusted wrongly."""
    return Problem("SB410", None, args={"detail": os_reason(exc)}, severity=Severity.WARNING)
