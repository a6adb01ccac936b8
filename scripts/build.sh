#!/usr/bin/env bash
# Build the bundled sample site into output/, installing what is needed first.
# Any arguments are passed to `site-builder build` (e.g. --no-minify, --today 2026-01-01).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh" ""
cd "$ROOT"
exec "$VENV/bin/site-builder" build . "$@"
