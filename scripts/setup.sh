#!/usr/bin/env bash
# Shared set-up for build.sh and test.sh: a project venv with site_builder installed (editable).
# Usage: source scripts/setup.sh [extra]   (extra = "test" also installs the test tools)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${SITE_BUILDER_VENV:-$ROOT/.venv}"
if [ ! -x "$VENV/bin/python" ]; then
  bash "$ROOT/scripts/make_venv.sh" "$VENV"
fi
extra="${1:-}"
spec="$ROOT"
[ -n "$extra" ] && spec="$ROOT[$extra]"
stamp="$VENV/.site-builder-installed-$extra"
if [ ! -f "$stamp" ] || [ "$ROOT/pyproject.toml" -nt "$stamp" ]; then
  echo "安装 Python 依赖（$spec）"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -e "$spec"
  touch "$stamp"
fi

# System packages (Debian): install what is missing, as root or through sudo.
need_apt() {
  local missing=()
  for pkg in "$@"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "安装系统软件包：${missing[*]}"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}
