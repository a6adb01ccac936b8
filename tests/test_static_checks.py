"""mypy --strict and ruff stay clean (both are installed with the test extras)."""

from __future__ import annotations

import subprocess
import sys

from .conftest import REPO


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=REPO, capture_output=True, text=True, timeout=300)


def test_mypy_strict() -> None:
    result = _run("mypy")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff() -> None:
    result = _run("ruff", "check", "site_builder", "tests", "scripts", "benchmarks")
    assert result.returncode == 0, result.stdout + result.stderr
