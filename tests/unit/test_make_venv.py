"""scripts/make_venv.sh: the venv is made on the first candidate that is Python 3.11+ and can make one."""

from __future__ import annotations

import os
import stat
import subprocess
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "make_venv.sh"


def fake_python(folder: Path, name: str, version_ok: bool, venv_ok: bool) -> Path:
    """A stand-in interpreter: answers the version check, and `-m venv DIR` by making DIR/bin/python."""
    path = folder / name
    path.write_text(
        "#!/bin/sh\n"
        f'if [ "$1" = "-c" ]; then exit {0 if version_ok else 1}; fi\n'
        f'if [ "$1" = "-m" ]; then mkdir -p "$3/bin"; {"" if venv_ok else "exit 1; "}'
        f'printf "#!/bin/sh\\necho {name}\\n" > "$3/bin/python"; chmod +x "$3/bin/python"; exit 0; fi\n'
        "exit 2\n", encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return path


def run(tmp_path: Path, candidates: str, python: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHON"}
    env["SITE_BUILDER_PYTHONS"] = candidates
    if python is not None:
        env["PYTHON"] = python
    return subprocess.run(["bash", str(SCRIPT), str(tmp_path / "venv")], env=env, capture_output=True, text=True,
                          check=False)


def test_the_first_candidate_that_works_makes_the_venv(tmp_path: Path) -> None:
    old = fake_python(tmp_path, "old", version_ok=False, venv_ok=True)
    no_venv = fake_python(tmp_path, "novenv", version_ok=True, venv_ok=False)
    good = fake_python(tmp_path, "good", version_ok=True, venv_ok=True)
    later = fake_python(tmp_path, "later", version_ok=True, venv_ok=True)
    result = run(tmp_path, f"{tmp_path / 'missing'} {old} {no_venv} {good} {later}")
    assert result.returncode == 0, result.stderr
    assert f"来自 {good}" in result.stdout
    made = subprocess.run([str(tmp_path / "venv" / "bin" / "python")], capture_output=True, text=True, check=True)
    assert made.stdout.strip() == "good"  # the half-made venv of novenv was removed first


def test_python_set_by_the_user_is_the_only_candidate(tmp_path: Path) -> None:
    good = fake_python(tmp_path, "good", version_ok=True, venv_ok=True)
    old = fake_python(tmp_path, "old", version_ok=False, venv_ok=True)
    result = run(tmp_path, str(good), python=str(old))
    assert result.returncode == 1
    assert not (tmp_path / "venv").exists()
    assert "找不到可以创建虚拟环境的 Python 3.11" in result.stderr and "PYTHON=" in result.stderr


def test_an_existing_folder_is_never_removed(tmp_path: Path) -> None:
    (tmp_path / "venv").mkdir()
    (tmp_path / "venv" / "keep.txt").write_text("x", encoding="utf-8")
    no_venv = fake_python(tmp_path, "novenv", version_ok=True, venv_ok=False)
    result = run(tmp_path, f"{no_venv} {no_venv}")
    assert result.returncode == 1 and "找不到可以创建虚拟环境" in result.stderr  # both tried, to the end
    assert (tmp_path / "venv" / "keep.txt").exists()
