"""Split a listing into numbered pages."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from .urls import page_file

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page of a listing: its items, its number and the paths of every page."""

    number: int
    items: tuple[T, ...]
    paths: tuple[str, ...]
    """Output path of every page of the listing, page 1 first."""
    first_index: int
    """1-based 序号 of the first item on this page."""
    total: int

    @property
    def path(self) -> str:
        return self.paths[self.number - 1]

    @property
    def count(self) -> int:
        return len(self.paths)

    def window(self, around: int = 2) -> list[int | None]:
        """Page numbers the pager links: the first, the last and `around` either side of this one; None marks
        pages left out. A listing of thousands of pages must not put thousands of links on every page."""
        wanted = {1, self.count, *range(self.number - around, self.number + around + 1)}
        shown: list[int | None] = []
        for number in sorted(n for n in wanted if 1 <= n <= self.count):
            if shown and number - (shown[-1] or 0) == 2:
                shown.append(number - 1)  # a gap of one page: link it rather than show "…"
            elif shown and number - (shown[-1] or 0) > 2:
                shown.append(None)
            shown.append(number)
        return shown


def paginate(items: Sequence[T], size: int, folder: str) -> list[Page[T]]:
    """Pages of at most `size` items; an empty listing yields no pages (never an empty page)."""
    chunks = [tuple(items[i : i + size]) for i in range(0, len(items), size)]
    paths = tuple(page_file(folder, n) for n in range(1, len(chunks) + 1))
    return [
        Page(number=n, items=chunk, paths=paths, first_index=(n - 1) * size + 1, total=len(items))
        for n, chunk in enumerate(chunks, start=1)
    ]
