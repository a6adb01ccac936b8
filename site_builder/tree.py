"""One directory walk for the build's large trees (content/, the output, the tool's code): os.scandir, whose
entries already know their type, instead of os.walk and a Path per name."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator


def entries_under(root: str, enter: Callable[[os.DirEntry[str]], bool],
                  failed: Callable[[str, OSError], None] | None = None) -> Iterator[os.DirEntry[str]]:
    """Every entry under root, in no particular order; a folder is walked into when `enter` says so (it is
    yielded either way). A folder that cannot be read is passed over, and told to `failed` if given."""
    folders = [root]
    while folders:
        folder = folders.pop()
        try:
            scan = list(os.scandir(folder))
        except OSError as exc:
            if failed is not None:
                failed(folder, exc)
            continue
        for entry in scan:
            if enter(entry):
                folders.append(entry.path)
            yield entry
