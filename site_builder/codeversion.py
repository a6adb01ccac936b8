"""The tool's version as caches see it: the release number and a digest of the package's own code. A cache
made by other code (an upgrade, or an editable install whose number stays while its code changes) then
never gives pages, downloads or parsed reports made by the old renderer."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from . import __version__

PACKAGE = Path(__file__).resolve().parent


@lru_cache(maxsize=4)
def code_version(package: Path = PACKAGE) -> str:
    """Computed once per process (the package's source files: about 2 ms)."""
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    return f"{__version__}+{digest.hexdigest()[:20]}"
