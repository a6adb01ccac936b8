"""The default number of worker processes follows the CPUs this process may use, cgroup quotas included."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from site_builder.cpus import cgroup_cpu_limit, usable_cpus


def _tree(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.mark.parametrize(("proc", "files", "limit"), [
    ("0::/\n", {"cg/cpu.max": "150000 100000\n"}, 2),  # docker --cpus=1.5, cgroup v2
    ("0::/\n", {"cg/cpu.max": "max 100000\n"}, None),
    ("0::/\n", {"cg/cpu.max": "200000\n"}, 2),  # period left out: the kernel's default
    ("0::/a/b\n", {"cg/cpu.max": "max 100000\n", "cg/a/cpu.max": "400000 100000\n", "cg/a/b/cpu.max": "max 100000\n"},
     4),  # a parent's quota holds for the cgroups under it
    ("0::/a/b\n", {"cg/a/cpu.max": "800000 100000\n", "cg/a/b/cpu.max": "300000 100000\n"}, 3),
    ("0::/not/mounted/here\n", {"cg/cpu.max": "100000 100000\n"}, 1),  # a container sees its cgroup as the root
    ("4:memory:/x\n3:cpu,cpuacct:/docker/x\n", {"cg/cpu,cpuacct/cpu.cfs_quota_us": "-1\n",
                                                "cg/cpu,cpuacct/cpu.cfs_period_us": "100000\n",
                                                "cg/cpu,cpuacct/docker/x/cpu.cfs_quota_us": "250000\n",
                                                "cg/cpu,cpuacct/docker/x/cpu.cfs_period_us": "100000\n"}, 3),  # v1
    ("1:cpu:/\n", {"cg/cpu/cpu.cfs_quota_us": "-1\n", "cg/cpu/cpu.cfs_period_us": "100000\n"}, None),
    ("1:cpu:/\n", {"cg/cpu/cpu.cfs_quota_us": "lots\n", "cg/cpu/cpu.cfs_period_us": "100000\n"}, None),
    ("0::/\n", {"cg/cpu.max": "0 0\n"}, None),
    ("1:memory:/\n", {"cg/memory/x": ""}, None),
    ("garbage without colons\n", {"cg/cpu.max": "100000 100000\n"}, None),
])
def test_the_cgroup_quota_in_whole_cpus(tmp_path: Path, proc: str, files: dict[str, str], limit: int | None) -> None:
    root = _tree(tmp_path, {"proc": proc, **files})
    assert cgroup_cpu_limit(root / "proc", root / "cg") == limit


def test_usable_cpus_is_the_affinity_mask_cut_by_the_quota(tmp_path: Path) -> None:
    mask = len(os.sched_getaffinity(0))
    assert usable_cpus(tmp_path / "missing", tmp_path) == mask  # no cgroup information: the mask alone
    root = _tree(tmp_path, {"proc": "0::/\n", "cg/cpu.max": "10000 100000\n"})  # a tenth of a CPU: still 1
    assert usable_cpus(root / "proc", root / "cg") == 1
    root = _tree(tmp_path / "big", {"proc": "0::/\n", "cg/cpu.max": "6400000 100000\n"})  # 64 CPUs allowed
    assert usable_cpus(root / "proc", root / "cg") == mask
