#!/usr/bin/env bash
# Run the whole test suite, installing what is needed first (Python packages, Chromium, CJK fonts).
# Any arguments are passed to pytest (e.g. -m "not browser" for a quick run without the browser).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh" test
need_apt chromium fonts-noto-cjk fonts-arphic-ukai libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 poppler-utils \
  libreoffice-writer-nogui
cd "$ROOT"
set +e
"$VENV/bin/python" -m pytest "$@"
status=$?
set -e
if [ "$status" -eq 5 ]; then
  echo "错误：pytest 没有收集到任何测试（退出码 5），视为失败" >&2
  exit 1
fi
exit "$status"
