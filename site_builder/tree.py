"""One directory walk for the build's large trees (content/, the output, the tool's code): os.scandir, whose
entries already know their type, instead of os.walk and a Path per name."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator


def entries_under(root: str, enter: Callable[[os.DirEntry[str]], bool]) -> Iterator[os.DirEntry[str]]:
    """Every entry under root, in no particular order; a folder is walked into when `enter` says so (it is
    yielded either way). An unreadable folder is passed over."""
    folders = [root]
    while folders:
        try:
            scan = list(os.scandir(folders.pop()))
        except OSError:
            continue
        for entry in scan:
            if enter(entry):
                folders.append(entry.path)
            yield entry
