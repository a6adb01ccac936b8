"""One build of a project at a time. A second build started while one ran (a cron job and a webmaster, two
terminals) swept away the first one's staging folder as if a killed build had left it, and both wrote the
project's cache files."""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from pathlib import Path

from .errors import BuildFailed, Location, Problem

LOCK = Path(".site_builder") / "build.lock"
"""In the project's git-ignored cache folder, which every build of the project writes (whatever its output)."""


@contextlib.contextmanager
def build_lock(project_dir: Path) -> Iterator[None]:
    """Hold the project's lock for the block, or refuse at once (SB409) naming the build that holds it.

    The kernel drops the lock when its holder exits, however it ends: a killed build never leaves one behind.
    Where the cache folder cannot be written (a read-only checkout) there is no lock, and no cache either."""
    try:
        (project_dir / LOCK).parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(project_dir / LOCK, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    except OSError:
        yield
        return
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "?"
            raise BuildFailed([Problem("SB409", Location(str(project_dir)), args={"pid": holder})]) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)  # for the message another build shows
        yield
    finally:
        os.close(fd)
