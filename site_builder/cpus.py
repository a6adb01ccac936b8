"""How many CPUs a build may really use, for the default number of worker processes.

os.cpu_count() is the machine's: a container given 2 CPUs on a 64-core host (docker --cpus=2, a CI runner)
still sees 64, and a build that forks a worker for each of them holds a renderer 64 times over and spends its
time waiting for its CPU quota. The affinity mask (taskset, --cpuset-cpus) and the cgroup CPU quota say what
this process may use."""

from __future__ import annotations

import math
import os
from pathlib import Path

PROC_CGROUP = Path("/proc/self/cgroup")
CGROUP_ROOT = Path("/sys/fs/cgroup")


def usable_cpus(proc_cgroup: Path = PROC_CGROUP, cgroup_root: Path = CGROUP_ROOT) -> int:
    """The CPUs in this process's affinity mask, fewer if a cgroup quota allows less (at least 1)."""
    try:
        count = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on Linux
        count = os.cpu_count() or 1
    quota = cgroup_cpu_limit(proc_cgroup, cgroup_root)
    return max(1, min(count, quota) if quota is not None else count)


def cgroup_cpu_limit(proc_cgroup: Path, cgroup_root: Path) -> int | None:
    """The smallest CPU quota (rounded up to whole CPUs) of this process's cgroup and the cgroups above it, in
    cgroup v2 (cpu.max) or v1 (cpu.cfs_quota_us / cpu.cfs_period_us); None when there is none or it cannot be
    read (no cgroups, another system)."""
    try:
        lines = proc_cgroup.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    limits: list[int] = []
    for line in lines:
        hierarchy, _, rest = line.partition(":")
        controllers, _, path = rest.partition(":")
        if hierarchy == "0" and not controllers:
            mount: Path | None = cgroup_root
            read = _v2_limit
        elif "cpu" in controllers.split(","):
            mount = next((cgroup_root / name for name in (controllers, "cpu", "cpu,cpuacct")
                          if (cgroup_root / name).is_dir()), None)
            read = _v1_limit
        else:
            continue
        if mount is None:
            continue
        for folder in _up_from(mount, path):
            if (limit := read(folder)) is not None:
                limits.append(limit)
    return min(limits) if limits else None


def _up_from(mount: Path, path: str) -> list[Path]:
    """The process's cgroup folder and those above it up to the mount; the mount alone when the path is not
    under it (a container sees its own cgroup as the root)."""
    parts = [part for part in path.split("/") if part and part not in (".", "..")]
    folders = [mount.joinpath(*parts[:depth]) for depth in range(len(parts), -1, -1)]
    found = [folder for folder in folders if folder.is_dir()]
    return found or [mount]


def _v2_limit(folder: Path) -> int | None:
    try:
        quota, _, period = (folder / "cpu.max").read_text(encoding="ascii").strip().partition(" ")
        return _whole_cpus(quota, period or "100000") if quota != "max" else None
    except (OSError, UnicodeDecodeError, ValueError):
        return None


def _v1_limit(folder: Path) -> int | None:
    try:
        quota = (folder / "cpu.cfs_quota_us").read_text(encoding="ascii").strip()
        period = (folder / "cpu.cfs_period_us").read_text(encoding="ascii").strip()
        return _whole_cpus(quota, period)
    except (OSError, UnicodeDecodeError, ValueError):
        return None


def _whole_cpus(quota: str, period: str) -> int | None:
    """A quota of 150000 µs each 100000 µs is 1.5 CPUs: 2 workers; -1 (v1) or nonsense is no limit."""
    quota_us, period_us = int(quota), int(period)
    if quota_us <= 0 or period_us <= 0:
        return None
    return max(1, math.ceil(quota_us / period_us))
